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

import re
from typing import Iterable, Sequence

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog import routegraph
from esante_cli.catalog.models import LEVELS, Career, Catalog, Training, level_rank
from esante_cli.explore import routesearch
from esante_cli.explore.routevalues import (  # noqa: F401 - routes.Route, routes.Query…: the values of this module's answers
    CONTINUING_MODE, DEFAULT_FROM, DEFAULT_TO, EXPERIENCE, FURTHER_STUDY, PREPARED, Query, Reach, Result, Route, Step,
)
from esante_cli.explore.search import fold
from esante_cli.wording import level_phrase

# ---------------------------------------------------------------- levels


# Words around a level as people write it (« depuis le bac », « un master »), and what a named
# diploma or a kind of bac reaches.
_LEVEL_LEADS = re.compile(r"^(?:apres|depuis|a partir|jusqu'?|vers|avec|j'ai|j ai)?\s*(?:(?:du|de|d'|au|a|le|la|l'|un|une)\s*)*")
_LEVEL_NAMES = {"licence": "bac+3", "master": "bac+5", "doctorat": "bac+8", "these": "bac+8", "baccalaureat": "bac"}
_BAC_KINDS = re.compile(r"^bac(?:calaureat)?\s+(?:general|generale|pro|professionnel|techno|technologique|s|es|l|stmg|sti2d|st2s|stl)$")


def check_level(value: str, option: str) -> str:
    """A level typed by the user ('Bac+5', 'bac + 2', « du bac », « un master », « bac pro ») as
    its canonical form, or a usage error."""
    level = "".join(value.split()).lower()
    if level in LEVELS:
        return level
    words = _LEVEL_LEADS.sub("", " ".join(fold(value).split())).strip()
    if _BAC_KINDS.match(words):
        return "bac"
    words = _LEVEL_NAMES.get(words, words)
    if "".join(words.split()) in LEVELS:
        return "".join(words.split())
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


def open_to_working(training: Training) -> bool:
    """Open to people already working: flagged `continuing`, or offered in the `formation_continue` mode."""
    return training.continuing or CONTINUING_MODE in training.modes


def careers_of(catalog: Catalog, training: Training) -> tuple[Career, ...]:
    """Careers a programme prepares for: its own `careers`, then careers that recommend it."""
    g = routegraph.of(catalog)
    n = g.number(training.id)
    if n is None or catalog.get(training.id) is not training:  # not this catalogue's programme
        ids = list(training.careers)
        ids += [c.id for c in catalog.careers if training.id in c.trainings and c.id not in ids]
        return tuple(c for c in (catalog.get(i) for i in ids) if isinstance(c, Career))
    return _careers(catalog, g, n)


def _careers(catalog: Catalog, g: routegraph.RouteGraph, n: int) -> tuple[Career, ...]:
    return tuple(c for c in (catalog.get(g.career_ids[i]) for i in g.careers[n]) if isinstance(c, Career))


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


TIES = 500  # routes of equal length read past a page to order them as the enumeration does
FILTERS = ("career", "school", "city", "max_years")  # the order filters are applied (and named) in


def _filters(query: Query) -> list[tuple[str, str]]:
    """(filter, its description) for each filter the query sets, in the order they apply."""
    checks: list[tuple[str, str]] = []
    if query.career is not None:
        checks.append(("career", f"--career (métier « {query.career.name} »)"))
    if query.school:
        checks.append(("school", f"--school « {query.school} »"))
    if query.city:
        checks.append(("city", f"--city « {query.city} »"))
    if query.max_years is not None:
        limit = query.max_years
        checks.append(("max_years", f"--max-years {_number(limit)} (durée totale connue d'au plus {_years_text(limit)})"))
    return checks


def _school_nodes(g: routegraph.RouteGraph, school: str) -> set[int]:
    key = ("school", fold(school))
    if key not in g.memo:
        g.memo[key] = routesearch.node_set(g, g.institution, g.institutions, lambda name: _matches(name, school, False))
    return g.memo[key]


