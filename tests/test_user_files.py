"""Issue 26: nothing of the user's is ever replaced or deleted, and an interrupted write is
recovered by the next run (docs/reliability.md).

Export onto links, pipes and planted temporary names; `import --force` onto markers that are
links and folders holding the user's own files; an import killed between its two renames; a
killed export's temporary file; the installed package's data and database."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from esante_cli.catalog import datafiles, engine, store
from esante_cli.catalog.importers import onisep
from esante_cli.catalog.importers.folder import MARKER
from esante_cli.errors import EsanteError, ExitCode

ROOT = Path(__file__).parent.parent
XML = Path(__file__).parent / "data" / "onisep" / "fiches.xml"


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "ESANTE_CACHE_DIR": str(tmp_path / "cache"), "PYTHONDONTWRITEBYTECODE": "1"}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---------------------------------------------------------------- export --output


def test_export_refuses_a_symlink_and_leaves_it_and_its_target(invoke, tmp_path: Path) -> None:
    target = tmp_path / "mine.json"
    target.write_text("à garder", encoding="utf-8")
    link = tmp_path / "lien.json"
    link.symlink_to(target)
    result = invoke("export", "--kind", "sector", "--output", str(link))
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr.startswith(f"Erreur : {link}: c'est un lien symbolique") and len(result.stderr.splitlines()) == 1
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "à garder"
    dangling = tmp_path / "cassé.json"
    dangling.symlink_to(tmp_path / "nulle-part")
    result = invoke("export", "--output", str(dangling))
    assert result.exit_code == ExitCode.USAGE and "lien symbolique cassé" in result.stderr
    assert dangling.is_symlink() and not (tmp_path / "nulle-part").exists()


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            into.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


@pytest.mark.parametrize("through_a_link", [False, True], ids=["fifo", "link to a fifo"])
def test_export_writes_into_a_fifo_and_leaves_it_a_fifo(invoke, tmp_path: Path, through_a_link: bool) -> None:
    import stat

    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    target = fifo
    if through_a_link:
        target = tmp_path / "lien"
        target.symlink_to(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    result = invoke("export", "--kind", "sector", "--output", str(target))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # no « Export écrit » line: into a pipe it would mix with the data
    assert [r["kind"] for r in json.loads(got[0])] == ["sector"] * len(json.loads(got[0])) and json.loads(got[0])
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and (not through_a_link or target.is_symlink())


def test_export_never_follows_a_planted_temporary_name(invoke, tmp_path: Path) -> None:
    """The temporary file is created exclusively: a symlink planted where an older esante put
    its temporary file (`.NAME.PID.tmp`) is not written through."""
    victim = tmp_path / "ailleurs.txt"
    out = tmp_path / "out.json"
    planted = tmp_path / f".out.json.{os.getpid()}.tmp"
    planted.symlink_to(victim)
    result = invoke("export", "--kind", "sector", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert not victim.exists() and planted.is_symlink()
    assert not out.is_symlink() and json.loads(out.read_text(encoding="utf-8"))
    assert _leftovers(tmp_path) == [planted.name]


def test_export_keeps_the_permissions_of_the_file_it_replaces(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("[]", encoding="utf-8")
    out.chmod(0o640)
    assert invoke("export", "--kind", "sector", "--output", str(out)).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640 and json.loads(out.read_text(encoding="utf-8"))


_KILLED_EXPORT = """
import inspect, os, sys
from pathlib import Path
from esante_cli.catalog.outfile import replace_file

def write(tmp):
    tmp.write_text("à moitié", encoding="utf-8")
    os._exit(9)  # killed half-way

if "journal" in inspect.signature(replace_file).parameters:
    from esante_cli.catalog.journal import Journal
    replace_file(Path(sys.argv[1]), write, "le fichier", "x.json", Journal(Path(sys.argv[2])))
else:  # an esante without a journal
    replace_file(Path(sys.argv[1]), write, "le fichier", "x.json")
