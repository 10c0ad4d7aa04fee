"""Property-based tests: whatever is in a data folder, loading either succeeds or raises the
project's own error type. Nothing else (no KeyError, no TypeError, no YAML exception) escapes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import store
from esante_cli.errors import EsanteError

FIXTURE = Path(__file__).parent / "data" / "mini"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yamlish = st.lists(
    st.sampled_from(list("abc:-[]{}'\"#!&*|>\n\t ,.0123456789\u00e9\x1b") + ["careers:", "\n  - id: ", "title: ", "!!python/object "]),
    max_size=80,
).map("".join)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True), st.text(max_size=30)
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=12)
keys = st.sampled_from(
    ["id", "title", "name", "summary", "sources", "salary", "skills", "entry_level", "kind", "duration",
     "leads_to", "evolutions", "codes", "growth_5y", "job_titles", "value", "unit", "label", "category", "oops"]
)
records = st.dictionaries(keys, values, max_size=8)
sections = st.sampled_from(["careers", "trainings", "skills", "sectors", "market", "other"])


def _outcome(directory: Path) -> None:
    try:
        catalog, problems = store.check(directory)
    except EsanteError:
        return
    assert all(isinstance(p, EsanteError) for p in problems)
    if not problems:
        assert len(catalog) > 0


@SETTINGS
@given(text=yamlish)
def test_random_yamlish_text_never_crashes_the_loader(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        shutil.copytree(FIXTURE, directory, dirs_exist_ok=True)
        (directory / "zz.yaml").write_text(text, encoding="utf-8")
        _outcome(directory)


@SETTINGS
@given(section=sections, items=st.lists(records, max_size=4))
def test_random_records_never_crash_the_loader(section: str, items: list[dict]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        shutil.copytree(FIXTURE, directory, dirs_exist_ok=True)
        try:
            text = yaml.safe_dump({section: items}, allow_unicode=True)
        except yaml.YAMLError:
            return
        (directory / "zz.yaml").write_text(text, encoding="utf-8")
        _outcome(directory)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        shutil.copytree(FIXTURE, directory, dirs_exist_ok=True)
        (directory / "zz.yaml").write_bytes(data)
        _outcome(directory)


_SHIPPED = store.check()[0]  # at import (collection): check() never touches the cache


@SETTINGS
@given(query=st.text(max_size=300))
def test_random_strings_to_search_give_hits_or_our_error(query: str) -> None:
    from esante_cli.explore import search

    try:
        hits = search.search(_SHIPPED, query, limit=5)
    except EsanteError as error:
        assert error.code in (1, 2)
        return
    assert len(hits) <= 5
    assert all(0 <= hit.score <= 100 for hit in hits)


@SETTINGS
@given(query=st.text(max_size=100))
def test_random_strings_to_resolve_give_a_record_or_our_error(query: str) -> None:
    from esante_cli.explore import search

    try:
        record = search.resolve(_SHIPPED, query)
    except EsanteError:
        return
    assert record.id in _SHIPPED.records
