"""Bounded route search over the compact programme graph (catalog/routegraph.py). Pure.

routes.py says what a route is; this module finds the best of them without listing every chain.

Degree routes. Links that keep levels going up make the graph acyclic (each programme ends
higher than the one before), so a route is a path of this DAG from a root (routes.py) to an end
(a programme of the target level; for a career, one that prepares for it). `DegreeSearch`:
1. takes the ancestors of the ends (a walk back along the links), the only programmes a route
   can go through;
2. computes for each of them, and for each set of « must pass through » filters already met
   (--school, --city: a bit each), the best way to finish (fewest known years, then fewest
   steps), the fewest steps, and how many ways there are (by total years when --max-years is
   set): one pass in decreasing level order;
3. walks forward from the roots best-first (A*: a partial route's key is exactly the key of its
   best completion), so routes come out in the order (unknown total last, total years, steps,
   then graph order), and stops when the page is full. The count is exact without listing the
   chains (a sum over the roots).
The routes come out in graph order within equal keys: `order` is the chain's position in the
order the full enumeration lists chains (its root's place, root_key(), then the index of each
link in `leads_to`), so that sorting a page by it gives back that enumeration's order.

Continuing routes (maximal chains from programmes open to people at work, levels often unknown,
so cycles are possible) are walked depth-first with the filters applied at each chain's end,
up to CAP chains kept: beyond it the count is a lower bound (« au moins »).
"""

from __future__ import annotations

import heapq
from itertools import compress
from typing import Callable, Collection, Iterable, Sequence

from esante_cli.catalog.routegraph import CONTINUING, GENERIC, HOURS, OPEN, RouteGraph

EPS = 1e-9
CAP = 5000  # continuing chains kept before the count becomes « au moins »
WALK_BUDGET = 200_000  # continuing chains walked (kept or not) before the walk stops

Chain = tuple[tuple[int, ...], tuple[int, ...]]  # (programme numbers, order key)


def alive(g: RouteGraph, n: int) -> bool:
    """A programme that can be a step of a degree route: in years or months, not for people at
    work only, its exit level known."""
    return not g.flags[n] & (HOURS | CONTINUING) and g.exit[n] is not None


def goes_up(g: RouteGraph, u: int, v: int) -> bool:
    """routes.goes_up on programme numbers."""
    end, next_start, next_end = g.exit[u], g.entry[v], g.exit[v]
    if end is None:
        return True
    if next_end is not None and next_end <= end:
        return False
    return next_start is None or next_start >= end


def ancestors(g: RouteGraph, seeds: Iterable[int], within: Collection[int] | None = None, step: Callable[[RouteGraph, int], bool] = alive) -> set[int]:
    """The seeds and every programme that leads to one of them by links that keep levels going
    up, through programmes `step` accepts (and in `within`, when given)."""
    found = set(seeds)
    stack = list(found)
    before = g.before()
    while stack:
        v = stack.pop()
        for u in before[v]:
            if u not in found and (within is None or u in within) and step(g, u) and goes_up(g, u, v):
                found.add(u)
                stack.append(u)
    return found


def level_nodes(g: RouteGraph, start: int) -> tuple[list[int], set[int]]:
    """The level nodes of `start` (entered and left there: the diploma held, a starting point),
    in data order, and the programmes they lead to (which are reached through them)."""
    key = ("levels", start)
    if key not in g.memo:
        entry, exits = g.entry, g.exit
        found = [n for n, e in enumerate(entry) if e == start and exits[n] == start and alive(g, n)]
        g.memo[key] = found, {m for n in found for m in g.leads[n]}
    return g.memo[key]


def is_root(g: RouteGraph, n: int, start: int, through: set[int]) -> bool:
    """Whether degree routes from `start` begin at `n`: a level node, or a programme entered at
    `start` that no level node leads to."""
    return g.entry[n] == start and alive(g, n) and (g.exit[n] == start or n not in through)


def root_key(g: RouteGraph, n: int, start: int) -> tuple[int, int]:
    """Where a root comes in the enumeration: level nodes first, then data order."""
    return (0 if g.exit[n] == start else 1, n)


def degree_roots(g: RouteGraph, start: int) -> list[int]:
    """Every root of degree routes from `start`, in enumeration order."""
    _, through = level_nodes(g, start)
    return sorted((n for n, e in enumerate(g.entry) if e == start and is_root(g, n, start, through)), key=lambda n: root_key(g, n, start))


def node_set(g: RouteGraph, column: Sequence[int], names: Sequence[str], keep: object) -> set[int]:
    """Programmes whose city (or institution) `keep(name)` accepts."""
    wanted = {i for i, name in enumerate(names) if keep(name)}  # type: ignore[operator]
    return set(compress(range(len(column)), map(wanted.__contains__, column))) if wanted else set()


