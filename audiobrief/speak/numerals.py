"""Numbers left after money, dates and measures: ordinals, ranges, codes, cardinals, decimals."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from .dates import MONTHS
from .lexicon import spell
from .numbers import ONES, cardinal, decimal, digits, integer, ordinal, pairs, plural_words
from .rewrite import DIGITS, Rule, needing
from .variety import VARIETIES, Variety

STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}
#: postal codes that are also words: a state only when a ZIP code follows
WORDLIKE_STATES = frozenset({"IN", "OR", "OK", "ME", "HI", "ID", "OH", "LA", "MA", "PA", "DE"})
SUFFIXES = {"1": "st", "2": "nd", "3": "rd"}
STREET_WORDS = (
    "St|Ave|Rd|Blvd|Ct|Hwy|Expy|Ln|Pkwy|Street|Avenue|Road|Boulevard|Court|Lane|Drive|Way|Place"
    "|Highway|Expressway|Parkway|Terrace|Square"
)


def _suffix_ok(number: str, suffix: str) -> bool:
    """True when the suffix fits the number: 1st, 2nd, 3rd, 11th, 24th."""
    n = int(number.replace(",", ""))
    expected = "th" if n % 100 in (11, 12, 13) else SUFFIXES.get(str(n % 10), "th")
    return suffix.lower() == expected


def say_ordinal(match: re.Match[str]) -> str | None:
    """Say "23rd" as "twenty-third"; pass on a wrong suffix like "4rd"."""
    if not _suffix_ok(match["n"], match["suf"]):
        return None
    return ordinal(int(match["n"].replace(",", "")))


def say_address(match: re.Match[str]) -> str:
    """Say a house number in pairs: "1428 Elm St." -> "fourteen twenty-eight Elm"."""
    return pairs(int(match["n"]))


def say_state(match: re.Match[str]) -> str | None:
    """Say a state's postal code after a town: "Santa Clara, CA" -> "Santa Clara, California"."""
    name = STATES.get(match["st"])
    if name is None or (match["st"] in WORDLIKE_STATES and not match["zip"]):
        return None
    zip_code = match["zip"] or ""
    return name + (zip_code[:-5] + digits(zip_code[-5:]) if zip_code else "")


def say_dotted(match: re.Match[str]) -> str:
    """Say an IP address digit by digit with "dot", a version number with "point"."""
    parts = match.group(0).split(".")
    if len(parts) >= 4:
        return " dot ".join(digits(p) for p in parts)
    return " point ".join(integer(p) for p in parts)


#: a win-loss record: "improved to 17-1", "a 10-2 record" -> "seventeen and one"
UNITS = frozenset(ONES[1:10])
RECORD_BEFORE = re.compile(
    r"\b(?:improved|fell|dropped|slipped|moved|climbed|evened \w+ record at|are now|is now|went|go|goes)"
    r"(?: to)?\s+$"
)
RECORD_AFTER = re.compile(r"\s+(?:record|mark|season|start)\b")
#: a vote tally: "voted 52-48", "passed 220-212" -> "fifty-two to forty-eight"
VOTE_BEFORE = re.compile(
    r"\b(?:vote[sd]?|voting|passed|approved|rejected|confirmed|defeated|split|margin of|tally of)"
    r"(?:\s+\w+){0,3}\s+$",
    re.IGNORECASE,
)


