"""The Typer application, its global options, shared option types and the single error exit."""

import errno
import functools
import math
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Callable, Optional

import typer

from esante_cli import __version__
from esante_cli.cli.french import FrenchGroup
from esante_cli.errors import EsanteError, ExitCode

# The module that registers each command (cli/<module>.py), in the order of `esante --help`'s
# « Autres commandes ». A run imports only its command's module; whatever lists the commands
# (help, completion, an unknown or abbreviated command, a Click test runner) imports them all.
COMMAND_MODULES = {
    "search": "search", "show": "search", "validate": "validate", "path": "path", "compare": "compare",
    "export": "export", "match": "match", "evolutions": "evolutions", "market": "market", "import": "importer",
    "sources": "sources", "guide": "guide", "interests": "interests", "help": "help",
}  # fmt: skip


class _App(typer.Typer):
    """The Typer app, loading and building only the command being run.

    On every run Typer turns each registered command into a Click command by inspecting its
    signature (13 ms for the nine command modules), and importing the modules that register
    them costs ~3 ms more: a tenth of the start-up budget, for commands that will not run.
    When the first word after the plain global flags (--debug, --no-cache) is exactly a
    command name, only its module is imported and only that command is built; anything that
    reads `registered_commands` otherwise (help, version, completion, an unknown or abbreviated
    command, typer.testing) has every command module imported first (load_commands).
    Every command is registered with FrenchCommand (French help and usage errors).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._commands: list[Any] = []
        self._all_loaded = False
        self._registering = 0
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def registered_commands(self) -> list[Any]:
        if not self._all_loaded and not self._registering:
            load_commands()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, value: list[Any]) -> None:
        self._commands = value

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        from esante_cli.cli.french import FrenchCommand

        kwargs.setdefault("cls", FrenchCommand)
        register = super().command(*args, **kwargs)

        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            self._registering += 1  # Typer appends to registered_commands: no loading from here
            try:
                return register(function)
            finally:
                self._registering -= 1

        return decorator

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        argv = kwargs.get("args", args[0] if args else None)
        name = _command_named(sys.argv[1:] if argv is None else list(argv))
        if name is not None:  # `esante recherche …` runs search
            from esante_cli.cli.names import english

            name = english(name)
        module = COMMAND_MODULES.get(name or "") if name != "help" else None
        if module is None or any(key.endswith("_COMPLETE") for key in os.environ):
            return super().__call__(*args, **kwargs)
        import importlib

        importlib.import_module(f"esante_cli.cli.{module}")
        everything, loaded = self._commands, self._all_loaded
        self._commands = [c for c in everything if _name(c) == name]
        self._all_loaded = True
        try:
            return super().__call__(*args, **kwargs)
        finally:
            self._commands, self._all_loaded = everything, loaded


def load_commands() -> None:
    """Import every command module (each registers its commands on `app`)."""
    import importlib

    for module in dict.fromkeys(COMMAND_MODULES.values()):
        importlib.import_module(f"esante_cli.cli.{module}")
    app._all_loaded = True


_PLAIN_GLOBAL_FLAGS = ("--debug", "--debogage", "--no-cache", "--sans-cache")


def _command_named(argv: list[str]) -> str | None:
    """The command word of a command line, when only plain global flags come before it."""
    for arg in argv:
        if arg not in _PLAIN_GLOBAL_FLAGS:
            return None if arg.startswith("-") else arg
    return None


def _name(command: Any) -> str:
    """A registered command's name, as Typer derives it."""
    return command.name or command.callback.__name__.lower().replace("_", "-")


app = _App(
    name="esante",
    cls=FrenchGroup,
    help=(
        "Explorez les métiers, formations, compétences et secteurs de l'e-santé, hors ligne.\n\n"
        "Exemple : esante recherche imagerie (ou esante search imagerie)"
    ),
    context_settings={"help_option_names": ["-h", "--help"]},  # a set in Click: a third name would print in random order
    no_args_is_help=False,  # `esante` alone prints an overview (FrenchGroup.main)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    subcommand_metavar="COMMANDE [ARGUMENTS]…",  # the usage line's « COMMAND [ARGS]... » in French
)


def environment() -> Any:
    """This run's Environment (cli/environment.py): the one the global options made, kept on the
    root Click context; outside a command (a direct call), one read from os.environ."""
    from esante_cli.cli.environment import Environment

    ctx = _current_context()
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, Environment):
        return root.obj
    return Environment()


