"""Everything esante prints goes through here.

Two output modes. On a terminal (and without NO_COLOR / TERM=dumb), Rich draws tables and cards.
Otherwise — a pipe, a file, NO_COLOR, TERM=dumb — plain aligned text with no colour and no
box drawing, produced without importing Rich at all (Rich's import is a large share of the
start-up budget, and pipes do not need it). `--json` output never goes through Rich either.

Text from data files and from the user is untrusted: Rich receives it only as `Text(...)`,
never as markup, and control characters are removed before anything is written.

ESANTE_FORCE_TERMINAL=1 makes esante draw as on a terminal even when stdout is not one (tests,
screenshots, `| less -R`); NO_COLOR and TERM=dumb still win. Rich's width then comes from
COLUMNS (80 without it). `paged()` sends a command's output to a pager, only when asked and
stdout is a terminal.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from contextlib import contextmanager, redirect_stdout
from typing import Any, Iterable, Iterator, Sequence

from esante_cli.present.formats import UNKNOWN, duration, money, percent, salary, thousands  # noqa: F401 (re-exported)

# C0/C1 controls except newline and tab, bidi overrides and zero-width characters.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def clean(value: Any) -> str:
    """A value as printable text: control and invisible formatting characters removed."""
    if value is None:
        return UNKNOWN
    return _CONTROL_RE.sub("", str(value))


FORCE_TERMINAL_ENV = "ESANTE_FORCE_TERMINAL"


class _Paging:
    """Output being collected for a pager: the mode and width chosen for the real terminal."""

    def __init__(self, rich: bool, width: int) -> None:
        self.rich, self.width = rich, width


_paging: _Paging | None = None


def _forced() -> bool:
    return os.environ.get(FORCE_TERMINAL_ENV, "") not in ("", "0")


def colour_allowed() -> bool:
    """False under NO_COLOR (any non-empty value) or TERM=dumb: then plain text, always."""
    return not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def rich_enabled(stream: Any = None) -> bool:
    """True when output should be drawn by Rich: a terminal (or ESANTE_FORCE_TERMINAL), colour allowed."""
    if not colour_allowed():
        return False
    if _paging is not None:
        return _paging.rich
    if _forced():
        return True
    stream = stream or sys.stdout
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def console() -> Any:
    """A Rich console on the current stdout (imported lazily).

    Made afresh for each print: it is cheap, and it follows the current stdout, COLUMNS and
    mode (a cached console would keep the width and stream of the first call).
    """
    from rich.console import Console

    forced = _paging is not None or _forced()
    return Console(
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        force_terminal=True if forced else None,
        width=_paging.width if _paging is not None else columns(),
    )


MIN_WIDTH, MAX_WIDTH = 20, 500  # narrower is unreadable (COLUMNS=1), wider is a typo


def columns() -> int | None:
    """The drawing width from COLUMNS, made sane; None without COLUMNS (Rich asks the terminal).

    Rich takes COLUMNS=0 at its word and draws nothing; a negative or non-numeric value it
    ignores. Here any unusable value means the terminal's own width (80 if it has none), and
    a usable one is kept within MIN_WIDTH..MAX_WIDTH, so that any value gives output.
    """
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        value = 0
    if value <= 0:
        try:
            value = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, OSError, ValueError):
            value = 0
        value = value if value > 0 else 80
    return max(MIN_WIDTH, min(value, MAX_WIDTH))


def is_terminal() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def paged(requested: bool) -> Iterator[None]:
    """Everything printed inside goes through a pager — only if requested and stdout is a terminal.

    Elsewhere (a pipe, a file, a test) it changes nothing. The output is drawn for the terminal
    (Rich, its width) and then handed to $PAGER, or `less` with LESS=FRX when LESS is unset
    (as git does: colours kept, no pager for output that fits on one screen).
    """
    global _paging
    if not requested or not is_terminal():
        yield
        return
    rich = rich_enabled()
    _paging = _Paging(rich=rich, width=console().width if rich else 0)
    buffer = io.StringIO()
    try:
        with redirect_stdout(buffer):
            yield
    except BaseException:
        sys.stdout.write(buffer.getvalue())
        raise
    finally:
        _paging = None
    page(buffer.getvalue())


def page(text: str) -> None:
    """Show text in the user's pager (pydoc picks $MANPAGER, $PAGER, less or more)."""
    import pydoc

    saved = os.environ.get("LESS")
    if saved is None:
        os.environ["LESS"] = "FRX"
    try:
        pydoc.pager(text)
    finally:
        if saved is None:
            os.environ.pop("LESS", None)