def _city_nodes(g: routegraph.RouteGraph, city: str) -> set[int]:
    key = ("city", fold(city))
    if key not in g.memo:
        g.memo[key] = routesearch.node_set(g, g.city, g.cities, lambda name: _matches(name, city, True))
    return g.memo[key]


def describe_span(start: str | None, target: str | None, continuing: bool) -> str:
    """'parcours du bac à bac+5', in French, for titles and messages."""
    kind = "parcours de formation continue" if continuing else "parcours"
    if start and target:
        return f"{kind} {level_phrase(start, 'de')} {level_phrase(target, 'à')}"
    if start:
        return f"{kind} {level_phrase(start, 'à partir de')}"
    if target:
        return kind + " " + level_phrase(target, "jusqu'à")
    return kind


# ---------------------------------------------------------------- searches


def _any_level_ends(g: routegraph.RouteGraph, start: int, ends: Iterable[int] | None) -> list[int]:
    """Where a degree route with no target level may end: above the start, at a programme that
    ends a route (routegraph.ends_a_route); among `ends` when given (a career's programmes)."""
    pool = range(len(g)) if ends is None else ends
    exits, flags = g.exit, g.flags
    return [n for n in pool if exits[n] is not None and exits[n] > start and flags[n] & routegraph.ENDS]  # type: ignore[operator]


def _then(g: routegraph.RouteGraph, finals: Iterable[int], continuing: bool) -> dict[int, list[int]]:
    """For the generic steps among `finals` (a career's programmes): the named programmes that
    lead straight to them (a route ends there, the career is reached after the generic step),
    each with the generic steps it leads to."""
    then: dict[int, list[int]] = {}
    before = g.before()
    for n in finals:
        if not g.flags[n] & routegraph.GENERIC or not (continuing or routesearch.alive(g, n)):
            continue
        for u in before[n]:
            if not g.flags[u] & routegraph.GENERIC and routesearch.goes_up(g, u, n):
                then.setdefault(u, []).append(n)
    return then


