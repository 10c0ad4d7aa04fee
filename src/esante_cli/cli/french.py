"""French for the parts of the interface that Click and Typer write themselves.

Written in French where Click lets a subclass say it, through the methods Click documents for
overriding (Typer's TyperGroup and TyperCommand are those classes):
- help pages: the usage line's prefix (`format_usage`), the section headings
  (`format_options`, `format_commands`), the built-in options' help texts, the arguments'
  metavars; the group's « COMMANDE [ARGUMENTS]… » is Typer's `subcommand_metavar` (cli/app.py);
- usage errors esante can see coming are raised in French where they happen: an unknown
  command (`resolve_command`), words left over (`parse_args`), an option without its value or
  a flag given one (the parser's `BadOptionUsage`, read by its option name). Every usage error
  is caught in the group's `main` and printed as one French line on stderr, exit code 2.
Two things are still read from Click's English text, because they exist nowhere else: the
bracket Typer adds to a parameter's help (« [default: 10; required] », translated part by part
before the text is wrapped) and a value's conversion error (« 'x' is not a valid integer. »,
whose value is only in the message).

Why no gettext catalogue: Typer 0.28 and 0.29 vendor Click as `typer._click` with gettext taken
out (its messages are f-strings); only ten strings of typer/core.py (« default: {default} »,
« required », « Options »…) still go through `gettext.gettext`, i.e. the process-wide default
domain, in the language of LANGUAGE/LC_ALL/LANG. A catalogue would need the default domain
bound to esante's folder and LANGUAGE forced to French in os.environ: argparse, optparse and
any other library would then look their messages up in esante's catalogue, and every child
process (the pager) would inherit the variable — all that for ten strings.

Private Typer modules still used, having no public equivalent in Typer 0.28/0.29: `typer._click`
for Click's exception classes (Typer exports only BadParameter, Abort and Exit), and
`typer._completion_shared` for --install-completion in French (Typer's callback prints English).
"""

from __future__ import annotations

import re
import sys
from typing import Any

import typer
from typer import _click as click  # Click's exception classes: Typer exports no public path to them
from typer.core import TyperCommand, TyperGroup

from esante_cli.textsafe import printable

_BUILTIN_HELP = {
    "help": "Affiche cette aide et quitte.",
    "aide": "Affiche cette aide et quitte.",
    "install_completion": "Installe la complétion des commandes pour le shell courant.",
    "show_completion": "Affiche le script de complétion du shell courant (à copier ou adapter).",
}
# Click writes a section heading followed by a colon: « Options » + « : » with the French space.
_SECTIONS = (("argument", "Arguments "), ("option", "Options "))
# The parts of the bracket ending a parameter's help: `[default: 10; required]`. Translated
# in the help record, before write_dl wraps it (after, « [default:\n 10] » escapes a replace);
# no-break spaces keep « défaut : 10 » on one line through the wrapping, then become spaces.
_NBSP = "\u00a0"
_EXTRA_PARTS = [
    ("default: ", f"défaut{_NBSP}:{_NBSP}"),
    ("env var: ", f"variable{_NBSP}:{_NBSP}"),
    ("required", "obligatoire"),
]
_EXTRA = re.compile(r"\[([^\[\]]*)\]\Z")
_VALUE_MESSAGES = [
    (re.compile(r"'(.*)' is not a valid int(?:eger)?( range)?\.?"), "« {0} » n'est pas un nombre entier"),
    (re.compile(r"'(.*)' is not a valid float( range)?\.?"), "« {0} » n'est pas un nombre"),
    (re.compile(r"(?:Value error, )?'(.*)' is not one of (.*?)\.?"), "« {0} » n'est pas une valeur possible ({1})"),
    (re.compile(r"'(.*)' is not a valid boolean\.?"), "« {0} » n'est pas un booléen"),
    (re.compile(r"(.*) is not in the range (.*)\.?"), "{0} est hors de l'intervalle {1}"),
    (re.compile(r"Directory '(.*)' does not exist\.?"), "le dossier « {0} » n'existe pas"),
    (re.compile(r"File '(.*)' does not exist\.?"), "le fichier « {0} » n'existe pas"),
]


# A command that takes no words: what the words a user typed after it probably meant.
EXTRA_ARGUMENT_HINTS = {"path": "--ville"}


# The words of this run's command line (set by FrenchGroup.main): how the user named an option.
_typed: list[str] = []


def typed_words() -> list[str]:
    """This run's command line as typed (after the program name)."""
    return list(_typed)