"""


def test_a_killed_exports_temporary_file_is_removed_by_the_next_export_and_only_it(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    out.write_text("ancien", encoding="utf-8")
    pending = tmp_path / "cache" / "pending"
    killed = subprocess.run([sys.executable, "-c", _KILLED_EXPORT, str(out), str(pending)], env=_env(tmp_path), timeout=60)
    assert killed.returncode == 9
    assert out.read_text(encoding="utf-8") == "ancien"  # the old file, whole
    [temporary] = _leftovers(tmp_path)
    foreign = tmp_path / ".out.json.abcdef.esante-tmp"  # named like esante's, not recorded: not esante's
    foreign.write_text("à l'utilisateur", encoding="utf-8")
    result = invoke("export", "--kind", "sector", "--output", str(out), env={"ESANTE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == 0, result.output
    assert _leftovers(tmp_path) == [foreign.name] and temporary != foreign.name
    assert foreign.read_text(encoding="utf-8") == "à l'utilisateur"
    assert list(pending.iterdir()) == []


# ---------------------------------------------------------------- import --force


def test_force_never_follows_a_marker_that_is_a_symlink(tmp_path: Path) -> None:
    mine = tmp_path / "mes-donnees"
    mine.mkdir()
    (mine / "careers.yaml").write_text("careers: []\n", encoding="utf-8")
    elsewhere = tmp_path / "marqueur"
    elsewhere.write_text("{}", encoding="utf-8")
    (mine / MARKER).symlink_to(elsewhere)
    with pytest.raises(EsanteError, match="n'a pas été créé par « esante import »") as caught:
        onisep.import_file(XML, mine, force=True)
    assert caught.value.code == ExitCode.USAGE
    assert (mine / "careers.yaml").read_text(encoding="utf-8") == "careers: []\n" and (mine / MARKER).is_symlink()


def test_force_never_deletes_a_file_the_user_added_to_an_import(tmp_path: Path) -> None:
    out = tmp_path / "onisep"
    onisep.import_file(XML, out)
    (out / "mes-notes.txt").write_text("à garder", encoding="utf-8")
    (out / "photos").mkdir()
    with pytest.raises(EsanteError, match="fichiers qu'esante n'a pas écrits \\(mes-notes.txt, photos\\)"):
        onisep.import_file(XML, out, force=True)
    assert (out / "mes-notes.txt").read_text(encoding="utf-8") == "à garder" and (out / "photos").is_dir()
    (out / "mes-notes.txt").unlink()
    (out / "photos").rmdir()
    onisep.import_file(XML, out, force=True)  # what the import wrote, and only that: replaced
    assert sorted(json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]) == sorted(p.name for p in out.iterdir())


_KILLED_SWAP = """
import os, pathlib, sys
from pathlib import Path
real = pathlib.Path.rename
def rename(self, target):
    result = real(self, target)
    if ".old-" in str(target):
        os._exit(9)  # killed between the two renames: the old folder aside, the new one not in place
    return result
pathlib.Path.rename = rename
import inspect
from esante_cli.catalog.importers import onisep
extra = {}
if "journal" in inspect.signature(onisep.import_file).parameters:
    from esante_cli.catalog.journal import Journal
    extra = {"journal": Journal(Path(sys.argv[4]))}