class DegreeSearch:
    """Degree routes from `start` (a level rank) to `ends`, through at least one programme of each
    of `passes`, with a known total of at most `max_years` when set (see the module docstring)."""

    def __init__(
        self, g: RouteGraph, start: int, ends: Iterable[int] | None, passes: Sequence[Collection[int]] = (),
        max_years: float | None = None, end_rank: int | None = None,
    ) -> None:
        """`ends`: where routes may end; None: every programme left at `end_rank`."""
        self.g = g
        self.start = start
        self.end_rank = end_rank
        self.ends = None if ends is None else {n for n in ends if alive(g, n)}
        self.passes = passes
        self.full = (1 << len(passes)) - 1
        self.max_years = max_years
        self.roots: list[int] = []
        self.mask: dict[int, int] = {}
        self.values: dict[int, list[tuple[tuple[float, int] | None, int, object] | None]] = {}
        self._solve()

    def _mask(self, n: int) -> int:
        m = self.mask.get(n)
        if m is None:
            m = self.mask[n] = sum(1 << i for i, p in enumerate(self.passes) if n in p)
        return m

    def _solve(self) -> None:
        g, before, by_years = self.g, self.g.before(), self.max_years is not None
        within = self._through() if self.passes else None
        if self.ends is None:  # every programme left at the target level (within the passes' reach)
            exits = g.exit
            pool = range(len(g)) if within is None else within
            self.ends = {n for n in pool if exits[n] == self.end_rank and alive(g, n)}
        ends = self.ends if within is None else self.ends & within
        found = ancestors(g, ends, within)
        _, through = level_nodes(g, self.start)
        self.roots = sorted((n for n in found if is_root(g, n, self.start, through)), key=lambda n: root_key(g, n, self.start))
        exits = g.exit
        full, values, years, limit = self.full, self.values, g.years, self.max_years
        for n in sorted(found, key=lambda n: -exits[n]):  # type: ignore[operator]
            own = self._mask(n)
            row: list[tuple[tuple[float, int] | None, int, object] | None] = [None] * (full + 1)
            nexts = [(v, values[v], self._mask(v), years[v]) for v in g.leads[n] if v in values and goes_up(g, n, v)]
            for m in range(full + 1):
                if m & own != own:
                    continue
                best: tuple[float, int] | None = None
                steps: int | None = None
                count: object = {} if by_years else 0
                if n in self.ends and m == full:
                    best, steps = (0.0, 0), 0
                    count = {0.0: 1} if by_years else 1
                for v, row_v, mask_v, y in nexts:
                    got = row_v[m | mask_v]
                    if got is None:
                        continue
                    v_best, v_steps, v_count = got
                    if y is None:
                        if by_years:
                            continue
                    elif v_best is not None:
                        candidate = (v_best[0] + y, v_best[1] + 1)
                        if best is None or candidate < best:
                            best = candidate
                    if by_years:
                        if v_best is None:
                            continue
                        for total, c in v_count.items():  # type: ignore[attr-defined]
                            t = round(total + y, 9)  # type: ignore[operator]
                            if t <= limit + EPS:  # type: ignore[operator]
                                count[t] = count.get(t, 0) + c  # type: ignore[attr-defined, index]
                        if not count:
                            continue
                    else:
                        count += v_count  # type: ignore[operator]
                    if steps is None or v_steps + 1 < steps:
                        steps = v_steps + 1
                if steps is not None and (not by_years or count):
                    row[m] = (best, steps, count)
            values[n] = row

    def _through(self) -> set[int]:
        """The programmes a route through the smallest `passes` set can go through: that set's
        programmes, those that lead to them and those they lead to (a few, for a city)."""
        g = self.g
        top = self.end_rank if self.ends is None else max((g.exit[n] for n in self.ends), default=-1)  # type: ignore[type-var]
        seeds = [n for n in min(self.passes, key=len) if alive(g, n) and g.exit[n] <= top]  # type: ignore[operator]
        up, down = ancestors(g, seeds), set(seeds)
        stack = list(seeds)
        while stack:
            u = stack.pop()
            for v in g.leads[u]:
                if v not in down and alive(g, v) and g.exit[v] <= top and goes_up(g, u, v):  # type: ignore[operator]
                    down.add(v)
                    stack.append(v)
        return up | down

    # -------------------------------------------------------- prefixes

    def _root(self, r: int) -> tuple[bool, float, int] | None:
        """(unknown, years, steps) of a route's first step, or None when it cannot start one."""
        if self.g.exit[r] == self.start:  # a starting point: shown, adds no years
            return False, 0.0, 0
        y = self.g.years[r]
        if y is None:
            return None if self.max_years is not None else (True, 0.0, 1)
        return False, y, 1

    def _key(self, unknown: bool, years: float, steps: int, got: tuple[tuple[float, int] | None, int, object]) -> tuple[int, float, int] | None:
        best, fewest, _ = got
        if not unknown and best is not None:
            key = (0, round(years + best[0], 9), steps + best[1])
        else:
            key = (1, 0.0, steps + fewest)
        if self.max_years is not None and (key[0] or key[1] > self.max_years + EPS):
            return None
        return key

    def count(self) -> int:
        """How many routes there are (exactly: no chain is listed)."""
        total = 0
        for r in self.roots:
            row = self.values.get(r)
            first = self._root(r) if row is not None else None
            got = row[self._mask(r)] if row is not None and first is not None else None
            if got is None:
                continue
            if self.max_years is None:
                total += got[2]  # type: ignore[operator]
            else:
                total += sum(c for t, c in got[2].items() if first[1] + t <= self.max_years + EPS)  # type: ignore[attr-defined, index]
        return total

    def best(self, limit: int | None, ties: int = 0) -> list[Chain]:
        """The first `limit` routes (all when None) in the order of the module docstring; with
        `ties`, up to that many more that tie with the last one on (unknown, years, steps), so
        that a caller can order ties its own way."""
        g, full, heap, out = self.g, self.full, [], []
        last: tuple[int, float, int] | None = None
        seq = 0
        for r in self.roots:
            row = self.values.get(r)
            first = self._root(r) if row is not None else None
            if first is None:
                continue
            m = self._mask(r)
            got = row[m]  # type: ignore[index]
            key = self._key(*first, got) if got is not None else None
            if key is not None:
                heap.append((key, (root_key(g, r, self.start),), seq, False, (r,), first, m))
                seq += 1
        heapq.heapify(heap)
        while heap and (limit is None or len(out) < limit or (len(out) < limit + ties and heap[0][0] == last)):
            key, order, _, done, path, (unknown, years, steps), m = heapq.heappop(heap)
            if done:
                out.append((path, order))
                last = key
                continue
            n = path[-1]
            if n in self.ends and m == full:
                own = (1, 0.0, steps) if unknown else (0, round(years, 9), steps)
                heapq.heappush(heap, (own, order, seq, True, path, (unknown, years, steps), m))
                seq += 1
            for j, v in enumerate(g.leads[n]):
                row = self.values.get(v)
                if row is None or not goes_up(g, n, v):
                    continue
                m2 = m | self._mask(v)
                got = row[m2]
                if got is None:
                    continue
                y = g.years[v]
                state = (True, years, steps + 1) if y is None else (unknown, years + y, steps + 1)
                if y is None and self.max_years is not None:
                    continue
                key2 = self._key(*state, got)
                if key2 is not None:
                    heapq.heappush(heap, (key2, order + (j,), seq, False, path + (v,), state, m2))
                    seq += 1
        return out

    def on_routes(self, candidates: Iterable[int]) -> set[int]:
        """The candidates (each on every `passes` set) that some route kept goes through."""
        g, targets = self.g, {n for n in candidates if n in self.values and self.values[n][self.full] is not None}
        if not targets:
            return set()
        # fewest known years (or None: reachable with an unknown one) from a root to each programme
        reach: dict[int, float | None] = {}
        for r in self.roots:
            first = self._root(r) if r in self.values else None
            if first is not None:
                reach[r] = None if first[0] else first[1]
        for n in sorted(self.values, key=lambda n: g.exit[n]):  # type: ignore[arg-type, return-value]
            if n not in reach:
                continue
            for v in g.leads[n]:
                if v in self.values and goes_up(g, n, v):
                    y = None if reach[n] is None or g.years[v] is None else reach[n] + g.years[v]  # type: ignore[operator]
                    if v not in reach or (y is not None and (reach[v] is None or y < reach[v])):  # type: ignore[operator]
                        reach[v] = y
        found = set()
        for n in targets:
            if n not in reach:
                continue
            if self.max_years is None:
                found.add(n)
                continue
            best = self.values[n][self.full][0]  # type: ignore[index]
            if reach[n] is not None and best is not None and reach[n] + best[0] <= self.max_years + EPS:  # type: ignore[operator]
                found.add(n)
        return found


