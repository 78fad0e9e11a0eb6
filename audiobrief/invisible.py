"""Invisible characters that can change how text looks without being seen: out of titles and bodies.

A right-to-left override (U+202E) in a title makes "txt.exe" show as "exe.txt"; isolates and
embeddings reorder whatever follows them. Titles (shown in the library, the feed, ID3 tags and
file names) lose every bidi control and invisible format character, and control characters.
Article text loses only the controls that reorder text (embeddings, overrides, isolates): the
direction marks (LRM, RLM, ALM) that right-to-left writing needs stay, and so do the joiners and
variation selectors that scripts and emoji need. espeak-ng says none of these characters, so
removing them changes nothing that is heard.
"""

from __future__ import annotations

import re

#: embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they reorder what follows
REORDERING = "\u202a-\u202e\u2066-\u2069"
#: zero-width direction marks: Arabic letter mark, left-to-right and right-to-left marks
MARKS = "\u061c\u200e\u200f"
#: format characters shown as nothing: soft hyphen, Hangul and Khmer fillers, Mongolian vowel
#: separator, zero-width space, word joiner and invisible operators, deprecated format controls,
#: byte order mark, interlinear annotation, musical formatting and tag characters
FORMAT = ("\u00ad\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff"
          "\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0000-\U000e007f")
CONTROLS = "\x00-\x1f\x7f-\x9f"
_IN_TITLES = re.compile(f"[{REORDERING}{MARKS}{FORMAT}{CONTROLS}]+")
_IN_BODIES = re.compile(f"[{REORDERING}]+")


def plain_title(title: str) -> str:
    """A title with no bidi controls, invisible format characters or control characters, its
    whitespace (line breaks included) made single spaces."""
    return " ".join(_IN_TITLES.sub("", " ".join(title.split())).split())


def without_reordering(text: str) -> str:
    """Text without the bidi controls that reorder what follows them (marks kept)."""
    return _IN_BODIES.sub("", text)