MARGIN_AFTER = re.compile(r"\s+(?:margin|majority|vote|decision|ruling|verdict)\b")
#: a game's result: "won 1-0" is "one-nothing" (en-us) or "one-nil" (en-gb)
SCORE_BEFORE = re.compile(
    r"\b(?i:won|win|wins|beat|beats|lost|lose|loses|led|leads|leading|trailed|trails|trailing|defeated"
    r"|victory|defeat|draw|drew|ended|finished|score|scoreline)\b(?:\s+\w+){0,3}\s+(?:an?\s+)?$"
)
#: a result named after the score: "the 1-0 win", "a 2-0 defeat"
SCORE_AFTER = re.compile(r"\s+(?:win|wins|victory|defeat|loss|lead|draw|home win|away win)\b")
NOTHING: dict[Variety, str] = {"en-us": "nothing", "en-gb": "nil"}
#: places or blows in order, not a span: "a 1-2 finish", "the 1-2-3 sweep" is said with hyphens
ONE_TWO_AFTER = re.compile(r"\s+(?:finish|punch|sweep|combination|combo)\b")
#: a set score beside this pair, the first number the larger: "7-5, 6-7, 6-4" are all set scores
SET_BESIDE_BEFORE = re.compile(r"(?<![\w.])(?P<a>\d) ?- ?(?P<b>\d)(?:\s\(\d+-\d+\))?,\s$")
SET_BESIDE_AFTER = re.compile(r",\s(?P<a>\d) ?- ?(?P<b>\d)(?![\w-]|\.\d)")


def _set_scores_beside(match: re.Match[str]) -> bool:
    """True for a pair of single digits in a list of set scores where one neighbour is won by the first."""
    if len(match["a"]) != 1 or len(match["b"]) != 1:
        return False
    text, start = match.string, match.start()
    before = SET_BESIDE_BEFORE.search(text, max(0, start - 16), start)
    after = SET_BESIDE_AFTER.match(text, match.end())
    return any(side and int(side["a"]) > int(side["b"]) for side in (before, after))


def say_span(match: re.Match[str], variety: Variety = "en-us") -> str | tuple[str, str] | None:
    """Say "5-10" as "five to ten"; a record "17-1" as "seventeen and one"; a score or vote by its size."""
    a, b = match["a"], match["b"]
    if len(b.split(".")[0]) - len(a.split(".")[0]) > 1:
        return None
    low, high = (float(n.replace(",", "")) for n in (a, b))
    text, start = match.string, match.start()
    if "." not in a + b and (
        RECORD_AFTER.match(text, match.end()) or RECORD_BEFORE.search(text, max(0, start - 30), start)
    ):
        return f"{decimal(a)} and {decimal(b)}", "win-loss record: 'and'"
    if ONE_TWO_AFTER.match(text, match.end()):
        return f"{decimal(a)}-{decimal(b)}", "a finish or a punch in order: 'a one-two finish'"
    if _set_scores_beside(match):  # a set won to nil is "six-love"
        first, second = ("love" if n == "0" else decimal(n) for n in (a, b))
        return f"{first}-{second}", "set score beside other set scores: '6-7' in '7-5, 6-7, 6-4'"
    if low < high:
        return f"{decimal(a)} to {decimal(b)}"
    first, second = decimal(a), decimal(b)
    if MARGIN_AFTER.match(text, match.end()):
        return f"{first} to {second}", "vote tally: 'to'"
    if b == "0" and "." not in a and (
        SCORE_BEFORE.search(text, max(0, start - 40), start) or SCORE_AFTER.match(text, match.end())
    ):
        if a == "0":
            return f"{NOTHING[variety]}-{NOTHING[variety]}", "goalless score: nothing-nothing or nil-nil"
        return f"{first}-{NOTHING[variety]}", "score with no goals: nothing (en-us) or nil (en-gb)"
    if VOTE_BEFORE.search(text, max(0, start - 40), start):
        return f"{first} to {second}", "vote tally: 'to'"
    if first.endswith("ty") and second.split()[0].split("-")[0] in UNITS:
        return f"{first} to {second}", "score: 'to' where a hyphen would run the numbers together"
    if any(" " in said or "-" in said for said in (first, second)) and SCORE_BEFORE.search(
        text, max(0, start - 40), start
    ):
        return f"{first} to {second}", "score of numbers in more than one word: 'to'"
    return f"{first}-{second}"


#: "1.5k employees" is a thousand and a half; "4K" and "a 10K run" keep their letter
SCALE_WORDS = {"k": "thousand", "K": "K", "mn": "million", "bn": "billion", "tn": "trillion"}
EMERGENCY_NEAR = re.compile(r"(?i:\bcall|\bdial|emergenc|dispatch|operator|hotline|\bline\b|\bcent(?:er|re))")


