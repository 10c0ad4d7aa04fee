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
*terms* (terms.py: no case, accents, stop words, gender endings or plural s/x). A query term
matches a term of the vocabulary exactly (1.0), as a prefix (`cyber` → `cybersecurite`,
0.65–0.95) or with a typo (rapidfuzz ratio ≥ 80–85, squared). A field scores weight × (share of
the query's terms it matches) × (0.8 + 0.2 × share of the field the query covers), so an exact
title beats a longer title, which beats an alias or a city, and so on; a record scores its best
field, or 0.8 × the per-term best over several fields (`master paris`), times a small kind
prior (careers first at equal match). Exact codes (ROME, ONISEP) and ids come first.

Speed. The index (index.py: for every term, the records holding it grouped by their best field
weight; for every record, its fields) is built once per version of the data and kept in the
cache as JSON rows. A query reads the vocabulary and the postings of the terms it matches,
first scores every record through them — an upper bound of the final score, and never more
than 1 / 0.76 times it, summed over sets of records as bitsets (coarse.py) — keeps the records
that can still reach the top `limit`, re-scores at most REFINE_CAP of them field by field from
their index rows, and decodes only the records it returns. Typos are found through sifting
sets kept in the index, without loading rapidfuzz (typos.py); suggest() still uses it.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Sequence

from esante_cli.explore import coarse, typos
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.explore.index import KIND_ORDER, SEARCH_KINDS, Index
from esante_cli.catalog.models import Catalog, Frozen, Record
from esante_cli.explore.terms import compact, fold, terms

# Careers are what people come for: at equal match, a career title outranks a skill or sector name
# ("imagerie" → the imaging engineer before "Algorithmique pour l'imagerie").
KIND_PRIOR = {"career": 1.0, "training": 0.97, "sector": 0.96, "skill": 0.95}
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12
MIN_SCORE = 25.0  # hits below this (0..100) are noise: a fuzzy word deep in a description
REFINE_CAP = 200  # records re-scored field by field, at most (ties beyond are cut by kind, name)
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


def _wanted(kinds: Iterable[str] | None) -> set[str]:
    """The kinds asked for, as the index writes them (one digit: the kind's rank)."""
    if not kinds:
        return {str(rank) for rank in KIND_ORDER.values()}
    return {str(KIND_ORDER[k]) for k in kinds if k in KIND_ORDER}


# ---------------------------------------------------------------- the index


class _Positions(Sequence):
    """The index's records by number, each decoded from the catalogue when asked for."""

    def __init__(self, catalog: Catalog, index: Index) -> None:
        self._catalog, self._index = catalog, index

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, i: int) -> Record:  # type: ignore[override]
        if not 0 <= i < len(self._index):
            raise IndexError(i)
        return self._catalog.records[self._index.record_id(i)]


