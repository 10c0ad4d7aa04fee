"""Writing an export into a file: a temporary file beside it, moved into place, so the file is
either the old one or the whole new one (an interrupted or failed export leaves no half file)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, TypeVar

from esante_cli.errors import EsanteError, ExitCode

T = TypeVar("T")


def replace_file(path: Path, write: Callable[[Path], T], what: str, example: str) -> T:
    """Run `write(tmp)` then move tmp to `path`; its result. `what` names the output in the
    error (« la base SQLite »), `example` is a file name to suggest when `path` is a folder."""
    path = Path(path)
    if path.is_dir():
        raise EsanteError(f"c'est un dossier : donnez le nom du fichier à écrire (par exemple {example})", path=path, code=ExitCode.USAGE)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if tmp.exists():
            tmp.unlink()
        result = write(tmp)
        os.replace(tmp, path)
        return result
    except OSError as exc:
        raise EsanteError(f"impossible d'écrire {what} ({exc.strerror or exc})", path=path) from None
    finally:
        try:
            if tmp.exists():
                tmp.unlink()
        except OSError:
            pass
