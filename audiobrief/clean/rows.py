"""Tables as a listener hears them, the same from Markdown, HTML and pasted text: each row one
sentence of its cells with their column headings, "Berth: North quay; Ships: 4."."""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_ROWS = 2  #: tab-separated lines make a table from this many (a heading row and one more)
_CELL_BREAK = re.compile(r"\t+")


def row_sentence(header: Sequence[str], row: Sequence[str]) -> str:
    """A table row as one sentence: "Port: Dover; Ships: 12." (cells alone when unlabelled)."""
    pairs = [f"{label}: {cell}" if label else cell for label, cell in zip(header, row, strict=False) if cell]
    pairs += [cell for cell in row[len(header):] if cell]
    sentence = "; ".join(pairs)
    return sentence if sentence[-1:] in ".!?" else f"{sentence}."


def _cells(line: str) -> list[str]:
    """A pasted line's cells: a browser copies a table row as its cells with tabs between."""
    return [cell.strip() for cell in _CELL_BREAK.split(line.strip())] if "\t" in line.strip() else []


def tables_read(lines: Sequence[str]) -> list[str]:
    """Pasted lines with each table (MIN_ROWS lines or more of the same number of tab-separated
    cells) read as sentences: its heading row goes into every row after it."""
    out: list[str] = []
    n = 0
    while n < len(lines):
        cells = _cells(lines[n])
        end = n + 1
        while cells and len(cells) > 1 and end < len(lines) and len(_cells(lines[end])) == len(cells):
            end += 1
        if end - n >= MIN_ROWS:
            out.extend(row_sentence(cells, _cells(line)) for line in lines[n + 1:end])
        else:
            out.extend(lines[n:end])
        n = end
    return out
