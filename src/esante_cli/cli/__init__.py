"""Command-line interface: one module per command, registered on the shared Typer app.

The console script is `esante_cli.cli:app`. Commands stay thin: parse options, call the core,
render. Each module imports its core and rendering dependencies inside the command, so that
`esante --help` does not pay for them.
"""

from esante_cli.cli.app import app
from esante_cli.cli import search, validate  # noqa: F401  (registers the commands)

__all__ = ["app"]
