"""A briefing's audio while it is written, for listeners who start before it is finished.

The assembler writes the MP3 frames to a growing file beside its scratch MP3, and a journal (JSON
lines) saying how many of those bytes are complete and each cue as it is laid out. A reader (the
web server, in this process or another one sharing the folder) follows both; they are deleted when
the briefing is done, whose MP3 is the same frames behind an ID3 tag.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Cue

STREAM_SUFFIX = ".stream"
JOURNAL_SUFFIX = ".live"


def live_paths(scratch_mp3: Path) -> tuple[Path, Path]:
    """The growing frames file and its journal, named after the scratch MP3 they belong to."""
    return scratch_mp3.with_suffix(STREAM_SUFFIX), scratch_mp3.with_suffix(JOURNAL_SUFFIX)


class LiveJournal:
    """The writer's side: one flushed JSON line per event."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("w", encoding="utf-8")

    def audio(self, written: int) -> None:
        """The first `written` bytes of the frames file are complete frames."""
        self._line({"bytes": written})

    def cue(self, cue: Cue) -> None:
        """A segment has been laid out at these times."""
        self._line({"cue": {"id": cue.segment_id, "start_ms": cue.start_ms, "end_ms": cue.end_ms,
                            "written": cue.written}})

    def end(self, written: int) -> None:
        """All the audio is written: `written` bytes in all."""
        self._line({"end": written})

    def close(self) -> None:
        """Close the journal file."""
        self.handle.close()

    def _line(self, entry: dict[str, Any]) -> None:
        self.handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self.handle.flush()


@dataclass
class JournalReader:
    """The reader's side: follows a journal as it grows, reading only whole lines."""

    handle: BinaryIO
    committed: int = 0  #: bytes of the frames file known to be complete
    ended: bool = False  #: the audio is all written (committed is its length)
    cues: list[dict[str, Any]] = field(default_factory=list)
    _rest: bytes = b""

    def refresh(self) -> None:
        """Read what was appended since the last call."""
        data = self._rest + self.handle.read()
        *lines, self._rest = data.split(b"\n")
        for line in lines:
            entry = json.loads(line)
            if "bytes" in entry:
                self.committed = max(self.committed, int(entry["bytes"]))
            elif "cue" in entry:
                self.cues.append(entry["cue"])
            elif "end" in entry:
                self.committed, self.ended = int(entry["end"]), True

    def close(self) -> None:
        """Close the journal file."""
        self.handle.close()


def id3_length(head: bytes) -> int:
    """Bytes taken by an ID3v2 tag at the start of an MP3 (0 without one): the frames follow."""
    if len(head) < 10 or head[:3] != b"ID3":
        return 0
    size = 0
    for byte in head[6:10]:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if head[5] & 0x10 else 0
    return 10 + size + footer
