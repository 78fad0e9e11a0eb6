"""Acronyms and lexicon words: spoken forms, definitions in the text, and first-mention expansion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .lexicon import Lexicon, spell
from .numbers import integer, pairs, plural_words
from .pronounce import is_common_word, said_as_word
from .rewrite import Rule

Expansion = Literal["first", "always", "never"]

TOKEN = re.compile(
    r"(?<![\w&'\u2019.])(?P<w>[A-Za-z][A-Za-z0-9&]*\+?(?:\([A-Z][A-Za-z&]*\))?)"
    r"(?:(?P<num>-\d+)(?P<plural>s)?)?(?P<poss>['\u2019]s)?(?![\w&]|\.\w)"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]+")
FOLLOWS_CLAUSE = re.compile(r"\s*(?:$|[,.;:!?)\]\"\u201d])")
#: a spoken form this long already says what the short form means
LONG_SPOKEN_WORDS = 4


def model_number(text: str) -> str:
    """Say the number of a model after its letters: "F-117" one seventeen, "Tu-154" one fifty-four,
    "I-405" four oh five, in pairs like a year; "F-35" thirty-five and "S-2000" two thousand whole."""
    n = int(text)
    if text[0] == "0" or not 100 <= n <= 9999 or n % 1000 == 0:
        return integer(text)
    return pairs(n)


def is_shouted(text: str) -> bool:
    """True for an all-capitals headline or shouted sentence (most words in capitals)."""
    words = [w for w in WORD.findall(text) if len(w) > 1]
    caps = sum(w.isupper() for w in words)
    return caps >= 3 and caps >= 0.6 * len(words)


@dataclass
class Mentions:
    """First-mention state for one article: its definitions and the short forms already explained."""

    lexicon: Lexicon
    expand: Expansion = "first"
    defined: dict[str, str] = field(default_factory=dict)  #: short form -> long form in the text
    explained: set[str] = field(default_factory=set)
    shouted: bool = False

    def short(self, word: str) -> tuple[str, str]:
        """How a short form is said and the rule name, without any expansion."""
        entry = self.lexicon.lookup(word)
        if entry and not (self.shouted and word.isupper() and is_common_word(word)):
            return entry.spoken, f"lexicon:{entry.written}"
        outer, paren, inner = word.partition("(")
        if paren and outer and inner:
            first = self.long_form(outer) or self.short(outer)[0]
            return f"{first} for {self.short(inner.rstrip(')'))[0]}", "acronym"
        if word.endswith("s") and len(word) > 2 and word[:-1].isupper():
            base, rule = self.short(word[:-1])
            return (base + ("'s" if base.endswith(".") else "s")), rule
        if len(word) < 2 or not word.isupper() or not word.isalpha():
            return word, ""
        if said_as_word(word) or (self.shouted and is_common_word(word)):
            return word, ""
        return spell(word), "acronym:letters"

    def long_form(self, word: str) -> str:
        """What a short form stands for: the article's definition, else the lexicon's expansion."""
        if word in self.defined:
            return self.defined[word]
        entry = self.lexicon.lookup(word)
        return entry.expansion if entry else ""

    def mention(self, match: re.Match[str]) -> str | tuple[str, str] | None:
        """Say one token, expanding it at its first mention when the setting asks."""
        word = match["w"]
        spoken, rule = self.short(word)
        tail = match["poss"] or ""
        if match["num"]:
            number = model_number(match["num"][1:])
            if match["plural"] and not word[0].isupper():
                return None  # "f-4s" is no model's plural ("F-35s" is); leave it to the code rules
            tail = "-" + (plural_words(number) if match["plural"] else number) + tail
        if not rule:
            return None if not tail or (spoken == word and not match["num"]) else spoken + tail
        long = self.long_form(word)
        if spoken.endswith(".") and match.string[match.end() : match.end() + 1] == "." and not tail:
            spoken = spoken[:-1]
        if not long or long.lower() == spoken.lower() or self.expand == "never" or tail:
            return spoken + tail, rule
        first = word not in self.explained
        self.explained.add(word)
        if self.expand == "first" and (not first or word in self.defined or self.well_known(word)):
            return spoken, rule
        closing = "" if FOLLOWS_CLAUSE.match(match.string, match.end()) else ","
        return f"{long}, or {spoken}{closing}", rule

    def well_known(self, word: str) -> bool:
        """True for a lexicon entry every listener knows (FBI, NASA) that the article does not define."""
        entry = self.lexicon.lookup(word)
        return bool(entry and entry.well_known) and word not in self.defined

    def definition_site(self, match: re.Match[str]) -> tuple[str, str]:
        """Say "long form (SF)" without the parenthesis: "long form, or short,"."""
        short = match["sf"]
        self.explained.add(short)
        spoken, rule = self.short(short)
        long = self.defined[short]
        closing = "" if FOLLOWS_CLAUSE.match(match.string, match.end()) else ","
        if long.lower() == spoken.lower() or len(spoken.split()) >= LONG_SPOKEN_WORDS:
            return closing + " ", rule or "definition"
        return f", or {spoken}{closing}", rule or "definition"

    def rules(self) -> tuple[Rule, ...]:
        """The definition rules for this article (if any) and the token rule."""
        found: list[Rule] = []
        if self.defined:
            shorts = "|".join(re.escape(s) for s in sorted(self.defined, key=len, reverse=True))
            found.append(
                Rule("definition", re.compile(rf"(?:\s+|(?<!\w))\((?P<sf>{shorts})\)"), self.definition_site)
            )
            longs = "|".join(
                rf"(?P<sf{i}>{re.escape(s)})\s*\({re.escape(lf)}\)"
                for i, (s, lf) in enumerate(self.defined.items())
            )
            found.append(Rule("definition", re.compile(longs), self._reverse_any))
        found.append(Rule("acronym", TOKEN, self.mention))
        return tuple(found)

    def _reverse_any(self, match: re.Match[str]) -> tuple[str, str]:
        """Route a "SF (long form)" match to reverse_site with its short and long forms."""
        index = next(int(k[2:]) for k, v in match.groupdict().items() if v is not None)
        short, long = list(self.defined.items())[index]
        self.explained.add(short)
        spoken, rule = self.short(short)
        closing = "" if FOLLOWS_CLAUSE.match(match.string, match.end()) else ","
        return f"{spoken}, or {long}{closing}", rule or "definition"
