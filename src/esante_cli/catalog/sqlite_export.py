"""`esante export --format sqlite FILE`: the catalogue as a plain SQLite database that sqlite3,
sqlite-utils or Datasette open directly (the tables are described in docs/sqlite-export.md).

Unlike the engine's database (engine.py: records as JSON, an FTS index, keyed caches), this one
is made for people: one table per kind with a column per field (nested values flattened:
`salary_min`, `duration_value`…; lists as JSON arrays, which SQLite's json_each() reads), a
`links` table for every reference between records (and every source a record cites), and the
sources registry. Written to a temporary file beside FILE and moved into place, so FILE is
either the old file or the whole new one.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable

from esante_cli.catalog.models import RECORD_TYPES, Catalog, Duration, Frozen, JobTitle, Record, Salary, Source, field_names
from esante_cli.catalog.specs import RENAMES, SPECS

TABLES = {cls.kind: section for section, cls in RECORD_TYPES.items()}  # career -> careers, …
_NESTED = {Salary: ("min", "max", "period", "pay", "year", "who", "note"), Duration: ("value", "unit")}


def _columns(cls: type[Record]) -> list[tuple[str, str]]:
    """(column, SQL type) of a kind's table: the model's fields, nested ones flattened."""
    hints = {"id": "TEXT PRIMARY KEY"}
    out = []
    for name in field_names(cls):
        spec = _spec(cls, name)
        if spec.startswith("salary"):
            # (the Salary's own note is `salary_comment`: careers also have a `salary_note` field)
            out += [("salary_min", "INTEGER"), ("salary_max", "INTEGER"), ("salary_period", "TEXT"), ("salary_pay", "TEXT"),
                    ("salary_year", "INTEGER"), ("salary_who", "TEXT"), ("salary_comment", "TEXT")]  # fmt: skip
        elif spec.startswith("duration"):
            out += [("duration_value", "REAL"), ("duration_unit", "TEXT")]
        elif spec.startswith("num") or name in ("value", "growth_5y"):
            out.append((name, "REAL"))
        elif name in ("year",):
            out.append((name, "INTEGER"))
        elif name in ("continuing", "generic"):
            out.append((name, "INTEGER"))  # 0 or 1
        else:
            out.append((name, hints.get(name, "TEXT")))
    return out


def _spec(cls: type[Record], field: str) -> str:
    """The schema spec of a model field ("[ref:skill]", "salary?", …), "" when it has none."""
    section = TABLES[cls.kind]
    for key, spec in SPECS[section].items():
        if RENAMES.get(key, key) == field:
            return spec
    if field in ("rome", "onisep"):
        return "code"
    return ""


def _cells(record: Record) -> list[Any]:
    out: list[Any] = []
    for name in field_names(type(record)):
        value = getattr(record, name)
        spec = _spec(type(record), name)
        if spec.startswith(("salary", "duration")):
            parts = _NESTED[Salary if spec.startswith("salary") else Duration]
            out += [getattr(value, p) if value is not None else None for p in parts]
        elif isinstance(value, bool):
            out.append(int(value))
        elif isinstance(value, tuple):
            out.append(json.dumps([_plain(v) for v in value], ensure_ascii=False))
        elif isinstance(value, Frozen):
            out.append(json.dumps(_plain(value), ensure_ascii=False))
        else:
            out.append(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Frozen):
        return {name: _plain(getattr(value, name)) for name in field_names(value)}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def links(catalog: Catalog, kinds: Iterable[str]) -> list[tuple[str, str, str, str, str]]:
    """(from id, from kind, relation, to id, to kind): every reference of the selected records
    (skills, sectors, evolutions, related, trainings, leads_to, careers, job_titles) and every
    source they cite (relation "sources", to kind "source")."""
    wanted = set(kinds)
    out = []
    for record in catalog:
        if record.kind not in wanted:
            continue
        cls = type(record)
        for name in field_names(cls):
            spec = _spec(cls, name)
            value = getattr(record, name)
            if spec.startswith("[ref:"):
                out += [(record.id, record.kind, name, ref, spec[5:-1]) for ref in value]
            elif name == "job_titles":
                out += [(record.id, record.kind, name, j.career, "career") for j in value if isinstance(j, JobTitle) and j.career]
        out += [(record.id, record.kind, "sources", s, "source") for s in record.sources]
    return out


def write(catalog: Catalog, kinds: Iterable[str], path: Path, journal: Any = None) -> dict[str, int]:
    """Write the database at `path` (replacing it); returns the row count of each table."""
    from esante_cli.catalog.outfile import replace_file

    kinds = list(kinds)

    def build(tmp: Path) -> dict[str, int]:
        try:
            return _fill(catalog, kinds, tmp)
        except sqlite3.Error as exc:  # SQLite's own words: the system reason they stand for (errors.reason)
            import errno

            text = str(exc)
            code = errno.ENOSPC if "full" in text else errno.EROFS if "readonly" in text else errno.EIO
            raise OSError(code, text) from None

    return replace_file(path, build, "la base SQLite", "catalogue.db", journal)


def _fill(catalog: Catalog, kinds: list[str], tmp: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    conn = sqlite3.connect(tmp)
    try:
        with conn:
            for section, cls in RECORD_TYPES.items():
                if cls.kind not in kinds:
                    continue
                columns = _columns(cls)
                conn.execute(f"CREATE TABLE {section} ({', '.join(f'{c} {t}' for c, t in columns)})")
                rows = [_cells(r) for r in catalog if r.kind == cls.kind]
                conn.executemany(f"INSERT INTO {section} VALUES ({', '.join('?' * len(columns))})", rows)
                counts[section] = len(rows)
            conn.execute("CREATE TABLE links (from_id TEXT NOT NULL, from_kind TEXT NOT NULL, relation TEXT NOT NULL, "
                         "to_id TEXT NOT NULL, to_kind TEXT NOT NULL)")
            rows = links(catalog, kinds)
            conn.executemany("INSERT INTO links VALUES (?, ?, ?, ?, ?)", rows)
            conn.execute("CREATE INDEX links_from ON links(from_id)")
            conn.execute("CREATE INDEX links_to ON links(to_id)")
            counts["links"] = len(rows)
            fields = field_names(Source)
            conn.execute(f"CREATE TABLE sources ({', '.join(f'{f} TEXT' + (' PRIMARY KEY' if f == 'id' else '') for f in fields)})")
            conn.executemany(f"INSERT INTO sources VALUES ({', '.join('?' * len(fields))})",
                             [[getattr(s, f) for f in fields] for s in catalog.sources])
            counts["sources"] = len(catalog.sources)
    finally:
        conn.close()
    return counts