#: aircraft makers whose three-digit models are said in pairs: "Boeing 737" is seven thirty-seven
AIRCRAFT_MAKERS = (
    "Boeing", "Airbus", "Embraer", "Cessna", "Tupolev", "Ilyushin", "Antonov", "Sukhoi", "Lockheed"
)
MAKER = "|".join(AIRCRAFT_MAKERS)


#: words before ".300" that make it a batting average, said as "three hundred"
BATTING_BEFORE = re.compile(
    r"\b(?i:hit|hits|hitting|batted|batting|bats|averaged|averaging|average|slugging|percentage)"
    r"(?:\s+(?:was|is|of|at|to|just|only|nearly|about|over|under|above|below))?\s+$"
)
BATTING_AVERAGE = re.compile(r"(?<![\w.])\.(?P<d>[1-9]\d{2})(?![\d.]\d|\d)")


def say_batting_average(match: re.Match[str]) -> tuple[str, str] | None:
    """Say ".300" after "hit" or "batting" as "three hundred", ".275" as "two seventy-five"."""
    start = match.start()
    if not BATTING_BEFORE.search(match.string, max(0, start - 30), start):
        return None
    return pairs(int(match["d"])), "batting average: '.300' is three hundred"


def _with_ers(words: str) -> str:
    """Add "-ers" to a number said in words: "forty-nine" -> "forty-niners", "six" -> "sixers"."""
    return words + ("rs" if words.endswith("e") else "ers")


def say_emergency(match: re.Match[str]) -> tuple[str, str] | None:
    """Say 911 as "nine one one" beside call, dial or emergency words; else leave it to the numbers."""
    text = match.string
    near = text[max(0, match.start() - 25) : match.end() + 25]
    if not EMERGENCY_NEAR.search(near):
        return None
    return digits(match["n"]), "emergency number: digit by digit"


def say_chain(match: re.Match[str]) -> tuple[str, str]:
    """Say "4-4-2" as "four-four-two", and "49-30-4" as "forty-nine, thirty, four": commas where a
    hyphen would run two numbers into one ("thirty-four")."""
    said = [cardinal(int(n)) for n in match.group(0).split("-")]
    runs_together = any(
        " " in word or "-" in word or (word.endswith("ty") and following in UNITS)
        for word, following in zip(said, [*said[1:], ""], strict=True)
    )
    return (", " if runs_together else "-").join(said), "three or more numbers joined by hyphens"


def say_times(match: re.Match[str]) -> str:
    """Say "2x8" as "two by eight" and "3 + 4" as "three plus four"."""
    word = {"+": "plus", "=": "equals", "*": "times"}.get(match["op"], "by")
    return f"{decimal(match['a'])} {word} {decimal(match['b'])}"


def _code_part(run: str, after_letters: bool = False) -> str:
    """One run of a code: letters kept, short or round numbers said, three digits after letters in
    pairs like a model's ("A380": "A three eighty"), longer ones digit by digit."""
    if not run.isdigit():
        return run
    if run[0] == "0" and len(run) > 1:
        return digits(run)
    if len(run) == 3 and after_letters:
        return pairs(int(run))
    if len(run) <= 2 or (run[0] != "0" and run.rstrip("0") and len(run.rstrip("0")) <= 2):
        return cardinal(int(run))
    return digits(run)


def say_code(match: re.Match[str]) -> str:
    """Say a mix of letters and digits: "B2A23C" -> "B two A twenty-three C"."""
    runs = re.findall(r"\d+|[A-Za-z]+", match.group(0))
    said = [_code_part(run, i > 0) for i, run in enumerate(runs)]
    # a lone "A" before a number is joined to it, or the engine reads it as the article "uh"
    return "".join(
        word + ("-" if word == "A" and i + 1 < len(runs) and runs[i + 1].isdigit() else " ")
        for i, word in enumerate(said)
    ).strip()


