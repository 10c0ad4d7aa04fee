"""Which format a file is written in: --format when given, else the file's extension.

One rule for every command that writes a file (the views' `--output`, present/sheets.py;
`esante export`, catalog/export.py); each passes its own formats and extensions:
- --format names a known format (or an alias of one); when the file's extension is one we know,
  it must agree (« --format json » into « y.xlsx » would write JSON into a workbook's name);
- no --format: the extension decides; an extension we do not know is refused, naming the ones
  we do — except for a pipe or a terminal (`stream`), where the name says nothing and `default`
  is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

from esante_cli.errors import EsanteError, ExitCode


def _extensions_text(extensions: Mapping[str, Sequence[str]]) -> str:
    names = list(extensions)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ou {names[-1]}"


def choose(
    path: Path,
    fmt: str | None,
    formats: Sequence[str],
    extensions: Mapping[str, Sequence[str]],
    aliases: Mapping[str, str] | None = None,
    default: str | None = None,
) -> str:
    """The format to write `path` in. `extensions` maps a lower-case suffix (".csv") to the formats
    such a file may hold, the one used without --format first; `default` is used without --format
    when the extension is unknown (None: refused)."""
    suffix = Path(path).suffix.lower()
    allowed = extensions.get(suffix)
    if fmt is not None:
        chosen = normalize(fmt, formats, aliases)
        if allowed is not None and chosen not in allowed:
            named = next((s for s, formats_of in extensions.items() if chosen in formats_of), None)
            fix = f"nommez le fichier {named} ou retirez --format" if named else "retirez --format"
            raise EsanteError(f"--format {chosen} et un fichier {suffix} ne vont pas ensemble : {fix}", code=ExitCode.USAGE)
        return chosen
    if allowed is not None:
        return allowed[0]
    if default is not None:
        return default
    raise EsanteError(
        f"format du fichier {Path(path).name} inconnu : nommez-le {_extensions_text(extensions)}, "
        f"ou ajoutez --format ({', '.join(formats)})",
        code=ExitCode.USAGE,
    )


def normalize(fmt: str, formats: Sequence[str], aliases: Mapping[str, str] | None = None) -> str:
    """The format --format names; EsanteError(USAGE) naming the possible ones otherwise."""
    chosen = fmt.strip().lower().replace("_", "-")
    chosen = (aliases or {}).get(chosen.replace("-", ""), chosen)
    if chosen not in formats:
        raise EsanteError(f"format inconnu « {fmt} » ; formats possibles : {', '.join(formats)}", code=ExitCode.USAGE)
    return chosen