def out(line: str = "") -> None:
    """Write one plain line to stdout."""
    sys.stdout.write(clean(line) + "\n") if line else sys.stdout.write("\n")


def error(message: str, hint: str | None = None) -> None:
    """One French error line on stderr, never styled, never markup."""
    sys.stderr.write(f"Erreur : {clean(message)}\n")
    if hint:
        sys.stderr.write(f"{clean(hint)}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"Attention : {clean(message)}\n")


def emit_json(data: Any) -> None:
    """JSON to stdout: UTF-8 text, not escaped, no Rich (escaped \\u…, hence exact, when the
    output encoding is not UTF: PYTHONIOENCODING=ascii, a cp1252 console)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("_", "-")
    sys.stdout.write(json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2) + "\n")


def emit_yaml(data: Any) -> None:
    """YAML to stdout (UTF-8 text, keys in the given order), with libyaml's safe dumper if present."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(data, sys.stdout, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)  # one line per value: diff-friendly


def emit_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    import csv

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


# ---------------------------------------------------------------- tables


class Table:
    """A table described as plain strings; drawn by Rich on a terminal, as text elsewhere.

    (Plain classes here, not dataclasses: generating their methods cost every start-up ~3 ms.)
    """

    def __init__(
        self,
        columns: list[str],
        rows: list[list[str]] | None = None,
        title: str | None = None,
        caption: str | None = None,
        numeric: set[int] | None = None,
        nowrap: set[int] | None = None,
        blocks: int | None = None,
    ) -> None:
        self.columns = columns
        self.rows: list[list[str]] = [] if rows is None else rows
        self.title = title
        self.caption = caption
        self.numeric: set[int] = set() if numeric is None else numeric  # right-aligned column indexes
        self.nowrap: set[int] = set() if nowrap is None else nowrap  # columns Rich must not fold (ids people copy)
        # On a terminal too narrow for the whole table, show each row as a block of « column  value »
        # lines headed by this column's value (like psql's expanded display) instead of squeezing
        # every column into a few letters. None: always a table.
        self.blocks = blocks

    def add(self, *cells: Any) -> None:
        self.rows.append([clean(c) for c in cells])


def print_table(table: Table) -> None:
    if rich_enabled():
        _rich_table(table)
    else:
        _plain_table(table)


def _rich_table(table: Table) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    def cell(value: str) -> Text:
        return Text(value, style="dim" if value == UNKNOWN else "")

    rt = RichTable(
        title=Text(clean(table.title), style="bold") if table.title else None,
        caption=Text(clean(table.caption)) if table.caption else None,
        header_style="bold cyan",
        caption_justify="left",
    )
    for i, name in enumerate(table.columns):
        rt.add_column(
            Text(name), justify="right" if i in table.numeric else "left", overflow="fold", no_wrap=i in table.nowrap
        )
    for row in table.rows:
        rt.add_row(*(cell(c) for c in row))
    term = console()
    if _natural_width(term, rt) <= term.width:
        term.print(rt)
    elif table.blocks is None:
        rt.show_lines = True  # cells will wrap onto several lines: a rule keeps rows apart
        term.print(rt)
    else:
        _rich_blocks(term, table, cell)


def _natural_width(term: Any, renderable: Any) -> int:
    """The width a renderable would take with no limit (Console.measure caps it at the console's)."""
    from rich.measure import Measurement

    return Measurement.get(term, term.options.update_width(1_000_000), renderable).maximum


def _rich_blocks(term: Any, table: Table, cell: Any) -> None:
    """Each row as a block: a rule headed by one column's value, then « column  value » lines."""
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    assert table.blocks is not None
    if table.title:
        term.print(Text(clean(table.title), style="bold"))
    for row in table.rows:
        term.print(Rule(Text(row[table.blocks], style="bold"), align="left", style="cyan"))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold cyan", no_wrap=True)
        grid.add_column(overflow="fold")
        for i, name in enumerate(table.columns):
            if i != table.blocks:
                grid.add_row(Text(name), cell(row[i]))
        term.print(grid)
    if table.caption:
        term.print(Text(clean(table.caption)))


def _plain_table(table: Table) -> None:
    if table.title:
        out(table.title)
    cells = [table.columns] + table.rows
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    for n, row in enumerate(cells):
        parts = [
            (cell.rjust(widths[i]) if i in table.numeric and n else cell.ljust(widths[i]))
            for i, cell in enumerate(row)
        ]
        out("  ".join(parts).rstrip())
        if n == 0:
            out("  ".join("-" * w for w in widths))
    if table.caption:
        out(table.caption)


# ---------------------------------------------------------------- cards (one record)


class Card:
    """A record shown whole: a title, then labelled sections of text or lists."""

    def __init__(self, title: str, subtitle: str | None = None, sections: list[tuple[str, list[str]]] | None = None) -> None:
        self.title = title
        self.subtitle = subtitle
        self.sections: list[tuple[str, list[str]]] = [] if sections is None else sections

    def add(self, label: str, value: Any) -> None:
        """A labelled value; lists become bullet lines; None/empty shows as unknown."""
        if value is None or value == [] or value == ():
            items = [UNKNOWN]
        elif isinstance(value, (list, tuple)):
            items = [clean(v) for v in value]
        else:
            items = [clean(value)]
        self.sections.append((label, items))


def print_card(card: Card) -> None:
    if rich_enabled():
        from rich.panel import Panel
        from rich.text import Text

        body = Text()
        for label, items in card.sections:
            body.append(f"{label} : ", style="bold cyan")
            if len(items) == 1:
                body.append(items[0], style="dim" if items[0] == UNKNOWN else "")
                body.append("\n")
            else:
                body.append("\n")
                for item in items:
                    body.append(f"  • {item}\n")
        body.rstrip()
        console().print(
            Panel(body, title=Text(clean(card.title), style="bold"), subtitle=Text(clean(card.subtitle)) if card.subtitle else None, title_align="left")
        )
        return
    out(card.title)
    if card.subtitle:
        out(card.subtitle)
    out("=" * max(len(clean(card.title)), 10))
    for label, items in card.sections:
        if len(items) == 1:
            out(f"{label} : {items[0]}")
        else:
            out(f"{label} :")
            for item in items:
                out(f"  - {item}")


# ---------------------------------------------------------------- trees


class TreeNode:
    """A tree described as plain strings: Rich guides on a terminal, indented text elsewhere."""

    def __init__(self, label: str, detail: str | None = None, children: list["TreeNode"] | None = None, dim: bool = False) -> None:
        self.label = label
        self.detail = detail  # shown after the label, dimmed on a terminal
        self.children: list[TreeNode] = [] if children is None else children
        self.dim = dim  # a note rather than a record (e.g. « non renseigné »)

    def add(self, label: Any, detail: Any = None, dim: bool = False) -> "TreeNode":
        node = TreeNode(clean(label), None if detail is None else clean(detail), dim=dim)
        self.children.append(node)
        return node


def print_tree(root: TreeNode) -> None:
    if rich_enabled():
        from rich.text import Text
        from rich.tree import Tree

        def text(node: TreeNode, style: str = "") -> Any:
            value = Text(clean(node.label), style="dim" if node.dim else style)
            if node.detail:
                value.append(f" · {node.detail}", style="dim")
            return value

        def grow(branch: Any, node: TreeNode, depth: int) -> None:
            for child in node.children:
                grow(branch.add(text(child, "bold" if depth == 0 else "")), child, depth + 1)

        tree = Tree(text(root, "bold cyan"), guide_style="dim")
        grow(tree, root, 0)
        console().print(tree)
        return

    def walk(node: TreeNode, depth: int) -> None:
        detail = f" · {node.detail}" if node.detail else ""
        out(f"{'  ' * depth}{node.label}{detail}")
        for child in node.children:
            walk(child, depth + 1)

    walk(root, 0)
