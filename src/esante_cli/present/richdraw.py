"""What esante draws on a terminal, drawn by Rich: tables, cards (a record shown whole), trees.

Rich draws; French typography decides where a line may break. `Flow` is the small renderable
that joins the two: a `rich.text.Text` broken only where layout.words() allows (« 2 000 € »,
« 42 000 – 48 000 € », ids and web addresses stay whole; « : » « ; » « ! » « ? » never start a
line), which tells Rich its minimum width (its longest unbreakable piece) through
`__rich_measure__`. Rich itself breaks lines at no-break spaces, which is why a cell is never
handed to it as a plain string.

Column widths: Rich's own sizing shrinks the widest column first without regard to its cells'
minimum width (Table._collapse_widths), then re-applies the minimums, so a table with a long
word passes the edge. layout.allocate() chooses the widths (every column at least its longest
word, or a few letters, the spare room to the name column first) and Rich is given them; when
they do not fit, each row becomes a block of « column  value » lines under a rule.

Imported only when stdout is a terminal (rich.console and rich.table are most of the start-up
cost of a terminal run); pipes get present/plain.py and never import Rich.
"""

from __future__ import annotations

from typing import Any, Iterable

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from esante_cli.present.layout import allocate, longest_word, natural_width, width_of, wrap

UNKNOWN_VALUES = ("non renseigné", "non renseignée", "non renseignés", "non renseignées")

# Below these widths a column is not worth reading: the table becomes one block per row.
READABLE = 8
READABLE_WIDE = 20

