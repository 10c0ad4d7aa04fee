"""Property-based tests: whatever is in a data folder, loading either succeeds or raises the
project's own error type. Nothing else (no KeyError, no TypeError, no YAML exception) escapes."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import store
from esante_cli.errors import EsanteError, ExitCode

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


# ---------------------------------------------------------------- arguments and import files (issue 26)

# What argv can hold: any text, control and format characters included, and bytes that are not
# UTF-8 (Python hands them over as surrogate escapes, as os.fsdecode does).
argument = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.binary(max_size=12).map(os.fsdecode),
    st.sampled_from(["--\x1b]0;titre\x07", "\u2028", "\u202e", "\U000e0041", "nan", "inf", "-1", "--json", "--limit", ""]),
)
COMMAND_LINES = [
    ("search",), ("show",), ("match",), ("evolutions",), ("path", "--city"), ("path", "--max-years"),
    ("compare", "--careers"), ("guide", "--json", "--likes"), ("guide", "--json", "--max-years"), ("export", "--kind"),
    ("market", "--json", "--limit"), ("help",), (),
]  # fmt: skip
_INVISIBLE_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\U000e0000-\U000e007f]")


@settings(SETTINGS, max_examples=120)
@given(command=st.sampled_from(COMMAND_LINES), words=st.lists(argument, min_size=1, max_size=3))
def test_any_arguments_give_an_answer_or_a_french_error_never_exit_70(command: tuple, words: list[str]) -> None:
    from typer.testing import CliRunner

    from esante_cli.cli import app

    result = CliRunner().invoke(app, [*command, *words], env={"COLUMNS": "100"})
    assert result.exit_code in (0, 1, 2, 3), (result.exit_code, result.output)
    assert "Traceback" not in result.output and "erreur interne" not in result.stderr
    assert _INVISIBLE_OUTPUT.search(result.stderr) is None, result.stderr


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(st.characters(blacklist_categories=()), max_size=20)
    | st.sampled_from(["@grand-entier@", float("nan"), float("-inf"), "<![foo[", "<!--" * 50, "<h2>Salaire</h2><p>1 800 € brut par mois"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
sheet_keys = st.sampled_from(
    ["identifiant", "nom_metier", "libelle_feminin", "libelle_masculin", "synonymes", "romesV3", "niveau_acces_min",
     "formations_min_requise", "statuts", "secteurs_activite", "centres_interet", "metiers_associes", "accroche_metier",
     "nature_travail", "competences", "vie_professionnelle", "first_salary", "autre"]
)  # fmt: skip
sheets = st.lists(
    st.fixed_dictionaries(
        {"identifiant": st.sampled_from(["MET.9101", "MET.9102", "FOR.1", "", "MET.x"]) | st.text(max_size=10),
         "nom_metier": st.text(max_size=30)},
        optional={},
    ).flatmap(lambda base: st.dictionaries(sheet_keys, json_values, max_size=6).map(lambda extra: {**extra, **base})),
    min_size=1,
    max_size=4,
)  # fmt: skip
xml_tokens = st.lists(
    st.sampled_from(
        ["<metiers>", "</metiers>", "<metier>", "</metier>", "<identifiant>MET.9101</identifiant>", "<nom_metier>", "</nom_metier>",
         "x", "é", "&amp;", "&lt;", "&bogus;", "<![CDATA[", "]]>", "<!--", "-->", "<?xml version='1.0'?>", "<!DOCTYPE m>",
         '<a b="1">', "</a>", "<", ">", "\x00", "\u2028", "<p>salaire 1 800 € brut par mois</p>"]
    ),
    max_size=40,
).map("".join)  # fmt: skip


def _import_outcome(content: bytes) -> None:
    """An import either writes a valid folder or is one EsanteError that is not a bug (exit 70)."""
    from esante_cli.catalog.importers import onisep

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fiches"
        path.write_bytes(content)
        try:
            onisep.import_file(path, Path(tmp) / "out", data_dir=FIXTURE)
        except EsanteError as error:
            assert error.code != ExitCode.INTERNAL, str(error)
            assert not (Path(tmp) / "out").exists()
            return
        catalog, problems = store.check(FIXTURE, [Path(tmp) / "out"])
        assert problems == []


@settings(SETTINGS, max_examples=60)
@given(data=sheets, encoding=st.sampled_from(["utf-8", "utf-16", "utf-32"]), cut=st.integers(0, 30), ascii=st.booleans())
def test_random_onisep_json_is_imported_or_refused_never_exit_70(data: list, encoding: str, cut: int, ascii: bool) -> None:
    text = json.dumps(data, ensure_ascii=ascii)  # NaN, Infinity, huge numbers, lone surrogates
    text = text.replace('"@grand-entier@"', "9" * 5000)
    if cut:
        text = text[: max(1, len(text) - cut)]  # truncated
    _import_outcome(text.encode(encoding, "surrogatepass"))


@settings(SETTINGS, max_examples=60)
@given(text=xml_tokens, encoding=st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_random_onisep_xml_is_imported_or_refused_never_exit_70(text: str, encoding: str) -> None:
    _import_outcome(text.encode(encoding, "replace"))


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_as_an_import_file_are_refused_never_exit_70(data: bytes) -> None:
    _import_outcome(data)
