"""French for the parts of the interface that Click and Typer write themselves.

Typer's vendored Click has no gettext hook, so translation happens at two edges:
- usage errors (unknown option, missing argument, bad value…) are caught in the group's
  `main` and printed as one French line on stderr, exit code 2, no Rich box;
- help pages: the built-in options' help texts are replaced, the bracket Click adds to a
  parameter's help (« [default: 10] ») translated before the text is wrapped, and the fixed
  headings (Usage, Options, Commands, Arguments) translated after formatting.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from typer import _click as click
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from esante_cli.textsafe import printable

_BUILTIN_HELP = {
    "help": "Affiche cette aide et quitte.",
    "aide": "Affiche cette aide et quitte.",
    "install_completion": "Installe la complétion des commandes pour le shell courant.",
    "show_completion": "Affiche le script de complétion du shell courant (à copier ou adapter).",
}
_HEADINGS = {
    "Usage:": "Utilisation :",
    "COMMAND [ARGS]...": "COMMANDE [ARGUMENTS]…",
    "Options:": "Options :",
    "Commands:": "Commandes :",
    "Arguments:": "Arguments :",
}
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


def usage_message(error: click.ClickException) -> str:
    """A French, one-line description of a Click usage error."""
    exc = click.exceptions
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
    match = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?", message)
    if match:
        text = f"commande inconnue « {match.group(1)} »"
        if match.group(2):  # Typer's `'search', 'sources'` (reprs): « search » ou « sources »
            names = [f"« {name} »" for name in re.findall(r"'([^']*)'", match.group(2))] or [match.group(2)]
            text += f" (vouliez-vous dire {' ou '.join([', '.join(names[:-1]), names[-1]] if len(names) > 1 else names)} ?)"
        return text
    match = re.fullmatch(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", message)
    if match:
        extra = match.group(1)
        ctx = getattr(error, "ctx", None)
        option = EXTRA_ARGUMENT_HINTS.get(ctx.command.name if ctx is not None else "")
        plural = " " in extra.strip()
        text = f"argument{'s' if plural else ''} en trop : {extra}"
        if option:
            text += f" (vouliez-vous dire {option} {extra} ?)"
        return text
    match = re.fullmatch(r"Option '(.*)' requires an argument\.", message)
    if match:
        return f"l'option {match.group(1)} attend une valeur"
    match = re.fullmatch(r"Missing command\.", message)
    if match:
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


def _translated_params(command: click.Command, ctx: click.Context) -> list[click.Parameter]:
    params = click.Command.get_params(command, ctx)
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


def _translate_help(text: str) -> str:
    for english, french in _HEADINGS.items():
        text = text.replace(english, french)
    return text.replace(_NBSP, " ")


class _French:
    """French help for a command or a group (mixed in before the Typer class)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        return _translated_params(self, ctx)  # type: ignore[arg-type]

    def get_help(self, ctx: click.Context) -> str:
        if not getattr(self, "_esante_glued", False):
            self.help = _glue(self.help)  # type: ignore[has-type]
            self._esante_glued = True
        return _translate_help(super().get_help(ctx))  # type: ignore[misc]

    def get_usage(self, ctx: click.Context) -> str:
        return _translate_help(super().get_usage(ctx))  # type: ignore[misc]


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
        """Typer's, with the French names among the suggestions for a mistyped command."""
        try:
            return self._click_resolve_command(ctx, args)
        except click.exceptions.UsageError as error:
            if args and error.message.startswith("No such command"):
                import difflib

                from esante_cli.cli.names import ALIASES

                known = [*ALIASES, *self.commands]
                matches = difflib.get_close_matches(args[0], known)
                if matches:
                    error.message = error.message.rstrip(".") + ". Did you mean " + ", ".join(repr(m) for m in matches) + "?"
            raise

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
        except Abort:
            sys.stderr.write("Interrompu.\n")
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)
