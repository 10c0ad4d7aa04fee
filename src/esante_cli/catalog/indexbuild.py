"""The catalogue's index: the tables of its SQLite database and how they are built.

    meta     key/value: the data key, the record count, field labels, other Catalog fields,
             the query lexicon's longest phrase and places, the route graph (routegraph.py)
    records  the validated records, in data order: id, kind, field values as JSON (never pickle)
    docs     one row per searchable record: its record, kind, folded name and searchable
             fields [label, weight, text, terms, extra terms] (fields.py, terms.py)
    fts      FTS5 over the same terms, one column per field weight (bm25 weights them), a
             prefix index for 4-letter prefixes; tokenizer unicode61 remove_diacritics 2
    vocab    every indexed term with its length, for exact and prefix lookups
    vocab_lengths  the same terms, one row per length (newline-separated): what typo
             correction reads, a few rows instead of tens of thousands at 100,000 records
    keys     exact lookups: "c" + compact code (ROME, ONISEP), "i" + id
    phrases  the query lexicon (phrases.py): a phrase's words → its meanings (JSON)

Rows are deflated against a preset dictionary and carry a CRC-32 (codec.py). build() writes a
file or an in-memory database; engine.py decides where, database.py reads it (and holds the
layout both share: the format number, the searchable kinds, the field weights and FTS columns).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from esante_cli.catalog.codec import crc_row, dictionary, encode, encode_record, packer, to_json
from esante_cli.catalog.database import APPLICATION_ID, COLUMNS, FORMAT, KIND_ORDER, WEIGHTS
from esante_cli.catalog.models import Catalog, Record, field_names



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
    from esante_cli.catalog.phrases import data as lexicon_data  # the phrases queries are read by
    from esante_cli.catalog.folding import fold
    from esante_cli.catalog.terms import compact, record_terms

    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY;")
        conn.executescript(_SCHEMA)  # (executescript commits first: the transaction starts after it)
        conn.execute("BEGIN")
        everything = list(catalog.records.values())
        step = max(1, len(everything) // 64)
        records_dict = dictionary(encode_record(r) for r in everything[::step])
        pack = packer(records_dict)
        conn.executemany("INSERT INTO records(id, kind, data, crc) VALUES (?, ?, ?, ?)",
                         (crc_row(r.id, r.kind, pack(encode_record(r))) for r in everything))
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
        docs_dict = dictionary(json.dumps(cut(catalog.records[o[3]]), ensure_ascii=False) for o in order[:: max(1, len(order) // 64)])
        pack = packer(docs_dict)
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
            rows.append((n, *crc_row(record_id, kind, sort_name, pack(json.dumps(row, ensure_ascii=False, separators=(",", ":"))))))
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
        extras = {f"catalog.{name}": json.dumps(encode(getattr(catalog, name)), ensure_ascii=False)
                  for name in field_names(Catalog) if name != "records"}
        meta: dict[str, Any] = {"key": key, "count": str(len(catalog.records)), "labels": json.dumps(list(labels), ensure_ascii=False),
                                "records_dictionary": records_dict, "docs_dictionary": docs_dict, **extras}
        lexicon = lexicon_data(catalog)
        conn.executemany("INSERT INTO phrases VALUES (?, ?)",
                         ((" ".join(words), to_json(meanings)) for words, meanings in lexicon["phrases"]))
        meta["lexicon"] = to_json({"longest": lexicon["longest"]})
        meta["lexicon.places"] = to_json([lexicon["cities"], lexicon["institutions"]])
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



def _flush(conn: sqlite3.Connection, texts: list[Any]) -> None:
    conn.executemany(f"INSERT INTO fts(rowid, {', '.join(COLUMNS)}) VALUES (?{', ?' * len(COLUMNS)})", texts)


def _codes(record: Any) -> list[tuple[str, str]]:
    own = getattr(record, "code", None) if record.kind == "rome" else None
    codes = [("code ROME", c) for c in ((own,) if own else getattr(record, "rome", ()) or ())]
    onisep = getattr(record, "onisep", None)
    return codes + ([("code ONISEP", onisep)] if onisep else [])
