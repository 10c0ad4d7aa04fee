"""Records of the catalogue: frozen value classes (values.Frozen, dataclass-compatible), and the
Catalog over a mapping of them (a dict, or database.Records reading them from SQLite as asked)."""

from __future__ import annotations

from typing import Any, ClassVar, Iterator

from esante_cli.catalog.fieldvalues import (  # noqa: F401 (re-exported: the models' one namespace)
    LEVELS,
    SALARY_PERIODS,
    SALARY_PAYS,
    SALARY_BASES,
    DURATION_UNITS,
    SKILL_CATEGORIES,
    VOCABULARY_ROLES,
    WORKING_LEVEL,
    SEARCH_KINDS,
    RIASEC,
    TRAINING_KINDS,
    level_rank,
    is_level,
    Salary,
    Duration,
    JobTitle,
    Experience,
    ThemeLink,
    Group,
    RomeLink,
    Source,
)
from esante_cli.catalog.values import Frozen, field_names  # noqa: F401 (re-exported)

_set = object.__setattr__  # fields are set once, in __init__ (Frozen forbids it afterwards)


class Record(Frozen):
    """Fields every record has."""

    __slots__ = ("id", "name", "sources", "summary")
    kind: ClassVar[str] = ""
    label: ClassVar[str] = ""  # French name of the kind, for display

    id: str
    name: str
    sources: tuple[str, ...]
    summary: str | None

    def __init__(self, id: str, name: str, sources: tuple[str, ...], summary: str | None = None) -> None:  # noqa: A002
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: kind first, then fields in declaration order."""
        out: dict[str, Any] = {"kind": self.kind}
        for name, value in zip(self._fields, self._get(self)):
            out[name] = _plain(value)
        return out


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, (Salary, Duration, JobTitle, Experience, ThemeLink, Group, RomeLink)):
        return {k: _plain(v) for k, v in zip(value._fields, value._get(value))}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Career(Record):
    __slots__ = (
        "feminine", "masculine", "other_titles", "aliases", "rome", "onisep", "missions", "skills",
        "entry_level", "salary", "sectors", "employers", "statuses", "evolutions", "related",
        "trainings", "interests", "entry_level_note", "salary_note", "sector_names",
        "experience", "salary_sectors", "other_evolutions",
    )  # fmt: skip
    kind: ClassVar[str] = "career"
    label: ClassVar[str] = "métier"

    feminine: str | None
    masculine: str | None
    other_titles: tuple[str, ...]
    aliases: tuple[str, ...]
    rome: tuple[str, ...]
    onisep: str | None
    missions: tuple[str, ...]
    skills: tuple[str, ...]
    entry_level: str | None
    salary: Salary | None
    sectors: tuple[str, ...]
    employers: tuple[str, ...]
    statuses: tuple[str, ...]
    evolutions: tuple[str, ...]
    related: tuple[str, ...]
    trainings: tuple[str, ...]
    interests: tuple[str, ...]
    entry_level_note: str | None  # the level as a source words it, when it is not on the bac … bac+8 scale
    salary_note: str | None  # what a source says of the starting pay when it gives no figure
    sector_names: tuple[str, ...]  # sectors named as text (an import), not records of the catalogue
    experience: Experience | None  # None: an entry career (a first job)
    salary_sectors: tuple[str, ...]  # sectors whose starting-salary figure is this career's (seed 000's table)
    other_evolutions: tuple[str, ...]  # evolutions the sources name that are not careers of the catalogue

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        feminine: str | None = None,
        masculine: str | None = None,
        other_titles: tuple[str, ...] = (),
        aliases: tuple[str, ...] = (),
        rome: tuple[str, ...] = (),
        onisep: str | None = None,
        missions: tuple[str, ...] = (),
        skills: tuple[str, ...] = (),
        entry_level: str | None = None,
        salary: Salary | None = None,
        sectors: tuple[str, ...] = (),
        employers: tuple[str, ...] = (),
        statuses: tuple[str, ...] = (),
        evolutions: tuple[str, ...] = (),
        related: tuple[str, ...] = (),
        trainings: tuple[str, ...] = (),
        interests: tuple[str, ...] = (),
        entry_level_note: str | None = None,
        salary_note: str | None = None,
        sector_names: tuple[str, ...] = (),
        experience: Experience | None = None,
        salary_sectors: tuple[str, ...] = (),
        other_evolutions: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "feminine", feminine)
        _set(self, "masculine", masculine)
        _set(self, "other_titles", other_titles)
        _set(self, "aliases", aliases)
        _set(self, "rome", rome)
        _set(self, "onisep", onisep)
        _set(self, "missions", missions)
        _set(self, "skills", skills)
        _set(self, "entry_level", entry_level)
        _set(self, "salary", salary)
        _set(self, "sectors", sectors)
        _set(self, "employers", employers)
        _set(self, "statuses", statuses)
        _set(self, "evolutions", evolutions)
        _set(self, "related", related)
        _set(self, "trainings", trainings)
        _set(self, "interests", interests)
        _set(self, "entry_level_note", entry_level_note)
        _set(self, "salary_note", salary_note)
        _set(self, "sector_names", sector_names)
        _set(self, "experience", experience)
        _set(self, "salary_sectors", salary_sectors)
        _set(self, "other_evolutions", other_evolutions)


class Training(Record):
    __slots__ = (
        "training_kind", "institution", "city", "entry_level", "exit_level", "duration", "leads_to",
        "careers", "labels", "onisep", "modes", "continuing", "generic", "part_of", "careers_after_experience",
    )  # fmt: skip
    kind: ClassVar[str] = "training"
    label: ClassVar[str] = "formation"

    training_kind: str
    institution: str | None
    city: str | None
    entry_level: str | None
    exit_level: str | None
    duration: Duration | None
    leads_to: tuple[str, ...]
    careers: tuple[str, ...]
    labels: tuple[str, ...]
    onisep: str | None
    modes: tuple[str, ...]
    continuing: bool
    generic: bool
    part_of: tuple[str, ...]  # programmes this one is a part of (a module of a track)
    careers_after_experience: tuple[str, ...]  # of `careers`, those reached only after working first

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        training_kind: str = "",
        institution: str | None = None,
        city: str | None = None,
        entry_level: str | None = None,
        exit_level: str | None = None,
        duration: Duration | None = None,
        leads_to: tuple[str, ...] = (),
        careers: tuple[str, ...] = (),
        labels: tuple[str, ...] = (),
        onisep: str | None = None,
        modes: tuple[str, ...] = (),
        continuing: bool = False,
        generic: bool = False,
        part_of: tuple[str, ...] = (),
        careers_after_experience: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "training_kind", training_kind)
        _set(self, "institution", institution)
        _set(self, "city", city)
        _set(self, "entry_level", entry_level)
        _set(self, "exit_level", exit_level)
        _set(self, "duration", duration)
        _set(self, "leads_to", leads_to)
        _set(self, "careers", careers)
        _set(self, "labels", labels)
        _set(self, "onisep", onisep)
        _set(self, "modes", modes)
        _set(self, "continuing", continuing)
        _set(self, "generic", generic)
        _set(self, "part_of", part_of)
        _set(self, "careers_after_experience", careers_after_experience)

    @property
    def online_only(self) -> bool:
        """Taught entirely at a distance: no city given and the mode `a_distance` (docs/data-model.md)."""
        return self.city is None and "a_distance" in self.modes


class Skill(Record):
    __slots__ = ("category", "aliases")
    kind: ClassVar[str] = "skill"
    label: ClassVar[str] = "compétence"

    category: str
    aliases: tuple[str, ...]

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        category: str = "",
        aliases: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "category", category)
        _set(self, "aliases", aliases)


class Sector(Record):
    __slots__ = ("salary", "growth_5y", "job_titles")
    kind: ClassVar[str] = "sector"
    label: ClassVar[str] = "secteur"

    salary: Salary | None
    growth_5y: float | None
    job_titles: tuple[JobTitle, ...]

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        salary: Salary | None = None,
        growth_5y: float | None = None,
        job_titles: tuple[JobTitle, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "salary", salary)
        _set(self, "growth_5y", growth_5y)
        _set(self, "job_titles", job_titles)


class MarketFigure(Record):
    __slots__ = ("value", "unit", "year", "horizon", "scope", "note")
    kind: ClassVar[str] = "market"
    label: ClassVar[str] = "chiffre"

    value: float
    unit: str
    year: int | None
    horizon: str | None
    scope: str | None
    note: str | None

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        value: float = 0,
        unit: str = "",
        year: int | None = None,
        horizon: str | None = None,
        scope: str | None = None,
        note: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "value", value)
        _set(self, "unit", unit)
        _set(self, "year", year)
        _set(self, "horizon", horizon)
        _set(self, "scope", scope)
        _set(self, "note", note)


class VocabularyEntry(Record):
    """How people word things, not a fact about e-health: a synonym, a tool and its skills, an
    English word, a filler word, a word naming a kind of record or a command, a place name.
    Linguistic data: `sources` is optional (see docs/data-model.md)."""

    __slots__ = ("role", "words", "means", "skills", "kinds", "command", "hint", "level")
    kind: ClassVar[str] = "vocabulary"
    label: ClassVar[str] = "vocabulaire"

    role: str  # one of VOCABULARY_ROLES
    words: tuple[str, ...]  # words or phrases as people type them
    means: tuple[str, ...]  # role "means": what they stand for in the catalogue's words
    skills: tuple[str, ...]  # role "skill": skill ids
    kinds: tuple[str, ...]  # role "kind": record kinds (SEARCH_KINDS)
    command: str | None  # role "command": the command that answers, as typed
    hint: str | None  # role "command": the sentence shown, in French
    level: str | None  # roles "asker", "level", "profession": the asker's level (LEVELS) or WORKING_LEVEL

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str = "",
        sources: tuple[str, ...] = (),
        summary: str | None = None,
        role: str = "",
        words: tuple[str, ...] = (),
        means: tuple[str, ...] = (),
        skills: tuple[str, ...] = (),
        kinds: tuple[str, ...] = (),
        command: str | None = None,
        hint: str | None = None,
        level: str | None = None,
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name or (words[0] if words else id))
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "role", role)
        _set(self, "words", words)
        _set(self, "means", means)
        _set(self, "skills", skills)
        _set(self, "kinds", kinds)
        _set(self, "command", command)
        _set(self, "hint", hint)
        _set(self, "level", level)


class RomeSheet(Record):
    """A sheet of ROME 4.0 (France Travail's national job reference): names and labels as ROME
    gives them. `summary` is our own words (often none); `definition` and `access` are ROME's own
    sentences, present only in a user's own import (never in the shipped slice)."""

    __slots__ = (
        "code", "feminine", "masculine", "appellations", "riasec_major", "riasec_minor", "interests",
        "cadre", "regulated", "digital_transition", "domain", "parent", "parent_title", "skills", "contexts", "sectors",
        "naf_sectors", "mobilities", "origins", "definition", "access",
    )  # fmt: skip
    kind: ClassVar[str] = "rome"
    label: ClassVar[str] = "fiche ROME"

    code: str  # M1880
    feminine: str | None
    masculine: str | None
    appellations: tuple[str, ...]  # every job title of the sheet (« Ingénieur / Ingénieure e-santé »)
    riasec_major: str | None  # one of RIASEC
    riasec_minor: str | None
    interests: tuple[ThemeLink, ...]  # main theme first
    cadre: bool
    regulated: bool
    digital_transition: bool
    domain: str | None  # ROME's professional domain (« Systèmes d'information et de télécommunication »)
    parent: str | None  # code_rome_parent, when it is another sheet
    parent_title: str | None  # its ROME title (shown when the parent is not in the catalogue)
    skills: tuple[Group, ...]  # savoir-faire, savoir-être, savoirs by category
    contexts: tuple[Group, ...]  # work contexts by type
    sectors: tuple[str, ...]  # activity sectors (main first)
    naf_sectors: tuple[str, ...]
    mobilities: tuple[RomeLink, ...]  # toward: the sheets this one leads to, ROME's order
    origins: tuple[RomeLink, ...]  # « vient de »: the sheets that lead to this one
    definition: tuple[str, ...]  # ROME's text: a user's import only
    access: tuple[str, ...]  # ROME's text: a user's import only

    def __init__(
        self,
        id: str,  # noqa: A002
        name: str,
        sources: tuple[str, ...],
        summary: str | None = None,
        code: str = "",
        feminine: str | None = None,
        masculine: str | None = None,
        appellations: tuple[str, ...] = (),
        riasec_major: str | None = None,
        riasec_minor: str | None = None,
        interests: tuple[ThemeLink, ...] = (),
        cadre: bool = False,
        regulated: bool = False,
        digital_transition: bool = False,
        domain: str | None = None,
        parent: str | None = None,
        parent_title: str | None = None,
        skills: tuple[Group, ...] = (),
        contexts: tuple[Group, ...] = (),
        sectors: tuple[str, ...] = (),
        naf_sectors: tuple[str, ...] = (),
        mobilities: tuple[RomeLink, ...] = (),
        origins: tuple[RomeLink, ...] = (),
        definition: tuple[str, ...] = (),
        access: tuple[str, ...] = (),
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "code", code)
        _set(self, "feminine", feminine)
        _set(self, "masculine", masculine)
        _set(self, "appellations", appellations)
        _set(self, "riasec_major", riasec_major)
        _set(self, "riasec_minor", riasec_minor)
        _set(self, "interests", interests)
        _set(self, "cadre", cadre)
        _set(self, "regulated", regulated)
        _set(self, "digital_transition", digital_transition)
        _set(self, "domain", domain)
        _set(self, "parent", parent)
        _set(self, "parent_title", parent_title)
        _set(self, "skills", skills)
        _set(self, "contexts", contexts)
        _set(self, "sectors", sectors)
        _set(self, "naf_sectors", naf_sectors)
        _set(self, "mobilities", mobilities)
        _set(self, "origins", origins)
        _set(self, "definition", definition)
        _set(self, "access", access)

    @property
    def riasec(self) -> str:
        """« IC »: major then minor letter (empty when ROME gives none)."""
        return (self.riasec_major or "") + (self.riasec_minor or "")

    @property
    def skill_labels(self) -> tuple[str, ...]:
        return tuple(item for group in self.skills for item in group.items)


class InterestTheme(Record):
    """One of ROME 4.0's interest themes (centres d'intérêt), named as ROME names it
    (« Je suis passionné / passionnée par les nouvelles technologies »). Not searched."""

    __slots__ = ("code",)
    kind: ClassVar[str] = "interest"
    label: ClassVar[str] = "centre d'intérêt"

    code: int

    def __init__(self, id: str, name: str, sources: tuple[str, ...], summary: str | None = None, code: int = 0) -> None:  # noqa: A002
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "sources", sources)
        _set(self, "summary", summary)
        _set(self, "code", code)


