"""The catalogue engine (catalog/engine.py): one SQLite database per version of the data, keyed on
content, and every cache failure a slower right answer — never an error, never a leftover file."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from esante_cli.catalog import cachekey, codec, datafiles, engine, indexbuild, store
from esante_cli.catalog.models import Duration, JobTitle, Salary
from esante_cli.errors import EsanteError
from esante_cli.explore import search

IMAGERIE = ["ingenieur-test", "ecole-test", "master-test"]  # the career first, then programmes naming it
SRC = str(Path(__file__).resolve().parent.parent / "src")


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "engine-cache"


def load(folder: Path, cache: Path | None, notes: list[str] | None = None, extra=()):
    return store.load(folder, extra, cache_dir=cache, note=(notes.append if notes is not None else None))


def databases(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.sqlite")) if cache.is_dir() else []


def leftovers(cache: Path) -> list[Path]:
    return sorted(cache.glob(".catalog-*")) if cache.is_dir() else []


def expected(folder: Path) -> dict:
    catalog, problems = store.check(folder)
    assert problems == []
    return dict(catalog.records)


def same_answers(catalog, folder: Path) -> None:
    """Records, their order and a search all equal what the YAML gives."""
    assert list(catalog.records) == list(expected(folder))
    assert dict(catalog.records.items()) == expected(folder)
    assert [h.record.id for h in search.search(catalog, "imagerie")] == IMAGERIE


# ---------------------------------------------------------------- hits


def test_second_load_comes_from_the_database_and_equals_the_yaml(mini_dir: Path, cache: Path, monkeypatch) -> None:
    fresh = expected(mini_dir)
    sources = store.check(mini_dir)[0].sources
    load(mini_dir, cache)
    assert len(databases(cache)) == 1
    monkeypatch.setattr(store, "check", lambda *a: pytest.fail("YAML read although the database is current"))
    cached = load(mini_dir, cache)
    assert isinstance(cached.records, engine.Records)
    assert list(cached.records) == list(fresh) and dict(cached.records.items()) == fresh
    career = cached.get("ingenieur-test")
    assert career.salary == Salary(2000, None, "mensuel") and career.rome == ("H1206",)
    assert cached.get("module-test").duration == Duration(165, "heures")
    assert isinstance(cached.get("module-test").duration.value, int)
    assert all(isinstance(j, JobTitle) for j in cached.sectors[0].job_titles)
    assert cached.counts() == {"career": 2, "training": 5, "skill": 3, "sector": 2, "market": 1}
    assert cached.get("nothing-by-that-id") is None and "ingenieur-test" in cached.records
    assert [h.record.id for h in search.search(cached, "H1206")] == ["ingenieur-test"]
    assert cached.sources == sources and cached.sources  # the registry too


def test_records_are_decoded_only_when_used(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    cached = load(mini_dir, cache)
    assert cached.records._done == {} and len(cached) == 13
    cached.get("chef-test")
    assert list(cached.records._done) == ["chef-test"]


def test_a_warm_search_reads_the_database_without_yaml_nor_rapidfuzz(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    probe = (
        "import sys\nfrom pathlib import Path\nfrom esante_cli.catalog import store\nfrom esante_cli.explore import search\n"
        f"c = store.load({str(mini_dir)!r}, cache_dir=Path({str(cache)!r}))\n"
        "print([h.record.id for h in search.search(c, 'imagerie', limit=1)])\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": SRC}).stdout
    hits, modules = out.splitlines()
    assert hits == "['ingenieur-test']"
    assert not set(modules.split()) & {"yaml", "_yaml", "rapidfuzz", "rich"}


def test_without_a_cache_folder_nothing_is_written(mini_dir: Path, tmp_path: Path) -> None:
    before = set(tmp_path.rglob("*"))
    catalog = load(mini_dir, None)
    same_answers(catalog, mini_dir)
    assert set(tmp_path.rglob("*")) == before


# ---------------------------------------------------------------- keyed on content


def test_an_edit_keeping_size_and_mtime_is_seen(mini_dir: Path, cache: Path) -> None:
    path = mini_dir / "careers.yaml"
    load(mini_dir, cache)
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ingénieur/e test en imagerie", "ingénieur/e TEST en imagerie", 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns
    assert load(mini_dir, cache).get("ingenieur-test").name == "ingénieur/e TEST en imagerie"


def test_a_big_file_edited_without_changing_size_nor_mtime_is_seen(mini_dir: Path, cache: Path, monkeypatch) -> None:
    """Big files' digests are remembered by stat; an edit still changes the ctime."""
    monkeypatch.setattr(cachekey, "BIG_FILE", 1)
    monkeypatch.setattr(cachekey, "SETTLED_SECONDS", 0)
    path = mini_dir / "careers.yaml"
    old = time.time_ns() - 10_000_000_000
    for p in mini_dir.glob("*.yaml"):
        os.utime(p, ns=(old, old))
    load(mini_dir, cache)
    assert (cache / cachekey.DIGESTS).is_file()
    assert load(mini_dir, cache).get("ingenieur-test").name == "ingénieur/e test en imagerie"
    text = path.read_text(encoding="utf-8")
    time.sleep(0.01)
    path.write_text(text.replace("ingénieur/e test en imagerie", "ingénieur/e TEST en imagerie", 1), encoding="utf-8")
    os.utime(path, ns=(old, old))
    assert load(mini_dir, cache).get("ingenieur-test").name == "ingénieur/e TEST en imagerie"


