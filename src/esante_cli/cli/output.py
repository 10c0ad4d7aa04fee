"""`--output FICHIER` and `--format` on the views (search, compare, path, match, guide): the
one way a view goes to a file (present/sheets.py). The options are declared with the other
shared ones in cli/app.py (imported here only when a command writes a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from esante_cli.errors import EsanteError, ExitCode


def file_format(output: Optional[Path], fmt: Optional[str], json: bool = False, csv: bool = False) -> Optional[str]:
    """The format to write --output in (None without --output), checked before any data is read."""
    if output is None:
        if fmt is not None:
            raise EsanteError("--format va avec --output FICHIER (sur la sortie standard : --json ou --csv)", code=ExitCode.USAGE)
        return None
    from esante_cli.present.sheets import output_format

    if json and csv:
        raise EsanteError("--json et --csv ne vont pas ensemble : choisissez l'un des deux", code=ExitCode.USAGE)
    flag = "json" if json else "csv" if csv else None
    if flag is None:
        return output_format(output, fmt)
    chosen = output_format(output, fmt) if fmt is not None else None
    if chosen is None:
        by_name = output.suffix.lower().lstrip(".")
        chosen = by_name if by_name in ("json", "csv", "xlsx") else flag
    if chosen != flag and not (flag == "csv" and chosen == "csv-fr"):
        raise EsanteError(
            f"--{flag} et un fichier {chosen} ne vont pas ensemble : retirez --{flag} (le format vient de --output ou de --format)",
            code=ExitCode.USAGE,
        )
    return chosen


def write(output: Path, fmt: str, sheet: Callable[[], Any], data: Callable[[], Any]) -> None:
    """Write the view (sheet() for xlsx and CSV, data() — the --json value — for json), then say so."""
    from esante_cli.present import render, sheets

    render.out(sheets.write(output, fmt, sheet(), data() if fmt == "json" else None))
