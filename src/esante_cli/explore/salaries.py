"""A career's starting salary, with the basis, the sector and the sources of each figure.

The one place that decides what a career earns at the start (CONTRACTS.md): cards, search,
compare, match and guide call starting_salary(), never re-derive it. Pure: no I/O.

- A career reached with experience (`experience` set) is no first job: it gets no employee
  starting salary from a sector table (its own `salary`, when a source gives one, still shows).
- A career with its own `salary` keeps it (e.g. the imaging engineer's 2 000 € a month).
- Otherwise each sector of its `salary_sectors` (seed 000's table pairs job titles with a
  sector's starting salary) gives one figure; several sectors give a span.
"""

from __future__ import annotations

from esante_cli.catalog.models import Career, Catalog, Experience, Frozen, Salary, Sector

_set = object.__setattr__


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
        """JSON shape: {span: salary|null, figures: [{salary, sector: {id, name}|null, sources}], experience}."""
        plain = lambda s: None if s is None else {"min": s.min, "max": s.max, "basis": s.basis, "note": s.note}  # noqa: E731
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
        figure = SalaryFigure(career.salary, None, career.sources)
        return StartingSalary((figure,), career.salary, career.experience)
    if career.experience is not None:
        return StartingSalary((), None, career.experience)
    figures = []
    for sector_id in career.salary_sectors:
        sector = catalog.get(sector_id)
        if isinstance(sector, Sector) and sector.salary is not None:
            figures.append(SalaryFigure(sector.salary, sector, sector.sources))
    return StartingSalary(tuple(figures), _span([f.salary for f in figures]), None)


def _span(salaries: list[Salary]) -> Salary | None:
    """One range over figures of the same basis (yearly when bases differ)."""
    if not salaries:
        return None
    if len(salaries) == 1:
        return salaries[0]
    if len({s.basis for s in salaries}) > 1:
        salaries = [s.yearly() for s in salaries]
    lows = [s.min for s in salaries if s.min is not None]
    highs = [s.max for s in salaries if s.max is not None]
    return Salary(min(lows) if lows else None, max(highs) if highs else None, salaries[0].basis, "selon le secteur")