RECORD_TYPES: dict[str, type[Record]] = {
    "careers": Career,
    "trainings": Training,
    "skills": Skill,
    "sectors": Sector,
    "market": MarketFigure,
    "vocabulary": VocabularyEntry,
    "rome": RomeSheet,
    "rome_interests": InterestTheme,
}
KIND_BY_NAME = {cls.kind: cls for cls in RECORD_TYPES.values()}


class Catalog(Frozen):
    """Every record, by id (ids are unique across kinds), in data-file order."""

    __slots__ = ("records", "sources")
    __hash__ = None  # type: ignore[assignment]  # records is a mapping: as the dataclass was, unhashable
    records: dict[str, Record]
    sources: tuple[Source, ...]  # the sources registry, in data order

    def __init__(self, records: dict[str, Record] | None = None, sources: tuple[Source, ...] = ()) -> None:
        _set(self, "records", {} if records is None else records)
        _set(self, "sources", tuple(sources))

    def source(self, source_id: str) -> Source | None:
        """The registry entry of a source id, or None."""
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def citing(self) -> dict[str, int]:
        """How many records cite each source id (every registry id present, 0 when uncited)."""
        counts = dict.fromkeys((s.id for s in self.sources), 0)
        for record in self.records.values():
            for source_id in record.sources:
                counts[source_id] = counts.get(source_id, 0) + 1
        return counts

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records.values())

    def __len__(self) -> int:
        return len(self.records)

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def of(self, cls: type[Record]) -> list[Record]:
        """The records of one class, in data order. A mapping that can read one kind alone
        (database.Records.of_kind: the database) is asked for it instead of decoding every record."""
        of_kind = getattr(self.records, "of_kind", None)
        if of_kind is not None:
            return of_kind(cls.kind)
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

    @property
    def vocabulary(self) -> list[VocabularyEntry]:
        return self.of(VocabularyEntry)  # type: ignore[return-value]

    @property
    def rome(self) -> list[RomeSheet]:
        return self.of(RomeSheet)  # type: ignore[return-value]

    @property
    def interest_themes(self) -> list[InterestTheme]:
        return self.of(InterestTheme)  # type: ignore[return-value]

    def rome_sheet(self, code: str) -> RomeSheet | None:
        """The ROME sheet of a code (M1880), when the catalogue holds it."""
        record = self.records.get(f"rome-{code.lower()}")
        return record if isinstance(record, RomeSheet) else None

    def counts(self) -> dict[str, int]:
        """Records per kind; vocabulary entries are words, not records of e-health, and are not counted;
        ROME sheets and interest themes only when the data has some."""
        counts = {cls.kind: len(self.of(cls)) for cls in RECORD_TYPES.values() if cls is not VocabularyEntry}
        return {k: n for k, n in counts.items() if n or k not in ("rome", "interest")}

    def name_of(self, record_id: str) -> str:
        record = self.records.get(record_id)
        return record.name if record else record_id

    def origins(self, career_id: str) -> list[Career]:
        """Careers whose evolutions lead to this one (the reverse of `evolutions`)."""
        return [c for c in self.careers if career_id in c.evolutions]
