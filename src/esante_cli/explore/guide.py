"""From where I am and what I like, to careers and the routes that reach them. Pure: no I/O.

guide(catalog, GuideQuery) -> Guide composes the other explore modules; it re-implements none:
- the likes are read by query.understand (the vocabulary search uses: synonyms, tools → skills,
  filler words dropped), and each concept is searched among the careers with search.search;
- the fit of a career (`CareerFit`) is, first, how many of the concepts find it (a concept finds
  a career when one of its alternatives does, or when it names one of the career's skills), then
  the sum of the concepts' best search scores, then the share of the career's skills named
  (match.rank_careers), then the name. It is a fit between the words given and the catalogue's
  records, not a psychometric test: `RANKING` says so in one line, and the output repeats it;
- routes come from routes.find_routes (one query per target level above the start, with the
  career, city, maximum years and continuing filters), the shortest known first;
- the starting salary from salaries.starting_salary, the sector growth from sectors.sector_row;
- for continuing education, the programmes measured in hours that prepare for a career (DU of
  90 hours), which are not steps of a route, are listed beside its routes (`outside`);
- careers reached only with experience (`experience` set) are « plus tard » under the entry
  careers they grow from (Catalog.origins); someone already at work (`--from "en poste"`) has
  experience, so for them those careers rank with the others.
When the constraints leave a career no route, `Relaxed` says which constraint did it and what
relaxing it gives (the city first, then the years, then both, then an easier start level).
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, Iterable, Iterator

from esante_cli.catalog import routegraph
from esante_cli.catalog.models import LEVELS, Career, Catalog, Sector, Training, level_rank
from esante_cli.catalog.values import Frozen
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.explore import interests as interests_mod, query as query_mod, routes as routes_mod
from esante_cli.explore.asker import WORKING
from esante_cli.explore.understand import read_level  # noqa: F401 - read_level: --from, shared
from esante_cli.explore.salaries import StartingSalary, starting_salary
from esante_cli.explore.sectors import SectorRow, sector_row
from esante_cli.explore.search import fold, score_of, scores as search_scores
from esante_cli.wording import level_phrase

MAX_CAREERS = 5
MAX_ROUTES = 3
FIT_POOL = 100  # careers each word of the likes brings, best first (search's bounded top)
TOGETHER_POOL = 100  # careers all the words searched together bring
RANKING = (
    "Classement : d'abord le nombre de vos mots retrouvés dans la fiche du métier, puis la force de "
    "la correspondance, puis les métiers ayant un parcours ; un rapprochement entre vos mots et le "
    "catalogue, pas un test d'orientation."
)
NO_LIKES = "Sans centres d'intérêt (--likes), pas de classement : les métiers dans l'ordre des données."
RANKING_THEMES = (
    "Classement : d'abord les thèmes choisis que porte la fiche ROME du métier (son thème principal "
    "compte double), puis les métiers ayant un parcours ; les thèmes que le ROME donne aux métiers, "
    "pas un test d'orientation."
)
RANKING_BOTH = (
    "Classement : les thèmes choisis que porte la fiche ROME du métier (son thème principal compte "
    "double) et vos mots retrouvés dans sa fiche (chacun compte double), puis la force de la "
    "correspondance, puis les métiers ayant un parcours ; pas un test d'orientation."
)


# Frozen value classes (catalog/values.py) and plain classes, not dataclasses: generating their
# methods cost every run of guide ~3 ms.
_set = object.__setattr__


class GuideQuery(Frozen):
    __slots__ = ("start", "working", "city", "likes", "max_years", "continuing", "interests")
    start: str | None  # a level; None: bac (or any level, for someone at work)
    working: bool  # « en poste »: continuing-education routes, experience careers ranked
    city: str | None
    likes: str | None
    max_years: float | None
    continuing: bool
    interests: tuple[int, ...]  # ROME interest themes chosen (codes), in the order given

    def __init__(
        self, start: str | None = None, working: bool = False, city: str | None = None, likes: str | None = None,
        max_years: float | None = None, continuing: bool = False, interests: tuple[int, ...] = (),
    ) -> None:
        _set(self, "start", start)
        _set(self, "working", working)
        _set(self, "city", city)
        _set(self, "likes", likes)
        _set(self, "max_years", max_years)
        _set(self, "continuing", continuing)
        _set(self, "interests", interests)

    def with_city(self, city: str | None) -> GuideQuery:
        return GuideQuery(self.start, self.working, city, self.likes, self.max_years, self.continuing, self.interests)

    @property
    def level(self) -> str | None:
        return None if self.working else (self.start or routes_mod.DEFAULT_FROM)

    @property
    def continuing_routes(self) -> bool:
        return self.continuing or self.working


class CareerFit(Frozen):
    __slots__ = ("career", "words", "skills", "score", "ratio", "themes")
    career: Career
    words: tuple[str, ...]  # the likes (concepts, as typed) that find the career
    skills: tuple[str, ...]  # skill ids of the career named by the likes, in the career's order
    score: float  # sum of the concepts' best search scores (0 … 100 each)
    ratio: float  # share of the career's skills named (match.rank_careers), 0 … 1
    themes: tuple[interests_mod.ThemeMatch, ...]  # the chosen ROME themes the career carries

    def __init__(
        self, career: Career, words: tuple[str, ...], skills: tuple[str, ...], score: float, ratio: float,
        themes: tuple[interests_mod.ThemeMatch, ...] = (),
    ) -> None:
        _set(self, "career", career)
        _set(self, "words", words)
        _set(self, "skills", skills)
        _set(self, "score", score)
        _set(self, "ratio", ratio)
        _set(self, "themes", themes)

    @property
    def points(self) -> int:
        """What ranks first: each word found counts as a main theme (interests.MAIN_WEIGHT)."""
        return interests_mod.MAIN_WEIGHT * len(self.words) + interests_mod.weight(self.themes)


class Relaxed(Frozen):
    """Why a career has no route: the constraints that remove them all, and what relaxing gives."""

    __slots__ = ("without", "relaxed", "count", "routes", "how")
    without: str  # the constraints asked, in French (« à Lille, en 5 ans au plus »)
    relaxed: str  # what was relaxed, in French (« partout en France ») ; "" when nothing helps
    count: int  # routes once relaxed
    routes: tuple[routes_mod.Route, ...]  # the best of them
    how: tuple[Any, ...]  # the constraints relaxed: (level, continuing, city, max years)

    def __init__(self, without: str, relaxed: str, count: int, routes: tuple[routes_mod.Route, ...] = (), how: tuple[Any, ...] = ()) -> None:
        _set(self, "without", without)
        _set(self, "relaxed", relaxed)
        _set(self, "count", count)
        _set(self, "routes", routes)
        _set(self, "how", how)

    def sentence(self) -> str:
        if not self.count:
            return "aucun parcours vers ce métier dans les données"
        return f"{self.without} : aucun parcours ; {self.relaxed} : {self.count} parcours"


class CareerAnswer:
    def __init__(
        self, fit: CareerFit, salary: StartingSalary, sectors: list[SectorRow], routes: list[routes_mod.Route], route_count: int
    ) -> None:
        self.fit = fit
        self.salary = salary
        self.sectors = sectors  # growth of the career's sectors, in the career's order
        self.routes = routes  # the best MAX_ROUTES
        self.route_count = route_count
        self.relaxed: Relaxed | None = None  # set when no route is left under the constraints
        self.later: list[CareerFit] = []  # experience careers it grows into
        # continuing education: programmes measured in hours that prepare for the career (a DU of
        # 90 hours), which routes leave out of the graph; listed « hors parcours », city kept
        self.outside: list[Training] = []
        self.rome: list[Any] = []  # the ROME sheets the career points to (RomeSheet)

    @property
    def career(self) -> Career:
        return self.fit.career


class Guide:
    def __init__(
        self, query: GuideQuery, understood: query_mod.Understood | None, careers: list[CareerAnswer],
        later: list[tuple[CareerFit, list[Career]]], ignored: tuple[str, ...] = (),
    ) -> None:
        self.query = query
        self.understood = understood
        self.careers = careers
        self.later = later  # experience careers whose origins are not shown
        self.ignored = ignored  # likes the catalogue cannot read
        self.suggestions: tuple[str, ...] = ()  # vocabulary words close to the ignored ones
        self.relaxed: Relaxed | None = None  # set when no career shown has a route under the constraints
        self.unknown_city = False  # --city names no city of the programmes

    @property
    def ranking(self) -> str:
        if self.query.interests:
            return RANKING_BOTH if self.understood is not None else RANKING_THEMES
        return RANKING if self.understood is not None else NO_LIKES


def city_name(catalog: Catalog, city: str) -> str:
    """The city as the data spells it (« lille » → « Lille »), else as typed."""
    cities, _ = query_mod.known_places(catalog)
    typed = city.strip()
    return next((c for c in cities if fold(c) == fold(city)), typed[:1].upper() + typed[1:])


# ---------------------------------------------------------------- fit


def fits(catalog: Catalog, understood: query_mod.Understood) -> tuple[list[CareerFit], tuple[str, ...]]:
    """Careers found by the likes, best first, and the concepts that find no career.

    Bounded as search is: each alternative of a concept gives its FIT_POOL best careers (on a
    catalogue of fewer careers, every career it finds), and, with several concepts, so do all
    their words searched together, so that careers found by several concepts are in the pool
    even when no single word ranks them high; pooled careers are then scored for every concept
    (search.score_of). Careers that name one of a concept's skills come from the stored career
    skills (routegraph). The pool is ranked from the graph's career columns (names, skills,
    whether experience is needed): here every pooled career is read, guide() reads only those its
    page reaches (_found)."""
    found, dead = _found(catalog, understood)
    return [_fit(catalog, f) for f in found], dead


# A career the likes found, before its record is read: (id, words, skills named, score, ratio,
# reached only with experience), as CareerFit has them.
Found = tuple[str, tuple[str, ...], tuple[str, ...], float, float, bool]


def _fit(catalog: Catalog, f: Found) -> CareerFit:
    return CareerFit(catalog.get(f[0]), f[1], f[2], f[3], f[4])  # type: ignore[arg-type]


def _found(catalog: Catalog, understood: query_mod.Understood) -> tuple[list[Found], tuple[str, ...]]:
    """fits() without reading the careers' records: in the order of _fit_order."""
    g = routegraph.of(catalog)
    found: dict[str, dict[str, float]] = {}  # career id → concept text → best score
    dead: list[str] = []
    named = set(understood.skills)
    concepts = understood.concepts
    per_concept: list[dict[str, float]] = []
    listed: list[tuple[int, str, set[str]]] = []  # (concept, alternative, the careers its search gave)
    for i, concept in enumerate(concepts):
        scores: dict[str, float] = {}
        for alternative in concept.alternatives:
            if not fold(alternative):
                continue
            if fold(concept.text).startswith(fold(alternative)) and fold(alternative) != fold(concept.text):
                # a short form of the word typed (« info » for « informatique ») finds nothing the
                # word does but its prefixes: « information » made the TIM first for « informatique »
                continue
            # Typos only in the words as typed, and only when they find no career (enough=1): the
            # vocabulary's alternatives are spelt right (rapidfuzz costs guide ~50 ms otherwise).
            typed = fold(alternative) == fold(concept.text)
            hits = search_scores(catalog, alternative, kinds=["career"], limit=FIT_POOL, enough=1, typos=typed)
            for career_id, score in hits:
                scores[career_id] = max(scores.get(career_id, 0.0), score)
            listed.append((i, alternative, {career_id for career_id, _ in hits}))
        for c in g.with_skills(set(concept.skills)):
            scores.setdefault(g.career_ids[c], 0.0)
        per_concept.append(scores)
    if len(concepts) > 1:
        # the pool: every career a list brought, and the best for all the words together (a list
        # may stop short of a career every word finds); every pooled career is then scored for
        # every concept, as search() scores a career when its page cannot be full (typos merged)
        together = " ".join(a for c in concepts for a in c.alternatives[:1] if fold(a))
        pool = {i for scores in per_concept for i in scores}
        # With FIT_POOL careers or fewer, every list holds every career its word finds: a career
        # the words together find and no list holds scores under MIN_SCORE for each word (the
        # shipped data: one search fewer)
        if fold(together) and len(g.career_ids) > FIT_POOL:
            # no typos: each concept's own search above already looked for them where it found nothing
            pool |= {career_id for career_id, _ in search_scores(catalog, together, kinds=["career"], limit=TOGETHER_POOL, typos=False)}
        # an alternative's own search already scored the careers it gave (the same score, or
        # more with typos): only the rest of the pool is scored for it
        for i, alternative, given in listed:
            (more,) = score_of(catalog, [alternative], sorted(pool - given))
            for career_id, score in more.items():
                per_concept[i][career_id] = max(per_concept[i].get(career_id, 0.0), score)
    for concept, scores in zip(concepts, per_concept):
        if not scores:
            dead.append(concept.text)
        for career_id, score in scores.items():
            found.setdefault(career_id, {})[concept.text] = score
    out: list[tuple[tuple[Any, ...], Found]] = []
    for career_id, by_concept in found.items():
        n = g.career_number(career_id)
        if n is not None:
            skills, name, experience = g.skills_of(n), g.career_names[n], bool(g.career_flags[n] & routegraph.EXPERIENCE)
        else:  # not in the graph (never with a catalogue's own database): its record says
            career = catalog.get(career_id)
            if not isinstance(career, Career):
                continue
            skills, name, experience = list(career.skills), fold(career.name), career.experience is not None
        matched = tuple(s for s in skills if s in named)
        words = tuple(by_concept)
        score = round(sum(by_concept.values()), 1)
        ratio = len(matched) / len(skills) if skills else 0.0  # match.rank_careers' ratio
        key = (-interests_mod.MAIN_WEIGHT * len(words), -score, -ratio, name, career_id)  # _fit_order, no themes
        out.append((key, (career_id, words, matched, score, ratio, experience)))
    out.sort(key=lambda item: item[0])
    return [f for _, f in out], tuple(dead)


