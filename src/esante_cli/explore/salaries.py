"""A career's starting salary, with the basis, the sector and the sources of each figure.

The one place that decides what a career earns at the start (CONTRACTS.md): cards, search,
compare, match and guide call starting_salary(), never re-derive it. Pure: no I/O.

- A career reached with experience (`experience` set) is no first job: it gets no employee
  starting salary from a sector table (its own `salary`, when a source gives one, still shows).
- A career with its own `salary` keeps it (e.g. the imaging engineer's 2 000 € a month).
- Otherwise each sector of its `salary_sectors` (seed 000's table pairs job titles with a
  sector's starting salary) gives one figure; several sectors give a span.

Every figure keeps its context (period, brut/net, year, whom it describes, sources). Side by
side, figures share one basis: per year (a monthly amount × 12), the original beside it
(docs/salaries.md). judge() says what a reader must be told: a year older than OLD_AFTER_YEARS,
a gross monthly amount below today's SMIC (an outdated figure, not today's pay).
"""

from __future__ import annotations

from datetime import date

from esante_cli.catalog.models import Career, Catalog, Experience, Frozen, Salary, Sector

_set = object.__setattr__

# The legal minimum wage (SMIC) against which a gross figure is judged: gross per month for
# 35 hours a week, the date it applies from, and its entry in data/sources.yaml.
SMIC_MONTHLY_GROSS = 1823.03
SMIC_SINCE = date(2026, 1, 1)
SMIC_SOURCE = "fhf-smic-2026"
OLD_AFTER_YEARS = 3  # a figure describing a year more than this many years ago says its year


class Verdict(Frozen):
    """What a reader must be told about one figure: its year when it is old or unknown, and
    whether it is below today's SMIC (then it is outdated, never today's pay)."""

    __slots__ = ("old", "year_unknown", "below_smic")
    old: bool  # the year it describes is more than OLD_AFTER_YEARS years ago
    year_unknown: bool
    below_smic: bool  # a gross amount below SMIC_MONTHLY_GROSS a month

    def __init__(self, old: bool, year_unknown: bool, below_smic: bool) -> None:
        _set(self, "old", old)
        _set(self, "year_unknown", year_unknown)
        _set(self, "below_smic", below_smic)

    def to_dict(self) -> dict:
        return {"old": self.old, "year_unknown": self.year_unknown, "below_smic": self.below_smic}


def judge(salary: Salary, today: date | None = None) -> Verdict:
    """The verdict on a figure today (a brut figure only is compared with the SMIC, itself brut)."""
    today = today or date.today()
    old = salary.year is not None and today.year - salary.year > OLD_AFTER_YEARS
    monthly = salary.monthly()
    top = monthly.max if monthly.max is not None else monthly.min
    below = salary.pay == "brut" and top is not None and top < SMIC_MONTHLY_GROSS
    return Verdict(old, salary.year is None, below)


def salary_dict(salary: Salary | None, today: date | None = None) -> dict | None:
    """JSON shape of a figure: its context as the source gives it, the yearly basis and the verdict."""
    if salary is None:
        return None
    yearly = salary.yearly()
    return {
        "min": salary.min, "max": salary.max, "period": salary.period, "pay": salary.pay,
        "year": salary.year, "year_estimated": salary.year_estimated, "who": salary.who,
        "sources": list(salary.sources), "note": salary.note,
        "yearly_min": yearly.min, "yearly_max": yearly.max,
        "verdict": judge(salary, today).to_dict(),
    }  # fmt: skip


class SalaryFigure(Frozen):
    """One starting-salary figure: the amount, the sector it comes from (None: the career's own
    figure) and the source ids that give it."""

    __slots__ = ("salary", "sector", "sources")
    salary: Salary
    sector: Sector | None
    sources: tuple[str, ...]

    def __init__(self, salary: Salary, sector: Sector | None, sources: tuple[str, ...]) -> None:
        _set(self, "salary", salary)
        _set(self, "sector", sector)
        _set(self, "sources", sources)


class StartingSalary(Frozen):
    """What a career earns at the start: its figures, their span (one basis), or why there is none."""

    __slots__ = ("figures", "span", "experience")
    figures: tuple[SalaryFigure, ...]
    span: Salary | None  # lowest minimum to highest maximum, on the figures' basis; None when no figure
    experience: Experience | None  # set when the career is reached with experience

    def __init__(self, figures: tuple[SalaryFigure, ...], span: Salary | None, experience: Experience | None) -> None:
        _set(self, "figures", figures)
        _set(self, "span", span)
        _set(self, "experience", experience)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for f in self.figures for s in f.sources))

    def to_dict(self) -> dict:
        """JSON shape: {span: salary|null, figures: [{salary, sector: {id, name}|null, sources}], experience};
        each salary as salary_dict() gives it (span: per year)."""
        plain = salary_dict
        return {
            "span": plain(self.span),
            "figures": [
                {
                    "salary": plain(f.salary),
                    "sector": {"id": f.sector.id, "name": f.sector.name} if f.sector else None,
                    "sources": list(f.sources),
                }
                for f in self.figures
            ],
            "experience": None if self.experience is None else {"years": self.experience.years, "note": self.experience.note},
        }


def starting_salary(catalog: Catalog, career: Career) -> StartingSalary:
    if career.salary is not None:
        figure = SalaryFigure(career.salary, None, career.salary.sources or career.sources)
        return StartingSalary((figure,), career.salary, career.experience)
    if career.experience is not None:
        return StartingSalary((), None, career.experience)
    figures = []
    for sector_id in career.salary_sectors:
        sector = catalog.get(sector_id)
        if isinstance(sector, Sector) and sector.salary is not None:
            figures.append(SalaryFigure(sector.salary, sector, sector.salary.sources or sector.sources))
    return StartingSalary(tuple(figures), _span([f.salary for f in figures]), None)


def _span(salaries: list[Salary]) -> Salary | None:
    """One range over several figures, per year; the context they share is kept, the rest unknown."""
    if not salaries:
        return None
    if len(salaries) == 1:
        return salaries[0]
    yearly = [s.yearly() for s in salaries]
    lows = [s.min for s in yearly if s.min is not None]
    highs = [s.max for s in yearly if s.max is not None]
    shared = lambda attr, default: getattr(yearly[0], attr) if len({getattr(s, attr) for s in yearly}) == 1 else default  # noqa: E731
    return Salary(
        min(lows) if lows else None, max(highs) if highs else None, "annuel", shared("pay", "non_precise"),
        shared("year", None), shared("year_estimated", False), shared("who", None),
        tuple(dict.fromkeys(x for s in yearly for x in s.sources)), "selon le secteur",
    )  # fmt: skip
