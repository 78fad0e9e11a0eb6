"""Measures and percentages: "12 km" -> "twelve kilometers", "30°C" -> "thirty degrees Celsius"."""

from __future__ import annotations

import re

from .fractions import VULGAR, say_fraction_words
from .modifiers import is_modifier
from .numbers import decimal
from .rewrite import DIGITS, Rule, needing

#: unit as written -> (singular, plural); looked up as written, then in lower case
UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilometer", "kilometers"),
    "m": ("meter", "meters"),
    "cm": ("centimeter", "centimeters"),
    "mm": ("millimeter", "millimeters"),
    "nm": ("nanometer", "nanometers"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "t": ("tonne", "tonnes"),
    "kt": ("kiloton", "kilotons"),
    "l": ("liter", "liters"),
    "ml": ("milliliter", "milliliters"),
    "gal": ("gallon", "gallons"),
    "cc": ("C.C.", "C.C."),
    "mph": ("mile per hour", "miles per hour"),
    "kph": ("kilometer per hour", "kilometers per hour"),
    "km/h": ("kilometer per hour", "kilometers per hour"),
    "kmh": ("kilometer per hour", "kilometers per hour"),
    "m/s": ("meter per second", "meters per second"),
    "knots": ("knot", "knots"),
    "ha": ("hectare", "hectares"),
    "sq ft": ("square foot", "square feet"),
    "sq mi": ("square mile", "square miles"),
    "km2": ("square kilometer", "square kilometers"),
    "km²": ("square kilometer", "square kilometers"),
    "m2": ("square meter", "square meters"),
    "m²": ("square meter", "square meters"),
    "m³": ("cubic meter", "cubic meters"),
    "km³": ("cubic kilometer", "cubic kilometers"),
    "m3": ("cubic meter", "cubic meters"),
    "ms": ("millisecond", "milliseconds"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "hz": ("hertz", "hertz"),
    "khz": ("kilohertz", "kilohertz"),
    "mhz": ("megahertz", "megahertz"),
    "ghz": ("gigahertz", "gigahertz"),
    "kb": ("kilobyte", "kilobytes"),
    "mb": ("megabyte", "megabytes"),
    "gb": ("gigabyte", "gigabytes"),
    "tb": ("terabyte", "terabytes"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "mbps": ("megabit per second", "megabits per second"),
    "gbps": ("gigabit per second", "gigabits per second"),
    "w": ("watt", "watts"),
    "kw": ("kilowatt", "kilowatts"),
    "mw": ("megawatt", "megawatts"),
    "gw": ("gigawatt", "gigawatts"),
    "kwh": ("kilowatt hour", "kilowatt hours"),
    "mwh": ("megawatt hour", "megawatt hours"),
    "gwh": ("gigawatt hour", "gigawatt hours"),
    "v": ("volt", "volts"),
    "kv": ("kilovolt", "kilovolts"),
    "mah": ("milliamp hour", "milliamp hours"),
    "°c": ("degree Celsius", "degrees Celsius"),
    "\u00bac": ("degree Celsius", "degrees Celsius"),
    "°f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "\u00baf": ("degree Fahrenheit", "degrees Fahrenheit"),
    "° c": ("degree Celsius", "degrees Celsius"),
    "\u00ba c": ("degree Celsius", "degrees Celsius"),
    "° f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "\u00ba f": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
    "\u00ba": ("degree", "degrees"),
    "%": ("percent", "percent"),
    "pc": ("percent", "percent"),
    "pct": ("percent", "percent"),
    "bpm": ("beat per minute", "beats per minute"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "psi": ("P.S.I.", "P.S.I."),
    "in": ("inch", "inches"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "pts": ("point", "points"),
    "tbsp": ("tablespoon", "tablespoons"),
    "tsp": ("teaspoon", "teaspoons"),
    "qt": ("quart", "quarts"),
    "fl oz": ("fluid ounce", "fluid ounces"),
    "cal": ("calorie", "calories"),
    "kcal": ("kilocalorie", "kilocalories"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "bp": ("basis point", "basis points"),
    "bps": ("basis point", "basis points"),
    "db": ("decibel", "decibels"),
    "kpa": ("kilopascal", "kilopascals"),
    "hpa": ("hectopascal", "hectopascals"),
    "mmhg": ("millimeter of mercury", "millimeters of mercury"),
    "mcg": ("microgram", "micrograms"),
    "µg": ("microgram", "micrograms"),
    "µm": ("micrometer", "micrometers"),
    "µs": ("microsecond", "microseconds"),
    "\u03bcg": ("microgram", "micrograms"),
    "\u03bcm": ("micrometer", "micrometers"),
    "\u03bcs": ("microsecond", "microseconds"),
    "mA": ("milliampere", "milliamperes"),
    "nmi": ("nautical mile", "nautical miles"),
    "hp": ("horsepower", "horsepower"),
    "wh": ("watt hour", "watt hours"),
    "twh": ("terawatt hour", "terawatt hours"),
    "tw": ("terawatt", "terawatts"),
    "fps": ("frame per second", "frames per second"),
    "mbar": ("millibar", "millibars"),
    "Mb": ("megabit", "megabits"),
    "yds": ("yard", "yards"),
    "kn": ("knot", "knots"),
    "sq km": ("square kilometer", "square kilometers"),
    "sq m": ("square meter", "square meters"),
    "cu ft": ("cubic foot", "cubic feet"),
    "bbl": ("barrel", "barrels"),
    "bpd": ("barrel per day", "barrels per day"),
}
#: capitals with a plural s are counted things, never units: "30 HRs", "100 RBIs"
PLURAL_CAPITALS = re.compile(r"[A-Z]{2,}s")
#: units that are read only after a slash, where they cannot be words: "cc/s", "veh/h"
PER_ONLY: dict[str, tuple[str, str]] = {"s": ("second", "seconds"), "h": ("hour", "hours")}
#: after a spaced "m", words that show it is meters ("8,848 m above sea level", "the 100 m final")
METERS_AFTER = re.compile(
    r"\s*[()]|\s+(?:long|high|wide|deep|tall|away|above|below|across|in\s+(?:length|height|diameter)"
    r"|relay|sprint|hurdles|freestyle|backstroke|breaststroke|butterfly|medley|dash|race|final|event)\b"
)
#: road words before a number: "Route 9W" and "Highway 1A" are names, not watts or amperes
ROAD_BEFORE = re.compile(r"\b(?i:route|highway|hwy|interstate|exit|road|junction|state road|sr|us)\s+$")
#: "the" before a spaced "m": "won the 1500 m" is an event in meters
EVENT_BEFORE = re.compile(r"\b(?:the|[Ww]on|[Rr]an|[Ss]wam)\s+$")
#: after a tight "m", nouns that are counted, not measured: "1m people" is a million people
COUNT_NOUN_AFTER = re.compile(
    r"\s+(?:people|residents|users|viewers|voters|customers|households|homes|jobs|children|workers"
    r"|refugees|doses|copies|subscribers|followers|barrels|visitors|passengers|patients|cases|deaths"
    r"|members|students|tourists|fans|listeners|readers|shares|votes|signatures|migrants|troops"
    r"|guns|weapons|cars|vehicles|units|tickets|phones|devices|books|albums|downloads|streams|views"
    r"|animals|birds|trees|bottles|meals|vaccines|vaccinations|tests|claims|accounts|items|products"
    r"|calls|messages|applications|immigrants|adults|women|men|girls|boys|babies|teachers|nurses"
    r"|doctors|employees|staff|soldiers|civilians|victims|supporters|citizens|individuals|consumers"
    r"|investors|homeowners|tenants|drivers|travell?ers|pilgrims|spectators|participants|inhabitants)\b"
)
#: a count of people just before a tight "m": "the population is 67m" is million
POPULATION_BEFORE = re.compile(
    r"\b(?i:population|inhabitants|residents|people|voters|viewers|users|subscribers|customers)\b"
    r"(?:\s+\w+){0,3}\s+(?:of\s+|to\s+|at\s+|about\s+|some\s+|nearly\s+|over\s+)?$"
)
#: a size just before, as written or as said by the size rule: "3 x 4 m" is meters though spaced
SIZE_BEFORE = re.compile(
    r"(?:\d\s?[x\u00d7]\s?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|\w+teen|\w+ty|hundred|thousand) by )$"
)
#: feet just before: "6 ft 2 in" is inches
FEET_BEFORE = re.compile(r"\b(?:ft\.?|feet|foot)\s+$")
#: a converted figure in brackets after a measure: "3.5 in (89 mm)"
CONVERSION_AFTER = re.compile(r"\s*\(\s*[\d.,]+\s?[a-zA-Z]")
#: units said only with their full stop and a lower-case word after: "12 in. long", not "5 in the"
DOTTED_ONLY = frozenset({"in"})
#: one-letter units in the case they are written: "5g" is grams, "5G" is not
ONE_LETTER = frozenset({"g", "m", "t", "l", "L", "W", "V"})
#: units said only when written close to the number ("5m", "5-m"): spaced, they may be words
TIGHT = frozenset({"t", "m", "g", "l", "w", "v"})
UNSIGNED = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
NUMBER = rf"[-\u2212]?{UNSIGNED}"
MIXED = r"(?:\d+\s)?\d+/\d+"
VULGAR_AMOUNT = rf"\d*[{''.join(VULGAR)}]"
SCALE = r"(?:\s(?P<scale>thousand|million|billion))?"
UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
PER_ALT = "|".join(re.escape(u) for u in sorted({*UNITS, *PER_ONLY}, key=len, reverse=True))
MEASURE = re.compile(
    rf"(?=[-\u2212\d.{''.join(VULGAR)}])(?<![\w.,/-])(?P<a>{MIXED}|{VULGAR_AMOUNT}|{NUMBER})"
    rf"(?:\s?[-\u2013]\s?(?P<b>{NUMBER}))?{SCALE}"
    rf"(?P<sp>\s?|-)(?P<unit>{UNIT_ALT})(?:/(?P<per>{PER_ALT}))?(?![\w²³])"
    r"(?P<dot>\.(?=\s+[a-z\d(]|[,;]))?",
    re.IGNORECASE,
)
PER = re.compile(rf"(?<![\w.,/-])(?P<a>{NUMBER})/(?P<per>{UNIT_ALT})(?![\w/])", re.IGNORECASE)
#: the first side of a size or relay before a measure: "4x100m", "2 x 8 m2" -> "four by ..."
DIMENSION = re.compile(
    rf"(?<![\w.,/-])(?P<n>\d+(?:\.\d+)?)\s?[x\u00d7]\s?(?=\d+(?:\.\d+)?\s?(?:{UNIT_ALT})(?![\w²³]))",
    re.IGNORECASE,
)
#: a time in seconds written with a spaced "s" after a decimal: "9.58 s" (never "1960s")
DECIMAL_SECONDS = re.compile(r"(?<![\w.,/-])(?P<n>\d+\.\d+)\s?s\b(?![.'\u2019-]\w)")


def unit(text: str) -> tuple[str, str] | None:
    """Singular and plural of a written unit, or None; one-letter units must match their case."""
    if PLURAL_CAPITALS.fullmatch(text):
        return None
    if len(text) == 1 and text.isascii() and text.isalpha():
        return UNITS.get(text.lower()) if text in ONE_LETTER else None
    return UNITS.get(text) or UNITS.get(text.lower())


def _amount(text: str) -> str:
    """Say the number of a measure: a decimal or a mixed fraction."""
    if text[-1:] in VULGAR:
        return say_fraction_words(f"{text[:-1]} {VULGAR[text[-1]]}")
    return say_fraction_words(text) if "/" in text else decimal(text)


def _below_one(text: str) -> bool:
    """True for a fraction alone that is less than one: "½", "3/4"."""
    if text in VULGAR:
        return True
    num, slash, den = text.partition("/")
    return bool(slash) and num.isdigit() and den.isdigit() and int(num) < int(den)


def _compounds(name: str) -> bool:
    """True for a unit said with a hyphen before a noun ("a five-meter wall"), not "percent" or rates."""
    return " " not in name and not name.startswith(("degree", "percent"))


def say_measure(match: re.Match[str]) -> str | None:
    """Say a number (or range of numbers) with its unit."""
    written = match["unit"]
    names = unit(written)
    if names is None:
        return None
    after = match.string[match.end() : match.end() + 24]
    before = match.string[max(0, match.start() - 40) : match.start()]
    counted = COUNT_NOUN_AFTER.match(after) or POPULATION_BEFORE.search(before)
    if written == "m" and not match["b"] and counted:
        return f"{_amount(match['a'])} million", "m for million before a count of things: '1m people'"
    if len(written) == 1 and ROAD_BEFORE.search(before):
        return None
    if written == "m" and match["sp"] == " " and EVENT_BEFORE.search(before):
        return f"{_amount(match['a'])} meters", "spaced m after 'the' or 'won': an event in meters"
    if (
        written.lower() in TIGHT
        and match["sp"] == " "
        and not (written == "m" and METERS_AFTER.match(after))
        and not SIZE_BEFORE.search(match.string, max(0, match.start() - 16), match.start())
    ):
        return None
    if written.lower() in DOTTED_ONLY and not (
        match["dot"]
        or CONVERSION_AFTER.match(after)
        or after.lstrip().startswith(")")
        or FEET_BEFORE.search(match.string, max(0, match.start() - 12), match.start())
    ):
        return None
    hyphen = match["sp"] == "-" or (
        not match["b"] and _compounds(names[0]) and is_modifier(match.string, match.start(), match.end())
    )
    single = hyphen or (
        (match["a"] in ("1", "-1") or _below_one(match["a"])) and not match["b"] and not match["scale"]
    )
    said = _amount(match["a"])
    if match["b"]:
        said += " to " + decimal(match["b"])
    if match["scale"]:
        said += " " + match["scale"]
    name = names[0 if single else 1]
    if not hyphen and not match["b"] and _below_one(match["a"]):
        article = "an" if name[0] in "aeiou" else "a"
        said = f"half {article}" if said == "one half" else f"{said} of {article}"  # "half a mile"
    said += (" " if not hyphen or " " in name else "-") + name  # "a 150-mph wind": mile per hour
    if match["per"]:
        per = unit(match["per"]) or PER_ONLY.get(match["per"])
        if per is None:
            return None
        said += " per " + per[0]
    return said


#: feet and inches with marks (straight, curly or prime): 6'2" -> "six foot two"
HEIGHT = re.compile(
    r"(?<![\w.'\u2019])(?P<ft>[1-9])\s?['\u2019\u2032]\s?(?P<in>1[01]|\d)\s?(?:\"|''|\u201d|\u2033)"
)
#: feet and inches in words' shorthand: "6ft 2in", "5 ft 10 in." -> "six foot two", as with marks
FEET_INCHES = re.compile(
    r"(?<![\w.,/-])(?P<ft>[1-9]\d?)\s?(?:ft|feet|foot)\.?\s(?P<in>1[01]|\d)(?:\s?(?:ins|inch(?:es)?)|in)\b"
    r"(?:\.(?=\s+[a-z]))?"
)
#: a bare C or F after a number is a temperature only with weather words near it
TEMPERATURE = re.compile(
    r"(?<![\w.,/-])(?:(?P<a>[-\u2212]?\d{1,3}(?:\.\d)?)\s?(?P<first>[CF])?\s?[-\u2013]\s?)?"
    r"(?P<n>[-\u2212]?\d{1,3}(?:\.\d)?)\s?(?P<scale>[CF])\b(?![.'\u2019-]\w)"
)
WEATHER_WORDS = re.compile(
    r"(?i:temperature|degree|high|low|heat|warm|cold|hot|cool|chill|weather|forecast|frost|freez"
    r"|thaw|celsius|fahrenheit|thermometer|climb|soar|plunge|mild|balmy|scorch|sweltering|minus)"
)
#: how far either side of a temperature to look for weather words
WEATHER_REACH = 60


def say_height(match: re.Match[str]) -> tuple[str, str]:
    """Say 6'2" as "six foot two"."""
    return f"{decimal(match['ft'])} foot {decimal(match['in'])}", "height in feet and inches"


def say_temperature(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "30C" as "thirty degrees Celsius" when the sentence talks about the weather."""
    text = match.string
    near = text[max(0, match.start() - WEATHER_REACH) : match.end() + WEATHER_REACH]
    if not WEATHER_WORDS.search(near):
        return None
    n = match["n"]
    degrees = "degree" if n in ("1", "-1") else "degrees"
    scale = "Celsius" if match["scale"] == "C" else "Fahrenheit"
    if match["a"] is None:
        return f"{decimal(n)} {degrees} {scale}", "temperature: C or F with weather words near"
    if match["first"] not in (None, match["scale"]):
        return None
    said = f"{decimal(match['a'])} to {decimal(n)} degrees {scale}"
    return said, "span of temperatures: '30-35C' is thirty to thirty-five degrees Celsius"


#: a position in degrees, minutes (prime or apostrophe) and seconds: 51°30'N 0°7'W
COORDINATE = re.compile(
    r"(?<![\w.])(?P<deg>\d{1,3}(?:\.\d+)?)\s?°\s?(?:(?P<min>\d{1,2}(?:\.\d+)?)\s?['\u2032\u2019]\s?)?"
    r"(?:(?P<sec>\d{1,2}(?:\.\d+)?)\s?(?:\"|\u2033|'')\s?)?(?P<dir>[NSEW])\b"
)
DIRECTIONS = {"N": "north", "S": "south", "E": "east", "W": "west"}


def say_coordinate(match: re.Match[str]) -> tuple[str, str]:
    """Say 51°30'N as "fifty-one degrees thirty minutes north"."""
    parts = [f"{decimal(match['deg'])} {'degree' if match['deg'] == '1' else 'degrees'}"]
    for group, word in (("min", "minute"), ("sec", "second")):
        if match[group]:
            parts.append(f"{decimal(match[group])} {word}{'' if match[group] == '1' else 's'}")
    return " ".join([*parts, DIRECTIONS[match["dir"]]]), "coordinate"


def say_per(match: re.Match[str]) -> str | None:
    """Say "12/kg" as "twelve per kilogram"."""
    names = unit(match["per"])
    return f"{decimal(match['a'])} per {names[0]}" if names else None


#: powers written with a caret, with a factor and a unit if any: "3 x 10^8 m/s", "2^10"
POWER = re.compile(
    rf"(?<![\w.^])(?:(?P<m>{NUMBER})\s?[x\u00d7*]\s?)?(?P<b>\d+)\^(?P<e>[-\u2212]?\d+)(?![\d^]|\.\d)"
    rf"(?:\s?(?P<unit>{UNIT_ALT})(?:/(?P<per>{PER_ALT}))?(?![\w²³]))?"
)


def say_power(match: re.Match[str]) -> tuple[str, str]:
    """Say "3 x 10^8 m/s" as "three times ten to the power of eight meters per second"."""
    said = f"{decimal(match['b'])} to the power of {decimal(match['e'].replace(chr(0x2212), '-'))}"
    if match["m"]:
        said = f"{decimal(match['m'])} times {said}"
    names = unit(match["unit"]) if match["unit"] else None
    if names:
        said += " " + names[1]
        per = unit(match["per"]) or PER_ONLY.get(match["per"]) if match["per"] else None
        said += f" per {per[0]}" if per else (f"/{match['per']}" if match["per"] else "")
    elif match["unit"]:
        said += " " + match["unit"] + (f"/{match['per']}" if match["per"] else "")
    return said, "power written with a caret: 'to the power of'"


#: a span with its unit on both ends: "3.00%-3.25%", "5km-10km"
UNIT_TWICE = re.compile(
    rf"(?<![\w.,/-])(?P<a>{NUMBER})\s?(?P<unit>%|{UNIT_ALT})\s?[-\u2013]\s?(?P<b>{UNSIGNED})"
    r"\s?(?P=unit)(?![\w²³])",
    re.IGNORECASE,
)


def say_unit_twice(match: re.Match[str]) -> tuple[str, str] | None:
    """Say "3.00%-3.25%" as "three point zero zero to three point two five percent"."""
    names = unit(match["unit"])
    if names is None:
        return None
    modifier = _compounds(names[0]) and is_modifier(match.string, match.start(), match.end())
    name = names[0 if modifier else 1]
    return f"{decimal(match['a'])} to {decimal(match['b'])} {name}", "span with the unit on both ends"


def say_dimension(match: re.Match[str]) -> tuple[str, str]:
    """Say the first side of "4x100m" as "four by", leaving the measure to its rule."""
    return f"{decimal(match['n'])} by ", "size or relay: 'x' before a measure is 'by'"


def say_decimal_seconds(match: re.Match[str]) -> tuple[str, str]:
    """Say "9.58 s" as "nine point five eight seconds"."""
    return f"{decimal(match['n'])} seconds", "decimal before a spaced s: seconds"


RULES = needing(
    DIGITS + "".join(VULGAR),
    Rule("measure", POWER, say_power),
    Rule("measure", DIMENSION, say_dimension),
    Rule("measure", UNIT_TWICE, say_unit_twice),
    Rule("measure", DECIMAL_SECONDS, say_decimal_seconds),
    Rule("coordinate", COORDINATE, say_coordinate),
    Rule("height", HEIGHT, say_height),
    Rule("height", FEET_INCHES, say_height),
    Rule("temperature", TEMPERATURE, say_temperature),
    Rule("measure", MEASURE, say_measure),
    Rule("measure", PER, say_per),
)
