"""An open catalogue database (indexbuild.py wrote it): what search asks (Database) and the
records by id, decoded when first used (Records, the mapping a cached Catalog holds).

Damage found while reading falls back: a failing query runs again on an index rebuilt in memory
from the records, a damaged record row makes Records rebuild the catalogue from YAML. Either is
a slower right answer, told once through the `note` callback (--debug), never an error.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from esante_cli.catalog import codec
from esante_cli.catalog.codec import decode, decode_record, gc_paused, unpack
from esante_cli.catalog.models import SEARCH_KINDS, Catalog, Record, field_names

# The layout build() writes and this module reads (indexbuild.py describes the tables).
FORMAT = 1
APPLICATION_ID = 0x6573_6E74  # "esnt"
KIND_ORDER = {kind: rank for rank, kind in enumerate(SEARCH_KINDS)}
# FTS columns, one per field weight of catalog/fields.py (best first); bm25 gets these weights.
WEIGHTS = (1.0, 0.92, 0.9, 0.85, 0.8, 0.6, 0.5, 0.45, 0.4)
COLUMNS = tuple(f"w{round(w * 100)}" for w in WEIGHTS)

Note = Callable[[str], None]
Reindex = Callable[[Catalog], sqlite3.Connection]  # an in-memory index of a catalogue (indexbuild.build)
# What reading a damaged or foreign database can raise, besides sqlite3.Error.
BROKEN = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, MemoryError)


def quiet(_: str) -> None:
    pass


class Database:
    """An open catalogue database: records by id, and what search asks (see search.py).

    When a query fails (the file is damaged), the database is rebuilt in memory from the
    catalogue's records and the query asked again: slower, still right.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, note: Note = quiet, reindex: Reindex | None = None) -> None:
        self.conn = conn
        self.reindex = reindex  # how to rebuild the index in memory when the file fails
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
        except BROKEN as exc:
            self._fail_over(exc)
            rows = self.conn.execute(sql, args).fetchall()
            return then(rows) if then is not None else rows

    def _fail_over(self, exc: BaseException) -> None:
        if self.path is None or self.reindex is None:
            raise exc  # a database built in memory cannot be damaged: a bug
        self.note(f"base du catalogue illisible ({self.path.name} : {exc}) : index refait en mémoire")
        self.note = quiet
        records = self.records
        source = dict(records.items()) if records is not None else {}
        catalog = Catalog(source, **(records.extras if records is not None else {}))
        with gc_paused():
            self.conn = self.reindex(catalog)
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
            if codec.crc(record_id, kind, sort_name, fields) != crc:
                raise ValueError("doc row checksum")
            parsed = [(labels[lab], WEIGHTS[c], text, base, extra) for lab, c, text, base, extra in json.loads(unpack(fields, dictionary))]
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
        self.db.note = quiet
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
            if codec.crc(record_id, kind, data) != crc:
                raise ValueError("record checksum")
            record = decode_record(kind, unpack(data, self._dictionary()))
            if record.id != record_id:
                raise ValueError("record id")
        except KeyError:
            raise
        except BROKEN as exc:
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
            with gc_paused():
                for record_id, kind, data, crc in self.db.conn.execute("SELECT id, kind, data, crc FROM records ORDER BY n"):
                    if codec.crc(record_id, kind, data) != crc:
                        raise ValueError("record checksum")
                    record = self._done.get(record_id) or decode_record(kind, unpack(data, dictionary))
                    if record.id != record_id:
                        raise ValueError("record id")
                    built[record_id] = record
            if len(built) != len(self):
                raise ValueError("record count")
        except BROKEN as exc:
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
                if codec.crc(record_id, kind, data) != crc:
                    raise ValueError("record checksum")
                record = self._done.get(record_id) or decode_record(kind, unpack(data, dictionary))
                if record.id != record_id or record.kind != kind:
                    raise ValueError("record id")
                self._done.setdefault(record_id, record)
                out.append(record)
        except BROKEN as exc:
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
            except BROKEN as exc:
                self._fail(exc)
        return iter(self._ids or ())

    def __len__(self) -> int:
        if self._count is None:
            try:
                self._count = int(self._rows("SELECT value FROM meta WHERE key = 'count'")[0][0])
            except BROKEN as exc:
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
            out[name] = decode(json.loads(row[0]))
    return out


def catalog_on(conn: sqlite3.Connection, path: Path | None, rebuild: Callable[[], Catalog] | None, note: Note, reindex: Reindex,
                loaded: Catalog | None = None) -> Catalog:
    db = Database(conn, path, note, reindex)
    records = Records(db, rebuild, loaded.records if loaded is not None else None)
    if loaded is not None:
        records.extras = {n: getattr(loaded, n) for n in field_names(Catalog) if n != "records"}
    else:
        records.extras = _catalog_extras(conn)
    return Catalog(records, **records.extras)  # type: ignore[arg-type]


def database_of(catalog: Catalog) -> Database | None:
    """The database file a catalogue is read from, or None (a catalogue made in memory: tests,
    --no-cache; its callers compute what they need from the records)."""
    records = catalog.records
    return records.db if isinstance(records, Records) else None
