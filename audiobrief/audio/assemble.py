"""Clips to one MP3: pauses and clips cut into chunks encoded in parallel, written in order;
then cues, chapters and tags. The whole briefing is never in memory."""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..clean.saved import article_record
from ..errors import OutputError, SynthesisError
from ..model import Briefing, Chapter, Clip, Cue, Segment, Voice
from .cache import ClipCache
from .encode import (
    ALIGNED_REMAINDER,
    CHUNK_OVERHEAD,
    DELAY,
    FRAME,
    ClipPart,
    Part,
    Silence,
    chunk_key,
    encode_chunk,
    frames_for,
)
from .live import LiveJournal, live_paths
from .prepare import OUTPUT_RATE
from .tags import BriefingMeta, write_tags

LEAD_IN_MS = 250
INTRODUCTION = "Introduction"  #: the title of the intro's chapter (a briefing of several articles)
TAIL_MS = 700
CHUNK_SECONDS = 10  #: audio per encoding job; chunks are cut only inside pauses
PENDING_CHUNKS = 16  #: chunks encoded or read ahead of the one being written, at most
FIRST_CHUNK_SECONDS = 0  #: the first chunk ends at the first pause: playable as soon as possible


def pause_before(previous: Segment | None, current: Segment, voice: Voice) -> int:
    """Silence in ms between two segments: longest between articles, then paragraphs."""
    if previous is None:
        return LEAD_IN_MS
    if previous.article != current.article:
        return voice.article_pause_ms
    if previous.paragraph != current.paragraph:
        return voice.paragraph_pause_ms
    return voice.sentence_pause_ms


def ms(samples: int) -> int:
    """Samples at the output rate to whole milliseconds."""
    return round(samples * 1000 / OUTPUT_RATE)


def samples_of(milliseconds: int) -> int:
    """Milliseconds to samples at the output rate."""
    return OUTPUT_RATE * milliseconds // 1000


