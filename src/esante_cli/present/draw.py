"""Tables, blocks, cards and trees drawn as lines of text (pure functions, no I/O).

Two looks from one layout: `boxed` (a terminal: box drawing in Rich's default style, ANSI
bold/cyan/dim) and plain (pipes, NO_COLOR: aligned columns, no colour, no box drawing). Drawing
here rather than through Rich keeps every line break under our rules (layout.py: words and
figures are never split; Rich breaks at no-break spaces) and spares a terminal run Rich's
import. Callers pass cells already cleaned of control characters.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from esante_cli.present.layout import allocate, longest_word, natural_width, width_of, wrap

UNKNOWN_VALUES = ("non renseigné", "non renseignée", "non renseignés", "non renseignées")

# Below these widths a column is not worth reading: the table becomes one block per row.
READABLE = 8
READABLE_WIDE = 20

_STYLES = {"bold": "1", "dim": "2", "cyan": "36", "heading": "1;36"}


def paint(text: str, style: str | None, colour: bool) -> str:
    if not colour or not style or not text:
        return text
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(width - width_of(text), 0)
    return gap + text if right else text + gap


def _dim_if_unknown(text: str) -> str | None:
    return "dim" if text in UNKNOWN_VALUES else None


# ---------------------------------------------------------------- tables


def table_widths(table: Any, room: int) -> list[int] | None:
    """Column widths that fit `room` cells of content, or None when the table cannot be read there."""
    n = len(table.columns)
    cells = [table.columns, *table.rows]
    naturals = [max(natural_width(row[i]) for row in cells) for i in range(n)]
    minimums = [
        # a column is at least its longest word; an id (the dim second line of a name) has no
        # space, so it is one word too: what people copy into the next command is never cut
        naturals[i] if i in table.nowrap else max(longest_word(row[i]) for row in cells)
        for i in range(n)
    ]
    floors = [
        min(naturals[i], max(minimums[i], READABLE_WIDE if i == table.wide else READABLE)) for i in range(n)
    ]
    weights = [2.0 if i == table.wide else 1.0 for i in range(n)]
    return allocate(naturals, floors, room, weights)


def _forced_widths(table: Any, room: int) -> list[int]:
    """Last resort for a table that has no block form: share the room evenly (words may be cut)."""
    n = len(table.columns)
    cells = [table.columns, *table.rows]
    naturals = [max(natural_width(row[i]) for row in cells) for i in range(n)]
    widths = allocate(naturals, [1] * n, max(room, n), [1.0] * n) or [1] * n
    return widths


def _cell_lines(table: Any, row: Sequence[str], widths: list[int]) -> list[list[str]]:
    return [wrap(cell, widths[i]) for i, cell in enumerate(row)]


def _row_lines(
    table: Any, row: Sequence[str], widths: list[int], colour: bool, header: bool, sep: str, edges: tuple[str, str]
) -> list[str]:
    cells = _cell_lines(table, row, widths)
    height = max(len(c) for c in cells)
    out = []
    for k in range(height):
        parts = []
        for i, lines in enumerate(cells):
            text = lines[k] if k < len(lines) else ""
            padded = _pad(text, widths[i], right=i in table.numeric and not header)
            if header:
                style: str | None = "heading"
            elif k > 0 and i in table.subdued:
                style = "dim"
            else:
                style = _dim_if_unknown(row[i])
            parts.append(paint(padded, style, colour) if text else padded)
        out.append(edges[0] + sep.join(parts) + edges[1])
    return out


def table_lines(table: Any, width: int, boxed: bool, colour: bool) -> list[str]:
    """The whole table (title, header, rows, caption) as lines of at most `width` cells."""
    n = len(table.columns)
    overhead = 3 * n + 1 if boxed else 2 * (n - 1)
    widths = table_widths(table, width - overhead)
    if widths is None:
        if table.blocks is not None:
            return block_lines(table, width, boxed, colour)
        widths = _forced_widths(table, width - overhead)
    wraps = any(
        len(wrap(cell, widths[i])) > 1 for row in table.rows for i, cell in enumerate(row)
    )
    inner = sum(widths) + overhead
    lines: list[str] = []
    if table.title:
        for line in wrap(table.title, min(width, max(inner, 1))):
            centred = boxed and width_of(line) < inner  # as Rich does; plain text stays flush left
            lines.append(paint(line.center(inner).rstrip() if centred else line, "bold", colour))
    if boxed:
        rule = lambda left, mid, right, fill: left + mid.join(fill * (w + 2) for w in widths) + right  # noqa: E731
        lines.append(rule("┏", "┳", "┓", "━"))
        lines += _row_lines(table, table.columns, widths, colour, True, " ┃ ", ("┃ ", " ┃"))
        lines.append(rule("┡", "╇", "┩", "━"))
        for r, row in enumerate(table.rows):
            if r and wraps:
                lines.append(rule("├", "┼", "┤", "─"))
            lines += _row_lines(table, row, widths, colour, False, " │ ", ("│ ", " │"))
        lines.append(rule("└", "┴", "┘", "─"))
    else:
        lines += [line.rstrip() for line in _row_lines(table, table.columns, widths, colour, True, "  ", ("", ""))]
        lines.append("  ".join("-" * w for w in widths))
        for r, row in enumerate(table.rows):
            if r and wraps:
                lines.append("")
            lines += [line.rstrip() for line in _row_lines(table, row, widths, colour, False, "  ", ("", ""))]
    if table.caption:
        lines += wrap(table.caption, width)
    return lines


def block_lines(table: Any, width: int, boxed: bool, colour: bool) -> list[str]:
    """Each row as a block: a heading (one column's value), then « column  value » lines.

    A transposed table (records as columns, like `compare`) gets one block per record instead.
    """
    if getattr(table, "transposed", False):
        table = _transpose(table)
    head = table.blocks or 0
    others = [i for i in range(len(table.columns)) if i != head]
    key_width = max((width_of(table.columns[i]) for i in others), default=0)
    indent = "" if boxed else "  "
    stacked = key_width > max(width // 3, 16)  # long keys (names, in a transposed table): value below
    value_width = width - len(indent) - 2 if stacked else max(width - len(indent) - key_width - 2, 10)
    lines: list[str] = []
    if table.title:
        lines += [paint(line, "bold", colour) for line in wrap(table.title, width)]
    for r, row in enumerate(table.rows):
        if r and not boxed:
            lines.append("")
        first, _, rest = row[head].partition("\n")
        heading = wrap(first, width - 2 if boxed else width)
        for line in heading[:-1]:
            lines.append(paint(line, "bold", colour))
        last = heading[-1]
        if boxed:
            lines.append(paint(last, "bold", colour) + " " + paint("─" * max(width - width_of(last) - 1, 0), "cyan", colour))
        else:
            lines.append(last)
        for line in wrap(rest, width - len(indent)) if rest else []:
            lines.append(indent + paint(line, "dim", colour))
        for i in others:
            values = wrap(row[i], value_width)
            if stacked:
                lines += [indent + paint(k, "heading", colour) for k in wrap(table.columns[i], width - len(indent))]
                style = _dim_if_unknown(row[i])
                lines += [(indent + "  " + paint(v, style, colour)).rstrip() for v in values]
                continue
            for k, value in enumerate(values):
                key = _pad(table.columns[i] if k == 0 else "", key_width)
                style = "dim" if k > 0 and i in table.subdued else _dim_if_unknown(row[i])
                lines.append((indent + paint(key, "heading", colour) + "  " + paint(value, style, colour)).rstrip())
    if table.caption:
        if not boxed:
            lines.append("")
        lines += wrap(table.caption, width)
    return lines


def _transpose(table: Any) -> Any:
    from types import SimpleNamespace

    columns = [table.columns[0], *(row[0] for row in table.rows)]
    rows = [[name, *(row[j] for row in table.rows)] for j, name in enumerate(table.columns) if j]
    return SimpleNamespace(
        columns=columns, rows=rows, title=table.title, caption=table.caption, blocks=0, subdued=set(), transposed=False
    )


# ---------------------------------------------------------------- cards


def _labelled(label: str, items: list[str], width: int, colour: bool, bullet: str) -> list[str]:
    """« Label : value » (one item) or a label line then bullet items, wrapped at `width`."""
    if len(items) == 1:
        lines = wrap(f"{label} : {items[0]}", width, indent="  ")
        return _style_label(lines, f"{label} :", items[0], colour)
    lines = _style_label(wrap(f"{label} :", width, indent="  "), f"{label} :", "", colour)
    for item in items:
        for k, line in enumerate(wrap(f"{bullet} {item}", width - 2, indent="  ")):
            lines.append("  " + paint(line, _dim_if_unknown(item), colour))
    return lines


def _style_label(lines: list[str], label: str, value: str, colour: bool) -> list[str]:
    """Colour the label part of wrapped lines (it may span several), dim an unknown value."""
    if not colour:
        return lines
    left = label
    styled = []
    value_style = _dim_if_unknown(value)
    for line in lines:
        body = line.lstrip(" ")
        lead = line[: len(line) - len(body)]
        if left and left.startswith(body):
            styled.append(lead + paint(body, "heading", colour))
            left = left[len(body) :].lstrip(" ")
        elif left and body.startswith(left):
            styled.append(lead + paint(left, "heading", colour) + paint(body[len(left) :], value_style, colour))
            left = ""
        else:
            styled.append(lead + paint(body, value_style, colour))
    return styled


def card_lines(card: Any, width: int, boxed: bool, colour: bool) -> list[str]:
    sections = [(label, items) for label, items in card.sections]
    if not boxed:
        lines = wrap(card.title, width)
        if card.subtitle:
            lines += wrap(card.subtitle, width)
        lines.append("=" * min(max(max(width_of(t) for t in lines[:1] or [""]), 10), width))
        for label, items in sections:
            lines += _labelled(label, items, width, False, "-")
        return lines
    inner = max(width - 4, 10)
    title = wrap(card.title, max(inner - 2, 1))
    lines = []
    head = f"─ {paint(title[0], 'bold', colour)} "
    lines.append("╭" + head + "─" * max(width - 2 - width_of(title[0]) - 3, 0) + "╮")
    body = [paint(t, "bold", colour) for t in title[1:]]
    for label, items in sections:
        body += _labelled(label, items, inner, colour, "•")
    for line in body:
        if _visible_width(line) > inner:  # a web address kept whole: past the edge, no border after it
            lines.append("│ " + line)
            continue
        lines.append("│ " + line + " " * max(inner - _visible_width(line), 0) + " │")
    if card.subtitle:
        sub = wrap(card.subtitle, max(width - 6, 1))[0]
        fill = width - 2 - width_of(sub) - 2
        left = fill // 2
        lines.append("╰" + "─" * left + " " + sub + " " + "─" * (fill - left) + "╯")
    else:
        lines.append("╰" + "─" * (width - 2) + "╯")
    return lines


def _visible_width(text: str) -> int:
    import re

    return width_of(re.sub(r"\x1b\[[0-9;]*m", "", text))


# ---------------------------------------------------------------- trees


def tree_lines(root: Any, width: int, boxed: bool, colour: bool) -> list[str]:
    lines: list[str] = []

    def label_lines(node: Any, room: int, lead: str, style: str | None) -> list[str]:
        text = node.label + (f" · {node.detail}" if node.detail else "")
        wrapped = wrap(text, max(room, 10))
        if not colour:
            return wrapped
        main = node.label
        out = []
        for line in wrapped:
            if main and main.startswith(line):
                out.append(paint(line, "dim" if node.dim else style, colour))
                main = main[len(line) :].lstrip(" ")
            elif main and line.startswith(main):
                out.append(paint(main, "dim" if node.dim else style, colour) + paint(line[len(main) :], "dim", colour))
                main = ""
            else:
                out.append(paint(line, "dim", colour))
        return out

    def walk(node: Any, prefix: str, depth: int) -> None:
        for k, child in enumerate(node.children):
            last = k == len(node.children) - 1
            if boxed:
                first, cont = ("└── " if last else "├── "), ("    " if last else "│   ")
                guide = lambda s: paint(s, "dim", colour)  # noqa: E731
            else:
                first = cont = "  "
                guide = lambda s: s  # noqa: E731
            room = width - width_of(prefix) - (4 if boxed else 4)
            text = label_lines(child, room, "", "bold" if depth == 0 else None)
            lines.append(guide(prefix + first) + text[0])
            for more in text[1:]:
                lines.append(guide(prefix + cont) + ("" if boxed else "  ") + more)
            walk(child, prefix + cont, depth + 1)

    lines += label_lines(root, width, "", "heading")
    walk(root, "", 0)
    return [line.rstrip() for line in lines]
