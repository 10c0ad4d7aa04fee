"""The problems found while checking the data, and the lines they are at.

Validation adds problems without lines (the common path tracks none); `Problems.errors()` then
reads again only the files that have problems, and composes only the records they name, to give
each its line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from esante_cli.catalog.datafiles import read_text
from esante_cli.errors import EsanteError


class Problems:
    """Problems found while checking; lines are looked up only for files that have problems."""

    def __init__(self) -> None:
        self.items: list[tuple[Path, str | None, int | None, str | None, str, int | None]] = []
        # files that parsed: their text is read again, only if they have problems, to find lines
        # (keeping every text would hold the whole data set in memory twice on the common path)
        self.parsed: set[Path] = set()
        # ids of records rejected for other reasons: references to them are not reported again
        self.rejected_ids: set[str] = set()
        self.rejected_sources: set[str] = set()  # the same for registry entries

    def add(
        self,
        path: Path,
        message: str,
        section: str | None = None,
        index: int | None = None,
        field: str | None = None,
        line: int | None = None,
    ) -> None:
        self.items.append((path, section, index, field, message, line))

    def __bool__(self) -> bool:
        return bool(self.items)

    def errors(self) -> list[EsanteError]:
        queries: dict[Path, dict[Query, None]] = {}  # per file, in the order problems name them
        for path, section, index, field, _, line in self.items:
            if line is None and section is not None and path in self.parsed:
                queries.setdefault(path, {})[(section, index, field)] = None
        lines = {path: _lines(_text_or_empty(path), list(asked)) for path, asked in queries.items()}
        out = []
        for path, section, index, field, message, line in self.items:
            if line is None and section is not None and path in self.parsed:
                line = lines[path][(section, index, field)]
            out.append(EsanteError(message, path=path, line=line, field=field))
        return out


Query = tuple[str, int | None, str | None]  # (section, record index, field) of a problem


def _text_or_empty(path: Path) -> str:
    try:
        return read_text(path)
    except EsanteError:  # gone or changed since it was checked: no line numbers then
        return ""


def _lines(text: str, queries: list[Query]) -> dict[Query, int | None]:
    """The 1-based line of each (section, record index, field), as `_composed_locator` finds
    it, in the memory of one record: the file is walked record by record (yamlfile.outline) and
    only the records that queries name are composed. A file `outline` does not walk is
    composed whole (`_composed_locator`)."""
    from esante_cli.catalog import yamlfile

    records: dict[tuple[str, int], list[str | None]] = {}
    for section, index, field in queries:
        if index is not None:
            records.setdefault((section, index), []).append(field)
    found: dict[Query, int] = {}

    def record(section: str, index: int, item: Any) -> None:
        for field in records[(section, index)]:
            found[(section, index, field)] = _item_line(item, field)

    shape = yamlfile.outline(text, records, record)
    if shape is None:
        locate = _composed_locator(text)
        return {query: locate(*query) for query in queries}
    out: dict[Query, int | None] = {}
    for query in queries:
        section, index, _ = query
        known = shape.sections.get(section) if isinstance(section, str) else None
        if known is None:
            out[query] = shape.root
        elif index is None or known[1] is None or index >= known[1]:
            out[query] = known[0]
        else:
            out[query] = found[query]
    return out


def _child(node: Any, key: str) -> tuple[Any, Any] | None:
    """The first (key node, value node) of a mapping node whose key is `key`."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if getattr(k, "value", None) == key:
                return k, v
    return None


def _item_line(item: Any, field: str | None) -> int:
    """The line of `field` (`name`, `salary.min`, `skills[2]`…) in a record's node, else of the record."""
    import yaml

    head = (field or "").split(".")[0]
    top = head.split("[")[0]
    hit = _child(item, top) if top else None
    if hit is None:
        return item.start_mark.line + 1
    position = head[len(top) + 1 : -1] if head.endswith("]") else ""
    if position.isdigit() and isinstance(hit[1], yaml.SequenceNode) and int(position) < len(hit[1].value):
        return hit[1].value[int(position)].start_mark.line + 1  # the list item itself
    return hit[0].start_mark.line + 1


def _composed_locator(text: str) -> Callable[[str, int | None, str | None], int | None]:
    """Map (section, record index, field) to a 1-based line, by composing the whole YAML once
    (the node tree of a 15 MB file takes about 350 MB: only for files `_lines` cannot walk)."""
    import yaml

    try:
        root = yaml.compose(text, Loader=_yaml_loader())
    except yaml.YAMLError:
        root = None

    def locate(section: str, index: int | None, field: str | None) -> int | None:
        if root is None:
            return None
        found = _child(root, section)
        if found is None:
            return root.start_mark.line + 1
        key, node = found
        if index is None or not isinstance(node, yaml.SequenceNode) or index >= len(node.value):
            return key.start_mark.line + 1
        return _item_line(node.value[index], field)

    return locate



def _yaml_loader() -> type:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)

