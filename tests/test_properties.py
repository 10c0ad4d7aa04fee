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

# Raw YAML scalars, as written in a file: tagged ones, those PyYAML's constructors reject, huge
# and non-finite numbers (issue 15), and ordinary ones.
raw_scalars = st.sampled_from(
    [
        "x", "'texte'", "42", "-250", "0", "3.5", "null", "true", "~", "bac+5", "brut_annuel", "annees", "[t]",
        "2024-02-30", "2024-02-28", "!!int abc", "!!int 12", "!!float nope", "!!float 1e3", "!!bool maybe",
        "!!str 12", "!!timestamp hier", "!!binary aGVsbG8=", "!!null x", "!!set {a, b}", "!!omap [a]",
        "!foo x", "!!python/object:os.system x", "1.0e+300", "-1e400", ".inf", ".nan", "9" * 400,
        "9" * 4301, "1234567890", "[*L, *L]", "*L", "*nulle",
    ]
)
yamlish = st.lists(
    st.sampled_from(list("abc:-[]{}'\"#!&*|>\n\t ,.0123456789\u00e9\x1b") + ["careers:", "\n  - id: ", "title: ", "!!python/object "])
    | raw_scalars.map(lambda v: " " + v + " "),
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
# Records written as text, so that keys may repeat (a dict strategy cannot) and any raw scalar
# may appear: lists of (key, raw value) pairs, nested one level through salary/duration/codes.
raw_values = raw_scalars | st.lists(raw_scalars, max_size=3).map(lambda v: "[" + ", ".join(v) + "]")
text_records = st.lists(
    st.tuples(keys, raw_values | st.lists(st.tuples(st.sampled_from(["min", "max", "basis", "value", "unit", "rome", "min"]), raw_values), max_size=4)),
    max_size=8,
)
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


def _record_text(pairs: list) -> str:
    lines = []
    for key, value in pairs:
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines += [f"  {k}: {v}" for k, v in value]
        else:
            lines.append(f"{key}: {value}")
    return "\n".join(("  - " if i == 0 else "    ") + line for i, line in enumerate(lines)) if lines else "  - {}"


@settings(SETTINGS, max_examples=100)
@given(
    section=sections,
    items=st.lists(text_records, max_size=4),
    anchor=st.sampled_from(["", "l: &L [a, b, c]\n", "l: &L [" + ", ".join(["x"] * 1_000) + "]\n"]),
    bomb=st.integers(0, 300),
    twice=st.booleans(),
)
def test_random_record_text_never_crashes_the_loader(section: str, items: list, anchor: str, bomb: int, twice: bool) -> None:
    """Duplicate keys, tagged and rejected scalars, huge numbers and aliases (a few, or enough
    to amplify the file past the bound) anywhere in the records of a file."""
    body = "\n".join(_record_text(pairs) for pairs in items) or "  []"
    text = anchor + f"{section}:\n{body}\n" + ("extra: [" + ", ".join(["*L"] * bomb) + "]\n" if anchor and bomb else "")
    if twice:
        text += f"{section}: []\n"
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        shutil.copytree(FIXTURE, directory, dirs_exist_ok=True)
        (directory / "zz.yaml").write_text(text, encoding="utf-8")
        try:
            catalog, problems = store.check(directory)
        except EsanteError:
            return
        mine = [p for p in problems if p.path == str(directory / "zz.yaml")]
        bombed = anchor.count("x") > 100 and bomb * 1_001 > 100_000 and "*nulle" not in body  # (an undefined alias stops YAML earlier)
        if bombed:  # refused before anything is built: the duplicates below are not reached
            assert [p.message for p in mine if "démultiplient" in p.message]
        elif twice and "*nulle" not in body and (anchor or "*L" not in body):
            assert any(f"clé « {section} » en double" in p.message for p in mine)
        assert all(p.line is not None for p in mine if "en double" in p.message or "invraisemblable" in p.message)
        if not problems:
            assert len(catalog) > 0


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
