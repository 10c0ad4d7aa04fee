"""The programme graph that route search walks (explore/routes.py), in compact form.

Route search needs, for every programme, a few small facts: its levels, its duration in
years, whether it counts hours, is for people at work, is open in continuing education or is
a generic step, its city and institution, the programmes it leads to and the careers it
prepares for (its own `careers`, then the careers whose sheet recommends it: what
routes.careers_of() gives). Reading them from the records would decode every programme and
every career of the catalogue; so the engine stores them with each database (indexbuild.build()
calls `data()` and `encode()`), one `meta` row per column by programme number (data order):
numbers as machine arrays (read without parsing), names as JSON, a CRC-32 each. A warm run
reads only the columns its search uses, and only the routes a person sees are then made of
records (catalog.get).

    ids, entry, exit (level ranks, None when unknown), years (None when unknown or not in
    years), flags (HOURS, CONTINUING, OPEN, GENERIC, ENDS: see ends_a_route), city and institution (index into
    `cities` and `institutions`, -1 when none), leads (programme numbers, in `leads_to`
    order; links to something else than a programme dropped), careers (career numbers, in
    careers_of order), before (the reverse of leads), finals (per career, the programmes that
    prepare for it), career_ids, each career's folded name and flags (career_names,
    career_flags: EXPERIENCE) and skills (career_skills, numbers into `skills`): what guide ranks
    the likes' careers and weighs their skills with, without decoding every career; and
    bad_links (whether a link breaks the level rule: routes then look for the links to report).
    Lists of strings (ids, career_ids, career_names) are stored as one text and its offsets
    (`Ragged`), read one string at a time.

A database without it, or a damaged one, makes `of()` gather it from the records again:
slower, still right.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from array import array
from typing import Any, Callable

from esante_cli.catalog import database
from esante_cli.catalog.folding import fold
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog, level_rank

META_KEY = "routegraph"
NAN = float("nan")
HOURS, CONTINUING, OPEN, GENERIC, ENDS = 1, 2, 4, 8, 16
CONTINUING_MODE = "formation_continue"  # a `modes` value: open in continuing education


# Columns stored as machine arrays (typecode), read without parsing: a column of 60,000
# programmes is one memcpy. Unknown levels are -1 and unknown years NaN in storage, None in use.
ARRAYS = {
    "entry": "b", "exit": "b", "years": "d", "flags": "B", "city": "i", "institution": "i",
    "leads": "i", "before": "i", "careers": "i", "finals": "i", "career_skills": "i", "career_flags": "B",
}  # fmt: skip
LISTS = ("leads", "before", "careers", "finals", "career_skills")  # lists of lists: offsets, then the flat values
PER_CAREER = ("finals", "career_skills", "career_flags")  # columns by career number, not programme number
# Lists of strings kept as one text and where each starts (Ragged; read one by one: JSON of 60,000 ids
# took 15 ms to parse at 100,000 records, of 12,000 careers' names 11 ms).
STRINGS = ("ids", "career_ids", "career_names")
TEXTS = ("cities", "institutions", "skills", "bad_links")  # JSON
EXPERIENCE = 1  # career_flags: a career reached only with experience (`experience` set)


class RouteGraph:
    """Programmes by number (data order) and what route search reads of them. Each column is
    read (from the database, or the data gathered in memory) when first used."""

    def __init__(self, part: Callable[[str], Any]) -> None:
        self._part = part  # name → the column, decoded
        self.memo: dict[Any, Any] = {}  # what searches work out once per graph (node sets…)
        self._number: dict[str, int] | None = None
        self._career_number: dict[str, int] | None = None

    # Columns: ids, entry, exit, years, flags, city, institution, leads, careers (career numbers
    # per programme), career_ids, cities, institutions, skills, career_skills, career_names,
    # career_flags, bad_links (whether some link breaks the level rule). Each is read on first
    # use, then a plain attribute.
    def __getattr__(self, name: str) -> Any:
        column = name[: -len("_column")] if name.endswith("_column") else name  # finals, before: methods
        if column not in ARRAYS and column not in TEXTS and column not in STRINGS:
            raise AttributeError(name)
        value = self._part(column)
        setattr(self, name, value)
        return value

    def __len__(self) -> int:
        return len(self.flags)

    def number(self, training_id: str) -> int | None:
        if self._number is None:
            self._number = {i: n for n, i in enumerate(self.ids)}
        return self._number.get(training_id)

    def career_number(self, career_id: str) -> int | None:
        """A career's number (data order), the index of the career_… columns."""
        if self._career_number is None:
            self._career_number = {c: n for n, c in enumerate(self.career_ids)}
        return self._career_number.get(career_id)

    def finals(self, career_id: str) -> list[int]:
        """The programmes that prepare for a career (careers_of contains it), in data order."""
        number = self.career_number(career_id)
        return [] if number is None else self.finals_column[number]

    def with_skills(self, skills: set[str]) -> list[int]:
        """The careers (numbers, data order) that list one of these skills."""
        wanted = {k for k, skill in enumerate(self.skills) if skill in skills} if skills else set()
        if not wanted:
            return []
        listed = self.career_skills
        return [c for c in range(len(listed)) if not wanted.isdisjoint(listed[c])]

    def skills_of(self, career: int) -> list[str]:
        """A career's skill ids, in its own order."""
        names = self.skills
        return [names[k] for k in self.career_skills[career]]

    def before(self) -> Any:
        """The reverse of `leads`: the programmes that lead to each one."""
        return self.before_column



