"""Text folding and search terms: how any text (a title, a description, a query) is cut into words
that compare equal whatever the case, accents, punctuation, gender ending or plural. Pure functions.

- fold(text) (from catalog/folding.py): lowercase ASCII words separated by single spaces
  ('Ingénieur/e E-Santé' -> 'ingenieur e e sante'); zero-width and bidi characters are dropped.
- terms(text): the distinct search terms: folded words without stop words (a stop word written in
  capitals, « DU », is an acronym and kept), gender endings
  ('ingénieur/e') or plural s/x, with runs of single letters joined ('R&D' -> 'rd').
- record_terms(text): terms plus hyphenated words joined ('start-up' -> also 'startup').
- compact(text): a code without case, spaces or dots ('MET.602' -> 'met602').
"""

from __future__ import annotations

import operator
import re
from itertools import chain

from esante_cli.catalog.folding import fold

_GENDER = r"(?i)/(?:e|fe|ne|le|se|ve|trice|euse|ere|ère)(?![^\W\d_])"  # compiled on first use
_STOP = frozenset("a au aux avec d dans de des du e en et l la le les ou par pour sur un une".split())
_PUNCTUATION = "()[]{}«»\"'.,;:!?"  # around a word written in capitals (« (DU) »)


def stem(word: str) -> str:
    """Plural to singular, crudely but the same way on both sides: 'donnees' -> 'donnee',
    'hopitaux' -> 'hopital'."""
    if len(word) >= 3 and word[-1] in "sx" and word[-2] != "s" and word.isalpha():
        return word[:-3] + "al" if len(word) > 4 and word.endswith("aux") else word[:-1]
    return word


def _folded_words(raw: str) -> list[str]:
    """Folded words of one raw word: gender ending dropped, single letters joined ('R&D' -> 'rd')."""
    words: list[str] = []
    run = ""
    for word in fold(raw).split():
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            words.append(run)
            run = ""
        words.append(word)
    return words + [run] if run else words


class _WordTerms(dict):
    """raw word (split on spaces) -> (its terms, its hyphen-joined terms), computed once per word.

    Texts are cut word by word through this cache: natural text repeats its words, so indexing
    100,000 records folds a few thousand distinct words instead of millions.
    """

    def __missing__(self, raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        plain = re.sub(_GENDER, "", raw) if "/" in raw else raw
        bare = raw.strip(_PUNCTUATION)
        stop = () if len(bare) >= 2 and bare.isalpha() and bare.isupper() else _STOP  # « DU », an acronym, not « du »
        base = tuple(dict.fromkeys(stem(w) for w in _folded_words(plain) if w not in stop))
        extra: tuple[str, ...] = ()
        if "-" in plain:
            joined = (stem(w) for w in _folded_words(plain.replace("-", "")) if w not in stop)
            extra = tuple(t for t in dict.fromkeys(joined) if t not in base)
        value = self[raw] = (base, extra)
        return value


_WORD_TERMS = _WordTerms()
_first = operator.itemgetter(0)
_second = operator.itemgetter(1)


def terms(text: str, query: bool = False) -> list[str]:
    """The distinct search terms of a text, in order. A query made only of stop words keeps them."""
    found = list(dict.fromkeys(chain.from_iterable(map(_first, map(_WORD_TERMS.__getitem__, text.split())))))
    if not found and query:
        found = list(dict.fromkeys(stem(w) for raw in text.split() for w in _folded_words(raw)))
    return found


def record_terms(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, extra terms): extras join hyphenated words, so 'startup' finds 'start-up'."""
    entries = list(map(_WORD_TERMS.__getitem__, text.split()))
    base = tuple(dict.fromkeys(chain.from_iterable(map(_first, entries))))
    if "-" not in text:
        return base, ()
    extra = tuple(t for t in dict.fromkeys(chain.from_iterable(map(_second, entries))) if t not in base)
    return base, extra


def compact(text: str) -> str:
    """A code without case, spaces or dots: 'MET.602' and 'met 602' -> 'met602'."""
    return re.sub(r"[^0-9a-z]", "", fold(text))
