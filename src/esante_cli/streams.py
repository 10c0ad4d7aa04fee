"""Standard output and error made safe to write, whatever they are (used by entry.py and the CLI).

- Output that the stream's encoding cannot represent (PYTHONIOENCODING=ascii, a cp1252
  console) is transliterated (« » -> ", narrow no-break space -> space, é -> e, → -> ->)
  instead of failing with UnicodeEncodeError; an argument's bytes that were not UTF-8
  (surrogates) are written as U+FFFD.
- A closed standard input (`<&-`) reads as empty; bytes typed that are not UTF-8 do not fail.
- A standard output that is closed or cannot be written (disk full) is reported by
  output_failed(): one French line on stderr, exit 74 (errors.ExitCode.OUTPUT).
"""

import sys

OUTPUT_ERROR = 74  # errors.ExitCode.OUTPUT (errors.py is not imported before it is needed)

# What a character becomes where the output encoding lacks it (ASCII only, so that the
# replacement itself always encodes); anything else: its letters without accents, else « ? ».
_SUBSTITUTES = {
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‹": "<", "›": ">",
    "—": "-", "–": "-", "‑": "-", "−": "-", "…": "...", "•": "*", "·": ".", "→": "->", "←": "<-",
    "↔": "<->", "⇒": "=>", "≥": ">=", "≤": "<=", "≠": "!=", "×": "x", "÷": "/", "€": "EUR",
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "°": "o", "✓": "v", "✔": "v", "✗": "x",
    "─": "-", "━": "-", "│": "|", "┃": "|", "═": "=", "║": "|",
}


def _transliterate(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    run = error.object[error.start : error.end]
    if all("\ud800" <= char <= "\udfff" for char in run):  # bytes of an argument that were not UTF-8
        return ("\ufffd" if error.encoding.lower().replace("-", "").startswith("utf") else "?") * len(run), error.end
    for space in ("\u202f", "\u00a0"):  # French spacing inside guillemets: «\u202fmot\u202f» -> "mot"
        run = run.replace("«" + space, "«").replace(space + "»", "»")
    out = []
    for char in run:
        substitute = _SUBSTITUTES.get(char)
        if substitute is None:
            letters = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            substitute = letters or "?"
        out.append(substitute)
    return "".join(out), error.end


def prepare() -> bool:
    """Make stdout and stderr safe to write; False when stdout is closed (nothing can be output)."""
    import os

    if sys.stderr is None:  # `2>&-`: errors go nowhere rather than crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    if sys.stdin is None:  # `<&-`: an empty input (guide sees no terminal and says so)
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    elif hasattr(sys.stdin, "reconfigure"):  # bytes typed that are not UTF-8: kept as surrogates (textsafe.py)
        sys.stdin.reconfigure(errors="surrogateescape")
    for stream in (sys.stdout, sys.stderr):
        # Characters the encoding lacks are transliterated; surrogates (an argument's bytes that
        # were not UTF-8, printed back in a message) become U+FFFD: never an exception.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="esante-transliterate")
    return sys.stdout is not None


def output_failed(error: OSError | None = None) -> int:
    """Report that stdout cannot be written (closed, full, I/O error): one French line, exit 74.

    Standard output is then pointed at the null device, so that Python's own flush at exit
    does not fail a second time with a traceback."""
    import errno
    import os

    reason = {
        errno.ENOSPC: "plus de place sur le disque",
        errno.EBADF: "sortie fermée",
        errno.EIO: "erreur d'entrée-sortie",
        getattr(errno, "EDQUOT", -1): "quota disque dépassé",
        errno.EFBIG: "fichier trop grand",
    }.get(getattr(error, "errno", None), "sortie fermée" if error is None else _reason(error))
    try:
        sys.stderr.write(f"Erreur : impossible d'écrire la sortie standard ({reason})\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    silence_stdout()
    return OUTPUT_ERROR


def _reason(error: OSError) -> str:
    from esante_cli.errors import reason

    return reason(error)


def silence_stdout() -> None:
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


import codecs  # noqa: E402 - registered once, at import (cheap: codecs is loaded at start-up)

codecs.register_error("esante-transliterate", _transliterate)
