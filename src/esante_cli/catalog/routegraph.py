"""The programme graph that route search walks (explore/routes.py), in compact form.

Route search needs, for every programme, a few small facts: its levels, its duration in
years, whether it counts hours, is for people at work, is open in continuing education or is
a generic step, its city and institution, the programmes it leads to and the careers it
prepares for (its own `careers`, then the careers whose sheet recommends it: what
routes.careers_of() gives). Reading them from the records would decode every programme and
every career of the catalogue; so the engine stores them with each database (engine.build()
calls `data()`) as one deflated JSON document in `meta`, columns by programme number (data
order), and a warm run reads that instead of the records. Only the routes a person sees are
then made of records (catalog.get).

    ids, entry, exit (level ranks, None when unknown), years (None when unknown or not in
    years), flags (HOURS, CONTINUING, OPEN, GENERIC), city and institution (index into
    `cities` and `institutions`, -1 when none), leads (programme numbers, in `leads_to`
    order; links to something else than a programme dropped), careers (career numbers, in
    careers_of order), career_ids, and each career's skills (career_skills: what guide weighs
    the likes' skills with, without decoding every career).

A database without it, or a damaged one, makes `of()` gather it from the records again:
slower, still right.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from esante_cli.catalog import engine
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog, level_rank

META_KEY = "routegraph"
HOURS, CONTINUING, OPEN, GENERIC = 1, 2, 4, 8
CONTINUING_MODE = "formation_continue"  # a `modes` value: open in continuing education


class RouteGraph:
    """Programmes by number (data order) and what route search reads of them."""

    __slots__ = (
        "ids", "entry", "exit", "years", "flags", "city", "institution", "leads", "careers", "career_ids",
        "cities", "institutions", "career_skills", "_number", "_career_number", "_finals", "_before", "_with_skill",
    )  # fmt: skip

    def __init__(self, data: dict[str, Any]) -> None:
        self.ids: list[str] = data["ids"]
        self.entry: list[int | None] = data["entry"]
        self.exit: list[int | None] = data["exit"]
        self.years: list[float | None] = data["years"]
        self.flags: list[int] = data["flags"]
        self.city: list[int] = data["city"]
        self.institution: list[int] = data["institution"]
        self.leads: list[list[int]] = data["leads"]
        self.careers: list[list[int]] = data["careers"]
        self.career_ids: list[str] = data["career_ids"]
        self.cities: list[str] = data["cities"]
        self.institutions: list[str] = data["institutions"]
        self.career_skills: list[list[str]] = data["career_skills"]
        if len(self.career_skills) != len(self.career_ids):
            raise ValueError("route graph shape")
        self._with_skill: dict[str, list[int]] | None = None
        n = len(self.ids)
        columns = (self.entry, self.exit, self.years, self.flags, self.city, self.institution, self.leads, self.careers)
        if any(len(c) != n for c in columns):
            raise ValueError("route graph shape")
        self._number: dict[str, int] | None = None
        self._career_number: dict[str, int] | None = None
        self._finals: list[list[int]] | None = None
        self._before: list[list[int]] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def number(self, training_id: str) -> int | None:
        if self._number is None:
            self._number = {i: n for n, i in enumerate(self.ids)}
        return self._number.get(training_id)

    def finals(self, career_id: str) -> list[int]:
        """The programmes that prepare for a career (careers_of contains it), in data order."""
        if self._career_number is None:
            self._career_number = {c: n for n, c in enumerate(self.career_ids)}
        number = self._career_number.get(career_id)
        if number is None:
            return []
        if self._finals is None:
            finals: list[list[int]] = [[] for _ in self.career_ids]
            for n, careers in enumerate(self.careers):
                for c in careers:
                    finals[c].append(n)
            self._finals = finals
        return self._finals[number]

    def with_skills(self, skills: set[str]) -> list[int]:
        """The careers (numbers, data order) that list one of these skills."""
        if not skills:
            return []
        if self._with_skill is None:
            index: dict[str, list[int]] = {}
            for c, listed in enumerate(self.career_skills):
                for skill in listed:
                    index.setdefault(skill, []).append(c)
            self._with_skill = index
        return sorted({c for s in skills for c in self._with_skill.get(s, ())})

    def before(self) -> list[list[int]]:
        """The reverse of `leads`: the programmes that lead to each one."""
        if self._before is None:
            before: list[list[int]] = [[] for _ in self.ids]
            for n, leads in enumerate(self.leads):
                for m in leads:
                    before[m].append(n)
            self._before = before
        return self._before


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
    out: dict[str, list[Any]] = {k: [] for k in ("ids", "entry", "exit", "years", "flags", "city", "institution", "leads", "careers")}
    for t in trainings:
        flags = (
            (HOURS if t.duration is not None and t.duration.unit == "heures" else 0)
            | (CONTINUING if t.continuing else 0)
            | (OPEN if t.continuing or CONTINUING_MODE in t.modes else 0)
            | (GENERIC if t.generic else 0)
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
    return {
        **out, "career_ids": list(career_number), "cities": list(cities), "institutions": list(institutions),
        "career_skills": [list(c.skills) for c in careers],
    }


def encode(graph_data: dict[str, Any]) -> bytes:
    """The stored form: deflated JSON (zlib's checksum catches a damaged value)."""
    return zlib.compress(json.dumps(graph_data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def decode(blob: bytes) -> RouteGraph:
    if not isinstance(blob, bytes):
        raise ValueError("route graph")
    value = json.loads(zlib.decompress(blob).decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError("route graph")
    return RouteGraph(value)


def _of(catalog: Catalog) -> RouteGraph:
    db = engine.database_of(catalog)
    if db is not None:
        try:
            rows = db.conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchall()
            if rows:
                return decode(rows[0][0])
        except (engine.sqlite3.Error, ValueError, TypeError, KeyError, zlib.error, UnicodeDecodeError, RecursionError):
            db.note("graphe des parcours illisible dans la base : refait depuis les fiches")
    return RouteGraph(data(catalog))


# The catalogue's route graph: read from its database when it has one, else gathered; kept while
# the catalogue is in use (the last few catalogues).
of = PerCatalog(_of)
