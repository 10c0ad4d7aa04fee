"""A cache of the validated catalogue, so that only the first run pays for YAML and validation.

What is cached: the records of a *valid* data folder, after store.check, as JSON (never pickle):
one file per data folder in the user's cache folder (ESANTE_CACHE_DIR, else
$XDG_CACHE_HOME/esante, else ~/.cache/esante). Invalid data is never cached, so its problems are
always reported with their lines.

When it is used: the key is a fingerprint of every data file (path, size, mtime_ns) and of the
code that reads them (store, models, this module), plus the package version. Any edit, added or
removed file changes it. Files modified in the last two seconds are too fresh to trust their
mtime (a second edit in the same clock tick would not show), so a folder holding one is not
written to the cache (it is read from YAML as usual; the next run caches it).

File layout, UTF-8 text, one JSON document per line:
    1. header: format, schema, fingerprint, record count, byte size and CRC-32 of what follows
    2. index: record ids in data order, then the byte offset of each record line
    3… one record per line: [kind, field values in model order]
A wrong size (truncated), a wrong CRC (corrupted), a bad header or a different fingerprint is a
miss: the catalogue is rebuilt from YAML and the file rewritten, silently. A cache folder that
cannot be created or written means no cache, silently.

Records are decoded when first used, not at load: a search over 100,000 records reads the file
once and builds only the records it shows. `memo()` keeps data derived from the catalogue (a
search index, say) under the same fingerprint.

--no-cache (cli.app) and ESANTE_NO_CACHE=1 bypass it entirely.
"""

from __future__ import annotations

import gc
import json
import os
import time
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

from esante_cli import __version__
from esante_cli.models import RECORD_TYPES, Catalog, Duration, JobTitle, Record, Salary

SCHEMA = 1
FORMAT = "esante-cache"
ENV_CACHE_DIR = "ESANTE_CACHE_DIR"
ENV_NO_CACHE = "ESANTE_NO_CACHE"
RACY_SECONDS = 2.0  # a file modified this recently is not cached (its mtime may not change on the next edit)

_flag_disabled = False  # set by the CLI's --no-cache


def set_disabled(disabled: bool) -> None:
    """The CLI's --no-cache; called on every invocation."""
    global _flag_disabled
    _flag_disabled = disabled


def enabled() -> bool:
    return not _flag_disabled and os.environ.get(ENV_NO_CACHE, "") in ("", "0")


def cache_dir() -> Path:
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "esante"


# ---------------------------------------------------------------- the entry point


def load(files: Sequence[Path], build: Callable[[], Catalog]) -> Catalog:
    """The catalogue of these data files: from the cache when it is current, else `build()` and cache it.

    `build` raises EsanteError on invalid data; nothing is cached then.
    """
    if not enabled():
        return build()
    try:
        fingerprint, racy = _fingerprint(files)
    except OSError:
        return build()  # a file vanished while listing: let the loader report it
    path = cache_dir() / f"{_folder_key(files)}.json"
    catalog = _read(path, fingerprint)
    if catalog is not None:
        return catalog
    catalog = build()
    if not racy:
        with _gc_paused():
            written = _write(path, fingerprint, catalog)
        if written is not None:
            return Catalog(_Records(list(catalog.records), dict(catalog.records), origin=written))
    return catalog


def memo(catalog: Catalog, name: str, build: Callable[[], Any]) -> Any:
    """Data derived from `catalog` (JSON-able), kept beside its cache under the same fingerprint.

    Without a cache (disabled, unwritable, fresh files), this is just `build()`.
    """
    origin = getattr(catalog.records, "origin", None)
    if origin is None or not enabled():
        return build()
    path = origin[0].with_name(f"{origin[0].stem}.{_safe_name(name)}.json")
    try:
        with path.open("rb") as fh:
            header = json.loads(fh.readline())
            body = fh.read()
        if _header_ok(header, origin[1], body):
            return json.loads(body)
    except (OSError, ValueError, TypeError, KeyError):
        pass
    data = build()
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
        _atomic_write(path, _header(origin[1], 0, body) + body)
    except (OSError, ValueError, TypeError):
        pass
    return data


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Decoding or building thousands of records makes the cyclic GC rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- fingerprint


def _code_files() -> list[Path]:
    from esante_cli import store

    here = Path(__file__).resolve().parent
    return [Path(store.__file__), here / "models.py", Path(__file__)]


def _fingerprint(files: Sequence[Path]) -> tuple[list[Any], bool]:
    """[version, schema, [path, size, mtime_ns]…] and whether some data file is too fresh to cache."""
    now = time.time_ns()
    racy = False
    entries: list[Any] = [__version__, SCHEMA]
    for path in files:
        st = os.stat(path)
        entries.append([str(Path(path).resolve()), st.st_size, st.st_mtime_ns])
        if st.st_mtime_ns > now - RACY_SECONDS * 1e9:
            racy = True
    for path in _code_files():
        try:
            st = os.stat(path)
            entries.append([path.name, st.st_size, st.st_mtime_ns])
        except OSError:
            entries.append([path.name, None, None])
    return entries, racy


def _folder_key(files: Sequence[Path]) -> str:
    """A file name per set of data folders (the fingerprint inside tells whether it is current)."""
    folders = list(dict.fromkeys(str(Path(p).resolve().parent) for p in files))
    raw = "\n".join(folders).encode("utf-8", "surrogateescape")
    return f"catalog-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]


# ---------------------------------------------------------------- reading


