"""The search index of a catalogue: built once per version of the data, kept in the cache as JSON
rows (cache.memo_rows), and read row by row, so that a search over 100,000 records reads only the
terms it asks for and the records it scores. Pure data: the ranking is in search.py.

Records are numbered in a fixed order (shortest name first, then kind, then name, then id), so
that among equal coarse scores the lowest number is the better candidate.

    head:  {"vocab": every term, sorted, one string with a newline between terms;
            "vocab_starts": where each term starts in it, fixed-width hexadecimal numbers;
            "kinds": one digit per record (search.SEARCH_KINDS); "labels": field labels;
            "buckets": number of key buckets; "letters", "lengths": the keys of the sifting sets}
    rows:  one per record: [id, folded name, [[label number, weight, text], …]] (fields.fields()
             in order: what scoring a record needs, without decoding it);
           one per vocabulary term: its postings, [[weight, records], …], each record under the
             best weight of a field holding the term; records are the gaps between record
             numbers, or a hexadecimal bitset when they are a sixteenth of all or more;
           one per key bucket: [[key, record, label, text], …] for exact lookups, where key is
             "c" + a compact code (ROME, ONISEP) or "i" + an id, bucketed by CRC-32;
           one per sifting set (typos.py): the terms holding a letter at least k times, for
             each "letter + k" of head["letters"], then the terms of each length of
             head["lengths"], as hexadecimal bitsets over term numbers.
"""

from __future__ import annotations

import os
import zlib
from bisect import bisect_left
from itertools import accumulate, chain
from operator import sub
from typing import Any, Callable, Iterable, Iterator, Sequence

from esante_cli.explore import coarse, typos
from esante_cli.catalog.models import Catalog
from esante_cli.explore.terms import compact, fold, record_terms, terms

SEARCH_KINDS = ("career", "training", "skill", "sector")
KIND_ORDER = {kind: rank for rank, kind in enumerate(SEARCH_KINDS)}
FORMAT = 1
KEYS_PER_BUCKET = 32


def build(catalog: Catalog, add: Callable[[Any], None]) -> dict[str, Any]:
    """The catalogue's index as plain JSON data: `add(row)` for each row in order, then the head."""
    from esante_cli.explore.fields import fields

    keyed = sorted(
        (len(terms(r.name)), KIND_ORDER[r.kind], fold(r.name), r.id, r) for r in catalog if r.kind in KIND_ORDER
    )
    labels: dict[str, int] = {}
    postings: dict[str, dict[float, list[int]]] = {}  # term -> best weight -> records
    keys: list[tuple[str, int, str, str]] = []
    for i, (_, _, sort_name, record_id, record) in enumerate(keyed):
        cut: dict[float, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        row = []
        for label, weight, text in fields(catalog, record):
            base, extra = record_terms(text)
            cut.setdefault(weight, []).append((base, extra))
            row.append((labels.setdefault(label, len(labels)), weight, text, " ".join(base), " ".join(extra)))
        add((record_id, sort_name, row))
        # Only each term's best weight matters here: the terms of all the texts of one weight.
        best: dict[str, float] = {}
        for weight in sorted(cut):  # ascending: the last write per term is its best weight
            best.update(dict.fromkeys(chain.from_iterable(base for base, _ in cut[weight]), weight))
            best.update(dict.fromkeys(chain.from_iterable(extra for _, extra in cut[weight]), weight))
        for term, weight in best.items():
            by_weight = postings.get(term)
            if by_weight is None:
                by_weight = postings[term] = {}
            ids = by_weight.get(weight)
            if ids is None:
                ids = by_weight[weight] = []
            ids.append(i)
        keys.append(("i" + record_id, i, "identifiant", record_id))
        keys += [("c" + compact(code), i, label, code) for label, code in _codes(record)]
    vocab = sorted(postings)
    size = len(keyed)
    for term in vocab:
        add([(w, _encoded(ids, size)) for w, ids in postings.pop(term).items()])
    n_buckets = max(1, len(keys) // KEYS_PER_BUCKET)
    buckets: list[list[Any]] = [[] for _ in range(n_buckets)]
    for key in keys:
        buckets[_bucket(key[0], n_buckets)].append(key)
    for bucket in buckets:
        add(bucket)
    letters, lengths = typos.sift_sets(vocab)
    for terms_of in (*(letters[k] for k in sorted(letters)), *(lengths[k] for k in sorted(lengths))):
        add(format(coarse.bits(terms_of, len(vocab)), "x"))
    text = "\n".join(vocab)
    starts = [0, *accumulate(len(term) + 1 for term in vocab)][:-1]
    width = len("%x" % len(text))
    return {
        "vocab": text,
        "vocab_starts": "".join("%0*x" % (width, start) for start in starts),
        "kinds": "".join(str(k[1]) for k in keyed),
        "labels": list(labels),
        "buckets": n_buckets,
        "letters": sorted(letters),
        "lengths": sorted(lengths),
    }


def _codes(record: Any) -> list[tuple[str, str]]:
    codes = [("code ROME", c) for c in getattr(record, "rome", ()) or ()]
    onisep = getattr(record, "onisep", None)
    return codes + ([("code ONISEP", onisep)] if onisep else [])


def _encoded(ids: list[int], size: int) -> list[int] | str:
    """A posting list as the gaps between record numbers, or, when it holds a sixteenth of the
    records or more, as a bitset in hexadecimal (shorter then, and no list to decode)."""
    if len(ids) >= max(64, size // 16):
        return format(coarse.bits(ids, size), "x")
    return list(map(sub, ids, [0, *ids]))


def _bucket(key: str, n_buckets: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % n_buckets


def _stamp() -> list[Any]:
    """What the index is derived with: these modules' sizes and dates (a change rebuilds it)."""
    here = os.path.dirname(os.path.abspath(__file__))
    out: list[Any] = [FORMAT]
    for name in ("index.py", "terms.py", "fields.py", "labels.py", "rows.py", "coarse.py", "typos.py"):
        try:
            st = os.stat(os.path.join(here, name))
            out.append([name, st.st_size, st.st_mtime_ns])
        except OSError:
            out.append([name, None, None])
    return out


class Terms(Sequence[str]):
    """The sorted vocabulary, read from one string: a term is made only when asked for (a list
    of 60,000 terms costs a run 10 ms to decode, and a search looks at a few dozen)."""

    def __init__(self, text: str, starts: str) -> None:
        self._text, self._starts = text, starts
        self._count = text.count("\n") + 1 if text else 0
        self._width = len(starts) // self._count if self._count else 1

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._count))]
        if not 0 <= i < self._count:
            raise IndexError(i)
        width = self._width
        start = int(self._starts[width * i : width * (i + 1)], 16)
        end = self._text.find("\n", start)
        return self._text[start : end if end >= 0 else len(self._text)]

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.split("\n") if self._count else ())


