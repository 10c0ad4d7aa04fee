"""The catalogue engine: one SQLite database per version of the data, where it lives and when it
is used.

A database holds a *valid* catalogue (shipped data plus overlays) so that later runs neither
parse YAML nor validate it again, and its full-text index, so that a search over 100,000
records reads a few pages of it. The engine's rooms:

    cachekey.py    the key of a database: the data files' bytes and the code that shapes it
    codec.py       records to stored rows and back (JSON, deflated, CRC-32 per row)
    indexbuild.py  the tables (records, FTS5 index, vocabulary, codes, phrases) and build()
    database.py    an open database: what search asks (Database), records by id (Records)
    engine.py      this façade: load() a catalogue from a database or from YAML, write one
                   into a cache folder, sweep and prune that folder; database_of, index_of

Built into a temporary file of the same folder (`.catalog-KEY.PID.XXXX.tmp`, created
exclusively and recorded in digests.json), then os.replace()d into place, keyed on the bytes
the loader parsed (an edit during the build is never stored under the older bytes' key);
opened read-only (`immutable`: a database is never changed in place) by later runs. Every
failure of the cache is a slower right answer, never an error: an unwritable or full folder,
a damaged, foreign or truncated file, a FIFO, a folder or a symlink in its place, two runs
building at once (each writes its own temporary file, the last replace wins, both are equal)
or a build killed half-way (its temporary file is swept by the next build). Only files esante
recorded are removed: sealed databases (pruned past KEEP_DATABASES) and recorded temporary
files; the installed package's database is never deleted. Damage found while reading falls
back to the YAML (records) or to an in-memory database (search), with one line for `--debug`
(the `note` callback), and nothing otherwise.

Catalogues made without a file (tests, --no-cache, a broken cache) get an in-memory database
on first search (index_of).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Callable, Sequence

from esante_cli.catalog.cachekey import Digests, data_key, open_regular, parsed_key
from esante_cli.catalog.codec import gc_paused
from esante_cli.catalog.database import (APPLICATION_ID, BROKEN, FORMAT, KIND_ORDER, SEARCH_KINDS, WEIGHTS, Database, Note,
                                         Records, catalog_on, database_of, quiet, quoted)
from esante_cli.catalog.journal import alive as _alive
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog

KEEP_DATABASES = 8  # in a cache folder, the newest; older versions are removed
STALE_TEMP_SECONDS = 3600  # a temporary file this old is swept even if its pid looks alive
_SQLITE_MAGIC = b"SQLite format 3\x00"

# What the rest of the package uses of the engine (explore/search.py, explore/lexicon.py, hatch_build.py).
__all__ = ["KIND_ORDER", "SEARCH_KINDS", "WEIGHTS", "Database", "Records", "data_key", "database_of", "index_of",
           "load", "open_file", "quoted", "sweep", "write"]


def write(catalog: Catalog, folder: Path, key: str) -> Path:
    """Build the database file for `key` in `folder`, atomically; returns its path. Raises OSError
    or sqlite3.Error when the folder cannot take it (nothing is left behind then).

    The temporary file is created exclusively (a symbolic link planted under its name is never
    followed) and recorded in the folder's digests.json before the build: only recorded
    temporary files and sealed databases — files esante wrote — are ever removed (sweep, _prune).
    """
    import tempfile

    from esante_cli.catalog import indexbuild  # (a run that finds its database never builds one)

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep(folder)
    final = folder / f"catalog-{key}.sqlite"
    fd, name = tempfile.mkstemp(prefix=f".catalog-{key}.{os.getpid()}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    created = os.lstat(tmp)
    memo = Digests(folder)
    memo.known["tmp|" + os.path.abspath(tmp)] = f"{os.getpid()}|{created.st_dev}|{created.st_ino}"
    memo.changed = True
    memo.save()
    try:
        with gc_paused():
            indexbuild.build(catalog, str(tmp), key).close()
        os.replace(tmp, final)
        memo = Digests(folder)
        memo.seal(final)
        memo.known.pop("tmp|" + os.path.abspath(tmp), None)
        memo.save()
    finally:
        _remove_if_same(tmp, created)
    _prune(folder, final)
    return final


def _remove_if_same(path: Path, before: os.stat_result) -> bool:
    """Remove `path` if it is still the entry that was created (same device and inode)."""
    try:
        now = os.lstat(path)
        if (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino):
            path.unlink()
            return True
    except OSError:
        pass
    return False


def sweep(folder: Path) -> None:
    """Remove the temporary files that killed builds left: those recorded in digests.json whose
    process is gone (or that are old), if they are still the files that were created."""
    memo = Digests(folder)
    now = time.time()
    for name, value in list(memo.known.items()):
        if not name.startswith("tmp|"):
            continue
        path = Path(name[4:])
        try:
            pid, dev, ino = (int(part) for part in value.split("|"))
            st = os.lstat(path)
        except (ValueError, OSError):
            memo.known.pop(name)  # gone already (or a record this version cannot read)
            memo.changed = True
            continue
        if _alive(pid) and now - st.st_mtime <= STALE_TEMP_SECONDS:
            continue
        if (st.st_dev, st.st_ino) == (dev, ino) and stat.S_ISREG(st.st_mode):
            try:
                path.unlink()
            except OSError:
                continue
        memo.known.pop(name)
        memo.changed = True
    memo.save()


def _prune(folder: Path, keep: Path) -> None:
    """Keep the KEEP_DATABASES newest databases esante wrote in a folder (older data versions
    go). A database is esante's when digests.json sealed it as written: a file of the same name
    that someone else put there, or changed since, is left alone."""
    memo = Digests(folder)
    try:
        found = []
        for path in folder.glob("catalog-*.sqlite"):
            st = os.lstat(path)
            if memo.sealed(path, st):
                found.append((st.st_mtime, path))
        found.sort(reverse=True)
        for _, path in found[KEEP_DATABASES:]:
            if path != keep:
                path.unlink()
    except OSError:
        pass



def open_file(path: Path, key: str, memo: Digests | None = None) -> sqlite3.Connection | None:
    """The database at `path` if it is ours, for this key, and readable; None otherwise.
    With `memo`, only if it is the file as it was written (its stat is the one sealed)."""
    try:
        with open_regular(path) as fh:
            if memo is not None and not memo.sealed(path, os.fstat(fh.fileno())):
                return None
            if fh.read(16) != _SQLITE_MAGIC:
                return None
    except OSError:
        return None
    try:
        uri = Path(path).resolve().as_uri() + "?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        ok = (
            conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
            and conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT
            and conn.execute("SELECT value FROM meta WHERE key = 'key'").fetchone() == (key,)
        )
    except BROKEN:
        ok = False
    if not ok:
        conn.close()
        return None
    return conn



def load(
    folders: Sequence[Sequence[Path]],
    build_catalog: Callable[[], Catalog],
    cache_dir: Path | None,
    prebuilt: Path | None = None,
    note: Note = quiet,
    parsed: Callable[[], Mapping[str, bytes]] | None = None,
) -> Catalog:
    """The catalogue of these data files (files per folder, base first).

    From `prebuilt` (a folder of databases built at install) or `cache_dir` when a database
    for their key is there; else `build_catalog()` (YAML + validation, raising EsanteError on
    invalid data: nothing is written then), written to `cache_dir` when it can be.
    `cache_dir` None: no database file at all (the catalogue stays in memory).
    `parsed()`: the digests of the bytes `build_catalog()` parsed (store.py records them): a new
    database is stored under their key, so that a file edited during the build is never served
    under the key of its older bytes.

    A database of `prebuilt` (the installed package) is never deleted: if it is damaged, the
    catalogue is rebuilt from YAML and written to `cache_dir`, where later runs look first.
    """
    if cache_dir is None:
        return build_catalog()
    memo = Digests(cache_dir)
    try:
        key = data_key(folders, memo)
    except OSError:
        return build_catalog()  # a file vanished or is unreadable: let the loader report it
    name = f"catalog-{key}.sqlite"

    def rebuilt_and_cached() -> Catalog:
        """The prebuilt database is damaged: YAML, and a database in the user cache instead."""
        catalog = build_catalog()
        try:
            write(catalog, cache_dir, key)
        except (OSError, sqlite3.Error):
            pass
        return catalog

    for folder in (cache_dir, prebuilt):
        if folder is None:
            continue
        owned = folder == cache_dir
        conn = open_file(folder / name, key, memo if owned else None)
        if conn is not None:
            try:
                catalog = catalog_on(conn, folder / name, build_catalog if owned else rebuilt_and_cached, note, _reindex)
                catalog.records.db.owned = owned  # type: ignore[attr-defined]
                return catalog
            except BROKEN as exc:
                conn.close()
                note(f"base du catalogue illisible ({folder / name} : {exc})")
                note = quiet
    catalog = build_catalog()
    if parsed is not None:
        key = parsed_key(folders, parsed()) or ""
        if not key:
            note("fichiers de données changés pendant la lecture : réponse sans cache")
            return catalog
    try:
        path = write(catalog, cache_dir, key)
        conn = open_file(path, key, Digests(cache_dir))
    except (OSError, sqlite3.Error) as exc:
        note(f"cache du catalogue impossible à écrire dans {cache_dir} ({exc}) : réponse sans cache")
        return catalog
    if conn is None:
        return catalog
    return catalog_on(conn, path, build_catalog, note, _reindex, loaded=catalog)


def _in_memory(catalog: Catalog) -> Database:
    with gc_paused():
        return Database(_reindex(catalog), None)


def _reindex(catalog: Catalog) -> sqlite3.Connection:
    """An in-memory index of a catalogue (what a damaged database falls back to)."""
    from esante_cli.catalog import indexbuild

    return indexbuild.build(catalog, ":memory:", "memory")


_in_memory_of = PerCatalog(_in_memory)


def index_of(catalog: Catalog) -> Database:
    """The database that answers searches over `catalog`: its own file, else one built in
    memory on first use and kept while the catalogue is in use (the last few catalogues)."""
    records = catalog.records
    if isinstance(records, Records):
        return records.db
    return _in_memory_of(catalog)
