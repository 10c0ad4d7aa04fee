"""The values a record's fields hold: the closed lists (levels, salary periods, programme
kinds…), salaries with their context, durations, job titles, ROME links, and the entries of the
sources registry. Frozen value classes (values.Frozen), no I/O; models.py builds the records on
them and re-exports every name here.
"""

from __future__ import annotations

from typing import Any

from esante_cli.catalog.values import Frozen

_set = object.__setattr__  # fields are set once, in __init__ (Frozen forbids it afterwards)

LEVELS: tuple[str, ...] = ("bac",) + tuple(f"bac+{n}" for n in range(1, 9))
_LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}

SALARY_PERIODS = ("mensuel", "annuel")
SALARY_PAYS = ("brut", "net", "non_precise")  # non_precise: the source does not say brut or net
# The old one-word basis (before salaries carried their context): still read, as context unknown.
SALARY_BASES = {"brut_annuel": "annuel", "brut_mensuel": "mensuel"}
DURATION_UNITS = ("annees", "heures")
SKILL_CATEGORIES = ("technique", "sante", "reglementaire", "transverse")
# What a vocabulary entry does to a query (explore/understand.py; docs/data-model.md).
VOCABULARY_ROLES = ("synonym", "means", "skill", "stop", "kind", "command", "place", "asker", "level", "profession", "workplace")
# What an `asker`, `level` or `profession` entry says of the person asking: a level, or at work.
WORKING_LEVEL = "en poste"
SEARCH_KINDS = ("career", "training", "skill", "sector", "rome")
RIASEC = ("R", "I", "A", "S", "E", "C")  # Holland's six letters, as ROME 4.0 codes its sheets
TRAINING_KINDS = (
    "bac",
    "prepa",
    "licence",
    "las",
    "master",
    "cycle_ingenieur",
    "parcours_ingenieur",
    "module",
    "du",
    "diu",
    "mastere_specialise",
    "certification",
    "formation_continue",
    "diplome",
    "doctorat",
)


def level_rank(level: str) -> int:
    """Years after the bac: `bac` → 0, `bac+5` → 5. Raises KeyError on an unknown level."""
    return _LEVEL_RANK[level]


def is_level(value: object) -> bool:
    return isinstance(value, str) and value in _LEVEL_RANK


class Salary(Frozen):
    """A salary figure in euros with its context, as its source gives it (docs/salaries.md).

    Either bound may be unknown (None). `period` is mensuel or annuel; `pay` brut, net or
    non_precise (the source does not say); `year` the year the figure describes (None: not
    said), `year_estimated` when that year is inferred from the source rather than written in
    it; `who` whom the figure describes (« débutant », « grille de la fonction publique
    hospitalière »…); `sources` the source ids that give it (empty: the record's own sources).
    """

    __slots__ = ("min", "max", "period", "pay", "year", "year_estimated", "who", "sources", "note")
    min: int | None
    max: int | None
    period: str  # one of SALARY_PERIODS
    pay: str  # one of SALARY_PAYS
    year: int | None
    year_estimated: bool
    who: str | None
    sources: tuple[str, ...]
    note: str | None

    def __init__(
        self,
        min: int | None,  # noqa: A002
        max: int | None,  # noqa: A002
        period: str,
        pay: str = "non_precise",
        year: int | None = None,
        year_estimated: bool = False,
        who: str | None = None,
        sources: tuple[str, ...] = (),
        note: str | None = None,
    ) -> None:
        _set(self, "min", min)
        _set(self, "max", max)
        _set(self, "period", period)
        _set(self, "pay", pay)
        _set(self, "year", year)
        _set(self, "year_estimated", year_estimated)
        _set(self, "who", who)
        _set(self, "sources", sources)
        _set(self, "note", note)

    @property
    def midpoint(self) -> float | None:
        if self.min is None or self.max is None:
            return None
        return (self.min + self.max) / 2

    def yearly(self) -> "Salary":
        """The same figure per year (a monthly amount × 12 payments); its context unchanged."""
        if self.period == "annuel":
            return self
        scale = lambda v: None if v is None else v * 12  # noqa: E731
        return Salary(scale(self.min), scale(self.max), "annuel", self.pay, self.year,
                      self.year_estimated, self.who, self.sources, self.note)  # fmt: skip

    def monthly(self) -> "Salary":
        """The same figure per month (a yearly amount / 12), rounded to the euro."""
        if self.period == "mensuel":
            return self
        scale = lambda v: None if v is None else round(v / 12)  # noqa: E731
        return Salary(scale(self.min), scale(self.max), "mensuel", self.pay, self.year,
                      self.year_estimated, self.who, self.sources, self.note)  # fmt: skip


