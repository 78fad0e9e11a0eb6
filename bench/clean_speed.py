"""Time clean() on generated pasted pages of growing size; print seconds, ratios and growth."""

from __future__ import annotations

import random
import time

from audiobrief.clean import clean
from audiobrief.model import Document

SIZES = (125_000, 250_000, 500_000, 1_000_000)
WORDS = (
    "the", "council", "said", "river", "ferry", "library", "would", "open", "on", "monday",
    "and", "that", "residents", "could", "borrow", "books", "from", "a", "reading", "room",
    "with", "seats", "for", "children", "every", "afternoon",
)
MENU = ("Home", "News", "Sport", "Weather", "Culture", "Share", "Read more", "Sign in")


def page(size: int, seed: int = 7) -> str:
    """A pasted page of about size characters: menus, a title, prose paragraphs, a footer."""
    rng = random.Random(seed)
    parts = ["Generated Page About a Floating Library | The Bench", *MENU,
             "Generated Page About a Floating Library"]
    total = sum(map(len, parts))
    while total < size:
        if rng.random() < 0.15:
            line = rng.choice(MENU)
        else:
            words = [rng.choice(WORDS) for _ in range(rng.randint(20, 80))]
            line = " ".join(words).capitalize() + "."
        parts.append(line)
        total += len(line) + 1
    parts.append("© 2024 The Bench. All rights reserved.")
    return "\n".join(parts)


def timed(text: str, repeats: int = 3) -> float:
    """Best wall time of cleaning text, in seconds."""
    document = Document("bench.txt", text, False)
    clean(document)  # warm caches: stoplists, language model, rules
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        clean(document)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print one line per size and the growth from the smallest to the largest."""
    times = []
    for size in SIZES:
        seconds = timed(page(size))
        times.append(seconds)
        ratio = seconds / times[0]
        print(f"{size / 1e6:5.3f} MB  {seconds:7.3f} s  x{ratio:5.2f} vs {SIZES[0] / 1e6:.3f} MB"
              f"  (size x{size / SIZES[0]:.0f})")
    growth = (times[-1] / times[0]) / (SIZES[-1] / SIZES[0])
    print(f"growth: time ratio / size ratio = {growth:.2f} (1.0 is linear)")


if __name__ == "__main__":
    main()