def test_adding_or_removing_a_file_or_an_overlay_changes_the_database(mini_dir: Path, cache: Path, tmp_path: Path) -> None:
    load(mini_dir, cache)
    extra = mini_dir / "extra.yaml"
    extra.write_text("skills:\n  - id: skill-extra\n    name: Compétence ajoutée\n    category: technique\n    sources: [test]\n", encoding="utf-8")
    assert load(mini_dir, cache).get("skill-extra").name == "Compétence ajoutée"
    extra.unlink()
    assert load(mini_dir, cache).get("skill-extra") is None
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    (overlay / "skills.yaml").write_text("skills:\n  - id: skill-overlay\n    name: Ajout\n    category: technique\n    sources: [test]\n", encoding="utf-8")
    assert load(mini_dir, cache, extra=[overlay]).get("skill-overlay").name == "Ajout"
    assert load(mini_dir, cache).get("skill-overlay") is None
    assert len(databases(cache)) == 3  # one per version of the data


def test_old_versions_are_pruned(mini_dir: Path, cache: Path, monkeypatch) -> None:
    monkeypatch.setattr(engine, "KEEP_DATABASES", 2)
    path = mini_dir / "market.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(4):
        path.write_text(text + f"# version {n}\n", encoding="utf-8")
        load(mini_dir, cache)
        time.sleep(0.01)
    assert len(databases(cache)) == 2


