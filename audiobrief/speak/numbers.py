"""Numbers in words: cardinals, ordinals, digit strings, decimals and years."""

from __future__ import annotations

ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [
    "_",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
    "nonillion",
    "decillion",
]
IRREGULAR_ORDINALS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _under_hundred(n: int) -> str:
    """Words for 0 <= n < 100, with a hyphen between tens and units."""
    if n < 20:
        return ONES[n]
    tens, units = divmod(n, 10)
    return TENS[tens] + (f"-{ONES[units]}" if units else "")


def _under_thousand(n: int, conjunction: bool) -> str:
    """Words for 0 < n < 1000; "and" after "hundred" when conjunction is set."""
    hundreds, rest = divmod(n, 100)
    words = [f"{ONES[hundreds]} hundred"] if hundreds else []
    if rest:
        if hundreds and conjunction:
            words.append("and")
        words.append(_under_hundred(rest))
    return " ".join(words)


def cardinal(n: int, conjunction: bool = True) -> str:
    """Say an integer: 1234 -> "one thousand two hundred and thirty-four"."""
    if n < 0:
        return "minus " + cardinal(-n, conjunction)
    if n == 0:
        return "zero"
    groups: list[int] = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    if len(groups) > len(SCALES):
        return digits(str(sum(g * 1000**i for i, g in enumerate(groups))))
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if not group:
            continue
        last = i == 0
        if last and conjunction and group < 100 and len(groups) > 1 and groups[1]:
            words.append("and")
        words.append(_under_thousand(group, conjunction and last))
        if i:
            words.append(SCALES[i])
    return " ".join(words)


def ordinal_words(words: str) -> str:
    """Turn the last word of a cardinal into its ordinal: "twenty-one" -> "twenty-first"."""
    head, sep, last = words.rpartition(" ")
    stem, hyphen, unit = last.rpartition("-")
    if unit in IRREGULAR_ORDINALS:
        unit = IRREGULAR_ORDINALS[unit]
    elif unit.endswith("y"):
        unit = unit[:-1] + "ieth"
    else:
        unit += "th"
    return head + sep + stem + hyphen + unit


def ordinal(n: int) -> str:
    """Say an ordinal: 23 -> "twenty-third"."""
    return ordinal_words(cardinal(n, conjunction=False))


def digits(text: str) -> str:
    """Say each digit: "004" -> "zero zero four"."""
    return " ".join(ONES[int(ch)] for ch in text if ch.isdigit())


def decimal(text: str) -> str:
    """Say a decimal number as written: "-1,234.50" -> "minus one thousand ... point five zero"."""
    sign = ""
    if text[:1] in "-\u2212":
        sign, text = "minus ", text[1:]
    whole, _, frac = text.partition(".")
    whole = whole.replace(",", "")
    said = integer(whole) if whole else ""
    if frac:
        said = f"{said} point {digits(frac)}".strip()
    return sign + said


def integer(text: str) -> str:
    """Say a written integer: leading zeros and very long numbers digit by digit."""
    text = text.replace(",", "")
    if (len(text) > 1 and text.startswith("0")) or len(text) > 21:
        return digits(text)
    return cardinal(int(text))


def pairs(n: int) -> str:
    """Say a number in two-digit pairs, as years and house numbers: 1428 -> "fourteen twenty-eight"."""
    high, low = divmod(n, 100)
    if not high:
        return cardinal(n)
    if low == 0:
        return f"{cardinal(high)} hundred"
    if low < 10:
        return f"{cardinal(high)} oh {ONES[low]}"
    return f"{cardinal(high)} {_under_hundred(low)}"


def year(n: int) -> str:
    """Say a year: 2022 -> "twenty twenty-two", 2005 -> "two thousand five", 1906 -> "nineteen oh six"."""
    if 2000 <= n < 2010 or n % 1000 == 0 or n < 100:
        return cardinal(n, conjunction=False)
    return pairs(n)


def plural_words(words: str) -> str:
    """Pluralise a number said in words, for decades: "nineteen eighty" -> "nineteen eighties"."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    if words.endswith("six"):
        return words + "es"
    return words + "s"