def _fit_order(f: CareerFit) -> tuple[Any, ...]:
    return (-f.points, -f.score, -f.ratio, fold(f.career.name), f.career.id)


def with_themes(catalog: Catalog, found: list[CareerFit], chosen: tuple[int, ...]) -> list[CareerFit]:
    """The careers the words found and those carrying a chosen theme, with their themes, best first."""
    by_id = {f.career.id: f for f in found}
    out = []
    for career in catalog.careers:
        themes = interests_mod.matches(catalog, career, chosen)
        fit = by_id.get(career.id)
        if fit is not None or themes:
            out.append(CareerFit(fit.career, fit.words, fit.skills, fit.score, fit.ratio, themes) if fit is not None else CareerFit(career, (), (), 0.0, 0.0, themes))
    out.sort(key=_fit_order)
    return out


# ---------------------------------------------------------------- routes


def _routes(
    catalog: Catalog, career: Career, level: str | None, continuing: bool, city: str | None, max_years: float | None
) -> tuple[list[routes_mod.Route], int]:
    """The best MAX_ROUTES routes to the career under these constraints, shortest known first,
    and how many there are (routes_mod.career_routes: a bounded search, no chain listed)."""
    return routes_mod.career_routes(catalog, [career], level, continuing, city, max_years, MAX_ROUTES)


