"""Check the YAML data and its overlays, and load the catalogue (from its database when it can).

The files are found and read by datafiles.py, parsed by yamlfile.py, their records checked by
checks.py (schema.py per record, integrity.py across records); problems gather in problems.py's
Problems. Loading is two-speed. The normal path reads each file record by record
(yamlfile.stream, over libyaml's C parser when present) and checks every record against the schema as it comes
(schema.py, then integrity.py for what spans records), without tracking line numbers.
Only when something is wrong is the file read a second time, with node marks, to give each
problem its line (walked record by record, composing only the records that have problems):
errors are rare, so the common path pays nothing for them.
"""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from esante_cli.catalog import datafiles
from esante_cli.catalog.datafiles import data_files, resolve_data_dir, resolve_extra_dirs, shipped_data_dir  # noqa: F401
from esante_cli.catalog.models import KIND_BY_NAME, Catalog
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.wording import count

if TYPE_CHECKING:
    from esante_cli.catalog.checks import CheckResult

MAX_PROBLEMS = 200  # `validate` stops listing after this many


def _folders(data_dir: str | Path | None, extra_dirs: Iterable[str | Path] | None) -> tuple[Path, list[Path]]:
    """The base data folder and the overlay folders, each once."""
    directory = resolve_data_dir(data_dir)
    return directory, [d for d in resolve_extra_dirs(extra_dirs) if d.resolve() != directory.resolve()]


def check(data_dir: str | Path | None = None, extra_dirs: Iterable[str | Path] | None = ()) -> CheckResult:
    """Read and validate a data folder and its overlays; return what is valid and every problem.

    The base folder is read first, then each overlay (`extra_dirs`) in order. Every folder is
    validated on its own (fields, levels, ids unique within it); an overlay record whose id
    already exists replaces that record (same kind required), other records are added.
    References and cycles are checked on the merged catalogue, so overlays may refer to shipped
    ids. Unpacks as `(catalog, problems)`; see CheckResult for the rest.
    """
    # Parsing creates millions of small containers and no reference cycle worth collecting:
    # the cyclic garbage collector would rescan them again and again (40 to 65 % of the parse
    # time, measured on 6 to 55 MB of YAML).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from esante_cli.catalog.checks import check_folders  # (a run that finds its database never checks)

        return check_folders(*_folders(data_dir, extra_dirs))
    finally:
        if was_enabled:
            gc.enable()


def load(
    data_dir: str | Path | None = None,
    extra_dirs: Iterable[str | Path] | None = (),
    cache_dir: Path | None = None,
    note: Callable[[str], None] | None = None,
) -> Catalog:
    """The validated catalogue (base data plus overlays), or EsanteError naming the first problem.

    With a `cache_dir`, the catalogue is kept in a database (engine.py) keyed on the bytes of
    every data file of the base folder and of the overlays: later runs skip YAML and validation
    until one of those files changes. The shipped data may come with its database built at
    install (prebuilt_dir). Without one (the default), it is read from YAML every time.
    `note`: where the engine tells why a cache could not be used (the CLI's --debug).
    """
    directory, overlays = _folders(data_dir, extra_dirs)
    if cache_dir is None:
        return _valid(directory, overlays)
    from esante_cli.catalog import engine

    folders = [data_files(folder) for folder in (directory, *overlays)]
    if not all(_is_regular(path) for files in folders for path in files):
        return _valid(directory, overlays)  # reports the entry; the engine would hash (open) it
    prebuilt = datafiles.prebuilt_dir() if not overlays and _same(directory, datafiles.shipped_data_dir()) else None
    digests: dict[str, bytes] = {}

    def build() -> Catalog:
        datafiles.record_digests(digests)
        try:
            return _valid(directory, overlays)
        finally:
            datafiles.record_digests(None)

    return engine.load(folders, build, cache_dir, prebuilt, note or (lambda _: None), parsed=lambda: digests)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False



def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _valid(directory: Path, overlays: list[Path]) -> Catalog:
    catalog, errors = check(directory, overlays)
    if errors:
        first = errors[0]
        if len(errors) > 1:
            first.message += f" (et {count(len(errors) - 1, 'autre problème')} : lancez « esante validate »)"
        raise first
    return catalog


__all__ = ["check", "load", "resolve_data_dir", "resolve_extra_dirs", "shipped_data_dir", "EsanteError", "ExitCode", "KIND_BY_NAME"]
