"""The catalogue cache: served only while every data file is unchanged, rebuilt silently when
damaged, never holding anything but JSON, never holding invalid data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from esante_cli.catalog import cache, store
from esante_cli.errors import EsanteError
from esante_cli.catalog.models import Duration, JobTitle, Salary

OLD = 1_600_000_000  # a fixed past time (2020): files this old are safe to cache


def age(folder: Path, when: int = OLD) -> None:
    """Give every data file an old mtime, as files that were not just edited."""
    for path in folder.glob("*.yaml"):
        os.utime(path, (when, when))


def cache_files() -> list[Path]:
    folder = cache.cache_dir()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def edit(path: Path, old: str, new: str, when: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, (when, when))


@pytest.fixture
def folder(mini_dir: Path) -> Path:
    age(mini_dir)
    return mini_dir


# ---------------------------------------------------------------- hits


def test_second_load_comes_from_the_cache_and_equals_the_yaml(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, problems = store.check(folder)
    assert problems == []
    first = store.load(folder)
    assert len(cache_files()) == 1
    monkeypatch.setattr(store, "check", lambda *a: pytest.fail("YAML read although the cache is current"))
    cached = store.load(folder)
    assert list(cached.records) == list(fresh.records)  # same ids, same data order
    assert dict(cached.records.items()) == dict(fresh.records.items())
    assert cached == first
    career = cached.get("ingenieur-test")
    assert career.salary == Salary(2000, None, "brut_mensuel", None) and career.rome == ("H1206",)
    assert cached.get("module-test").duration == Duration(165, "heures")
    assert isinstance(cached.get("module-test").duration.value, int)
    sector = cached.sectors[0]
    assert sector.job_titles and all(isinstance(j, JobTitle) for j in sector.job_titles)
    assert cached.counts() == {"career": 2, "training": 5, "skill": 3, "sector": 2, "market": 1}
    assert cached.get("nothing-by-that-id") is None and "ingenieur-test" in cached.records


def test_records_are_decoded_only_when_used(folder: Path) -> None:
    store.load(folder)
    cached = store.load(folder)
    assert cached.records._done == {}
    cached.get("chef-test")
    assert list(cached.records._done) == ["chef-test"]
    assert [c.id for c in cached.careers] == ["ingenieur-test", "chef-test"]


# ---------------------------------------------------------------- invalidation


def test_editing_a_data_file_invalidates_the_cache(folder: Path) -> None:
    store.load(folder)
    edit(folder / "careers.yaml", "ingénieur/e test en imagerie", "ingénieur/e test en imagerie médicale", OLD + 60)
    assert store.load(folder).get("ingenieur-test").name == "ingénieur/e test en imagerie médicale"
    assert store.load(folder).get("ingenieur-test").name == "ingénieur/e test en imagerie médicale"


def test_a_file_edited_seconds_ago_is_read_but_not_cached(folder: Path) -> None:
    store.load(folder)
    path = folder / "careers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("ingénieur/e test", "ingénieure test", 1), encoding="utf-8")
    before = cache_files()[0].read_bytes()
    assert store.load(folder).get("ingenieur-test").name.startswith("ingénieure test")
    assert cache_files()[0].read_bytes() == before  # too fresh to trust its mtime: not written
    age(folder, OLD + 60)
    store.load(folder)
    assert cache_files()[0].read_bytes() != before


def test_adding_a_data_file_invalidates_the_cache(folder: Path) -> None:
    store.load(folder)
    extra = folder / "extra.yaml"
    extra.write_text(
        "skills:\n  - id: skill-extra\n    name: Compétence ajoutée\n    category: technique\n    sources: [test]\n",
        encoding="utf-8",
    )
    age(folder)
    assert store.load(folder).get("skill-extra").name == "Compétence ajoutée"
    extra.unlink()
    assert store.load(folder).get("skill-extra") is None
    assert len(cache_files()) == 1  # one cache file per data folder, rewritten in place


# ---------------------------------------------------------------- damage


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-1], id="last-byte-missing"),
        pytest.param(lambda b: b[:-40] + bytes([b[-40] ^ 1]) + b[-39:], id="one-bit-flipped"),
        pytest.param(lambda b: b"\x00" * len(b), id="zeroed"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"not json\n" + b.split(b"\n", 1)[1], id="bad-header"),
        pytest.param(lambda b: b.replace(b'["ingenieur-test"', b'["ingenieur-tesT"', 1), id="index-damaged"),
        pytest.param(lambda b: b.replace(b"imagerie", b"imagerIe", 1), id="record-damaged"),
        pytest.param(lambda b: b.replace(b'"schema":1', b'"schema":99', 1), id="other-schema"),
    ],
)
def test_damaged_cache_is_rebuilt_silently(folder: Path, damage, capsys: pytest.CaptureFixture[str]) -> None:
    expected = dict(store.check(folder)[0].records)
    store.load(folder)
    (path,) = cache_files()
    good = path.read_bytes()
    path.write_bytes(damage(good))
    catalog = store.load(folder)
    assert dict(catalog.records.items()) == expected
    assert path.read_bytes() == good  # rewritten
    assert capsys.readouterr() == ("", "")


def test_random_damage_anywhere_is_always_repaired(folder: Path) -> None:
    import random

    expected = dict(store.check(folder)[0].records)
    store.load(folder)
    (path,) = cache_files()
    good = path.read_bytes()
    rng = random.Random(8)
    for _ in range(80):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 3)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path.write_bytes(bytes(damaged) if rng.random() < 0.8 else good[: rng.randrange(len(good))])
        catalog = store.load(folder)
        probe = rng.choice(list(expected))
        assert catalog.get(probe) == expected[probe]  # one record first, as a search would
        assert dict(catalog.records.items()) == expected
        assert store.load(folder).get(probe) == expected[probe]


def test_damage_found_when_one_record_is_read_is_repaired(folder: Path) -> None:
    store.load(folder)
    (path,) = cache_files()
    good = path.read_bytes()
    path.write_bytes(good.replace(b"chef de projet test", b"chef de projet tesT", 1))
    catalog = store.load(folder)  # the header is fine: damage shows only when the record is read
    assert catalog.get("chef-test").name == "chef de projet test"
    assert path.read_bytes() == good


def test_a_catalogue_keeps_reading_its_own_cache_file_when_another_run_rewrites_it(folder: Path) -> None:
    store.load(folder)
    before = store.load(folder)  # lazy: nothing read yet but the header
    edit(folder / "careers.yaml", "chef de projet test", "chef renommé", OLD + 60)
    after = store.load(folder)
    assert after.get("chef-test").name == "chef renommé"
    assert before.get("chef-test").name == "chef de projet test"  # from the file it opened, not a mix


def test_unwritable_cache_folder_means_no_cache(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(blocker / "esante"))  # a folder under a file cannot exist
    assert len(store.load(folder)) == 13
    assert len(store.load(folder)) == 13
    assert not (blocker / "esante").exists()


# ---------------------------------------------------------------- bypass


def test_esante_no_cache_variable_bypasses_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    store.load(folder)
    assert cache_files() == []
    monkeypatch.delenv("ESANTE_NO_CACHE")
    store.load(folder)
    assert len(cache_files()) == 1
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    calls = []
    real = store.check
    monkeypatch.setattr(store, "check", lambda *a: calls.append(a) or real(*a))
    store.load(folder)
    assert len(calls) == 1  # read from YAML although a current cache exists


def test_no_cache_option_bypasses_the_cache(folder: Path, invoke) -> None:
    from esante_cli.cli.app import open_catalog

    assert invoke("--no-cache", "validate", "--data-dir", str(folder)).exit_code == 0
    open_catalog(folder)
    assert cache_files() == []
    assert invoke("validate", "--data-dir", str(folder)).exit_code == 0  # without the option: back on
    open_catalog(folder)
    assert len(cache_files()) == 1


def test_no_cache_option_is_documented_in_help(invoke) -> None:
    result = invoke("--help")
    assert "--no-cache" in result.stdout and "ESANTE_NO_CACHE" in result.stdout


# ---------------------------------------------------------------- contents


def test_cache_holds_only_json(folder: Path) -> None:
    catalog = store.load(folder)
    cache.memo(store.load(folder), "names", lambda: sorted(r.name for r in catalog))
    files = cache_files()
    assert len(files) == 2
    for path in files:
        lines = path.read_bytes().decode("utf-8").splitlines()
        assert all(json.loads(line) is not None for line in lines)
        assert b"\x80\x04" not in path.read_bytes()  # no pickle protocol marker


def test_invalid_data_is_never_cached(folder: Path) -> None:
    edit(folder / "careers.yaml", "entry_level: bac+5", "entry_level: bac+12", OLD)
    with pytest.raises(EsanteError) as first:
        store.load(folder)
    assert cache_files() == []
    with pytest.raises(EsanteError) as second:
        store.load(folder)
    assert second.value.line == first.value.line == 12


def test_data_made_invalid_after_caching_is_reported_with_its_line(folder: Path) -> None:
    store.load(folder)
    edit(folder / "careers.yaml", "entry_level: bac+5", "entry_level: bac+12", OLD + 60)
    with pytest.raises(EsanteError) as error:
        store.load(folder)
    assert error.value.line == 12 and "bac+12" in error.value.message


# ---------------------------------------------------------------- derived data


def test_memo_keeps_derived_data_until_the_data_changes(folder: Path) -> None:
    calls: list[int] = []

    def names(catalog):
        calls.append(1)
        return sorted(r.name for r in catalog)

    catalog = store.load(folder)
    assert cache.memo(catalog, "names", lambda: names(catalog)) == sorted(r.name for r in catalog)
    catalog = store.load(folder)
    assert cache.memo(catalog, "names", lambda: names(catalog)) == sorted(r.name for r in catalog)
    assert len(calls) == 1
    edit(folder / "skills.yaml", "name: ", "name: Z ", OLD + 60)
    catalog = store.load(folder)
    result = cache.memo(catalog, "names", lambda: names(catalog))
    assert len(calls) == 2 and any(name.startswith("Z ") for name in result)


def test_damaged_memo_file_is_rebuilt(folder: Path) -> None:
    catalog = store.load(folder)
    assert cache.memo(catalog, "count", lambda: len(catalog)) == 13
    (memo_file,) = [p for p in cache_files() if p.name.endswith(".count.json")]
    memo_file.write_bytes(memo_file.read_bytes().replace(b"13", b"14"))
    assert cache.memo(store.load(folder), "count", lambda: 13) == 13
    assert cache.memo(store.load(folder), "count", lambda: pytest.fail("not cached again")) == 13


def test_memo_without_a_cache_just_builds(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESANTE_NO_CACHE", "1")
    catalog = store.load(folder)
    assert cache.memo(catalog, "count", lambda: len(catalog)) == 13
    assert cache_files() == []


# ---------------------------------------------------------------- start-up


def _imported_after(code: str, env_extra: dict[str, str]) -> set[str]:
    env = {**os.environ, **env_extra}
    probe = (
        "import sys\n" + code + "\nprint(' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    return set(out.split())


def test_a_cache_hit_imports_neither_yaml_nor_the_validator_helpers(folder: Path) -> None:
    store.load(folder)
    env = {"ESANTE_CACHE_DIR": str(cache.cache_dir())}
    modules = _imported_after(f"from esante_cli.catalog import store\nstore.load({str(folder)!r})", env)
    assert "esante_cli.catalog.cache" in modules
    assert not {m.split(".")[0] for m in modules} & {"yaml", "_yaml", "rapidfuzz", "rich", "pydantic"}


def test_help_and_version_import_no_heavy_module() -> None:
    for argv in (["--help"], ["--version"]):
        modules = _imported_after(f"import sys\nsys.argv = ['esante', *{argv!r}]\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {})
        assert "typer" in modules
        assert not {m.split(".")[0] for m in modules} & {"yaml", "rapidfuzz", "rich", "pydantic"}, argv
        assert not modules & {"esante_cli.catalog.store", "esante_cli.catalog.models", "esante_cli.catalog.cache"}, argv


def test_parsing_options_does_not_import_pydantic(folder: Path) -> None:
    # Typer 0.29 validates every option value through pydantic: +150 ms per run (pyproject caps it)
    argv = ["esante", "validate", "--data-dir", str(folder)]
    modules = _imported_after(f"sys.argv = {argv!r}\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {})
    assert "esante_cli.catalog.store" in modules
    assert "pydantic" not in modules