def test_invalid_data_is_never_cached_and_keeps_its_line(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    path = mini_dir / "careers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("entry_level: bac+5", "entry_level: bac+12", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(EsanteError) as error:
            load(mini_dir, cache)
        assert error.value.line == 12 and "bac+12" in error.value.message
    assert len(databases(cache)) == 1


# ---------------------------------------------------------------- damage


DAMAGES = [
    pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
    pytest.param(lambda b: b[:-1], id="last-byte-missing"),
    pytest.param(lambda b: b"\x00" * len(b), id="zeroed"),
    pytest.param(lambda b: b"", id="empty"),
    pytest.param(lambda b: b"SQLite format 3\x00" + os.urandom(len(b) - 16), id="random-pages"),
    pytest.param(lambda b: b[:4096] + bytes(x ^ 0x5A for x in b[4096:8192]) + b[8192:], id="one-page-scrambled"),
    pytest.param(lambda b: b[:100] + b"\xff" * 4 + b[104:], id="header-damaged"),
    pytest.param(lambda b: b"not a database at all\n" * 50, id="foreign-text"),
]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_database_gives_the_right_answers_silently(mini_dir: Path, cache: Path, damage, capsys) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    path.write_bytes(damage(path.read_bytes()))
    notes: list[str] = []
    same_answers(load(mini_dir, cache, notes), mini_dir)
    same_answers(load(mini_dir, cache), mini_dir)  # and the next run too (rebuilt or read again)
    assert capsys.readouterr() == ("", "") and len(notes) <= 1
    assert leftovers(cache) == []


def test_random_damage_anywhere_is_always_survived(mini_dir: Path, cache: Path) -> None:
    import random

    want = expected(mini_dir)
    load(mini_dir, cache)
    (path,) = databases(cache)
    good = path.read_bytes()
    rng = random.Random(13)
    for _ in range(40):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged))
        catalog = load(mini_dir, cache)
        probe = rng.choice(list(want))
        assert catalog.get(probe) == want[probe]
        assert [h.record.id for h in search.search(catalog, "imagerie")] == IMAGERIE
        assert dict(catalog.records.items()) == want


def _tamper(path: Path, sql: str, reseal: bool = True) -> None:
    """Change a database behind the engine's back; `reseal`: as damage its stat would not show
    (bit rot, or a database of the package), so that it is found only when read."""
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()
    if reseal:
        memo = cachekey.Digests(path.parent)
        memo.seal(path)
        memo.save()


def test_a_database_changed_after_it_was_written_is_not_used(mini_dir: Path, cache: Path, monkeypatch) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    _tamper(path, "UPDATE records SET data = replace(data, 'chef de projet test', 'chef piraté')", reseal=False)
    monkeypatch.setattr(codec, "crc", lambda *values: 0)  # even with checksums out of the way
    assert load(mini_dir, cache).get("chef-test").name == "chef de projet test"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE records SET data = '[[[[' WHERE id = 'chef-test'",
        "UPDATE records SET data = '" + "[" * 100_000 + "' WHERE id = 'chef-test'",  # RecursionError
        "UPDATE records SET kind = 'unknown' WHERE id = 'chef-test'",
        "UPDATE records SET data = '{\"@\": \"Catalog\", \"v\": []}' WHERE id = 'chef-test'",
        "DROP TABLE records",
    ],
    ids=["bad-json", "deep-json", "unknown-kind", "foreign-class", "no-table"],
)
def test_damage_found_when_a_record_is_read_falls_back_to_the_yaml(mini_dir: Path, cache: Path, sql: str) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    _tamper(path, sql)
    notes: list[str] = []
    catalog = load(mini_dir, cache, notes)
    assert catalog.get("chef-test").name == "chef de projet test"
    same_answers(catalog, mini_dir)
    assert len(notes) == 1 and "relu depuis les fichiers YAML" in notes[0]
    same_answers(load(mini_dir, cache), mini_dir)  # the damaged file went: rebuilt


@pytest.mark.parametrize("sql", ["DROP TABLE fts", "UPDATE docs SET fields = 'x'", "DROP TABLE vocab", "DROP TABLE vocab_lengths"])
def test_damage_found_by_a_search_rebuilds_the_index_in_memory(mini_dir: Path, cache: Path, sql: str) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    _tamper(path, sql)
    notes: list[str] = []
    catalog = load(mini_dir, cache, notes)
    assert [h.record.id for h in search.search(catalog, "imagerie")] == IMAGERIE
    assert [h.record.id for h in search.search(catalog, "imagrie")] == IMAGERIE
    assert len(notes) == 1 and "en mémoire" in notes[0]


