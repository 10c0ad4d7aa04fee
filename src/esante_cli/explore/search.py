"""Fuzzy ranking over the catalogue. Reads the catalogue's database (read-only); prints nothing.

Public API (used by show, compare, path and match):
- fold(text) -> str (catalog/folding.py): lowercase, accents removed, punctuation to spaces,
  invisible characters dropped.
- search(catalog, query, kinds=None, limit=10) -> list[Hit], best first, stable.
- resolve(catalog, query, kinds=None) -> Record: an exact id, or a query whose best match is
  clearly ahead; otherwise EsanteError(NOT_FOUND) listing candidates.
- suggest(catalog, query, kinds=None) -> list[Record]: close names for a query that found nothing.
- parse_kind(text) -> kind: `métier`, `formation`, `skill`… as a record kind.

How a query is matched. Every searchable text of a record (title, other titles, aliases,
institution, city, skill names, description…) is a *field* with a weight (fields.py), cut into
*terms* (terms.py: no case, accents, stop words, gender endings or plural s/x), on both sides.
A query term matches a term of the vocabulary exactly (1.0), as a prefix when it has at least
PREFIX_MIN letters (`cyber` → `cybersecurite`, 0.65–0.95; `pro`, `bac`, `ia` match only whole
words) or with a typo (rapidfuzz ratio ≥ 80–85, squared). A field scores weight × (share of
the query's terms it matches) × (0.8 + 0.2 × share of the field the query covers), so an exact
title beats a longer title, which beats an alias or a city, and so on; a record scores its best
field, or 0.8 × the per-term best over several fields (`master paris`), times a small kind
prior (careers first at equal match). Exact codes (ROME, ONISEP) and ids come first.

Where the work is done. The catalogue's database (catalog/indexbuild.py) holds the vocabulary, an
FTS5 index of the same terms (one column per field weight) and each record's fields already cut.
A query finds its terms in the vocabulary (exact, prefix), asks FTS5 for the records holding
any of them, best bm25 first (at most REFINE_CAP), scores those exactly as above from their
stored fields, and decodes only the records it returns. Typos are looked for with
rapidfuzz.process over the vocabulary only when that leaves fewer hits than asked, or a query
word matched no term at all.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from esante_cli.catalog import engine
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.engine import KIND_ORDER, SEARCH_KINDS
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog, Frozen, Record
from esante_cli.catalog.folding import fold
from esante_cli.catalog.terms import compact, terms

# Careers are what people come for: at equal match, a career title outranks a skill or sector name
# ("imagerie" → the imaging engineer before "Algorithmique pour l'imagerie"). ROME's sheets complete
# the catalogue without displacing it: one comes first only when it matches clearly better
# (« bioinformaticien », « ingénieur biomédical »: job titles only ROME has).
KIND_PRIOR = {"career": 1.0, "training": 0.97, "sector": 0.96, "skill": 0.95, "rome": 0.75}
ROME_RANK = KIND_ORDER.get("rome", -1)  # a ROME code names its sheet first, then the careers that cite it
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MIN_SCORE = 25.0  # hits below this (0..100) are noise: a fuzzy word deep in a description
PREFIX_MIN = 4  # shorter query words match whole words only: « pro » is not « projet »
REFINE_CAP = 100  # records scored exactly, at most (beyond, the first ones in doc order)
DOC_CACHE = 5000  # parsed docs kept between the searches of one catalogue (guide runs several)
PAGE = 50  # records asked of FTS5 at a time
FIRST_PAGE = 8  # the same, when only whether anything matches is asked (finds())
CLEAR_LEAD = 5.0  # resolve(): points the best hit needs over the next one
PHRASE_BONUS = 0.08  # a field loses this share when the query's words are not side by side in it
SUGGEST_SCORE = 50.0  # a suggestion must match by name, alias or place, not by description
EMPTY_QUERY = "requête vide : tapez au moins un mot, par exemple « imagerie »"


# ---------------------------------------------------------------- hits and kinds


class Hit(Frozen):
    """One search result (a frozen value: equal hits compare equal)."""

    __slots__ = ("record", "score", "field", "text")
    record: Record
    score: float  # 0..100
    field: str  # which field matched, e.g. "titre", "alias", "ville", "code ROME"
    text: str  # the matched value, when one field matched

    def __init__(self, record: Record, score: float, field: str, text: str = "") -> None:
        _set = object.__setattr__
        _set(self, "record", record)
        _set(self, "score", score)
        _set(self, "field", field)
        _set(self, "text", text)


def parse_kind(value: str) -> str:
    """'métier', 'formations', 'skill'… -> the record kind; EsanteError(USAGE) otherwise."""
    from esante_cli.catalog.labels import KIND_NAMES

    kind = KIND_NAMES.get(fold(value).replace(" ", ""))
    if kind is None:
        raise EsanteError(
            f"type inconnu « {value[:40]} » : choisissez parmi métier, formation, compétence, secteur "
            "(ou career, training, skill, sector)",
            code=ExitCode.USAGE,
        )
    return kind


def _wanted(kinds: Iterable[str] | None) -> set[int] | None:
    """The kind ranks asked for (engine.KIND_ORDER), None for every searchable kind."""
    if not kinds:
        return None
    return {KIND_ORDER[k] for k in kinds if k in KIND_ORDER}


def rome_order(items: list[Any], score: Any, exact: Any, rome: Any) -> list[Any]:
    """ROME's sheets complete our records without displacing them: a sheet found by words comes
    before our records only when it scores clearly above the best of them (CLEAR_LEAD: « technicien
    de maintenance biomédicale », a job title only ROME has); one scoring above it by less comes
    second (« ingénieur biomédical »: our engineer first, then ROME's H1206); the others follow all
    of ours. Exact codes and ids keep their place. `items` are in rank order; score, exact and rome
    are functions of an item."""
    rest = [i for i in items if not exact(i)]
    ours = [i for i in rest if not rome(i)]
    if not ours or len(ours) == len(rest):
        return items
    best = max(map(score, ours))
    ahead = [i for i in rest if rome(i) and score(i) > best + CLEAR_LEAD]
    near = [i for i in rest if rome(i) and best < score(i) <= best + CLEAR_LEAD]
    behind = [i for i in rest if rome(i) and score(i) <= best]
    return [i for i in items if exact(i)] + ahead + ours[:1] + near + ours[1:] + behind


def rome_after_ours(hits: list[Hit]) -> list[Hit]:
    """rome_order() of a list of hits."""
    return rome_order(hits, lambda h: h.score, lambda h: h.field.startswith(("code", "identifiant")), lambda h: h.record.kind == "rome")


# ---------------------------------------------------------------- the index


Matches = list[dict[str, float]]  # per query term: {vocabulary term: similarity 0..1}


class SearchIndex:
    """Ranking over a catalogue's database (engine.index_of); one per catalogue, see index_for()."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.db = engine.index_of(catalog)
        self._parsed: dict[int, tuple] = {}  # doc number → its parsed row (db.docs), see _docs()

    def _docs(self, numbers: Iterable[int] = ()) -> dict[int, tuple]:
        """The parsed docs read so far (with `numbers` among them): guide's searches of each
        word, of the words together and its pool's scores read the same docs, parsed once.
        Emptied past DOC_CACHE docs, so that a long session does not keep every record."""
        if len(self._parsed) > DOC_CACHE:
            self._parsed.clear()
        missing = [n for n in numbers if n not in self._parsed]
        if missing:
            self._parsed.update(self.db.docs(missing))
        return self._parsed

    # -------------------------------------------------------- query side

    def match_term(self, q: str, typos: bool = True) -> dict[str, float]:
        """Vocabulary terms close to a query term, with a similarity in 0..1."""
        found: dict[str, float] = {}
        if len(q) >= PREFIX_MIN:
            for term in self.db.prefixed(q):
                found[term] = 0.65 + 0.3 * len(q) / len(term)
        if typos:
            for term, sim in self.typos(q).items():
                found[term] = max(found.get(term, 0.0), sim)
        if self.db.has_term(q):
            found[q] = 1.0
        return found

    def typos(self, q: str) -> dict[str, float]:
        """Vocabulary terms within a typo of `q` (rapidfuzz ratio ≥ 80–85), with a similarity."""
        if len(q) < PREFIX_MIN:
            return {}
        from rapidfuzz import fuzz, process

        cutoff = 85 if len(q) <= 5 else 80
        # A typo drops letters more often than it adds them: 'telemdcne' is 'telemedecine',
        # but 'freelance' is not 'france'.
        pool = self.db.terms_between(len(q) - 2, len(q) + 3)
        found = process.extract(q, pool, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
        return {term: 0.95 * (ratio / 100) ** 2 for term, ratio, _ in found}

    def _plan(self, qterms: list[str], matches: Matches) -> list[tuple[float, str, int | None]]:
        """The FTS5 steps of a query, (bound, expression, column or None), by descending bound:
        no record first found by a step can score more than its bound × 100 (see _score).

        Records holding every query term in one column come first (the best column first), then
        those holding every term across columns, then those missing a term (best column first).
        """
        n = len(matches)
        best = [max(m.values(), default=0.0) for m in matches]
        parts = [self._expression(q, m) for q, m in zip(qterms, matches)]
        present = [p for p in parts if p]
        if not present:
            return []
        steps: list[tuple[float, int, str, int | None]] = []
        total = sum(best)
        if len(present) == n:
            every = " AND ".join(f"({p})" for p in present)
            steps += [(w * total / n, 0, every, c) for c, w in enumerate(engine.WEIGHTS)]
            if n == 1:
                return [(b, e, c) for b, _, e, c in steps]
            steps.append((max(0.8 * total / n, (total - min(best)) / n), 1, every, None))
            partial = (total - min(best)) / n
        else:
            partial = total / n
        some = " OR ".join(f"({p})" for p in present)
        steps += [(w * partial, 2, some, c) for c, w in enumerate(engine.WEIGHTS)]
        steps.sort(key=lambda step: (-step[0], step[1]))
        return [(b, e, c) for b, _, e, c in steps]

    @staticmethod
    def _expression(q: str, match: dict[str, float]) -> str:
        """FTS5 for one query term: its exact and typo terms, and its prefix when long enough."""
        if not match:
            return ""
        words = [engine.quoted(t) for t in sorted(match) if len(q) < PREFIX_MIN or not t.startswith(q)]
        if len(q) >= PREFIX_MIN:
            words.append(engine.quoted(q) + "*")
        return " OR ".join(words)

    def _top(self, qterms: list[str], matches: Matches, wanted: set[int] | None, limit: int,
             found: dict[int, tuple[float, str, str]], docs: dict[int, tuple], first: bool = False) -> None:
        """Score, into `found`, the records that can make the top `limit`: steps of _plan, page by
        page, until no record left unseen can beat the limit-th score (or REFINE_CAP are scored).
        `first`: only whether anything matches, in small pages, until one record is found."""
        size = FIRST_PAGE if first else PAGE
        seen: set[int] = set(found)
        matched = set().union(*matches)
        scored, n_terms = 0, len(matches)
        # Open steps: [bound now, order, expression, column, last doc seen, bound at start]; the
        # step of highest bound gives the next page, until the limit-th score beats every bound.
        steps = [[b, i, e, c, -1, b] for i, (b, e, c) in enumerate(self._plan(qterms, matches))]
        while steps:
            step = max(steps, key=lambda st: (st[0], -st[1]))
            bound = step[0]
            if bound * 100 < MIN_SCORE:
                return
            # our own records make the top (ROME's sheets follow them, _rome_after_ours)
            ranked = sorted((v[0] for n, v in found.items() if docs[n][1] != ROME_RANK), reverse=True)
            if len(ranked) >= limit and ranked[limit - 1] > bound * 100 + 0.05:
                return
            if scored >= max(REFINE_CAP, 4 * limit):
                return
            _, _, expression, column, after, base = step
            page = self.db.matching(expression, column, wanted, after, size)
            new = [n for n in page if n not in seen]
            seen.update(new)
            docs.update(self.db.docs([n for n in new if n not in docs]))
            for n in new:
                score = self._score(docs[n], matches, matched)
                scored += 1
                if score[0] >= MIN_SCORE:
                    found[n] = score
            if first and found:
                return
            if len(page) < size:
                steps.remove(step)
                continue
            step[4] = page[-1]
            if column == 0:
                # Title matches come fewest title words first: a title of m words or more covers at
                # most n/m of itself, so the title field of what is left scores at most base ×
                # (0.8 + 0.2 n/m) (their other fields are bounded by the other columns' steps).
                words = min((len(f[3]) for f in docs[page[-1]][3] if f[1] == engine.WEIGHTS[0]), default=1)
                step[0] = base * (0.8 + 0.2 * min(1.0, n_terms / max(1, words)))

    def _score(self, doc: tuple[str, int, str, list], matches: Matches, matched: set[str] | None = None) -> tuple[float, str, str]:
        """The exact score of one record (its best field, or several fields together), the
        field's label and its text; from its stored fields, without decoding the record.
        `matched`: every term of `matches` (computed here when not given)."""
        n = len(matches)
        best = (0.0, "", "")
        per_term = [(0.0, "")] * n
        if matched is None:
            matched = set().union(*matches)
        for label, weight, text, base, extra in doc[3]:
            if matched.isdisjoint(base) and matched.isdisjoint(extra):
                continue  # no query term in this field
            sims = [max([m.get(t, 0.0) for t in base + extra], default=0.0) for m in matches]
            got = sum(1 for s in sims if s > 0)
            if not got:
                continue
            score = weight * sum(sims) / n * (0.8 + 0.2 * min(1.0, got / max(1, len(base))))
            if n > 1 and score > best[0] and not _side_by_side(base, matches):
                score *= 1 - PHRASE_BONUS
            if score > best[0]:
                best = (score, label, text)
            per_term = [max(old, (weight * s, label)) if s else old for old, s in zip(per_term, sims)]
        score, label, text = best
        if n > 1:
            cross = 0.8 * sum(v for v, _ in per_term) / n
            if cross > score:
                score, text = cross, ""
                label = " + ".join(dict.fromkeys(lab for v, lab in per_term if v))
        return round(score * KIND_PRIOR[SEARCH_KINDS[doc[1]]] * 100, 1), label, text

    def score_of(self, queries: Sequence[str], record_ids: Iterable[str]) -> list[dict[str, float]]:
        """The score search() gives these records for each query on exact and prefix matches
        (typos aside: search() adds them only when a word finds nothing), for those that reach
        MIN_SCORE; only these records are read."""
        numbers = []
        known = {doc[0]: n for n, doc in self._parsed.items()}  # the docs read so far, by record id (one doc a record)
        for rid in dict.fromkeys(record_ids):
            n = known.get(rid.casefold())
            numbers += [n] if n is not None else [n for n, _, _ in self.db.lookup("i" + rid.casefold())]
        cache = self._docs(numbers) if queries else {}
        docs = [cache[n] for n in dict.fromkeys(numbers)] if queries else []
        out: list[dict[str, float]] = []
        for query in queries:
            qterms = terms(query[:MAX_QUERY_CHARS], query=True)[:MAX_QUERY_TERMS]
            matches = [self.match_term(q, typos=False) for q in qterms]
            scored: dict[str, float] = {}
            for doc in docs if qterms else ():
                score = self._score(doc, matches)[0]
                if score >= MIN_SCORE:
                    scored[doc[0]] = score
            out.append(scored)
        return out

    def score_all(self, query: str) -> list[Hit]:
        """Every record scored against `query`, unpruned (what tests compare search() with)."""
        qterms = terms(query[:MAX_QUERY_CHARS], query=True)[:MAX_QUERY_TERMS]
        matches = [self.match_term(q) for q in qterms]
        docs = self.db.docs(self.db.all_docs())
        hits = [(d, self._score(d, matches)) for d in docs.values()]
        hits = [(d, s) for d, s in hits if s[0] >= MIN_SCORE]
        hits.sort(key=lambda h: (-h[1][0], h[0][1], h[0][2], h[0][0]))
        return rome_after_ours([Hit(self.catalog.records[d[0]], *s) for d, s in hits])

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 10, enough: int | None = None,
               first: bool = False, typos: bool = True) -> list[Hit]:
        return [Hit(self.catalog.records[record_id], *found) for record_id, found in self.ranked(query, kinds, limit, enough, first, typos)]

    def ranked(self, query: str, kinds: Iterable[str] | None = None, limit: int = 10, enough: int | None = None,
               first: bool = False, typos: bool = True) -> list[tuple[str, tuple[float, str, str]]]:
        """search() as (record id, (score, field, text)), no record decoded."""
        text = query[:MAX_QUERY_CHARS]
        enough = limit if enough is None else min(enough, limit)
        if not fold(text):
            raise EsanteError(EMPTY_QUERY, code=ExitCode.USAGE)
        wanted = _wanted(kinds)
        codes: dict[int, tuple[float, str, str]] = {}
        for n, label, code in self.db.lookup("c" + compact(text)):
            codes[n] = (100.0, label, code)
        for n, label, record_id in self.db.lookup("i" + text.strip().casefold()):
            codes[n] = (100.0, label, record_id)
        docs = self._docs(codes)  # _top adds what it reads
        found = {n: v for n, v in codes.items() if wanted is None or docs[n][1] in wanted}
        codes = dict(found)
        qterms = terms(text, query=True)[:MAX_QUERY_TERMS]
        if qterms and not (first and found):
            matches = [self.match_term(q, typos=False) for q in qterms]
            self._top(qterms, matches, wanted, limit, found, docs, first)
            exact_code = bool(codes) and len(qterms) == 1  # « H1206 »: the record, not words near it
            if typos and not exact_code and (len(found) < enough or not all(matches)):
                typos = [self.typos(q) for q in qterms]
                if any(t.keys() - m.keys() for t, m in zip(typos, matches)):
                    for match, typo in zip(matches, typos):
                        for term, sim in typo.items():
                            match[term] = max(match.get(term, 0.0), sim)
                    found = dict(codes)
                    self._top(qterms, matches, wanted, limit, found, docs, first)
        ranked = sorted(found, key=lambda n: (n not in codes, n in codes and docs[n][1] != ROME_RANK, -found[n][0], docs[n][1], docs[n][2], docs[n][0]))
        ranked = rome_order(ranked, lambda n: found[n][0], lambda n: n in codes, lambda n: docs[n][1] == ROME_RANK)
        return [(docs[n][0], found[n]) for n in ranked[:limit]]  # only these records are decoded

    def suggest(self, query: str, kinds: Iterable[str] | None = None, limit: int = 3) -> list[Record]:
        """Records a query that found nothing may have meant, for "Vouliez-vous dire …".

        Each query word is replaced by the closest vocabulary term under a looser scorer than
        search's (rapidfuzz ratio ≥ 75, any length) and the corrected query is searched; only
        hits by name, alias or place count (a description is too weak a reason to suggest).
        """
        from rapidfuzz import fuzz, process

        vocab = self.db.vocabulary()
        fixed = []
        for q in terms(query[:MAX_QUERY_CHARS], query=True)[:MAX_QUERY_TERMS]:
            best = process.extractOne(q, vocab, scorer=fuzz.ratio, processor=None, score_cutoff=75)
            if best:
                fixed.append(best[0])
        hits = self.search(" ".join(fixed), kinds, limit) if fixed else []
        return [h.record for h in hits if h.score >= SUGGEST_SCORE]


def _side_by_side(base: tuple[str, ...], matches: list[dict[str, float]]) -> bool:
    """True when each query term matches its own term of the field and those terms are neighbours
    (in any order): 'santé numérique' in 'ingénieur santé numérique', not in 'numérique en santé'."""
    if not base:
        return False
    spots = set()
    for match in matches:
        k = max(range(len(base)), key=lambda j: match.get(base[j], 0.0))
        if not match.get(base[k]):
            return False
        spots.add(k)
    return len(spots) == len(matches) and max(spots) - min(spots) == len(spots) - 1


# The catalogue's index, built on first use and kept while the catalogue is in use.
index_for = PerCatalog(SearchIndex)


# ---------------------------------------------------------------- public functions


def search(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 10, enough: int | None = None,
           typos: bool = True) -> list[Hit]:
    """Records ranked by how well they match `query` (best first; ties by kind then name).

    Words within a typo of the query's (rapidfuzz) are looked for only when the exact and
    prefix matches give fewer than `enough` hits (default: `limit`), or a query word matches
    nothing: a caller that fetches more hits than it shows, to re-rank them, says how many it
    shows, and a well-typed query does not pay for typos. `typos=False`: never (an alternative
    the vocabulary wrote, not the user)."""
    return index_for(catalog).search(query, kinds, limit, enough, typos=typos)


def scores(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 10, enough: int | None = None,
           typos: bool = True) -> list[tuple[str, float]]:
    """search()'s hits as (record id, score), best first, without reading the records."""
    return [(record_id, found[0]) for record_id, found in index_for(catalog).ranked(query, kinds, limit, enough, typos=typos)]


def score_of(catalog: Catalog, queries: Sequence[str], record_ids: Iterable[str]) -> list[dict[str, float]]:
    """search()'s score of these records for each query (exact and prefix matches), those that
    reach MIN_SCORE: what a caller that pools records from several searches scores them with."""
    return index_for(catalog).score_of(queries, record_ids)


def suggest(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 3) -> list[Record]:
    return index_for(catalog).suggest(query, kinds, limit)


def finds(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> bool:
    """Whether search() would find anything for `query` (the same matching, typos included),
    without ranking: it stops at the first record that scores."""
    return bool(index_for(catalog).search(query, kinds, limit=1, first=True))


# The way forward when nothing is even close (show, evolutions, compare… take a name, an id or a code).
NOTHING_CLOSE = (
    "Rien d'approchant dans les données : cherchez d'abord le nom, le code ou l'identifiant avec "
    "esante search (par exemple esante search imagerie, esante search H1206)."
)


def not_found(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> EsanteError:
    """'aucun résultat' in French, with the closest names when there are some."""
    shown = " ".join(query.split())[:80]
    message = f"aucun résultat pour « {shown} »"
    code = shown.upper()
    if re.fullmatch(r"[A-N]\d{4}", code) and (not kinds or "rome" in kinds):  # a ROME code outside the slice
        title = _rome_title(catalog, code)
        named = f"{code} {title}" if title else code
        return EsanteError(
            f"{message}\n« {named} » est une fiche du ROME hors de celles que le catalogue embarque (les fiches "
            "de l'e-santé) ; pour toutes les fiches : esante import rome (voir docs/rome.md).",
            code=ExitCode.NOT_FOUND,
        )
    close = suggest(catalog, query, kinds)
    if close:
        message += "\nVouliez-vous dire : " + ", ".join(f"{r.name} ({r.id})" for r in close) + " ?"
    else:
        message += "\n" + NOTHING_CLOSE
    return EsanteError(message, code=ExitCode.NOT_FOUND)


def _rome_title(catalog: Catalog, code: str) -> str | None:
    """The ROME title of a code the shipped sheets link to (a parent, a mobility), if one does."""
    for sheet in catalog.rome:
        if sheet.parent == code and sheet.parent_title:
            return sheet.parent_title
        for link in (*sheet.mobilities, *sheet.origins):
            if link.code == code:
                return link.title
    return None


def _close(hits: list[Hit]) -> list[Hit]:
    """The hits an ambiguous query may mean: those scoring near the best (at least two)."""
    return [h for h in hits if h.score >= hits[0].score - 3 * CLEAR_LEAD] or hits[:2]


def resolve_each(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> list[Record]:
    """The records one query designates: one (as resolve() finds it), or every record an
    ambiguous query could mean, matched in the same field as the best (« junia » names both
    JUNIA engineering cycles by their title, not the LAS whose description cites JUNIA)."""
    try:
        return [resolve(catalog, query, kinds)]
    except EsanteError:
        hits = search(catalog, query, kinds=list(kinds) if kinds else None, limit=6)
        if not hits:
            raise
        return [h.record for h in _close(hits) if h.field == hits[0].field]


def resolve(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> Record:
    """One record for an id or a query; EsanteError(NOT_FOUND) when none or ambiguous."""
    kinds = list(kinds) if kinds else None
    record = catalog.get(query.strip()) or catalog.get(query.strip().casefold())
    if record is not None and (not kinds or record.kind in kinds):
        return record
    hits = search(catalog, query, kinds=kinds, limit=6)
    if not hits:
        raise not_found(catalog, query, kinds)
    if hits[0].field.startswith(("code", "identifiant")) or len(hits) == 1 or hits[0].score - hits[1].score >= CLEAR_LEAD:
        return hits[0].record
    shown = " ".join(query.split())[:80]
    close = _close(hits)
    if not any(_by_name(h) for h in close):  # « infirmier »: in some missions, the name of none
        lines = [f"  {h.record.id} ({h.record.label}, {h.field}) : {h.record.name}" for h in close]
        raise EsanteError(
            f"aucune fiche ne s'appelle « {shown} » ; le mot apparaît dans celles-ci (esante show ID pour en ouvrir une) :\n"
            + "\n".join(lines),
            code=ExitCode.NOT_FOUND,
        )
    raise ambiguous(query, close)


def ambiguous(query: str, close: list[Hit]) -> EsanteError:
    """« « X » est ambigu ; précisez … » with the records it may mean."""
    shown = " ".join(query.split())[:80]
    lines = [f"  {h.record.id} ({h.record.label}) : {h.record.name}" for h in close]
    return EsanteError(
        f"« {shown} » est ambigu ; précisez avec l'identifiant d'un de ces résultats :\n" + "\n".join(lines),
        code=ExitCode.NOT_FOUND,
    )


NAME_FIELDS = ("titre", "nom", "alias", "autre appellation", "appellation")


def _by_name(hit: Hit) -> bool:
    """Whether a hit matched a record's name (title, alias, other title), not only its text."""
    return any(part in NAME_FIELDS or part.startswith("alias") for part in hit.field.split(" + "))
