"""The rewriting machinery: ordered rules over text, each said span frozen for later rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Change:
    """One rewrite: what was written, what will be said, and the rule or lexicon entry behind it."""

    written: str
    spoken: str
    rule: str


#: A handler gets a match and returns the spoken form, (spoken form, rule name), or None to pass.
Said = str | tuple[str, str] | None
Handler = Callable[[re.Match[str]], Said]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the handler that says what it matches.

    Every rule scans every line, so the shape of a pattern counts: one that starts with a character
    it consumes, its look-behind after that ("[Mm](?<![\\w.][Mm])t"), lets the regex engine jump
    to that character; one that starts with a look-behind is tried at every position, many times
    slower on a long line.
    """

    name: str
    pattern: re.Pattern[str]
    handler: Handler
    needs: str = ""  #: characters one of which the text must hold for the rule to run; "" for any
    repairs: bool = False  #: what it returns stays written text for later rules: a tidier shape, no reading


@dataclass
class Piece:
    """A stretch of text: still written (kind "") or already said by the rule named in kind."""

    text: str
    kind: str = ""


DIGITS = "0123456789"


def needing(chars: str, *rules: Rule) -> tuple[Rule, ...]:
    """The rules, each set to run only on text holding one of the characters."""
    return tuple(replace(rule, needs=chars) for rule in rules)


#: how far past a written piece a pattern may look for context
LOOKAHEAD = 120
RANGE_KINDS = frozenset({"money", "measure", "time", "year", "date", "decade"})
DASH = re.compile(r"\s*[-\u2013\u2014]\s*")


def apply_rule(pieces: list[Piece], rule: Rule, changes: list[Change]) -> list[Piece]:
    """Run one rule over the written pieces, freezing what it says.

    The pattern runs over the whole line (written and said pieces joined) from each written
    piece's start, so look-arounds see its neighbours; a match must end inside the piece.
    """
    full = "".join(p.text for p in pieces)
    out: list[Piece] = []
    offset = 0
    for piece in pieces:
        begin, end = offset, offset + len(piece.text)
        offset = end
        if piece.kind:
            out.append(piece)
            continue
        reach = min(len(full), end + LOOKAHEAD)
        start = begin
        for match in rule.pattern.finditer(full, begin, reach):
            if match.start() >= end:
                break
            if match.end() > end:
                continue
            said = rule.handler(match)
            if said is None:
                continue
            spoken, name = (said, rule.name) if isinstance(said, str) else said
            if match.start() > start:
                out.append(Piece(full[start : match.start()]))
            out.append(Piece(spoken, "" if rule.repairs else rule.name))
            changes.append(Change(match.group(0), spoken, name))
            start = match.end()
        if start == begin:
            out.append(piece)
        elif start < end:
            out.append(Piece(full[start:end]))
    return _merged(out) if rule.repairs else out


def _merged(pieces: list[Piece]) -> list[Piece]:
    """Join neighbouring written pieces, so a repaired stretch reads on as one text (each run joined
    once: adding piece to piece would copy the run again and again)."""
    out: list[Piece] = []
    run: list[str] = []
    for piece in pieces:
        if not piece.kind:
            run.append(piece.text)
            continue
        if run:
            out.append(Piece("".join(run)))
            run = []
        out.append(piece)
    if run:
        out.append(Piece("".join(run)))
    return out


def join_ranges(pieces: list[Piece], changes: list[Change]) -> list[Piece]:
    """Say a dash between two said quantities as "to": "5pm-7pm" -> "five P.M. to seven P.M."."""
    for i in range(1, len(pieces) - 1):
        piece = pieces[i]
        if (
            not piece.kind
            and DASH.fullmatch(piece.text)
            and pieces[i - 1].kind in RANGE_KINDS
            and pieces[i + 1].kind in RANGE_KINDS
        ):
            changes.append(Change(piece.text, " to ", "range"))
            pieces[i] = Piece(" to ", "range")
    return pieces


SPACES = re.compile(r"\s+")


def _joined(pieces: list[Piece]) -> str:
    """Join the pieces, with a space where a said piece would run into a neighbouring word."""
    parts: list[str] = []
    for before, piece in zip([None, *pieces], pieces, strict=False):
        if (
            before is not None
            and (before.kind or piece.kind)
            and before.text[-1:].isalnum()
            and piece.text[:1].isalnum()
        ):
            parts.append(" ")
        text = piece.text
        if before is not None and before.kind and before.text.endswith(".") and text.startswith("."):
            text = text[1:]  # "ninety-one point three F.M." ends the sentence: one full stop
        parts.append(text)
    return "".join(parts)


def polish_said(pieces: list[Piece], rule: Rule, changes: list[Change]) -> list[Piece]:
    """Run one rule over what the other rules said (never over the author's own words)."""
    for i, piece in enumerate(pieces):
        if not piece.kind:
            continue
        said = rule.pattern.sub(lambda m: _said_text(rule.handler(m), m), piece.text)
        if said != piece.text:
            changes.append(Change(piece.text, said, rule.name))
            pieces[i] = Piece(said, piece.kind)
    return pieces


def _said_text(said: Said, match: re.Match[str]) -> str:
    """The text of a handler's answer, or the match itself when it passes."""
    if said is None:
        return match.group(0)
    return said if isinstance(said, str) else said[0]


def rewrite(
    text: str, rules: Iterable[Rule], said_rules: Iterable[Rule] = (), line_rules: Iterable[Rule] = ()
) -> tuple[str, list[Change]]:
    """Apply the rules in order, then the said rules to what they said, then the line rules to the
    whole line (written and said alike); return the line and the changes."""
    changes: list[Change] = []
    pieces = [Piece(text)]
    present = set(text)
    for rule in rules:
        if not rule.needs or not present.isdisjoint(rule.needs):
            pieces = apply_rule(pieces, rule, changes)
    pieces = join_ranges(pieces, changes)
    for rule in said_rules:
        pieces = polish_said(pieces, rule, changes)
    line = [Piece(SPACES.sub(" ", _joined(pieces)).strip(), "line")]
    for rule in line_rules:
        line = polish_said(line, rule, changes)
    return line[0].text, changes
