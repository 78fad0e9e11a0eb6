"""A few seconds of a voice, as a small MP3: what the web form's "hear this voice" links play.
Made once per voice on a speech pool, then kept in the audio cache."""

from __future__ import annotations

import hashlib
import wave

from ..engines import engine_id
from ..model import Voice
from .cache import ClipCache
from .encode import encoder_id, new_encoder
from .loudness import TARGET_LUFS, apply_gain_limited, integrated_loudness
from .synth import SynthJob
from .workers import WorkerPool, call_by_name

SAMPLE_TEXT = "Good morning. This is how your briefings will sound, every word read at this pace."


def sample_key(voice: Voice) -> str:
    """The cache key of a voice's sample: its engine, settings, text and encoder."""
    fields = (engine_id(voice), repr(voice), SAMPLE_TEXT, encoder_id(), str(TARGET_LUFS))
    return hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()


def voice_sample(voice: Voice, pool: WorkerPool, cache: ClipCache) -> bytes:
    """The voice's sample MP3, from the cache or spoken on the pool, brought to the briefings'
    loudness and encoded in their format."""
    import numpy as np

    key = sample_key(voice)
    cached = cache.read_entry(key, ".mp3")
    if cached is not None:
        return cached
    clip = pool.call(call_by_name, "audiobrief.audio.synth:synthesize_one",
                     SynthJob("sample", SAMPLE_TEXT, voice), cache)()
    with wave.open(str(clip.path), "rb") as wav:
        pcm = wav.readframes(wav.getnframes())
    measured = integrated_loudness(np.frombuffer(pcm, "<i2") / 32768, clip.sample_rate)
    encoder = new_encoder()
    mp3 = bytes(encoder.encode(apply_gain_limited(pcm, TARGET_LUFS - measured))) + bytes(encoder.flush())
    cache.write_entry(key, ".mp3", mp3)
    return mp3
