"""Records of the catalogue: plain frozen dataclasses, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Iterator

LEVELS: tuple[str, ...] = ("bac",) + tuple(f"bac+{n}" for n in range(1, 9))
_LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}

SALARY_BASES = ("brut_annuel", "brut_mensuel")
DURATION_UNITS = ("annees", "heures")
SKILL_CATEGORIES = ("technique", "sante", "reglementaire", "transverse")
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
    "mastere_specialise",
    "certification",
    "formation_continue",
)


def level_rank(level: str) -> int:
    """Years after the bac: `bac` → 0, `bac+5` → 5. Raises KeyError on an unknown level."""
    return _LEVEL_RANK[level]


def is_level(value: object) -> bool:
    return isinstance(value, str) and value in _LEVEL_RANK


@dataclass(frozen=True, slots=True)
class Salary:
    """A starting salary in euros; either bound may be unknown (None)."""

    min: int | None
    max: int | None
    basis: str  # one of SALARY_BASES
    note: str | None = None

    @property
    def midpoint(self) -> float | None:
        if self.min is None or self.max is None:
            return None
        return (self.min + self.max) / 2

    def yearly(self) -> "Salary":
        """The same salary on a gross-per-year basis (12 monthly payments)."""
        if self.basis == "brut_annuel":
            return self
        scale = lambda v: None if v is None else v * 12  # noqa: E731
        return Salary(scale(self.min), scale(self.max), "brut_annuel", self.note)


@dataclass(frozen=True, slots=True)
class Duration:
    value: float
    unit: str  # one of DURATION_UNITS

    @property
    def years(self) -> float | None:
        return self.value if self.unit == "annees" else None


@dataclass(frozen=True, slots=True)
class JobTitle:
    title: str
    career: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    """Fields every record has."""

    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""  # French name of the kind, for display

    id: str
    name: str
    sources: tuple[str, ...]
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: kind first, then fields in declaration order."""
        out: dict[str, Any] = {"kind": self.kind}
        for f in fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (Salary, Duration, JobTitle)):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class Career(Record):
    kind: ClassVar[str] = "career"
    label: ClassVar[str] = "métier"

    feminine: str | None = None
    masculine: str | None = None
    other_titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    rome: tuple[str, ...] = ()
    onisep: str | None = None
    missions: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    entry_level: str | None = None
    salary: Salary | None = None
    sectors: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    evolutions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    trainings: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Training(Record):
    kind: ClassVar[str] = "training"
    label: ClassVar[str] = "formation"

    training_kind: str = ""
    institution: str | None = None
    city: str | None = None
    entry_level: str | None = None
    exit_level: str | None = None
    duration: Duration | None = None
    leads_to: tuple[str, ...] = ()
    careers: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    onisep: str | None = None
    modes: tuple[str, ...] = ()
    continuing: bool = False
    generic: bool = False


@dataclass(frozen=True, slots=True)
class Skill(Record):
    kind: ClassVar[str] = "skill"
    label: ClassVar[str] = "compétence"

    category: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Sector(Record):
    kind: ClassVar[str] = "sector"
    label: ClassVar[str] = "secteur"

    salary: Salary | None = None
    growth_5y: float | None = None
    job_titles: tuple[JobTitle, ...] = ()


@dataclass(frozen=True, slots=True)
class MarketFigure(Record):
    kind: ClassVar[str] = "market"
    label: ClassVar[str] = "chiffre"

    value: float = 0
    unit: str = ""
    year: int | None = None
    horizon: str | None = None
    scope: str | None = None
    note: str | None = None


RECORD_TYPES: dict[str, type[Record]] = {
    "careers": Career,
    "trainings": Training,
    "skills": Skill,
    "sectors": Sector,
    "market": MarketFigure,
}
KIND_BY_NAME = {cls.kind: cls for cls in RECORD_TYPES.values()}


@dataclass(frozen=True)
class Catalog:
    """Every record, by id (ids are unique across kinds), in data-file order."""

    records: dict[str, Record] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def of(self, cls: type[Record]) -> list[Record]:
        return [r for r in self.records.values() if type(r) is cls]

    @property
    def careers(self) -> list[Career]:
        return self.of(Career)  # type: ignore[return-value]

    @property
    def trainings(self) -> list[Training]:
        return self.of(Training)  # type: ignore[return-value]

    @property
    def skills(self) -> list[Skill]:
        return self.of(Skill)  # type: ignore[return-value]

    @property
    def sectors(self) -> list[Sector]:
        return self.of(Sector)  # type: ignore[return-value]

    @property
    def market(self) -> list[MarketFigure]:
        return self.of(MarketFigure)  # type: ignore[return-value]

    def counts(self) -> dict[str, int]:
        return {cls.kind: len(self.of(cls)) for cls in RECORD_TYPES.values()}

    def name_of(self, record_id: str) -> str:
        record = self.records.get(record_id)
        return record.name if record else record_id

    def origins(self, career_id: str) -> list[Career]:
        """Careers whose evolutions lead to this one (the reverse of `evolutions`)."""
        return [c for c in self.careers if career_id in c.evolutions]
