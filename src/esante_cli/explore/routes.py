"""Study routes: chains of programmes from a start level to a target level. Pure: no I/O, no printing.

The graph. Every programme (training) is a node with an entry level and an exit level; `leads_to`
gives its edges. Generic steps the seeds imply but do not name (bac, prépa, licence) are nodes
like the others, flagged `generic`. Programmes measured in hours (modules) are not steps of a
degree route and are left out of the graph.

Degree routes (the default). A route starts at a programme entered at the start level and ends at
the first programme whose exit level is the target level:
- a *level node* — a programme entered and left at the start level, such as the generic `bac` —
  is the diploma the person already holds: the route starts from it, it is shown as the starting
  point and adds no years; the programmes it leads to are reached through it;
- any other programme entered at the start level starts a route of its own. So `--from bac+2`
  means "I already hold a bac+2": routes start at programmes entered at bac+2 (cycle ingénieur,
  parcours santé…) and count the years from there; the prépa that led to bac+2 is not a step.
Each link must make the levels go up: the next programme ends higher than the previous one and
does not start before it ends (store.check enforces the latter on shipped data; links that break
either rule are skipped and reported). Programmes with an unknown exit level cannot be placed on
a degree route; those that lead to the target with an unknown entry level are reported as
`unplaced` so the user learns they exist. Programmes for people already working (`continuing`)
are not part of degree routes.

Continuing education (`open_to_working`): a programme is open to people already working when it
is flagged `continuing` (a programme for them: mastère spécialisé, DU, certification… not a
degree step) or when its `modes` include `formation_continue` (a degree programme its source
says is open in initial and continuing education alike, such as a master: it stays a step of
degree routes too). Both are what the data says; neither is guessed from a kind or a name.

Continuing routes (`continuing=True`): every programme open to people already working that no
other such programme leads to starts a route, followed along `leads_to` to its end. Their levels
are often unknown: the start level filter keeps a route whose first entry level is unknown or
equal to it, the target filter one whose last exit level is unknown or equal to it; unknown
levels stay unknown in the output ("non renseigné"). A known first entry level is what the
programme requires (a master entered at bac+3 asks a bac+3, even in continuing education).

Years: the sum of the steps' durations in years; if any counted step's duration is unknown, the
total is unknown (None), never a guess.

A degree route asked for a career (`--career`) or a maximum length (`--max-years`) with no target
level may end at any level above the start: the career decides (a BTS for a bac+2 job, a doctorate
for research), and « at most 3 years » asks for every level reachable in that time.

Filters, applied in this order: levels, career, school, city, maximum years. When one leaves no
route, find_routes raises EsanteError(NOT_FOUND) naming it — except that with --school or --city
the programmes of that school or city outside the routes kept (an unknown entry level, a module,
continuing education, a programme no route reaches) are listed as `outside` (« hors parcours »),
and when there are some, no route at all is an answer, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.models import LEVELS, Career, Catalog, Training, level_rank
from esante_cli.explore.search import fold

DEFAULT_FROM = "bac"
DEFAULT_TO = "bac+5"
CONTINUING_MODE = "formation_continue"  # a `modes` value: open in continuing education


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Step:
    training: Training
    starting_point: bool = False  # the diploma the route starts from: shown, adds no years

    @property
    def years(self) -> float | None:
        if self.starting_point or self.training.duration is None:
            return None
        return self.training.duration.years


@dataclass(frozen=True)
class Route:
    steps: tuple[Step, ...]
    careers: tuple[Career, ...] = ()  # careers the final programme prepares for
    continuing: bool = False

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


@dataclass(frozen=True)
class Query:
    start: str | None = None  # None: DEFAULT_FROM for degree routes, any level for continuing ones
    target: str | None = None
    continuing: bool = False
    career: Career | None = None
    school: str | None = None
    city: str | None = None
    max_years: float | None = None

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


@dataclass
class Result:
    routes: list[Route]
    unplaced: list[Training] = field(default_factory=list)  # lead to the target, entry level unknown
    skipped_links: list[tuple[str, str]] = field(default_factory=list)  # links where levels do not go up
    # --school/--city: the programmes there that no route kept goes through (« hors parcours »)
    outside: list[Training] = field(default_factory=list)


# ---------------------------------------------------------------- levels


def check_level(value: str, option: str) -> str:
    """A level typed by the user ('Bac+5', 'bac + 2') as its canonical form, or a usage error."""
    level = "".join(value.split()).lower()
    if level in LEVELS:
        return level
    raise EsanteError(
        f"niveau inconnu « {value.strip()[:40]} » pour {option} ; niveaux valides : {', '.join(LEVELS)}",
        code=ExitCode.USAGE,
    )


def _rank(level: str | None) -> int | None:
    return None if level is None else level_rank(level)


def goes_up(before: Training, after: Training) -> bool:
    """A link keeps levels going up: `after` ends higher than `before` and starts no earlier than it ends.

    A level that is unknown on either side cannot break the rule."""
    end, next_start, next_end = _rank(before.exit_level), _rank(after.entry_level), _rank(after.exit_level)
    if end is None:
        return True
    if next_end is not None and next_end <= end:
        return False
    return next_start is None or next_start >= end


# ---------------------------------------------------------------- the graph


class Graph:
    """Programmes by id and their `leads_to` links, hours-based modules left out."""

    def __init__(self, trainings: list[Training]) -> None:
        self.nodes: dict[str, Training] = {
            t.id: t for t in trainings if not (t.duration is not None and t.duration.unit == "heures")
        }

    @classmethod
    def of(cls, catalog: Catalog) -> "Graph":
        return cls(catalog.trainings)

    def next(self, node: Training) -> list[Training]:
        return [self.nodes[i] for i in node.leads_to if i in self.nodes]


def degree_routes(graph: Graph, start: str, target: str) -> tuple[list[tuple[Step, ...]], list[tuple[str, str]]]:
    """Every chain from `start` to `target` (as steps), in graph order, and the links skipped."""
    target_rank = level_rank(target)
    nodes = [t for t in graph.nodes.values() if not t.continuing and t.exit_level is not None]
    level_nodes = [t for t in nodes if t.entry_level == start and t.exit_level == start]
    through = {n.id for ln in level_nodes for n in graph.next(ln)}
    roots = level_nodes + [
        t for t in nodes if t.entry_level == start and t.exit_level != start and t.id not in through
    ]
    found: list[tuple[Step, ...]] = []
    skipped: list[tuple[str, str]] = []

    def walk(path: list[Step]) -> None:
        node = path[-1].training
        rank = level_rank(node.exit_level)  # type: ignore[arg-type]
        if rank == target_rank:
            found.append(tuple(path))
            return
        if rank > target_rank:
            return
        for nxt in graph.next(node):
            if nxt.continuing or nxt.exit_level is None or any(s.training.id == nxt.id for s in path):
                continue
            if not goes_up(node, nxt):
                if (node.id, nxt.id) not in skipped:
                    skipped.append((node.id, nxt.id))
                continue
            walk(path + [Step(nxt)])

    for root in roots:
        walk([Step(root, starting_point=root.exit_level == start)])
    return found, skipped


def open_to_working(training: Training) -> bool:
    """Open to people already working: flagged `continuing`, or offered in the `formation_continue` mode."""
    return training.continuing or CONTINUING_MODE in training.modes


def continuing_routes(graph: Graph) -> list[tuple[Step, ...]]:
    """Maximal chains that start at a programme open to people already working."""
    continuing = [t for t in graph.nodes.values() if open_to_working(t)]
    led_to = {n.id for t in continuing for n in graph.next(t)}
    found: list[tuple[Step, ...]] = []

    def walk(path: list[Step]) -> None:
        node = path[-1].training
        nexts = [n for n in graph.next(node) if goes_up(node, n) and all(s.training.id != n.id for s in path)]
        if not nexts:
            found.append(tuple(path))
        for nxt in nexts:
            walk(path + [Step(nxt)])

    for root in continuing:
        if root.id not in led_to:
            walk([Step(root)])
    return found


def careers_of(catalog: Catalog, training: Training) -> tuple[Career, ...]:
    """Careers a programme prepares for: its own `careers`, then careers that recommend it."""
    ids = list(training.careers)
    ids += [c.id for c in catalog.careers if training.id in c.trainings and c.id not in ids]
    return tuple(c for c in (catalog.get(i) for i in ids) if isinstance(c, Career))


def _ends_a_route(catalog: Catalog, training: Training) -> bool:
    """A route to « any level » ends at a diploma: not at a generic step that leads on (prépa,
    « licence »), a LAS year, nor a year on the way to a track of the same school (ESIEE's first
    engineering year)."""
    if training.training_kind in ("prepa", "las") or (training.generic and training.leads_to):
        return False
    nexts = [catalog.get(i) for i in training.leads_to]
    return not nexts or any(n is None or n.institution != training.institution for n in nexts)


def _group_by_final(routes: list[Route]) -> list[Route]:
    """Routes ending at the same programme side by side, groups in order of first appearance."""
    order: dict[str, int] = {}
    for route in routes:
        order.setdefault(route.final.id, len(order))
    return sorted(routes, key=lambda r: order[r.final.id])


# ---------------------------------------------------------------- filters


def _matches(text: str | None, query: str, whole_words: bool) -> bool:
    if not text:
        return False
    haystack, needle = fold(text), fold(query)
    if whole_words:
        return f" {needle} " in f" {haystack} "
    return needle in haystack


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def _years_text(years: float) -> str:
    return f"{_number(years)} an" if years == 1 else f"{_number(years)} ans"


def _filters(query: Query) -> list[tuple[str, Callable[[Route], bool]]]:
    """(description of the filter, predicate on a route) for each filter the query sets, in order."""
    checks: list[tuple[str, Callable[[Route], bool]]] = []
    if query.career is not None:
        career = query.career
        checks.append(
            (f"--career (métier « {career.name} »)", lambda r: any(c.id == career.id for c in r.careers))
        )
    if query.school:
        school = query.school
        checks.append(
            (
                f"--school « {school} »",
                lambda r: any(_matches(s.training.institution, school, False) for s in r.steps),
            )
        )
    if query.city:
        city = query.city
        checks.append(
            (f"--city « {city} »", lambda r: any(_matches(s.training.city, city, True) for s in r.steps))
        )
    if query.max_years is not None:
        limit = query.max_years
        checks.append(
            (
                f"--max-years {_number(limit)} (durée totale connue d'au plus {_years_text(limit)})",
                lambda r: r.total_years is not None and r.total_years <= limit,
            )
        )
    return checks


def describe_span(start: str | None, target: str | None, continuing: bool) -> str:
    """'parcours de bac à bac+5', in French, for titles and messages."""
    kind = "parcours de formation continue" if continuing else "parcours"
    if start and target:
        return f"{kind} de {start} à {target}"
    if start:
        return f"{kind} à partir de {start}"
    if target:
        return f"{kind} jusqu'à {target}"
    return kind


# ---------------------------------------------------------------- entry point


def find_routes(catalog: Catalog, query: Query) -> Result:
    """Routes that answer the query, grouped by final programme; EsanteError when none is left."""
    start, target = query.levels
    if query.max_years is not None and query.max_years <= 0:
        raise EsanteError(f"--max-years doit être positif (reçu : {_number(query.max_years)})", code=ExitCode.USAGE)
    if start and target and level_rank(start) >= level_rank(target):
        raise EsanteError(
            f"le niveau de départ ({start}) doit être inférieur au niveau visé ({target})", code=ExitCode.USAGE
        )
    graph = Graph.of(catalog)
    result = Result(routes=[])
    if query.continuing:
        chains = [
            c
            for c in continuing_routes(graph)
            if (start is None or c[0].training.entry_level in (None, start))
            and (target is None or c[-1].training.exit_level in (None, target))
        ]
    else:
        targets = [target] if target else [lv for lv in LEVELS if level_rank(lv) > level_rank(start)]  # type: ignore[arg-type]
        chains = []
        for level in targets:
            found, skipped = degree_routes(graph, start, level)  # type: ignore[arg-type]
            chains += found
            result.skipped_links += [link for link in skipped if link not in result.skipped_links]
        if not target:  # any level: stop at programmes people finish, not at a step on the way
            chains = [c for c in chains if _ends_a_route(catalog, c[-1].training)]
        placed = {s.training.id for c in chains for s in c}
        result.unplaced = [
            t
            for t in graph.nodes.values()
            if not t.continuing and t.entry_level is None and t.exit_level in targets and t.id not in placed
            and (target or _ends_a_route(catalog, t))
        ]
    routes = _group_by_final(
        [Route(chain, careers_of(catalog, chain[-1].training), query.continuing) for chain in chains]
    )
    span = describe_span(start, target, query.continuing)
    if not routes:
        raise EsanteError(f"aucun {span} dans les données", code=ExitCode.NOT_FOUND)
    filters = _filters(query)
    alone = [Route((Step(t),), careers_of(catalog, t)) for t in result.unplaced]
    result.unplaced = [r.final for r in alone if all(keep(r) for _, keep in filters)]
    outside = _outside(catalog, query)
    for description, keep in filters:
        kept = [r for r in routes if keep(r)]
        if not kept and outside and (query.school or query.city):
            routes = []
            break
        if not kept:
            raise EsanteError(
                f"aucun parcours ne correspond : le filtre {description} écarte tous les parcours restants "
                f"({len(routes)} {span})",
                code=ExitCode.NOT_FOUND,
            )
        routes = kept
    result.routes = routes
    on_routes = {s.training.id for r in routes for s in r.steps}
    if routes:  # shown beside the routes already (« leur niveau d'entrée n'est pas renseigné »)
        on_routes |= {t.id for t in result.unplaced}
    result.outside = [t for t in outside if t.id not in on_routes]
    return result


def _outside(catalog: Catalog, query: Query) -> list[Training]:
    """The named (not generic) programmes of the --school and --city asked for (and of the
    --career, when one is asked for), in data order; none without --school or --city."""
    if not (query.school or query.city):
        return []
    found = []
    for t in catalog.trainings:
        if t.generic:
            continue
        if query.school and not _matches(t.institution, query.school, False):
            continue
        if query.city and not _matches(t.city, query.city, True):
            continue
        if query.career is not None and query.career.id not in {c.id for c in careers_of(catalog, t)}:
            continue
        found.append(t)
    return found


def outside_dict(training: Training) -> dict[str, object]:
    """`path --json`: a programme of the school or city asked for that is on no route shown."""
    return {
        "kind": "outside_route",
        "id": training.id,
        "name": training.name,
        "institution": training.institution,
        "city": training.city,
        "entry_level": training.entry_level,
        "exit_level": training.exit_level,
        "duration": None if training.duration is None else {"value": training.duration.value, "unit": training.duration.unit},
        "continuing": training.continuing,
    }


def to_dict(route: Route) -> dict[str, object]:
    """The stable JSON shape of a route (documented in docs/commands.md)."""
    return {
        "kind": "route",
        "id": route.id,
        "name": " → ".join(s.training.name for s in route.steps),
        "from": route.start_level,
        "to": route.end_level,
        "continuing": route.continuing,
        "total_years": route.total_years,
        "final": route.final.id,
        "steps": [
            {
                "id": s.training.id,
                "name": s.training.name,
                "institution": s.training.institution,
                "city": s.training.city,
                "entry_level": s.training.entry_level,
                "exit_level": s.training.exit_level,
                "years": s.years,
                "generic": s.training.generic,
                "starting_point": s.starting_point,
            }
            for s in route.steps
        ],
        "careers": [{"id": c.id, "name": c.name} for c in route.careers],
    }
