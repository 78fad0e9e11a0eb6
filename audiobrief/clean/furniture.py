"""Page furniture, recognised by what it is: one idea shared by the pasted-text, HTML and Markdown
passes. Known kinds of lines (data/furniture.txt), never applied to a sentence of news copy that
only mentions subscribing or reading more; repeats, of which the first copy stays; and the reasons
the left-out list gives for what a listener does not hear."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import resources

MAX_PHRASE_LINE = 200  #: longer lines are prose; rules of a kind apply up to its limit
PROSE_WORDS = 8  #: a sentence of at least this many words can be news copy
REPEAT_WORDS = 3  #: lines of fewer words (menu items, "Photo") may well repeat; they are not repeats
QUOTE_WORDS = 6  #: a pull quote (a line found again inside a longer one) has at least this many words
QUOTE_LOOKUPS = 20  #: longer lines checked for holding a possible pull quote, at most
QUOTE_GROWTH = 1.25  #: the paragraph a pull quote comes from is at least this many times longer

#: reasons given for lines no rule of data/furniture.txt names
REPEAT = "repeat"  #: a later copy of a paragraph heard already (pull quotes, a story printed twice)
PROMO = "promo"  #: a block printed twice in a row: a widget, not the article's flow
MENU = "menu"  #: short lines standing alone: navigation, labels, buttons
LINK_LIST = "related links"  #: headlines listed after a "related" heading, or lines mostly of links
OUTSIDE = "outside the article"  #: prose elsewhere on the page (other stories, notes, comments)
BIO = "author bio"  #: the lines under an "About the author" heading
BYLINE = "byline"  #: the "By ..." line (the name goes in the briefing's artist tag)
DATELINE = "date"  #: a line giving the date (it goes in the briefing's tags)
CAPTION = "caption"
PHOTO_CREDIT = "photo credit"
CODE = "code block"
CODE_NOTE = "Code block skipped."  #: said where a code block stands (the code itself is left out)
SUMMARY = "summary"  #: the page's own one-line summary standing as a subheading
COMMENTS = "comments"
COMMENT_BUTTONS = "comment buttons"
#: kinds whose phrases news copy may mention (they call on the reader, or give a time): a line reading
#: as a sentence of news copy is never one of them
NOT_NEWS_COPY = frozenset({LINK_LIST, "subscription", "share bar", PROMO, "site link", "notice", COMMENTS,
                           DATELINE})
#: reasons that say only where a line stood or what shape it has, not what it is
WEAK_REASONS = frozenset({MENU, OUTSIDE})

_BULLET = re.compile("^[\u2022\u00b7\u25aa\u25e6\u2023\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8\u2013*-]\\s+")
_HEADER = re.compile(r"^\[(?P<name>[^\]]+?)(?: (?P<limit>\d+))?\]$")
_WORD = re.compile(r"\w+")
_INTRODUCES = re.compile("[?:\uff1f\uff1a]['\"\u2019\u201d]?$")  #: a question, or a label before what follows
_SENTENCE_END = re.compile("[.!?\u3002\uff01\uff1f]['\"\u2019\u201d\u00bb)\\]]*$")
_QUOTED = re.compile("\u201c[^\u201d]*\u201d|\"[^\"]*\"|\u00ab[^\u00bb]*\u00bb"
                     "|\u201e[^\u201c\u201d]*[\u201c\u201d]")
#: the site speaking to its reader, in the languages of the rules ("we", "our", "you" ...)
_READER_ADDRESS = re.compile(
    r"\b(we|our|ours|(?-i:us)|you|your|yours|nós|nosso|nossa|nossos|nossas|você|vocês|nuestro|nuestra|"
    r"nuestros|nuestras|usted|ustedes|wir|unser|unsere|unseren|unserem|unserer|unseres|euch|"
    r"nous|notre|vous|votre|vos|noi|nostro|nostra|nostri|nostre|voi|мы|наш|наша|наши|вы|ваш|"
    r"ваша|ваши)\b", re.IGNORECASE)


def _alternation(rules: list[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern trying each rule, or None when there are none."""
    return re.compile("|".join(f"(?:{r})" for r in rules), re.IGNORECASE) if rules else None


Rules = list[tuple[str, int, re.Pattern[str] | None, re.Pattern[str] | None]]


