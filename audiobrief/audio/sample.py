"""A few seconds of a voice, as a small MP3: what the web form's "hear this voice" links play.
Made once per voice on a speech pool, then kept in the audio cache."""

from __future__ import annotations

import hashlib
import wave

from ..engines import engine_id
from ..model import Voice
from .cache import ClipCache
from .encode import ALIGNED_REMAINDER, DELAY, FRAME, ClipPart, Silence, encode_chunk, encoder_id
from .loudness import TARGET_LUFS, apply_gain_limited, integrated_loudness
from .synth import SynthJob
from .workers import WorkerPool, call_by_name

SAMPLE_TEXT = "Good morning. This is how your briefings will sound, every word read at this pace."
LEVELLING = "measured after limiting"  #: how the sample's gain is found (in its cache key)
LEVELLING_ROUNDS = 8
LEVELLED_WITHIN_LU = 0.05


def sample_key(voice: Voice) -> str:
    """The cache key of a voice's sample: its engine, settings, text and encoder."""
    fields = (engine_id(voice), repr(voice), SAMPLE_TEXT, encoder_id(), str(TARGET_LUFS), LEVELLING)
    return hashlib.sha256("\0".join(fields).encode("utf-8")).hexdigest()


def sample_gain_db(pcm: bytes, rate: int) -> float:
    """The gain that brings this one sentence to the briefings' integrated loudness: measured on
    the sentence itself (a voice's calibrated gain left short samples up to a loudness unit off,
    by their wording and the voice's noise), then measured again after the peak limiter, which
    lowers the loudest syllables, and corrected until it lands (a limiter holding much down takes
    a few rounds)."""
    import numpy as np

    def loudness(sound: bytes) -> float:
        return integrated_loudness(np.frombuffer(sound, "<i2") / 32768, rate)

    gain = TARGET_LUFS - loudness(pcm)
    for _ in range(LEVELLING_ROUNDS):
        short = TARGET_LUFS - loudness(apply_gain_limited(pcm, gain))
        if abs(short) < LEVELLED_WITHIN_LU:
            break
        gain += short
    return gain


def voice_sample(voice: Voice, pool: WorkerPool, cache: ClipCache) -> bytes:
    """The voice's sample MP3, from the cache or spoken on the pool, brought to the briefings'
    loudness and encoded in their format."""
    key = sample_key(voice)
    cached = cache.read_entry(key, ".mp3")
    if cached is not None:
        return cached
    clip = pool.call(call_by_name, "audiobrief.audio.synth:synthesize_one",
                     SynthJob("sample", SAMPLE_TEXT, voice), cache)()
    with wave.open(str(clip.path), "rb") as wav:
        gain = sample_gain_db(wav.readframes(clip.samples), wav.getframerate())
    padding = (ALIGNED_REMAINDER - (clip.samples + DELAY)) % FRAME  # a whole chunk, as LAME frames it
    mp3 = encode_chunk((ClipPart(str(clip.path), gain, clip.samples), Silence(padding)))
    cache.write_entry(key, ".mp3", mp3)
    return mp3
