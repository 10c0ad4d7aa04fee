"""Issue 13: the lines of validation problems are found by walking a file record by record
(yamlfile.outline, problems._lines), composing only the records that problems name, with exactly
the lines the old locator found by composing the whole file (`old_locator` below, copied from
store.py as it was before). Files `outline` does not walk are composed whole, as before."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import problems, store, yamlfile, yamlguard

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "data" / "mini"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def old_locator(text: str) -> Callable[[str, int | None, str | None], int | None]:
    """store._locator before issue 13's second part, verbatim (the reference)."""
    try:
        root = yaml.compose(text, Loader=problems._yaml_loader())
    except yaml.YAMLError:
        root = None

    def child(node: Any, key: str) -> tuple[Any, Any] | None:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == key:
                    return k, v
        return None

    def locate(section: str, index: int | None, field: str | None) -> int | None:
        if root is None:
            return None
        found = child(root, section)
        if found is None:
            return root.start_mark.line + 1
        key, node = found
        if index is None or not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
            return key.start_mark.line + 1
        item = node.value[index]
        head = (field or "").split(".")[0]
        top = head.split("[")[0]
        hit = child(item, top) if top else None
        if hit is None:
            return item.start_mark.line + 1
        position = head[len(top) + 1 : -1] if head.endswith("]") else ""
        if position.isdigit() and isinstance(hit[1], yaml.SequenceNode) and int(position) < len(hit[1].value):
            return hit[1].value[int(position)].start_mark.line + 1  # the list item itself
        return hit[0].start_mark.line + 1

    return locate


FIELDS = [None, "", "absent", "absent.x", "absent[0]"]


def queries(text: str, every: int = 1) -> list[problems.Query]:
    """Many (section, index, field) for `text`: every section (and unknown ones), records before,
    at and after the ends, and for each record its keys, nested, indexed in and out of range."""
    try:
        root = yaml.compose(text, Loader=problems._yaml_loader())
    except yaml.YAMLError:
        root = None
    asked: list[problems.Query] = [("careers", None, None), ("inconnue", 0, "id"), ("careers", 0, "id"), ("careers", 5, None)]
    if not isinstance(root, yaml.MappingNode):
        return asked
    for key, value in root.value:
        section = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
        asked += [(section, None, None), (section, None, "id")]
        items = value.value if isinstance(value, yaml.SequenceNode) else []
        asked += [(section, len(items), "id"), (section, len(items) + 3, None)]
        for index, item in enumerate(items):
            if index % every and index != len(items) - 1:
                continue
            asked += [(section, index, f) for f in FIELDS]
            pairs = item.value if isinstance(item, yaml.MappingNode) else []
            for k, _ in pairs:
                name = str(k.value)
                asked += [(section, index, f) for f in (name, f"{name}.x", f"{name}[0]", f"{name}[1]", f"{name}[99]", f"{name}[x]", f"{name}[]")]
            asked.append((section, index, f"{section}[{index}]"))
    return list(dict.fromkeys(asked))


def same_lines(text: str, asked: list[problems.Query] | None = None) -> dict[problems.Query, int | None]:
    asked = queries(text) if asked is None else asked
    locate = old_locator(text)
    expected = {q: locate(*q) for q in asked}
    found = problems._lines(text, asked)
    assert found == expected
    return found


@pytest.fixture
def composed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts composed whole by the new locator (its fallback)."""
    calls: list[str] = []
    original = problems._composed_locator

    def counted(text: str) -> Any:
        calls.append(text)
        return original(text)

    monkeypatch.setattr(problems, "_composed_locator", counted)
    return calls


# ---------------------------------------------------------------- the same lines as before


@pytest.mark.parametrize("path", sorted([*(ROOT / "data").glob("*.yaml"), *FIXTURE.glob("*.yaml")]), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_data_file_gives_the_old_lines_without_being_composed_whole(path: Path, composed: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    found = same_lines(text, queries(text, every=3))
    assert composed == []
    assert len(found) > 20


BLOCK = """\
# a comment before the top level
careers:
  - id: a
    title: A  # the first record
    skills: [s1, s2,
      s3]
    salary:
      min: 1800
      max: 2500
  - {id: b, title: B, skills: [s1]}   # a record in flow style inside a block file
  -   id: c

      title: C
      skills:
        - s1

        - s2
  - just a scalar
  - [a, list]
  -
  - id: last
    sources:
    - src
