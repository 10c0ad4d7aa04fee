"""Checks across records: levels that only go up, references to existing ids of the right
kind, and no cycle in career evolutions or programme links (leads_to, part_of), no record linked to itself. Pure: no file I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from esante_cli.catalog.models import level_rank
from esante_cli.catalog.schema import Pending
from esante_cli.catalog.specs import KIND_LABELS

if TYPE_CHECKING:
    from esante_cli.catalog.problems import Problems


def check_levels(item: Pending, problems: Problems) -> None:
    record = item.record
    entry, exit_ = getattr(record, "entry_level", None), getattr(record, "exit_level", None)
    if entry and exit_ and level_rank(exit_) < level_rank(entry):
        problems.add(item.path, f"niveau de sortie ({exit_}) inférieur au niveau d'entrée ({entry})", item.section, item.index, "exit_level")


def _find_cycle(graph: dict[str, tuple[str, ...]]) -> list[str] | None:
    """One cycle in a directed graph, as a path that ends where it starts, or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = dict.fromkeys(graph, WHITE)
    for start in graph:
        if color[start] != WHITE:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        color[start] = GREY
        while stack:
            node, i = stack[-1]
            targets = graph.get(node, ())
            if i < len(targets):
                stack[-1] = (node, i + 1)
                nxt = targets[i]
                if nxt not in color:
                    continue
                if color[nxt] == GREY:
                    path = [n for n, _ in stack]
                    return path[path.index(nxt):] + [nxt]
                if color[nxt] == WHITE:
                    color[nxt] = GREY
                    stack.append((nxt, 0))
            else:
                color[node] = BLACK
                stack.pop()
    return None


_REF_FIELDS = {
    "skills": "skill",
    "sectors": "sector",
    "evolutions": "career",
    "related": "career",
    "trainings": "training",
    "leads_to": "training",
    "careers": "career",
    "salary_sectors": "sector",
    "part_of": "training",
    "careers_after_experience": "career",
}


def check_references(pending: list[Pending], problems: Problems) -> None:
    by_id = {p.record.id: p for p in pending}
    themes = {p.record.code for p in pending if p.record.kind == "interest"}
    for item in pending:
        record = item.record
        if record.kind == "rome":  # its skills and sectors are ROME's labels, not ids
            for i, link in enumerate(record.interests):
                if themes and link.theme not in themes:
                    problems.add(item.path, f"centre d'intérêt inconnu « {link.theme} » (aucun code de la section rome_interests)", item.section, item.index, f"interests[{i}].theme")
            continue
        for attr, kind in _REF_FIELDS.items():
            for ref in getattr(record, attr, ()) or ():
                _check_ref(by_id, item, attr, ref, kind, problems)
        for i, job in enumerate(getattr(record, "job_titles", ()) or ()):
            if job.career:
                _check_ref(by_id, item, f"job_titles[{i}].career", job.career, "career", problems)
        for ref in getattr(record, "leads_to", ()) or ():
            target = by_id.get(ref)
            exit_ = getattr(record, "exit_level", None)
            entry = getattr(target.record, "entry_level", None) if target else None
            if exit_ and entry and level_rank(entry) < level_rank(exit_):
                problems.add(
                    item.path,
                    f"« {ref} » commence à {entry}, avant la sortie de cette formation ({exit_}) : les niveaux doivent monter",
                    item.section,
                    item.index,
                    "leads_to",
                )
        for ref in getattr(record, "careers_after_experience", ()) or ():
            if ref not in record.careers:  # a qualifier of a link the programme makes
                problems.add(
                    item.path, f"« {ref} » est dans careers_after_experience mais pas dans careers", item.section, item.index,
                    "careers_after_experience",
                )
        for ref in getattr(record, "related", ()) or ():
            if ref == record.id:  # a link to itself (evolutions, leads_to, part_of: a cycle, below)
                problems.add(item.path, f"« {ref} » renvoie à lui-même", item.section, item.index, "related")
    for attr, label in (
        ("evolutions", "évolutions de métier"),
        ("leads_to", "enchaînements de formations"),
        ("part_of", "formations qui en contiennent d'autres (part_of)"),
    ):
        graph = {p.record.id: tuple(getattr(p.record, attr)) for p in pending if hasattr(p.record, attr)}
        cycle = _find_cycle(graph)
        if cycle:
            first = by_id[cycle[0]]
            problems.add(first.path, f"cycle dans les {label} : {' → '.join(cycle)}", first.section, first.index, attr)


def check_sources(pending: list[Pending], registry: dict[str, Pending], problems: Problems) -> None:
    """Every source a record cites is in the registry (a `sources:` section of any folder)."""
    for item in pending:
        salary = getattr(item.record, "salary", None)
        cited = [(f"sources[{i}]", s) for i, s in enumerate(item.record.sources)]
        cited += [(f"salary.sources[{i}]", s) for i, s in enumerate(getattr(salary, "sources", ()))]
        for field, source_id in cited:
            if source_id in registry or source_id in problems.rejected_sources:
                continue
            import difflib

            close = difflib.get_close_matches(source_id, list(registry), n=1, cutoff=0.6)
            hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else " ; déclarez-la dans la section « sources: » d'un fichier du dossier (par exemple sources.yaml)"
            problems.add(item.path, f"source inconnue « {source_id} »{hint}", item.section, item.index, field)


def _check_ref(by_id: dict[str, Pending], item: Pending, field: str, ref: str, kind: str, problems: Problems) -> None:
    target = by_id.get(ref)
    if target is None and ref in problems.rejected_ids:
        return
    if target is None:
        import difflib

        close = difflib.get_close_matches(ref, list(by_id), n=1, cutoff=0.75)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        problems.add(item.path, f"référence inconnue « {ref} » ({KIND_LABELS[kind]} attendu){hint}", item.section, item.index, field)
    elif target.record.kind != kind:
        problems.add(
            item.path,
            f"« {ref} » est un(e) {target.record.label}, pas un(e) {KIND_LABELS[kind]}",
            item.section,
            item.index,
            field,
        )
