"""Where the data files are and how one is read: the shipped data, `--data-dir`, the overlay
folders, the YAML files of a folder, and a file's text (only a regular file, size-checked,
decoded as UTF-8). Every problem is an EsanteError naming the path.

The folders are given by the caller: the CLI resolves ESANTE_DATA_DIR and ESANTE_EXTRA_DIRS
(cli/environment.py); nothing here reads the environment.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable

from esante_cli.errors import EsanteError, ExitCode, reason

MAX_FILE_BYTES = 20 * 1024 * 1024  # a data file larger than this is refused, not parsed


def shipped_data_dir() -> Path:
    """The data inside the installed package, or `data/` of a source checkout."""
    package = Path(__file__).resolve().parent.parent  # esante_cli/
    packaged = package / "data"
    if packaged.is_dir():
        return packaged
    return package.parent.parent / "data"


def _not_empty(name: str | Path, option: str) -> None:
    if isinstance(name, str) and not name.strip():
        raise EsanteError(f"{option} vide : indiquez un dossier (« . » pour le dossier courant)", code=ExitCode.USAGE)


def resolve_data_dir(data_dir: str | Path | None = None) -> Path:
    """The data folder named (`--data-dir`, else ESANTE_DATA_DIR: the CLI's Environment chooses),
    else the shipped data.

    An explicitly empty `--data-dir ''` is a usage error, not the current folder.
    """
    if data_dir is not None:
        _not_empty(data_dir, "--data-dir")
    chosen = data_dir
    if chosen is None:
        path = shipped_data_dir()
        if not path.is_dir():
            raise EsanteError("données intégrées introuvables : l'installation est incomplète", path=path)
        return path
    path = Path(chosen).expanduser()
    if not path.exists():
        raise EsanteError("dossier de données introuvable", path=path)
    if not path.is_dir():
        raise EsanteError("ce chemin est un fichier, pas un dossier de données", path=path)
    return path


def resolve_extra_dirs(extra_dirs: Iterable[str | Path] | str | Path | None = ()) -> list[Path]:
    """Overlay folders, in order (the CLI's Environment puts those of ESANTE_EXTRA_DIRS first, then
    each `--with`: both add up, an overlay adds to the data, it does not choose it).

    A folder named twice is read once, at its last place: the folder named last wins, as
    docs/own-data.md says (with ESANTE_EXTRA_DIRS=O1 and `--with O2 --with O1`, O1 is applied
    after O2).
    """
    if isinstance(extra_dirs, (str, Path)):
        extra_dirs = [extra_dirs]
    for name in extra_dirs or ():
        _not_empty(name, "--with")
    names = [str(d) for d in extra_dirs or () if d is not None]
    last: dict[Path, Path] = {}  # resolved folder -> the name given last, in the order of last mentions
    for name in names:
        path = Path(name).expanduser()
        if not path.exists():
            raise EsanteError("dossier de données supplémentaire introuvable (--with ou ESANTE_EXTRA_DIRS)", path=path)
        if not path.is_dir():
            raise EsanteError("ce chemin est un fichier, pas un dossier de données (--with ou ESANTE_EXTRA_DIRS)", path=path)
        key = path.resolve()
        last.pop(key, None)
        last[key] = path
    return list(last.values())


def data_files(directory: Path) -> list[Path]:
    """Every entry named *.yaml or *.yml, in any case (`careers.YAML` is read, like `careers.yaml`).

    Entries that are not regular files (a directory, a dangling symlink, a FIFO…) are listed
    too: reading them is a problem naming the entry (read_text), never a silent skip.
    """
    try:
        files = sorted(p for p in directory.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
    except PermissionError:
        raise EsanteError("dossier de données illisible (permissions)", path=directory) from None
    except OSError as exc:
        raise EsanteError(f"dossier illisible ({reason(exc)})", path=directory) from None
    if not files:
        raise EsanteError("aucun fichier .yaml dans ce dossier de données", path=directory)
    return files


# ---------------------------------------------------------------- reading YAML


def _not_a_file(path: Path, mode: int | None) -> EsanteError:
    """The problem with an entry named like a data file that is not a regular file."""
    if mode is None:
        what = "lien symbolique cassé (sa cible n'existe pas)" if path.is_symlink() else "entrée disparue pendant la lecture"
    elif stat.S_ISDIR(mode):
        what = "c'est un dossier, pas un fichier de données"
    elif stat.S_ISFIFO(mode):
        what = "c'est un tube nommé (FIFO), pas un fichier de données : il n'est pas lu"
    elif stat.S_ISSOCK(mode):
        what = "c'est une socket, pas un fichier de données"
    else:
        what = "ce n'est pas un fichier ordinaire (périphérique ?)"
    return EsanteError(f"{what} ; renommez-le ou retirez-le du dossier", path=path)


_parsed: dict[str, bytes] | None = None  # digests of the files read, while store.load() builds


def record_digests(into: dict[str, bytes] | None) -> None:
    """From now on, put the digest of every file read_text() reads into `into` (absolute path →
    cachekey.file_digest), or stop (None): store.load() keys a new database on the bytes parsed."""
    global _parsed
    _parsed = into


def read_text(path: Path) -> str:
    """The file's text, decoded as UTF-8 (a BOM is accepted), size-checked.

    Only a regular file is opened (checked with stat first, so that a FIFO is never opened and
    cannot hang the run, then again on the open descriptor in case the entry changed).
    """
    try:
        try:
            info = os.stat(path)
        except FileNotFoundError:
            raise _not_a_file(path, None) from None
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(path, info.st_mode)
        size = info.st_size
        if size > MAX_FILE_BYTES:
            raise EsanteError(
                f"fichier trop volumineux ({size / 1048576:.0f} Mo ; limite {MAX_FILE_BYTES // 1048576} Mo "
                "par fichier) : découpez-le en plusieurs fichiers .yaml",
                path=path,
            )
        raw = _read_regular(path)
        if _parsed is not None:  # load() keys the cache on the bytes parsed (cachekey.parsed_key)
            from esante_cli.catalog.cachekey import file_digest

            _parsed[os.path.abspath(path)] = file_digest(raw)
    except PermissionError:
        raise EsanteError("lecture refusée (permissions)", path=path) from None
    except OSError as exc:
        raise EsanteError(f"fichier illisible ({reason(exc)})", path=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise EsanteError("le fichier n'est pas encodé en UTF-8", path=path, line=line) from None


def _read_regular(path: Path) -> bytes:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise _not_a_file(path, mode)
        return fh.read(MAX_FILE_BYTES + 1)




def prebuilt_dir() -> Path:
    """Where an installed package keeps the database of its shipped data (hatch_build.py)."""
    return Path(__file__).resolve().parent.parent / "prebuilt"
