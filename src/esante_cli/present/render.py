"""Everything esante prints goes through here.

Two output modes, one layout (present/layout.py breaks lines, present/draw.py draws). On a
terminal (and without NO_COLOR / TERM=dumb): box drawing and ANSI styles at the terminal's
width. Otherwise — a pipe, a file, NO_COLOR, TERM=dumb — plain aligned text with no colour and
no box drawing, wrapped at COLUMNS, else the width of the terminal on stderr, else 100 columns,
so that `| less` shows no endless lines. Neither mode imports Rich: our drawing keeps figures and
words whole (Rich breaks lines at no-break spaces) and saves its import on every run.
`--json` output is plain json.dumps.

Text from data files and from the user is untrusted: it is printed as text (there is no markup
language here) and control characters are removed before anything is written.

ESANTE_FORCE_TERMINAL=1 makes esante draw as on a terminal even when stdout is not one (tests,
screenshots, golden files, `| less -R`); NO_COLOR and TERM=dumb still win. The width then comes
from COLUMNS (80 without it). `paged()` sends a command's output to a pager, only when asked and
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

from esante_cli.textsafe import printable
from esante_cli.present.formats import UNKNOWN, duration, money, percent, salary, thousands  # noqa: F401 (re-exported)

def clean(value: Any) -> str:
    """A value as printable text: control and invisible formatting characters removed (textsafe.py)."""
    if value is None:
        return UNKNOWN
    return printable(str(value))


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


MIN_WIDTH = 20
MAX_WIDTH = 500  # COLUMNS=99999 is a typo: lines that long help nobody
PIPE_WIDTH = 100


def _columns_setting() -> int | None:
    """COLUMNS when it is a positive whole number (0, empty or junk: ignored)."""
    value = os.environ.get("COLUMNS", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _tty_width(stream: Any) -> int | None:
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, OSError, ValueError):
        return None


def width() -> int:
    """Columns to draw in: the pager's terminal, COLUMNS, the terminal's own width, else a default.

    On a terminal (or forced) the default is 80; in a pipe, the terminal on stderr (where the
    pipe usually ends up) or 100 columns.
    """
    if _paging is not None and _paging.width:
        return _paging.width
    chosen = _columns_setting() or _tty_width(sys.stdout)
    if chosen is None:
        chosen = 80 if _forced() else (_tty_width(sys.stderr) or PIPE_WIDTH)
    return min(max(chosen, MIN_WIDTH), MAX_WIDTH)


def _emit(lines: list[str]) -> None:
    sys.stdout.write("".join(line + "\n" for line in lines))


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
    _paging = _Paging(rich=rich, width=width())
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
    """Show text in the user's pager ($MANPAGER, $PAGER, else less). A pager that cannot start or
    fails (pydoc would then show nothing) is said in French on stderr, and the text is written
    to stdout as it is: the answer is never lost."""
    import subprocess

    import esante_cli.streams  # noqa: F401 - registers the transliterating error handler

    command = (os.environ.get("MANPAGER") or os.environ.get("PAGER") or "less").strip()
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    data = text.encode(encoding, "esante-transliterate")
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)  # noqa: S602 - the user's own $PAGER, as pydoc and git run it
    except OSError as exc:
        code: int | str = str(exc.strerror or exc)
    else:
        try:
            assert pager.stdin is not None
            pager.stdin.write(data)
            pager.stdin.close()
        except OSError:  # the pager left before reading everything (the user quit): fine
            pass
        while True:
            try:
                code = pager.wait()
                break
            except KeyboardInterrupt:  # Ctrl-C is the pager's to handle (less ignores it)
                continue
        if code == 0 or code == -13:  # SIGPIPE: it was quit while we wrote
            return
    warn(f"le pager « {command} » a échoué ({'code ' + str(code) if isinstance(code, int) else code}) : la sortie suit sans pager")
    sys.stdout.write(text)


def out(line: str = "") -> None:
    """Write one line to stdout as it is (messages naming file:line stay greppable)."""
    sys.stdout.write(clean(line) + "\n") if line else sys.stdout.write("\n")


def prose(text: str, indent: str = "", lead: str = "") -> None:
    """Write a sentence or a paragraph to stdout, wrapped at the output width between words
    (continuation lines start with `indent`; every line, with `lead`, for an indented item)."""
    from esante_cli.present.layout import wrap

    _emit([lead + line for line in wrap(clean(text), width() - len(lead), indent=indent)])


def error(message: str, hint: str | None = None) -> None:
    """A French error on stderr, never styled, never markup: one line per line of the message,
    wrapped between words only when stderr is a terminal (a log or a pipe keeps whole lines)."""
    text = f"Erreur : {clean(message)}" + (f"\n{clean(hint)}" if hint else "")
    columns = _tty_width(sys.stderr)
    if columns:
        from esante_cli.present.layout import wrap

        text = "\n".join(wrap(text, min(max(columns, MIN_WIDTH), MAX_WIDTH), indent="  "))
    sys.stderr.write(text + "\n")


def note(line: str) -> None:
    """One plain line on stderr beside the results (what a search understood, a hint); stdout
    is flushed first, so that `2>&1` keeps the lines in order."""
    from esante_cli.present.layout import wrap

    sys.stdout.flush()
    sys.stderr.write("".join(part + "\n" for part in wrap(clean(line), width(), indent="  ")))


def warn(message: str) -> None:
    sys.stderr.write(f"Attention : {clean(message)}\n")


def emit_json(data: Any, stream: Any = None) -> None:
    """JSON to stdout (or `stream`): UTF-8 text, not escaped, no Rich (escaped \\u…, hence exact,
    when the output encoding is not UTF: PYTHONIOENCODING=ascii, a cp1252 console)."""
    stream = stream or sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    stream.write(json.dumps(data, ensure_ascii=not encoding.startswith("utf"), indent=2) + "\n")


def emit_yaml(data: Any, stream: Any = None) -> None:
    """YAML to stdout or `stream` (UTF-8 text, keys in the given order), with libyaml's safe
    dumper if present."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    yaml.dump(data, stream or sys.stdout, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1_000_000)  # one line per value: diff-friendly