def _where(q: GuideQuery, keep_city: bool, keep_years: bool, level: str | None, initial: bool = False) -> str:
    """The constraints, in French: « depuis un bac+3, à Lille, en 5 ans au plus »; a relaxed one
    reads « partout en France » or « sans limite de durée ». `initial`: the level is followed by
    « en formation initiale »."""
    parts = []
    if level is not None:
        parts.append(level_phrase(level, "depuis") + (", en formation initiale" if initial else ""))
    if q.max_years is not None:
        parts.append(f"en {routes_mod._years_text(q.max_years)} au plus" if keep_years else "sans limite de durée")
    if q.city:
        parts.append(f"à {q.city}" if keep_city else "partout en France")
    return ", ".join(parts) or "partout en France"


def _culprits(q: GuideQuery, keep_city: bool, keep_years: bool, level: str | None) -> str:
    """The constraints a relaxation removes, in French (« à Lille », « depuis un bac+3 »)."""
    parts = []
    if level != q.level and q.level is not None:
        parts.append(level_phrase(q.level, "depuis"))
    if not keep_years and q.max_years is not None:
        parts.append(f"en {routes_mod._years_text(q.max_years)} au plus")
    if not keep_city and q.city:
        parts.append(f"à {q.city}")
    return ", ".join(parts)


