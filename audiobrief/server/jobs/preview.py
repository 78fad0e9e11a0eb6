"""The spoken-text preview: what the engine was asked to say, with changed words marked."""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ...model import Cue

NOTE = ("Spoken-text preview. Words in [brackets] are said differently from how they are written;"
        " the written form follows in (parentheses).")


def mark_changes(written: str, spoken: str) -> str:
    """The spoken text with each changed run of words as '[spoken] (written)'."""
    before, after = written.split(), spoken.split()
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            parts.extend(after[b0:b1])
        elif b1 > b0:
            original = " ".join(before[a0:a1])
            parts.append(f"[{' '.join(after[b0:b1])}]" + (f" ({original})" if original else ""))
    return " ".join(parts)


def render_preview(title: str, cues: Sequence[Cue]) -> str:
    """The whole preview as plain text, one segment a line, a blank line between paragraphs."""
    lines = [title, "", NOTE, ""]
    paragraph = None
    for cue in cues:
        key = cue.segment_id.rsplit("-", 1)[0]
        if paragraph is not None and key != paragraph:
            lines.append("")
        paragraph = key
        lines.append(mark_changes(cue.written, cue.spoken))
    return "\n".join(lines) + "\n"
