"""Issue 13: data files are read record by record (yamlfile.stream), with the same data and the
same problems, lines included, as the whole-document path (yamlfile.parse).

`stream` must never need `parse` on a valid file of the usual shape (tests forbid it with
`whole_path_forbidden`), and must hand every other file to it (tests count the calls)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import problems, store, yamlfile, yamlguard
from esante_cli.catalog.yamlfile import LIST, YamlErrors

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "data" / "mini"
F = Path("f.yaml")
SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def assemble(items: Any) -> Any:
    """The data that `stream`'s (or `whole`'s) items describe."""
    data: dict[Any, Any] = {}
    section = None
    for item in items:
        if item[0] == "restart":
            data, section = {}, None
        elif item[0] == "document":
            return ("document", item[1])
        elif item[0] == "section":
            section = item[1]
            data[section] = [] if item[2] is LIST else item[2]
        else:
            assert item[1] == len(data[section])
            data[section].append(item[2])
    return data


def outcome(reader: Any, text: str) -> Any:
    """(data, None) or (None, [(line, message)…]) of one reading."""
    try:
        return assemble(reader(text, F)), None
    except YamlErrors as exc:
        return None, [(e.line, e.message) for e in exc.errors]


@pytest.fixture
def whole_path_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_: Any) -> Any:
        raise AssertionError("the whole-document path was used")

    monkeypatch.setattr(yamlfile, "parse", forbidden)


@pytest.fixture
def whole_path_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = yamlfile.parse

    def counted(text: str, path: Path) -> Any:
        calls.append(text)
        return original(text, path)

    monkeypatch.setattr(yamlfile, "parse", counted)
    return calls


# ---------------------------------------------------------------- same data


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").glob("*.yaml")))
def test_each_shipped_file_streams_to_the_same_data(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    expected = yamlfile.parse(text, F)
    monkeypatch.setattr(yamlfile, "parse", lambda *_: pytest.fail("whole-document path used"))
    items = list(yamlfile.stream(text, F))
    assert assemble(items) == expected
    assert [i[1] for i in items if i[0] == "section"] == list(expected)
    assert sum(i[0] == "item" for i in items) == sum(len(v) for v in expected.values() if isinstance(v, list)) > 0


def test_the_shipped_catalogue_is_the_same_streamed_or_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    streamed = store.check(ROOT / "data")
    monkeypatch.setattr(yamlfile, "stream", yamlfile.whole)
    whole = store.check(ROOT / "data")
    assert streamed.problems == whole.problems == []
    assert list(streamed.catalog.records) == list(whole.catalog.records)
    assert streamed.catalog == whole.catalog
    assert len(streamed.catalog.records) > 100


def test_the_pure_python_parser_streams_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (ROOT / "data" / "trainings.yaml").read_text(encoding="utf-8")
    expected = yamlfile.parse(text, F)
    monkeypatch.delattr(yaml, "CSafeLoader")
    monkeypatch.setattr(yamlguard, "_LOADER", None)
    monkeypatch.setattr(yamlguard, "_STREAM_LOADER", None)
    loader = yamlfile.stream_loader_class()
    assert issubclass(loader, yaml.SafeLoader) and "CParser" not in [c.__name__ for c in loader.__mro__]
    monkeypatch.setattr(yamlfile, "parse", lambda *_: pytest.fail("whole-document path used"))
    assert assemble(yamlfile.stream(text, F)) == expected


ACROSS = """\
careers:
  - id: a
    tags: &tags [x, y]
    salary: &pay {min: 2000, max: 3000}
  - id: b
    tags: *tags
    salary:
      <<: *pay
      max: 3500
  - &third
    id: c
    tags: [*tags, *tags]
trainings:
  - id: t
    copy: *third
    nothing:
    other: {}
