"""Text folding and fuzzy ranking over the catalogue. Pure functions: no I/O, no printing.

Public API (used by show, compare, path and match):
- fold(text) -> str: lowercase, accents removed, punctuation to spaces, invisible characters dropped.
- search(catalog, query, kinds=None, limit=10) -> list[Hit], best first, stable.
- resolve(catalog, query, kinds=None) -> Record: an exact id, or a query whose best match is
  clearly ahead; otherwise EsanteError(NOT_FOUND) listing candidates.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

from esante_cli.errors import EsanteError, ExitCode
from esante_cli.models import Catalog, Record

_NON_WORD = re.compile(r"[^0-9a-z+.]+")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\x00-\x1f\x7f-\x9f]")
MAX_QUERY_CHARS = 200


def fold(text: str) -> str:
    """'Ingénieur/e E-Santé' -> 'ingenieur e e sante'."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("œ", "oe").replace("æ", "ae")
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Hit:
    record: Record
    score: float  # 0..100
    field: str  # which field matched, e.g. "titre", "autre appellation", "code"


def _fields(record: Record) -> Iterable[tuple[str, str, float]]:
    """(field label, text, weight) for every searchable text of a record."""
    yield "titre", record.name, 1.0
    for attr, label, weight in (
        ("feminine", "féminin", 0.95),
        ("masculine", "masculin", 0.95),
    ):
        value = getattr(record, attr, None)
        if value:
            yield label, value, weight
    for attr, label, weight in (("other_titles", "autre appellation", 0.9), ("aliases", "alias", 0.9)):
        for value in getattr(record, attr, ()) or ():
            yield label, value, weight
    for attr, label in (("institution", "établissement"), ("city", "ville")):
        value = getattr(record, attr, None)
        if value:
            yield label, value, 0.8
    if record.summary:
        yield "description", record.summary, 0.6


def _codes(record: Record) -> list[str]:
    codes = [record.id]
    codes += list(getattr(record, "rome", ()) or ())
    onisep = getattr(record, "onisep", None)
    if onisep:
        codes.append(onisep)
    return [fold(c) for c in codes]


def search(catalog: Catalog, query: str, kinds: Iterable[str] | None = None, limit: int = 10) -> list[Hit]:
    """Records ranked by how well they match `query` (best first; ties by kind then name)."""
    from rapidfuzz import fuzz

    q = fold(query[:MAX_QUERY_CHARS])
    if not q:
        raise EsanteError("la requête est vide", code=ExitCode.USAGE)
    wanted = set(kinds) if kinds else None
    hits: list[Hit] = []
    for record in catalog:
        if wanted and record.kind not in wanted:
            continue
        if q in _codes(record):
            hits.append(Hit(record, 100.0, "code"))
            continue
        best: tuple[float, str] = (0.0, "")
        for label, text, weight in _fields(record):
            score = fuzz.WRatio(q, fold(text)) * weight
            if score > best[0]:
                best = (score, label)
        if best[0] >= 60:
            hits.append(Hit(record, round(best[0], 1), best[1]))
    hits.sort(key=lambda h: (-h.score, h.record.kind, fold(h.record.name)))
    return hits[:limit]


def resolve(catalog: Catalog, query: str, kinds: Iterable[str] | None = None) -> Record:
    """One record for an id or a query; EsanteError(NOT_FOUND) when none or ambiguous."""
    kinds = list(kinds) if kinds else None
    record = catalog.get(query.strip())
    if record is not None and (not kinds or record.kind in kinds):
        return record
    hits = search(catalog, query, kinds=kinds, limit=5)
    if not hits:
        raise EsanteError(f"aucun résultat pour « {query.strip()[:80]} »", code=ExitCode.NOT_FOUND)
    if len(hits) == 1 or hits[0].score - hits[1].score >= 5:
        return hits[0].record
    names = ", ".join(f"{h.record.id} ({h.record.name})" for h in hits)
    raise EsanteError(
        f"« {query.strip()[:80]} » est ambigu ; précisez parmi : {names}", code=ExitCode.NOT_FOUND
    )