def data(catalog: Catalog) -> dict[str, Any]:
    """The graph of a catalogue as plain lists (see the module docstring)."""
    trainings = catalog.trainings
    careers = catalog.careers
    number = {t.id: n for n, t in enumerate(trainings)}
    career_number = {c.id: n for n, c in enumerate(careers)}
    recommended: dict[str, list[int]] = {}  # programme id → careers whose sheet lists it, in data order
    for c in careers:
        for tid in c.trainings:
            listed = recommended.setdefault(tid, [])
            if not listed or listed[-1] != career_number[c.id]:
                listed.append(career_number[c.id])
    cities: dict[str, int] = {}
    institutions: dict[str, int] = {}
    skills: dict[str, int] = {}
    career_skills = [[skills.setdefault(s, len(skills)) for s in c.skills] for c in careers]
    out: dict[str, list[Any]] = {k: [] for k in ("ids", "entry", "exit", "years", "flags", "city", "institution", "leads", "careers")}
    for t in trainings:
        flags = (
            (HOURS if t.duration is not None and t.duration.unit == "heures" else 0)
            | (CONTINUING if t.continuing else 0)
            | (OPEN if t.continuing or CONTINUING_MODE in t.modes else 0)
            | (GENERIC if t.generic else 0)
            | (ENDS if ends_a_route(catalog, t) else 0)
        )
        own = [career_number[i] for i in dict.fromkeys(t.careers) if i in career_number]
        seen = set(own)
        out["ids"].append(t.id)
        out["entry"].append(None if t.entry_level is None else level_rank(t.entry_level))
        out["exit"].append(None if t.exit_level is None else level_rank(t.exit_level))
        out["years"].append(None if t.duration is None else t.duration.years)
        out["flags"].append(flags)
        out["city"].append(-1 if not t.city else cities.setdefault(t.city, len(cities)))
        out["institution"].append(-1 if not t.institution else institutions.setdefault(t.institution, len(institutions)))
        out["leads"].append([number[i] for i in t.leads_to if i in number])
        out["careers"].append(own + [c for c in recommended.get(t.id, ()) if c not in seen])
    before: list[list[int]] = [[] for _ in trainings]
    for n, leads in enumerate(out["leads"]):
        for m in leads:
            before[m].append(n)
    finals: list[list[int]] = [[] for _ in careers]
    for n, prepared in enumerate(out["careers"]):
        for c in prepared:
            finals[c].append(n)
    return {
        **out, "before": before, "finals": finals, "bad_links": _bad_links(out),
        "career_ids": list(career_number), "cities": list(cities), "institutions": list(institutions),
        "career_skills": career_skills, "skills": list(skills),
        "career_names": [fold(c.name) for c in careers],
        "career_flags": [EXPERIENCE if c.experience is not None else 0 for c in careers],
    }


def ends_a_route(catalog: Catalog, training: Any) -> bool:
    """A route to « any level » ends at a diploma: not at a generic step that leads on (prépa,
    « licence »), a LAS year, nor a year on the way to a track of the same school (ESIEE's first
    engineering year). The flag ENDS (explore/routes.py: degree routes with no target level)."""
    if training.training_kind in ("prepa", "las") or (training.generic and training.leads_to):
        return False
    nexts = [catalog.get(i) for i in training.leads_to]
    return not nexts or any(n is None or n.institution != training.institution for n in nexts)


def _bad_links(out: dict[str, list[Any]]) -> bool:
    """Whether a link between degree steps breaks the level rule (routes.goes_up): none in
    checked data, so route search need not look for them."""
    flags, entry, exit_ = out["flags"], out["entry"], out["exit"]

    def step(n: int) -> bool:
        return not flags[n] & (HOURS | CONTINUING) and exit_[n] is not None

    for u, leads in enumerate(out["leads"]):
        if not step(u):
            continue
        for v in leads:
            if step(v) and (exit_[v] <= exit_[u] or (entry[v] is not None and entry[v] < exit_[u])):
                return True
    return False


