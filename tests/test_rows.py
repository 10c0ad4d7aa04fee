"""rows.py and cache.memo_rows: JSON rows read one at a time, never a wrong row, rebuilt when
damaged or stale; and a search over a cached index answers as one over an index built in memory."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import cache, rows, store
from esante_cli.explore import search
from esante_cli.explore.terms import fold

HEAD = {"vocab": ["imagerie", "santé"], "n": 3}
ROWS = [[[1.0, [0, 2]]], ["ingenieur", "ingénieur/e", [[0, 1.0, "Ingénieur/e — e-santé"]]], [], {"k": None}]
WANTED = {"fingerprint": ["v1", 1]}


def write(path: Path) -> bytes:
    rows.write(path, WANTED, HEAD, ROWS)
    return path.read_bytes()


def test_rows_come_back_as_written_one_at_a_time(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    write(path)
    table = rows.open_rows(path, WANTED)
    assert table is not None and table.head == HEAD and len(table) == len(ROWS)
    assert [table[i] for i in (3, 1, 0, 2)] == [ROWS[3], ROWS[1], ROWS[0], ROWS[2]]
    with pytest.raises(IndexError):
        table[len(ROWS)]


def test_a_file_for_other_data_or_damaged_at_open_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    good = write(path)
    assert rows.open_rows(path, {"fingerprint": ["v2", 1]}) is None
    assert rows.open_rows(tmp_path / "absent.json", WANTED) is None
    for damaged in (good[:-1], good + b"\n", b"", good.replace(b"imagerie", b"imagerIe", 1), b"[]\n" + good.split(b"\n", 1)[1]):
        path.write_bytes(damaged)
        assert rows.open_rows(path, WANTED) is None


def test_a_damaged_row_is_rebuilt_by_repair_or_reported(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(write(path).replace("e-santé".encode(), "e-sAnté".encode(), 1))
    assert rows.open_rows(path, WANTED)[0] == ROWS[0]  # the other rows are fine
    with pytest.raises(rows.Damaged):
        rows.open_rows(path, WANTED)[1]
    calls = []
    table = rows.open_rows(path, WANTED, repair=lambda: calls.append(1) or (HEAD, ROWS))
    assert table[1] == ROWS[1] and table[2] == ROWS[2] and calls == [1]


def test_random_damage_never_gives_a_wrong_row(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    good = write(path)
    rng = random.Random(3)
    for _ in range(300):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged) if rng.random() < 0.8 else good[: rng.randrange(len(good))])
        table = rows.open_rows(path, WANTED, repair=lambda: (HEAD, ROWS))
        if table is not None:
            assert table.head == HEAD
            order = rng.sample(range(len(ROWS)), len(ROWS))
            assert [table[i] for i in order] == [ROWS[i] for i in order]


# ---------------------------------------------------------------- memo_rows


OLD = 1_600_000_000


@pytest.fixture
def folder(mini_dir: Path) -> Path:
    for path in mini_dir.glob("*.yaml"):
        os.utime(path, (OLD, OLD))
    return mini_dir


def test_memo_rows_builds_once_per_version_of_the_data(folder: Path) -> None:
    calls = []

    def build(add):
        calls.append(1)
        for row in ROWS:
            add(row)
        return HEAD

    assert cache.memo_rows(store.load(folder), "t", build)[1] == ROWS[1]
    again = cache.memo_rows(store.load(folder), "t", build)
    assert (again.head, [again[i] for i in range(len(ROWS))], len(calls)) == (HEAD, ROWS, 1)
    assert cache.memo_rows(store.load(folder), "t", build, stamp=["code", 2])[0] == ROWS[0]
    assert len(calls) == 2  # another stamp (the deriving code changed): built again
    path = folder / "skills.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(path, (OLD + 60, OLD + 60))
    cache.memo_rows(store.load(folder), "t", build, stamp=["code", 2])
    assert len(calls) == 3


def test_memo_rows_without_a_cache_builds_in_memory(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    table = cache.memo_rows(store.load(folder), "t", lambda add: [add(r) for r in ROWS] and HEAD)
    assert table.head == HEAD and table[3] == ROWS[3]
    assert not cache.cache_dir().exists()


def test_the_search_index_is_cached_and_read_without_building(monkeypatch: pytest.MonkeyPatch) -> None:
    from esante_cli.explore import index

    expected = search.search(store.load(None), "imagerie")
    monkeypatch.setattr(index, "build", lambda catalog, add: pytest.fail("index built again"))
    catalog = store.load(None)
    assert search.search(catalog, "imagerie") == expected
    assert len(catalog.records._done) == len(expected)  # only the records shown were decoded


_QUERIES = ["imagerie", "imagrie", "ingenieur sante", "H1206", "MET.602", "ingenieur-imagerie-medicale", "master paris", "cyber", "lyon"]


@settings(max_examples=60, deadline=None)
@given(
    query=st.one_of(st.sampled_from(_QUERIES), st.text(alphabet="abcdeilmnorstu é-", min_size=1, max_size=12)),
    kinds=st.sampled_from([None, ["career"], ["training", "skill"]]),
    limit=st.integers(1, 12),
)
def test_a_cached_index_answers_as_one_built_in_memory(query: str, kinds, limit: int) -> None:
    assume(fold(query))
    in_memory = store.check(None).catalog  # never cached: its index is built in memory
    store.load(None)  # writes the catalogue cache
    search.search(store.load(None), "x y z")  # writes the index
    cached = store.load(None)  # reads both
    assert search.index_for(cached).index.rows._fh is not None  # really from the file
    assert search.search(cached, query, kinds, limit) == search.search(in_memory, query, kinds, limit)


def test_a_damaged_index_row_is_rebuilt_and_the_answer_unchanged() -> None:
    expected = search.search(store.load(None), "imagerie")
    (path,) = cache.cache_dir().glob("*.search-index.json")
    good = path.read_bytes()
    lines = good.split(b"\n")
    row = next(n for n, line in enumerate(lines) if n > 3 and b"imagerie m" in line)  # a record row
    lines[row] = lines[row].replace(b"imagerie m", b"imagerIe m", 1)
    path.write_bytes(b"\n".join(lines))
    assert search.search(store.load(None), "imagerie") == expected
    assert path.read_bytes() == good  # rewritten
    assert sorted(p.name for p in cache.cache_dir().iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_an_index_that_cannot_be_written_is_kept_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = search.search(store.check(None).catalog, "imagrie")
    catalog = store.load(None)

    def refuse(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(rows.Writer, "finish", refuse)
    assert search.search(catalog, "imagrie") == expected
    assert list(cache.cache_dir().glob("*.search-index.json")) == []
    assert sorted(p.name for p in cache.cache_dir().iterdir() if p.name.startswith(".")) == []