def say_equation(match: re.Match[str]) -> str:
    """Say "1-2=5" as "one minus two equals five"."""
    word = {"-": "minus", "+": "plus", "*": "times", "x": "times", "\u00d7": "times", "/": "over"}
    return f"{decimal(match['a'])} {word[match['op']]} {decimal(match['b'])} equals {decimal(match['c'])}"


def say_multiple(match: re.Match[str]) -> str:
    """Say "4.4x" as "four point four x"."""
    return f"{decimal(match['n'])} x"


#: words before a long bare number that make it a count: "numbering 326742", "a population of 54321"
COUNT_BEFORE = re.compile(
    r"\b(?i:numbering|numbered|totall?ing|total of|population of|population was|estimated|approximately)\s+$"
)


def say_number(match: re.Match[str]) -> str:
    """Say a number: grouped or short ones in words, long bare strings of digits one by one unless a
    word after or before makes them a count ("326742 people", "numbering 326742")."""
    text = match["n"]
    bare = text.lstrip("-\u2212")
    if "." not in bare and "," not in bare and len(bare) >= 5:
        start = match.start()
        following = match.string[match.end() : match.end() + 2]
        counted = COUNT_BEFORE.search(match.string, max(0, start - 24), start)
        if not re.match(r" [a-z]", following) and not counted:
            return ("minus " if bare != text else "") + digits(bare)
    return decimal(text)


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
#: a model and its variant in hundreds: "Boeing 737-800", "the 777-300ER", "an A330-200"
AIRCRAFT_VARIANT = re.compile(
    rf"(?:\b(?P<maker>{MAKER})\s)?(?<![\w.,$-])(?P<a>A)?(?P<n>[1-9]\d{{2}})-(?P<v>[1-9]00)(?P<suf>[A-Z]{{1,3}})?"
    r"(?P<pl>s\b)?(?![\w,.-]\d|\d)"
)
DETERMINER_BEFORE = re.compile(r"\b(?i:the|an?|its|their|his|her|two|three|four|five|six)\s+$")