trainings: []
skills:
sectors: {a: 1}
market: scalar
"""

ANCHORS = """\
careers:
  - &first
    id: a
    tags: &tags [x, y]
    salary: &pay {min: 2000, max: 3000}
  - id: b
    tags: *tags
    salary:
      <<: *pay
      max: 3500
  - *first
  - &third
    id: c
    tags: [*tags, *tags]
trainings:
  - id: t
    copy: *third
    nothing:
skills: &skills
  - id: s1
  - id: s2
sectors: *skills
market: *tags
sources: *pay
"""

WALKED = [
    BLOCK,
    ANCHORS,
    "careers:\n- id: a\n- id: b\n  skills:\n  - x\n",  # items not indented
    "careers: !!seq\n  - id: a\n  - id: b\n",  # a tagged list
    "careers:\n  - id: a\ncareers:\n  - id: b\n  - id: c\n",  # a duplicated section: the first one counts
    "? [a, b]\n: c\ncareers:\n  - id: a\n",  # a key that is a list
    "careers:\n  - id: a\n    ? {x: 1}\n    : y\n  - id: b\n",  # a record key that is a mapping
    "12: x\ntrue: y\nnull: z\ncareers:\n  - id: 1\n",  # keys that are not text
    "&k careers:\n  - id: a\n*k : again\n",  # an anchored key, and its alias as a key
    "---\ncareers:\n  - id: a\n...\n",  # explicit document markers
    "careers: []\n",
    "careers:\n  - id: a\n" + "".join(f"  - id: r{i}\n    title: T{i}\n" for i in range(200)),
]


@pytest.mark.parametrize("text", WALKED, ids=range(len(WALKED)))
def test_walked_files_give_the_old_lines(text: str, composed: list[str]) -> None:
    same_lines(text)
    assert composed == []


FALLBACK = [
    "{careers: [{id: a, title: A}, {id: b,\n   title: B}],\n trainings: []}\n",  # flow style
    "!!map\ncareers:\n  - id: a\n",  # tagged top level
    "&top\ncareers:\n  - id: a\n",  # anchored top level
    "- id: a\n- id: b\n",  # a list
    "",  # empty (a file gone since it was checked)
    "# rien\n",
    "just text\n",
    "careers:\n  - id: a\n---\nskills: []\n",  # several documents
    "careers:\n  - id: a\n    title: [B\n",  # a syntax error (a file changed since it was checked)
    # files that do not compose (changed since they were checked): no lines, as before
    "careers:\n  - &r {id: a}\n  - &r {id: b}\n",  # a duplicate anchor
    "careers:\n  - id: a\n  - id: *nowhere\n",  # an undefined alias
]


@pytest.mark.parametrize("text", FALLBACK, ids=range(len(FALLBACK)))
def test_other_shapes_are_composed_whole_as_before(text: str, composed: list[str]) -> None:
    same_lines(text)
    assert composed == [text]


def test_known_lines(composed: list[str]) -> None:
    asked: list[problems.Query] = [
        ("careers", 0, "id"), ("careers", 0, "salary.min"), ("careers", 0, "skills[2]"), ("careers", 1, "title"),
        ("careers", 2, "skills[1]"), ("careers", 2, None), ("careers", 6, "sources[0]"), ("careers", 7, "id"),
        ("inconnue", 0, "id"), ("sectors", 0, "a"),
    ]  # fmt: skip
    found = same_lines(BLOCK, asked)
    assert [found[q] for q in [("careers", 0, "id"), ("careers", 0, "salary.min"), ("careers", 0, "skills[2]")]] == [3, 7, 6]
    assert [found[q] for q in [("careers", 1, "title"), ("careers", 2, "skills[1]"), ("careers", 2, None)]] == [10, 17, 11]
    assert [found[q] for q in [("careers", 6, "sources[0]"), ("careers", 7, "id"), ("inconnue", 0, "id"), ("sectors", 0, "a")]] == [23, 2, 2, 26]
    found = same_lines(FALLBACK[0], [("careers", 1, "title"), ("trainings", 0, None), ("careers", None, None)])
    assert [found[q] for q in [("careers", 1, "title"), ("trainings", 0, None), ("careers", None, None)]] == [2, 3, 1]
    assert set(same_lines(FALLBACK[-1]).values()) == {None}


def test_the_pure_python_parser_gives_the_old_lines(monkeypatch: pytest.MonkeyPatch, composed: list[str]) -> None:
    monkeypatch.delattr(yaml, "CSafeLoader")
    monkeypatch.setattr(yamlguard, "_LOADER", None)
    monkeypatch.setattr(yamlguard, "_STREAM_LOADER", None)
    assert "CParser" not in [c.__name__ for c in yamlfile.stream_loader_class().__mro__]
    for text in (BLOCK, ANCHORS, (ROOT / "data" / "careers.yaml").read_text(encoding="utf-8")):
        same_lines(text, queries(text, every=5))
    assert composed == []


pieces = st.sampled_from([
    "id: a", "title: T", "skills: [x, y]", "skills:\n      - x\n      - y", "l: &L [x, y]", "m: *L",
    "k: &K {p: 1}", "j: {<<: *K, p: 2}", "salary:\n      min: 1\n      max: 2", "# note", "e:", "n: &N 3", "o: *N",
])  # fmt: skip
records = st.one_of(st.lists(pieces, min_size=1, max_size=4), st.sampled_from(["{id: f, skills: [x]}", "*L", "&R {id: r}", "*R", "scalar", "[1, 2]", ""]))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["careers", "skills", "careers", "trainings"]), st.lists(records, max_size=4)), max_size=4))
def test_any_mix_of_records_gives_the_old_lines(sections: list[tuple[str, list[Any]]]) -> None:
    lines = []
    for name, items in sections:
        lines.append(f"{name}:" if items else f"{name}: []")
        for fields in items:
            if isinstance(fields, str):
                lines.append(f"  - {fields}".rstrip())
            else:
                lines += [f"  - {fields[0]}", *(f"    {f}" for f in fields[1:])]
    same_lines("\n".join(lines) + "\n")


# ---------------------------------------------------------------- through store.check


def test_validation_lines_in_the_first_and_last_record_come_without_composing_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE, folder)
    path = folder / "careers.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in [
        ("skills: [python, anatomie]", "skills: [python, anatomie-inconnue]"),  # first record, line 11, in a list
        ("sectors: [hopital]", "sectors: [hopital, nulle-part]"),  # line 14
        ("sources: [test]", "sources:\n      - test\n      - source-inconnue"),  # lines 19-21
        ("sectors: [hopital, conseil]", "sectors: [hopital, conseil]\n    couleur: verte\n    entry_level: bac+12\n"
         "    salary:\n      min: -5\n      max: 3000\n      basis: brut_mensuel"),  # last record, lines 27, 28, 29
    ]:  # fmt: skip
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    with monkeypatch.context() as m:  # the old locator, composing the file whole
        m.setattr(problems, "_lines", lambda text, asked: {q: old_locator(text)(*q) for q in asked})
        expected = store.check(folder).problems
    monkeypatch.setattr(yaml, "compose", lambda *_, **__: pytest.fail("a file was composed whole"))
    monkeypatch.setattr(problems, "_composed_locator", lambda *_: pytest.fail("a file was composed whole"))
    found = store.check(folder).problems
    assert [(p.line, p.field, p.message) for p in found] == [(p.line, p.field, p.message) for p in expected]
    assert sorted((Path(p.path).name, p.line, p.field) for p in found) == [
        ("careers.yaml", 11, "skills"),
        ("careers.yaml", 14, "sectors"),
        ("careers.yaml", 21, "sources[1]"),
        ("careers.yaml", 27, "couleur"),
        ("careers.yaml", 28, "entry_level"),
        ("careers.yaml", 29, "salary.min"),
    ]
