"""Full enumeration of study routes: the reference the bounded search (explore/routesearch.py) is
checked against. It lists every chain of programmes, then filters and orders them, as
explore/routes.py did before it searched; kept in tests only."""

from __future__ import annotations

from esante_cli.catalog.models import LEVELS, Catalog, Training, level_rank
from esante_cli.catalog.routegraph import ends_a_route
from esante_cli.explore.routes import Query, Route, Step, _matches, goes_up, open_to_working


def _nodes(catalog: Catalog, named: bool = False) -> dict[str, Training]:
    """The programmes routes go through; `named`: without the generic steps that lead nowhere
    (routes end at a named programme: such a step can be no part of one)."""
    return {
        t.id: t
        for t in catalog.trainings
        if not (t.duration is not None and t.duration.unit == "heures") and not (named and t.generic and not t.leads_to)
    }


def reaches(catalog: Catalog, final: Training, career_id: str, continuing: bool) -> bool:
    """Whether a route ending at `final` (a named programme) answers --career: the programme leads
    to the career, or straight to a generic step that does (the doctorate for a researcher)."""
    if career_id in careers_of(catalog, final):
        return True
    for nxt in (catalog.get(i) for i in final.leads_to):
        if not isinstance(nxt, Training) or not nxt.generic or not goes_up(final, nxt):
            continue
        if not continuing and (nxt.continuing or nxt.exit_level is None or (nxt.duration is not None and nxt.duration.unit == "heures")):
            continue
        if career_id in careers_of(catalog, nxt):
            return True
    return False


def _next(nodes: dict[str, Training], node: Training) -> list[Training]:
    return [nodes[i] for i in node.leads_to if i in nodes]


def degree_chains(nodes: dict[str, Training], start: str, target: str) -> tuple[list[tuple[Step, ...]], list[tuple[str, str]]]:
    target_rank = level_rank(target)
    kept = [t for t in nodes.values() if not t.continuing and t.exit_level is not None]
    level_nodes = [t for t in kept if t.entry_level == start and t.exit_level == start]
    through = {n.id for ln in level_nodes for n in _next(nodes, ln)}
    roots = level_nodes + [t for t in kept if t.entry_level == start and t.exit_level != start and t.id not in through]
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
        for nxt in _next(nodes, node):
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


def continuing_chains(nodes: dict[str, Training]) -> list[tuple[Step, ...]]:
    continuing = [t for t in nodes.values() if open_to_working(t)]
    led_to = {n.id for t in continuing for n in _next(nodes, t)}
    found: list[tuple[Step, ...]] = []

    def walk(path: list[Step]) -> None:
        node = path[-1].training
        nexts = [n for n in _next(nodes, node) if goes_up(node, n) and all(s.training.id != n.id for s in path)]
        if not nexts:
            found.append(tuple(path))
        for nxt in nexts:
            walk(path + [Step(nxt)])

    for root in continuing:
        if root.id not in led_to:
            walk([Step(root)])
    return found


def careers_of(catalog: Catalog, training: Training) -> tuple[str, ...]:
    ids = list(training.careers)
    ids += [c.id for c in catalog.careers if training.id in c.trainings and c.id not in ids]
    return tuple(i for i in ids if catalog.get(i) is not None and catalog.get(i).kind == "career")


def routes(catalog: Catalog, query: Query) -> list[Route]:
    """Every route of the query, filtered, grouped by final programme in the order the
    enumeration meets them before any filter."""
    order: dict[str, int] = {}
    for route in enumerated(catalog, query, filtered=False):
        order.setdefault(route.final.id, len(order))
    return sorted(enumerated(catalog, query), key=lambda r: order[r.final.id])


def enumerated(catalog: Catalog, query: Query, filtered: bool = True, named: bool = True) -> list[Route]:
    """Every route of the query, filtered (or not), in enumeration order. `named` (path): routes
    end at a named programme; without it (guide), at a generic step as well."""
    start, target = query.levels
    nodes = _nodes(catalog, named and query.continuing)
    if query.continuing:
        chains = [
            c
            for c in continuing_chains(nodes)
            if (start is None or c[0].training.entry_level in (None, start))
            and (target is None or c[-1].training.exit_level in (None, target))
        ]
    else:
        targets = [target] if target else [lv for lv in LEVELS if level_rank(lv) > level_rank(start)]  # type: ignore[arg-type]
        chains = []
        for level in targets:
            chains += degree_chains(nodes, start, level)[0]  # type: ignore[arg-type]
        if not target:  # any level: stop at programmes people finish, not at a step on the way
            chains = [c for c in chains if ends_a_route(catalog, c[-1].training)]
    if named:
        chains = [c for c in chains if not c[-1].training.generic]
    found = []
    for chain in chains:
        route = Route(chain, (), query.continuing)
        if not filtered:
            found.append(route)
            continue
        if query.career is not None:
            final = chain[-1].training
            if not (reaches(catalog, final, query.career.id, query.continuing) if named else query.career.id in careers_of(catalog, final)):
                continue
        if query.school and not any(_matches(s.training.institution, query.school, False) for s in chain):
            continue
        if query.city and not any(_matches(s.training.city, query.city, True) for s in chain):
            continue
        if query.max_years is not None and (route.total_years is None or route.total_years > query.max_years):
            continue
        found.append(route)
    return found


def shortest(found: list[Route], limit: int) -> list[str]:
    """The ids of the `limit` shortest routes (unknown totals last), ties in enumeration order
    (`found` as enumerated() gives them)."""
    position = {r.id: n for n, r in enumerate(found)}
    key = lambda r: (r.total_years is None, r.total_years or 0, len(r.study_steps), position[r.id])  # noqa: E731
    return [r.id for r in sorted(found, key=key)[:limit]]