def emit_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], stream: Any = None) -> None:
    import csv

    writer = csv.writer(stream or sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


# ---------------------------------------------------------------- tables


class Table:
    """A table described as plain strings; drawn boxed on a terminal, as aligned text elsewhere.

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
        blocks: int | None = 0,
        wide: int | None = None,
        subdued: set[int] | None = None,
        transposed: bool = False,
    ) -> None:
        self.columns = columns
        self.rows: list[list[str]] = [] if rows is None else rows
        self.title = title
        self.caption = caption
        self.numeric: set[int] = set() if numeric is None else numeric  # right-aligned column indexes
        self.nowrap: set[int] = set() if nowrap is None else nowrap  # columns never wrapped (ids people copy)
        # When the table cannot be read at the width (a column narrower than its longest word, or
        # than a few letters), each row becomes a block of « column  value » lines headed by this
        # column's value (like psql's expanded display). None: always a table, words cut if need be.
        self.blocks = blocks
        self.wide = blocks if wide is None else wide  # the column that gets the spare room first (the name)
        self.subdued: set[int] = set() if subdued is None else subdued  # second lines shown dim (an id under a name)
        self.transposed = transposed  # records are columns (compare): blocks are made per column

    def add(self, *cells: Any) -> None:
        self.rows.append([clean(c) for c in cells])


def print_table(table: Table) -> None:
    from esante_cli.present import draw

    boxed = rich_enabled()
    _emit(draw.table_lines(table, width(), boxed=boxed, colour=boxed))


# ---------------------------------------------------------------- cards (one record)


# « non renseigné » agrees with the noun it stands for (UNKNOWN, masculine singular, otherwise).
_FEMININE = {"Année", "Catégorie", "Durée", "Formation continue", "Nature", "Note", "Valeur", "Ville", "Évolution à 5 ans"}
_FEMININE_PLURAL = {"Autres appellations", "Compétences", "Formations conseillées", "Missions", "Modalités", "Évolutions possibles"}
_PLURAL = {
    "Centres d'intérêt", "Codes", "Employeurs", "Labels", "Métiers du secteur", "Métiers proches",
    "Métiers qui la demandent", "Postes", "Secteurs", "Statuts", "Sources",
}


def unknown_for(label: str) -> str:
    """« non renseigné », agreed with a card's label."""
    if label in _FEMININE:
        return UNKNOWN + "e"
    if label in _FEMININE_PLURAL:
        return UNKNOWN + "es"
    if label in _PLURAL:
        return UNKNOWN + "s"
    return UNKNOWN


class Card:
    """A record shown whole: a title, then labelled sections of text or lists."""

    def __init__(self, title: str, subtitle: str | None = None, sections: list[tuple[str, list[str]]] | None = None) -> None:
        self.title = clean(title)
        self.subtitle = None if subtitle is None else clean(subtitle)
        self.sections: list[tuple[str, list[str]]] = [] if sections is None else sections

    def add(self, label: str, value: Any, unknown: bool = False) -> None:
        """A labelled value; lists become bullet lines. An empty value is left out, unless
        `unknown` (what a person decides on: salary, level, where to study), where it shows as
        unknown, agreed with the label (« Ville : non renseignée », « Missions : non renseignées »)."""
        if value is None or value == [] or value == ():
            if not unknown:
                return
            items = [unknown_for(label)]
        elif isinstance(value, (list, tuple)):
            items = [clean(v) for v in value]
        else:
            items = [clean(value)]
        self.sections.append((clean(label), items))


def print_card(card: Card) -> None:
    from esante_cli.present import draw

    boxed = rich_enabled()
    _emit(draw.card_lines(card, width(), boxed=boxed, colour=boxed))


# ---------------------------------------------------------------- trees


class TreeNode:
    """A tree described as plain strings: guides on a terminal, indented text elsewhere."""

    def __init__(self, label: str, detail: str | None = None, children: list["TreeNode"] | None = None, dim: bool = False) -> None:
        self.label = clean(label)
        self.detail = None if detail is None else clean(detail)  # shown after the label, dimmed on a terminal
        self.children: list[TreeNode] = [] if children is None else children
        self.dim = dim  # a note rather than a record (e.g. « non renseigné »)

    def add(self, label: Any, detail: Any = None, dim: bool = False) -> "TreeNode":
        node = TreeNode(clean(label), None if detail is None else clean(detail), dim=dim)
        self.children.append(node)
        return node


def print_tree(root: TreeNode) -> None:
    from esante_cli.present import draw

    boxed = rich_enabled()
    _emit(draw.tree_lines(root, width(), boxed=boxed, colour=boxed))
