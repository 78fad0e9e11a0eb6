"""MP3 encoding of briefing chunks (LAME via lameenc), run in worker processes.

Independently encoded chunks concatenate into one valid CBR stream. LAME puts 1105 samples
(its 576-sample priming plus the decoder's 529-sample filterbank delay) before each chunk's first
input sample and pads the last frame, so a chunk of n samples whose (n + 1105) % 1152 == 576
decodes to exactly n + 1681 samples. The assembler pads every chunk to that alignment and
shortens the next chunk's leading pause to match, so pauses and cue times stay sample-exact.
"""

from __future__ import annotations

import hashlib
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SynthesisError
from .loudness import CEILING_DBFS
from .prepare import OUTPUT_RATE

if TYPE_CHECKING:
    import lameenc

BIT_RATE_KBPS = 64
ENCODER_QUALITY = 7  #: LAME -q (0 best .. 9 fastest); 7 is clean for speech at 64 kbps
FRAME = 1152  #: samples per MPEG-1 Layer III frame
DELAY = 1105  #: decoded position of a chunk's first input sample, from the chunk's first frame
ALIGNED_REMAINDER = 576  #: (n + DELAY) % FRAME for every chunk the assembler builds
CHUNK_OVERHEAD = FRAME - ALIGNED_REMAINDER + DELAY  #: decoded samples beyond an aligned chunk's n


@dataclass(frozen=True)
class Silence:
    """A run of zero samples."""

    samples: int


@dataclass(frozen=True)
class ClipPart:
    """A prepared clip to be read, gained and limited."""

    path: str
    gain_db: float
    samples: int  #: its length when the briefing was laid out


Part = Silence | ClipPart


def new_encoder() -> lameenc.Encoder:
    """LAME set for the published format: 44.1 kHz mono CBR."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BIT_RATE_KBPS)
    encoder.set_in_sample_rate(OUTPUT_RATE)
    encoder.set_channels(1)
    encoder.set_quality(ENCODER_QUALITY)
    return encoder


@cache
def encoder_id() -> str:
    """The encoder, its settings and the limiter before it (looked up once: a briefing has
    thousands of chunks)."""
    from importlib.metadata import version

    return (f"lameenc-{version('lameenc')}/{BIT_RATE_KBPS}k/q{ENCODER_QUALITY}/{OUTPUT_RATE}"
            f"; limiter v2 at {CEILING_DBFS} dBFS")


def chunk_key(parts: Sequence[Part]) -> str:
    """Names what a chunk's MP3 frames are made of: the encoder and its settings, and every
    silence and clip (by its cache name) with its gain."""
    fields = [encoder_id()]
    for part in parts:
        if isinstance(part, Silence):
            fields.append(f"silence {part.samples}")
        else:
            fields.append(f"clip {Path(part.path).name} {part.samples} {part.gain_db:.4f} dB")
    return hashlib.sha256("\n".join(fields).encode("utf-8")).hexdigest()


def frames_for(samples: int) -> int:
    """MP3 frames LAME writes for an aligned chunk of this many samples."""
    if (samples + DELAY) % FRAME != ALIGNED_REMAINDER:
        raise ValueError(f"chunk of {samples} samples is not frame-aligned")
    return (samples + DELAY) // FRAME + 1


def encode_chunk(parts: Sequence[Part]) -> bytes:
    """One independently decodable run of MP3 frames for the parts, in order."""
    from .loudness import apply_gain_limited

    encoder = new_encoder()
    out = bytearray()
    total = 0
    for part in parts:
        if isinstance(part, Silence):
            pcm = b"\0\0" * part.samples
        else:
            pcm = apply_gain_limited(_read_clip(part), part.gain_db)
        total += len(pcm) // 2
        out += encoder.encode(pcm)
    out += encoder.flush()
    frames = _count_frames(out)
    if frames != frames_for(total):
        raise RuntimeError(f"LAME wrote {frames} frames for {total} samples, expected {frames_for(total)}")
    return bytes(out)


def _read_clip(part: ClipPart) -> bytes:
    """The clip's samples, as many as when the briefing was laid out."""
    try:
        with wave.open(part.path, "rb") as wav:
            pcm = wav.readframes(part.samples + 1)
    except (FileNotFoundError, wave.Error, EOFError):
        pcm = b""
    if len(pcm) != 2 * part.samples:
        raise SynthesisError(f"clip {Path(part.path).name} changed or left the cache while this "
                             "briefing used it (another audiobrief evicted it?): make the briefing again")
    return pcm


def _count_frames(data: bytearray) -> int:
    """Number of MPEG audio frames in a CBR stream (walks the frame headers)."""
    count = position = 0
    while position + 4 <= len(data):
        if data[position] != 0xFF or data[position + 1] & 0xE0 != 0xE0:
            raise RuntimeError(f"LAME output lost frame sync at byte {position}")
        padding = (data[position + 2] >> 1) & 1
        position += 144 * BIT_RATE_KBPS * 1000 // OUTPUT_RATE + padding
        count += 1
    return count