HEADING = "bold cyan"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader left (`| head`): handed to esante's entry point, which ends quietly with
        code 0 as for plain output (Rich's own answer is exit code 1)."""
        raise BrokenPipeError


def console(width: int, colour: bool, record: bool = False) -> Console:
    """A console drawing at `width` columns on stdout (as it is now: a pager's buffer, a test's)."""
    import sys

    return _Console(
        file=sys.stdout, width=width, force_terminal=True, no_color=not colour, color_system="auto" if colour else None,
        highlight=False, markup=False, emoji=False, legacy_windows=False, record=record,
    )  # fmt: skip


def dim_if_unknown(text: str) -> str:
    return "dim" if text in UNKNOWN_VALUES else ""


class Flow:
    """Text that Rich places and French typography breaks: lines end only between layout.words().

    `indent` starts every continuation line of a paragraph (not the first). A line that cannot
    be broken (a web address) is given to Rich whole, past the edge if need be: the console
    is told not to crop it.
    """

    def __init__(self, text: Text | str, style: str = "", indent: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)
        if style and isinstance(text, Text):
            self.text.stylize(style)
        self.indent = indent

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        return Measurement(longest_word(plain), max(natural_width(plain), 1)).with_maximum(options.max_width)

    def lines(self, width: int) -> list[Text]:
        """The text broken into lines of at most `width` cells (a web address or an id longer
        than the line: whole), styles kept."""
        text, plain, out = self.text, self.text.plain, []
        base = 0
        for paragraph in plain.split("\n"):
            pos = 0
            for k, line in enumerate(wrap(paragraph, width, indent=self.indent)):
                body = line[len(self.indent) :] if k and self.indent and line.startswith(self.indent) else line
                lead = len(body) - len(body.lstrip(" "))
                pieces, first = [], None
                for token in body.split(" "):
                    if not token:
                        continue
                    start = paragraph.find(token, pos)  # wrap() only joins and cuts the paragraph's words
                    start = pos if start < 0 else start
                    first = start if first is None else first
                    pieces.append(text[base + start : base + start + len(token)])
                    pos = start + len(token)
                joined = Text((self.indent if k else "") + " " * lead, end="")
                if first is not None and paragraph[first:pos] == body[lead:]:  # the line as it is in the text
                    joined.append_text(text[base + first : base + pos])
                else:  # runs of spaces made one
                    joined.append_text(Text(" ").join(pieces))
                out.append(joined)
            base += len(paragraph) + 1
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.lines(options.max_width)
        if options.justify == "center":  # centred by leading spaces only: no trailing blanks
            for line in lines:
                line.pad_left(max((options.max_width - line.cell_len) // 2, 0))
        joined = Text("\n").join(lines)
        too_long = any(line.cell_len > options.max_width for line in lines)  # a web address, whole
        joined.no_wrap, joined.overflow = True, "ignore" if too_long else "crop"  # "ignore" does not justify
        joined.justify = "right" if options.justify == "right" else "default"
        joined.end = "\n"
        yield joined


def print_flow(target: Console, renderable: Any) -> None:
    target.print(renderable, crop=False, overflow="ignore", no_wrap=True)


# ---------------------------------------------------------------- tables


def _floors(table: Any) -> tuple[list[int], list[int]]:
    n = len(table.columns)
    cells = [table.columns, *table.rows]
    naturals = [max(natural_width(row[i]) for row in cells) for i in range(n)]
    minimums = [
        # a column is at least its longest word; an id (the dim second line of a name) has no
        # space, so it is one word too: what people copy into the next command is never cut
        naturals[i] if i in table.nowrap else max(longest_word(row[i]) for row in cells)
        for i in range(n)
    ]
    floors = [min(naturals[i], max(minimums[i], READABLE_WIDE if i == table.wide else READABLE)) for i in range(n)]
    return naturals, floors


def table_widths(table: Any, room: int) -> list[int] | None:
    """Column widths that fit `room` cells of content, or None when the table cannot be read there."""
    naturals, floors = _floors(table)
    weights = [2.0 if i == table.wide else 1.0 for i in range(len(table.columns))]
    return allocate(naturals, floors, room, weights)


def _cell(table: Any, i: int, value: str) -> Flow:
    """One cell: an unknown value dim, the second line of a subdued column (an id) dim."""
    text = Text(value, style=dim_if_unknown(value))
    if i in table.subdued and "\n" in value:
        text.stylize("dim", value.index("\n") + 1)
    return Flow(text)


def draw_table(target: Console, table: Any) -> None:
    width = target.width
    n = len(table.columns)
    overhead = 3 * n + 1
    widths = table_widths(table, width - overhead)
    if widths is None:
        if table.blocks is not None:
            draw_blocks(target, table)
            return
        naturals, _ = _floors(table)
        widths = allocate(naturals, [1] * n, max(width - overhead, n), [1.0] * n) or [1] * n
    wraps = any(len(wrap(cell, widths[i])) > 1 for row in table.rows for i, cell in enumerate(row))
    inner = sum(widths) + overhead
    drawn = Table(title=Flow(table.title, style="bold") if table.title else None, header_style=HEADING, show_lines=wraps)
    for i, name in enumerate(table.columns):
        drawn.add_column(Flow(name), width=widths[i], justify="right" if i in table.numeric else "left")
    for row in table.rows:
        drawn.add_row(*(_cell(table, i, cell) for i, cell in enumerate(row)))
    target.print(drawn, width=inner)
    if table.caption:  # under the table, at the whole width
        print_flow(target, Flow(table.caption))


def _heading(target: Console, title: str, style: str = "bold", rule: str = "cyan") -> None:
    """A block's or a card's heading: its name (wrapped, whole words), a rule to the edge."""
    lines = Flow(title).lines(target.width - 2)
    for line in lines[:-1]:
        line.stylize(style)
        print_flow(target, line)
    last = lines[-1]
    last.stylize(style)
    fill = target.width - width_of(last.plain) - 1
    print_flow(target, Text.assemble(last, " ", ("─" * fill, rule)) if fill > 0 else last)


def draw_blocks(target: Console, table: Any) -> None:
    """Each row as a block: a heading (one column's value) and a rule, then « column  value »
    lines. A transposed table (records as columns, like `compare`) gets one block per record."""
    if getattr(table, "transposed", False):
        table = _transpose(table)
    width = target.width
    head = table.blocks or 0
    others = [i for i in range(len(table.columns)) if i != head]
    key_width = max((width_of(table.columns[i]) for i in others), default=0)
    stacked = key_width > max(width // 3, 16)  # long keys (names, in a transposed table): value below
    if table.title:
        print_flow(target, Flow(table.title, style="bold"))
    for row in table.rows:
        first, _, rest = row[head].partition("\n")
        _heading(target, first)
        if rest:
            print_flow(target, Flow(rest, style="dim"))
        for i in others:
            value = _cell(table, i, row[i])
            if stacked:
                print_flow(target, Flow(table.columns[i], style=HEADING))
                lines = value.lines(width - 2)
                keys = ["  "] * len(lines)
            else:
                lines = value.lines(max(width - key_width - 2, 10))
                keys = [table.columns[i].ljust(key_width) + "  "] + [" " * (key_width + 2)] * (len(lines) - 1)
            for key, line in zip(keys, lines):
                print_flow(target, Text.assemble((key, HEADING), line) if line.plain else Text(key.rstrip(), style=HEADING))
    if table.caption:
        print_flow(target, Flow(table.caption))


def _transpose(table: Any) -> Any:
    from types import SimpleNamespace

    columns = [table.columns[0], *(row[0] for row in table.rows)]
    rows = [[name, *(row[j] for row in table.rows)] for j, name in enumerate(table.columns) if j]
    return SimpleNamespace(
        columns=columns, rows=rows, title=table.title, caption=table.caption, blocks=0, subdued=set(), transposed=False
    )


# ---------------------------------------------------------------- cards


def _section(label: str, items: list[str]) -> Iterable[Flow]:
    """« Label : value » (one item) or a label line then bullet items."""
    if len(items) == 1:
        yield Flow(Text.assemble((f"{label} :", HEADING), " ", (items[0], dim_if_unknown(items[0]))), indent="  ")
        return
    yield Flow(Text(f"{label} :", style=HEADING), indent="  ")
    for item in items:
        yield Flow(Text.assemble("  • ", (item, dim_if_unknown(item))), indent="    ")


def draw_card(target: Console, card: Any) -> None:
    """A record: its title over a rule, labelled sections, a closing rule naming kind and id.
    No right border: a web address too long for the line stays whole (copied, clicked)."""
    from rich.rule import Rule

    _heading(target, card.title)
    for label, items in card.sections:
        for flow in _section(label, items):
            print_flow(target, flow)
    subtitle = card.subtitle or ""
    if subtitle and width_of(subtitle) + 6 <= target.width:
        target.print(Rule(Text(subtitle, style="dim"), style="cyan"))
    else:
        target.print(Rule(style="cyan"))
        if subtitle:
            print_flow(target, Flow(subtitle, style="dim"))


# ---------------------------------------------------------------- trees


def _label(node: Any, style: str) -> Flow:
    text = Text(node.label, style="dim" if node.dim else style)
    if node.detail:
        text.append(f" · {node.detail}", style="dim")
    return Flow(text)


def draw_tree(target: Console, root: Any) -> None:
    from rich.tree import Tree

    def grow(branch: Any, node: Any, depth: int) -> None:
        for child in node.children:
            grow(branch.add(_label(child, "bold" if depth == 0 else "")), child, depth + 1)

    tree = Tree(_label(root, HEADING), guide_style="dim")
    grow(tree, root, 0)
    target.print(tree)
