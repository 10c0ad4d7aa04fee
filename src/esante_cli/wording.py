"""French agreement for counts in messages: « 1 problème », « 2 problèmes », never « problème(s) ».
Pure and dependency-free, so every layer (catalogue, explorations, commands) can use it."""

from __future__ import annotations


def count(n: int, one: str, many: str | None = None, number: str | None = None) -> str:
    """« 1 formation finale », « 3 formations finales »: `many` defaults to each word of `one`
    with an s (words already ending in s or x stay); `number` is how n is written (default str)."""
    shown = number if number is not None else str(n)
    return f"{shown} {one if abs(n) < 2 else (many or plural(one))}"


def plural(words: str) -> str:
    return " ".join(w if w.endswith(("s", "x")) or not w[-1:].isalpha() else w + "s" for w in words.split(" "))


# A study level in a sentence. « le bac » is a common noun (« à partir du bac », « depuis le bac »);
# « bac+2 » reads as the name of a level (« de bac+2 à bac+5 ») or takes « un » where French needs
# an article (« depuis un bac+2 »). Keys: the words before the level.
_LEVEL_WORDS = {
    "": ("le bac", "{}"),
    "de": ("du bac", "de {}"),
    "à": ("au bac", "à {}"),
    "à partir de": ("à partir du bac", "à partir de {}"),
    "depuis": ("depuis le bac", "depuis un {}"),
    "jusqu'à": ("jusqu'au bac", "jusqu'à {}"),
}


def level_phrase(level: str, before: str = "") -> str:
    """« du bac », « de bac+2 », « depuis un bac+3 »…: `level` (bac, bac+1 … bac+8) after the
    word `before` (one of "", "de", "à", "à partir de", "depuis", "jusqu'à")."""
    bac, other = _LEVEL_WORDS[before]
    return bac if level == "bac" else other.format(level)
