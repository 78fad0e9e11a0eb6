"""The memory-mapped language model gives py3langid's own answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from audiobrief.clean.langmodel import mapped_identifier, model_folder

TEXTS = [
    "Le conseil municipal a voté mardi un budget de réparation pour le pont du port, après des mois "
    "de débat sur les subventions aux ferries et les toits des écoles.",
    "Der Stadtrat hat am Dienstag das Budget für die Reparatur der Hafenbrücke beschlossen, nach "
    "monatelangem Streit über Fährzuschüsse und Schuldächer.",
    "A câmara municipal aprovou na terça-feira o orçamento para reparar a ponte do porto, depois "
    "de meses de debate sobre subsídios às balsas.",
    "The council approved the harbor bridge budget on Tuesday after months of argument.",
]


def test_mapped_model_matches_py3langid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDIOBRIEF_HOME", str(tmp_path))
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    mapped = mapped_identifier()
    assert model_folder().is_relative_to(tmp_path)
    assert not list(model_folder().parent.glob(".unpacking-*"))
    for text in TEXTS:
        expected_code, expected_prob = reference.classify(text)
        code, prob = mapped.classify(text)
        assert code == expected_code
        assert prob == pytest.approx(expected_prob, abs=1e-5)
    assert [mapped_identifier().classify(text)[0] for text in TEXTS] == ["fr", "de", "pt", "en"]