def _header(fingerprint: list[Any], count: int, body: bytes) -> bytes:
    header = {
        "format": FORMAT,
        "schema": SCHEMA,
        "fingerprint": fingerprint,
        "count": count,
        "size": len(body),
        "crc32": zlib.crc32(body),
    }
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _header_ok(header: Any, fingerprint: list[Any], body: bytes) -> bool:
    return (
        isinstance(header, dict)
        and header.get("format") == FORMAT
        and header.get("schema") == SCHEMA
        and header.get("fingerprint") == fingerprint
        and header.get("size") == len(body)
        and header.get("crc32") == zlib.crc32(body)
    )


def _read(path: Path, fingerprint: list[Any]) -> Catalog | None:
    """The cached catalogue, or None for any kind of miss (absent, stale, truncated, corrupted)."""
    try:
        with path.open("rb") as fh:
            header = json.loads(fh.readline())
            if not isinstance(header, dict) or header.get("fingerprint") != fingerprint:
                return None  # stale: do not read the rest
            body = fh.read()
        if not _header_ok(header, fingerprint, body):
            return None
        end = body.index(b"\n") + 1
        ids, offsets = json.loads(body[:end])
        if len(ids) != header["count"] or len(offsets) != len(ids) + 1 or offsets[-1] != len(body):
            return None
        if offsets and offsets[0] != end:
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return Catalog(_Records(ids, {}, body, offsets, origin=(path, fingerprint)))


# ---------------------------------------------------------------- writing


def _write(path: Path, fingerprint: list[Any], catalog: Catalog) -> tuple[Path, list[Any]] | None:
    """Write the cache file; its (path, fingerprint) origin, or None when it cannot be written."""
    try:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
        lines = [encode(_encode(record)).encode("utf-8") + b"\n" for record in catalog.records.values()]
        ids = list(catalog.records)
        # The index line holds the offsets of the lines after it, so its own length must be known
        # first: offsets relative to the record lines, then shifted by the index line's length.
        relative = [0]
        for line in lines:
            relative.append(relative[-1] + len(line))
        index_len = 0
        while True:
            index = encode([ids, [index_len + r for r in relative]]).encode("utf-8") + b"\n"
            if len(index) == index_len:
                break
            index_len = len(index)
        body = index + b"".join(lines)
        _atomic_write(path, _header(fingerprint, len(ids), body) + body)
    except (OSError, ValueError, TypeError, UnicodeError):
        return None
    return path, fingerprint


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# ---------------------------------------------------------------- records <-> JSON


def _encode(record: Record) -> list[Any]:
    """[kind, field values in model order]; tuples stay arrays, nested records become arrays."""
    out: list[Any] = [record.kind]
    out += map(record.__getattribute__, _field_names(type(record)))
    for i, value in enumerate(out):
        if isinstance(value, (Salary, Duration)):
            out[i] = [value.min, value.max, value.basis, value.note] if isinstance(value, Salary) else [value.value, value.unit]
        elif value and isinstance(value, tuple) and isinstance(value[0], JobTitle):
            out[i] = [[j.title, j.career] for j in value]
    return out


_FIELDS: dict[type, tuple[str, ...]] = {}
_BUILDERS: dict[str, tuple[type, tuple[Callable[[Any], Any], ...]]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        from dataclasses import fields

        names = _FIELDS[cls] = tuple(f.name for f in fields(cls))
    return names


# How a JSON list turns back into a field value: nested values by field name, else a tuple.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "salary": lambda v: Salary(*v),
    "duration": lambda v: Duration(*v),
    "job_titles": lambda v: tuple(JobTitle(*j) for j in v),
}


def _builder(kind: str) -> tuple[type, tuple[Callable[[Any], Any], ...]]:
    built = _BUILDERS.get(kind)
    if built is None:
        cls = next(c for c in RECORD_TYPES.values() if c.kind == kind)
        built = _BUILDERS[kind] = (cls, tuple(_CONVERT.get(name, tuple) for name in _field_names(cls)))
    return built


def _build(kind: str, *values: Any) -> Record:
    cls, converters = _builder(kind)
    return cls(*[c(v) if v.__class__ is list else v for c, v in zip(converters, values)])


class _Records(Mapping[str, Record]):
    """Records by id, in data order, decoded from the cache file on first use."""

    def __init__(
        self,
        ids: list[str],
        done: dict[str, Record],
        body: bytes = b"",
        offsets: list[int] | None = None,
        origin: tuple[Path, list[Any]] | None = None,
    ) -> None:
        self._ids = ids
        self._done = done  # records built so far
        self._body = body
        self._offsets = offsets
        self._position = {record_id: i for i, record_id in enumerate(ids)} if offsets is not None else None
        self.origin = origin  # (cache file, fingerprint), for memo()

    def __getitem__(self, record_id: str) -> Record:
        record = self._done.get(record_id)
        if record is None:
            if self._position is None:
                raise KeyError(record_id)
            i = self._position[record_id]
            record = self._done[record_id] = _build(*json.loads(self._body[self._offsets[i] : self._offsets[i + 1]]))
        return record

    def values(self) -> Any:  # every record, in data order: decoded in one pass
        if len(self._done) < len(self._ids):
            from json.scanner import make_scanner

            scan = make_scanner(json.JSONDecoder())  # json.loads without its per-call overhead
            body, offsets, done = self._body, self._offsets, self._done
            with _gc_paused():
                self._done = {
                    record_id: done.get(record_id) or _build(*scan(body[offsets[i] : offsets[i + 1]].decode(), 0)[0])
                    for i, record_id in enumerate(self._ids)
                }
        return self._done.values()

    def items(self) -> Any:
        self.values()
        return self._done.items()

    def __contains__(self, record_id: object) -> bool:
        if self._position is None:
            return record_id in self._done
        return record_id in self._position

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"<{len(self)} cached records>"
