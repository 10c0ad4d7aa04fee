"""Coarse scores over the whole catalogue, computed on sets of records rather than record by record.

A query term's postings give, for each record holding a matched term, a value (similarity ×
field weight); a record's coarse score is the sum over query terms of its best value for each
(search.py explains what the bound is for). With 100,000 records a frequent word ("santé")
holds tens of thousands of records, and a dict entry per record and per term cost a search
tens of milliseconds. Here the records are sets written as bitsets — a Python int whose bit i
is record i — so that unions, differences and intersections run in C over 64 records a step:

    levels: {coarse value: bitset of the records with exactly that value}

Sums are made level by level (each pair of levels is one AND), with the same float additions,
in the same order, as a record-by-record sum. A query whose levels would make too many pairs
(several words, each matching many terms) is summed record by record instead (dicts), with
the same result. Pure functions, no I/O.
"""

from __future__ import annotations

from collections import deque
from functools import reduce
from itertools import compress, count, repeat
from operator import add, lshift, or_
from typing import Iterable, Iterator

MAX_PAIRS = 4096  # level pairs a sum may cost before it is made record by record
_SMALL = 64  # sets of up to this many records are built bit by bit
_BINARY_DIGIT = bytes.maketrans(b"01", b"\x00\x01")

Levels = dict[float, int]


def bits(records: Iterable[int] | int, size: int) -> int:
    """The bitset of distinct record numbers below `size` (a bitset already: itself)."""
    if isinstance(records, int):
        return records
    numbers = records if isinstance(records, list) else list(records)
    if len(numbers) <= _SMALL:
        return sum(map(lshift, repeat(1), numbers))
    digits = bytearray(b"0") * size
    deque(map(digits.__setitem__, numbers, repeat(ord("1"))), maxlen=0)  # digits[i] = "1", looped in C
    digits.reverse()
    return int(digits, 2)


def members(bitset: int) -> Iterator[int]:
    """The record numbers in a bitset, ascending."""
    if bitset.bit_count() > _SMALL:  # one pass over every bit, in C
        yield from compress(count(), bin(bitset)[:1:-1].encode("ascii").translate(_BINARY_DIGIT))
        return
    while bitset:  # lowest set bit first: a few steps for a few records
        low = bitset & -bitset
        yield low.bit_length() - 1
        bitset ^= low


def best_levels(groups: Iterable[tuple[float, Iterable[int] | int]], size: int) -> Levels:
    """One query term: (value, records) groups -> levels, each record at its best value."""
    by_value: dict[float, int] = {}
    for value, records in groups:
        by_value[value] = by_value.get(value, 0) | bits(records, size)
    levels: Levels = {}
    seen = 0
    for value in sorted(by_value, reverse=True):
        new = by_value[value] & ~seen
        if new:
            levels[value] = new
            seen |= new
    return levels


def add_levels(total: Levels, term: Levels) -> Levels | None:
    """Each record's total plus its value for one more term (records without one keep their
    total; records new to the total start from 0.0); None when that would take more than
    MAX_PAIRS intersections (then use add_scores)."""
    if len(total) * len(term) > MAX_PAIRS:
        return None
    in_total = reduce(or_, total.values(), 0)
    in_term = reduce(or_, term.values(), 0)
    out: Levels = {}
    for total_value, total_bits in total.items():
        if total_bits & in_term:
            for value, term_bits in term.items():
                both = total_bits & term_bits
                if both:
                    key = total_value + value
                    out[key] = out.get(key, 0) | both
        alone = total_bits & ~in_term
        if alone:
            out[total_value] = out.get(total_value, 0) | alone
    for value, term_bits in term.items():
        alone = term_bits & ~in_total
        if alone:
            key = 0.0 + value
            out[key] = out.get(key, 0) | alone
    return out


def scores(levels: Levels) -> dict[int, float]:
    """Levels as {record: value}."""
    out: dict[int, float] = {}
    for value, bitset in levels.items():
        out.update(dict.fromkeys(members(bitset), value))
    return out


def add_scores(total: dict[int, float], term: Levels) -> None:
    """add_levels, record by record, into `total`."""
    best = scores(term)
    total.update(zip(best, map(add, map(total.get, best, repeat(0.0)), best.values())))  # looped in C


def levels_of(values: dict[int, float], size: int) -> Levels:
    """{record: value} as levels."""
    grouped: dict[float, list[int]] = {}
    for record, value in values.items():
        grouped.setdefault(value, []).append(record)
    return {value: bits(records, size) for value, records in grouped.items()}


def total_levels(terms: Iterable[Levels], size: int) -> Levels:
    """The sum over query terms, as levels."""
    total: Levels | None = None
    by_record: dict[int, float] | None = None
    for term in terms:
        if by_record is not None:
            add_scores(by_record, term)
        elif total is None:
            total = term
        else:
            summed = add_levels(total, term)
            if summed is None:
                by_record = scores(total)
                add_scores(by_record, term)
            else:
                total = summed
    if by_record is not None:
        return levels_of(by_record, size)
    return total or {}


def top(levels: Levels, floor: float, cap: int) -> list[int]:
    """The records of value ≥ floor; when there are more than `cap`, the first `cap` by value
    (descending), then record number."""
    chosen: list[int] = []
    for value in sorted((v for v in levels if v >= floor), reverse=True):
        for record in members(levels[value]):
            if len(chosen) == cap:
                return chosen
            chosen.append(record)
    return chosen
