"""Words within a typo of a query word: the vocabulary terms whose rapidfuzz `fuzz.ratio` with it
reaches a cutoff — exactly the terms and ratios `rapidfuzz.process.extract` finds (tests compare
the two) — without loading rapidfuzz (15 ms of imports) nor looking at every term.

The ratio is the normalised Indel similarity, 100 × (1 − (m − 2·LCS) / m), m being the two
lengths' sum and LCS their longest common subsequence. The LCS is at most the number of letters
both words hold (counted with repeats), so a term can reach the cutoff only if that count is
at least cutoff / 200 × m. The index keeps, for each letter c and count k, the set of terms
holding c at least k times, and the set of terms of each length, as bitsets (coarse.py): the
common-letter count of every term is then summed with bitset arithmetic (a bit-sliced counter,
one set per letter of the query), compared with each length's threshold, and only the few terms
left are scored, with a bit-parallel LCS and rapidfuzz's float arithmetic.
"""

from __future__ import annotations

from math import ceil
from typing import Protocol, Sequence

from esante_cli.explore import coarse


class Sifted(Protocol):
    """A vocabulary with its sifting sets: index.Index, or Vocabulary below."""

    vocab: Sequence[str]

    def letter_set(self, letter: str, times: int) -> int: ...

    def length_set(self, length: int) -> int: ...


def sift_sets(vocab: Sequence[str]) -> tuple[dict[str, list[int]], dict[int, list[int]]]:
    """({letter + times: terms holding that letter at least that many times}, {length: terms}),
    terms by their number in `vocab`, ascending."""
    letters: dict[str, list[int]] = {}
    lengths: dict[int, list[int]] = {}
    for number, term in enumerate(vocab):
        lengths.setdefault(len(term), []).append(number)
        for letter in set(term):
            for times in range(1, term.count(letter) + 1):
                letters.setdefault(f"{letter}{times}", []).append(number)
    return letters, lengths


class Vocabulary:
    """A vocabulary sifted in memory (tests, small uses); the index stores the same sets."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.vocab = vocab
        letters, lengths = sift_sets(vocab)
        self._letters = {key: coarse.bits(terms, len(vocab)) for key, terms in letters.items()}
        self._lengths = {length: coarse.bits(terms, len(vocab)) for length, terms in lengths.items()}

    def letter_set(self, letter: str, times: int) -> int:
        return self._letters.get(f"{letter}{times}", 0)

    def length_set(self, length: int) -> int:
        return self._lengths.get(length, 0)


def close(q: str, sifted: Sifted, cutoff: float, shortest: int, longest: int) -> list[tuple[str, float]]:
    """(term, ratio) for the terms of `sifted.vocab` from `shortest` to `longest` letters whose
    ratio with q is ≥ cutoff (0..100), in vocabulary order."""
    need = (cutoff / 100 - 0.001) / 2  # a common-letter share, with a margin under float rounding
    counter: list[int] = []  # bit-sliced: bit i of every term's count of letters in common with q
    for letter in set(q):
        for times in range(1, q.count(letter) + 1):
            _add(counter, sifted.letter_set(letter, times))
    every = (1 << len(sifted.vocab)) - 1
    left = 0
    for length in range(max(1, shortest), longest + 1):
        of_length = sifted.length_set(length)
        if of_length:
            left |= of_length & _at_least(counter, ceil(need * (len(q) + length)), every)
    out = []
    for number in coarse.members(left):
        term = sifted.vocab[number]
        total = len(q) + len(term)
        ratio = 100 * (1 - (total - 2 * lcs(q, term)) / total)
        if ratio >= cutoff:
            out.append((term, ratio))
    return out


def _add(counter: list[int], members: int) -> None:
    """Add 1 to the count of each member (a ripple-carry adder over bitsets)."""
    for i, digit in enumerate(counter):
        if not members:
            return
        counter[i], members = digit ^ members, digit & members
    if members:
        counter.append(members)


def _at_least(counter: list[int], threshold: int, every: int) -> int:
    """The members whose bit-sliced count is ≥ threshold."""
    if threshold <= 0:
        return every
    if threshold >> len(counter):
        return 0
    above, equal = 0, every
    for i in reversed(range(len(counter))):
        if threshold >> i & 1:
            equal &= counter[i]
        else:
            above |= equal & counter[i]
            equal &= ~counter[i]
    return above | equal


def lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence (Hyyrö's bit-parallel algorithm)."""
    masks: dict[str, int] = {}
    for i, c in enumerate(a):
        masks[c] = masks.get(c, 0) | 1 << i
    full = (1 << len(a)) - 1
    v = full
    for c in b:
        u = v & masks.get(c, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")
