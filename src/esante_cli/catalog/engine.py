"""The catalogue engine: one SQLite database per version of the data.

A database holds a *valid* catalogue (shipped data plus overlays) so that later runs neither
parse YAML nor validate it again, and its full-text index, so that a search over 100,000
records reads a few pages of it:

    meta     key/value: the data key, the record count, field labels, other Catalog fields,
             the query lexicon's longest phrase and places
    records  the validated records, in data order: id, kind, field values as JSON (never pickle)
    docs     one row per searchable record: its record, kind, folded name and searchable
             fields [label, weight, text, terms, extra terms] (catalog/fields.py, terms.py)
    fts      FTS5 over the same terms, one column per field weight (bm25 weights them), a
             prefix index for 4-letter prefixes; tokenizer unicode61 remove_diacritics 2
    vocab    every indexed term with its length, for exact and prefix lookups
    vocab_lengths  the same terms, one row per length (newline-separated): what typo
             correction reads, a few rows instead of tens of thousands at 100,000 records
    keys     exact lookups: "c" + compact code (ROME, ONISEP), "i" + id
    phrases  the query lexicon (explore/lexicon.py): a phrase's words → its meanings (JSON)

Keyed on content: blake2b over the data files' names and bytes, folder by folder, and over
the source of the modules that shape the database (code_digest). Any edit is seen. Big files
(≥ 1 MiB) have their digest remembered beside the databases under their full stat (device,
inode, size, mtime and ctime in ns), and only when both times are older than two seconds:
an edit changes the ctime, which no user can set back.

Built into a temporary file of the same folder (`.catalog-KEY.PID.XXXX.tmp`, created
exclusively and recorded in digests.json), then os.replace()d into place, keyed on the bytes
the loader parsed (an edit during the build is never stored under the older bytes' key); opened read-only (`immutable`: a database is never changed in place) by later
runs. Every failure of the cache is a slower right answer, never an error: an unwritable or
full folder, a damaged, foreign or truncated file, a FIFO, a folder or a symlink in its place,
two runs building at once (each writes its own temporary file, the last replace wins, both
are equal) or a build killed half-way (its temporary file is swept by the next build). Only
files esante recorded are removed: sealed databases (pruned past KEEP_DATABASES) and recorded
temporary files; the installed package's database is never deleted. Damage
found while reading falls back to the YAML (records) or to an in-memory database (search),
with one line for `--debug` (the `note` callback), and nothing otherwise.

Catalogues made without a file (tests, --no-cache, a broken cache) get an in-memory database
on first search (index_of).
"""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from esante_cli import __version__
from esante_cli.catalog import models
from esante_cli.catalog.journal import alive as _alive
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog, Frozen, Record, field_names

FORMAT = 1
APPLICATION_ID = 0x6573_6E74  # "esnt"
SEARCH_KINDS = ("career", "training", "skill", "sector", "rome")
KIND_ORDER = {kind: rank for rank, kind in enumerate(SEARCH_KINDS)}
# FTS columns, one per field weight of catalog/fields.py (best first); bm25 gets these weights.
WEIGHTS = (1.0, 0.92, 0.9, 0.85, 0.8, 0.6, 0.5, 0.45, 0.4)
COLUMNS = tuple(f"w{round(w * 100)}" for w in WEIGHTS)
BIG_FILE = 1 << 20  # files this large have their digest remembered (see above)
SETTLED_SECONDS = 2  # a file changed more recently than this has its digest computed again
KEEP_DATABASES = 8  # in a cache folder, the newest; older versions are removed
STALE_TEMP_SECONDS = 3600  # a temporary file this old is swept even if its pid looks alive
DIGESTS = "digests.json"
_SQLITE_MAGIC = b"SQLite format 3\x00"

try:  # CPython's own blake2: `import hashlib` would also load OpenSSL (4 ms at every start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b

Note = Callable[[str], None]
# What reading a damaged or foreign database can raise, besides sqlite3.Error.
_BROKEN = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, MemoryError)


def _quiet(_: str) -> None:
    pass


# ---------------------------------------------------------------- keys


_CODE_FILES = (
    "catalog/engine.py", "catalog/store.py", "catalog/schema.py", "catalog/integrity.py", "catalog/models.py",
    "catalog/values.py", "catalog/labels.py", "catalog/sources.py", "catalog/terms.py", "catalog/fields.py",
    "explore/lexicon.py", "catalog/folding.py", "catalog/routegraph.py",
)  # fmt: skip
_code_digest: bytes | None = None