@cache
def _rules(news_copy: bool) -> Rules:
    """Per kind of data/furniture.txt: name, longest line, anchored and floating rules. For news_copy,
    the kinds that call on the reader keep only the rules that recognise a line by its form ("!")."""
    text = resources.files(__package__).joinpath("data/furniture.txt").read_text("utf8")
    kinds: list[tuple[str, int, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if header := _HEADER.match(line):
            kinds.append((header["name"], int(header["limit"] or MAX_PHRASE_LINE), []))
        elif line and not line.startswith("#") and kinds:
            name, _, rules = kinds[-1]
            if not (news_copy and name in NOT_NEWS_COPY and not line.startswith("!")):
                rules.append(line.removeprefix("!"))
    return [(name, limit, _alternation([r for r in rules if r.startswith("^")]),
             _alternation([r for r in rules if not r.startswith("^")])) for name, limit, rules in kinds]


def is_sentence(line: str) -> bool:
    """True for a line of at least PROSE_WORDS words that ends like a sentence."""
    return len(_WORD.findall(line)) >= PROSE_WORDS and _SENTENCE_END.search(line) is not None


def reads_as_news_copy(line: str) -> bool:
    """True for a sentence (see is_sentence) in which the site does not speak to its reader ("we",
    "our", "you" outside quotations): "Residents can sign up for alerts on the city's website." is
    news copy; "Sign up for our newsletter." is not."""
    return is_sentence(line) and not _READER_ADDRESS.search(_QUOTED.sub(" ", line))


def without_bullet(line: str) -> str:
    """A list entry's text without its bullet ("• ", "- ")."""
    return _BULLET.sub("", line, count=1)


def is_bulleted(line: str) -> bool:
    """True for a line that starts with a bullet."""
    return _BULLET.match(line) is not None


def furniture_kind(line: str) -> str:
    """The kind of furniture a line is ("caption", "share bar", ...), or "" when it is none."""
    line = without_bullet(line.strip())
    return _kind_of(line) if len(line) <= _longest() else ""


@lru_cache(maxsize=8192)  # menus, credits and share bars repeat on a page and across its passes
def _kind_of(line: str) -> str:
    for kind, limit, anchored, floating in _rules(reads_as_news_copy(line)):
        if len(line) > limit:
            continue
        if (anchored and anchored.match(line)) or (floating and floating.search(line)):
            return kind
    return ""


@cache
def _longest() -> int:
    """The longest line any kind of furniture applies to."""
    return max(limit for _, limit, _, _ in _rules(False))


def is_bio_header(line: str) -> bool:
    """True for an "About the author" heading that starts a bio block."""
    line = line.strip()
    return any(kind == BIO and len(line) <= limit and anchored is not None and bool(anchored.match(line))
               for kind, limit, anchored, _ in _rules(False))


def line_key(line: str) -> str:
    """A normalised form of a line used to find repeats and title copies."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    return " ".join(_WORD.findall(folded))


def repeats(lines: Sequence[str], kept: Sequence[bool]) -> list[str]:
    """For each line: PROMO for a line printed twice in a row (every copy), REPEAT for a kept line of
    REPEAT_WORDS words or more whose copy was kept earlier, "" for the rest. So the first copy heard
    stays: a pull quote printed again, or a story printed twice, is heard once. A question or a
    label introducing what follows ("What inspired you?", "Ingredients:") can stand before several
    answers: it is no repeat."""
    keys = [line_key(line) for line in lines]
    heard: set[str] = set()
    out: list[str] = []
    for i, key in enumerate(keys):
        if key.count(" ") + 1 < REPEAT_WORDS or _INTRODUCES.search(lines[i]):
            out.append("")
            continue
        if (i > 0 and keys[i - 1] == key) or (i + 1 < len(keys) and keys[i + 1] == key):
            out.append(PROMO)
            continue
        out.append(REPEAT if kept[i] and key in heard else "")
        if kept[i]:
            heard.add(key)
    return out


def pull_quotes(keys: Sequence[str], kept: Sequence[bool]) -> list[bool]:
    """For each line key: True for a kept line of QUOTE_WORDS words or more found again inside a
    kept line QUOTE_GROWTH times longer (a pull quote lifted from its paragraph; a line edited a
    little and printed again is not one). A candidate is compared, word by word,
    with at most QUOTE_LOOKUPS places that hold its opening words: the work stays linear."""
    words = [key.split() if is_kept else [] for key, is_kept in zip(keys, kept, strict=True)]
    places: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    for line, tokens in enumerate(words):
        for start in range(len(tokens) - QUOTE_WORDS + 1):
            found = places[hash(tuple(tokens[start:start + QUOTE_WORDS]))]
            if len(found) < QUOTE_LOOKUPS:
                found.append((line, start))
    out = []
    for line, tokens in enumerate(words):
        size = len(tokens)
        out.append(size >= QUOTE_WORDS and any(
            other != line and len(words[other]) >= QUOTE_GROWTH * size
            and words[other][start:start + size] == tokens
            for other, start in places.get(hash(tuple(tokens[:QUOTE_WORDS])), ())))
    return out
