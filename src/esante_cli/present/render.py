"""Everything esante prints goes through here.

Two output modes, one line breaking (present/layout.py: figures and words stay whole). On a
terminal (not TERM=dumb): Rich draws tables, cards and trees (present/richdraw.py) at the
terminal's width, in colour unless NO_COLOR is set. Otherwise — a pipe, a file, TERM=dumb —
plain text with no colour and no box drawing, and no Rich import (present/plain.py): tables as
tab-separated lines, the rest wrapped at COLUMNS, else the width of the terminal on stderr, else
100 columns, so that `| less` shows no endless lines. NO_COLOR on a terminal: Rich's drawing
without any escape code. `--json` output is plain json.dumps.

Text from data files and from the user is untrusted: it is printed as text (there is no markup
language here) and control characters are removed before anything is written.

ESANTE_FORCE_TERMINAL=1 makes esante draw as on a terminal even when stdout is not one (tests,
screenshots, golden files, `| less -R`); NO_COLOR and TERM=dumb still win. The width then comes
from COLUMNS (80 without it). `paged()` sends a command's output to a pager, only when asked and
stdout is a terminal. These settings are read from the environment by the CLI
(cli/environment.py) and handed here as an `Output` (configure()): nothing here reads os.environ.
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
from esante_cli.present.formats import UNKNOWN, duration, money, percent, place, salary, thousands  # noqa: F401 (re-exported)

def clean(value: Any) -> str:
    """A value as printable text: control and invisible formatting characters removed (textsafe.py)."""
    if value is None:
        return UNKNOWN
    return printable(str(value))


FORCE_TERMINAL_ENV = "ESANTE_FORCE_TERMINAL"


class Output:
    """Where output goes, as the run's environment says (cli/environment.py builds it):
    `columns` (COLUMNS, when a positive whole number), `colour` (no NO_COLOR, TERM not dumb),
    `forced` (ESANTE_FORCE_TERMINAL), `dumb` (TERM=dumb: no redrawn lines), and the pager
    command with the environment it runs in."""

    def __init__(
        self, columns: int | None = None, colour: bool = True, forced: bool = False, dumb: bool = False,
        pager: str = "less", pager_env: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.columns, self.colour, self.forced, self.dumb = columns, colour, forced, dumb
        self.pager, self.pager_env = pager, pager_env


_output = Output()  # until the CLI configures this run


def configure(output: Output) -> None:
    """This run's output settings (the CLI calls it once per command run)."""
    global _output
    _output = output


def settings() -> Output:
    return _output

_names: dict[str, str] = {}  # English command name → the name hints use this run (cli/app.py sets it)
_options: dict[str, dict[str, str]] = {}  # English command name → {English option: French alias}


def speak(names: dict[str, str] | None, options: dict[str, dict[str, str]] | None = None) -> None:
    """Name commands in hints as the user typed them: `names` maps English names to French ones
    (the user typed a French command), None keeps the English names; `options` gives each
    command's French option names, used with the French command names only."""
    global _names, _options
    _names = dict(names or {})
    _options = dict(options or {}) if names else {}


def command(name: str) -> str:
    """« esante show », or « esante fiche » when the user speaks French to esante."""
    return spoken(f"esante {name}")


_COMMAND_IN_TEXT = re.compile(r"(?<![\w-])esante ([a-z]+)(?![\w-])")


def spoken(text: str) -> str:
    """A text naming esante commands (« esante path --career X ») with each command, and the
    options that follow it up to the next command named, as the user speaks to esante: « esante
    parcours --metier X » after a French command. The one place hints name commands."""
    if not _names:
        return text
    parts, end = [], 0
    matches = [m for m in _COMMAND_IN_TEXT.finditer(text) if m.group(1) in _names]
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        name = match.group(1)
        rest = text[match.end():stop]
        for english, french in _options.get(name, {}).items():
            rest = re.sub(rf"(?<![\w-]){re.escape(english)}(?![\w-])", french, rest)
        parts += [text[end:match.start()], f"esante {_names[name]}", rest]
        end = stop
    return "".join(parts) + text[end:]


class _Paging:
    """Output being collected for a pager: the mode and width chosen for the real terminal."""

    def __init__(self, rich: bool, width: int) -> None:
        self.rich, self.width = rich, width


