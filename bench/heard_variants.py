"""Heard-form accuracy of speak-text per language variety, and how much of the en-us gap is 'and'.

Runs the cases of ../shared/bench/score_heard.py through `speak-text --voice en-us` and
`--voice en-gb`, judges each output as that scorer does (same espeak-ng phonemes as the reference),
and prints per class: en-gb, en-us, and en-us counting also the cases whose only difference from
the reference is the word "and" (the references say "one hundred and twenty three" and "twenty
dollars fifty cents"; issue 17 asks the American voice for "one hundred twenty-three" and "twenty
dollars and fifty cents"). Such a case is found by deleting every word "and" from both the output
and the reference and comparing the phonemes again.

Usage: python bench/heard_variants.py [--show-us 20] [--classes money,date]
Run from the worktree; the source tree is imported (PYTHONPATH=.), not the installed package.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "bench" / "score_heard.py"
AND_WORD = re.compile(r"\band\b", re.IGNORECASE)
VARIETIES = ("en-us", "en-gb")


def load_scorer():
    """The shared scorer as a module, so cases and phonemes are read exactly as it reads them."""
    spec = importlib.util.spec_from_file_location("score_heard", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def speak_all(written: list[str], voice: str) -> list[str]:
    """One speak-text run over every written form, in the given voice's variety."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "audiobrief", "speak-text", "--expand", "never", "--voice", voice]
    done = subprocess.run(command, input="\n".join(written) + "\n", capture_output=True,
                          text=True, check=True, env=env, timeout=900)
    said = done.stdout.splitlines()
    if len(said) != len(written):
        sys.exit(f"speak-text printed {len(said)} lines for {len(written)} cases")
    return said


def without_and(text: str) -> str:
    """The text with every word 'and' deleted."""
    return AND_WORD.sub(" ", text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--classes", default="", help="comma-separated, e.g. money,date")
    parser.add_argument("--show-us", type=int, default=0,
                        help="print N en-us misses that remain with 'and' set aside")
    args = parser.parse_args()
    scorer = load_scorer()
    cases = scorer.load(scorer.HERE, set(filter(None, args.classes.split(","))))
    written = [case[1] for case in cases]
    said = {voice: speak_all(written, voice) for voice in VARIETIES}

    def judge(i: int) -> tuple[bool, bool, bool]:
        reference = cases[i][2]
        target = scorer.phonemes(reference, "en-us")
        gb_right = scorer.phonemes(said["en-gb"][i], "en-us") == target
        us_right = scorer.phonemes(said["en-us"][i], "en-us") == target
        us_and_only = not us_right and (scorer.phonemes(without_and(said["en-us"][i]), "en-us")
                                        == scorer.phonemes(without_and(reference), "en-us"))
        return gb_right, us_right, us_and_only

    with ThreadPoolExecutor(4) as pool:
        verdicts = list(pool.map(judge, range(len(cases))))
    per_class: dict[str, list[int]] = {}
    for (cls, _, _), (gb_right, us_right, us_and_only) in zip(cases, verdicts, strict=True):
        tally = per_class.setdefault(cls, [0, 0, 0, 0])
        tally[0] += gb_right
        tally[1] += us_right
        tally[2] += us_right or us_and_only
        tally[3] += 1
    print(f"  {'class':14s} {'en-gb':>9s} {'en-us':>9s} {'en-us, and aside':>17s}")
    for cls, (gb, us, us_variant, n) in sorted(per_class.items()):
        print(f"  {cls:14s} {gb:4d}/{n:<4d} {us:4d}/{n:<4d} {us_variant:8d}/{n:<4d}")
    total = len(cases)
    gb_total = sum(v[0] for v in verdicts)
    us_total = sum(v[1] for v in verdicts)
    us_variant_total = sum(v[1] or v[2] for v in verdicts)
    and_only = sum(v[2] for v in verdicts)
    print(f"en-gb: {gb_total}/{total} = {gb_total / total:.3f}")
    print(f"en-us: {us_total}/{total} = {us_total / total:.3f}")
    print(f"en-us with the American 'and' convention counted right: {us_variant_total}/{total} = "
          f"{us_variant_total / total:.3f} ({and_only} cases differ only by 'and')")
    shown = 0
    for (cls, text, reference), verdict, spoken in zip(cases, verdicts, said["en-us"], strict=True):
        if shown >= args.show_us or verdict[1] or verdict[2]:
            continue
        print(f"  en-us wrong [{cls}] {text!r}: said {spoken!r}, expected {reference!r}")
        shown += 1


if __name__ == "__main__":
    main()