@contextmanager
def staged(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Scratch files beside each target, renamed into place only if the block succeeds (and those
    a killed process left beside them removed first)."""
    remove_dead_scratch(paths)
    scratch = [path.with_name(f".{path.name}.{os.getpid()}.part") for path in paths]
    try:
        yield scratch
        for temp, final in zip(scratch, paths, strict=True):
            os.replace(temp, final)
    finally:
        for temp in scratch:
            temp.unlink(missing_ok=True)


def remove_dead_scratch(paths: Sequence[Path]) -> None:
    """Delete the scratch files beside these targets (`.NAME.PID.part`, and the live `.stream`
    and `.live`) whose process no longer exists: a make killed with SIGKILL cleans up nothing.
    A live process's are left alone (a reused process id keeps them too: never one too many)."""
    for path in paths:
        pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.(part|stream|live)")
        for leftover in path.parent.glob(f".{glob.escape(path.name)}.*"):
            match = pattern.fullmatch(leftover.name)
            if match and not process_exists(int(match[1])):
                leftover.unlink(missing_ok=True)


def process_exists(pid: int) -> bool:
    """Whether a process with this id runs on this machine (ours, or anyone's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's
    return True


@dataclass(frozen=True)
class _Chunk:
    key: str
    future: Future[bytes]
    cached: bool


class ChunkWriter:
    """Cuts the stream into frame-aligned chunks, encodes them on threads of this process (LAME
    runs without holding the GIL) or takes them from the cache, and writes them in order."""

    def __init__(self, encoder: Executor, sink: BinaryIO, cache: ClipCache,
                 on_written: Callable[[int], None] | None = None) -> None:
        self.encoder, self.sink, self.cache = encoder, sink, cache
        self.on_written = on_written  #: told the bytes written so far after each chunk
        self.written = 0
        self.pending: deque[_Chunk] = deque()
        self.parts: list[Part] = []
        self.base = 0  #: decoded samples before the current chunk
        self.length = 0  #: samples in the current chunk so far

    def position(self) -> int:
        """Decoded sample position where the next part will be heard."""
        return self.base + DELAY + self.length

    def pause(self, samples: int) -> None:
        """Add silence, starting a new chunk inside it when the current one is long enough."""
        # chunks grow from the first pause to CHUNK_SECONDS, each at least as long as all before
        # it: a listener who starts at once has heard the earlier ones by the time the next is due
        enough = min(CHUNK_SECONDS * OUTPUT_RATE, max(FIRST_CHUNK_SECONDS * OUTPUT_RATE, self.base))
        if self.length > enough and samples >= FRAME + CHUNK_OVERHEAD:
            lead = samples - self._close() - CHUNK_OVERHEAD
            self._add(Silence(lead), lead)
        else:
            self._add(Silence(samples), samples)

    def clip(self, clip: Clip, gain_db: float) -> None:
        """Add a prepared clip."""
        self._add(ClipPart(str(clip.path), gain_db, clip.samples), clip.samples)

    def finish(self) -> int:
        """Encode the rest, write everything; return the decoded length in samples."""
        self._close()
        while self.pending:
            self._write_first()
        return self.base

    def _add(self, part: Part, samples: int) -> None:
        self.parts.append(part)
        self.length += samples
        while self.pending and self.pending[0].future.done():
            self._write_first()

    def _close(self) -> int:
        padding = (ALIGNED_REMAINDER - (self.length + DELAY)) % FRAME
        self.parts.append(Silence(padding))
        self.length += padding
        parts = tuple(self.parts)
        key = chunk_key(parts)
        data = self.cache.read_entry(key, ".mp3")
        if data is None:
            self.pending.append(_Chunk(key, self.encoder.submit(encode_chunk, parts), cached=False))
        else:
            done: Future[bytes] = Future()
            done.set_result(data)
            self.pending.append(_Chunk(key, done, cached=True))
        first = self.base == 0
        self.base += frames_for(self.length) * FRAME
        self.parts, self.length = [], 0
        if first:
            self._write_first()  # a listener (or a stream) can start as soon as it is written
        while len(self.pending) > PENDING_CHUNKS:
            self._write_first()
        return padding

    def _write_first(self) -> None:
        """Write the oldest chunk (keeping a copy in the cache)."""
        chunk = self.pending.popleft()
        data = chunk.future.result()
        if not chunk.cached:
            self.cache.write_entry(chunk.key, ".mp3", data)
        self.sink.write(data)
        self.sink.flush()  # a listener following the file hears the chunk now
        self.written += len(data)
        if self.on_written:
            self.on_written(self.written)


def assemble(segments: Sequence[Segment], clips: Iterable[Clip], voice: Voice,
             gain_for: Callable[[Clip], float], out: Path, finished_meta: Callable[[], BriefingMeta],
             cache: ClipCache) -> Briefing:
    """Stream the clips, in segment order, into out (MP3) and write out's VTT, JSON and PNG
    sidecars. The tags are asked for once the audio is written (the cover may still be drawing)."""
    targets = [out, out.with_suffix(".vtt"), out.with_suffix(".json"),
               out.with_suffix(".chapters.json"), out.with_suffix(".png")]
    cues: list[Cue] = []
    try:
        with staged(targets) as (mp3_tmp, vtt_tmp, json_tmp, chapters_tmp, cover_tmp):
            frames, journal_path = live_paths(mp3_tmp)
            journal = LiveJournal(journal_path)
            try:
                with frames.open("wb") as mp3, ThreadPoolExecutor(os.cpu_count()) as encoder:
                    writer = ChunkWriter(encoder, mp3, cache, journal.audio)
                    previous: Segment | None = None
                    clips_in_order = iter(clips)
                    for segment in segments:
                        # the pause goes in before waiting for the clip, so the chunk before it
                        # is written (and heard) while this clip is still being spoken
                        writer.pause(samples_of(pause_before(previous, segment, voice)))
                        clip = next(clips_in_order, None)
                        if clip is None:
                            raise SynthesisError(f"no clip arrived for {segment.id}")
                        if clip.segment_id != segment.id:
                            raise SynthesisError(f"clip {clip.segment_id} arrived for {segment.id}")
                        start = writer.position()
                        writer.clip(clip, gain_for(clip))
                        cue = Cue(segment.id, ms(start), ms(writer.position()), segment.written,
                                  segment.spoken)
                        cues.append(cue)
                        journal.cue(cue)
                        previous = segment
                    if (extra := next(clips_in_order, None)) is not None:
                        raise SynthesisError(f"clip {extra.segment_id} arrived after the last segment")
                    writer.pause(samples_of(TAIL_MS))
                    duration = ms(writer.finish())
                    journal.end(writer.written)
                shutil.copyfile(frames, mp3_tmp)  # tagged in place: the frames file stays as followed
            finally:
                journal.close()
                frames.unlink(missing_ok=True)
                journal_path.unlink(missing_ok=True)
            meta = finished_meta()
            chapters = build_chapters(segments, cues, meta.chapter_titles, duration)
            write_tags(mp3_tmp, meta, chapters)
            vtt_tmp.write_text(render_vtt(cues), "utf-8")
            json_tmp.write_text(render_json(meta, cues, chapters, duration), "utf-8")
            chapters_tmp.write_text(render_chapters_json(meta, chapters), "utf-8")
            cover_tmp.write_bytes(meta.cover_png)
    except OSError as exc:
        raise OutputError(f"cannot write '{out}' ({exc.strerror}): choose a writable folder") from exc
    return Briefing(meta.title, out, targets[1], duration, tuple(cues), tuple(chapters), meta.artist)


def build_chapters(segments: Sequence[Segment], cues: Sequence[Cue], titles: Sequence[str],
                   duration_ms: int) -> list[Chapter]:
    """A chapter per article, starting at its first cue and ending where the next begins; the intro
    before the first article (a briefing of several) is a chapter of its own, "Introduction"."""
    starts: list[tuple[int, int]] = []
    for segment, cue in zip(segments, cues, strict=True):
        if segment.article >= 0 and (not starts or starts[-1][0] != segment.article):
            starts.append((segment.article, cue.start_ms))
    chapters = []
    if starts and segments[0].article < 0 and starts[0][1] > 0:
        chapters.append(Chapter(INTRODUCTION, 0, starts[0][1]))
    for number, (article, start) in enumerate(starts):
        end = starts[number + 1][1] if number + 1 < len(starts) else duration_ms
        title = titles[article] if article < len(titles) else f"Article {article + 1}"
        chapters.append(Chapter(title, start, end))
    return chapters


def _timestamp(milliseconds: int) -> str:
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def render_vtt(cues: Sequence[Cue]) -> str:
    """WebVTT transcript: one cue per segment, the written text."""
    lines = ["WEBVTT", ""]
    for cue in cues:
        lines += [cue.segment_id, f"{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}",
                  vtt_text(cue.written), ""]
    return "\n".join(lines)


def vtt_text(text: str) -> str:
    """Text as one line of WebVTT cue text: "&", "<" and ">" escaped (so no tag and no "-->"
    survives) and line breaks, which would end the cue, made spaces."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.splitlines())


def render_json(meta: BriefingMeta, cues: Sequence[Cue], chapters: Sequence[Chapter],
                duration_ms: int) -> str:
    """The sidecar: every segment's written and spoken text with its times, the chapters, and each
    article as read (its JSON form, what was left out of it included)."""
    data = {
        "title": meta.title,
        "artist": meta.artist,
        "language": meta.language,
        "duration_ms": duration_ms,
        "segments": [
            {"id": c.segment_id, "start_ms": c.start_ms, "end_ms": c.end_ms,
             "written": c.written, "spoken": c.spoken}
            for c in cues
        ],
        "chapters": [{"title": c.title, "start_ms": c.start_ms, "end_ms": c.end_ms}
                     for c in chapters],
        "articles": [article_record(article) for article in meta.articles],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def render_chapters_json(meta: BriefingMeta, chapters: Sequence[Chapter]) -> str:
    """Podcasting 2.0 JSON chapters."""
    data = {
        "version": "1.2.0",
        "title": meta.title,
        "chapters": [{"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000, "title": c.title}
                     for c in chapters],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