def first_orders(g: RouteGraph, start: int, finals: Iterable[int]) -> dict[int, tuple[object, ...]]:
    """For each final programme, the order key of the first chain the enumeration meets that
    ends there, whatever the filters (the smallest key of a path from a root): the full
    enumeration groups routes by final programme in this order."""
    finals = set(finals)
    found = ancestors(g, finals)
    _, through = level_nodes(g, start)
    best: dict[int, tuple[object, ...]] = {r: (root_key(g, r, start),) for r in found if is_root(g, r, start, through)}
    for n in sorted(found, key=lambda n: g.exit[n]):  # type: ignore[arg-type, return-value]
        key = best.get(n)
        if key is None:
            continue
        for j, v in enumerate(g.leads[n]):
            if v in found and goes_up(g, n, v):
                candidate = key + (j,)
                if v not in best or candidate < best[v]:
                    best[v] = candidate
    return {f: best[f] for f in finals if f in best}


def walk_from_roots(g: RouteGraph, roots: Sequence[int], target: int) -> tuple[set[int], list[tuple[int, int]]]:
    """The programmes the degree routes to `target` reach from the roots (what routes.py calls
    placed, whatever the filters), and the links skipped because the levels do not go up, in
    the order the enumeration meets them."""
    seen: set[int] = set()
    skipped: list[tuple[int, int]] = []

    def visit(n: int) -> None:  # depth-first, as the enumeration goes (levels bound the depth)
        if n in seen:
            return
        seen.add(n)
        if g.exit[n] >= target:  # type: ignore[operator]
            return
        for v in g.leads[n]:
            if not alive(g, v):
                continue
            if not goes_up(g, n, v):
                if (n, v) not in skipped:
                    skipped.append((n, v))
                continue
            visit(v)

    for r in roots:
        visit(r)
    return seen, skipped