class Duration(Frozen):
    __slots__ = ("value", "unit")
    value: float
    unit: str  # one of DURATION_UNITS

    def __init__(self, value: float, unit: str) -> None:
        _set(self, "value", value)
        _set(self, "unit", unit)

    @property
    def years(self) -> float | None:
        return self.value if self.unit == "annees" else None


class JobTitle(Frozen):
    __slots__ = ("title", "career")
    title: str
    career: str | None

    def __init__(self, title: str, career: str | None = None) -> None:
        _set(self, "title", title)
        _set(self, "career", career)


class Experience(Frozen):
    """What a career needs before it can be reached: not a first job (`experience` of a career)."""

    __slots__ = ("years", "note")
    years: int | None  # years of experience usually required; None when no source gives a figure
    note: str | None  # what the experience is, in our words (e.g. « comme chef de projet e-santé »)

    def __init__(self, years: int | None = None, note: str | None = None) -> None:
        _set(self, "years", years)
        _set(self, "note", note)


class ThemeLink(Frozen):
    """One of ROME's interest themes carried by a ROME sheet; `main` is ROME's « principal »."""

    __slots__ = ("theme", "main")
    theme: int  # the theme's code (InterestTheme.code), 1 … 30 in ROME 4.0
    main: bool

    def __init__(self, theme: int, main: bool = False) -> None:
        _set(self, "theme", theme)
        _set(self, "main", main)


class Group(Frozen):
    """Labels grouped as ROME groups them (« Savoir-faire », « Horaires et durée du travail »…)."""

    __slots__ = ("group", "items")
    group: str
    items: tuple[str, ...]

    def __init__(self, group: str, items: tuple[str, ...] = ()) -> None:
        _set(self, "group", group)
        _set(self, "items", items)


class RomeLink(Frozen):
    """A mobility between ROME sheets: the other sheet's code and title, and ROME's rank
    (`numero_ordre` of the sheet the mobility starts from: 1 is listed first)."""

    __slots__ = ("code", "title", "rank")
    code: str
    title: str
    rank: int | None

    def __init__(self, code: str, title: str, rank: int | None = None) -> None:
        _set(self, "code", code)
        _set(self, "title", title)
        _set(self, "rank", rank)


class Source(Frozen):
    """One entry of the sources registry (`sources:` sections, usually sources.yaml): what a
    record's `sources` ids point to. Not a record: it is not searched, shown as a card or exported
    as one; every record cites one or more of these by id."""

    __slots__ = ("id", "title", "publisher", "date", "url", "licence", "file", "note", "category", "consulted", "date_estimated")
    id: str
    title: str  # readable, never a file name
    publisher: str | None  # publisher or author, when known
    date: str | None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": the date it describes or was published
    url: str | None
    licence: str | None
    file: str | None  # the seed or imported file it is (never shown as a title)
    note: str | None
    category: str | None  # what kind of source it is when that matters to a reader: « presse », « enquête de salaires »…
    consulted: str | None  # "YYYY-MM-DD": when the page was read for the facts cited
    date_estimated: bool  # the date is inferred from the page's own words (the note says how), not printed on it

    def __init__(
        self,
        id: str,  # noqa: A002
        title: str,
        publisher: str | None = None,
        date: str | None = None,
        url: str | None = None,
        licence: str | None = None,
        file: str | None = None,
        note: str | None = None,
        category: str | None = None,
        consulted: str | None = None,
        date_estimated: bool = False,
    ) -> None:
        _set(self, "id", id)
        _set(self, "title", title)
        _set(self, "publisher", publisher)
        _set(self, "date", date)
        _set(self, "url", url)
        _set(self, "licence", licence)
        _set(self, "file", file)
        _set(self, "note", note)
        _set(self, "category", category)
        _set(self, "consulted", consulted)
        _set(self, "date_estimated", date_estimated)

    def to_dict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self._get(self)))