vide:
nombre: 3
"""


def test_anchors_of_one_record_serve_a_later_one_and_merge_keys_work(whole_path_forbidden: None) -> None:
    data = assemble(yamlfile.stream(ACROSS, F))
    assert data["careers"][1] == {"id": "b", "tags": ["x", "y"], "salary": {"min": 2000, "max": 3500}}
    assert data["careers"][2]["tags"] == [["x", "y"], ["x", "y"]]
    assert data["trainings"][0]["copy"] == {"id": "c", "tags": [["x", "y"], ["x", "y"]]}
    assert data["vide"] is None and data["nombre"] == 3


def test_anchors_across_records_give_the_whole_document_data() -> None:
    assert outcome(yamlfile.stream, ACROSS) == outcome(yamlfile.whole, ACROSS)


def test_an_anchor_with_a_merge_used_again_later_restarts_on_the_whole_path(whole_path_calls: list[str]) -> None:
    # the merge flattens the anchored node in record 1; constructing it again in record 3 would
    # see its keys twice: the streaming path leaves it to the whole-document path
    text = "careers:\n  - &a {id: a, title: A}\n  - &b\n    <<: *a\n    id: b\n  - {id: c, copy: *b}\n"
    items = list(yamlfile.stream(text, F))
    assert ("restart",) in items and len(whole_path_calls) == 1
    assert assemble(items) == assemble(yamlfile.whole(text, F))
    assert assemble(items)["careers"][2] == {"id": "c", "copy": {"id": "b", "title": "A"}}


# ---------------------------------------------------------------- same problems, same lines


def test_a_duplicate_key_in_the_second_record_is_reported_with_both_lines(whole_path_calls: list[str]) -> None:
    text = "careers:\n  - id: a\n    title: A\n  - id: b\n    title: B\n    summary: S\n    title: C\n"
    with pytest.raises(YamlErrors) as caught:
        list(yamlfile.stream(text, F))
    assert [(e.line, e.message) for e in caught.value.errors] == [
        (7, "clé « title » en double (déjà à la ligne 5) : une seule valeur serait gardée")
    ]
    assert len(whole_path_calls) == 1


def test_a_bad_scalar_in_a_later_record_is_reported_at_its_line() -> None:
    text = "market:\n  - id: a\n    year: 2024\n  - id: b\n    value: !!float nope\n    year: 2024-02-30\n"
    assert outcome(yamlfile.stream, text) == (
        None,
        [(5, "« nope » n'est pas un nombre (balise !!float)"),
         (6, "date impossible « 2024-02-30 » ; si ce n'est pas une date, mettez la valeur entre guillemets")],
    )  # fmt: skip


def test_a_duplicated_section_is_reported_with_both_lines() -> None:
    text = "careers:\n  - id: a\nskills: []\ncareers:\n  - id: b\n"
    assert outcome(yamlfile.stream, text) == (None, [(4, "clé « careers » en double (déjà à la ligne 1) : une seule valeur serait gardée")])


def test_a_syntax_error_after_some_records_gives_only_the_whole_path_s_problem() -> None:
    text = "careers:\n  - id: a\n    title: !!int abc\n  - id: b\n    title: [B\n"
    streamed = outcome(yamlfile.stream, text)
    assert streamed == outcome(yamlfile.whole, text)
    assert [line for line, _ in streamed[1]] == [5] and streamed[1][0][1].startswith("YAML invalide : crochet « [ » ouvert ici")


def test_an_alias_bomb_spread_over_records_is_still_refused(whole_path_calls: list[str]) -> None:
    records = ["careers:", "  - id: a", "    l: &L [" + ", ".join(["x"] * 999) + "]"]
    records += [f"  - id: r{i}\n    copies: [{', '.join(['*L'] * 10)}]" for i in range(11)]
    text = "\n".join(records) + "\n"
    found = outcome(yamlfile.stream, text)
    assert found == outcome(yamlfile.whole, text)
    [(line, message)] = found[1]
    assert line == 25 and "démultiplient ce fichier au-delà de 100\u202f000 valeurs répétées" in message
    # ten records of ten aliases each (100,000 nodes) are still within the bound
    assert outcome(yamlfile.stream, "\n".join(records[:-1]) + "\n")[1] is None


def test_a_recursive_alias_in_a_record_is_refused() -> None:
    text = "careers:\n  - id: a\n  - id: b\n    x: &x [1, *x]\n"
    assert outcome(yamlfile.stream, text) == (None, [(4, "alias YAML récursif (une valeur qui se contient elle-même)")])


@pytest.mark.parametrize(
    "text",
    [
        "{careers: [{id: a, title: A}, {id: b}]}\n",  # flow style
        "!!map\ncareers:\n  - id: a\n",  # tagged top level
        "&top\ncareers:\n  - id: a\n",  # anchored top level
        "- id: a\n- id: b\n",  # a list
        "",  # empty
        "# rien\n",
        "just text\n",
        "careers:\n  - id: a\n---\nskills: []\n",  # several documents
        "? [a, b]\n: c\n",  # a key that is a list
        "<<: {careers: []}\n",  # a merge at the top
        "2024-01-01: x\n",  # a key that is a date
    ],
)
def test_other_shapes_fall_back_to_the_whole_document_path(text: str, whole_path_calls: list[str]) -> None:
    assert outcome(yamlfile.stream, text) == outcome(yamlfile.whole, text)
    assert len(whole_path_calls) == 2  # the stream's fallback, then the reference


# ---------------------------------------------------------------- the same, property-based

pieces = st.sampled_from([
    "id: a", "id: b", "title: T", "title: U", "n: 3", "n: !!int abc", "d: 2024-02-30", "d: 2024-02-28",
    "l: &L [x, y]", "m: *L", "k: &K {p: 1}", "j: {<<: *K, p: 2}", "q: 'ok'", "r: [1, 2", "s: {a: 1, a: 2}",
])  # fmt: skip


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["careers", "skills", "careers"]), st.lists(st.lists(pieces, max_size=4), max_size=3)), max_size=3))
def test_any_mix_of_records_reads_the_same_streamed_or_whole(sections: list[tuple[str, list[list[str]]]]) -> None:
    lines = []
    for name, records in sections:
        lines.append(f"{name}:" if records else f"{name}: []")
        for fields in records:
            lines += [f"  - {fields[0]}", *(f"    {f}" for f in fields[1:])] if fields else ["  - {}"]
    text = "\n".join(lines) + "\n"
    assert outcome(yamlfile.stream, text) == outcome(yamlfile.whole, text)


# ---------------------------------------------------------------- through store.check


def problems_both_ways(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None, str]]:
    streamed = store.check(folder)
    with monkeypatch.context() as m:
        m.setattr(yamlfile, "stream", yamlfile.whole)
        whole = store.check(folder)
    def seen(found: list[Any]) -> list[tuple[Any, ...]]:
        return [(Path(p.path).name, p.line, p.message, p.field, str(p)) for p in found]

    assert seen(streamed.problems) == seen(whole.problems)
    assert streamed.catalog == whole.catalog
    return [(name, line, message) for name, line, message, _, _ in seen(streamed.problems)]


def test_validation_lines_are_the_same_streamed_or_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    trainings = (folder / "trainings.yaml").read_text(encoding="utf-8")
    lines = trainings.splitlines()
    third = [i for i, line in enumerate(lines) if line.startswith("  - id:")][2]
    lines.insert(third + 1, "    couleur: bleu")
    (folder / "trainings.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems_both_ways(folder, monkeypatch)
    assert [(name, line) for name, line, _ in found] == [("trainings.yaml", third + 2)]
    assert "couleur" in found[0][2]


def test_a_file_with_a_yaml_problem_gives_no_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    # records stream before the duplicate key is met: none of them may reach the catalogue
    with (folder / "trainings.yaml").open("a", encoding="utf-8") as fh:
        fh.write("  - id: en-trop\n    name: A\n    name: B\n")
    found = problems_both_ways(folder, monkeypatch)
    assert found[0][:2] == ("trainings.yaml", len((folder / "trainings.yaml").read_text().splitlines()))
    assert "clé « name » en double" in found[0][2]
    assert "master-test" not in store.check(folder).catalog.records


def test_a_valid_folder_never_composes_a_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(problems, "_lines", lambda *_: pytest.fail("the locator read a file"))
    monkeypatch.setattr(problems, "_composed_locator", lambda *_: pytest.fail("the locator composed a file"))
    monkeypatch.setattr(yamlfile, "parse", lambda *_: pytest.fail("the whole-document path was used"))
    assert store.check(ROOT / "data").problems == []
