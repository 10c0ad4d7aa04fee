"""Write an overlay folder all at once: into a temporary folder beside the target, checked,
then moved into place. A failure at any step leaves the target as it was.

An existing target is replaced only when asked (`force`) and only when it is empty or was
written by an import: it holds MARKER, a regular file (a symbolic link named so is not one),
and nothing but the files that import wrote (the marker lists them): `--force` never deletes
a folder of the user's own, nor a file the user added to an imported folder.

Replacing is two renames (the old folder aside to `.NAME.old-PID`, the new one in place). The
swap is recorded in the journal (catalog/journal.py) before it starts: if the process is killed
half-way, the next import into the same folder finishes it (the new folder was complete) or
undoes it (the old one comes back), then removes what the killed run had created, and only
that (recover()).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

from esante_cli.catalog.journal import Journal, identity
from esante_cli.errors import EsanteError, ExitCode, reason

MARKER = ".esante-import"  # written into every imported folder
JOURNAL_KIND = "import"
# What an import wrote before markers listed their files (an older esante).
_LEGACY_FILES = {"careers.yaml", "trainings.yaml", "sources.yaml", "LISEZMOI.txt", MARKER}


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _written_by_import(out: Path) -> set[str] | None:
    """The names an import wrote into `out` (its marker's list), or None when `out` holds no
    marker that is a regular file."""
    marker = out / MARKER
    if not _is_regular(marker):
        return None
    try:
        with open(marker, "rb") as fh:
            data = json.loads(fh.read(1 << 20))
        files = data.get("files") if isinstance(data, dict) else None
    except (OSError, ValueError, RecursionError):
        files = None
    if isinstance(files, list) and all(isinstance(f, str) and f and "/" not in f and f not in (".", "..") for f in files):
        return {*files, MARKER}
    return set(_LEGACY_FILES)


def resolve_out(out: Path, protected: Iterable[Path] = ()) -> Path:
    """The absolute folder to write (`--out .` inside an import is that folder, by name);
    EsanteError for a path that cannot be one or lies inside a `protected` folder (the
    installed package, its shipped data)."""
    absolute = Path(os.path.abspath(out))
    if absolute.name in ("", ".", ".."):
        raise EsanteError("--out doit nommer un dossier à créer, pas la racine", path=out, code=ExitCode.USAGE)
    try:
        real = Path(os.path.realpath(absolute.parent)) / absolute.name
    except (OSError, ValueError):
        real = absolute
    for folder in protected:
        try:
            shielded = Path(os.path.realpath(folder))
        except (OSError, ValueError):
            continue
        if real == shielded or shielded in real.parents:
            raise EsanteError(
                f"ce dossier est dans les fichiers installés d'esante ({shielded}) : choisissez un dossier à vous pour --out",
                path=out,
                code=ExitCode.USAGE,
            )
    return absolute


def check_target(out: Path, force: bool) -> None:
    """Refuse, before any work, a target that must not be replaced."""
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return
    except OSError as exc:  # a name too long, a file used as a folder, no permission…
        raise EsanteError(f"dossier de sortie inutilisable ({reason(exc)})", path=out, code=ExitCode.USAGE) from None
    if stat.S_ISLNK(st.st_mode):
        raise EsanteError(
            "c'est un lien symbolique : esante ne remplace pas un lien ; donnez le dossier lui-même ou un autre chemin pour --out",
            path=out,
            code=ExitCode.USAGE,
        )
    if not stat.S_ISDIR(st.st_mode):
        raise EsanteError("la sortie existe et n'est pas un dossier : choisissez un autre chemin pour --out", path=out, code=ExitCode.USAGE)
    try:
        entries = sorted(os.listdir(out))
    except OSError as exc:
        raise EsanteError(f"dossier de sortie illisible ({reason(exc)})", path=out, code=ExitCode.USAGE) from None
    if not entries:
        return
    ours = _written_by_import(out)
    if ours is None:
        raise EsanteError(
            "ce dossier existe et n'a pas été créé par « esante import » : il ne sera pas remplacé, "
            "même avec --force ; choisissez un nouveau dossier pour --out",
            path=out,
            code=ExitCode.USAGE,
        )
    if not force:
        raise EsanteError(
            "ce dossier contient déjà un import : ajoutez --force pour le remplacer, ou choisissez un autre dossier",
            path=out,
            code=ExitCode.USAGE,
        )
    foreign = [name for name in entries if name not in ours or stat.S_ISDIR(os.lstat(out / name).st_mode)]
    if foreign:
        shown = ", ".join(foreign[:3]) + (" …" if len(foreign) > 3 else "")
        raise EsanteError(
            f"ce dossier d'import contient aussi des fichiers qu'esante n'a pas écrits ({shown}) : il ne sera pas remplacé ; "
            "déplacez-les ou choisissez un autre dossier pour --out",
            path=out,
            code=ExitCode.USAGE,
        )


def recover(out: Path, journal: Journal) -> None:
    """Finish or undo a swap into `out` that a killed import left (see the module docstring)."""
    journal.sweep(JOURNAL_KIND, _recover)
    _restore_legacy(out)


def _recover(entry: dict[str, Any]) -> None:
    out, staging, old = Path(entry["out"]), Path(entry["staging"]), Path(entry["old"])
    staging_ours = identity(staging) == (entry.get("dev"), entry.get("ino"))
    old_ours = entry.get("old_ino") is not None and identity(old) == (entry.get("old_dev"), entry.get("old_ino"))
    if not os.path.lexists(out):
        if staging_ours and entry.get("complete") and _is_regular(staging / MARKER):
            staging.rename(out)  # the new folder was whole: finish
            staging_ours = False
        elif old_ours:
            old.rename(out)  # undo: the old folder comes back
            old_ours = False
    if old_ours:
        shutil.rmtree(old)
    if staging_ours:
        shutil.rmtree(staging)


def _restore_legacy(out: Path) -> None:
    """An older esante's swap, killed between its renames (no journal): the old folder is put
    back when `out` is missing, its process is gone and it is an import (a regular marker).
    Nothing is deleted."""
    if os.path.lexists(out):
        return
    from esante_cli.catalog.journal import alive

    try:
        names = os.listdir(out.parent)
    except OSError:
        return
    prefix = f".{out.name}.old-"
    for name in sorted(names):
        pid = name[len(prefix) :]
        if name.startswith(prefix) and pid.isdigit() and not alive(int(pid)) and _is_regular(out.parent / name / MARKER):
            try:
                (out.parent / name).rename(out)
            except OSError:
                continue
            return


def _lean(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its empty fields (null, [], {}): the validator reads them as absent."""
    return {k: v for k, v in record.items() if v not in (None, [], {})}


def dump_yaml(data: dict[str, list[dict[str, Any]]]) -> str:
    """A data file's text: each section's records, empty fields left out, one line per value."""
    import yaml

    data = {section: [_lean(r) for r in records] for section, records in data.items()}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def prepare(out: Path, force: bool, journal: Journal | None = None) -> tuple[Path, Journal]:
    """Before an import reads anything: the folder it will write (never inside the installed
    package or its shipped data), a swap a killed import left half-done finished or undone, and
    a target that must not be replaced refused. Returns (that folder, the journal)."""
    from esante_cli.catalog import store

    journal = journal or Journal(None)
    package = Path(__file__).resolve().parent.parent.parent  # esante_cli: never written into
    out = resolve_out(out, (package, store.shipped_data_dir()))
    recover(out, journal)
    check_target(out, force)
    return out, journal


def validator(data_dir: Path | None) -> Callable[[Path], None]:
    """write_folder's `check`: the staged folder must validate as an overlay of the base data."""
    from esante_cli.catalog import store

    base = store.resolve_data_dir(data_dir)

    def check(staging: Path) -> None:
        problems = store.check(base, [staging]).problems
        if problems:
            raise EsanteError(f"l'import a produit des données que esante refuse ({problems[0]}) : signalez-le", code=ExitCode.INTERNAL)

    return check


def write_folder(
    out: Path, files: dict[str, str], marker: dict[str, Any], force: bool, check: Callable[[Path], None], journal: Journal | None = None
) -> None:
    """Write `files` (name → text) to `out` atomically; `check(folder)` raises to abort."""
    journal = journal or Journal(None)
    check_target(out, force)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name[:80]}.import-", dir=parent))
    except OSError as exc:
        raise EsanteError(f"impossible de créer le dossier de sortie ({reason(exc)})", path=parent) from None
    created = identity(staging)
    old = out.with_name(f".{out.name[:80]}.old-{os.getpid()}")
    record = journal.add(kind=JOURNAL_KIND, out=str(out), staging=str(staging), old=str(old), dev=created[0], ino=created[1]) if created else None
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the result is an ordinary folder
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        marker = {**marker, "files": sorted([*files, MARKER])}
        (staging / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        check(staging)
        _swap(staging, out, old, force, journal, record)
    except OSError as exc:
        raise EsanteError(f"écriture impossible ({reason(exc)})", path=out) from None
    finally:
        if identity(staging) == created and created is not None:
            shutil.rmtree(staging, ignore_errors=True)
        journal.done(record)


def _swap(staging: Path, out: Path, old: Path, force: bool, journal: Journal, record: Path | None) -> None:
    check_target(out, force)  # again: the folder may have changed while the file was read
    if not os.path.lexists(out):
        journal.update(record, complete=True)
        staging.rename(out)
        return
    before = identity(out)
    journal.update(record, complete=True, old_dev=before[0] if before else None, old_ino=before[1] if before else None)
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
