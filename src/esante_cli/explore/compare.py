"""Side-by-side comparisons of sectors, careers and programmes. No I/O of its own, no printing.

Public API (used by `esante compare`):
- project(amount, growth) -> int | None: an amount after `growth` % of growth, rounded to the
  nearest PROJECTION_ROUNDING euros (half up); with SectorRow and sector_row(), from sectors.py
  (which guide imports without the rest of this module).
- select_sectors(catalog, names) -> [Sector]: every sector when `names` is empty, else the named
  ones (ids or fuzzy names); EsanteError(NOT_FOUND) listing the valid names for an unknown one.
- sector_rows(catalog, names=(), sort="salary") -> [SectorRow]
- compare_careers(catalog, queries) -> [CareerRow]; compare_trainings(catalog, queries) -> [TrainingRow]
Each row has to_dict(): flat plain data for JSON and CSV (`kind`, `id`, `name` first).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable, Sequence

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.folding import fold
from esante_cli.catalog.models import Career, Catalog, Salary, Sector, Training
from esante_cli.explore.salaries import judge, starting_salary
from esante_cli.explore.routes import careers_of
from esante_cli.explore.sectors import PROJECTION_ROUNDING, SectorRow, _number, project, sector_row  # noqa: F401 - compare's API

SORT_KEYS = ("salary", "growth", "name")
MIN_ITEMS = 2


def _sector_names(sectors: Iterable[Sector]) -> str:
    return ", ".join(f"{s.id} ({s.name})" for s in sectors)


def find_sector(catalog: Catalog, name: str) -> Sector:
    """One sector for an id or a name typed loosely ("startups", "pharma", "hôpital")."""
    sectors = catalog.sectors
    record = catalog.get(name.strip())
    if isinstance(record, Sector):
        return record
    # A word typed as part of exactly one sector's id or name is unambiguous: take it.
    query = fold(name)
    if query:
        contains = [s for s in sectors if query in fold(s.name) or query in fold(s.id.replace("-", " "))]
        if len(contains) == 1:
            return contains[0]
        from esante_cli.explore.search import resolve

        try:
            found = resolve(catalog, name, kinds=["sector"])
        except EsanteError:
            found = None
        if isinstance(found, Sector):
            return found
    raise EsanteError(
        f"secteur inconnu « {name.strip()[:80]} » ; secteurs disponibles : {_sector_names(sectors)}",
        code=ExitCode.NOT_FOUND,
    )


def select_sectors(catalog: Catalog, names: Sequence[str] = ()) -> list[Sector]:
    """Every sector when no name is given; else at least two distinct named sectors."""
    if not names:
        if not catalog.sectors:
            raise EsanteError("aucun secteur dans les données", code=ExitCode.NOT_FOUND)
        return list(catalog.sectors)
    kinds = {getattr(catalog.get(n.strip()), "kind", None) for n in names}
    if len(kinds) == 1 and kinds <= {"career", "training"}:  # ids of careers or programmes, without the option
        option = "--metiers" if kinds == {"career"} else "--formations"
        what = "des métiers" if kinds == {"career"} else "des formations"
        ids = " ".join(n.strip() for n in names)
        raise EsanteError(
            f"sans option, esante compare compare des secteurs ; pour comparer {what} : esante compare {option} {ids}",
            code=ExitCode.USAGE,
        )
    return _distinct(
        names,
        lambda name: find_sector(catalog, name),
        few="indiquez au moins deux secteurs à comparer (ou aucun pour les comparer tous)",
        same="ces noms désignent tous le même secteur ({name}) ; indiquez-en au moins deux différents",
    )


def _distinct(names: Sequence[str], lookup: Any, few: str, same: str) -> list[Any]:
    """The records `names` designate, each once; at least MIN_ITEMS names and records (usage error).
    Every name is looked up first: an unknown one is named, whatever the count (« comparer foo »)."""
    chosen: list[Any] = []
    for name in names:
        record = lookup(name)
        if record not in chosen:
            chosen.append(record)
    if len(names) < MIN_ITEMS:
        raise EsanteError(few, code=ExitCode.USAGE)
    if len(chosen) < MIN_ITEMS:
        raise EsanteError(same.format(name=chosen[0].name), code=ExitCode.USAGE)
    return chosen


def _salary_key(row: SectorRow) -> float | None:
    if row.midpoint is not None:
        return float(row.midpoint)
    known = [v for v in (row.salary_min, row.salary_max) if v is not None]
    return float(known[0]) if known else None


def sort_rows(rows: Iterable[SectorRow], key: str = "salary") -> list[SectorRow]:
    """salary and growth: highest first; name: alphabetical (accents ignored). Unknown values last."""
    if key not in SORT_KEYS:
        raise EsanteError(
            f"tri inconnu « {key} » ; valeurs possibles : {', '.join(SORT_KEYS)}", code=ExitCode.USAGE
        )
    rows = sorted(rows, key=lambda r: fold(r.name))
    if key == "name":
        return rows
    value = _salary_key if key == "salary" else (lambda r: None if r.growth_5y is None else float(r.growth_5y))
    return sorted(rows, key=lambda r: (value(r) is None, -(value(r) or 0.0)))


def sector_rows(catalog: Catalog, names: Sequence[str] = (), sort: str = "salary") -> list[SectorRow]:
    if sort not in SORT_KEYS:  # checked before any lookup, so a bad option is reported first
        sort_rows([], sort)
    return sort_rows((sector_row(s) for s in select_sectors(catalog, names)), sort)


# ---------------------------------------------------------------- careers and programmes


def _resolve_all(catalog: Catalog, queries: Sequence[str], kind: str, what: str) -> list[Any]:
    """The records the queries designate; a single query naming several records (« junia »:
    two engineering cycles) compares them."""
    from esante_cli.explore.designate import designate
    from esante_cli.explore.search import resolve_each

    if len(queries) == 1:
        found = resolve_each(catalog, queries[0], kinds=[kind])
        if len(found) >= MIN_ITEMS:
            return found
        raise EsanteError(
            f"« {queries[0]} » désigne une seule fiche ({found[0].name}) : indiquez au moins deux {what} à comparer",
            code=ExitCode.USAGE,
        )
    return _distinct(
        queries,
        lambda query: designate(catalog, query, kinds=[kind]),
        few=f"indiquez au moins deux {what} à comparer",
        same=f"ces noms désignent tous « {{name}} » ; indiquez au moins deux {what} différents",
    )


@dataclass(frozen=True)
class CareerRow:
    id: str
    name: str
    entry_level: str | None
    salary_period: str | None  # period of salary_min/max as the source gives it (mensuel, annuel)
    salary_pay: str | None  # brut, net or non_precise, as the source says
    salary_year: int | None  # the year the figure describes (None: not said)
    salary_year_estimated: bool  # that year is inferred from the source, not written in it
    salary_who: str | None  # whom the figure describes
    salary_min: int | None  # as given in the data (monthly or yearly)
    salary_max: int | None
    salary_yearly_min: int | None  # per year, the common basis; monthly amounts × 12
    salary_yearly_max: int | None
    salary_converted: bool  # True when the data gives a monthly salary
    salary_below_smic: bool  # a gross figure below today's SMIC: outdated, not today's pay
    salary_sectors: tuple[str, ...]  # sectors whose average the salary is (empty: the career's own figure)
    sectors: tuple[str, ...]
    training_count: int | None  # None when the data lists no recommended programme
    trainings: tuple[str, ...]
    skills_common: tuple[str, ...]  # skills every compared career lists
    skills_specific: tuple[str, ...]  # skills no other compared career lists
    skills_shared: tuple[str, ...]  # skills some, but not all, other compared careers list (3 careers or more)
    kind: str = "career"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        out = {"kind": data.pop("kind"), "id": data.pop("id"), "name": data.pop("name")}
        out.update({k: list(v) if isinstance(v, tuple) else v for k, v in data.items()})
        return out


def _salary_fields(salary: Salary | None) -> dict[str, Any]:
    if salary is None:
        return dict(
            salary_period=None, salary_pay=None, salary_year=None, salary_year_estimated=False, salary_who=None, salary_min=None, salary_max=None,
            salary_yearly_min=None, salary_yearly_max=None, salary_converted=False, salary_below_smic=False,
        )  # fmt: skip
    yearly = salary.yearly()
    return dict(
        salary_period=salary.period,
        salary_pay=salary.pay,
        salary_year=salary.year,
        salary_year_estimated=salary.year_estimated,
        salary_who=salary.who,
        salary_min=salary.min,
        salary_max=salary.max,
        salary_yearly_min=yearly.min,
        salary_yearly_max=yearly.max,
        salary_converted=salary.period != "annuel",
        salary_below_smic=judge(salary).below_smic,
    )


def compare_careers(catalog: Catalog, queries: Sequence[str]) -> list[CareerRow]:
    """Careers side by side; salaries are explore.salaries' starting salary (its span). Each career's skills fall in exactly one group: common (every
    compared career lists it), specific (no other does) or shared (some others do)."""
    careers: list[Career] = _resolve_all(catalog, queries, "career", "métiers")
    common = set(careers[0].skills).intersection(*(c.skills for c in careers[1:]))
    rows = []
    for career in careers:
        others = set().union(*(c.skills for c in careers if c is not career))
        found = starting_salary(catalog, career)
        rows.append(
            CareerRow(
                id=career.id,
                name=career.name,
                entry_level=career.entry_level,
                **_salary_fields(found.span),
                salary_sectors=tuple(f.sector.name for f in found.figures if f.sector is not None),
                sectors=career.sectors,
                training_count=len(career.trainings) or None,
                trainings=career.trainings,
                skills_common=tuple(s for s in careers[0].skills if s in common),
                skills_specific=tuple(s for s in career.skills if s not in others),
                skills_shared=tuple(s for s in career.skills if s in others and s not in common),
            )
        )
    return rows


@dataclass(frozen=True)
class TrainingRow:
    id: str
    name: str
    institution: str | None
    city: str | None
    training_kind: str
    entry_level: str | None
    exit_level: str | None
    duration_value: int | float | None
    duration_unit: str | None  # annees or heures
    labels: tuple[str, ...]
    leads_to: tuple[str, ...]  # programmes it can lead to next
    careers: tuple[str, ...]  # careers it prepares for
    kind: str = "training"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        out = {"kind": data.pop("kind"), "id": data.pop("id"), "name": data.pop("name")}
        out.update({k: list(v) if isinstance(v, tuple) else v for k, v in data.items()})
        return out


def compare_trainings(catalog: Catalog, queries: Sequence[str]) -> list[TrainingRow]:
    trainings: list[Training] = _resolve_all(catalog, queries, "training", "formations")
    return [
        TrainingRow(
            id=t.id,
            name=t.name,
            institution=t.institution,
            city=t.city,
            training_kind=t.training_kind,
            entry_level=t.entry_level,
            exit_level=t.exit_level,
            duration_value=_number(t.duration.value) if t.duration else None,
            duration_unit=t.duration.unit if t.duration else None,
            labels=t.labels,
            leads_to=t.leads_to,
            careers=tuple(c.id for c in careers_of(catalog, t)),  # both directions, as on the card
        )
        for t in trainings
    ]