class Index:
    """Read access to an index, whether it was just built or comes from the cache."""

    def __init__(self, catalog: Catalog) -> None:
        from esante_cli.catalog import cache

        self.rows = cache.memo_rows(catalog, "search-index", lambda add: build(catalog, add), stamp=_stamp())
        head = self.rows.head
        self.vocab = Terms(head["vocab"], head["vocab_starts"])
        self.kinds: str = head["kinds"]
        self.labels: list[str] = head["labels"]
        self._buckets: int = head["buckets"]
        # Rows: records, then terms, then key buckets, then typo sifting sets (letters, lengths).
        self._terms_at = len(self.kinds)
        self._keys_at = self._terms_at + len(self.vocab)
        sift_at = self._keys_at + self._buckets
        self._letters = {key: sift_at + n for n, key in enumerate(head["letters"])}
        self._lengths = {length: sift_at + len(self._letters) + n for n, length in enumerate(head["lengths"])}
        self._record_rows: dict[int, Any] = {}

    def __len__(self) -> int:
        """How many records are searchable."""
        return len(self.kinds)

    def term_number(self, term: str) -> int | None:
        at = bisect_left(self.vocab, term)
        return at if at < len(self.vocab) and self.vocab[at] == term else None

    def postings(self, term: str) -> Iterator[tuple[float, Iterable[int] | int]]:
        """(weight, record numbers) of a vocabulary term, per weight; the record numbers as an
        iterable, or as a bitset (an int, coarse.py) for a frequent term."""
        number = self.term_number(term)
        if number is None:
            raise KeyError(term)
        for weight, records in self.rows[self._terms_at + number]:
            yield weight, int(records, 16) if isinstance(records, str) else accumulate(records)

    def _record(self, i: int) -> Any:
        row = self._record_rows.get(i)
        if row is None:
            row = self._record_rows[i] = self.rows[i]
        return row

    def record_id(self, i: int) -> str:
        return self._record(i)[0]

    def sort_name(self, i: int) -> str:
        return self._record(i)[1]

    def fields(self, i: int) -> Iterator[tuple[str, float, str, list[str], list[str]]]:
        """(label, weight, text, terms, extra terms) of each field of a record (terms.record_terms)."""
        labels = self.labels
        for label, weight, text, base, extra in self._record(i)[2]:
            yield labels[label], weight, text, base.split(), extra.split()

    def letter_set(self, letter: str, times: int) -> int:
        """The terms holding this letter at least `times` times, as a bitset (typos.py)."""
        row = self._letters.get(f"{letter}{times}")
        return 0 if row is None else int(self.rows[row], 16)

    def length_set(self, length: int) -> int:
        """The terms of this length, as a bitset (typos.py)."""
        row = self._lengths.get(length)
        return 0 if row is None else int(self.rows[row], 16)

    def lookup(self, key: str) -> list[tuple[int, str, str]]:
        """(record, label, text) under an exact key: "c" + compact code or "i" + id."""
        bucket = self.rows[self._keys_at + _bucket(key, self._buckets)]
        return [(i, label, text) for k, i, label, text in bucket if k == key]
