"""The values of study routes (explore/routes.py says what they are): a step, how a route
reaches a career, a route, a query and its answer. Frozen value classes (catalog/values.py), not
dataclasses: generating their methods cost every run of path and guide ~2 ms."""

from __future__ import annotations

from esante_cli.catalog.models import Career, Training
from esante_cli.catalog.values import Frozen

DEFAULT_FROM = "bac"
DEFAULT_TO = "bac+5"
CONTINUING_MODE = "formation_continue"  # a `modes` value: open in continuing education

_set = object.__setattr__


class Step(Frozen):
    __slots__ = ("training", "starting_point")
    training: Training
    starting_point: bool  # the diploma the route starts from: shown, adds no years

    def __init__(self, training: Training, starting_point: bool = False) -> None:
        _set(self, "training", training)
        _set(self, "starting_point", starting_point)

    @property
    def years(self) -> float | None:
        if self.starting_point or self.training.duration is None:
            return None
        return self.training.duration.years


PREPARED, EXPERIENCE, FURTHER_STUDY = "prepared", "experience", "further_study"  # Reach.how


class Reach(Frozen):
    """How a route leads to a career. `how`: PREPARED (its final programme trains for it),
    EXPERIENCE (after working first: the career is not a first job — its `experience` — or the
    programme reaches it only after working in the trade it trains for — its
    `careers_after_experience`, as nurses become medical information technicians), or
    FURTHER_STUDY (after `through`, a generic step the final programme leads to, such as the
    doctorate for an enseignant-chercheur)."""

    __slots__ = ("career", "how", "through")
    career: Career
    how: str
    through: Training | None

    def __init__(self, career: Career, how: str = PREPARED, through: Training | None = None) -> None:
        _set(self, "career", career)
        _set(self, "how", how)
        _set(self, "through", through)


class Route(Frozen):
    __slots__ = ("steps", "careers", "continuing", "reach")
    steps: tuple[Step, ...]
    careers: tuple[Career, ...]  # careers the final programme leads to (careers_of)
    continuing: bool
    reach: tuple[Reach, ...]  # how it leads to them, then to the career asked when through a further step

    def __init__(
        self, steps: tuple[Step, ...], careers: tuple[Career, ...] = (), continuing: bool = False, reach: tuple[Reach, ...] | None = None
    ) -> None:
        _set(self, "steps", steps)
        _set(self, "careers", careers)
        _set(self, "continuing", continuing)
        _set(self, "reach", tuple(Reach(c) for c in careers) if reach is None else reach)

    @property
    def id(self) -> str:
        return ">".join(s.training.id for s in self.steps)

    @property
    def final(self) -> Training:
        return self.steps[-1].training

    @property
    def study_steps(self) -> tuple[Step, ...]:
        """The steps that are studied (the starting point excluded)."""
        return tuple(s for s in self.steps if not s.starting_point)

    @property
    def start_level(self) -> str | None:
        return self.steps[0].training.entry_level

    @property
    def end_level(self) -> str | None:
        return self.final.exit_level

    @property
    def total_years(self) -> float | None:
        total: float = 0
        for step in self.study_steps:
            if step.years is None:
                return None
            total += step.years
        return total


class Query(Frozen):
    __slots__ = ("start", "target", "continuing", "career", "school", "city", "max_years")
    start: str | None  # None: DEFAULT_FROM for degree routes, any level for continuing ones
    target: str | None
    continuing: bool
    career: Career | None
    school: str | None
    city: str | None
    max_years: float | None

    def __init__(
        self, start: str | None = None, target: str | None = None, continuing: bool = False, career: Career | None = None,
        school: str | None = None, city: str | None = None, max_years: float | None = None,
    ) -> None:
        _set(self, "start", start)
        _set(self, "target", target)
        _set(self, "continuing", continuing)
        _set(self, "career", career)
        _set(self, "school", school)
        _set(self, "city", city)
        _set(self, "max_years", max_years)

    @property
    def levels(self) -> tuple[str | None, str | None]:
        """(start, target). A degree route asked for a career or a maximum length with no target
        goes to any level: the career decides where it ends (a BTS for a bac+2 job, a doctorate for
        research), and « at most 3 years » is a question about every level reachable in 3 years."""
        if self.continuing:
            return self.start, self.target
        if self.target is None and (self.career is not None or self.max_years is not None):
            return self.start or DEFAULT_FROM, None
        return self.start or DEFAULT_FROM, self.target or DEFAULT_TO


class Result:
    """The answer of find_routes, filled in as it is worked out."""

    def __init__(self, routes: list[Route], count: int = 0, exact: bool = True) -> None:
        self.routes = routes
        self.unplaced: list[Training] = []  # lead to the target, entry level unknown
        self.skipped_links: list[tuple[str, str]] = []  # links where levels do not go up
        # --school/--city: the programmes there that no route kept goes through (« hors parcours »)
        self.outside: list[Training] = []
        self.count = count  # routes that answer the query, shown or not
        self.exact = exact  # False: `count` is a lower bound (« au moins »), the search stopped early
        self.outside_count = 0  # `outside` holds the first `limit` of them
        self.generic: list[Training] = []  # generic steps where routes would end (_generic_finals)