def continuing_chains(
    g: RouteGraph,
    start: int | None,
    target: int | None,
    ends: Collection[int] | None,
    passes: Sequence[Collection[int]],
    max_years: float | None,
    named: bool = False,
    generic: bool = False,
) -> tuple[list[Chain], bool]:
    """Continuing routes kept by the filters (every chain's last programme in `ends`, when
    given), in enumeration order, and whether they are all of them (False past CAP or the walk's
    budget: then the count is a lower bound). `named`: routes end at a named programme: a
    generic step that leads nowhere is no step at all, one that leads on cannot end a chain.
    `generic`: only the chains that end at a generic step."""
    def graph_node(n: int) -> bool:
        return not g.flags[n] & HOURS and not (named and g.flags[n] & GENERIC and not g.leads[n])

    key = ("continuing roots", named)
    if key not in g.memo:  # open to people at work, led to by no such programme
        starts = [n for n, f in enumerate(g.flags) if f & OPEN and graph_node(n)]
        led_to = {v for n in starts for v in g.leads[n] if graph_node(v)}
        g.memo[key] = [n for n in starts if n not in led_to]
    roots = [n for n in g.memo[key] if start is None or g.entry[n] in (None, start)]
    useful: set[int] | None = None
    if ends is not None:  # only programmes that can still reach an end
        useful = ancestors(g, ends, step=lambda g, n: graph_node(n))
        roots = [r for r in roots if r in useful]
    kept: list[Chain] = []
    walked = 0
    complete = True

    def keep(path: list[int]) -> bool:
        last = path[-1]
        if ends is not None and last not in ends:
            return False
        if (named and g.flags[last] & GENERIC) or (generic and not g.flags[last] & GENERIC):
            return False
        if target is not None and g.exit[last] not in (None, target):
            return False
        if not all(any(n in p for n in path) for p in passes):
            return False
        if max_years is not None:
            total = 0.0
            for n in path:
                if g.years[n] is None:
                    return False
                total += g.years[n]  # type: ignore[operator]
            return total <= max_years
        return True

    def walk(path: list[int], order: tuple[int, ...]) -> bool:
        nonlocal walked, complete
        n = path[-1]
        nexts = [(j, v) for j, v in enumerate(g.leads[n]) if graph_node(v) and goes_up(g, n, v) and v not in path]
        if not nexts:
            walked += 1
            if keep(path):
                kept.append((tuple(path), order))
                if len(kept) >= CAP:
                    complete = False
                    return False
            if walked >= WALK_BUDGET:
                complete = False
                return False
            return True
        for j, v in nexts:
            if useful is not None and v not in useful:
                continue
            path.append(v)
            going = walk(path, order + (j,))
            path.pop()
            if not going:
                return False
        return True

    for i, r in enumerate(roots):
        if not walk([r], (i,)):
            break
    return kept, complete


def chain_key(g: RouteGraph, chain: Chain, start: int | None = None) -> tuple[tuple[int, float, int], tuple[int, ...]]:
    """The sort key of a chain: (unknown total, total years, study steps), then its order. With
    `start` (degree routes), a first programme left at `start` is the starting point: no step."""
    path, order = chain
    total, unknown, steps = 0.0, False, 0
    for k, n in enumerate(path):
        if k == 0 and start is not None and g.exit[n] == start:
            continue
        steps += 1
        if g.years[n] is None:
            unknown = True
        else:
            total += g.years[n]  # type: ignore[operator]
    return ((1, 0.0, steps) if unknown else (0, round(total, 9), steps)), order
