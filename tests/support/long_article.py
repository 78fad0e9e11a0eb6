"""Long articles written for the streaming tests: every sentence different, built from parts."""

from __future__ import annotations

import itertools
import random

SUBJECTS = ("The harbour board", "A group of ferry captains", "The town council",
            "Volunteers from the rowing club", "The regional water office", "Two local bakers",
            "The library committee", "Night shift nurses", "The school orchestra", "A family of beekeepers",
            "The bus drivers' union", "Students at the college")
VERBS = ("asked for", "voted on", "planned", "argued about", "celebrated", "paid for", "repaired", "measured",
         "described", "questioned")
OBJECTS = ("a new footbridge", "the old grain store", "longer opening hours", "a cheaper weekly ticket",
           "the flooded cycle path", "a quieter morning timetable", "the broken tide gauge",
           "a winter market", "the lighthouse museum", "extra lifeguards")
TIMES = ("on Monday", "last week", "before the storm", "after a long debate", "in the spring", "this morning")
SENTENCES_PER_PARAGRAPH = 5


def long_article(words: int, title: str, seed: int = 7) -> str:
    """A title and paragraphs of at least `words` words (at most 7,200 sentences, all different)."""
    combos = list(itertools.product(SUBJECTS, VERBS, OBJECTS, TIMES))
    random.Random(seed).shuffle(combos)
    sentences: list[str] = []
    total = 0
    for subject, verb, thing, when in combos:
        if total >= words:
            break
        sentences.append(f"{subject} {verb} {thing} {when}.")
        total += len(sentences[-1].split())
    paragraphs = [" ".join(sentences[n:n + SENTENCES_PER_PARAGRAPH])
                  for n in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"
