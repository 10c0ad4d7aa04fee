"""Command-line interface: one module per command, registered on the shared Typer app.

The console script is `esante_cli.entry:main`, which runs `app` (see entry.py). Commands stay thin: parse options, call the core,
render. Each module imports its core and rendering dependencies inside the command, so that
`esante --help` does not pay for them.
"""

from esante_cli.cli.app import app
from esante_cli.cli.french import FrenchCommand

# Command modules register themselves on `app` when imported (one line per command module).
from esante_cli.cli import search  # noqa: F401  (search, show)
from esante_cli.cli import validate  # noqa: F401
from esante_cli.cli import path  # noqa: F401
from esante_cli.cli import compare  # noqa: F401
from esante_cli.cli import export  # noqa: F401
from esante_cli.cli import match  # noqa: F401
from esante_cli.cli import importer  # noqa: F401  (import)
from esante_cli.cli import sources  # noqa: F401
from esante_cli.cli import guide  # noqa: F401
from esante_cli.cli import overview  # noqa: F401  (help; the grouping of commands in --help)

for _command in app.registered_commands:  # French help and usage errors for every command
    _command.cls = FrenchCommand

__all__ = ["app"]
