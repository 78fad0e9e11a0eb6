"""How fast the speak stage is: start-up, the seed article, and 0.25 / 0.5 / 1 MB of news text.

Also whether time grows in step with the text: twice the lines, and one line twice as long, should
take about twice the time (a ratio near 2.0; near 4.0 would mean quadratic work somewhere).
Prints figures, not pass/fail. Usage: python bench/speak_speed.py [SEED]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

DEFAULT_SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "atacms-newsweek.txt"
EXTRA = (
    "On Jan. 5, 2024, at 10:30 a.m. EST, Lt. Col. Smith said the FBI paid $2.5 million, up 12% "
    "from 2022; World War II veterans, Henry VIII and the 1990s; call (555) 123-4567 or visit "
    "www.example.com. The NAACP and UNESCO met at 1428 Elm St. with 3/4 of the 12 km road done. "
    "Dr Jones of St Louis said a $300 million aid package for 6'2\" players begins 3/20 at 9 p.m. ET; "
    "the Senate voted 52-48, the F-35s flew, ISBN 1-56027-287-2, No. 1 hit 99.9FM, highs near 30C."
)


def clock(action) -> tuple[float, object]:
    """Seconds an action takes and its result."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    """Print the timings."""
    seed_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SEED
    startup, speak = clock(lambda: __import__("audiobrief.speak", fromlist=["speak_article"]))
    lexicon_time, lexicon = clock(speak.load_lexicon)
    warm, _ = clock(lambda: speak.speak_line("NASA and the XQZT group", lexicon))
    from audiobrief.model import Segment

    paragraphs = [p.strip() for p in seed_path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    segments = [
        Segment(f"p{i}s{j}", 0, i, j, s)
        for i, p in enumerate(paragraphs)
        for j, s in enumerate(re.split(r"(?<=[.!?])\s+", p))
    ]
    print(
        f"import {startup * 1000:.0f} ms, load_lexicon {lexicon_time * 1000:.0f} ms, "
        f"first unknown acronym (CMU dictionary load) {warm * 1000:.0f} ms"
    )
    runs = [clock(lambda: speak.speak_article(segments, lexicon))[0] for _ in range(5)]
    print(
        f"seed article ({sum(len(s.written) for s in segments)} chars, {len(segments)} segments):"
        f" best {min(runs) * 1000:.1f} ms, first {runs[0] * 1000:.1f} ms"
    )
    lines = [*paragraphs, EXTRA]
    timings: dict[float, float] = {}
    for megabytes in (0.25, 0.5, 1.0):
        text: list[str] = []
        size = 0
        while size < megabytes * 1_000_000:
            for line in lines:
                text.append(line)
                size += len(line) + 1
        seconds, _ = clock(lambda text=text: [speak.speak_line(t, lexicon) for t in text])
        print(f"{megabytes:4} MB as {len(text)} lines: {seconds:.2f} s ({size / seconds / 1e6:.2f} MB/s)")
        timings[megabytes] = seconds
    print(f"twice the lines (0.5 -> 1 MB): {timings[1.0] / timings[0.5]:.2f}x the time")
    one_line = " ".join(lines)
    long_times = []
    for copies in (20, 40):
        line = " ".join([one_line] * copies)
        long_times.append(min(clock(lambda line=line: speak.speak_line(line, lexicon))[0] for _ in range(3)))
    print(
        f"one line twice as long ({len(one_line) * 20 // 1000} -> {len(one_line) * 40 // 1000} KB):"
        f" {long_times[1] / long_times[0]:.2f}x the time"
    )


if __name__ == "__main__":
    main()