def typed_option(param: Any) -> str | None:
    """The name under which the user gave this option on the command line (its last use), else None."""
    opts = [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]
    found = None
    for word in _typed:
        if word == "--":
            break
        for opt in opts:
            if opt.startswith("--"):
                if word == opt or word.startswith(opt + "="):
                    found = opt
            elif word.startswith(opt) and not word.startswith("--"):  # -n, -n5
                found = opt
    return found


_OPTION_IN_TEXT = r"(?<![\w-]){}(?![\w-])"


def options_as_typed(message: str, command: Any) -> str:
    """A message naming the command's options by the names the user typed: `--annees-max 0` is
    answered « --annees-max doit être positif », not by the English name the code knows."""
    for param in getattr(command, "params", ()):
        typed = typed_option(param) if getattr(param, "param_type_name", "") == "option" else None
        if typed is None:
            continue
        for opt in getattr(param, "opts", ()):
            if opt != typed and opt.startswith("--") and opt in message:
                message = re.sub(_OPTION_IN_TEXT.format(re.escape(opt)), typed, message)
    return message


def _param_name(param: Any) -> str:
    """How the user wrote the parameter: as typed, else `--limit / -n` for an option, its metavar
    for an argument."""
    opts = getattr(param, "opts", None) if getattr(param, "param_type_name", "") == "option" else None
    typed = typed_option(param) if opts else None
    if typed:
        return typed
    if opts:  # the English name and the short one: `--limit / -n` (French aliases are in the help)
        return " / ".join([opts[0], *(o for o in opts[1:] if not o.startswith("--"))])
    return getattr(param, "metavar", None) or getattr(param, "name", None) or "?"


def _translate_value(message: str) -> str:
    for pattern, french in _VALUE_MESSAGES:
        match = pattern.fullmatch(message.strip())
        if match:
            return french.format(*match.groups())
    return message


class FrenchUsageError(click.exceptions.UsageError):
    """A usage error esante raised in French where Click would have raised it in English."""


def unknown_command(name: str, known: list[str]) -> str:
    """« commande inconnue « serch » (vouliez-vous dire « search » ?) », the nearest names first."""
    import difflib

    text = f"commande inconnue « {name} »"
    matches = difflib.get_close_matches(name, known)
    if matches:
        names = [f"« {match} »" for match in matches]
        text += f" (vouliez-vous dire {' ou '.join([', '.join(names[:-1]), names[-1]] if len(names) > 1 else names)} ?)"
    return text


def extra_arguments(command: str | None, extra: list[str], invoked: str | None = None) -> str:
    """Words a command does not take: « argument en trop : lille (vouliez-vous dire --ville lille ?) »;
    a folder after validate: the options that check one (in the language the command was typed in)."""
    words = " ".join(extra)
    text = f"argument{'s' if len(extra) > 1 else ''} en trop : {words}"
    if command == "validate" and len(extra) == 1:
        return text + _folder_hint(extra[0], invoked or command)
    option = EXTRA_ARGUMENT_HINTS.get(command or "")
    if option:
        text += f" (vouliez-vous dire {option} {words} ?)"
    return text


def _folder_hint(word: str, invoked: str) -> str:
    """« ; pour vérifier le dossier bad : esante valider --donnees bad (ou --avec bad …) » when `word`
    is a folder (or a data file in one); nothing otherwise. validate checks a data folder
    (--data-dir, in place of the shipped data) or the shipped data plus one (--with)."""
    import os

    from esante_cli.textsafe import printable

    folder = word
    if os.path.isfile(word) and word.lower().endswith((".yaml", ".yml")):
        folder = os.path.dirname(word) or "."
    elif not os.path.isdir(word):
        return ""
    french = invoked != "validate"
    data_dir, extra_dir = ("--donnees", "--avec") if french else ("--data-dir", "--with")
    shown = printable(folder)
    return (
        f" ; pour vérifier le dossier {shown} : esante {printable(invoked)} {data_dir} {shown} "
        f"(ou {extra_dir} {shown} s'il s'ajoute aux données fournies)"
    )


def option_usage(command: Any, option: str) -> str:
    """The parser's complaint about an option's value: a flag given one, or an option given none."""
    for param in getattr(command, "params", ()):
        if option in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())) and getattr(param, "is_flag", False):
            return f"l'option {option} n'attend pas de valeur"
    return f"l'option {option} attend une valeur"


