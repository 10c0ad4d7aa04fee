"""Career ladder: where a career can lead (its `evolutions`, followed down) and where it comes from
(`Catalog.origins`). Pure: no I/O, no printing.

Validation refuses cycles in `evolutions`, but the tree is built defensively: a career already
on the way down from the root is not followed again (`cycle`), and a career already expanded
elsewhere in the tree is listed without repeating its own evolutions (`repeated`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from esante_cli.catalog.models import Career, Catalog


@dataclass
class LadderNode:
    id: str
    name: str
    children: list["LadderNode"] = field(default_factory=list)
    repeated: bool = False  # shown (with its evolutions) elsewhere in the tree
    cycle: bool = False  # already on the path from the root: not followed

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": "career", "id": self.id, "name": self.name}
        if self.repeated:
            out["repeated"] = True
        if self.cycle:
            out["cycle"] = True
        out["evolutions"] = [child.to_dict() for child in self.children]
        return out


@dataclass
class Ladder:
    root: LadderNode
    origins: list[Career]

    def to_dict(self) -> dict[str, Any]:
        out = self.root.to_dict()
        out["origins"] = [{"kind": "career", "id": c.id, "name": c.name} for c in self.origins]
        return out


def evolution_tree(catalog: Catalog, career: Career) -> LadderNode:
    """The career and, recursively, the careers its evolutions lead to, in data order."""
    expanded: set[str] = set()

    def build(career_id: str, path: tuple[str, ...]) -> LadderNode:
        node = LadderNode(career_id, catalog.name_of(career_id))
        if career_id in path:
            node.cycle = True
            return node
        record = catalog.get(career_id)
        evolutions = record.evolutions if isinstance(record, Career) else ()
        if career_id in expanded and evolutions:
            node.repeated = True
            return node
        expanded.add(career_id)
        node.children = [build(child, path + (career_id,)) for child in evolutions]
        return node

    return build(career.id, ())


def ladder(catalog: Catalog, career: Career) -> Ladder:
    return Ladder(evolution_tree(catalog, career), catalog.origins(career.id))


def examples(catalog: Catalog, limit: int = 3) -> list[Career]:
    """Careers whose ladder shows the most, for a person who named none: most evolutions, then
    most origins, then data order."""
    order = {c.id: n for n, c in enumerate(catalog.careers)}
    ranked = sorted(catalog.careers, key=lambda c: (-len(c.evolutions), -len(catalog.origins(c.id)), order[c.id]))
    return ranked[:limit]
