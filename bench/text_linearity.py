"""Whether the text stages' time grows in step with their input, for the shapes that once cost
quadratic time (a regular expression's own scan included, which tests/clean/test_text_property.py's call
counts cannot see): each shape repeated to N characters and to 4 x N, through speak_line and through
clean -> segment -> speak. A ratio near 4 is linear; near 16, quadratic. Times are this thread's
CPU time, best of three. Prints figures, not pass/fail.

Usage: python bench/text_linearity.py [N]   (default 8000; the tests' megabyte cases use 250000)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from audiobrief.clean import clean
from audiobrief.errors import NothingToReadError
from audiobrief.model import Document
from audiobrief.speak import load_lexicon, speak_line
from audiobrief.tasks import plan_article

SHAPES = ("1", "a.", "A&", "www.", "word ", "1,", "\u202e", "\u202eab ", "1.5 ", "$3m ", "x@y.", "3/4 ")
LEXICON = load_lexicon()


def stages(text: str) -> object:
    """clean -> segment -> speak, as a briefing runs them."""
    try:
        return plan_article(clean(Document("bench", text, False)), 0, LEXICON, "first")
    except NothingToReadError:
        return ()


def cpu_seconds(work: Callable[[], object], runs: int = 3) -> float:
    """The least thread CPU time of a few runs (the first warms the caches)."""
    work()
    times = []
    for _ in range(runs):
        start = time.thread_time()
        work()
        times.append(time.thread_time() - start)
    return min(times)


def main() -> None:
    """Print a row per shape: each stage's time at N and 4 x N, and their ratio."""
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 8000
    print(f"{'shape':10s} {'stage':7s} {'N s':>9s} {'4N s':>9s} {'ratio':>6s}")
    for unit in SHAPES:
        short, long = unit * max(1, size // len(unit)), unit * max(1, 4 * size // len(unit))
        for name, work in (("speak", lambda text: speak_line(text.replace("\n", " "), LEXICON)),
                           ("stages", stages)):
            short_s = cpu_seconds(lambda work=work, text=short: work(text))
            long_s = cpu_seconds(lambda work=work, text=long: work(text))
            ratio = long_s / short_s if short_s > 0 else float("nan")
            print(f"{unit!r:10s} {name:7s} {short_s:9.4f} {long_s:9.4f} {ratio:6.2f}")


if __name__ == "__main__":
    main()
