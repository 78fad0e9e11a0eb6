"""E-mail addresses, web addresses and file names, said piece by piece."""

from __future__ import annotations

import re

from .numbers import cardinal, digits
from .rewrite import Rule, needing

WORDS = {
    "com": "com",
    "org": "org",
    "net": "net",
    "gov": "gov",
    "edu": "edu",
    "info": "info",
    "jpg": "jpeg",
    "www": "W.W.W.",
    "http": "H.T.T.P.",
    "https": "H.T.T.P.S.",
    "html": "H.T.M.L.",
    "htm": "H.T.M.",
    "pdf": "P.D.F.",
    "io": "I.O.",
    "ai": "A.I.",
}
SYMBOLS = {
    ".": " dot ",
    "@": " at ",
    "/": " slash ",
    "-": " dash ",
    "_": " underscore ",
    ":": " colon ",
    "&": " ampersand ",
    "?": " question mark ",
    "=": " equals ",
    "+": " plus ",
    "~": " tilde ",
    "#": " hash ",
    "%": " percent ",
}
TLDS = (
    "com|org|net|gov|edu|mil|int|info|biz|io|ai|co|uk|us|ca|au|de|fr|it|es|nl|ru|ua|cn|jp|in|br"
    "|eu|ch|se|no|dk|fi|pl|be|at|ie|nz|za|mx|ar|kr|tv|me|app|dev|news|sm|html|htm|jpg|png|pdf"
)
# Neither pattern may start inside a run it could have started earlier ("a.b.c", "x&y&z"): from
# each such start the scan would run to the run's end again, time quadratic in its length.
EMAIL = re.compile(r"(?<![\w.+&@-])[\w.+&-]+@[\w-]+(?:\.[\w-]+)+(?:/[\w./-]*)?")
URL = re.compile(
    r"(?<![\w@-])(?<![\w-]\.)(?:(?:https?|file|ftp)://[^\s<>\"]*[^\s<>\".,;:!?)\]]"
    r"|(?:www\.)?[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:" + TLDS + r")\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]])?/?)"
    r"(?![\w@])"
)


def _part(text: str, last: bool) -> str:
    """Say one piece between symbols: words as they are, digits one by one, short domain ends spelled."""
    if text.lower() in WORDS:
        return WORDS[text.lower()]
    if last and len(text) == 2 and text.isalpha():
        return ".".join(text.upper()) + "."
    return " ".join(_digits(r) if r.isdigit() else r for r in re.findall(r"\d+|\D+", text))


def _digits(run: str) -> str:
    """Digits in an address: one by one, except round numbers like 6000."""
    if run[0] != "0" and len(run.rstrip("0")) == 1 and len(run) > 1:
        return cardinal(int(run))
    return digits(run)


def say_address(match: re.Match[str]) -> str | None:
    """Say an e-mail or web address: "a.bc@gmail.com" -> "a dot bc at gmail dot com"."""
    text = match.group(0)
    if "@" not in text and "/" not in text and not text.lower().startswith("www."):
        host = text.split(".")
        if len(host) < 2 or host[-2].isdigit() or (host[0][:1].isupper() and len(host) > 2):
            return None
    return read_address(text)


def read_address(text: str) -> str:
    """Say an address piece by piece: symbols named, words as they are, digits one by one."""
    pieces = re.split(r"([.@/\-_:&?=+~#%])", text)
    words = [SYMBOLS.get(p) or _part(p, i == len(pieces) - 1) for i, p in enumerate(pieces) if p]
    return re.sub(r"\s+", " ", "".join(words)).strip()


RULES = (
    *needing("@", Rule("email", EMAIL, say_address)),
    *needing(".", Rule("web address", URL, say_address)),
)
