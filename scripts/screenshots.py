"""Regenerate the terminal screenshots in docs/img/ from the real program.

Each command runs as a separate process (`python -m esante_cli`) the way a terminal would show
it (ESANTE_FORCE_TERMINAL=1, COLUMNS=80, 256 colours); its coloured output is replayed into a
recording Rich console (width 80) and saved as SVG. scripts/golden.py runs it with the golden files; alone:

    python scripts/screenshots.py            # rewrite docs/img/*.svg
    python scripts/screenshots.py --check    # exit 1 if a screenshot no longer matches the output

--check compares the text of each SVG with the current output (not the SVG markup, which
changes with Rich versions).
"""

from __future__ import annotations

import html
import io
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img"
WIDTH = 80  # the width of the golden files people read first (scripts/golden.py runs this script)

# (file name without .svg, arguments after `esante`)
SHOTS: list[tuple[str, list[str]]] = [
    ("search", ["search", "imagerie", "--limit", "5"]),
    ("show", ["show", "FOR.12046"]),
    ("path", ["path", "--city", "lille"]),
    ("compare", ["compare"]),
    ("match", ["match", "traitement d'image, algorithmes, modélisation 3D", "--limit", "3"]),
    ("evolutions", ["evolutions", "chef-de-projet-e-sante"]),
    ("guide", ["guide", "--from", "bac+3", "--likes", "imagerie"]),
]


def _quote(arg: str) -> str:
    if re.fullmatch(r"[\w@%+=:,./-]+", arg):
        return arg
    if not re.search(r'["$`\\]', arg):
        return f'"{arg}"'
    return shlex.quote(arg)


def command_line(args: list[str]) -> str:
    """The command as one would type it: `esante match "traitement d'image, algorithmes"`."""
    return " ".join(["esante", *map(_quote, args)])


def run(args: list[str]) -> str:
    """The command's stdout as a 80-column colour terminal would receive it."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS")}
    env.update(ESANTE_FORCE_TERMINAL="1", COLUMNS=str(WIDTH), TERM="xterm-256color")
    done = subprocess.run(
        [sys.executable, "-m", "esante_cli", *args], env=env, capture_output=True, text=True, encoding="utf-8"
    )
    if done.returncode != 0:
        raise SystemExit(f"{command_line(args)} a échoué (code {done.returncode}) :\n{done.stderr}")
    return done.stdout


def svg(args: list[str], output: str) -> str:
    from rich.console import Console
    from rich.text import Text

    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text("$ " + command_line(args), style="bold green"))
    console.print(Text.from_ansi(output), end="")
    return console.export_svg(title=command_line(args))


def svg_text(document: str) -> str:
    """The characters an SVG screenshot shows, whitespace removed (to compare with an output)."""
    chunks = re.findall(r"<text[^>]*>(.*?)</text>", document, flags=re.S)
    return re.sub(r"\s+", "", html.unescape("".join(chunks)))


def plain(output: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\x1b\[[0-9;]*m", "", output))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    IMAGES.mkdir(parents=True, exist_ok=True)
    for name, args in SHOTS:
        path = IMAGES / f"{name}.svg"
        output = run(args)
        if check:
            if not path.exists() or plain("$ " + command_line(args) + output) not in svg_text(path.read_text("utf-8")):
                stale.append(path.name)
            continue
        path.write_text(svg(args, output), encoding="utf-8")
        print(f"{path.relative_to(ROOT)} : {command_line(args)}")
    if stale:
        print("Captures à régénérer (python scripts/screenshots.py) : " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