def say_aircraft_variant(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "737-800" as "seven thirty-seven eight hundred" after a maker or "the"; "the 450-500
    seats" is a range, and so is any first number ending in a zero."""
    n = int(match["n"])
    if not match["maker"] and not match["a"]:
        start = match.start()
        if n % 10 == 0 or not DETERMINER_BEFORE.search(match.string, max(0, start - 8), start):
            return None
    maker = f"{match['maker']} " if match["maker"] else ""
    model = f"A-{pairs(n)}" if match["a"] else pairs(n)
    variant = cardinal(int(match["v"]))
    if match["suf"]:
        variant += " " + spell(match["suf"])
    said = f"{maker}{model} {plural_words(variant) if match['pl'] else variant}"
    return said, "aircraft model and variant: '737-800' is seven thirty-seven eight hundred"


#: "between 5-10": a range after "between" is said with "and", as the reader says "between five
#: and ten"; amounts with a currency sign and days before a month are left to their own rules
MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
BETWEEN_RANGE = re.compile(
    rf"\b(?P<between>[Bb]etween\s+)(?P<a>{NUMBER})\s?[-\u2013]\s?(?P<b>{NUMBER})"
    rf"(?![\w/]|,\d|\.\d|[-\u2013]\w|\s+(?i:{MONTH_WORDS})\b)"
)


def say_between(match: re.Match[str]) -> tuple[str, str]:
    """Write "between 1,000-2,000" as "between 1,000 and 2,000", for the number rules to say."""
    return f"{match['between']}{match['a']} and {match['b']}", "range after 'between': 'and', not 'to'"


#: a scaled count joined to what it counts: "a 2m-year-old fossil", "a 1.5bn-euro deal", "a
#: 10k-strong crowd"; "m" is million only before such words ("a 1.2m-high wall" is meters)
SCALED_MODIFIER = re.compile(
    rf"(?=[\d.])(?<![\w.,$\u00a3\u20ac-])(?P<n>{NUMBER})(?P<scale>m|bn|mn|tn|k)-"
    r"(?=(?:years?-old|strong|euros?|dollars?|pounds?|yen|rupees?|yuan|francs?|members?|people"
    r"|barrels?|tonnes?|tons?|users?|subscribers?|signatures?|visitors?|viewers?|followers?)\b)"
)
SCALES = {"m": "million", "mn": "million", "bn": "billion", "tn": "trillion", "k": "thousand"}


def say_scaled_modifier(match: re.Match[str]) -> tuple[str, str]:
    """Say "2m-" in "a 2m-year-old fossil" as "two million-", "1.5bn-" in "1.5bn-euro" as billion."""
    said = f"{decimal(match['n'])} {SCALES[match['scale']]}-"
    return said, "scaled count before what it counts: 'a 2m-year-old fossil' is two million"


#: capitals before a decimal or a dotted number: "PM2.5" fine particles, "BA.2" and "XBB.1.5"
#: variants; the letters named, the number read as written
LETTERS_DECIMAL = re.compile(
    r"(?<![\w.])(?P<l>[A-Z]{1,4})(?P<dot>\.)?(?P<n>\d{1,3}(?:\.\d{1,3}){0,2})(?![\w]|\.\d)"
)


def say_letters_decimal(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "PM2.5" as "P.M. two point five" and "BA.2" as "B.A. point two"."""
    number = match["n"]
    if not match["dot"] and "." not in number:
        return None  # "F16", "N95": the code rules say these
    if match["dot"] and len(match["l"]) < 2:
        return None  # "A.1": a numbered part, not a variant
    if not match["dot"] and number.count(".") == 1:
        said = decimal(number)
    else:
        said = " point ".join(cardinal(int(part)) for part in number.split("."))
    if match["dot"]:
        said = "point " + said
    return f"{spell(match['l'])} {said}", "letters before a decimal: 'PM2.5', 'BA.2'"


BETWEEN_RULES = needing(
    DIGITS,
    Rule("range", BETWEEN_RANGE, say_between, repairs=True),
    Rule("number", SCALED_MODIFIER, say_scaled_modifier),
    Rule("number", AIRCRAFT_VARIANT, say_aircraft_variant),
    Rule("number", LETTERS_DECIMAL, say_letters_decimal),
)
ADDRESS_RULES = (
    *needing(
        DIGITS,
        Rule(
            "address",
            re.compile(
                rf"(?<=\d\s)(?P<d>[NSEW])\.?(?=\s+(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+){{1,3}}"
                rf"(?i:{STREET_WORDS})\b)"
            ),
            lambda m: {"N": "North", "S": "South", "E": "East", "W": "West"}[m["d"]],
        ),
        Rule(
            "address",
            re.compile(
                rf"(?<![\w.,$-])(?<!\b[Nn]o\. )(?<!\b[Nn]o )(?P<n>\d{{1,4}})"
                rf"(?=\s+(?:[NSEW]\.?\s+)?(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+){{1,3}}"
                rf"(?i:{STREET_WORDS})\b)"
            ),
            say_address,
        ),
    ),
    *needing(
        ",",
        Rule(
            "address",
            re.compile(r"(?<=[a-z], )(?P<st>[A-Z]{2})(?P<zip>,?\s+\d{5}\b)?(?=[,;:)]|$|\s)"),
            say_state,
        ),
    ),
)
def _rules(variety: Variety) -> tuple[Rule, ...]:
    """The number rules for one language variety."""
    return needing(DIGITS, *(replace(rule, handler=partial(say_span, variety=variety))
                             if rule.handler is say_span else rule for rule in COMMON))


COMMON = (
    Rule(
        "equation",
        re.compile(
            rf"(?=[\d.])(?<![\w.])(?P<a>{NUMBER})\s?(?P<op>[-+*x\u00d7/])\s?(?P<b>{NUMBER})\s?=\s?(?P<c>[-\u2212]?(?:{NUMBER}))"
            r"(?![\w]|\.\d)"
        ),
        say_equation,
    ),
    Rule("multiple", re.compile(rf"(?=[\d.])(?<![\w.])(?P<n>{NUMBER})[xX](?!\w)"), say_multiple),
    Rule(
        "ordinal",
        re.compile(r"(?=\d)(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?P<suf>st|nd|rd|th)\b", re.IGNORECASE),
        say_ordinal,
    ),
    Rule("number", re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]|\.\d)"), say_dotted),
    Rule(
        "number",
        re.compile(
            rf"(?=[\d.])(?<![\w.,/-])(?P<a>{NUMBER})\s?(?P<op>[x\u00d7*+=])\s?(?P<b>{NUMBER})(?![\w,/]|\.\d|-\d)"
        ),
        say_times,
    ),
    Rule(
        "number",
        re.compile(rf"\b(?P<maker>{MAKER}) (?P<n>[1-9]\d{{2}})(?![\w,.]\d|\d|s\b)"),
        lambda m: (f"{m['maker']} {pairs(int(m['n']))}", "aircraft model after its maker: 'Boeing 737'"),
    ),
    Rule("batting average", BATTING_AVERAGE, say_batting_average),
    Rule("number", re.compile(r"\d(?<![\w.,/$-]\d)\d{0,2}(?:-\d{1,3}){2,}(?![\w/]|[-.,]\d)"), say_chain),
    Rule(
        "range",
        re.compile(
            rf"(?=[\d.])(?<![\w.,/$-])(?P<a>{NUMBER})\s?[-\u2013]\s?(?P<b>{NUMBER})(?![\w/]|,\d|\.\d|[-\u2013]\w)"
        ),
        say_span,
    ),
    Rule(
        "number",
        re.compile(r"(?<![\w.,$'\u2019-])(?P<n>[1-9]\d{2,3})s\b"),
        lambda m: (plural_words(pairs(int(m["n"]))), "plural of a model number, in pairs: 'Boeing 747s'"),
    ),
    Rule(
        "number",
        re.compile(rf"(?=[\d.])(?<![\w.,$])(?P<n>{NUMBER})(?P<scale>k|K|bn|mn|tn)\b(?!['\u2019-]\w)"),
        lambda m: (f"{decimal(m['n'])} {SCALE_WORDS[m['scale']]}", "number with a scale: 1.5k"),
    ),
    Rule(
        "number",
        re.compile(r"(?<![\w.,$'\u2019-])(?P<n>\d{1,3})ers\b"),
        lambda m: (_with_ers(cardinal(int(m["n"]))), "team name: '49ers' is forty-niners"),
    ),
    Rule(
        "ratio",
        re.compile(r"(?<![\w:.,])(?P<a>\d{1,3}):(?P<b>\d)(?![\d:]|\.\d)"),
        lambda m: (f"{cardinal(int(m['a']))} to {cardinal(int(m['b']))}", "ratio: 'to'"),
    ),
    Rule(
        "ratio",
        re.compile(r"(?P<a>\d(?<![\w:.,]\d)\d{0,2}) : (?P<b>\d{1,3})(?=\s+(?:ratio|majority|split|odds)\b)"),
        lambda m: (f"{cardinal(int(m['a']))} to {cardinal(int(m['b']))}", "ratio written with spaces: 'to'"),
    ),
    Rule(
        "emergency number",
        re.compile(r"(?<![\w.,/-])(?P<n>911|999|112)(?![\w.,/-]\w)"),
        say_emergency,
    ),
    Rule(
        "code",
        re.compile(r"(?<![\w'\u2019])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+(?![\w'\u2019])"),
        say_code,
    ),
    Rule(
        "number",
        re.compile(
            rf"(?=[-\u2212\d.])(?P<n>(?:(?<=^)|(?<=[\s(\[\"\u201c]))[-\u2212](?:{NUMBER})|(?<![\w.,])(?:{NUMBER}))"
            r"(?![\d,]\d|\.\d)"
        ),
        say_number,
    ),
)
RULES: dict[Variety, tuple[Rule, ...]] = {variety: _rules(variety) for variety in VARIETIES}
