"""Command-line interface: one module per command, registered on the shared Typer app.

The console script is `esante_cli.cli:app`. Commands stay thin: parse options, call the core,
render. Each module imports its core and rendering dependencies inside the command, so that
`esante --help` does not pay for them.
"""

from esante_cli.cli.app import app
from esante_cli.cli import validate  # noqa: F401  (registers the command)
from esante_cli.cli import match  # noqa: F401  (registers match, evolutions, market)

__all__ = ["app"]