class _Search:
    """The routes of a query under some of its filters: how many, and the best of them.

    `finals`: "named" — routes end at a named programme (what path shows; guide still ends at
    a generic step when no named programme prepares for a career), and a career's generic
    programme makes the named programmes that lead to it ends too (`then`: the generic steps
    after them); "generic" — only the routes that end at a generic step (what path names
    beside its routes); "any" — both."""

    def __init__(
        self, g: routegraph.RouteGraph, query: Query, active: set[str], ends: Iterable[int] | None = None,
        levels: tuple[str | None, str | None] | None = None, finals: str = "any",
    ) -> None:
        named, generic = finals == "named", finals == "generic"
        start, target = levels or query.levels
        self.g, self.continuing = g, query.continuing
        self.start_rank = None if start is None else level_rank(start)
        self.then: dict[int, list[int]] = {}
        career = query.career if "career" in active else None
        passes = []
        if "school" in active:
            passes.append(_school_nodes(g, query.school))  # type: ignore[arg-type]
        if "city" in active:
            passes.append(_city_nodes(g, query.city))  # type: ignore[arg-type]
        max_years = query.max_years if "max_years" in active else None
        if ends is None and career is not None:
            ends = g.finals(career.id)
        if named and ends is not None:
            ends = list(ends)
            self.then = _then(g, ends, query.continuing)
            ends = [n for n in ends if not g.flags[n] & routegraph.GENERIC]
            ends += [n for n in self.then if n not in ends]
        target_rank = None if target is None else level_rank(target)
        if query.continuing:
            self.chains, self.exact = routesearch.continuing_chains(
                g, self.start_rank, target_rank, None if ends is None else set(ends), passes, max_years, named, generic
            )
            self.degree = None
        else:
            if ends is not None and target_rank is not None:
                ends = (n for n in ends if g.exit[n] == target_rank)
            elif target_rank is None and levels is None:  # any level: where people finish a diploma
                ends = _any_level_ends(g, self.start_rank, ends)  # type: ignore[arg-type]
            elif (named or generic) and ends is None:  # every programme left at the target level
                ends = [n for n in range(len(g)) if g.exit[n] == target_rank]
            if (named or generic) and ends is not None:
                ends = [n for n in ends if bool(g.flags[n] & routegraph.GENERIC) == generic]
            self.degree = routesearch.DegreeSearch(g, self.start_rank, ends, passes, max_years, target_rank)  # type: ignore[arg-type]
            self.exact = True

    def count(self) -> int:
        return len(self.chains) if self.degree is None else self.degree.count()

    def best(self, limit: int | None) -> list[routesearch.Chain]:
        """The best `limit` chains, shortest known first (then in enumeration order)."""
        if self.degree is not None:
            return self.degree.best(limit)
        ranked = sorted(self.chains, key=lambda c: routesearch.chain_key(self.g, c))
        return ranked if limit is None else ranked[:limit]

    def route(self, catalog: Catalog, chain: routesearch.Chain, career: Career | None = None) -> Route:
        """The route of a chain; `career`: the career asked, reached after a generic step
        (`then`) when the final programme does not itself lead to it."""
        path = chain[0]
        steps = tuple(
            Step(catalog.get(self.g.ids[n]), starting_point=not self.continuing and k == 0 and self.g.exit[n] == self.start_rank)  # type: ignore[arg-type]
            for k, n in enumerate(path)
        )
        careers = _careers(catalog, self.g, path[-1])
        final = steps[-1].training
        reach = [Reach(c, EXPERIENCE if c.experience is not None or c.id in final.careers_after_experience else PREPARED) for c in careers]
        if career is not None and all(c.id != career.id for c in careers):
            for n in self.then.get(path[-1], ()):
                if career.id in (self.g.career_ids[i] for i in self.g.careers[n]):
                    reach.append(Reach(career, FURTHER_STUDY, catalog.get(self.g.ids[n])))  # type: ignore[arg-type]
                    break
        return Route(steps, careers, self.continuing, tuple(reach))


# ---------------------------------------------------------------- entry point


