"""The sources registry as people read it: pure functions over a catalogue (no I/O)."""

from __future__ import annotations

from typing import Any

from esante_cli.catalog.models import Catalog


def cited_by(catalog: Catalog, source_id: str) -> list[Any]:
    """The records that cite this source, in data order."""
    return [record for record in catalog if source_id in record.sources]


def listing(catalog: Catalog) -> list[dict[str, Any]]:
    """Every registry entry, in data order, with `cited_by`: how many records cite it."""
    counts = catalog.citing()
    return [{**source.to_dict(), "cited_by": counts.get(source.id, 0)} for source in catalog.sources]