_paging: _Paging | None = None


def _forced() -> bool:
    return _output.forced


def colour_allowed() -> bool:
    """False under NO_COLOR (any non-empty value) or TERM=dumb: no escape code is written."""
    return _output.colour


def rich_enabled(stream: Any = None) -> bool:
    """True when output should be drawn by Rich: a terminal (or ESANTE_FORCE_TERMINAL) that is not
    TERM=dumb. Under NO_COLOR a terminal still gets Rich's tables, without a single escape code
    (no colour, no bold: no-color.org asks for no colour, not for a worse layout)."""
    if _output.dumb:
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
    """COLUMNS when it is a positive whole number (0, empty or junk: ignored by the CLI)."""
    return _output.columns


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
        chosen = 80 if _forced() else (_tty_width(sys.stderr) or _tty_width(sys.stdin) or PIPE_WIDTH)
    return min(max(chosen, MIN_WIDTH), MAX_WIDTH)


def _write(text: str) -> None:
    """Text to stdout, or to the console recording a screenshot (recording())."""
    if _recording:
        from rich.text import Text

        _recording[-1].print(Text(text, end=""), crop=False, overflow="ignore", no_wrap=True, end="")
    else:
        sys.stdout.write(text)


def _emit(lines: list[str]) -> None:
    _write("".join(line + "\n" for line in lines))


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
    rich = not _output.dumb  # stdout is a terminal here
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

    command = _output.pager
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    data = text.encode(encoding, "esante-transliterate")
    env = _output.pager_env  # None: the process's own
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
    _write(clean(line) + "\n" if line else "\n")


def prose(text: str, indent: str = "", lead: str = "", style: str | None = None) -> None:
    """Write a sentence or a paragraph to stdout, wrapped at the output width between words
    (continuation lines start with `indent`; every line, with `lead`, for an indented item).
    `style` (a Rich style: "bold", "bold cyan"…) is painted on a terminal only."""
    if style and rich_enabled():
        from rich.padding import Padding

        from esante_cli.present import richdraw

        target = _console()
        flow = richdraw.Flow(clean(text), style=style, indent=indent)
        richdraw.print_flow(target, Padding(flow, (0, 0, 0, len(lead))) if lead else flow)
        return
    from esante_cli.present.layout import wrap

    _emit([lead + line for line in wrap(clean(text), width() - len(lead), indent=indent)])


def report(text: str, indent: str = "  ") -> None:
    """A line of a report that names files (validate): wrapped between words when drawn for a
    terminal, whole in plain output (a pipe, a log, NO_COLOR), where it is grepped and copied."""
    if rich_enabled():
        prose(text, indent=indent)
    else:
        out(text)


def error(message: str, hint: str | None = None) -> None:
    """A French error on stderr, never styled, never markup: one line per line of the message,
    wrapped between words at width() when a person reads it (stderr or stdin is a terminal, or
    ESANTE_FORCE_TERMINAL is set): a log keeps whole lines."""
    text = f"Erreur : {clean(spoken(message))}" + (f"\n{clean(spoken(hint))}" if hint else "")
    # At the width stdout is drawn at, when a person reads it: stderr is a terminal, or stdin is
    # (`esante compare 2>&1 | head`), or the terminal drawing is forced.
    if _tty_width(sys.stderr) or _tty_width(sys.stdin) or _forced():
        from esante_cli.present.layout import hanging

        text = "\n".join(hanging(text, width()))
    sys.stderr.write(text + "\n")


def note(line: str) -> None:
    """One plain line on stderr beside the results (what a search understood, a hint); stdout
    is flushed first, so that `2>&1` keeps the lines in order."""
    from esante_cli.present.layout import hanging

    sys.stdout.flush()
    sys.stderr.write("".join(part + "\n" for part in hanging(clean(line), width())))


def warn(message: str) -> None:
    """A warning on stderr, wrapped as note() wraps (stdout flushed first)."""
    note(f"Attention : {message}")


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


def emit_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], stream: Any = None, delimiter: str = ",") -> None:
    import csv

    writer = csv.writer(stream or sys.stdout, lineterminator="\n", delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])


# ---------------------------------------------------------------- tables


