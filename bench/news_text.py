"""Long articles in the shapes of real news copy, for memory and speed benchmarks: long quoted
sentences with attributions, lists run into sentences, tables read out as sentences, figures,
money, dates and percentages, datelines, short one-line paragraphs. Every sentence is distinct (so
none comes from the cache). All of it is written for audiobrief; the places and people are made up."""

from __future__ import annotations

import random

PLACES = ("Ashby", "Bramley", "Carrow Bridge", "Dunmore", "Eastfield", "Fenwick", "Glenholt", "Harrowgate",
          "Ivel Mill", "Kestrel Bay", "Larkhill", "Marston Vale", "Northcote", "Orchard Cross", "Pinewood",
          "Quarry End", "Redhaven", "Saltmarsh", "Thornbury", "Upton Reach")
PEOPLE = ("Maria Okonkwo, the council's finance director", "Daniel Reyes, who chairs the harbour board",
          "Priya Natarajan, a hydrologist at the regional university",
          "Tom Aldridge, head of the bus drivers' union", "Sofia Lindqvist, the county's chief nurse",
          "James Whitcombe, a retired ferry captain", "Aisha Rahman, the school's head teacher",
          "Colonel Ruth Adebayo, who commands the reserve battalion",
          "Dr. Henry Castellanos, an economist at the chamber of commerce",
          "Grace O'Sullivan, a spokeswoman for the water company")
TOPICS = ("the flood defences", "the new hospital wing", "the ferry timetable", "the school budget",
          "the housing plan", "the rail link", "the wind farm", "the market square works",
          "the library's opening hours", "the bridge repairs", "the youth football league",
          "the recycling contract")
CLAIMS = ("had been promised for more than a decade", "would cost far more than anyone had said in public",
          "was the only realistic way to keep the town moving through the winter",
          "left families on the estate waiting for answers they were owed",
          "could not be rushed without putting lives at risk",
          "would be finished before the school holidays if the weather held",
          "was paid for by money that had been set aside years ago",
          "had to be weighed against everything else the council is being asked to do")
ITEMS = ("new pumps at the river gate", "two extra ambulances", "a night bus on Fridays and Saturdays",
         "longer hours at the clinic", "a second footbridge", "solar panels on the depot roof",
         "a free breakfast club", "street lights on the coast road", "a bigger lifeboat station",
         "shelters at every bus stop", "a register of empty homes", "a winter fuel fund")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
UNITS = ("kilometres of pipe", "tonnes of gravel", "homes", "pupils", "beds", "jobs", "trees",
         "parking spaces")


def _quote(rng: random.Random) -> str:
    person, topic, claim = rng.choice(PEOPLE), rng.choice(TOPICS), rng.choice(CLAIMS)
    place = rng.choice(PLACES)
    return (f"\u201cWhen people in {place} ask me about {topic}, I tell them the truth, which is that it "
            f"{claim}, and that we will keep coming back to them, meeting after meeting, until it is "
            f"done,\u201d said {person}, speaking to about {rng.randint(40, 400)} residents at the "
            f"community hall on {rng.choice(MONTHS)} {rng.randint(1, 28)}.")


def _list(rng: random.Random) -> str:
    items = rng.sample(ITEMS, rng.randint(4, 7))
    cost = f"${rng.randint(2, 95)}.{rng.randint(1, 9)} million"
    return (f"The plan for {rng.choice(PLACES)} includes {', '.join(items[:-1])} and {items[-1]}, at a "
            f"combined cost of {cost} over {rng.randint(2, 6)} years.")


def _table(rng: random.Random) -> str:
    places = rng.sample(PLACES, rng.randint(4, 6))
    rows = [f"{place}, {rng.randint(1_000, 48_000):,} votes, or {rng.randint(100, 699) / 10:.1f} percent"
            for place in places]
    return f"The results by ward were: {'; '.join(rows[:-1])}; and {rows[-1]}."


def _figures(rng: random.Random) -> str:
    year = rng.randint(2015, 2026)
    return (f"Between {year} and {year + rng.randint(1, 4)}, the number of {rng.choice(UNITS)} in "
            f"{rng.choice(PLACES)} rose from {rng.randint(1_000, 9_999):,} to "
            f"{rng.randint(10_000, 99_999):,}, "
            f"an increase of {rng.randint(11, 240)}%, while spending fell by "
            f"\u00a3{rng.randint(100, 999)},{rng.randint(100, 999)}.")


def _short(rng: random.Random) -> str:
    return rng.choice((f"The vote in {rng.choice(PLACES)} is on {rng.choice(MONTHS)} {rng.randint(1, 28)}.",
                       f"{rng.choice(PEOPLE).split(',')[0]} declined to comment on {rng.choice(TOPICS)}.",
                       f"Work on {rng.choice(TOPICS)} starts at {rng.randint(6, 11)} a.m. on Monday, "
                       f"{rng.choice(MONTHS)} {rng.randint(1, 28)}."))


def _reported(rng: random.Random) -> str:
    return (f"According to a report published on {rng.randint(1, 28)} {rng.choice(MONTHS)} "
            f"{rng.randint(2019, 2026)} by the auditor, {rng.choice(TOPICS)} in {rng.choice(PLACES)} "
            f"{rng.choice(CLAIMS)}, although the council disputes the figure of {rng.randint(12, 97)} "
            f"{rng.choice(UNITS)} and says the true number, once the {rng.randint(3, 19)} sites still under "
            f"review are counted, is closer to {rng.randint(100, 900)}.")


SHAPES = (_quote, _list, _table, _figures, _short, _reported)


def news_text(words: int, seed: int = 1) -> str:
    """A headline, a dateline and paragraphs of at least `words` words in the shapes of news copy."""
    rng = random.Random(seed)
    seen: set[str] = set()
    paragraphs = [f"{rng.choice(PLACES).upper()} \u2014 {_short(rng)}"]
    total = len(paragraphs[0].split())
    while total < words:
        sentences: list[str] = []
        for _ in range(rng.choice((1, 2, 3, 3, 4))):
            sentence = rng.choice(SHAPES)(rng)
            if sentence not in seen:
                seen.add(sentence)
                sentences.append(sentence)
                total += len(sentence.split())
        if sentences:
            paragraphs.append(" ".join(sentences))
    return f"Council weighs {words:,} words of promises\n\n" + "\n\n".join(paragraphs) + "\n"
