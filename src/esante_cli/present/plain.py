"""What esante prints where stdout is not a terminal (a pipe, a file) or colour is refused
(NO_COLOR, TERM=dumb): plain lines, no colour, no box drawing, and no Rich import.

A table is one record per line, fields separated by tabs, after one line of column names (as
`gh` prints when not on a terminal): `cut -f2`, `awk -F'\\t'` and spreadsheets read it. The lines
of a cell are joined with « · », except a name's dim second line (its id), which gets a field
of its own. The table's title and caption are commentary: they go to stderr, like notes.
A card (one record) and a tree are text wrapped at the output width (layout.wrap).
"""

from __future__ import annotations

from typing import Any

from esante_cli.present.layout import width_of, wrap


def _field(value: str) -> str:
    return " · ".join(part for part in value.replace("\t", " ").split("\n") if part)


def table_lines(table: Any) -> list[str]:
    """Header and rows as tab-separated lines (a transposed table: as it is drawn, label first)."""
    subdued = sorted(i for i in table.subdued if any("\n" in row[i] for row in table.rows))

    def fields(row: list[str], header: bool) -> list[str]:
        out: list[str] = []
        for i, cell in enumerate(row):
            if i in subdued:
                first, _, rest = cell.partition("\n")
                if header:  # « nom (identifiant) » → « nom », « identifiant »
                    name, _, second = cell.partition(" (")
                    first, rest = (name, second.rstrip(")")) if second else (cell, "identifiant")
                out += [_field(first), _field(rest)]
            else:
                out.append(_field(cell))
        return out

    return ["\t".join(fields(table.columns, True)).rstrip("\t"), *("\t".join(fields(row, False)) for row in table.rows)]


# ---------------------------------------------------------------- cards


def _labelled(label: str, items: list[str], width: int) -> list[str]:
    """« Label : value » (one item) or a label line then « - item » lines, wrapped at `width`."""
    if len(items) == 1:
        return wrap(f"{label} : {items[0]}", width, indent="  ")
    lines = wrap(f"{label} :", width, indent="  ")
    for item in items:
        lines += ["  " + line for line in wrap(f"- {item}", width - 2, indent="  ")]
    return lines


def card_lines(card: Any, width: int) -> list[str]:
    lines = wrap(card.title, width)
    if card.subtitle:
        lines += wrap(card.subtitle, width)
    lines.append("=" * min(max(max(width_of(t) for t in lines[:1] or [""]), 10), width))
    for label, items in card.sections:
        lines += _labelled(label, items, width)
    return lines


# ---------------------------------------------------------------- trees


def tree_lines(root: Any, width: int) -> list[str]:
    """The root, then each child indented two spaces deeper than its parent."""

    def label(node: Any, room: int) -> list[str]:
        return wrap(node.label + (f" · {node.detail}" if node.detail else ""), max(room, 10))

    lines = label(root, width)

    def walk(node: Any, prefix: str) -> None:
        for child in node.children:
            text = label(child, width - len(prefix) - 4)
            lines.append(prefix + "  " + text[0])
            lines.extend(prefix + "    " + more for more in text[1:])
            walk(child, prefix + "  ")

    walk(root, "")
    return [line.rstrip() for line in lines]
