"""The sources registry as people read it: pure functions over a catalogue (no I/O)."""

from __future__ import annotations

from typing import Any

from esante_cli.catalog.models import Catalog


def cited_by(catalog: Catalog, source_id: str) -> list[Any]:
    """The records that cite this source, in data order."""
    return [record for record in catalog if source_id in record.sources]


def mistyped(catalog: Catalog, text: str) -> str | None:
    """The source id `text` is a typo of (« cgos-tim-metier-recnt »), when no record id is closer:
    an id-like word (no space) is read as the id it nearly is, before any search of its words."""
    word = text.strip()
    if not word or " " in word or catalog.get(word) is not None or catalog.source(word) is not None:
        return None
    from rapidfuzz import fuzz, process

    ids = {s.id: s.id for s in catalog.sources} | {r.id: r.id for r in catalog}
    best = process.extractOne(word, ids, scorer=fuzz.ratio, score_cutoff=90)
    return best[2] if best and catalog.source(best[2]) is not None else None


def listing(catalog: Catalog) -> list[dict[str, Any]]:
    """Every registry entry, in data order, with `cited_by`: how many records cite it."""
    counts = catalog.citing()
    return [{**source.to_dict(), "cited_by": counts.get(source.id, 0)} for source in catalog.sources]
