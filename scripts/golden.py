"""Regenerate everything that pins esante's rendered output: golden files, the docs' outputs, screenshots.

    python scripts/golden.py            # rewrite tests/golden/*.txt, the outputs in README.md and docs/*.md, docs/img/*.svg
    python scripts/golden.py --check    # exit 1 and name what no longer matches (what the tests check)

Golden files (as tldr's client keeps them): the output of every command as a terminal draws it
at 60, 80 and 120 columns (ESANTE_FORCE_TERMINAL=1, COLUMNS=N, colour codes removed), and as a
pipe receives it (plain text, 100 columns), compared byte for byte by tests/test_golden.py.
Commands run in this process through Click's test runner, exactly as the test runs them.

README.md and docs/*.md: under each `$ esante …` line of a console block, the output shown is
replaced by the real one: whole up to 30 lines, else as many lines as were shown (tests/test_readme.py checks
that the real output starts with what is shown).
Screenshots: scripts/screenshots.py at 80 columns.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
README = ROOT / "README.md"


def documents() -> list[Path]:
    """The files whose examples are run and checked: README.md, then every docs/*.md."""
    return [README, *sorted((ROOT / "docs").glob("*.md"))]

WIDTHS = (60, 80, 120)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

# (golden name, arguments after `esante`): every command, on the shipped data.
CASES: list[tuple[str, list[str]]] = [
    ("overview", []),
    ("help", ["--help"]),
    ("help-path", ["help", "path"]),
    ("search-imagerie", ["search", "imagerie"]),
    ("search-formation-lille", ["search", "formation", "lille", "--limit", "5"]),
    ("show-career", ["show", "ingenieur-imagerie-medicale"]),
    ("show-training", ["show", "FOR.12046"]),
    ("show-skill", ["show", "traitement-image"]),
    ("show-sector", ["show", "startups-e-sante"]),
    ("path-lille", ["path", "--city", "lille"]),
    ("compare", ["compare"]),
    ("compare-careers", ["compare", "--careers", "dsi", "ingenieur-e-sante"]),
    ("compare-trainings", ["compare", "--trainings", "master-st4health-psl", "esiee-filiere-e-sante-biotech"]),
    ("match", ["match", "traitement d'image, algorithmes, RGPD", "--limit", "5"]),
    ("evolutions", ["evolutions", "chef-de-projet-e-sante"]),
    ("market", ["market"]),
    ("guide-lille", ["guide", "--from", "bac", "--ville", "lille", "--likes", "informatique, santé", "--annees-max", "5"]),
    ("guide-imagerie", ["guide", "--from", "bac+3", "--likes", "imagerie"]),
    ("guide-castres", ["guide", "--likes", "python", "--ville", "castres"]),  # a city of the data, no route there: partout en France
    ("guide-en-poste", ["guide", "--from", "en poste", "--likes", "data", "--annees-max", "1"]),
    ("guide-interests", ["guide", "--from", "bac", "--interests", "29,18"]),
    ("interests", ["interests"]),
    ("validate", ["validate", "--data-dir", "tests/data/mini"]),  # a relative folder: the same text everywhere
    ("comparer", ["comparer", "startups", "conseil"]),
    ("path-details", ["path", "--city", "lille", "--details"]),
    ("sources", ["sources"]),
]


def _clean_env() -> dict[str, str | None]:
    """Settings that must not leak from the developer's shell into a golden run (None = unset)."""
    names = ("ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "ESANTE_FORCE_TERMINAL")
    return {name: None for name in names}


def render(args: list[str], width: int | None) -> str:
    """stdout of `esante ARGS` at a terminal of `width` columns (colour codes removed), or piped (None)."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    env = _clean_env()
    if width is not None:
        env.update(ESANTE_FORCE_TERMINAL="1", COLUMNS=str(width))
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env=env)
    finally:
        os.chdir(here)
    if result.exit_code != 0 and args:
        raise SystemExit(f"esante {' '.join(args)} : code {result.exit_code}\n{result.output}")
    return ANSI.sub("", result.stdout)


def golden_files() -> dict[Path, tuple[list[str], int | None]]:
    files: dict[Path, tuple[list[str], int | None]] = {}
    for name, args in CASES:
        for width in (*WIDTHS, None):
            files[GOLDEN / f"{name}.{width or 'pipe'}.txt"] = (args, width)
    return files


# ---------------------------------------------------------------- the docs' outputs

_STEP = re.compile(r"^\$ (.*)$")
SHOWN_LINES = 30  # an output shown in the docs up to this long is shown whole; a longer one keeps its shown length


def doc_env(home: Path, terminal: bool = True) -> dict[str, str]:
    """The environment the docs' examples run in: what a person sees in an 80-column terminal,
    without colour (Rich's tables and cards; a pipe would get tab-separated rows instead, which
    read badly in a page), with `home` as HOME and no ESANTE_ setting of the machine's.
    terminal=False: as a pipe gets it, for an output that names a machine's path (shown « …/ »),
    whose wrapping in a terminal would depend on the path's length."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESANTE_") and k not in ("NO_COLOR", "COLUMNS", "TERM")}
    env.update(HOME=str(home), ESANTE_PYTHON=sys.executable, NO_COLOR="1")
    if terminal:
        env.update(ESANTE_FORCE_TERMINAL="1", COLUMNS="80")
    return env


def _real_outputs(commands: list[str], work: Path) -> list[str]:
    """stdout of each shell line, run in order in `work` as tests/test_readme.py runs them."""
    env = doc_env(work / "home")
    prelude = 'esante() { "$ESANTE_PYTHON" -m esante_cli "$@"; }\nset -o pipefail\n'
    outputs = []
    for command in commands:
        command = re.sub(r"\s+# code de sortie \d+$", "", command)
        done = subprocess.run(["bash", "-c", prelude + command], cwd=work, env=env, capture_output=True, text=True)
        outputs.append(done.stdout)
    return outputs


# An import cites its file's date (its mtime, which a clone sets to the clone's day): the
# docs' examples are run with the day they were written (tests/test_readme.py does the same).
EXAMPLES_DAY = (2026, 12, 2)


def copy_examples(work: Path) -> None:
    """examples/ copied into `work`, its files dated EXAMPLES_DAY."""
    import datetime

    shutil.copytree(ROOT / "examples", work / "examples")
    day = datetime.datetime(*EXAMPLES_DAY, 12).timestamp()
    for example in (work / "examples").rglob("*"):
        os.utime(example, (day, day))


def document_text(path: Path) -> str:
    """A document (README.md, docs/*.md) with the output under every `$ …` line of its console blocks made real."""
    text = path.read_text(encoding="utf-8")
    blocks = [b for b in re.finditer(r"^```(\w*)\n(.*?)^```", text, flags=re.M | re.S) if b.group(1) in ("", "console")]
    with tempfile.TemporaryDirectory() as tmp:
        pieces, last = [], 0
        for block in blocks:
            body = block.group(2)
            lines = body.splitlines()
            steps = [(i, _STEP.match(line).group(1)) for i, line in enumerate(lines) if _STEP.match(line)]
            if not steps or not any("esante" in c for _, c in steps):
                continue
            work = Path(tmp) / f"b{block.start()}"
            copy_examples(work)
            real = _real_outputs([c for _, c in steps], work)
            out: list[str] = []
            for k, (start, command) in enumerate(steps):
                end = steps[k + 1][0] if k + 1 < len(steps) else len(lines)
                shown = lines[start + 1 : end]
                out.append(lines[start])
                if not shown or any("…/" in s for s in shown) or "<Tab>" in command:
                    out += shown
                    continue
                real_lines = real[k].splitlines()
                out += real_lines if len(real_lines) <= max(len(shown), SHOWN_LINES) else real_lines[: len(shown)]
            pieces.append(text[last : block.start(2)])
            pieces.append("".join(line + "\n" for line in out))
            last = block.end(2)
        pieces.append(text[last:])
    return "".join(pieces)


# ---------------------------------------------------------------- main


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale: list[str] = []
    files = golden_files()
    if not check:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.txt"):
            if old not in files:
                old.unlink()
    for path, (args, width) in files.items():
        output = render(args, width)
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != output:
                stale.append(str(path.relative_to(ROOT)))
        else:
            path.write_text(output, encoding="utf-8")
    for document in documents():
        made = document_text(document)
        if made != document.read_text(encoding="utf-8"):
            if check:
                stale.append(str(document.relative_to(ROOT)))
            else:
                document.write_text(made, encoding="utf-8")
    sys.path.insert(0, str(ROOT / "scripts"))
    import screenshots

    if screenshots.main(["--check"] if check else []) != 0:
        stale.append("docs/img/*.svg")
    if stale:
        print("À régénérer avec python scripts/golden.py : " + ", ".join(stale), file=sys.stderr)
        return 1
    if not check:
        print(f"{len(files)} fichiers de référence, sorties de la documentation et captures régénérés.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
