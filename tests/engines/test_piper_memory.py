"""Piper's working memory: foretold from the phonemes the model will speak, and a segment too long
for the budget spoken in pieces cut at clause breaks, so one utterance never holds more than the
budget (measured: the peak RSS of a process speaking it, over the loaded model)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from audiobrief.engines import WORKING_MEMORY_BUDGET, working_memory
from audiobrief.engines.piper import PiperEngine, most_phonemes, pieces, utterance_memory
from audiobrief.presets import load_voice

NEURAL = load_voice("en-us")
#: A results table read out as one sentence: long number words make far more audio a word than
#: ordinary prose (80 words of this took 711 MB in one utterance, where its words foretold 511).
TABLE = ("The results by ward were: " + "; ".join(
    f"{place}, forty-seven thousand three hundred twenty-{unit} votes, or sixty-three point eight percent"
    for place, unit in (("Ashby", "five"), ("Bramley", "six"), ("Larkhill", "seven"), ("Northcote", "eight"),
                        ("Pinewood", "nine"))) + ".")
PROSE = "The ferry runs again from Monday, its owners said."


def tokens(text: str) -> list[str]:
    return list(text)


@pytest.mark.parametrize(("text", "longest", "expected"), [
    ("abc", 5, ["abc"]),
    ("ab, cd; ef, gh", 10, ["ab, cd;", "ef, gh"]),  # the semicolon before the comma
    ("ab cd, ef gh", 9, ["ab cd,", "ef gh"]),  # a comma before a later space
    ("ab, cd ef gh", 9, ["ab, cd", "ef gh"]),  # a comma too early in the run: the space
    ("abcd efgh ijkl", 8, ["abcd", "efgh", "ijkl"]),  # between words, the spaces dropped at the cut
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # no break at all: a hard cut
    ("a; bcdefghijk", 9, ["a; bcdefg", "hijk"]),  # a break too early in the run is not taken
])
def test_pieces_are_cut_at_the_best_clause_break(text: str, longest: int, expected: list[str]) -> None:
    found = ["".join(piece) for piece in pieces(tokens(text), longest)]
    assert found == expected
    assert all(len(piece) <= longest for piece in found)


def test_pieces_keep_every_sound() -> None:
    text = "alpha, beta; gamma delta epsilon, zeta eta: theta iota kappa lambda mu nu xi omicron"
    for longest in range(4, len(text) + 2):
        found = pieces(tokens(text), longest)
        assert "".join("".join(piece) for piece in found).replace(" ", "") == text.replace(" ", "")
        assert all(0 < len(piece) <= longest and piece[0] != " " != piece[-1] for piece in found)


def test_a_sentence_is_one_utterance_and_a_table_is_cut_at_its_semicolons(engine: PiperEngine) -> None:
    assert len(engine.utterances(PROSE, NEURAL)) == 1
    table = engine.utterances(TABLE, NEURAL)
    assert len(engine.phonemes(TABLE)) > most_phonemes(NEURAL)  # too long for the budget in one
    assert len(table) >= 2 and all(len(piece) <= most_phonemes(NEURAL) for piece in table)
    assert all(piece[-1] == ";" for piece in table[:-1]) and table[-1][-1] == "."
    assert [mark for mark in "".join("".join(piece) for piece in table) if mark in ";."] == [";"] * 4 + ["."]


def test_working_memory_comes_from_the_longest_piece(engine: PiperEngine) -> None:
    longest_piece = max(len(piece) for piece in engine.utterances(TABLE, NEURAL))
    assert working_memory(NEURAL, TABLE) == utterance_memory(NEURAL, longest_piece) <= WORKING_MEMORY_BUDGET
    assert working_memory(NEURAL, PROSE) == utterance_memory(NEURAL, len(engine.phonemes(PROSE)))
    assert working_memory(load_voice("en-us-espeak"), TABLE) == 0


def test_a_long_segment_is_spoken_whole_in_pieces(engine: PiperEngine) -> None:
    whole = engine.audio(TABLE, NEURAL)
    parts = [engine.audio(text, NEURAL) for text in TABLE.removesuffix(".").split("; ")]
    assert whole is not None and all(part is not None for part in parts)
    # about as long as its clauses said one by one (each of those ends as a sentence would)
    assert 0.8 < whole.size / sum(part.size for part in parts) < 1.2


QUOTE = ("\u201cWhen people in {place} ask me about the flood defences, I tell them the truth, which is "
         "that they were promised for more than a decade, that they will cost far more than anyone said in "
         "public, and that we will keep coming back to them, meeting after meeting, until it is done,\u201d "
         "said {person}, speaking to about {count} residents at the community hall on March {day}.")
PEOPLE = ("Maria Okonkwo, the council's finance director", "Daniel Reyes, who chairs the harbour board",
          "Priya Natarajan, a hydrologist at the regional university")
TREE_BOUND_MB = 800  #: the README's promise for a Piper briefing's whole process tree


def hard_article() -> str:
    """The shapes that make the longest utterances: tables read out as one sentence each, long
    quotes, between ordinary sentences (every sentence different, so none comes from the cache)."""
    paragraphs = []
    for n, (place, person) in enumerate(zip(("Ashby", "Bramley", "Larkhill"), PEOPLE, strict=True)):
        table = TABLE.replace("forty-seven", ("forty-seven", "thirty-one", "twelve")[n])
        quote = QUOTE.format(place=place, person=person, count=120 + n * 37, day=3 + n)
        paragraphs += [table, quote, f"The count in {place} ended after midnight, {n + 2} hours late."]
    return "Ward results and the flood defences\n\n" + "\n\n".join(paragraphs) + "\n"


def tree_peaks_mb(root: int) -> dict[int, float]:
    """The peak resident memory so far (the kernel's high-water mark) of root and each of its
    descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents.setdefault(int(fields[1]), []).append(int(entry.name))
    peaks, stack = {}, [root]
    while stack:
        pid = stack.pop()
        stack.extend(parents.get(pid, ()))
        try:
            found = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
        except OSError:
            continue
        if found:  # not an exiting process
            peaks[pid] = int(found.group(1)) / 1024
    return peaks


@pytest.mark.slow
def test_a_briefing_of_tables_and_long_quotes_stays_within_the_memory_bound(tmp_path: Path) -> None:
    """The whole process tree of `audiobrief make`: the sum of each of its processes' own peak
    (read every 50 ms until it exits), which is never below the tree's peak at any moment."""
    article = tmp_path / "wards.txt"
    article.write_text(hard_article(), "utf-8")
    out = tmp_path / "wards.mp3"
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        making = subprocess.Popen([sys.executable, "-m", "audiobrief", "make", str(article), "-o", str(out),
                                   "--voice", "en-us"], stdout=subprocess.DEVNULL, stderr=stderr,
                                  env={**os.environ, "AUDIOBRIEF_HOME": str(tmp_path / "home")})
        peaks: dict[int, float] = {}
        while making.poll() is None:
            for pid, peak in tree_peaks_mb(making.pid).items():
                peaks[pid] = max(peak, peaks.get(pid, 0.0))
            time.sleep(0.05)
    peak = sum(peaks.values())
    assert making.returncode == 0, errors.read_text()[-2000:]
    assert out.stat().st_size > 0
    print(f"peak {peak:.0f} MB")
    assert 0 < peak <= TREE_BOUND_MB, f"peak {peak:.0f} MB"
