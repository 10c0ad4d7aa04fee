"""A cache of the validated catalogue, so that only the first run pays for YAML and validation.

What is cached: the records of a *valid* data folder, after store.check, as JSON (never pickle),
one file per data folder in the user's cache folder (ESANTE_CACHE_DIR, else
$XDG_CACHE_HOME/esante, else ~/.cache/esante). Invalid data is never cached, so its problems are
always reported with their lines.

When it is used: the key is a fingerprint of every data file (path, size, mtime_ns) and of the
code that reads them (store, models, this module), plus the package version. Any edit, added or
removed file changes it. A file modified in the last two seconds is too fresh to trust its mtime
(a second edit within the same clock tick would not show), so a folder holding one is read from
YAML as usual but not written to the cache; the next run caches it.

File layout: UTF-8 text, one JSON document per line.
    1. header: format, schema, fingerprint, record count, size and CRC-32 of line 2 and of the rest
    2. index: [[id, offset of its line], …] in data order
    3… one record per line: [CRC-32 of the rest of the line, kind, field values in model order]
Loading reads the header only and checks the file's size (truncation). A lookup by id finds it
in the index and reads that one line, checking its CRC; iterating reads every line, checking
one CRC for all. A search that shows ten records out of 100,000 builds ten.
A bad header or CRC, a wrong size or a different fingerprint is a miss: the catalogue is rebuilt
from YAML and the file rewritten, silently, even when the damage is found after loading. A cache
folder that cannot be created or written means no cache.

`memo()` keeps data derived from the catalogue under the same fingerprint; `memo_rows()` does
the same for data read one row at a time (the search index, see rows.py).
--no-cache (cli.app) and ESANTE_NO_CACHE=1 bypass the cache entirely.
"""

from __future__ import annotations

import gc
import json
import os
import re
import sys
import time
import weakref
import zlib
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterator, Sequence

from esante_cli import __version__
from esante_cli.catalog.models import RECORD_TYPES, Catalog, Duration, JobTitle, Record, Salary, Source, field_names

SCHEMA = 3  # 3: the header holds the sources registry
FORMAT = "esante-cache"
ENV_CACHE_DIR = "ESANTE_CACHE_DIR"
ENV_NO_CACHE = "ESANTE_NO_CACHE"
RACY_SECONDS = 2  # a data file modified this recently is not cached (see above)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # the ids store.check accepts

_flag_disabled = False  # the CLI's --no-cache


def set_disabled(disabled: bool) -> None:
    """The CLI's --no-cache; set on every invocation."""
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


class _Damaged(Exception):
    """The cache file is not what its header says."""


# What reading a damaged file can raise (StopIteration: json's scanner on a line that is not JSON).
_BROKEN = (_Damaged, OSError, ValueError, TypeError, KeyError, StopIteration)
_HEADER_INTS = ("count", "index_size", "index_crc32", "records_size", "records_crc32")


# ---------------------------------------------------------------- entry points


def load(files: Sequence[Path], build: Callable[[], Catalog]) -> Catalog:
    """The catalogue of these data files: from the cache when it is current, else `build()`, cached.

    `build` raises EsanteError on invalid data; nothing is cached then.
    """
    if not enabled():
        return build()
    try:
        fingerprint, racy = _fingerprint(files)
    except OSError:
        return build()  # a file vanished while listing: let the loader report it
    path = cache_dir() / f"{_folder_key(files)}.json"
    opened = _open(path, fingerprint, build)
    if opened is None:
        catalog = build()
        records = _Records.built(catalog, path, fingerprint, write=not racy)
        return Catalog(records, catalog.sources)  # type: ignore[arg-type]
    records, sources = opened
    return Catalog(records, sources)  # type: ignore[arg-type]


def memo(catalog: Catalog, name: str, build: Callable[[], Any]) -> Any:
    """Data derived from `catalog`, kept beside its cache file under the same fingerprint, so that
    it is computed once per version of the data: `memo(catalog, "skill-names-1", build_names)`.
    (The search index, too large to load whole, uses memo_rows.)

    `build()` returns plain JSON data; from the cache it comes back as JSON gives it (lists, not
    tuples). Put a version in `name` when the shape changes. Without a cache (disabled,
    unwritable, fresh files), this is just `build()`.
    """
    records = catalog.records
    if not isinstance(records, _Records) or records.fingerprint is None or not enabled():
        return build()
    path = records.path.with_name(f"{records.path.stem}.{_safe_name(name)}.json")
    try:
        with path.open("rb") as fh:
            header = json.loads(fh.readline())
            body = fh.read()
        if _is_header(header, records.fingerprint) and header["size"] == len(body) and header["crc32"] == zlib.crc32(body):
            return json.loads(body)
    except (OSError, ValueError, TypeError, KeyError):
        pass
    data = build()
    try:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8") + b"\n"
        _atomic_write(path, _header_line(records.fingerprint, size=len(body), crc32=zlib.crc32(body)) + body)
    except (OSError, ValueError, TypeError):
        pass
    return data