def _relax(catalog: Catalog, career: Career, q: GuideQuery) -> Relaxed:
    """The first relaxation that gives routes: the city, the years, both, then a lower start
    level; for continuing education, then the initial-training routes from the level given (the
    bac for someone at work), under the same city and years first, then each relaxed in turn."""
    level, continuing = q.level, q.continuing_routes

    def constraints(lv: str | None, cont: bool, first: bool) -> list[tuple[bool, bool, str | None, bool]]:
        """The city and years kept (when `first`), the city relaxed, the years, both."""
        out = [(True, True, lv, cont)] if first else []
        if q.city:
            out.append((False, True, lv, cont))
        if q.max_years is not None:
            out.append((True, False, lv, cont))
        if q.city and q.max_years is not None:
            out.append((False, False, lv, cont))
        return out

    tries = constraints(level, continuing, False)
    if not continuing and level and level != routes_mod.DEFAULT_FROM:
        for lower in reversed([lv for lv in LEVELS if level_rank(lv) < level_rank(level)]):
            tries.append((True, True, lower, False))
            if q.city or q.max_years is not None:
                tries.append((False, False, lower, False))
    if continuing:
        for lv in dict.fromkeys((level or routes_mod.DEFAULT_FROM, routes_mod.DEFAULT_FROM)):
            tries += constraints(lv, False, True)
    for keep_city, keep_years, lv, cont in tries:
        how = (lv, cont, q.city if keep_city else None, q.max_years if keep_years else None)
        found, count = _routes(catalog, career, *how)
        if count:
            if cont != continuing:
                # continuing education has no route even with the city and years relaxed; the
                # initial-training routes are said to be so, with the constraints they keep
                asked = "en formation continue"
                initial = _culprits(q, keep_city, keep_years, lv)
                if initial:
                    asked += f" ou en formation initiale {initial}"
                relaxed = _where(q, keep_city, keep_years, lv, initial=True)
            else:
                asked = _culprits(q, keep_city, keep_years, lv)
                relaxed = _where(q, keep_city, keep_years, lv if lv != level else None)
            return Relaxed(asked, relaxed, count, tuple(found[:MAX_ROUTES]), how)
    return Relaxed(_where(q, True, True, level if q.start and not continuing else None), "", 0)


