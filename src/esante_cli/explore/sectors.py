"""A sector's salary figures, as compare sets sectors side by side and guide shows them beside a
career: the yearly span (a monthly figure × 12), its context, the growth after 5 years and the
projection it implies. Pure: no I/O, no printing.

- project(amount, growth) -> int | None: an amount after `growth` % of growth, rounded to the
  nearest PROJECTION_ROUNDING euros (half up).
- sector_row(sector) -> SectorRow, whose to_dict() is flat plain data for JSON and CSV.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from esante_cli.catalog.models import Sector
from esante_cli.catalog.values import Frozen

PROJECTION_ROUNDING = 100  # euros: projections are rounded to the nearest 100 €, half up
_set = object.__setattr__


def _number(value: float | int | Decimal | None) -> int | float | None:
    """A number for JSON: an int when it is whole (40000, not 40000.0)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = float(value)
    return int(value) if float(value).is_integer() else float(value)


def project(amount: int | None, growth: float | None) -> int | None:
    """`amount` × (1 + growth / 100), rounded to the nearest PROJECTION_ROUNDING euros (half up).

    Decimal arithmetic, so that 43 000 × 1.45 is exactly 62 350 and rounds to 62 400.
    """
    if amount is None or growth is None:
        return None
    exact = Decimal(amount) * (100 + Decimal(str(growth))) / 100
    steps = (exact / PROJECTION_ROUNDING).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(steps) * PROJECTION_ROUNDING


# ---------------------------------------------------------------- sectors


class SectorRow(Frozen):
    """A sector's salary figures side by side with others' (compare) or beside a career (guide).

    A Frozen value class (catalog/values.py), not a dataclass: generating its methods cost every
    run of guide ~1 ms."""

    __slots__ = (
        "id", "name", "salary_min", "salary_max", "salary_converted", "salary_pay", "salary_year", "salary_who",
        "midpoint", "growth_5y", "projected_min_5y", "projected_max_5y", "job_titles", "salary_note",
        "projection_rounding_eur", "kind",
    )  # fmt: skip
    id: str
    name: str
    salary_min: int | None  # per year (the common basis); a monthly amount in the data is × 12
    salary_max: int | None
    salary_converted: bool  # True when the data gave a monthly salary
    salary_pay: str | None  # brut, net or non_precise, as the source says (None: no salary)
    salary_year: int | None  # the year the figure describes (None: not said)
    salary_who: str | None  # whom the figure describes
    midpoint: int | float | None
    growth_5y: int | float | None  # percent after 5 years
    projected_min_5y: int | None  # a projection, not a figure from the data
    projected_max_5y: int | None
    job_titles: tuple[str, ...]
    salary_note: str | None
    projection_rounding_eur: int
    kind: str

    def __init__(
        self, id: str, name: str, salary_min: int | None, salary_max: int | None, salary_converted: bool,
        salary_pay: str | None, salary_year: int | None, salary_who: str | None, midpoint: int | float | None,
        growth_5y: int | float | None, projected_min_5y: int | None, projected_max_5y: int | None,
        job_titles: tuple[str, ...], salary_note: str | None = None, projection_rounding_eur: int = PROJECTION_ROUNDING,
        kind: str = "sector",
    ) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "salary_min", salary_min)
        _set(self, "salary_max", salary_max)
        _set(self, "salary_converted", salary_converted)
        _set(self, "salary_pay", salary_pay)
        _set(self, "salary_year", salary_year)
        _set(self, "salary_who", salary_who)
        _set(self, "midpoint", midpoint)
        _set(self, "growth_5y", growth_5y)
        _set(self, "projected_min_5y", projected_min_5y)
        _set(self, "projected_max_5y", projected_max_5y)
        _set(self, "job_titles", job_titles)
        _set(self, "salary_note", salary_note)
        _set(self, "projection_rounding_eur", projection_rounding_eur)
        _set(self, "kind", kind)

    def to_dict(self) -> dict[str, Any]:
        data = dict(zip(self._fields, self._get(self)))
        out = {"kind": data.pop("kind"), "id": data.pop("id"), "name": data.pop("name")}
        out.update(data)
        out["job_titles"] = list(self.job_titles)
        return out


def sector_row(sector: Sector) -> SectorRow:
    given = sector.salary
    salary = given.yearly() if given else None
    low = salary.min if salary else None
    high = salary.max if salary else None
    growth = _number(sector.growth_5y)
    return SectorRow(
        id=sector.id,
        name=sector.name,
        salary_min=low,
        salary_max=high,
        salary_converted=bool(given and given.period != "annuel"),
        salary_pay=given.pay if given else None,
        salary_year=given.year if given else None,
        salary_who=given.who if given else None,
        midpoint=_number(salary.midpoint) if salary else None,
        growth_5y=growth,
        projected_min_5y=project(low, growth),
        projected_max_5y=project(high, growth),
        job_titles=tuple(t.title for t in sector.job_titles),
        salary_note=given.note if given else None,
    )