class Table:
    """A table described as plain strings: drawn by Rich on a terminal, as tab-separated lines elsewhere.

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
        """A row; an unknown cell (None or « non renseigné ») agrees with its column's header, or
        in a transposed table with the row's label (« Durée : non renseignée »)."""
        row = []
        for i, cell in enumerate(cells):
            if i and (cell is None or cell == UNKNOWN):
                label = cells[0] if self.transposed else (self.columns[i] if i < len(self.columns) else "")
                row.append(unknown_for(str(label)))
            else:
                row.append(clean(cell))
        self.rows.append(row)


_recording: list[Any] = []  # a console that records what is drawn (recording(), for screenshots)


def _console() -> Any:
    """A Rich console for stdout as it is now (a pager's buffer, a test's), at width()."""
    from esante_cli.present import richdraw

    if _recording:
        return _recording[-1]
    return richdraw.console(width(), colour=colour_allowed())


@contextmanager
def recording(columns: int) -> Iterator[Any]:
    """Everything esante prints inside is drawn as on a colour terminal of `columns` and kept by
    the console yielded (scripts/screenshots.py saves it with Console.save_svg)."""
    import io

    from rich.console import Console

    target = Console(
        file=io.StringIO(), width=columns, force_terminal=True, color_system="truecolor", record=True,
        highlight=False, markup=False, emoji=False, legacy_windows=False,
    )  # fmt: skip
    global _paging
    saved, _paging = _paging, _Paging(rich=True, width=columns)
    _recording.append(target)
    try:
        yield target
    finally:
        _recording.pop()
        _paging = saved


def fits(table: Table) -> bool:
    """Whether the table is drawn as a table here (not as blocks): always in plain output."""
    if not rich_enabled():
        return True
    from esante_cli.present import richdraw

    return richdraw.table_widths(table, width() - 3 * len(table.columns) - 1) is not None


def print_table(table: Table) -> None:
    if rich_enabled():
        from esante_cli.present import richdraw

        richdraw.draw_table(_console(), table)
        return
    from esante_cli.present import plain

    if table.title:
        note(table.title)
    _emit(plain.table_lines(table))
    if table.caption:
        note(table.caption)


# ---------------------------------------------------------------- cards (one record)


# « non renseigné » agrees with the noun it stands for (UNKNOWN, masculine singular, otherwise).
_FEMININE = {
    "Année", "Catégorie", "Durée", "Formation continue", "Nature", "Note", "Valeur", "Ville", "Évolution à 5 ans",
    "Évolution", "Projection 5 ans", "Source", "Précision", "Durée totale", "Date", "Licence", "Adresse",
}
_FEMININE_PLURAL = {
    "Autres appellations", "Compétences", "Formations conseillées", "Formations recommandées", "Missions", "Modalités",
    "Évolutions possibles",
}
_PLURAL = {
    "Centres d'intérêt", "Codes", "Employeurs", "Labels", "Métiers du secteur", "Métiers proches",
    "Métiers qui la demandent", "Postes", "Secteurs", "Statuts", "Sources",
}


def unknown_for(label: str) -> str:
    """« non renseigné », agreed with a card's label (or a table's column)."""
    label = label[:1].upper() + label[1:]
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
        if value == UNKNOWN:  # « non renseigné » given as text: shown agreed with the label
            value, unknown = None, True
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
    if rich_enabled():
        from esante_cli.present import richdraw

        richdraw.draw_card(_console(), card)
        return
    from esante_cli.present import plain

    _emit(plain.card_lines(card, width()))


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
    if rich_enabled():
        from esante_cli.present import richdraw

        richdraw.draw_tree(_console(), root)
        return
    from esante_cli.present import plain

    _emit(plain.tree_lines(root, width()))


def shell_quote(word: str) -> str:
    """A word quoted for a shell, readably: « "j'aime la santé" » in double quotes when it holds
    an apostrophe and nothing a shell expands inside them ($ ` \\ " !), else shlex's quoting."""
    import re
    import shlex

    if re.fullmatch(r"[\w@%+=:,./-]+", word):  # shlex quotes « santé » (its safe set is ASCII): a shell needs no quotes
        return word
    quoted = shlex.quote(word)
    if quoted != word and "'" in word and not any(c in word for c in '$`\\"!'):
        return f'"{word}"'
    return quoted
