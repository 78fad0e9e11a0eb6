"""Clip cache: WAV files keyed by spoken text, voice and engine, bounded, least recently used out."""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .model import Voice
from .prepare import PREP_VERSION

DEFAULT_CACHE_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class ClipCache:
    """A folder of cached clips; safe for many processes (every write is an atomic rename)."""

    root: Path
    max_bytes: int = DEFAULT_CACHE_BYTES

    def path_for(self, engine_id: str, voice: Voice, spoken: str) -> Path:
        """Where the clip for this text, voice and engine lives (whether or not it exists)."""
        fields = (engine_id, PREP_VERSION, voice.engine_voice, str(voice.rate), str(voice.pitch), spoken)
        key = hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()
        return self.root / key[:2] / f"{key}.wav"

    def touch(self, path: Path) -> None:
        """Mark a clip as just used."""
        with contextlib.suppress(FileNotFoundError):
            os.utime(path)

    def prune(self) -> int:
        """Delete least recently used clips until the cache fits its bound; returns files removed."""
        entries = []
        for path in self.root.glob("*/*.wav"):
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            entries.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        removed = 0
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed
