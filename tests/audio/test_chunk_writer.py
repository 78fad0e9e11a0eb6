"""The assembler's chunk writer holds a bounded number of chunks however long the briefing is."""

from __future__ import annotations

import io
from concurrent.futures import Executor, Future
from pathlib import Path

from audiobrief.audio.assemble import CHUNK_SECONDS, PENDING_CHUNKS, ChunkWriter
from audiobrief.audio.prepare import OUTPUT_RATE
from audiobrief.model import Clip


class SlowFirstChunk(Future[bytes]):
    """An encoding job that finishes only when its result is asked for (a slow encoder)."""

    def result(self, timeout: float | None = None) -> bytes:
        if not self.done():
            self.set_result(b"first")
        return super().result(timeout)


class Encoder(Executor):
    """Hands out jobs that never finish on their own; runs nothing."""

    def submit(self, fn: object, /, *args: object, **kwargs: object) -> Future[bytes]:
        return SlowFirstChunk()


class EverythingButTheFirstCached:
    """A chunk cache that holds every chunk except the first one asked for."""

    def __init__(self) -> None:
        self.asked = 0

    def read_entry(self, key: str, suffix: str) -> bytes | None:
        self.asked += 1
        return None if self.asked == 1 else b"cached"

    def write_entry(self, key: str, suffix: str, data: bytes) -> None:
        """Nothing to keep."""


def test_pending_chunks_are_bounded() -> None:
    """Cached chunks once piled up behind one still encoding: 16 hours of audio held 460 MB."""
    sink = io.BytesIO()
    cache = EverythingButTheFirstCached()
    writer = ChunkWriter(Encoder(), sink, cache)  # type: ignore[arg-type]
    clip = Clip("s", Path("clip.wav"), OUTPUT_RATE, CHUNK_SECONDS * OUTPUT_RATE)
    most = 0
    for _ in range(500):
        writer.clip(clip, 0.0)
        writer.pause(OUTPUT_RATE // 2)
        most = max(most, len(writer.pending))
    writer.finish()
    assert cache.asked > 400
    assert most <= PENDING_CHUNKS
    assert sink.getvalue().startswith(b"first")
    assert sink.getvalue().count(b"cached") == cache.asked - 1