def test_a_database_of_another_version_of_the_data_is_not_used(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    _tamper(path, "UPDATE meta SET value = 'other' WHERE key = 'key'")  # resealed: only the key tells
    same_answers(load(mini_dir, cache), mini_dir)
    (again,) = databases(cache)
    assert sqlite3.connect(again).execute("SELECT value FROM meta WHERE key = 'key'").fetchone()[0] != "other"


def test_a_catalogue_keeps_its_own_database_when_another_run_replaces_it(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    before = load(mini_dir, cache)
    (path,) = databases(cache)
    engine.write(store.check(mini_dir)[0], cache, path.name[len("catalog-") : -len(".sqlite")])
    assert before.get("chef-test").name == "chef de projet test"
    assert [h.record.id for h in search.search(before, "imagerie")] == IMAGERIE


# ---------------------------------------------------------------- things in the database's place


def _database_path(mini_dir: Path, cache: Path) -> Path:
    load(mini_dir, cache)
    (path,) = databases(cache)
    path.unlink()
    return path


def test_a_fifo_in_its_place_does_not_hang(mini_dir: Path, cache: Path) -> None:
    path = _database_path(mini_dir, cache)
    os.mkfifo(path)
    same_answers(load(mini_dir, cache), mini_dir)
    assert path.is_file()  # replaced by a real database


def test_a_symlink_in_its_place_is_not_followed(mini_dir: Path, cache: Path, tmp_path: Path) -> None:
    path = _database_path(mini_dir, cache)
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    path.symlink_to(target)
    same_answers(load(mini_dir, cache), mini_dir)
    assert target.read_text(encoding="utf-8") == "keep me"
    assert path.is_file() and not path.is_symlink()


def test_a_folder_in_its_place_means_no_cache(mini_dir: Path, cache: Path) -> None:
    path = _database_path(mini_dir, cache)
    path.mkdir()
    notes: list[str] = []
    same_answers(load(mini_dir, cache, notes), mini_dir)
    assert path.is_dir() and leftovers(cache) == [] and len(notes) == 1


def test_an_unwritable_cache_folder_means_no_cache(mini_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    notes: list[str] = []
    same_answers(load(mini_dir, blocker / "esante", notes), mini_dir)
    assert not (blocker / "esante").exists() and len(notes) == 1


@pytest.fixture
def tiny_disk(tmp_path: Path):
    """A 64 KiB tmpfs (the catalogue's database needs more): mounted when allowed (root)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("mount not permitted here (test_a_full_disk_simulated covers it)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_gives_the_right_answers_and_leaves_nothing(mini_dir: Path, tiny_disk: Path) -> None:
    (tiny_disk / "filler").write_bytes(b"x" * 40_000)
    notes: list[str] = []
    for _ in range(3):
        same_answers(load(mini_dir, tiny_disk, notes), mini_dir)
    assert databases(tiny_disk) == [] and leftovers(tiny_disk) == []
    assert len(notes) == 3 and "impossible à écrire" in notes[0]


def test_a_full_disk_simulated(mini_dir: Path, cache: Path, monkeypatch) -> None:
    real = indexbuild._flush

    def full(conn, texts):
        real(conn, texts)
        if conn.execute("PRAGMA database_list").fetchone()[2]:  # a file, not an in-memory index
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(indexbuild, "_flush", full)
    same_answers(load(mini_dir, cache), mini_dir)
    assert databases(cache) == [] and leftovers(cache) == []


# ---------------------------------------------------------------- several runs


_CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {src!r})
from esante_cli.catalog import indexbuild, store
if sys.argv[1] == "hang":
    real = indexbuild._flush
    def slow(*a):
        real(*a)
        Path(sys.argv[2]).write_text("building")
        time.sleep(60)
    indexbuild._flush = slow
catalog = store.load({folder!r}, cache_dir=Path({cache!r}))
print(len(catalog), catalog.get("chef-test").name)
"""


def test_two_runs_building_at_once_both_answer(mini_dir: Path, cache: Path) -> None:
    code = _CHILD.format(src=SRC, folder=str(mini_dir), cache=str(cache))
    runs = [subprocess.Popen([sys.executable, "-c", code, "go"], stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert outs == ["13 chef de projet test\n"] * 3
    assert len(databases(cache)) == 1 and leftovers(cache) == []


def test_a_build_killed_half_way_leaves_nothing_after_the_next_run(mini_dir: Path, cache: Path, tmp_path: Path) -> None:
    flag = tmp_path / "building"
    code = _CHILD.format(src=SRC, folder=str(mini_dir), cache=str(cache))
    child = subprocess.Popen([sys.executable, "-c", code, "hang", str(flag)], stdout=subprocess.PIPE)
    deadline = time.time() + 60
    while not flag.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert leftovers(cache), "the build should be under way"
    child.send_signal(signal.SIGTERM)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGTERM
    assert leftovers(cache)  # killed: its temporary file is still there
    same_answers(load(mini_dir, cache), mini_dir)
    assert leftovers(cache) == [] and len(databases(cache)) == 1


def test_a_temporary_file_of_a_live_build_is_left_alone(mini_dir: Path, cache: Path) -> None:
    cache.mkdir(parents=True)
    live = cache / f".catalog-abc.{os.getppid()}.tmp"
    live.write_bytes(b"in progress")
    dead = cache / ".catalog-abc.999999999.tmp"
    dead.write_bytes(b"killed")
    memo = cachekey.Digests(cache)
    for path, pid in ((live, os.getppid()), (dead, 999999999)):
        st = path.lstat()
        memo.known["tmp|" + os.path.abspath(path)] = f"{pid}|{st.st_dev}|{st.st_ino}"
    memo.changed = True
    memo.save()
    load(mini_dir, cache)
    assert live.exists() and not dead.exists()


def test_only_files_esante_recorded_are_swept_or_pruned(mini_dir: Path, cache: Path, monkeypatch) -> None:
    """Issue 26: a file named like esante's in the cache folder, that esante did not write, stays."""
    monkeypatch.setattr(engine, "KEEP_DATABASES", 1)
    cache.mkdir(parents=True)
    foreign_tmp = cache / ".catalog-abc.999999999.tmp"
    foreign_tmp.write_bytes(b"not esante's")
    foreign_db = cache / "catalog-0000.sqlite"
    foreign_db.write_bytes(b"someone's database")
    os.utime(foreign_db, (0, 0))  # the oldest: pruned first if it were esante's
    path = mini_dir / "market.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(3):
        path.write_text(text + f"# version {n}\n", encoding="utf-8")
        load(mini_dir, cache)
        time.sleep(0.01)
    assert foreign_tmp.read_bytes() == b"not esante's" and foreign_db.read_bytes() == b"someone's database"
    assert len(databases(cache)) == 2  # esante's newest, and the foreign one


# ---------------------------------------------------------------- the database itself


def test_the_database_opens_with_the_standard_sqlite3_module(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    (path,) = databases(cache)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM records").fetchone() == (13,)
    assert conn.execute("SELECT count(*) FROM docs").fetchone() == (12,)  # market figures are not searched
    kind, data = conn.execute("SELECT kind, data FROM records WHERE id = 'ingenieur-test'").fetchone()
    dictionary = conn.execute("SELECT value FROM meta WHERE key = 'records_dictionary'").fetchone()[0]
    assert kind == "career" and json.loads(codec.unpack(data, dictionary))[1] == "ingénieur/e test en imagerie"  # JSON, deflated
    found = conn.execute("SELECT d.record FROM fts JOIN docs d ON d.n = fts.rowid WHERE fts MATCH 'w100 : imag*'").fetchall()
    assert found == [("ingenieur-test",)]  # title column


# ---------------------------------------------------------------- the command line's Environment


def test_environment_resolves_the_cache_folder_in_one_place(tmp_path: Path) -> None:
    from esante_cli.cli.environment import Environment

    assert Environment(environ={"ESANTE_CACHE_DIR": "/x/y"}).cache_dir == Path("/x/y")
    assert Environment(environ={"XDG_CACHE_HOME": "/xdg"}).cache_dir == Path("/xdg/esante")
    assert Environment(environ={"HOME": str(tmp_path)}).cache_dir == Path.home() / ".cache" / "esante"
    assert Environment(environ={"ESANTE_NO_CACHE": "1", "ESANTE_CACHE_DIR": "/x"}).cache_dir is None
    assert Environment(no_cache=True, environ={"ESANTE_CACHE_DIR": "/x"}).cache_dir is None
    assert Environment(environ={"ESANTE_NO_CACHE": "0", "ESANTE_CACHE_DIR": "/x"}).cache_dir == Path("/x")


def test_commands_keep_the_catalogue_in_the_cache_folder_unless_told_not_to(invoke, mini_dir: Path, tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cli-cache"
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(cache))
    assert invoke("--no-cache", "search", "imagerie", "--data-dir", str(mini_dir)).exit_code == 0
    assert databases(cache) == []
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    assert invoke("search", "imagerie", "--data-dir", str(mini_dir)).exit_code == 0
    assert databases(cache) == []
    monkeypatch.delenv("ESANTE_NO_CACHE")
    result = invoke("search", "imagerie", "--json", "--data-dir", str(mini_dir))
    assert result.exit_code == 0 and len(databases(cache)) == 1
    assert [h["id"] for h in json.loads(result.stdout)] == IMAGERIE


def test_debug_says_in_one_line_why_the_cache_was_not_used(invoke, mini_dir: Path, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(blocker / "esante"))
    quiet = invoke("search", "imagerie", "--data-dir", str(mini_dir))
    assert (quiet.exit_code, quiet.stderr) == (0, "")
    loud = invoke("--debug", "search", "imagerie", "--data-dir", str(mini_dir))
    assert loud.exit_code == 0 and loud.stdout == quiet.stdout
    (line,) = loud.stderr.splitlines()
    assert line.startswith("esante (debug) : cache du catalogue impossible à écrire")


# ---------------------------------------------------------------- the database built at install


def test_the_shipped_data_is_read_from_the_database_built_at_install(tmp_path: Path, monkeypatch) -> None:
    """hatch_build.py writes engine.write(…, data_key([shipped files])) into esante_cli/prebuilt/:
    the installed package finds it under the key it computes, and writes nothing to the cache."""
    prebuilt, cache = tmp_path / "prebuilt", tmp_path / "cache"
    shipped = store.shipped_data_dir()
    engine.write(store.load(shipped), prebuilt, engine.data_key([store.data_files(shipped)]))
    monkeypatch.setattr(datafiles, "prebuilt_dir", lambda: prebuilt)
    catalog = store.load(None, cache_dir=cache)
    assert catalog.records.db.path.parent == prebuilt
    assert search.search(catalog, "imagerie", limit=1)[0].record.id == "ingenieur-imagerie-medicale"
    assert databases(cache) == []
    (prebuilt / "digests.json").unlink()  # an installed file is trusted without a seal
    assert store.load(None, cache_dir=cache).records.db.path.parent == prebuilt


def test_edited_shipped_data_does_not_use_the_stale_prebuilt_database(tmp_path: Path, monkeypatch) -> None:
    shipped = tmp_path / "data"
    import shutil

    shutil.copytree(store.shipped_data_dir(), shipped)
    prebuilt, cache = tmp_path / "prebuilt", tmp_path / "cache"
    engine.write(store.load(shipped), prebuilt, engine.data_key([store.data_files(shipped)]))
    path = shipped / "careers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ingénieur/e en imagerie médicale", "ingénieur/e en imagerie", 1), encoding="utf-8")
    monkeypatch.setattr(datafiles, "prebuilt_dir", lambda: prebuilt)
    monkeypatch.setattr(datafiles, "shipped_data_dir", lambda: shipped)
    catalog = store.load(None, cache_dir=cache)
    assert catalog.get("ingenieur-imagerie-medicale").name == "ingénieur/e en imagerie"
    assert len(databases(cache)) == 1


# ---------------------------------------------------------------- what a warm search reads


def test_a_warm_search_of_the_shipped_data_decodes_only_what_it_shows(tmp_path: Path) -> None:
    """`esante search imagerie` on a warm database: the query lexicon is looked up phrase by
    phrase in the database (no pass over every record), the vocabulary entries of the words
    typed are the only other records decoded, and typos are not looked for when the exact words
    already fill the page (no rapidfuzz)."""
    probe = (
        "import sys\nfrom pathlib import Path\nfrom esante_cli.catalog import store\nfrom esante_cli.explore import query\n"
        f"c = store.load(None, cache_dir=Path({str(tmp_path)!r}))\n"
        "a = query.find(c, 'imagerie', limit=10)\n"
        "print(len(a.hits), len(c.records._done), len(c.records))\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    env = {**os.environ, "PYTHONPATH": SRC}
    subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env)  # builds
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env).stdout
    counts, modules = out.splitlines()
    shown, decoded, total = map(int, counts.split())
    assert shown == 10 and total > 150
    assert decoded <= shown + 2, (decoded, total)  # the hits, and a vocabulary entry or two
    assert not set(modules.split()) & {"yaml", "_yaml", "rapidfuzz"}


def test_the_query_lexicon_is_stored_and_read_back_the_same(mini_dir: Path, cache: Path) -> None:
    from esante_cli.catalog.store import load as load_yaml
    from esante_cli.catalog import phrases
    from esante_cli.explore import lexicon, query

    in_memory = load_yaml(mini_dir, cache_dir=None)
    load(mini_dir, cache)
    cached = load(mini_dir, cache)
    assert engine.database_of(in_memory) is None and engine.database_of(cached) is not None
    conn = sqlite3.connect(databases(cache)[0])
    stored = dict(conn.execute("SELECT words, meanings FROM phrases"))
    gathered = phrases.data(in_memory)
    assert stored == {" ".join(w): json.dumps(m, ensure_ascii=False, separators=(",", ":")) for w, m in gathered["phrases"]}
    assert json.loads(conn.execute("SELECT value FROM meta WHERE key = 'lexicon'").fetchone()[0]) == {"longest": gathered["longest"]}
    for text in ("imagerie Lille", "formation python", "je veux être chef de projet test", "master à Lyon"):
        assert query.understand(cached, text) == query.understand(in_memory, text), text
    assert lexicon.lexicon(cached).cities == lexicon.lexicon(in_memory).cities == gathered["cities"]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE phrases SET meanings = '[[\"v\", \"no-such-entry\"]]'",
        "UPDATE phrases SET meanings = '{'",
        "UPDATE phrases SET meanings = '[[\"?\"]]'",
        "DELETE FROM meta WHERE key = 'lexicon'",
        "DROP TABLE phrases",
    ],
    ids=["unknown-entry", "bad-json", "unknown-meaning", "no-longest", "no-table"],
)
def test_a_damaged_lexicon_still_understands_the_query(mini_dir: Path, cache: Path, sql: str) -> None:
    from esante_cli.explore import query

    want = query.understand(store.load(mini_dir, cache_dir=None), "formation python Lille")
    load(mini_dir, cache)
    (path,) = databases(cache)
    _tamper(path, sql)
    assert query.understand(load(mini_dir, cache), "formation python Lille") == want


def test_catalog_of_one_kind_decodes_only_that_kind(mini_dir: Path, cache: Path) -> None:
    load(mini_dir, cache)
    cached = load(mini_dir, cache)
    skills = cached.skills
    assert [s.id for s in skills] == [s.id for s in expected_catalog(mini_dir).skills]
    assert {r.kind for r in cached.records._done.values()} == {"skill"}


def expected_catalog(folder: Path):
    catalog, problems = store.check(folder)
    assert problems == []
    return catalog
