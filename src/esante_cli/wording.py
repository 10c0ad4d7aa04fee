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
