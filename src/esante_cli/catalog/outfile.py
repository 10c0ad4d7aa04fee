"""Writing an export into a file without ever replacing what is not esante's to replace.

What `--output PATH` is decides how it is written (docs/reliability.md):
- a new name, or an existing regular file: the export goes into a temporary file created
  exclusively in the same folder (tempfile.mkstemp: O_EXCL, so a symbolic link planted under
  that name is never followed), then moved into place in one step (os.replace): the file is
  either the old one or the whole new one. The temporary file is recorded (journal.py), so
  that the next export removes it if this run is killed — and only it;
- an existing named pipe (FIFO) or character device (a terminal, /dev/null), or one of the
  process's own streams (/dev/stdout, /dev/fd/N): written into, as the shell's `>` would;
  nothing is created or replaced;
- a symbolic link to anything else, a dangling link, a folder, a block device, a socket:
  refused in one French line; the link or the entry is left as it is.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

from esante_cli.catalog.journal import Journal, identity
from esante_cli.errors import EsanteError, ExitCode, reason

T = TypeVar("T")
TEMP_KIND = "export-tmp"
# Paths that name one of the process's open descriptors: writing there is writing to the
# stream the shell set up (`esante export -o /dev/stdout > file.json`), never replacing it.
_DESCRIPTORS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/")


def replace_file(path: Path, write: Callable[[Path], T], what: str, example: str, journal: Journal | None = None) -> T:
    """Run `write(tmp)`, then put tmp's content at `path` as the module docstring says; the result
    of `write`. `what` names the output in errors (« la base SQLite »), `example` is a file name
    to suggest when `path` is a folder. `journal`: where the temporary file is recorded."""
    path = Path(path)
    journal = journal or Journal(None)
    journal.sweep(TEMP_KIND)
    try:
        if target_kind(path, example, what) == "stream":
            return _into(path, write)
        return _replace(path, write, journal, example)
    except BrokenPipeError:
        raise  # the reader left (`-o /dev/stdout | head`): quiet, as for any output
    except OSError as exc:
        if not path.parent.is_dir():
            raise EsanteError(f"le dossier {path.parent} n'existe pas : créez-le d'abord ou choisissez un autre chemin", path=path) from None
        raise EsanteError(f"impossible d'écrire {what} ({reason(exc)})", path=path) from None


def target_kind(path: Path, example: str, what: str = "le fichier") -> str:
    """"new", "regular" or "stream" (written into); EsanteError for what is refused."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:  # a name too long, a file used as a folder, no permission…
        raise EsanteError(f"impossible d'écrire {what} ({reason(exc)})", path=path) from None
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return "regular"
    if stat.S_ISDIR(mode):
        raise EsanteError(f"c'est un dossier : donnez le nom du fichier à écrire (par exemple {example})", path=path, code=ExitCode.USAGE)
    if stat.S_ISLNK(mode):
        try:
            mode = os.stat(path).st_mode
        except OSError:
            raise EsanteError(
                "lien symbolique cassé : esante ne crée rien au bout d'un lien ; donnez un autre nom de fichier", path=path, code=ExitCode.USAGE
            ) from None
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or os.path.abspath(path).startswith(_DESCRIPTORS):
            return "stream"
        raise EsanteError(
            f"c'est un lien symbolique (vers {os.path.realpath(path)}) : esante ne remplace pas un lien ; "
            "donnez le chemin du fichier lui-même ou un autre nom",
            path=path,
            code=ExitCode.USAGE,
        )
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    raise EsanteError(
        "ni un fichier ni un tube (socket ou périphérique de stockage) : esante n'y écrit pas ; donnez un nom de fichier",
        path=path,
        code=ExitCode.USAGE,
    )


def _replace(path: Path, write: Callable[[Path], T], journal: Journal, example: str) -> T:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode) if os.path.lexists(path) else None
    except OSError:
        mode = None
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".esante-tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    created = identity(tmp)
    record = journal.add(kind=TEMP_KIND, path=os.path.abspath(tmp), dev=created[0], ino=created[1]) if created else None
    try:
        result = write(tmp)
        os.chmod(tmp, mode)
        if target_kind(path, example) == "stream":  # it became a pipe meanwhile: write into it, replace nothing
            _copy(tmp, path)
        else:
            os.replace(tmp, path)
        return result
    finally:
        if identity(tmp) == created and created is not None:
            try:
                tmp.unlink()
            except OSError:
                pass
        journal.done(record)


def _into(path: Path, write: Callable[[Path], T]) -> T:
    """Write into an existing pipe, device or open stream: built in a private temporary folder
    (a database or a workbook needs a real file), then copied in."""
    with tempfile.TemporaryDirectory(prefix="esante-export-") as folder:
        tmp = Path(folder) / "export"
        result = write(tmp)
        _copy(tmp, path)
    return result


def _copy(source: Path, path: Path) -> None:
    # O_APPEND: through /dev/stdout onto a file the shell opened, the text goes after what is
    # there (as `>>`); no O_CREAT, no O_TRUNC: nothing is created or cut.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
        mode = os.fstat(out.fileno()).st_mode
        if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or (stat.S_ISREG(mode) and os.path.abspath(path).startswith(_DESCRIPTORS))):
            raise EsanteError("ni un fichier ni un tube : esante n'y écrit pas", path=path, code=ExitCode.USAGE)
        shutil.copyfileobj(src, out, 1 << 20)
