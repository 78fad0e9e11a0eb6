"""Money: "$2.5 million" -> "two point five million dollars", "£1.20" -> "one pound twenty pence"."""

from __future__ import annotations

import re
from functools import partial

from .modifiers import is_modifier
from .numbers import decimal, integer
from .rewrite import DIGITS, Rule, needing
from .variety import VARIETIES, Variety

#: symbol -> (singular, plural, minor singular, minor plural); "" minor when none is said
CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("U.S. dollar", "U.S. dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "€": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "₩": ("won", "won", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₴": ("hryvnia", "hryvnias", "kopiyka", "kopiykas"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "R$": ("real", "reais", "centavo", "centavos"),
    "RS.": ("rupee", "rupees", "paisa", "paise"),
}
SCALE_WORDS = {
    "k": "thousand",
    "thousand": "thousand",
    "m": "million",
    "mn": "million",
    "mln": "million",
    "million": "million",
    "b": "billion",
    "bn": "billion",
    "billion": "billion",
    "t": "trillion",
    "tn": "trillion",
    "trillion": "trillion",
    "lakh": "lakh",
    "crore": "crore",
}
SYMBOL = "|".join(re.escape(s) for s in sorted(CURRENCIES, key=len, reverse=True))
AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
SCALE = r"thousand|million|billion|trillion|lakh|crore|mln|mn|bn|tn|[kKmMbBtT](?![\w'\u2019-])"
PER = {
    "mo": "month",
    "month": "month",
    "yr": "year",
    "year": "year",
    "wk": "week",
    "week": "week",
    "d": "day",
    "day": "day",
    "hr": "hour",
    "h": "hour",
    "hour": "hour",
    "night": "night",
    "person": "person",
    "share": "share",
    "barrel": "barrel",
    "bbl": "barrel",
    "ton": "ton",
    "t": "tonne",
    "kg": "kilogram",
    "lb": "pound",
    "gal": "gallon",
    "l": "liter",
    "mwh": "megawatt hour",
    "kwh": "kilowatt hour",
    "sq ft": "square foot",
    "head": "head",
    "min": "minute",
    "oz": "ounce",
    "tonne": "tonne",
    "mile": "mile",
    "km": "kilometer",
    "sqm": "square meter",
    "m2": "square meter",
}
MONEY = re.compile(
    rf"(?<![\w$])(?P<minus>[-\u2212])?(?P<cur>{SYMBOL})\s?(?P<a>{AMOUNT})"
    rf"(?:\s?[-\u2013]\s?(?:{SYMBOL})?\s?(?P<b>{AMOUNT}))?"
    rf"(?:(?:\s?|(?P<hyphen>-))(?P<scale>{SCALE})(?![\w'\u2019]|-(?!\w)))?"
    rf"(?:\s?/\s?(?:(?P<per>{'|'.join(sorted(PER, key=len, reverse=True))})\b"
    # any other word after the slash is what the price is for: "$3.49/gallon", "99 cents/song"
    r"|(?!(?:and|or|the|to|of|in|on|at|for|with|from|per)\b)(?P<perword>(?-i:[a-z]{2,}))\b(?![/'\u2019-]\w)))?",
    re.IGNORECASE,
)


#: how each variety joins major and minor units: "five dollars and ten cents", "five pounds ten pence"
MINOR_JOIN: dict[Variety, str] = {"en-us": " and ", "en-gb": " "}
def _plain(amount: str, currency: tuple[str, str, str, str], join: str = " ") -> str:
    """Say an amount without a scale word, with minor units when written to the cent."""
    major, majors, minor, minors = currency
    whole, _, frac = amount.replace(",", "").partition(".")
    frac = frac.rstrip("0")
    if len(frac) > 2 or (frac and not minor):
        return f"{decimal(amount)} {majors}"
    units = int(whole or "0")
    cents = int(frac.ljust(2, "0")) if frac else 0
    parts = []
    if units or not cents:
        parts.append(f"{integer(whole or '0')} {major if units == 1 else majors}")
    if cents:
        parts.append(f"{integer(str(cents))} {minor if cents == 1 else minors}")
    return join.join(parts)


def say_money(match: re.Match[str], variety: Variety) -> str | tuple[str, str]:
    """Say one money match with any rate: "$20/mo" -> "twenty dollars per month"."""
    currency = CURRENCIES[match["cur"].upper()]
    whole_units = "." not in match["a"] or match["scale"]
    modifier = match["hyphen"] or is_modifier(match.string, match.start(), match.end())
    rate = PER[match["per"].lower()] if match["per"] else match["perword"]
    if whole_units and not rate and not match["b"] and modifier:
        said = _say_amount(match, currency, MINOR_JOIN[variety])
        major, majors = currency[0], currency[1]
        if said.endswith(" " + majors) and major != majors:
            said = said[: -len(majors)] + major
        return said, "money as a modifier: 'a $5 fee' is a five dollar fee"
    said = _say_amount(match, currency, MINOR_JOIN[variety])
    return said + (f" per {rate}" if rate else "")


def _say_amount(match: re.Match[str], currency: tuple[str, str, str, str], join: str) -> str:
    """Say the amount of a money match, a range of two amounts sharing the currency and scale."""
    sign = "minus " if match["minus"] else ""
    scale = match["scale"]
    if scale:
        word = SCALE_WORDS[scale.lower()]
        first = decimal(match["a"])
        if match["b"]:
            return f"{sign}{first} to {decimal(match['b'])} {word} {currency[1]}"
        return f"{sign}{first} {word} {currency[1]}"
    said = sign + _plain(match["a"], currency, join)
    if match["b"]:
        said += " to " + _plain(match["b"], currency, join)
    return said


#: ISO codes written before or after an amount: "USD 5 million", "100 CHF"
CODES: dict[str, tuple[str, str]] = {
    "USD": ("U.S. dollar", "U.S. dollars"),
    "EUR": ("euro", "euros"),
    "GBP": ("pound", "pounds"),
    "JPY": ("yen", "yen"),
    "CHF": ("Swiss franc", "Swiss francs"),
    "CAD": ("Canadian dollar", "Canadian dollars"),
    "AUD": ("Australian dollar", "Australian dollars"),
    "NZD": ("New Zealand dollar", "New Zealand dollars"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars"),
    "SGD": ("Singapore dollar", "Singapore dollars"),
    "TWD": ("New Taiwan dollar", "New Taiwan dollars"),
    "CNY": ("yuan", "yuan"),
    "INR": ("rupee", "rupees"),
    "PKR": ("Pakistani rupee", "Pakistani rupees"),
    "RUB": ("ruble", "rubles"),
    "SEK": ("Swedish krona", "Swedish kronor"),
    "NOK": ("Norwegian krone", "Norwegian kroner"),
    "DKK": ("Danish krone", "Danish kroner"),
    "PLN": ("Polish zloty", "Polish zlotys"),
    "CZK": ("Czech koruna", "Czech korunas"),
    "HUF": ("Hungarian forint", "Hungarian forints"),
    "HRK": ("Croatian kuna", "Croatian kunas"),
    "RON": ("Romanian leu", "Romanian lei"),
    "ZAR": ("South African rand", "South African rand"),
    "BRL": ("Brazilian real", "Brazilian reais"),
    "MXN": ("Mexican peso", "Mexican pesos"),
    "KRW": ("South Korean won", "South Korean won"),
    "THB": ("Thai baht", "Thai baht"),
    "IDR": ("Indonesian rupiah", "Indonesian rupiahs"),
    "MYR": ("Malaysian ringgit", "Malaysian ringgits"),
    "SAR": ("Saudi riyal", "Saudi riyals"),
    "AED": ("U.A.E. dirham", "U.A.E. dirhams"),
    "ILS": ("Israeli shekel", "Israeli shekels"),
    "EGP": ("Egyptian pound", "Egyptian pounds"),
    "NGN": ("Nigerian naira", "Nigerian naira"),
    "KES": ("Kenyan shilling", "Kenyan shillings"),
}
CODE = "|".join(CODES)
#: codes that are also other abbreviations ("ILS 27" is a landing system): a currency only after an amount
AFTER_ONLY = frozenset({"ILS", "RON", "SAR", "KES"})
CODE_BEFORE = "|".join(code for code in CODES if code not in AFTER_ONLY)
CODED = re.compile(
    rf"\b(?P<code>{CODE_BEFORE})\s?(?P<a>{AMOUNT})(?:\s(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    rf"|(?<![\w.,])(?P<a2>{AMOUNT})(?:\s?(?P<scale2>thousand|million|billion|trillion|bn|mn|m|k))?\s?(?P<code2>{CODE})\b"
)
CENTS = re.compile(r"(?<![\w.,])(?P<a>\d{1,3})\s?\u00a2")
#: pence written after the number: "fell 3p to 245p"; never a video resolution ("720p")
PENCE = re.compile(r"(?<![\w.,$\u00a3/-])(?P<a>\d{1,3}(?:\.\d)?)p\b(?![.'\u2019-]\w)")
RESOLUTIONS = frozenset({"144", "240", "360", "480", "540", "720"})


def say_coded(match: re.Match[str]) -> tuple[str, str]:
    """Say "USD 5 million" and "100 CHF" with the currency's name after the amount."""
    code, amount = match["code"] or match["code2"], match["a"] or match["a2"]
    scale = match["scale"] or match["scale2"]
    single, plural = CODES[code]
    said = decimal(amount) + (f" {SCALE_WORDS[scale.lower()]}" if scale else "")
    return f"{said} {single if amount == '1' and not scale else plural}", "money: currency code"


def say_cents(match: re.Match[str]) -> tuple[str, str]:
    """Say "99¢" as "ninety-nine cents"."""
    return f"{integer(match['a'])} {'cent' if match['a'] == '1' else 'cents'}", "money: cents"


def say_pence(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "3p" as "three pence" and "1p" as "one penny"; "720p" is left to the numbers."""
    if match["a"] in RESOLUTIONS:
        return None
    name = "penny" if match["a"] == "1" else "pence"
    return f"{decimal(match['a'])} {name}", "money: pence after the number"


SIGNS = "".join(sorted({ch for symbol in CURRENCIES for ch in symbol if not ch.isalpha()}))
RULES: dict[Variety, tuple[Rule, ...]] = {
    variety: (
        *needing(SIGNS, Rule("money", MONEY, partial(say_money, variety=variety))),
        *needing("\u00a2", Rule("money", CENTS, say_cents)),
        *needing(DIGITS, Rule("money", CODED, say_coded), Rule("money", PENCE, say_pence)),
    )
    for variety in VARIETIES
}
