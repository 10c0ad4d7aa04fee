"""Regenerate the terminal screenshots in docs/img/ from the real program.

Each command runs in this process, drawn by esante into a recording Rich console of 80 columns
(present/render.recording), saved with Console.save_svg. scripts/golden.py runs it with the golden files; alone:

    python scripts/screenshots.py            # rewrite docs/img/*.svg
    python scripts/screenshots.py --check    # exit 1 if a screenshot no longer matches the output

--check compares the text of each SVG with the current output (not the SVG markup, which
changes with Rich versions).
"""

from __future__ import annotations

import html
import os
import re
import shlex
import sys
from pathlib import Path
from typing import Any

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


def record(args: list[str]) -> Any:
    """The Rich console that recorded `esante ARGS` as an 80-column colour terminal shows it
    (present/render.recording: the program's own drawing, not a replay of its output)."""
    from typer.testing import CliRunner

    from esante_cli.cli import app
    from esante_cli.present import render

    env = {name: None for name in ("NO_COLOR", "TERM", "COLUMNS", "ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS", "ESANTE_FORCE_TERMINAL")}
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        with render.recording(WIDTH) as console:
            from rich.text import Text

            console.print(Text("$ " + command_line(args), style="bold green"))
            done = CliRunner().invoke(app, args, env=env)
    finally:
        os.chdir(here)
    if done.exit_code != 0:
        raise SystemExit(f"{command_line(args)} a échoué (code {done.exit_code}) :\n{done.stderr}")
    return console


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
        console = record(args)
        if check:
            shown = "".join(line[:WIDTH] for line in console.export_text(clear=False).splitlines())  # the SVG crops
            if not path.exists() or plain(shown) not in svg_text(path.read_text("utf-8")):
                stale.append(path.name)
            continue
        console.save_svg(str(path), title=command_line(args))
        print(f"{path.relative_to(ROOT)} : {command_line(args)}")
    if stale:
        print("Captures à régénérer (python scripts/screenshots.py) : " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