def code_digest() -> bytes:
    """blake2b of the package version and of the source of the modules the database depends on."""
    global _code_digest
    if _code_digest is None:
        package = Path(__file__).resolve().parent.parent
        h = blake2b(f"esante {__version__} format {FORMAT}\n".encode(), digest_size=16)
        for name in _CODE_FILES:
            try:
                h.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
            except OSError:
                h.update(name.encode() + b"\0missing\0")
        _code_digest = h.digest()
    return _code_digest


def data_key(folders: Sequence[Sequence[Path]], memo: _Digests | None = None) -> str:
    """The key of a catalogue: its folders' files (names and bytes, in order) and the code.

    `memo`: where big files' digests are remembered (the cache folder's), or None.
    Raises OSError when a file cannot be read (the loader then reports it).
    """
    memo = memo or _Digests(None)
    key = _key(folders, memo.digest)
    memo.save()
    return key


def _key(folders: Sequence[Sequence[Path]], digest: Callable[[Path], bytes]) -> str:
    h = blake2b(code_digest(), digest_size=20)
    for layer, files in enumerate(folders):
        h.update(b"folder %d\0" % layer)
        for path in files:
            h.update(os.fsencode(path.name) + b"\0" + digest(path) + b"\0")
    return h.hexdigest()


def file_digest(raw: bytes) -> bytes:
    """A file's digest from its bytes, as data_key computes it (the loader records the digest of
    the bytes it parsed: load() keys a new database on them)."""
    return blake2b(raw, digest_size=20).digest()


def parsed_key(folders: Sequence[Sequence[Path]], parsed: Mapping[str, bytes]) -> str | None:
    """The key of the bytes the loader actually parsed (`parsed`: absolute path → file_digest),
    or None when it did not parse exactly these files."""
    wanted = {os.path.abspath(path) for files in folders for path in files}
    if set(parsed) != wanted:
        return None
    return _key(folders, lambda path: parsed[os.path.abspath(path)])


class _Digests:
    """Digests of big files by full stat (see the module docstring), and the stat of each
    database as it was written, in a small JSON file of the cache folder. A database whose stat
    differs was changed after it was written (damaged, replaced): it is not used."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / DIGESTS if folder is not None else None
        self.known: dict[str, str] = {}
        self.changed = False
        if self.path is not None:
            try:
                with _open_regular(self.path) as fh:
                    data = json.loads(fh.read(1 << 20))
                if isinstance(data, dict):
                    self.known = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
            except (OSError, ValueError, RecursionError):
                pass

    def digest(self, path: Path) -> bytes:
        st = os.stat(path)
        if st.st_size < BIG_FILE or self.path is None:
            return blake2b(path.read_bytes(), digest_size=20).digest()
        name = f"{os.path.abspath(path)}|{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"
        known = self.known.get(name)
        if known is not None:
            try:
                return bytes.fromhex(known)
            except ValueError:
                pass
        h = blake2b(digest_size=20)
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 20):
                h.update(chunk)
        settled = time.time_ns() - SETTLED_SECONDS * 1_000_000_000
        after = os.stat(path)
        if max(after.st_mtime_ns, after.st_ctime_ns) < settled and after.st_ctime_ns == st.st_ctime_ns:
            self.known[name] = h.hexdigest()
            self.changed = True
        return h.digest()

    def seal(self, database: Path) -> None:
        """Remember a database's stat, just written."""
        self.known["db|" + os.path.abspath(database)] = _stat_id(os.lstat(database))
        self.changed = True

    def sealed(self, database: Path, st: os.stat_result) -> bool:
        return self.known.get("db|" + os.path.abspath(database)) == _stat_id(st)

    def save(self) -> None:
        if not self.changed or self.path is None:
            return
        import tempfile

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # created exclusively (mkstemp): a symbolic link planted in the folder is never followed
            fd, name = tempfile.mkstemp(prefix=f".{DIGESTS}.{os.getpid()}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(json.dumps(dict(list(self.known.items())[-500:])))
                os.replace(name, self.path)
            finally:
                if os.path.lexists(name):
                    os.unlink(name)
        except OSError:
            pass


def _stat_id(st: os.stat_result) -> str:
    return f"{st.st_dev}|{st.st_ino}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}"


@contextmanager
def _open_regular(path: Path) -> Iterator[Any]:
    """Open a regular file for reading, never following a symlink nor waiting on a FIFO."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            yield fh
    finally:
        os.close(fd)


# ---------------------------------------------------------------- records <-> JSON


def _encode(value: Any) -> Any:
    """A field value as JSON: tuples as lists, value classes as {"@": class name, "v": [fields]}."""
    if isinstance(value, Frozen):
        return {"@": type(value).__name__, "v": [_encode(v) for v in value._get(value)]}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


def _decode(value: Any) -> Any:
    if value.__class__ is list:
        return tuple(sys.intern(v) if v.__class__ is str and len(v) < 64 else _decode(v) for v in value)
    if value.__class__ is dict:
        name = value.get("@")
        if name is not None:
            cls = getattr(models, name)
            if not (isinstance(cls, type) and issubclass(cls, Frozen)):
                raise ValueError(name)
            return cls(*map(_decode, value["v"]))
        return {k: _decode(v) for k, v in value.items()}
    return value


def encode_record(record: Record) -> str:
    return json.dumps([_encode(v) for v in record._get(record)], ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def decode_record(kind: str, data: str) -> Record:
    cls = models.KIND_BY_NAME.get(kind)
    if cls is None:
        raise ValueError(f"record kind {kind!r}")
    values = json.loads(data)
    if values.__class__ is not list or len(values) != len(field_names(cls)):
        raise ValueError("record shape")
    return cls(*map(_decode, values))


# ---------------------------------------------------------------- building


_SCHEMA = f"""
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {FORMAT};
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, data BLOB NOT NULL, crc INTEGER NOT NULL);
CREATE INDEX records_kind ON records(kind, n);
CREATE TABLE docs(n INTEGER PRIMARY KEY, record TEXT NOT NULL, kind INTEGER NOT NULL, sort_name TEXT NOT NULL, fields BLOB NOT NULL, crc INTEGER NOT NULL);
CREATE VIRTUAL TABLE fts USING fts5({", ".join(COLUMNS)}, content='', prefix='4',
    tokenize="unicode61 remove_diacritics 2 tokenchars '+.'");