def memo_rows(catalog: Catalog, name: str, build: Callable[[Callable[[Any], None]], Any], stamp: Any = None) -> Any:
    """memo() for derived data too large to load whole: `build(add)` calls `add(row)` for rows 0,
    1, 2… (plain JSON values, written out as they come, never all held) and returns the head
    (a JSON value). The result (rows.Rows) has `.head` and `result[i]`, each row read from the
    file only when asked for (see rows.py). `stamp` (JSON) is kept in the file and must match
    too: a fingerprint of the code that derives the data, say. A row found damaged later is
    rebuilt with the rest, silently. Without a cache, the rows are built in memory. Builds run
    with the garbage collector paused (they make millions of small objects and no cycles).
    """
    from esante_cli.catalog import rows

    def in_memory() -> rows.Rows:
        body: list[Any] = []
        with _gc_paused():
            head = build(body.append)
        return rows.Rows(head, body)

    records = catalog.records
    if not isinstance(records, _Records) or records.fingerprint is None or not enabled():
        return in_memory()
    path = records.path.with_name(f"{records.path.stem}.{_safe_name(name)}.json")
    wanted = {"schema": SCHEMA, "fingerprint": records.fingerprint, "stamp": stamp}

    def rebuild() -> rows.Rows:
        try:
            writer = rows.Writer(path, wanted)
        except OSError:
            return in_memory()
        try:
            with _gc_paused():
                head = build(writer.add)
            writer.finish(head)
        except (OSError, ValueError, TypeError):
            return in_memory()  # not writable after all: this run keeps it in memory
        finally:
            writer.discard()
        return rows.open_rows(path, wanted, repair=lambda: _head_and(in_memory())) or in_memory()

    return rows.open_rows(path, wanted, repair=lambda: _head_and(rebuild())) or rebuild()


def _head_and(table: Any) -> tuple[Any, Any]:
    return table.head, table


# ---------------------------------------------------------------- fingerprint and names


def _code_files() -> list[Path]:
    here = Path(__file__).resolve().parent
    return [here / name for name in ("store.py", "schema.py", "integrity.py", "models.py", "cache.py")]


def _fingerprint(files: Sequence[Path]) -> tuple[list[Any], bool]:
    """[version, schema, [path, size, mtime_ns]…] and whether a data file is too fresh to cache."""
    fresh_after = time.time_ns() - RACY_SECONDS * 1_000_000_000
    racy = False
    entries: list[Any] = [__version__, SCHEMA]
    for path in files:
        st = os.stat(path)
        entries.append([os.path.abspath(path), st.st_size, st.st_mtime_ns])
        racy = racy or st.st_mtime_ns > fresh_after
    for path in _code_files():
        try:
            st = os.stat(path)
            entries.append([path.name, st.st_size, st.st_mtime_ns])
        except OSError:
            entries.append([path.name, None, None])
    return entries, racy


def _folder_key(files: Sequence[Path]) -> str:
    """One cache file per set of data folders (the fingerprint inside tells whether it is current)."""
    folders = list(dict.fromkeys(os.path.dirname(os.path.abspath(p)) for p in files))
    raw = "\n".join(folders).encode("utf-8", "surrogateescape")
    return f"catalog-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:60]


# ---------------------------------------------------------------- file format


def _header_line(fingerprint: list[Any], **fields: Any) -> bytes:
    header = {"format": FORMAT, "schema": SCHEMA, "fingerprint": fingerprint, **fields}
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _is_header(header: Any, fingerprint: list[Any]) -> bool:
    return (
        isinstance(header, dict)
        and header.get("format") == FORMAT
        and header.get("schema") == SCHEMA
        and header.get("fingerprint") == fingerprint
    )


def _open(path: Path, fingerprint: list[Any], build: Callable[[], Catalog]) -> tuple[_Records, tuple[Source, ...]] | None:
    """The cached records and sources, reading only the header; None when absent, stale or visibly damaged."""
    try:
        fh = path.open("rb")
    except OSError:
        return None
    try:
        header = json.loads(fh.readline())
        if not _is_header(header, fingerprint) or any(type(header.get(k)) is not int for k in _HEADER_INTS):
            raise _Damaged  # stale, or not a header of this format
        header["records_start"] = fh.tell() + header["index_size"]
        if os.fstat(fh.fileno()).st_size != header["records_start"] + header["records_size"]:
            raise _Damaged  # truncated, or grown
        if not isinstance(header.get("sources"), list):
            raise _Damaged
        sources = tuple(Source(*fields) for fields in header["sources"])
        records = _Records(fh, header, build, path, fingerprint)
    except _BROKEN:
        fh.close()
        return None
    return records, sources


