"""Write an overlay folder all at once: into a temporary folder beside the target, checked,
then moved into place. A failure at any step leaves the target as it was.

An existing target is replaced only when asked (`force`) and only when it is empty or was
written by an import (it holds MARKER): `--force` never deletes a folder of the user's own.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable

from esante_cli.errors import EsanteError, ExitCode

MARKER = ".esante-import"  # written into every imported folder


def check_target(out: Path, force: bool) -> None:
    """Refuse, before any work, a target that must not be replaced."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise EsanteError("la sortie existe et n'est pas un dossier : choisissez un autre chemin pour --out", path=out, code=ExitCode.USAGE)
    if not out.exists() or not any(out.iterdir()):
        return
    if not (out / MARKER).is_file():
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


def _lean(record: dict[str, Any]) -> dict[str, Any]:
    """A record without its empty fields (null, [], {}): the validator reads them as absent."""
    return {k: v for k, v in record.items() if v not in (None, [], {})}


def dump_yaml(data: dict[str, list[dict[str, Any]]]) -> str:
    """A data file's text: each section's records, empty fields left out, one line per value."""
    import yaml

    data = {section: [_lean(r) for r in records] for section, records in data.items()}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)


def write_folder(out: Path, files: dict[str, str], marker: dict[str, Any], force: bool, check: Callable[[Path], None]) -> None:
    """Write `files` (name → text) to `out` atomically; `check(folder)` raises to abort."""
    check_target(out, force)
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.import-", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the result is an ordinary folder
    except OSError as exc:
        raise EsanteError(f"impossible de créer le dossier de sortie ({exc.strerror})", path=parent) from None
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        (staging / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        check(staging)
        _swap(staging, out, force)
    except OSError as exc:
        raise EsanteError(f"écriture impossible ({exc.strerror})", path=out) from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(staging: Path, out: Path, force: bool) -> None:
    check_target(out, force)  # again: the folder may have changed while the file was read
    if not out.exists():
        staging.rename(out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    out.rename(old)
    try:
        staging.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)
