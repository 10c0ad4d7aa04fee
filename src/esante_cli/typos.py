"""Words within a typo of a query word: the vocabulary terms whose rapidfuzz `fuzz.ratio` with it
reaches a cutoff, exactly as `rapidfuzz.process.extract` finds them, without loading rapidfuzz
(13 ms of imports) when the vocabulary is small.

The ratio is the normalised Indel similarity, 100 × (1 − (m − 2·LCS) / m) where m is the two
lengths' sum and LCS the longest common subsequence. A small vocabulary (the shipped data:
under a thousand terms) is sifted in Python: by length first, then by the letters both words
hold (an upper bound of the LCS), and the few terms left are scored with a bit-parallel LCS,
with the same float arithmetic as rapidfuzz (tests compare the two). A large vocabulary
(100,000 records: tens of thousands of terms) goes to rapidfuzz whole, which is faster there.
"""

from __future__ import annotations

PYTHON_UP_TO = 5_000  # vocabulary sizes scored here: above, importing rapidfuzz (~15 ms) costs less


def close(q: str, vocab: list[str], cutoff: float, shortest: int, longest: int) -> list[tuple[str, float]]:
    """(term, ratio) for the terms of `vocab` from `shortest` to `longest` letters whose ratio
    with q is ≥ cutoff (0..100), in no particular order."""
    if len(vocab) > PYTHON_UP_TO:
        from rapidfuzz import fuzz, process

        found = process.extract(q, vocab, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
        return [(t, r) for t, r, _ in found if shortest <= len(t) <= longest]
    need = (cutoff / 100 - 0.001) / 2  # a common-letter share, with a margin under float rounding
    letters = [(c, q.count(c)) for c in set(q)]
    out = []
    for term in vocab:
        if shortest <= len(term) <= longest:
            total = len(q) + len(term)
            if sum(min(n, term.count(c)) for c, n in letters) >= need * total:
                ratio = 100 * (1 - (total - 2 * lcs(q, term)) / total)
                if ratio >= cutoff:
                    out.append((term, ratio))
    return out


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