onisep.import_file(Path(sys.argv[1]), Path(sys.argv[2]), filter_words=sys.argv[3], force=True, **extra)
"""


@pytest.mark.parametrize("next_run", ["import --force", "import without --force"])
def test_an_import_killed_between_its_two_renames_is_finished_by_the_next_run(invoke, tmp_path: Path, next_run: str) -> None:
    out = tmp_path / "onisep"
    onisep.import_file(XML, out)
    before = sorted(c.id for c in store.load(None, [out]).careers if c.id.startswith("onisep-"))
    pending = tmp_path / "cache" / "pending"
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_SWAP, str(XML), str(out), "santé", str(pending)], env=_env(tmp_path), timeout=120
    )
    assert killed.returncode == 9
    assert not out.exists() and any(name.startswith(".onisep.old-") for name in _leftovers(tmp_path))
    args = ["import", "onisep", str(XML), "--out", str(out), "--filter", "santé"] + (["--force"] if next_run == "import --force" else [])
    result = invoke(*args, env={"ESANTE_CACHE_DIR": str(tmp_path / "cache")})
    assert result.exit_code == (0 if next_run == "import --force" else ExitCode.USAGE), result.output
    assert _leftovers(tmp_path) == []
    after = sorted(c.id for c in store.load(None, [out]).careers if c.id.startswith("onisep-"))
    assert after == ["onisep-met-9001", "onisep-met-9002"] and after != before  # the killed run's import, finished


def test_a_swap_killed_before_its_new_folder_was_complete_is_undone(tmp_path: Path) -> None:
    from esante_cli.catalog.importers import folder
    from esante_cli.catalog.journal import Journal, identity

    out = tmp_path / "onisep"
    onisep.import_file(XML, out)
    before = sorted(p.name for p in out.iterdir())
    journal = Journal(tmp_path / "pending")
    staging = tmp_path / ".onisep.import-x"
    staging.mkdir()
    old = tmp_path / ".onisep.old-999999999"
    created, moved = identity(staging), identity(out)
    out.rename(old)
    journal.add(kind="import", out=str(out), staging=str(staging), old=str(old), dev=created[0], ino=created[1],
                old_dev=moved[0], old_ino=moved[1])  # fmt: skip
    record = next((tmp_path / "pending").iterdir())
    data = json.loads(record.read_text())
    data["pid"] = 999999999  # a process that is gone
    record.write_text(json.dumps(data))
    folder.recover(out, journal)
    assert sorted(p.name for p in out.iterdir()) == before and _leftovers(tmp_path) == []


# ---------------------------------------------------------------- the installed package


def test_import_out_inside_the_shipped_data_or_the_package_is_refused(invoke, tmp_path: Path) -> None:
    for inside in (store.shipped_data_dir() / "onisep", Path(onisep.__file__).parent / "sortie"):
        result = invoke("import", "onisep", str(XML), "--out", str(inside))
        assert result.exit_code == ExitCode.USAGE, result.output
        assert "dans les fichiers installés d'esante" in result.stderr and not inside.exists()


def test_a_damaged_installed_database_is_never_deleted_and_the_user_cache_takes_over(tmp_path: Path, monkeypatch) -> None:
    shipped = store.shipped_data_dir()
    prebuilt, cache = tmp_path / "prebuilt", tmp_path / "cache"
    database = engine.write(store.load(shipped), prebuilt, engine.data_key([store.data_files(shipped)]))
    (prebuilt / "digests.json").unlink()  # as installed: trusted without a seal
    conn = sqlite3.connect(database)
    conn.execute("UPDATE records SET crc = crc + 1")  # damage that only reading the records finds
    conn.commit()
    conn.close()
    monkeypatch.setattr(datafiles, "prebuilt_dir", lambda: prebuilt)
    expected = {r.id: r.name for r in store.load(shipped).records.values()}
    catalog = store.load(None, cache_dir=cache)
    assert {r.id: r.name for r in catalog.records.values()} == expected
    assert database.exists()  # the package's file: never deleted
    [rebuilt] = cache.glob("catalog-*.sqlite")
    again = store.load(None, cache_dir=cache)
    assert again.records.db.path == rebuilt and {r.id: r.name for r in again.records.values()} == expected


# ---------------------------------------------------------------- the cache's key


def test_an_overlay_edited_during_a_first_build_is_keyed_on_the_bytes_parsed(tmp_path: Path, mini_dir: Path, monkeypatch) -> None:
    """The file changes between the key's computation and its parsing: the database must be
    stored under the key of what was parsed, never under the older bytes' key."""
    overlay = tmp_path / "overlay"
    overlay.mkdir()
    path = overlay / "skills.yaml"
    first = "skills:\n  - {id: ajout, name: Première version, category: technique, sources: [test]}\n"
    second = first.replace("Première version", "Seconde version")
    path.write_text(first, encoding="utf-8")
    real = store._valid

    def edited_meanwhile(directory: Path, overlays: list[Path]):  # noqa: ANN202
        path.write_text(second, encoding="utf-8")
        return real(directory, overlays)

    monkeypatch.setattr(store, "_valid", edited_meanwhile)
    cache = tmp_path / "cache"
    assert store.load(mini_dir, [overlay], cache_dir=cache).get("ajout").name == "Seconde version"
    monkeypatch.setattr(store, "_valid", real)
    path.write_text(first, encoding="utf-8")  # back to the first bytes: their text, not the other
    assert store.load(mini_dir, [overlay], cache_dir=cache).get("ajout").name == "Première version"
    path.write_text(second, encoding="utf-8")
    assert store.load(mini_dir, [overlay], cache_dir=cache).get("ajout").name == "Seconde version"