def _current_context() -> Any:
    try:
        from typer._click.globals import get_current_context  # Typer 0.28 vendors Click
    except ImportError:  # pragma: no cover - a Typer that uses Click itself
        from click import get_current_context  # type: ignore[no-redef]
    return get_current_context(silent=True)

# ---------------------------------------------------------------- shared options (declared once)

# Folders are taken as plain strings, not click.Path: Click would report an unreadable folder
# in English with exit 2 (« Path … is not readable »), and turn `--data-dir ''` into the current
# folder. The store checks them and says what is wrong in French (exit 3, or 2 for an empty value).
DataDirOption = Annotated[
    Optional[str],
    typer.Option(
        "--data-dir",
        "--donnees",
        metavar="DOSSIER",
        help="Dossier de données à utiliser à la place des données fournies (ou variable ESANTE_DATA_DIR).",
        show_default=False,
    ),
]


WithOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--with",
        "--avec",
        metavar="DOSSIER",
        help=(
            "Dossier de données supplémentaire : ses enregistrements s'ajoutent aux données, ou remplacent "
            "celui de même identifiant. Répétable ; s'ajoute à la variable ESANTE_EXTRA_DIRS."
        ),
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON (pour les scripts).")]
# Who is asking (search, match): the same levels as guide's and path's --from (explore/asker.py).
FromOption = Annotated[
    Optional[str],
    typer.Option(
        "--from",
        "--depuis",
        metavar="NIVEAU",
        help="Qui cherche : bac (ou terminale), bac+2… ou « en poste » ; d'abord ce qui vous est accessible. "
        "Les mots de la requête peuvent le dire (« lycéen », « en reconversion »).",
        show_default=False,
    ),
]
CsvOption = Annotated[bool, typer.Option("--csv", help="Sortie CSV (une ligne par résultat).")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", "--nombre", metavar="N", help="Nombre maximal de résultats (≥ 1).")]
PagerOption = Annotated[
    bool,
    typer.Option("--pager", "--paginer", help="Affiche la sortie dans un pager ($PAGER, sinon less) si elle va vers un terminal."),
]


# `--output` / `--format` of the views (search, compare, path, match, guide): cli/output.py writes.
def _file_formats(incomplete: str) -> list[tuple[str, str]]:
    choices = [
        ("xlsx", "classeur Excel ou LibreOffice"),
        ("csv", "CSV, virgules, en-têtes anglais (scripts)"),
        ("csv-fr", "CSV pour un tableur français : « ; », BOM, en-têtes en français"),
        ("json", "ce qu'écrit --json"),
    ]
    return [(value, help) for value, help in choices if value.startswith(incomplete)]


OutputOption = Annotated[
    Optional[Path],
    typer.Option(
        "--output",
        "--sortie",
        "-o",
        metavar="FICHIER",
        help="Écrit le résultat dans FICHIER (remplacé d'un coup) : .xlsx (classeur), .csv ou .json, ou selon --format.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Optional[str],
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help=(
            "Format du fichier --output : xlsx, csv, csv-fr (tableur français : « ; », virgule décimale, "
            "en-têtes en français) ou json. Défaut : d'après l'extension du fichier."
        ),
        show_default=False,
        autocompletion=_file_formats,
    ),
]


def file_format(output: Optional[Path], fmt: Optional[str], json: bool = False, csv: bool = False) -> Optional[str]:
    """The format --output writes (None without --output or --format): cli/output.py checks it,
    imported only when one of them is given."""
    if output is None and fmt is None:
        return None
    from esante_cli.cli import output as files

    return files.file_format(output, fmt, json, csv)


def open_catalog(data_dir: Optional[str], extra: Optional[list[str]] = None) -> Any:
    """The catalogue every command works on: the one place where data is loaded.

    Base data (`--data-dir`, ESANTE_DATA_DIR or the shipped data), then the overlays
    (ESANTE_EXTRA_DIRS, then each `--with`). The run's Environment says whether and where
    the catalogue's database is kept (--no-cache, ESANTE_CACHE_DIR…). A load that lasts (the
    first build of a large catalogue) shows progress on a terminal (present/progress.py).
    """
    from esante_cli.present.progress import working

    with working("Préparation du catalogue"):
        return environment().load(data_dir, extra or ())


def check_output(json: bool, csv: bool) -> None:
    if json and csv:
        raise EsanteError("--json et --csv ne vont pas ensemble : choisissez l'un des deux", code=ExitCode.USAGE)


def check_limit(limit: int) -> int:
    if limit < 1:
        raise EsanteError(f"--limit doit être un entier positif (reçu : {limit})", code=ExitCode.USAGE)
    return limit


# ---------------------------------------------------------------- global options


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"esante {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Affiche la version et quitte.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", "--debogage", help="Affiche la trace Python complète en cas d'erreur.")] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            "--sans-cache",
            help="Relit et revérifie les fichiers YAML sans utiliser le cache (ou variable ESANTE_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Explorez les métiers, formations, compétences et secteurs de l'e-santé, hors ligne."""
    from esante_cli.cli.environment import Environment

    ctx.obj = Environment(debug=debug, no_cache=no_cache)
    from esante_cli.present import render

    render.configure(ctx.obj.output)


