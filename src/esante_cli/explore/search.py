"""Text folding and fuzzy ranking over the catalogue. Pure functions: no I/O, no printing.

Public API (used by show, compare, path and match):
- fold(text) -> str: lowercase, accents removed, punctuation to spaces, invisible characters dropped.
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

Where the work is done. The catalogue's database (catalog/engine.py) holds the vocabulary, an
FTS5 index of the same terms (one column per field weight) and each record's fields already cut.
A query finds its terms in the vocabulary (exact, prefix), asks FTS5 for the records holding
any of them, best bm25 first (at most REFINE_CAP), scores those exactly as above from their
stored fields, and decodes only the records it returns. Typos are looked for with
rapidfuzz.process over the vocabulary only when that leaves fewer hits than asked, or a query
word matched no term at all.
"""

from __future__ import annotations

from typing import Iterable

from esante_cli.catalog import engine
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.catalog.engine import KIND_ORDER, SEARCH_KINDS
from esante_cli.catalog.models import Catalog, Frozen, Record
from esante_cli.explore.terms import compact, fold, terms

# Careers are what people come for: at equal match, a career title outranks a skill or sector name
# ("imagerie" → the imaging engineer before "Algorithmique pour l'imagerie").
KIND_PRIOR = {"career": 1.0, "training": 0.97, "sector": 0.96, "skill": 0.95}
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MIN_SCORE = 25.0  # hits below this (0..100) are noise: a fuzzy word deep in a description
PREFIX_MIN = 4  # shorter query words match whole words only: « pro » is not « projet »
REFINE_CAP = 300  # records scored exactly, at most, taken best bm25 first
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


# ---------------------------------------------------------------- the index


Matches = list[dict[str, float]]  # per query term: {vocabulary term: similarity 0..1}


class SearchIndex:
    """Ranking over a catalogue's database (engine.index_of); one per catalogue, see index_for()."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.db = engine.index_of(catalog)

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

    def _candidates(self, qterms: list[str], matches: Matches, wanted: set[int] | None, limit: int) -> list[int]:
        exact = {t for m in matches for t in m}
        prefixes = [q for q in qterms if len(q) >= PREFIX_MIN]
        exact = {t for t in exact if not any(t.startswith(p) for p in prefixes)}
        return self.db.candidates(sorted(exact), prefixes, wanted, max(REFINE_CAP, 4 * limit))

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

    def score_all(self, query: str) -> list[Hit]:
        """Every record scored against `query`, unpruned (what tests compare search() with)."""
        qterms = terms(query[:MAX_QUERY_CHARS], query=True)[:MAX_QUERY_TERMS]
        matches = [self.match_term(q) for q in qterms]
        docs = self.db.docs(self.db.all_docs())
        hits = [(d, self._score(d, matches)) for d in docs.values()]
        hits = [(d, s) for d, s in hits if s[0] >= MIN_SCORE]
        hits.sort(key=lambda h: (-h[1][0], h[0][1], h[0][2], h[0][0]))
        return [Hit(self.catalog.records[d[0]], *s) for d, s in hits]

    def _scored(self, numbers: Iterable[int], matches: Matches, found: dict[int, tuple], docs: dict[int, tuple]) -> None:
        matched = set().union(*matches)
        todo = [n for n in numbers if n not in found and n not in docs]
        docs.update(self.db.docs(todo))
        for n in numbers:
            if n in found or n not in docs:
                continue
            scored = self._score(docs[n], matches, matched)
            if scored[0] >= MIN_SCORE:
                found[n] = scored

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 10) -> list[Hit]:
        text = query[:MAX_QUERY_CHARS]
        if not fold(text):
            raise EsanteError(EMPTY_QUERY, code=ExitCode.USAGE)
        wanted = _wanted(kinds)
        found: dict[int, tuple[float, str, str]] = {}
        for n, label, code in self.db.lookup("c" + compact(text)):
            found[n] = (100.0, label, code)
        for n, label, record_id in self.db.lookup("i" + text.strip().casefold()):
            found[n] = (100.0, label, record_id)
        codes = set(found)
        docs: dict[int, tuple] = {}
        qterms = terms(text, query=True)[:MAX_QUERY_TERMS]
        if qterms:
            matches = [self.match_term(q, typos=False) for q in qterms]
            self._scored(self._candidates(qterms, matches, wanted, limit), matches, found, docs)
            if len(found) < limit or not all(matches):
                typos = [self.typos(q) for q in qterms]
                if any(t.keys() - m.keys() for t, m in zip(typos, matches)):
                    for match, typo in zip(matches, typos):
                        for term, sim in typo.items():
                            match[term] = max(match.get(term, 0.0), sim)
                    for n in [n for n in found if n not in codes]:
                        del found[n]
                    self._scored(self._candidates(qterms, matches, wanted, limit), matches, found, docs)
        docs.update(self.db.docs([n for n in found if n not in docs]))
        ranked = sorted(
            (n for n in found if wanted is None or docs[n][1] in wanted),
            key=lambda n: (n not in codes, -found[n][0], docs[n][1], docs[n][2], docs[n][0]),
        )
        return [Hit(self.catalog.records[docs[n][0]], *found[n]) for n in ranked[:limit]]

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


_INDEXES: dict[int, tuple[Catalog, SearchIndex]] = {}


def index_for(catalog: Catalog) -> SearchIndex:
    """The catalogue's index, built on first use and kept while the catalogue is in use."""
    entry = _INDEXES.get(id(catalog))
    if entry is not None and entry[0] is catalog:
        return entry[1]
    index = SearchIndex(catalog)
    while len(_INDEXES) >= 4:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(catalog)] = (catalog, index)
    return index


# ---------------------------------------------------------------- public functions


def search(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 10) -> list[Hit]:
    """Records ranked by how well they match `query` (best first; ties by kind then name)."""
    return index_for(catalog).search(query, kinds, limit)


def suggest(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 3) -> list[Record]:
    return index_for(catalog).suggest(query, kinds, limit)


def not_found(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> EsanteError:
    """'aucun résultat' in French, with the closest names when there are some."""
    shown = " ".join(query.split())[:80]
    message = f"aucun résultat pour « {shown} »"
    close = suggest(catalog, query, kinds)
    if close:
        message += "\nVouliez-vous dire : " + ", ".join(f"{r.name} ({r.id})" for r in close) + " ?"
    return EsanteError(message, code=ExitCode.NOT_FOUND)


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
    close = [h for h in hits if h.score >= hits[0].score - 3 * CLEAR_LEAD] or hits[:2]
    lines = [f"  {h.record.id} ({h.record.label}) : {h.record.name}" for h in close]
    raise EsanteError(
        f"« {shown} » est ambigu ; précisez avec l'identifiant d'un de ces résultats :\n" + "\n".join(lines),
        code=ExitCode.NOT_FOUND,
    )
