"""Command-line interface: one module per command, registered on the shared Typer app.

The console script is `esante_cli.entry:main`, which runs `app` (see entry.py). Commands stay
thin: parse options, call the core, render. Each module imports its core and rendering
dependencies inside the command, so that `esante --help` does not pay for them; and a run
imports only its own command's module (app.COMMAND_MODULES, app._App): a new command module
adds its command names there.
"""

from esante_cli.cli.app import app

__all__ = ["app"]
