"""The project's single error type and its exit codes."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes, documented in docs/exit-codes.md."""

    OK = 0
    NOT_FOUND = 1  # nothing matched, ambiguous query, unknown id, invalid data reported by `validate`
    USAGE = 2  # bad option or argument (same code as Typer/Click usage errors)
    DATA = 3  # data folder missing, unreadable or invalid
    INTERNAL = 70  # a bug: please report it
    OUTPUT = 74  # standard output closed or not writable (disk full…): sysexits' EX_IOERR
    INTERRUPTED = 130


class EsanteError(Exception):
    """An error meant for the user: a French message, maybe a place in a data file."""

    def __init__(
        self,
        message: str,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
        code: ExitCode = ExitCode.DATA,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.field = field
        self.code = code

    def location(self) -> str:
        """`file:line: field` — the parts that are known."""
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
        if self.field:
            where = f"{where}: champ « {self.field} »" if where else f"champ « {self.field} »"
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message