def find_routes(catalog: Catalog, query: Query, limit: int | None = None) -> Result:
    """Routes that answer the query (the `limit` shortest when set), grouped by final programme;
    EsanteError when none is left. `Result.count` says how many there are in all."""
    start, target = query.levels
    if query.max_years is not None and query.max_years <= 0:
        raise EsanteError(f"--max-years doit être positif (reçu : {_number(query.max_years)})", code=ExitCode.USAGE)
    if start and target and level_rank(start) >= level_rank(target):
        # --from master with no --to: the default target is reached already; say where to go
        hint = (
            f"\nPar défaut, les parcours vont jusqu'à {DEFAULT_TO} : visez plus haut (--to bac+8 pour un doctorat), "
            "ou --continuing pour les formations ouvertes aux personnes en poste."
            if query.target is None else ""
        )
        raise EsanteError(
            f"le niveau de départ ({start}) doit être inférieur au niveau visé ({target}){hint}", code=ExitCode.USAGE
        )
    g = routegraph.of(catalog)
    filters = _filters(query)
    span = describe_span(start, target, query.continuing)
    search = _Search(g, query, {name for name, _ in filters}, finals="named")
    count = search.count()
    result = Result(routes=[], count=count, exact=search.exact)
    if not query.continuing:
        _unplaced(catalog, g, query, result)
    outside = _outside(g, query)
    result.generic = _generic_finals(catalog, g, query, {name for name, _ in filters})
    if not count:
        counts = [_Search(g, query, {name for name, _ in filters[:i]}, finals="named").count() for i in range(len(filters))]
        generic = ""
        if result.generic:
            names = ", ".join(f"{t.name} ({t.id})" for t in result.generic)
            generic = f"\nSans établissement précis dans nos données (étape générique) : {names}"
        if not (counts[0] if filters else count):
            raise EsanteError(f"aucun {span} dans les données{generic}", code=ExitCode.NOT_FOUND)
        if not (outside and (query.school or query.city)):
            i = next(i for i in range(len(filters)) if i + 1 == len(filters) or not counts[i + 1])
            raise EsanteError(
                f"aucun parcours ne correspond : le filtre {filters[i][1]} écarte tous les parcours restants "
                f"({counts[i]} {span}){generic}",
                code=ExitCode.NOT_FOUND,
            )
    # any level: the enumeration goes one target level after the other
    level_of = (lambda n: (g.exit[n],)) if target is None and not query.continuing else (lambda n: ())
    chains = sorted(search.best(limit), key=lambda c: (*level_of(c[0][-1]), *c[1])) if count else []
    if search.degree is not None and chains:  # groups in the order the whole enumeration meets them
        first = routesearch.first_orders(g, search.degree.start, {c[0][-1] for c in chains})
        chains.sort(key=lambda c: (*level_of(c[0][-1]), *first[c[0][-1]]))
    elif chains and filters:  # the same, for continuing routes: their order before any filter
        met: dict[int, int] = {}
        for path, _ in _Search(g, query, set(), finals="named").chains:
            met.setdefault(path[-1], len(met))
        chains.sort(key=lambda c: met.get(c[0][-1], len(met)))
    result.routes = _group_by_final([search.route(catalog, c, query.career) for c in chains])
    through = {r.through.id for route in result.routes for r in route.reach if r.through is not None}
    result.generic = [t for t in result.generic if t.id not in through]  # already said: « après : Doctorat »
    if count > len(result.routes):  # a page of the shortest: shown shortest first (groups kept for ties)
        result.routes.sort(key=lambda r: (r.total_years is None, r.total_years or 0, len(r.study_steps)))
    if outside:
        if not count:
            on_routes: set[int] = set()
        elif search.degree is not None:
            on_routes = search.degree.on_routes(outside)
        else:
            on_routes = {n for path, _ in search.chains for n in path}
        if count:  # shown beside the routes already (« leur niveau d'entrée n'est pas renseigné »)
            on_routes |= {g.number(t.id) for t in result.unplaced}  # type: ignore[misc]
        off = [n for n in outside if n not in on_routes]
        result.outside_count = len(off)
        result.outside = [catalog.get(g.ids[n]) for n in off[:limit]]  # type: ignore[misc]
    return result


GENERIC_NAMED = 10  # generic steps named beside the routes, at most


def _generic_finals(catalog: Catalog, g: routegraph.RouteGraph, query: Query, active: set[str]) -> list[Training]:
    """The generic steps (no school, no city) where routes of the query would end if they could
    end at one: path names them beside its routes (« sans établissement précis »)."""
    search = _Search(g, query, active, finals="generic")
    if not search.count():
        return []
    if search.degree is None:
        found = sorted({path[-1] for path, _ in search.chains})
    else:
        found = []
        for n in sorted(search.degree.ends):  # type: ignore[arg-type]
            if len(found) == GENERIC_NAMED:
                break
            if _Search(g, query, active, ends=[n], finals="generic").count():
                found.append(n)
    return [catalog.get(g.ids[n]) for n in found[:GENERIC_NAMED]]  # type: ignore[misc]