def usage_message(error: click.ClickException) -> str:
    """A French, one-line description of a Click usage error."""
    exc = click.exceptions
    if isinstance(error, FrenchUsageError):
        return error.message
    if isinstance(error, exc.NoSuchOption):
        text = f"option inconnue : {error.option_name}"
        if error.possibilities:
            text += f" (vouliez-vous dire {', '.join(sorted(error.possibilities))} ?)"
        return text
    if isinstance(error, exc.MissingParameter):
        name = _param_name(error.param) if error.param else "?"
        what = "option" if getattr(error.param, "param_type_name", "") == "option" else "argument"
        return f"option manquante : {name}" if what == "option" else f"argument manquant : {name}"
    if isinstance(error, exc.BadParameter):
        typed = typed_option(error.param) if error.param is not None else None
        name = typed or error.param_hint or (_param_name(error.param) if error.param else "")
        if isinstance(name, (list, tuple)):
            name = " / ".join(name)
        name = str(name).strip("'\"")
        return f"valeur invalide pour {name} : {_translate_value(error.message)}"
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    if message == "Missing command.":  # Typer's group, options but no command: `esante --debug`
        return "commande manquante"
    return message


def _translate_extra(help_text: str) -> str:
    """`Nombre maximal.  [default: 10]` → `Nombre maximal.  [défaut : 10]` (and `required`, `env var`)."""

    def french(match: re.Match[str]) -> str:
        parts = []
        for part in match.group(1).split("; "):
            for english, translation in _EXTRA_PARTS:
                if part.startswith(english):
                    part = translation + part[len(english) :]
                    break
            parts.append(part)
        return f"[{'; '.join(parts)}]"

    return _EXTRA.sub(french, help_text)


def _french_help_record(param: Any) -> None:
    """Have the parameter's help record say its bracket in French (once per parameter object)."""
    if getattr(param, "_esante_french_record", False):
        return
    english = param.get_help_record

    def get_help_record(ctx: click.Context) -> Any:
        record = english(ctx)
        return None if record is None else (record[0], _translate_extra(record[1]))

    param.get_help_record = get_help_record
    param._esante_french_record = True


_BEFORE_PUNCTUATION = re.compile(r" (?=[;:!?»])")


def _glue(text: str | None) -> str | None:
    """French punctuation held to its word with a no-break space before Click wraps the text, so
    that no help line starts with « ; », « : », « ! », « ? » or « » » (spaces again after)."""
    if not text:
        return text
    return _BEFORE_PUNCTUATION.sub(_NBSP, text).replace("« ", "«" + _NBSP)


def _translate_params(params: list[click.Parameter]) -> list[click.Parameter]:
    for param in params:
        if getattr(param, "help", None) and not getattr(param, "_esante_glued", False):
            param.help = _glue(param.help)
            param._esante_glued = True  # type: ignore[attr-defined]
        _french_help_record(param)
        french = _BUILTIN_HELP.get(param.name or "")
        if french and param.param_type_name == "option":
            param.help = french
        if param.param_type_name == "argument" and param.metavar:
            _plain_metavar(param)
        if param.name == "install_completion":
            param.callback = _install_completion
    return params


_SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _install_completion(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Typer's --install-completion, reporting in French."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import _get_shell_name, install

    shell = value if isinstance(value, str) else _get_shell_name()
    if shell not in _SHELLS:
        sys.stderr.write(
            f"Erreur : shell {'non détecté' if not shell else 'non pris en charge : ' + shell} "
            "(bash, zsh, fish ou PowerShell) ; voir esante --show-completion\n"
        )
        sys.exit(2)
    shell, path = install(shell=shell)
    sys.stdout.write(f"Complétion {shell} installée dans {path}\nElle prendra effet dans un nouveau terminal.\n")
    sys.exit(0)


def _plain_metavar(param: Any) -> None:
    """Show an argument as its metavar, Click-style: `REQUÊTE...` in the help, `[REQUÊTE]...` or
    `COMPÉTENCE...` in the usage line — not Typer 0.28's `{COMPÉTENCE}` (its make_metavar)."""
    repeat = "..." if param.nargs != 1 else ""

    def make_metavar(ctx: Any = None, *, usage: bool = False) -> str:
        if usage and not param.required:
            return f"[{param.metavar}]{repeat}"
        return param.metavar + repeat

    param.make_metavar = make_metavar


class _French:
    """French help and usage errors for a command or a group (mixed in before the Typer class)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _translate_params(super().get_params(ctx))  # type: ignore[misc]

    def get_help(self, ctx: click.Context) -> str:
        if not getattr(self, "_esante_glued", False):
            self.help = _glue(self.help)  # type: ignore[has-type]
            self._esante_glued = True
        return super().get_help(ctx).replace(_NBSP, " ")  # type: ignore[misc]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")  # type: ignore[attr-defined]

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Typer's sections (arguments, then options, then a group's commands), headed in French."""
        records: dict[str, list[tuple[str, str]]] = {kind: [] for kind, _ in _SECTIONS}
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and param.param_type_name in records:
                records[param.param_type_name].append(record)
        for kind, heading in _SECTIONS:
            if records[kind]:
                with formatter.section(heading):
                    formatter.write_dl(records[kind])
        format_commands = getattr(self, "format_commands", None)
        if format_commands is not None:
            format_commands(ctx, formatter)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Click's parsing, with the words a command does not take and an option's missing (or
        unwanted) value reported in French, naming this command in the hint."""
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)  # type: ignore[misc]
        except click.exceptions.BadOptionUsage as error:
            raise FrenchUsageError(option_usage(self, error.option_name), ctx) from None
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise FrenchUsageError(extra_arguments(self.name, rest, ctx.info_name), ctx)  # type: ignore[attr-defined]
        return rest


class FrenchCommand(_French, TyperCommand):
    pass


def _help_width() -> int:
    """Columns for help pages, by the rules of present/render.width(): COLUMNS, the terminal
    on stdout, then on stderr, else 80."""
    import os

    value = os.environ.get("COLUMNS", "").strip()
    if value.isdigit() and int(value) > 0:
        return max(int(value), 40)
    for stream in (sys.stdout, sys.stderr):
        try:
            return max(os.get_terminal_size(stream.fileno()).columns, 40)
        except (AttributeError, OSError, ValueError):
            continue
    return 80


class FrenchGroup(_French, TyperGroup):
    def get_command(self, ctx: click.Context, cmd_name: str) -> Any:
        """A command by its English or its French name (cli/names.py)."""
        from esante_cli.cli.names import english

        return super().get_command(ctx, english(cmd_name))

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Both names of every command, for completion: `esante rech<Tab>` as `esante sea<Tab>`."""
        from esante_cli.cli.names import FRENCH

        names = super().list_commands(ctx)
        return list(dict.fromkeys([*names, *(FRENCH[n] for n in names if n in FRENCH)]))

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """The command named by the first word, in English or in French; an unknown one is
        reported with the nearest names of both languages."""
        name = args[0]
        command = self.get_command(ctx, name)
        if command is None and not ctx.resilient_parsing:
            if name[:1] and not name[:1].isalnum():  # an option where a command was expected
                self.parse_args(ctx, args)  # the parser names it (« option inconnue »)
            from esante_cli.cli.names import ALIASES

            raise FrenchUsageError(unknown_command(name, [*ALIASES, *self.commands]), ctx)
        return (name if command is not None else None), command, args[1:]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Commands in their groups (cli/overview.py), each by its two names (« recherche, search »)
        with its whole one-line summary."""
        from esante_cli.cli.names import shown
        from esante_cli.cli.overview import grouped

        sections = [(heading, [(shown(name), text) for name, text in rows]) for heading, rows in grouped(self.commands)]
        width = max((len(name) for _, rows in sections for name, _ in rows), default=0)
        for heading, rows in sections:  # one name column for every group
            with formatter.section(f"{heading} "):  # Click adds the colon: « Explorer : »
                formatter.write_dl([(name.ljust(width), text) for name, text in rows])

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None, standalone_mode: bool = True, **extra: Any) -> Any:
        global _typed
        _typed = [str(word) for word in (sys.argv[1:] if args is None else list(args))]
        width = _help_width()
        extra.setdefault("terminal_width", width)
        extra.setdefault("max_content_width", min(width, 100))
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        if not (sys.argv[1:] if args is None else list(args)) and not any(k.endswith("_COMPLETE") for k in __import__("os").environ):
            from esante_cli.cli.overview import overview_text

            sys.stdout.write(overview_text(self.commands, width))  # `esante` alone: what it is, three examples
            sys.exit(0)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            sys.stderr.write(error.ctx.get_help() + "\n")
            sys.exit(error.exit_code)
        except click.ClickException as error:
            from esante_cli.cli.environment import output_from
            from esante_cli.present.render import configure, error as show_error

            configure(output_from(__import__("os").environ))  # before any command ran: its width, its terminal

            show_error(printable(usage_message(error)))  # the user's words, untrusted; wrapped as every error is
            ctx = getattr(error, "ctx", None)
            path = ctx.command_path if ctx is not None else (prog_name or "esante")
            sys.stderr.write(f"Aide : {printable(path)} --help\n")
            sys.exit(error.exit_code)
        except typer.Abort:
            sys.stderr.write("Interrompu.\n")
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)
