"""A few seconds of a voice, as a small MP3: what the web form's "hear this voice" links play.
Made once per voice on a speech pool, then kept in the audio cache."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..engines import engine_id
from ..model import Voice
from .cache import ClipCache
from .encode import ALIGNED_REMAINDER, DELAY, FRAME, ClipPart, Silence, encode_chunk, encoder_id
from .loudness import TARGET_LUFS
from .synth import SynthJob
from .workers import WorkerPool, call_by_name

SAMPLE_TEXT = "Good morning. This is how your briefings will sound, every word read at this pace."


def sample_key(voice: Voice) -> str:
    """The cache key of a voice's sample: its engine, settings, text and encoder."""
    fields = (engine_id(voice), repr(voice), SAMPLE_TEXT, encoder_id(), str(TARGET_LUFS))
    return hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()


def voice_sample(voice: Voice, pool: WorkerPool, cache: ClipCache, gain_db: Callable[[], float]) -> bytes:
    """The voice's sample MP3, from the cache or spoken on the pool, with the voice's gain (the
    one its briefings get, so it sounds as loud as they do), encoded in their format."""
    key = sample_key(voice)
    cached = cache.read_entry(key, ".mp3")
    if cached is not None:
        return cached
    clip = pool.call(call_by_name, "audiobrief.audio.synth:synthesize_one",
                     SynthJob("sample", SAMPLE_TEXT, voice), cache)()
    padding = (ALIGNED_REMAINDER - (clip.samples + DELAY)) % FRAME  # a whole chunk, as LAME frames it
    mp3 = encode_chunk((ClipPart(str(clip.path), gain_db(), clip.samples), Silence(padding)))
    cache.write_entry(key, ".mp3", mp3)
    return mp3