# ---------------------------------------------------------------- the answer


def _sectors(catalog: Catalog, career: Career) -> list[SectorRow]:
    """The sectors whose salary figures (start, growth after 5 years) describe this career: those
    of its `salary_sectors` only (seed 000's table describes engineers at the start), never merely
    the sectors it works in (docs/salaries.md)."""
    ids = career.salary_sectors
    return [sector_row(s) for s in (catalog.get(i) for i in ids) if isinstance(s, Sector)]


def _outside(catalog: Catalog, career: Career, q: GuideQuery) -> list[Training]:
    """Programmes measured in hours, open to people at work, that prepare for the career (in the
    --city asked for, if any), in data order: none unless the routes are continuing ones."""
    if not q.continuing_routes:
        return []
    g = routegraph.of(catalog)
    wanted = routegraph.HOURS | routegraph.OPEN
    return [
        catalog.get(g.ids[n])  # type: ignore[misc]
        for n in g.finals(career.id)
        if g.flags[n] & wanted == wanted and (not q.city or routes_mod._matches(g.cities[g.city[n]] if g.city[n] >= 0 else None, q.city, True))
    ]


def _answer(catalog: Catalog, fit: CareerFit, q: GuideQuery, found: tuple[list[routes_mod.Route], int] | None = None) -> CareerAnswer:
    best, count = found if found is not None else _routes(catalog, fit.career, q.level, q.continuing_routes, q.city, q.max_years)
    answer = CareerAnswer(fit, starting_salary(catalog, fit.career), _sectors(catalog, fit.career), best, count)
    if not count:
        answer.relaxed = _relax(catalog, fit.career, q)
    answer.outside = _outside(catalog, fit.career, q)
    answer.rome = interests_mod.sheets_of(catalog, fit.career)
    return answer


