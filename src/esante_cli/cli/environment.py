"""The run's environment, resolved in one place (as httpie's Environment): where the cache lives
and whether it is used, whether --debug is on, and what stdout is. The CLI makes one per run
(the global options set it); the core never reads the environment itself, it is handed
what it needs (a cache folder or None, a `note` callback).

Variables: ESANTE_CACHE_DIR (the cache folder), else $XDG_CACHE_HOME/esante, else
~/.cache/esante; ESANTE_NO_CACHE=1 (or --no-cache) turns the cache off. Tests point
ESANTE_CACHE_DIR at a temporary folder at session start (tests/conftest.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

ENV_CACHE_DIR = "ESANTE_CACHE_DIR"
ENV_NO_CACHE = "ESANTE_NO_CACHE"


def cache_dir_from(environ: Mapping[str, str]) -> Path:
    """The cache folder named by these variables (the one rule, for the CLI and for tests)."""
    chosen = environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen).expanduser()
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the XDG specification says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "esante"


def output_from(environ: Mapping[str, str]) -> Any:
    """present/render.Output for these variables: COLUMNS (a positive whole number, else
    ignored), NO_COLOR and TERM=dumb (no colour), ESANTE_FORCE_TERMINAL (draw as on a terminal:
    tests, screenshots, `| less -R`), MANPAGER / PAGER (else less, with LESS=FRX unless set)."""
    from esante_cli.present.render import FORCE_TERMINAL_ENV, Output

    columns = environ.get("COLUMNS", "").strip()
    dumb = environ.get("TERM") == "dumb"
    return Output(
        columns=int(columns) if columns.isdigit() and int(columns) > 0 else None,
        colour=not environ.get("NO_COLOR") and not dumb,
        forced=environ.get(FORCE_TERMINAL_ENV, "") not in ("", "0"),
        dumb=dumb,
        pager=(environ.get("MANPAGER") or environ.get("PAGER") or "less").strip(),
        pager_env={**environ, "LESS": environ.get("LESS", "FRX")},
    )


class Environment:
    """What a run knows about where it runs. Built from os.environ and the global options."""

    def __init__(
        self,
        debug: bool = False,
        no_cache: bool = False,
        environ: Mapping[str, str] | None = None,
        stdout: Any = None,
    ) -> None:
        environ = os.environ if environ is None else environ
        self.debug = debug
        self.cache_enabled = not no_cache and environ.get(ENV_NO_CACHE, "") in ("", "0")
        self.cache_dir: Path | None = cache_dir_from(environ) if self.cache_enabled else None
        self.stdout = stdout if stdout is not None else sys.stdout
        self.no_color = bool(environ.get("NO_COLOR"))
        self.output = output_from(environ)  # width, colour, terminal, pager: handed to present/
        self._noted = False

    @property
    def stdout_is_terminal(self) -> bool:
        isatty = getattr(self.stdout, "isatty", None)
        return bool(isatty and isatty())

    def note(self, message: str) -> None:
        """One line on stderr under --debug (why a cache was not used), at most once per run."""
        if self.debug and not self._noted:
            self._noted = True
            from esante_cli.textsafe import printable

            sys.stderr.write(printable(f"esante (debug) : {message}") + "\n")

    @property
    def pending_dir(self) -> Path:
        """Where files being written are recorded (catalog/journal.py), with or without --no-cache:
        a later run removes what a killed one left, and only that."""
        return cache_dir_from(os.environ) / "pending"

    def load(self, data_dir: Path | str | None, extra: Any = ()) -> Any:
        """The catalogue every command works on, with this run's cache settings."""
        from esante_cli.catalog import store

        return store.load(data_dir, extra or (), cache_dir=self.cache_dir, note=self.note)
