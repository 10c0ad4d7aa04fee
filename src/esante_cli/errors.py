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


# What the system says when a file operation fails, in French (strerror is in the system's
# language, usually English: « No such file or directory »).
_REASONS = {
    "ENOENT": "fichier ou dossier introuvable",
    "EACCES": "permission refusée",
    "EPERM": "opération non permise",
    "EROFS": "système de fichiers en lecture seule",
    "ENOSPC": "plus de place sur le disque",
    "EDQUOT": "quota disque dépassé",
    "EFBIG": "fichier trop grand",
    "EIO": "erreur d'entrée-sortie",
    "EISDIR": "c'est un dossier",
    "ENOTDIR": "un élément du chemin n'est pas un dossier",
    "ENAMETOOLONG": "nom de fichier trop long",
    "ELOOP": "trop de liens symboliques (ou lien symbolique refusé)",
    "EEXIST": "existe déjà",
    "ENOTEMPTY": "dossier non vide",
    "EXDEV": "déplacement impossible d'un disque à un autre",
    "EBUSY": "ressource occupée",
    "ETXTBSY": "fichier occupé",
    "EMFILE": "trop de fichiers ouverts",
    "ENFILE": "trop de fichiers ouverts",
    "ENXIO": "périphérique ou tube sans lecteur",
    "ENODEV": "périphérique introuvable",
    "EINVAL": "opération invalide pour ce fichier",
    "EBADF": "fichier fermé",
    "EPIPE": "tube fermé",
    "EAGAIN": "ressource momentanément indisponible",
    "ESPIPE": "fichier non positionnable (tube ?)",
}


def reason(error: BaseException) -> str:
    """Why a file operation failed, in French (« fichier ou dossier introuvable »)."""
    import errno

    name = errno.errorcode.get(getattr(error, "errno", None) or -1)
    if name in _REASONS:
        return _REASONS[name]
    return f"erreur système {name}" if name else "erreur système"
