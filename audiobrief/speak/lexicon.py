"""The pronunciation lexicon: built-in data plus user files and entries; later entries win."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files as package_files
from pathlib import Path
from types import MappingProxyType

from ..errors import InputError, LexiconError
from ..files import read_regular_file
from .numbers import cardinal

FORMAT = "'written<TAB>spoken[<TAB>expansion[<TAB>flags: cs|ci known|rare]]'"
FLAGS = frozenset({"cs", "ci", "known", "rare"})
SPELL = "."
AS_WRITTEN = "="
MAX_LEXICON_BYTES = 5 * 1024 * 1024  #: a lexicon file larger than this is refused


@dataclass(frozen=True)
class Entry:
    """One lexicon entry: a written form, how it is said, and what it stands for."""

    written: str  #: the form as it appears in text
    spoken: str  #: how it is said
    expansion: str = ""  #: what it stands for, said at first mention; "" for none
    case_sensitive: bool = True  #: match only as written
    well_known: bool = False  #: every listener knows it: not expanded at first mention


@dataclass(frozen=True)
class Lexicon:
    """An immutable lexicon, looked up by written form (exact first, then any case)."""

    entries: Mapping[str, tuple[Entry, ...]]  #: casefolded written form -> its entries

    def lookup(self, written: str) -> Entry | None:
        """The entry for a written form, or None."""
        found = self.entries.get(written.casefold())
        if not found:
            return None
        for entry in found:
            if entry.written == written:
                return entry
        for entry in found:
            if not entry.case_sensitive:
                return entry
        return None

    def __len__(self) -> int:
        """Number of entries."""
        return sum(len(v) for v in self.entries.values())

    def __reduce__(self) -> tuple[object, tuple[dict[str, tuple[Entry, ...]]]]:
        """Pickle through a plain dict: lexicons travel to worker processes."""
        return _from_entries, (dict(self.entries),)


def _from_entries(entries: dict[str, tuple[Entry, ...]]) -> Lexicon:
    """A Lexicon again from its pickled entries."""
    return Lexicon(MappingProxyType(entries))


def spell(written: str) -> str:
    """Dotted letters the engine spells reliably: "FBI" -> "F.B.I.", "AT&T" -> "A.T. and T."."""
    parts: list[str] = []
    for chunk in re.findall(r"[A-Za-z]+|\d+|&", written):
        if chunk == "&":
            parts.append(" and ")
        elif chunk.isdigit():
            parts.append(f" {cardinal(int(chunk))} ")
        else:
            parts.append("".join(f"{ch.upper()}." for ch in chunk))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def make_entry(written: str, spoken: str, expansion: str = "", flags: str = "cs") -> Entry:
    """Build an entry, resolving the "." (spell) and "=" (as written) shorthands."""
    if spoken == SPELL:
        spoken = spell(written)
    elif spoken == AS_WRITTEN:
        spoken = written
    marks = set(flags.replace(",", " ").split())
    return Entry(written, spoken, expansion, "ci" not in marks, "known" in marks)


def _flags_problem(flags: str) -> str:
    """What is wrong with an entry's flags field, or "" when nothing is."""
    marks = set(flags.replace(",", " ").split())
    if not marks <= FLAGS:
        return f"flags {flags!r}"
    if {"cs", "ci"} <= marks or {"known", "rare"} <= marks:
        return f"contradictory flags {flags!r}"
    return ""


def parse(lines: Iterable[str], source: str) -> list[Entry]:
    """Parse lexicon lines; raise LexiconError naming the source and line on a malformed one."""
    entries = []
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        problem = ""
        if len(fields) < 2:
            problem = "no TAB between the written and spoken forms"
        elif len(fields) > 4:
            problem = f"{len(fields)} fields"
        elif not fields[0] or not fields[1]:
            problem = "an empty written or spoken form"
        elif len(fields) == 4:
            problem = _flags_problem(fields[3])
        if problem:
            raise LexiconError(f"'{source}' line {number}: {problem}; expected {FORMAT}")
        written, spoken, expansion, flags = [*fields, "", ""][:4]
        entries.append(make_entry(written, spoken, expansion, flags))
    return entries


def build(entries: Iterable[Entry]) -> Lexicon:
    """Index entries; a later entry replaces an earlier one with the same written form."""
    table: dict[str, dict[str, Entry]] = {}
    for entry in entries:
        forms = table.setdefault(entry.written.casefold(), {})
        if not entry.case_sensitive:
            forms.clear()
        forms.pop(entry.written, None)
        forms[entry.written] = entry
    return Lexicon(MappingProxyType({k: tuple(v.values()) for k, v in table.items()}))


@cache
def builtin_entries() -> tuple[Entry, ...]:
    """The built-in entries, read once from the package data."""
    text = package_files(__package__).joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    return tuple(parse(text.splitlines(), "lexicon.tsv"))


def load_lexicon(files: Sequence[Path] = (), extra: Mapping[str, str] | None = None) -> Lexicon:
    """Built-in data, then user files, then extra {"written": "spoken"} entries; later wins."""
    entries = list(builtin_entries())
    for path in files:
        try:
            data, _ = read_regular_file(Path(path), MAX_LEXICON_BYTES, "give a lexicon file (.tsv)")
        except InputError as exc:
            raise LexiconError(str(exc)) from None
        if len(data) > MAX_LEXICON_BYTES:
            raise LexiconError(f"'{path}' is over the {MAX_LEXICON_BYTES // 1048576} MB limit for a lexicon "
                               "file: split it")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LexiconError(f"'{path}' cannot be read as a UTF-8 lexicon file: {exc}") from exc
        entries.extend(parse(text.splitlines(), str(path)))
    for written, spoken in (extra or {}).items():
        if not written.strip() or not spoken.strip():
            raise LexiconError(f"lexicon entry {written!r}: empty written or spoken form; expected both")
        entries.append(make_entry(written.strip(), spoken.strip()))
    return build(entries)