class Ragged:
    """A list of lists kept flat (`values`, and where each list starts, as read: machine arrays):
    `ragged[n]` is the n-th list, sliced when asked (making 60,000 small lists up front costs
    more than a search). A list of strings is kept the same way, `values` being one text."""

    __slots__ = ("bounds", "values")

    def __init__(self, bounds: Any, values: Any) -> None:
        self.bounds, self.values = bounds, values

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def __getitem__(self, n: Any) -> Any:
        if isinstance(n, slice):
            return [self[i] for i in range(*n.indices(len(self)))]
        return self.values[self.bounds[n] : self.bounds[n + 1]]

    def __iter__(self) -> Any:
        return (self[n] for n in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return [list(v) for v in self] == [list(v) for v in other]  # type: ignore[attr-defined]


def encode(graph_data: dict[str, Any]) -> dict[str, bytes]:
    """The stored form: one `meta` row per column (META_KEY + "." + name), and under META_KEY
    their CRC-32s (a damaged column is seen, never read as routes)."""
    rows: dict[str, bytes] = {}
    for name, code in ARRAYS.items():
        values = graph_data[name]
        if name in LISTS:
            offsets, flat = [0], []
            for item in values:
                flat += item
                offsets.append(len(flat))
            rows[name] = array("i", offsets).tobytes() + array(code, flat).tobytes()
        elif name == "years":
            rows[name] = array(code, [NAN if v is None else v for v in values]).tobytes()
        elif name in ("entry", "exit"):
            rows[name] = array(code, [-1 if v is None else v for v in values]).tobytes()
        else:
            rows[name] = array(code, values).tobytes()
    for name in STRINGS:
        values = graph_data[name]
        offsets = [0]
        for value in values:
            offsets.append(offsets[-1] + len(value))
        rows[name] = array("i", offsets).tobytes() + "".join(values).encode("utf-8")
    for name in TEXTS:
        rows[name] = json.dumps(graph_data[name], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {
        "format": 2, "count": len(graph_data["flags"]), "crc": {name: zlib.crc32(b) for name, b in rows.items()},
        "lengths": {name: len(graph_data[name]) for name in (*ARRAYS, *STRINGS)},
    }
    out = {f"{META_KEY}.{name}": b for name, b in rows.items()}
    out[META_KEY] = json.dumps(header).encode("utf-8")
    return out


def decode(name: str, blob: bytes, count: int) -> Any:
    """One stored column as route search uses it (`count`: its length)."""
    if name in TEXTS:
        return json.loads(blob.decode("utf-8"))
    if name in STRINGS:
        offsets = array("i")
        offsets.frombytes(blob[: 4 * (count + 1)])
        strings = Ragged(offsets, blob[4 * len(offsets) :].decode("utf-8"))
        if len(offsets) != count + 1 or offsets[-1] != len(strings.values):
            raise ValueError(f"route graph column {name}")
        return strings
    code = ARRAYS[name]
    if name in LISTS:
        offsets = array("i")
        offsets.frombytes(blob[: 4 * (count + 1)])
        flat = array(code)
        flat.frombytes(blob[4 * len(offsets) :])
        ragged = Ragged(offsets, flat)
        if len(ragged.bounds) != count + 1 or ragged.bounds[-1] != len(ragged.values):
            raise ValueError(f"route graph column {name}")
        return ragged
    column = array(code)
    column.frombytes(blob)
    if name == "years":
        return [None if v != v else v for v in column.tolist()]
    if name in ("entry", "exit"):
        return [None if v < 0 else v for v in column.tolist()]
    return column.tolist()


def _of(catalog: Catalog) -> RouteGraph:
    db = database.database_of(catalog)
    if db is not None:
        try:
            rows = db.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchall()
            if rows:
                header = json.loads(bytes(rows[0][0]).decode("utf-8"))
                return RouteGraph(_stored(catalog, db, header))
        except _BROKEN:
            pass
    gathered = data(catalog)
    return RouteGraph(gathered.__getitem__)


_BROKEN = (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, zlib.error, UnicodeDecodeError, RecursionError)


def _stored(catalog: Catalog, db: Any, header: dict[str, Any]) -> Callable[[str], Any]:
    """Columns read from the database one by one; a damaged one makes every column come from
    the records instead (once), with a line for --debug."""
    count, crcs, lengths = int(header["count"]), header["crc"], header["lengths"]
    if header.get("format") != 2 or not isinstance(crcs, dict):
        raise ValueError("route graph header")
    gathered: dict[str, Any] = {}

    def part(name: str) -> Any:
        if gathered:
            return gathered[name]
        try:
            row = db.conn.execute("SELECT value FROM meta WHERE key = ?", (f"{META_KEY}.{name}",)).fetchone()
            blob = bytes(row[0])
            if zlib.crc32(blob) != crcs[name]:
                raise ValueError(f"route graph column {name}: checksum")
            length = int(lengths[name]) if name in ARRAYS or name in STRINGS else 0
            value = decode(name, blob, length)
            if name in ARRAYS and (len(value) != length or (name not in PER_CAREER and length != count)):
                raise ValueError(f"route graph column {name}: length")
            return value
        except _BROKEN as exc:
            db.note(f"graphe des parcours illisible dans la base ({exc}) : refait depuis les fiches")
            gathered.update(data(catalog))
            return gathered[name]

    return part


# The catalogue's route graph: read from its database when it has one, else gathered; kept while
# the catalogue is in use (the last few catalogues).
of = PerCatalog(_of)
