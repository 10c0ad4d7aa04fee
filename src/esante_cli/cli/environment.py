"""The run's environment, resolved in one place (as httpie's Environment): the data folders,
where the cache lives and whether it is used, whether --debug is on, and what stdout is. The
CLI makes one per run (the global options set it); the core never reads the environment
itself, it is handed what it needs (data folders, a cache folder or None, a `note` callback).

Variables: ESANTE_DATA_DIR (the data folder when --data-dir is not given; empty means unset),
ESANTE_EXTRA_DIRS (overlay folders, os.pathsep-separated, before each --with);
ESANTE_CACHE_DIR (the cache folder), else $XDG_CACHE_HOME/esante, else ~/.cache/esante;
ESANTE_NO_CACHE=1 (or --no-cache) turns the cache off. Tests point ESANTE_CACHE_DIR at a
temporary folder at session start (tests/conftest.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Mapping

ENV_CACHE_DIR = "ESANTE_CACHE_DIR"
ENV_NO_CACHE = "ESANTE_NO_CACHE"
ENV_DATA_DIR = "ESANTE_DATA_DIR"
ENV_EXTRA_DIRS = "ESANTE_EXTRA_DIRS"


def cache_dir_from(environ: Mapping[str, str]) -> Path:
    """The cache folder named by these variables (the one rule, for the CLI and for tests)."""
    chosen = environ.get(ENV_CACHE_DIR)
    if chosen:
        return Path(chosen).expanduser()
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: ignored, as the XDG specification says
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "esante"


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
        self.data_dir: str | None = environ.get(ENV_DATA_DIR) or None
        self.extra_dirs = [name for name in environ.get(ENV_EXTRA_DIRS, "").split(os.pathsep) if name.strip()]
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

    def data_folders(self, data_dir: Path | str | None, extra: Any = ()) -> tuple[Path | str | None, list[Any]]:
        """(the data folder, the overlay folders) a command reads: `--data-dir`, else
        ESANTE_DATA_DIR (None: the shipped data); the folders of ESANTE_EXTRA_DIRS, then each
        `--with` (the one named last wins: catalog/datafiles.py)."""
        return (data_dir if data_dir is not None else self.data_dir), [*self.extra_dirs, *(extra or ())]

    def load(self, data_dir: Path | str | None, extra: Any = ()) -> Any:
        """The catalogue every command works on, with this run's folders and cache settings."""
        from esante_cli.catalog import store

        return store.load(*self.data_folders(data_dir, extra), cache_dir=self.cache_dir, note=self.note)
