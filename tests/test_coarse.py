"""coarse.py: sums over sets of records (bitsets) give exactly what a record-by-record sum gives,
and a search over a catalogue large enough to store bitsets still equals scoring every record."""

from __future__ import annotations

import heapq

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.explore import coarse, search
from esante_cli.catalog.models import Catalog, Skill
from esante_cli.explore.terms import fold, terms

_VALUES = sorted({w * s for w in (1.0, 0.92, 0.9, 0.85, 0.8, 0.6, 0.5, 0.45, 0.4) for s in (1.0, 0.95, 0.83, 0.7125)})


def by_record(groups_per_term: list[list[tuple[float, list[int]]]]) -> dict[int, float]:
    """The sum as search.py made it before coarse.py: one dict entry per record and term."""
    total: dict[int, float] | None = None
    for groups in groups_per_term:
        best: dict[int, float] = {}
        for value, ids in sorted(groups, key=lambda g: g[0]):
            best.update(dict.fromkeys(ids, value))
        if total is None:
            total = best
        else:
            for i, value in best.items():
                total[i] = total.get(i, 0.0) + value
    return total or {}


def top_by_record(values: dict[int, float], floor: float, cap: int) -> list[int]:
    chosen = [(-v, i) for i, v in values.items() if v >= floor]
    return sorted(i for _, i in (heapq.nsmallest(cap, chosen) if len(chosen) > cap else chosen))


@st.composite
def queries(draw):
    size = draw(st.integers(1, 400))
    term = st.lists(
        st.tuples(st.sampled_from(_VALUES), st.lists(st.integers(0, size - 1), unique=True, max_size=size).map(sorted)),
        max_size=6,
    )
    return size, draw(st.lists(term, min_size=1, max_size=4))


@settings(max_examples=300, deadline=None)
@given(query=queries(), max_pairs=st.sampled_from([0, 3, coarse.MAX_PAIRS]), cap=st.integers(1, 50))
def test_levels_sum_exactly_as_record_by_record(query, max_pairs: int, cap: int) -> None:
    size, groups_per_term = query
    saved, coarse.MAX_PAIRS = coarse.MAX_PAIRS, max_pairs  # 0 and 3: the record-by-record fallback
    try:
        levels = coarse.total_levels((coarse.best_levels(groups, size) for groups in groups_per_term), size)
    finally:
        coarse.MAX_PAIRS = saved
    expected = by_record(groups_per_term)
    assert coarse.scores(levels) == expected
    assert sum(b.bit_count() for b in levels.values()) == len(expected)  # each record at one level
    for floor in (0.0, 0.5, 1.2):
        assert sorted(coarse.top(levels, floor, cap)) == top_by_record(expected, floor, cap)


@given(st.lists(st.integers(0, 999), unique=True, max_size=300))
def test_bits_and_members_round_trip(numbers: list[int]) -> None:
    bitset = coarse.bits(numbers, 1000)
    assert list(coarse.members(bitset)) == sorted(numbers)
    assert coarse.bits(bitset, 1000) == bitset  # a bitset stays itself


def _catalogue(size: int) -> Catalog:
    places = ["Paris", "Lyon", "Lille", "Limoges", "Nantes"]
    topics = ["imagerie médicale", "données de santé", "cybersécurité", "télémédecine", "interopérabilité"]
    records = {}
    for n in range(size):
        topic, place = topics[n % 5], places[(n // 5) % 5]
        records[f"s{n}"] = Skill(
            f"s{n}", f"{topic.capitalize()} {n}", ("test",), f"Pratique de la santé numérique à {place}, en {topic}.",
            category="technique", aliases=(f"{topic} {place}",) if n % 3 else (),
        )
    return Catalog(records)


def test_a_search_with_bitset_postings_equals_scoring_every_record() -> None:
    catalog = _catalogue(1500)
    index = search.index_for(catalog)
    stored = [records for t in range(len(index.vocab)) for _, records in index.index.rows[len(index.index) + t]]
    assert any(isinstance(r, str) for r in stored) and any(isinstance(r, list) for r in stored)  # both encodings
    for query in ["sante", "imagerie lyon", "donnees sante lille", "cyber", "telemedicine", "numerique paris 12"]:
        matches = [index.match_term(q) for q in terms(query, query=True)]
        brute = [h for h in (index._refine(i, matches) for i in range(len(index.records))) if h.score >= search.MIN_SCORE]
        brute.sort(key=lambda h: (-h.score, search.KIND_ORDER[h.record.kind], fold(h.record.name), h.record.id))
        for limit in (1, 10, 60):
            assert search.search(catalog, query, limit=limit) == brute[:limit], (query, limit)


@pytest.mark.parametrize("kinds", [["skill"], ["career"]])
def test_a_kind_filter_keeps_only_that_kind(kinds: list[str]) -> None:
    hits = search.search(_catalogue(300), "sante", kinds=kinds, limit=50)
    assert [h.record.kind for h in hits] == ["skill"] * len(hits) and (len(hits) == 50) == (kinds == ["skill"])
