"""Clips to one MP3, streamed: trim, resample, gain, pauses, encode; then cues, chapters, tags."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import lameenc
from pydub import AudioSegment
from pydub.silence import detect_leading_silence

from .errors import OutputError, SynthesisError
from .loudness import apply_gain_limited
from .model import Briefing, Chapter, Clip, Cue, Segment, Voice
from .tags import write_tags

SAMPLE_RATE = 44100
BIT_RATE_KBPS = 64
ENCODER_QUALITY = 7  #: LAME -q (0 best .. 9 fastest); 7 is clean for speech at 64 kbps
ENCODER_DELAY = 1105  #: samples LAME puts before the audio (576) plus the decoder's delay (529)
TRIM_THRESHOLD_DBFS = -50.0
LEAD_IN_MS = 250
TAIL_MS = 700


@dataclass(frozen=True)
class BriefingMeta:
    """What the tags and sidecar files say about a briefing."""

    title: str
    artist: str
    album: str = "audiobrief"
    date: str = ""
    language: str = "en"
    chapter_titles: tuple[str, ...] = ()  #: one per article, in order
    cover_png: bytes | None = None


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
    return round(samples * 1000 / SAMPLE_RATE)


def prepare_pcm(clip: Clip, gain_db: float) -> bytes:
    """One clip as 44.1 kHz 16-bit mono PCM, engine silence trimmed, gain applied."""
    audio = AudioSegment.from_wav(clip.path)
    lead = detect_leading_silence(audio, TRIM_THRESHOLD_DBFS, chunk_size=1)
    trail = detect_leading_silence(audio.reverse(), TRIM_THRESHOLD_DBFS, chunk_size=1)
    if lead + trail < len(audio):
        audio = audio[lead : len(audio) - trail]
    audio = audio.set_frame_rate(SAMPLE_RATE).set_channels(1).set_sample_width(2)
    return apply_gain_limited(audio.raw_data, gain_db)


def new_encoder() -> lameenc.Encoder:
    """LAME set for the published format: 44.1 kHz mono CBR."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(SAMPLE_RATE)
    encoder.set_channels(1)
    encoder.set_quality(ENCODER_QUALITY)
    return encoder


@contextmanager
def staged(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Scratch files beside each target, renamed into place only if the block succeeds."""
    scratch = [path.with_name(f".{path.name}.{os.getpid()}.part") for path in paths]
    try:
        yield scratch
        for temp, final in zip(scratch, paths, strict=True):
            os.replace(temp, final)
    finally:
        for temp in scratch:
            temp.unlink(missing_ok=True)


def assemble(segments: Sequence[Segment], clips: Iterable[Clip], voice: Voice,
             gain_for: Callable[[Clip], float], out: Path, meta: BriefingMeta) -> Briefing:
    """Stream the clips, in segment order, into out (MP3) and write out's VTT and JSON sidecars."""
    targets = [out, out.with_suffix(".vtt"), out.with_suffix(".json"),
               out.with_suffix(".chapters.json")]
    encoder = new_encoder()
    cues: list[Cue] = []
    position = 0
    try:
        with staged(targets) as (mp3_tmp, vtt_tmp, json_tmp, chapters_tmp):
            with mp3_tmp.open("wb") as mp3:
                previous: Segment | None = None
                for segment, clip in zip(segments, clips, strict=True):
                    if clip.segment_id != segment.id:
                        raise SynthesisError(f"clip {clip.segment_id} arrived for {segment.id}")
                    silence = SAMPLE_RATE * pause_before(previous, segment, voice) // 1000
                    pcm = prepare_pcm(clip, gain_for(clip))
                    mp3.write(encoder.encode(b"\0\0" * silence + pcm))
                    start = position + silence
                    position = start + len(pcm) // 2
                    cues.append(Cue(segment.id, ms(start + ENCODER_DELAY),
                                    ms(position + ENCODER_DELAY), segment.written, segment.spoken))
                    previous = segment
                tail = SAMPLE_RATE * TAIL_MS // 1000
                mp3.write(encoder.encode(b"\0\0" * tail))
                mp3.write(encoder.flush())
                position += tail
            duration = ms(position + ENCODER_DELAY)
            chapters = build_chapters(segments, cues, meta.chapter_titles, duration)
            write_tags(mp3_tmp, meta, chapters)
            vtt_tmp.write_text(render_vtt(cues), "utf-8")
            json_tmp.write_text(render_json(meta, cues, chapters, duration), "utf-8")
            chapters_tmp.write_text(render_chapters_json(meta, chapters), "utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write '{out}' ({exc.strerror}): choose a writable folder") from exc
    return Briefing(meta.title, out, targets[1], duration, tuple(cues), tuple(chapters),
                    meta.artist, tuple(targets[2:]))


def build_chapters(segments: Sequence[Segment], cues: Sequence[Cue], titles: Sequence[str],
                   duration_ms: int) -> list[Chapter]:
    """A chapter per article, starting at its first cue and ending where the next begins."""
    starts: list[tuple[int, int]] = []
    for segment, cue in zip(segments, cues, strict=True):
        if segment.article >= 0 and (not starts or starts[-1][0] != segment.article):
            starts.append((segment.article, cue.start_ms))
    chapters = []
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
        text = cue.written.replace("-->", "→")
        lines += [cue.segment_id, f"{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}",
                  text, ""]
    return "\n".join(lines)


def render_json(meta: BriefingMeta, cues: Sequence[Cue], chapters: Sequence[Chapter],
                duration_ms: int) -> str:
    """The sidecar: every segment's written and spoken text with its times, and the chapters."""
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