# ---------------------------------------------------------------- the single error exit


_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}  # writing the output failed


def failure_json(message: str, **fields: Any) -> dict[str, Any]:
    """--json when nothing is found: empty results, the message, the suggestions."""
    return {"results": [], "message": message, "suggestions": [], **fields}


# Parameters that name files or folders: kept as the system gave them (a file name that is not
# UTF-8 still opens). Every other text argument is words: its invalid UTF-8 becomes U+FFFD.
_PATH_PARAMETERS = {"data_dir", "extra", "file", "output", "out"}


def _words(name: str, value: Any) -> Any:
    """An argument as the command may use it: words as valid text, numbers finite."""
    from esante_cli.textsafe import valid_text

    if isinstance(value, float) and not math.isfinite(value):  # Click's FLOAT takes « nan » and « inf »
        raise EsanteError(f"--{name.replace('_', '-')} attend un nombre (reçu : {value})", code=ExitCode.USAGE)
    if name in _PATH_PARAMETERS:
        return value
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return type(value)(valid_text(v) for v in value)
    return value


def _french_names() -> dict[str, str] | None:
    """The French command names when this run's command was typed in French (`esante recherche`,
    or `esante guide --depuis bac`: a French option of a command named alike in both languages):
    then hints name the other commands, and their options, in French too (« esante fiche … »)."""
    from typer._click.globals import get_current_context

    from esante_cli.cli.french import typed_words
    from esante_cli.cli.names import ALIASES, FRENCH, FRENCH_OPTIONS, english

    ctx = get_current_context(silent=True)
    if ctx is None:
        return None
    if ctx.info_name in ALIASES:
        return FRENCH
    french = set(FRENCH_OPTIONS.get(english(ctx.info_name or ""), {}).values())
    for word in typed_words():
        if word == "--":
            break
        if word.split("=", 1)[0] in french:
            return FRENCH
    return None


def handle_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn EsanteError (and any bug) into one French line on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from esante_cli.present import render

        from esante_cli.cli.names import FRENCH_OPTIONS

        render.speak(_french_names(), FRENCH_OPTIONS)
        try:
            kwargs = {name: _words(name, value) for name, value in kwargs.items()}
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except EsanteError as exc:
            if environment().debug:
                raise
            if kwargs.get("json") and (exc.payload is not None or exc.code == ExitCode.NOT_FOUND):
                # A script reads an answer of the usual shape, empty, with the message.
                render.emit_json(exc.payload if exc.payload is not None else failure_json(str(exc)))
            render.error(_as_typed(render.spoken(str(exc))))
            raise typer.Exit(int(exc.code)) from None
        except KeyboardInterrupt:
            render.error("interrompu")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as exc:
            if environment().debug or getattr(exc, "__module__", "").startswith("typer"):
                raise
            if isinstance(exc, OSError) and exc.errno in _OUTPUT_ERRNOS:  # `> /dev/full`, a full disk
                from esante_cli.streams import output_failed

                raise typer.Exit(output_failed(exc)) from None
            if isinstance(exc, OSError):  # a file the system refused: the user's to fix, in French
                from esante_cli.errors import reason

                where = f"{exc.filename}: " if exc.filename else ""
                render.error(f"{where}{reason(exc)}")
                raise typer.Exit(int(ExitCode.DATA)) from None
            render.error(
                f"erreur interne inattendue ({type(exc).__name__} : {exc})",
                hint="Relancez avec --debug pour la trace complète et signalez le problème.",
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper


def _as_typed(message: str) -> str:
    """The message with the running command's options named as the user typed them."""
    ctx = _current_context()
    if ctx is None or "--" not in message:
        return message
    from esante_cli.cli.french import options_as_typed

    return options_as_typed(message, ctx.command)