def _unplaced(catalog: Catalog, g: routegraph.RouteGraph, query: Query, result: Result) -> None:
    """Programmes that lead to the target (any level above the start, with none: those that end
    a route) with an unknown entry level, on no degree route (kept by the query's filters as
    routes of one step), and the links skipped on the way."""
    start, target = query.levels
    s = level_rank(start)  # type: ignore[arg-type]
    targets = [level_rank(target)] if target else [level_rank(lv) for lv in LEVELS if level_rank(lv) > s]
    key = ("unplaced", tuple(targets))
    if key not in g.memo:
        g.memo[key] = [
            n for n, e in enumerate(g.exit)
            if e in targets and g.entry[n] is None and routesearch.alive(g, n) and (target or g.flags[n] & routegraph.ENDS)
        ]
    candidates = g.memo[key]
    if not candidates and not g.bad_links:
        return
    roots = routesearch.degree_roots(g, s)
    placed: set[int] = set()
    skipped: list[tuple[int, int]] = []
    for t in targets:  # as the enumeration goes: one target level after the other
        seen, links = routesearch.walk_from_roots(g, roots, t)
        placed |= seen
        skipped += [link for link in links if link not in skipped]
    result.skipped_links = [(g.ids[a], g.ids[b]) for a, b in skipped]
    school = _school_nodes(g, query.school) if query.school else None
    city = _city_nodes(g, query.city) if query.city else None
    kept = []
    for n in candidates:
        if n in placed:
            continue
        if query.career is not None and query.career.id not in {g.career_ids[c] for c in g.careers[n]}:
            continue
        if (school is not None and n not in school) or (city is not None and n not in city):
            continue
        if query.max_years is not None and (g.years[n] is None or g.years[n] > query.max_years):  # type: ignore[operator]
            continue
        kept.append(catalog.get(g.ids[n]))
    result.unplaced = kept  # type: ignore[assignment]


def _outside(g: routegraph.RouteGraph, query: Query) -> list[int]:
    """The named (not generic) programmes of the --school and --city asked for (and of the
    --career, when one is asked for), in data order; none without --school or --city."""
    if not (query.school or query.city):
        return []
    sets = ([_school_nodes(g, query.school)] if query.school else []) + ([_city_nodes(g, query.city)] if query.city else [])
    found = set.intersection(*sets)
    if query.career is not None:
        found &= set(g.finals(query.career.id))
    return [n for n in sorted(found) if not g.flags[n] & routegraph.GENERIC]


def career_routes(
    catalog: Catalog,
    careers: Sequence[Career],
    start: str | None,
    continuing: bool,
    city: str | None,
    max_years: float | None,
    limit: int | None,
) -> tuple[list[Route], int]:
    """Routes to any of these careers (from `start`, ending at a career's level or above; for
    continuing education, from `start` when set), the `limit` shortest known first, and how many
    there are in all (distinct routes)."""
    g = routegraph.of(catalog)
    query = Query(start=start, continuing=continuing, city=city, max_years=max_years)
    if continuing:
        ends = {n for c in careers for n in g.finals(c.id)}
    else:
        start = start or DEFAULT_FROM
        s = level_rank(start)
        ends = set()
        for c in careers:
            floor = level_rank(c.entry_level) if c.entry_level else 0
            ends |= {n for n in g.finals(c.id) if g.exit[n] is not None and g.exit[n] > s and g.exit[n] >= floor}  # type: ignore[operator]
    active = {name for name, _ in _filters(query)}
    # Routes from studies end at a named programme, as path's do; a generic step ends them only
    # when no named programme does (the IFCS for a cadre de santé: the only answer there is).
    # Continuing routes keep their generic steps (a mastère spécialisé, a certification): for
    # someone at work they are the options, whoever teaches them.
    search = _Search(g, query, active, ends, levels=(start, None), finals="any" if continuing else "named")
    count = search.count()
    if not count and not continuing:
        search = _Search(g, query, active, ends, levels=(start, None))
        count = search.count()
    if not count:
        return [], count
    if search.degree is None:
        return [search.route(catalog, c) for c in search.best(limit)], count
    # Between routes of equal length, as the enumeration lists them: one target level after the
    # other, each grouped by final programme in the order it first meets them.
    chains = search.degree.best(limit, ties=TIES)
    first = routesearch.first_orders(g, search.degree.start, {c[0][-1] for c in chains})
    key = {c[0]: routesearch.chain_key(g, c, search.degree.start)[0] for c in chains}
    chains.sort(key=lambda c: (key[c[0]], g.exit[c[0][-1]], first[c[0][-1]], c[1]))
    return [search.route(catalog, c) for c in chains[:limit]], count


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
        "careers": [
            {"id": r.career.id, "name": r.career.name, "access": r.how, "through": r.through.id if r.through else None}
            for r in route.reach
        ],
    }