def _write(path: Path, fingerprint: list[Any], records: Mapping[str, Record], sources: Sequence[Source] = ()) -> bool:
    """Write the cache file atomically; False when it cannot be written (then there is no cache)."""
    try:
        with _gc_paused():
            encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode
            lines = []
            for record in records.values():
                rest = encode(_encode(record))[1:].encode("utf-8")  # `"kind",…]`
                lines.append(b"[%d,%s\n" % (zlib.crc32(rest), rest))
        pairs, offset = [], 0  # [id, offset of its line from the first record line]
        for record_id, line in zip(records, lines):
            pairs.append([record_id, offset])
            offset += len(line)
        index = encode(pairs).encode("utf-8") + b"\n"
        body = b"".join(lines)
        header = _header_line(
            fingerprint, count=len(lines), index_size=len(index), index_crc32=zlib.crc32(index),
            records_size=len(body), records_crc32=zlib.crc32(body),
            sources=[list(s._get(s)) for s in sources],
        )
        _atomic_write(path, header + index + body)
    except (OSError, ValueError, TypeError, UnicodeError):
        return False
    return True


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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building thousands of records makes the cyclic GC rescan them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- records <-> JSON


_BUILDERS: dict[str, tuple[type, tuple[Callable[[Any], Any], ...]]] = {}


def _encode(record: Record) -> list[Any]:
    """[kind, field values in model order]; tuples stay arrays, nested values become arrays."""
    out: list[Any] = [record.kind]
    out += map(record.__getattribute__, field_names(type(record)))
    for i, value in enumerate(out):
        if isinstance(value, Salary):
            out[i] = [value.min, value.max, value.basis, value.note]
        elif isinstance(value, Duration):
            out[i] = [value.value, value.unit]
        elif value and isinstance(value, tuple) and isinstance(value[0], JobTitle):
            out[i] = [[j.title, j.career] for j in value]
    return out


# How a JSON array turns back into a field value: nested values by field name, else a tuple.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "salary": lambda v: Salary(*v),
    "duration": lambda v: Duration(*v),
    "job_titles": lambda v: tuple(JobTitle(*j) for j in v),
}


def _build(crc: int, kind: str, *values: Any) -> Record:
    """A record from its line's JSON array (the CRC was checked by the caller)."""
    built = _BUILDERS.get(kind)
    if built is None:
        cls = next((c for c in RECORD_TYPES.values() if c.kind == kind), None)
        if cls is None:
            raise _Damaged
        built = _BUILDERS[kind] = (cls, tuple(_CONVERT.get(name, _strings) for name in field_names(cls)))
    cls, converters = built
    return cls(*[c(v) if v.__class__ is list else v for c, v in zip(converters, values)])


def _strings(v: list[str]) -> tuple[str, ...]:
    """Ids, sources, modes… recur thousands of times: one string object each (-20 % memory on 100,000 records)."""
    return tuple(map(sys.intern, v))


def _decode(line: bytes) -> Record:
    """One record line, its CRC checked."""
    comma = line.find(b",")
    if comma < 2 or line[-1:] != b"\n" or line[1:comma] != b"%d" % zlib.crc32(line[comma + 1 : -1]):
        raise _Damaged
    return _build(*json.loads(line))


# ---------------------------------------------------------------- the lazy mapping