def _shown(catalog: Catalog, entry: Iterable[CareerFit], q: GuideQuery) -> list[CareerAnswer]:
    """The MAX_CAREERS careers shown, best fit first and, between careers the likes fit equally
    (all of them, without likes), those with a route first: routes are searched career by career
    down the ranking, only until the page is full (`entry` is read no further)."""
    chosen: list[tuple[CareerFit, tuple[list[routes_mod.Route], int]]] = []
    for _, tied in groupby(entry, key=lambda f: (f.points, f.score)):
        without: list[tuple[CareerFit, tuple[list[routes_mod.Route], int]]] = []
        for fit in tied:
            if len(chosen) >= MAX_CAREERS:
                break
            found = _routes(catalog, fit.career, q.level, q.continuing_routes, q.city, q.max_years)
            if found[1]:
                chosen.append((fit, found))
            else:
                without.append((fit, found))
        chosen += without[: MAX_CAREERS - len(chosen)]
        if len(chosen) >= MAX_CAREERS:
            break
    return [_answer(catalog, fit, q, found) for fit, found in chosen]


def _in_data_order(catalog: Catalog, q: GuideQuery) -> Iterator[CareerFit]:
    """Without likes nor themes: the entry careers (every career, for someone at work) in data
    order, each read when _shown asks for it (reading every career cost 2.6 s at 20,000 records)."""
    for career_id in routegraph.of(catalog).career_ids:
        career = catalog.get(career_id)
        if isinstance(career, Career) and (career.experience is None or q.working):
            yield CareerFit(career, (), (), 0.0, 0.0)


def _grown_into(catalog: Catalog, answers: list[CareerAnswer]) -> list[CareerFit]:
    """Without likes nor themes, the experience careers that matter: those a career shown grows
    into (its evolutions), in data order; the others have no place on the page."""
    number = {career_id: n for n, career_id in enumerate(routegraph.of(catalog).career_ids)}
    ids = sorted({e for a in answers for e in a.career.evolutions if e in number}, key=number.__getitem__)
    careers = (catalog.get(i) for i in ids)
    return [CareerFit(c, (), (), 0.0, 0.0) for c in careers if isinstance(c, Career) and c.experience is not None]


def guide(catalog: Catalog, q: GuideQuery) -> Guide:
    """The answer to a GuideQuery (see the module docstring)."""
    if q.max_years is not None and q.max_years <= 0:
        raise EsanteError(f"--max-years doit être positif (reçu : {routes_mod._number(q.max_years)})", code=ExitCode.USAGE)
    if q.city:
        q = q.with_city(city_name(catalog, q.city))
    understood = query_mod.understand(catalog, q.likes) if q.likes and fold(q.likes) else None
    # Read only the careers the page reaches (and the experience careers found): the likes'
    # careers are ranked before their records are read, and without likes nor themes every
    # career comes in data order. Themes need every career read (with_themes).
    ranked: list[CareerFit] | None = None
    found: list[Found] | None = None
    ignored: tuple[str, ...] = ()
    if understood is not None and not q.interests:
        found, ignored = _found(catalog, understood)
    elif understood is not None:
        ranked, ignored = fits(catalog, understood)
    if q.interests:
        ranked = with_themes(catalog, ranked or [], q.interests)
    if found is not None:
        later_only = [_fit(catalog, f) for f in found if f[5] and not q.working]
        answers = _shown(catalog, (_fit(catalog, f) for f in found if not f[5] or q.working), q)
    elif ranked is None:
        answers = _shown(catalog, _in_data_order(catalog, q), q)
        later_only = [] if q.working else _grown_into(catalog, answers)
    else:
        later_only = [f for f in ranked if f.career.experience is not None and not q.working]
        answers = _shown(catalog, (f for f in ranked if f.career.experience is None or q.working), q)
    shown = {a.career.id for a in answers}
    elsewhere = []
    for fit in later_only:
        # the careers shown that grow into it (its origins among them: catalog.origins reads every career)
        homes = [a for a in answers if fit.career.id in a.career.evolutions]
        for home in homes:
            home.later.append(fit)
        if not homes and (understood is not None or q.interests):
            elsewhere.append((fit, [o for o in catalog.origins(fit.career.id) if o.id not in shown]))
    result = Guide(q, understood, answers, elsewhere, ignored)
    result.unknown_city = bool(q.city) and fold(q.city) not in {fold(c) for c in query_mod.known_places(catalog)[0]}
    if understood is not None and ignored:
        dead = query_mod.Understood(text=q.likes or "", concepts=tuple(c for c in understood.concepts if c.text in ignored))
        result.suggestions = tuple(query_mod.suggest_words(catalog, dead))
    if answers and not any(a.routes for a in answers):
        best = max((a.relaxed for a in answers if a.relaxed), key=lambda r: r.count, default=None)
        if best is not None:
            careers = [a.career for a in answers if a.relaxed and a.relaxed.relaxed == best.relaxed]
            _, count = routes_mod.career_routes(catalog, careers, *best.how, limit=0)  # distinct routes
            result.relaxed = Relaxed(best.without, best.relaxed, count, how=best.how)
    return result