class SearchIndex:
    """Ranking over a catalogue's index (index.py); one per catalogue, see index_for()."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.index = Index(catalog)
        self.vocab = self.index.vocab
        self.kind = self.index.kinds  # one digit per record: its rank in SEARCH_KINDS
        self.records: Sequence[Record] = _Positions(catalog, self.index)

    # -------------------------------------------------------- query side

    def match_term(self, q: str) -> dict[str, float]:
        """Vocabulary terms close to a query term, with a similarity in 0..1."""
        found: dict[str, float] = {}
        if len(q) >= 3:
            start = bisect_left(self.vocab, q)
            for term in self.vocab[start : bisect_left(self.vocab, q + "\x7f", start)]:
                found[term] = 0.65 + 0.3 * len(q) / len(term)
        if len(q) >= 4:
            cutoff = 85 if len(q) <= 5 else 80
            # A typo drops letters more often than it adds them: 'telemdcne' is 'telemedecine',
            # but 'freelance' is not 'france'.
            for term, ratio in typos.close(q, self.index, cutoff, len(q) - 2, len(q) + 3):
                found[term] = max(found.get(term, 0.0), 0.95 * (ratio / 100) ** 2)
        if self.index.term_number(q) is not None:
            found[q] = 1.0
        return found

    def _coarse(self, matches: list[dict[str, float]]) -> coarse.Levels:
        """Sum over query terms of each record's best weight × similarity (an upper bound), as
        levels: {value: bitset of the records with that value} (coarse.py)."""
        postings, size = self.index.postings, len(self.index)
        return coarse.total_levels(
            (
                coarse.best_levels(((sim * weight, ids) for term, sim in match.items() for weight, ids in postings(term)), size)
                for match in matches
            ),
            size,
        )

    def _candidates(self, levels: coarse.Levels, wanted: set[str], n: int, limit: int) -> list[int]:
        """Records that can still make the top `limit` once refined (at most REFINE_CAP of them)."""
        if len(wanted) < len(KIND_ORDER):
            mask = self._kind_mask(wanted)
            levels = {v: b & mask for v, b in levels.items() if b & mask}
        if not levels:
            return []
        seen, kth = 0, min(levels)
        for value in sorted(levels, reverse=True):
            seen += levels[value].bit_count()
            if seen >= limit:
                kth = value
                break
        floor = max(0.75 * kth, n * MIN_SCORE / 100)  # refined ≥ 0.8 × kind prior ≥ 0.76 × coarse
        return coarse.top(levels, floor, max(REFINE_CAP, 4 * limit))

    def _kind_mask(self, wanted: set[str]) -> int:
        """The bitset of the records of these kinds (digits, as in self.kind)."""
        flags = self.kind.translate({ord(d): "1" if d in wanted else "0" for d in "0123"})
        return int(flags[::-1], 2) if flags else 0

    def _score(self, i: int, matches: list[dict[str, float]], matched: set[str] | None = None) -> tuple[float, str, str]:
        """The exact score of one record (its best field, or several fields together), the
        field's label and its text; read from the index, without decoding the record.
        `matched`: every term of `matches` (computed here when not given)."""
        n = len(matches)
        best = (0.0, "", "")
        per_term = [(0.0, "")] * n
        if matched is None:
            matched = set().union(*matches)
        for label, weight, text, base, extra in self.index.fields(i):
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
        return round(score * KIND_PRIOR[SEARCH_KINDS[int(self.kind[i])]] * 100, 1), label, text

    def _refine(self, i: int, matches: list[dict[str, float]]) -> Hit:
        """The exact score of one record, as a Hit."""
        return Hit(self.records[i], *self._score(i, matches))

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 10) -> list[Hit]:
        text = query[:MAX_QUERY_CHARS]
        if not fold(text):
            raise EsanteError(EMPTY_QUERY, code=ExitCode.USAGE)
        wanted = _wanted(kinds)
        found: dict[int, tuple[float, str, str]] = {}
        for i, label, code in self.index.lookup("c" + compact(text)):
            found[i] = (100.0, label, code)
        for i, label, record_id in self.index.lookup("i" + text.strip().casefold()):
            found[i] = (100.0, label, record_id)
        codes = set(found)
        qterms = terms(text, query=True)[:MAX_QUERY_TERMS]
        if qterms:
            matches = [self.match_term(q) for q in qterms]
            matched = set().union(*matches)
            for i in self._candidates(self._coarse(matches), wanted, len(matches), limit):
                if i not in found:
                    scored = self._score(i, matches, matched)
                    if scored[0] >= MIN_SCORE:
                        found[i] = scored
        index = self.index
        ranked = sorted(
            (i for i in found if self.kind[i] in wanted),
            key=lambda i: (i not in codes, -found[i][0], self.kind[i], index.sort_name(i), index.record_id(i)),
        )
        return [Hit(self.records[i], *found[i]) for i in ranked[:limit]]

    def suggest(self, query: str, kinds: Iterable[str] | None = None, limit: int = 3) -> list[Record]:
        """Records a query that found nothing may have meant, for "Vouliez-vous dire …".

        Each query word is replaced by the closest vocabulary term under a looser scorer than
        search's (rapidfuzz ratio ≥ 75, any length) and the corrected query is searched; only
        hits by name, alias or place count (a description is too weak a reason to suggest).
        """
        from rapidfuzz import fuzz, process

        vocab = list(self.vocab)
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