CREATE TABLE vocab(term TEXT PRIMARY KEY, length INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE vocab_lengths(length INTEGER PRIMARY KEY, terms TEXT NOT NULL);
CREATE TABLE phrases(words TEXT PRIMARY KEY, meanings TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE keys(key TEXT NOT NULL, doc INTEGER NOT NULL, label TEXT NOT NULL, text TEXT, PRIMARY KEY (key, doc)) WITHOUT ROWID;
"""


def build(catalog: Catalog, path: Path | str, key: str) -> sqlite3.Connection:
    """Write the catalogue's database at `path` (a new file, or ":memory:"); returns it open."""
    from esante_cli.catalog.fields import fields  # what is searchable
    from esante_cli.explore.lexicon import data as lexicon_data  # the phrases queries are read by
    from esante_cli.catalog.terms import compact, fold, record_terms

    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;")
        conn.executescript(_SCHEMA)  # (executescript commits first: the transaction starts after it)
        conn.execute("BEGIN")
        everything = list(catalog.records.values())
        step = max(1, len(everything) // 64)
        records_dict = _dictionary(encode_record(r) for r in everything[::step])
        pack = _packer(records_dict)
        conn.executemany("INSERT INTO records(id, kind, data, crc) VALUES (?, ?, ?, ?)",
                         (_with_crc(r.id, r.kind, pack(encode_record(r))) for r in everything))
        # Docs in a fixed order (fewest words in the title first, then kind, then name): FTS5 hands
        # over matches in this order, so the first matches of the title column are its best ones
        # (search.py bounds the rest). Two passes, so that no record's fields are all held at once.
        labels: dict[str, int] = {}
        column = {w: i for i, w in enumerate(WEIGHTS)}

        def cut(record: Record) -> list[Any]:
            out = []
            for label, weight, text in fields(catalog, record):
                base, extra = record_terms(text)
                out.append((labels.setdefault(label, len(labels)), column[weight], text, base, extra))
            return out

        def title_length(record: Record) -> int:
            """The fewest terms of the record's title texts (weight 1.0): docs are numbered in this
            order. Only the title texts are cut into terms (the first pass needs no other; labels
            are still numbered in catalogue order, as cut() does)."""
            shortest = 1 << 16
            for label, weight, text in fields(catalog, record):
                labels.setdefault(label, len(labels))
                if column[weight] == 0:
                    shortest = min(shortest, len(record_terms(text)[0]))
            return shortest

        searchable = [r for r in everything if r.kind in KIND_ORDER]
        order = sorted((title_length(r), KIND_ORDER[r.kind], fold(r.name), r.id) for r in searchable)
        docs_dict = _dictionary(json.dumps(cut(catalog.records[o[3]]), ensure_ascii=False) for o in order[:: max(1, len(order) // 64)])
        pack = _packer(docs_dict)
        vocab: set[str] = set()
        rows, texts, keys = [], [], []
        for n, (_, kind, sort_name, record_id) in enumerate(order):
            record = catalog.records[record_id]
            row = cut(record)
            by_column: list[list[str]] = [[] for _ in WEIGHTS]
            for _, c, _, base, extra in row:
                by_column[c].append(" ".join(base + extra))
                vocab.update(base)
                vocab.update(extra)
            rows.append((n, *_with_crc(record_id, kind, sort_name, pack(json.dumps(row, ensure_ascii=False, separators=(",", ":"))))))
            texts.append((n, *(" ".join(parts) for parts in by_column)))
            keys.append(("i" + record_id, n, "identifiant", None))
            keys += [("c" + compact(code), n, label, code) for label, code in _codes(record)]
            if len(rows) >= 5000:
                conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
                _flush(conn, texts)
                rows.clear()
                texts.clear()
        conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)", rows)
        _flush(conn, texts)
        del rows, texts, order, searchable, everything
        conn.executemany("INSERT INTO vocab VALUES (?, ?)", ((t, len(t)) for t in sorted(vocab)))
        by_length: dict[int, list[str]] = {}
        for term in sorted(vocab):
            by_length.setdefault(len(term), []).append(term)
        conn.executemany("INSERT INTO vocab_lengths VALUES (?, ?)", ((n, "\n".join(ts)) for n, ts in by_length.items()))
        del by_length
        conn.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?, ?, ?)", keys)
        conn.execute("INSERT INTO fts(fts) VALUES ('optimize')")
        extras = {f"catalog.{name}": json.dumps(_encode(getattr(catalog, name)), ensure_ascii=False)
                  for name in field_names(Catalog) if name != "records"}
        meta: dict[str, Any] = {"key": key, "count": str(len(catalog.records)), "labels": json.dumps(list(labels), ensure_ascii=False),
                                "records_dictionary": records_dict, "docs_dictionary": docs_dict, **extras}
        lexicon = lexicon_data(catalog)
        conn.executemany("INSERT INTO phrases VALUES (?, ?)",
                         ((" ".join(words), _json(meanings)) for words, meanings in lexicon["phrases"]))
        meta["lexicon"] = _json({"longest": lexicon["longest"]})
        meta["lexicon.places"] = _json([lexicon["cities"], lexicon["institutions"]])
        meta.update(_route_graph(catalog))
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        raise
    return conn


def _route_graph(catalog: Catalog) -> dict[str, bytes]:
    """What route search reads instead of the records (catalog/routegraph.py)."""
    from esante_cli.catalog import routegraph

    return routegraph.encode(routegraph.data(catalog))


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _dictionary(texts: Iterable[str]) -> bytes:
    """A zlib preset dictionary for rows like these: a sample of them, evenly spread (rows are
    small, and compressed alone they would share nothing: this makes them 2 to 4 times smaller)."""
    texts = list(texts)
    step = max(1, len(texts) // 64)
    sample = "\n".join(texts[::step]).encode("utf-8")
    return sample[-32768:]


def _packer(dictionary: bytes) -> Callable[[str], bytes]:
    # Loading a 32 KiB preset dictionary into a new compressor costs more than the row itself:
    # each row starts from a copy of one primed compressor (the same bytes come out).
    primed = zlib.compressobj(6, zlib.DEFLATED, -15, zdict=dictionary)

    def pack(text: str) -> bytes:
        z = primed.copy()
        return z.compress(text.encode("utf-8")) + z.flush()

    return pack


def _unpack(blob: bytes, dictionary: bytes) -> str:
    z = zlib.decompressobj(-15, zdict=dictionary)
    out = z.decompress(blob, 1 << 24) + z.flush()
    if z.unconsumed_tail or not z.eof:
        raise ValueError("compressed row")
    return out.decode("utf-8")


def _crc(*values: Any) -> int:
    """CRC-32 of a row's values: SQLite does not checksum its pages, and a flipped byte in a
    record must not become a wrong salary (a row whose CRC differs is damage)."""
    crc = 0
    for value in values:
        crc = zlib.crc32(value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogatepass"), crc)
        crc = zlib.crc32(b"\0", crc)
    return crc


def _with_crc(*values: Any) -> tuple[Any, ...]:
    return (*values, _crc(*values))


def _flush(conn: sqlite3.Connection, texts: list[Any]) -> None:
    conn.executemany(f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", texts)


def _codes(record: Any) -> list[tuple[str, str]]:
    own = getattr(record, "code", None) if record.kind == "rome" else None
    codes = [("code ROME", c) for c in ((own,) if own else getattr(record, "rome", ()) or ())]
    onisep = getattr(record, "onisep", None)
    return codes + ([("code ONISEP", onisep)] if onisep else [])


def write(catalog: Catalog, folder: Path, key: str) -> Path:
    """Build the database file for `key` in `folder`, atomically; returns its path. Raises OSError
    or sqlite3.Error when the folder cannot take it (nothing is left behind then).

    The temporary file is created exclusively (a symbolic link planted under its name is never
    followed) and recorded in the folder's digests.json before the build: only recorded
    temporary files and sealed databases — files esante wrote — are ever removed (sweep, _prune).
    """
    import tempfile

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    sweep(folder)
    final = folder / f"catalog-{key}.sqlite"
    fd, name = tempfile.mkstemp(prefix=f".catalog-{key}.{os.getpid()}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    created = os.lstat(tmp)
    memo = _Digests(folder)
    memo.known["tmp|" + os.path.abspath(tmp)] = f"{os.getpid()}|{created.st_dev}|{created.st_ino}"
    memo.changed = True
    memo.save()
    try:
        with _gc_paused():
            build(catalog, str(tmp), key).close()
        os.replace(tmp, final)
        memo = _Digests(folder)
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
    memo = _Digests(folder)
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
    memo = _Digests(folder)
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---------------------------------------------------------------- opening


def open_file(path: Path, key: str, memo: _Digests | None = None) -> sqlite3.Connection | None:
    """The database at `path` if it is ours, for this key, and readable; None otherwise.
    With `memo`, only if it is the file as it was written (its stat is the one sealed)."""
    try:
        with _open_regular(path) as fh:
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
    except _BROKEN:
        ok = False
    if not ok:
        conn.close()
        return None
    return conn


# ---------------------------------------------------------------- the database of a catalogue


class Database:
    """An open catalogue database: records by id, and what search asks (see search.py).

    When a query fails (the file is damaged), the database is rebuilt in memory from the
    catalogue's records and the query asked again: slower, still right.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, note: Note = _quiet) -> None:
        self.conn = conn
        self.path = path  # None: in memory
        self.owned = True  # False: the installed package's database (never deleted)
        self.note = note
        self.records: Records | None = None  # set by the Records that reads from this database
        self._labels: list[str] | None = None
        self._vocab_by_length: dict[tuple[int, int], list[str]] = {}
        self._dictionaries: dict[str, bytes] = {}

    def query(self, sql: str, args: Sequence[Any] = (), then: Callable[[list[Any]], Any] | None = None) -> Any:
        """Rows of a query (or `then(rows)`); on damage, once more on an in-memory rebuild."""
        try:
            rows = self.conn.execute(sql, args).fetchall()
            return then(rows) if then is not None else rows
        except _BROKEN as exc:
            self._fail_over(exc)
            rows = self.conn.execute(sql, args).fetchall()
            return then(rows) if then is not None else rows

    def _fail_over(self, exc: BaseException) -> None:
        if self.path is None:
            raise exc  # a database built in memory cannot be damaged: a bug
        self.note(f"base du catalogue illisible ({self.path.name} : {exc}) : index refait en mémoire")
        self.note = _quiet
        records = self.records
        source = dict(records.items()) if records is not None else {}
        catalog = Catalog(source, **(records.extras if records is not None else {}))
        with _gc_paused():
            self.conn = build(catalog, ":memory:", "memory")
        self.path = None
        self._labels = None
        self._vocab_by_length.clear()
        self._dictionaries.clear()

    # -------------------------------------------------------- search side

    def labels(self) -> list[str]:
        if self._labels is None:
            self._labels = self.query("SELECT value FROM meta WHERE key = 'labels'", then=_labels)
        return self._labels

    def has_term(self, term: str) -> bool:
        return bool(self.query("SELECT 1 FROM vocab WHERE term = ?", (term,)))

    def prefixed(self, prefix: str) -> list[str]:
        """Vocabulary terms that start with `prefix` (itself included)."""
        return [t for (t,) in self.query("SELECT term FROM vocab WHERE term >= ? AND term < ?", (prefix, prefix + "\U0010ffff"))]

    def terms_between(self, shortest: int, longest: int) -> list[str]:
        """Vocabulary terms of `shortest` to `longest` letters (what typo correction looks at)."""
        got = self._vocab_by_length.get((shortest, longest))
        if got is None:
            rows = self.query("SELECT terms FROM vocab_lengths WHERE length BETWEEN ? AND ? ORDER BY length", (shortest, longest))
            got = self._vocab_by_length[(shortest, longest)] = [t for (terms,) in rows for t in terms.split("\n")]
        return got

    def vocabulary(self) -> list[str]:
        return self.terms_between(0, 1 << 30)

    def matching(self, expression: str, column: int | None, kinds: Iterable[int] | None, after: int, limit: int) -> list[int]:
        """Docs after number `after` matching an FTS5 expression (in one column, or anywhere), of
        these kind ranks, in doc order (fewest words in the name first), at most `limit`."""
        match = expression if column is None else f"{{{COLUMNS[column]}}} : ({expression})"
        if kinds is None:
            sql = "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?"
            args: tuple[Any, ...] = (match, after, limit)
        else:
            ranks = sorted(set(kinds))
            sql = (
                "SELECT fts.rowid FROM fts JOIN docs ON docs.n = fts.rowid WHERE fts MATCH ? AND fts.rowid > ? "
                f"AND docs.kind IN ({', '.join('?' * len(ranks))}) ORDER BY fts.rowid LIMIT ?"
            )
            args = (match, after, *ranks, limit)
        return [n for (n,) in self.query(sql, args)]

    def dictionary(self, name: str) -> bytes:
        got = self._dictionaries.get(name)
        if got is None:
            got = self._dictionaries[name] = self.query("SELECT value FROM meta WHERE key = ?", (name,), then=_blob)
        return got

    def docs(self, numbers: Sequence[int]) -> dict[int, tuple[str, int, str, list[Any]]]:
        """{doc: (record id, kind rank, folded name, [(label, weight, text, terms, extra terms)…])}."""
        out: dict[int, tuple[str, int, str, list[Any]]] = {}
        for start in range(0, len(numbers), 500):
            chunk = list(numbers[start : start + 500])
            sql = f"SELECT n, record, kind, sort_name, fields, crc FROM docs WHERE n IN ({', '.join('?' * len(chunk))})"
            out.update(self.query(sql, chunk, then=self._parse_docs))
        return out

    def _parse_docs(self, rows: list[Any]) -> dict[int, tuple[str, int, str, list[Any]]]:
        labels = self.labels()
        dictionary = self.dictionary("docs_dictionary")
        out = {}
        for n, record_id, kind, sort_name, fields, crc in rows:
            if _crc(record_id, kind, sort_name, fields) != crc:
                raise ValueError("doc row checksum")
            parsed = [(labels[lab], WEIGHTS[c], text, base, extra) for lab, c, text, base, extra in json.loads(_unpack(fields, dictionary))]
            if not isinstance(record_id, str) or kind not in range(len(SEARCH_KINDS)) or not isinstance(sort_name, str):
                raise ValueError("doc row")
            out[n] = (record_id, kind, sort_name, parsed)
        return out

    def stored(self, name: str) -> Any:
        """A value build() stored in `meta` as JSON (e.g. "lexicon"), or None when it has none."""
        return self.query("SELECT value FROM meta WHERE key = ?", (name,), then=_json_or_none)

    def phrase(self, words: str) -> list[Any] | None:
        """The meanings of a phrase of the query lexicon (explore/lexicon.py), or None."""
        return self.query("SELECT meanings FROM phrases WHERE words = ?", (words,), then=_meanings)

    def all_docs(self) -> list[int]:
        return [n for (n,) in self.query("SELECT n FROM docs ORDER BY n")]

    def lookup(self, key: str) -> list[tuple[int, str, str]]:
        """(doc, label, text) under an exact key: "c" + compact code, or "i" + id."""
        rows = self.query("SELECT doc, label, text FROM keys WHERE key = ?", (key,))
        return [(doc, label, text if text is not None else key[1:]) for doc, label, text in rows]


def _json_or_none(rows: list[Any]) -> Any:
    return json.loads(rows[0][0]) if rows else None


def _meanings(rows: list[Any]) -> list[Any] | None:
    if not rows:
        return None
    meanings = json.loads(rows[0][0])
    if not isinstance(meanings, list) or not all(isinstance(m, list) and m and isinstance(m[0], str) for m in meanings):
        raise ValueError("phrase meanings")
    return meanings


def _labels(rows: list[Any]) -> list[str]:
    labels = json.loads(rows[0][0])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise ValueError("labels")
    return labels


def _blob(rows: list[Any]) -> bytes:
    value = rows[0][0]
    if not isinstance(value, bytes):
        raise ValueError("dictionary")
    return value


def quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class Records(Mapping):  # Mapping[str, Record]
    """Records by id, in data order, read from the database when first used.

    Damage found on the way makes this mapping rebuild the catalogue from YAML (`rebuild`) and
    carry on with it in memory; the damaged file is removed so that the next run rebuilds it.
    """

    def __init__(self, db: Database, rebuild: Callable[[], Catalog] | None, loaded: Mapping[str, Record] | None = None) -> None:
        self.db = db
        db.records = self
        self._rebuild = rebuild
        self._done: dict[str, Record] = dict(loaded) if loaded is not None else {}
        self._complete = loaded is not None
        self._ids: list[str] | None = list(self._done) if loaded is not None else None
        self.extras: dict[str, Any] = {}
        self._zdict: bytes | None = None
        self._count: int | None = len(self._done) if loaded is not None else None
        self._kinds: dict[str, list[Record]] = {}  # of_kind(), once read: guide asks ~200 times

    def _fail(self, exc: BaseException) -> None:
        if self._rebuild is None:
            raise exc
        self.db.note(f"catalogue en cache illisible ({exc}) : relu depuis les fichiers YAML")
        self.db.note = _quiet
        path = self.db.path
        catalog = self._rebuild()
        self._rebuild = None
        self._done = dict(catalog.records)
        self._ids = list(self._done)
        self._count = len(self._ids)
        self._complete = True
        if path is not None and self.db.owned:  # never a database of the installed package
            try:
                path.unlink()
            except OSError:
                pass

    def _rows(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        return self.db.conn.execute(sql, args).fetchall()

    def _dictionary(self) -> bytes:
        if self._zdict is None:
            self._zdict = _blob(self._rows("SELECT value FROM meta WHERE key = 'records_dictionary'"))
        return self._zdict

    def __getitem__(self, record_id: str) -> Record:
        record = self._done.get(record_id)
        if record is not None or self._complete:
            if record is None:
                raise KeyError(record_id)
            return record
        if not isinstance(record_id, str):
            raise KeyError(record_id)
        try:
            row = self._rows("SELECT kind, data, crc FROM records WHERE id = ?", (record_id,))
            if not row:
                raise KeyError(record_id)
            kind, data, crc = row[0]
            if _crc(record_id, kind, data) != crc:
                raise ValueError("record checksum")
            record = decode_record(kind, _unpack(data, self._dictionary()))
            if record.id != record_id:
                raise ValueError("record id")
        except KeyError:
            raise
        except _BROKEN as exc:
            self._fail(exc)
            return self[record_id]
        self._done[record_id] = record
        return record

    def __contains__(self, record_id: object) -> bool:
        try:
            self[record_id]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def _load_all(self) -> None:
        if self._complete:
            return
        try:
            built: dict[str, Record] = {}
            dictionary = self._dictionary()
            with _gc_paused():
                for record_id, kind, data, crc in self.db.conn.execute("SELECT id, kind, data, crc FROM records ORDER BY n"):
                    if _crc(record_id, kind, data) != crc:
                        raise ValueError("record checksum")
                    record = self._done.get(record_id) or decode_record(kind, _unpack(data, dictionary))
                    if record.id != record_id:
                        raise ValueError("record id")
                    built[record_id] = record
            if len(built) != len(self):
                raise ValueError("record count")
        except _BROKEN as exc:
            self._fail(exc)
            return
        self._done, self._ids, self._complete = built, list(built), True

    def of_kind(self, kind: str) -> list[Record]:
        """The records of one kind, in data order, decoding only those (Catalog.of): a search
        reads the vocabulary entries, not the 100,000 programmes beside them."""
        if self._complete:
            return [r for r in self._done.values() if r.kind == kind]
        if kind in self._kinds:
            return list(self._kinds[kind])
        try:
            out = []
            dictionary = self._dictionary()
            for record_id, data, crc in self._rows("SELECT id, data, crc FROM records WHERE kind = ? ORDER BY n", (kind,)):
                if _crc(record_id, kind, data) != crc:
                    raise ValueError("record checksum")
                record = self._done.get(record_id) or decode_record(kind, _unpack(data, dictionary))
                if record.id != record_id or record.kind != kind:
                    raise ValueError("record id")
                self._done.setdefault(record_id, record)
                out.append(record)
        except _BROKEN as exc:
            self._fail(exc)
            return self.of_kind(kind)
        self._kinds[kind] = out
        return list(out)

    def values(self) -> Any:
        self._load_all()
        return self._done.values()

    def items(self) -> Any:
        self._load_all()
        return self._done.items()

    def __iter__(self) -> Iterator[str]:
        if self._ids is None:
            try:
                self._ids = [i for (i,) in self._rows("SELECT id FROM records ORDER BY n")]
            except _BROKEN as exc:
                self._fail(exc)
        return iter(self._ids or ())

    def __len__(self) -> int:
        if self._count is None:
            try:
                self._count = int(self._rows("SELECT value FROM meta WHERE key = 'count'")[0][0])
            except _BROKEN as exc:
                self._fail(exc)
        return self._count or 0

    def __repr__(self) -> str:
        return f"<{len(self)} records, {len(self._done)} built>"


def _catalog_extras(conn: sqlite3.Connection) -> dict[str, Any]:
    out = {}
    for name in field_names(Catalog):
        if name == "records":
            continue
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (f"catalog.{name}",)).fetchone()
        if row is not None:
            out[name] = _decode(json.loads(row[0]))
    return out


def _catalog_on(conn: sqlite3.Connection, path: Path | None, rebuild: Callable[[], Catalog] | None, note: Note,
                loaded: Catalog | None = None) -> Catalog:
    db = Database(conn, path, note)
    records = Records(db, rebuild, loaded.records if loaded is not None else None)
    if loaded is not None:
        records.extras = {n: getattr(loaded, n) for n in field_names(Catalog) if n != "records"}
    else:
        records.extras = _catalog_extras(conn)
    return Catalog(records, **records.extras)  # type: ignore[arg-type]


# ---------------------------------------------------------------- entry points


def load(
    folders: Sequence[Sequence[Path]],
    build_catalog: Callable[[], Catalog],
    cache_dir: Path | None,
    prebuilt: Path | None = None,
    note: Note = _quiet,
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
    memo = _Digests(cache_dir)
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
                catalog = _catalog_on(conn, folder / name, build_catalog if owned else rebuilt_and_cached, note)
                catalog.records.db.owned = owned  # type: ignore[attr-defined]
                return catalog
            except _BROKEN as exc:
                conn.close()
                note(f"base du catalogue illisible ({folder / name} : {exc})")
                note = _quiet
    catalog = build_catalog()
    if parsed is not None:
        key = parsed_key(folders, parsed()) or ""
        if not key:
            note("fichiers de données changés pendant la lecture : réponse sans cache")
            return catalog
    try:
        path = write(catalog, cache_dir, key)
        conn = open_file(path, key, _Digests(cache_dir))
    except (OSError, sqlite3.Error) as exc:
        note(f"cache du catalogue impossible à écrire dans {cache_dir} ({exc}) : réponse sans cache")
        return catalog
    if conn is None:
        return catalog
    return _catalog_on(conn, path, build_catalog, note, loaded=catalog)


def database_of(catalog: Catalog) -> Database | None:
    """The database file a catalogue is read from, or None (a catalogue made in memory: tests,
    --no-cache; its callers compute what they need from the records)."""
    records = catalog.records
    return records.db if isinstance(records, Records) else None


def _in_memory(catalog: Catalog) -> Database:
    with _gc_paused():
        return Database(build(catalog, ":memory:", "memory"), None)


_in_memory_of = PerCatalog(_in_memory)


def index_of(catalog: Catalog) -> Database:
    """The database that answers searches over `catalog`: its own file, else one built in
    memory on first use and kept while the catalogue is in use (the last few catalogues)."""
    records = catalog.records
    if isinstance(records, Records):
        return records.db
    return _in_memory_of(catalog)