# ---------------------------------------------------------------- plain data (--json, --csv)


def _route_dict(route: routes_mod.Route) -> dict[str, Any]:
    return routes_mod.to_dict(route)


def fit_dict(catalog: Catalog, fit: CareerFit) -> dict[str, Any]:
    c = fit.career
    return {
        "kind": "career",
        "id": c.id,
        "name": c.name,
        "entry_level": c.entry_level,
        "experience": None if c.experience is None else {"years": c.experience.years, "note": c.experience.note},
        "words": list(fit.words),
        "skills": [{"id": s, "name": catalog.name_of(s)} for s in fit.skills],
        "score": fit.score,
        "themes": [interests_mod.match_dict(catalog, m) for m in fit.themes],
        "rome": [interests_mod.rome_dict(s) for s in interests_mod.sheets_of(catalog, c)],
    }


def to_dict(catalog: Catalog, g: Guide) -> dict[str, Any]:
    """The stable JSON shape of `esante guide --json` (documented in docs/commands.md)."""
    q = g.query
    relaxed = lambda r: None if r is None else {"without": r.without, "relaxed": r.relaxed or None, "count": r.count}  # noqa: E731
    return {
        "query": {
            "from": WORKING if q.working else q.level,
            "city": q.city,
            "likes": q.likes,
            "max_years": q.max_years,
            "continuing": q.continuing_routes,
            "interests": [{"code": code, "label": interests_mod.label(catalog, code)} for code in q.interests],
        },
        "ranking": g.ranking,
        "understood": None if g.understood is None else g.understood.to_dict(),
        "ignored": list(g.ignored),
        "suggestions": list(g.suggestions),
        "careers": [
            {
                **fit_dict(catalog, a.fit),
                "rank": n,
                "salary": a.salary.to_dict(),
                "sectors": [
                    {"id": s.id, "name": s.name, "growth_5y": s.growth_5y, "sources": list(catalog.get(s.id).sources)}
                    for s in a.sectors
                ],
                "route_count": a.route_count,
                "routes": [_route_dict(r) for r in a.routes],
                "relaxed": None
                if a.relaxed is None
                else {**relaxed(a.relaxed), "routes": [_route_dict(r) for r in a.relaxed.routes]},
                "later": [fit_dict(catalog, f) for f in a.later],
                "outside": [routes_mod.outside_dict(t) for t in a.outside],
            }
            for n, a in enumerate(g.careers, 1)
        ],
        "later": [
            {**fit_dict(catalog, f), "origins": [{"id": o.id, "name": o.name} for o in origins]} for f, origins in g.later
        ],
        "relaxed": relaxed(g.relaxed),
    }