class _Records(Mapping):  # Mapping[str, Record]
    """Records by id, in data order, read from the cache file when first used.

    One lookup by id finds the id in the raw index line (ids are slugs, so `["id",` occurs only
    where that entry starts) instead of decoding the whole index: a search that shows ten
    records out of 100,000 decodes ten. Iterating decodes the index and then every record.

    Damage found on the way (a bad index or record line) is repaired silently: the catalogue is
    rebuilt from YAML, the cache file rewritten, and this mapping carries on with the result.
    """

    def __init__(self, fh: BinaryIO | None, header: dict[str, Any], build: Callable[[], Catalog] | None,
                 path: Path, fingerprint: list[Any] | None) -> None:
        self._fh = fh  # kept open: a cache rewritten meanwhile by another run does not move under us
        self._header = header
        self._build = build
        self.path = path
        self.fingerprint = fingerprint  # None when these records are not in a cache file
        self._raw_index: bytes | None = None
        self._ids: list[str] | None = None  # data order, once the index is decoded
        self._starts: dict[str, int] = {}  # record line offsets, by id
        self._done: dict[str, Record] = {}  # records built so far
        if fh is not None:
            weakref.finalize(self, fh.close)

    @classmethod
    def built(cls, catalog: Catalog, path: Path, fingerprint: list[Any], write: bool) -> _Records:
        """Records just built from YAML, written to the cache when allowed."""
        written = write and _write(path, fingerprint, catalog.records, catalog.sources)
        records = cls(None, {}, None, path, fingerprint if written else None)
        records._adopt(catalog.records)
        return records

    def _adopt(self, records: Mapping[str, Record]) -> None:
        self._done = dict(records.items())
        self._ids = list(self._done)
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _repair(self) -> None:
        """The file is damaged: rebuild from YAML (this raises if the data became invalid)."""
        assert self._build is not None
        rebuilt = _Records.built(self._build(), self.path, self.fingerprint or [], write=True)
        self._adopt(rebuilt)
        self.fingerprint = rebuilt.fingerprint

    def _index(self) -> bytes:
        if self._raw_index is None:
            assert self._fh is not None
            self._fh.seek(self._header["records_start"] - self._header["index_size"])
            raw = self._fh.read(self._header["index_size"])
            if zlib.crc32(raw) != self._header["index_crc32"]:
                raise _Damaged
            self._raw_index = raw
        return self._raw_index

    def _ids_in_order(self) -> list[str]:
        if self._ids is None:
            try:
                pairs = json.loads(self._index())
                if len(pairs) != self._header["count"]:
                    raise _Damaged
                start = self._header["records_start"]
                self._starts = {record_id: start + offset for record_id, offset in pairs}
                self._ids = [pair[0] for pair in pairs]
            except _BROKEN:
                self._repair()
        assert self._ids is not None
        return self._ids

    def _start(self, record_id: str) -> int | None:
        """Where the record's line starts in the file, or None when there is no such id."""
        start = self._starts.get(record_id)
        if start is None and self._ids is None and _SLUG.match(record_id):
            index = self._index()
            at = index.find(b'["%s",' % record_id.encode("ascii"))
            if at >= 0:
                digits = index[at + len(record_id) + 4 : index.index(b"]", at)]
                start = self._starts[record_id] = self._header["records_start"] + int(digits)
        return start

    def _line(self, start: int) -> bytes:
        assert self._fh is not None
        self._fh.seek(start)
        return self._fh.readline()

    def __getitem__(self, record_id: str) -> Record:
        record = self._done.get(record_id)
        if record is None:
            if self._fh is None or not isinstance(record_id, str):
                raise KeyError(record_id)
            try:
                start = self._start(record_id)
                record = None if start is None else _decode(self._line(start))
                if record is not None and record.id != record_id:
                    raise _Damaged
            except _BROKEN:
                self._repair()
                return self._done[record_id]
            if record is None:
                raise KeyError(record_id)
            self._done[record_id] = record
        return record

    def __contains__(self, record_id: object) -> bool:
        if record_id in self._done:
            return True
        try:
            return isinstance(record_id, str) and self._fh is not None and self._start(record_id) is not None
        except _BROKEN:
            self._repair()
            return record_id in self._done

    def values(self) -> Any:
        """Every record, in data order, read in one pass."""
        ids = self._ids_in_order()
        if len(self._done) < len(ids):
            try:
                from json.scanner import make_scanner

                scan = make_scanner(json.JSONDecoder())  # json.loads without its per-call overhead
                fh = self._fh
                assert fh is not None
                fh.seek(self._header["records_start"])
                done, built, crc = self._done, {}, 0
                with _gc_paused():
                    for record_id in ids:  # line by line: the file is never held whole in memory
                        line = fh.readline()
                        crc = zlib.crc32(line, crc)  # one check for all lines, at the end
                        record = done.get(record_id) or _build(*scan(line.decode(), 0)[0])
                        if record.id != record_id:
                            raise _Damaged
                        built[record_id] = record
                if crc != self._header["records_crc32"]:
                    raise _Damaged
                self._adopt(built)
            except _BROKEN:
                self._repair()
        return self._done.values()

    def items(self) -> Any:
        self.values()
        return self._done.items()

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids_in_order())

    def __len__(self) -> int:
        return len(self._ids) if self._ids is not None else self._header["count"]

    def __repr__(self) -> str:
        return f"<{len(self)} records, {len(self._done)} built>"
