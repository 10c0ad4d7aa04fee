"""The documentation is tested: README.md and every docs/*.md. Their commands run, their outputs
are real, every command is documented, their links lead somewhere, every docs file is in the
docs' index, and the screenshots match the program."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# README.md, then every docs/*.md (a new file is picked up without editing this test)
DOCUMENTS = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
}
EXIT_NOTE = re.compile(r"\s+# code de sortie (\d+)$")
FENCED = re.compile(r"^```(\w*)\n(.*?)^```", flags=re.M | re.S)


@dataclass
class Step:
    command: str  # a shell line, as shown
    output: str | None  # the stdout shown under it (console blocks), None when not shown
    code: int  # the documented exit code


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, text) of every fenced code block."""
    return FENCED.findall(text)


def scenarios(text: str) -> list[list[Step]]:
    """Each block's commands, in order: `$ …` lines in console blocks (with the output shown
    under them), lines running esante in sh blocks (`pip install . && esante search imagerie`
    contributes its esante part; installs are not run)."""
    found = []
    for language, block in code_blocks(text):
        steps: list[Step] = []
        if language in ("", "console"):
            for line in block.splitlines():
                if line.startswith("$ "):
                    steps.append(Step(line[2:], "", 0))
                elif steps:
                    steps[-1].output += line + "\n"
        elif language == "sh":
            for line in block.splitlines():
                for part in line.split("&&"):
                    if part.strip().startswith("esante "):
                        steps.append(Step(part.strip(), None, 0))
        for step in steps:
            note = EXIT_NOTE.search(step.command)
            if note:
                step.code = int(note.group(1))
                step.command = step.command[: note.start()]
        if steps:
            found.append(steps)
    return found


def shown_output_pattern(shown: str) -> re.Pattern[str]:
    """The output shown, as a pattern: `…/path` stands for any path (the install location);
    the real output may go on after what is shown."""
    parts = re.split(r"…/[^\s)]*", shown)
    return re.compile(r"[^\s)]+".join(re.escape(p) for p in parts), flags=re.S)


SCENARIOS = [(name, steps) for name, text in DOCUMENTS.items() for steps in scenarios(text)]


@functools.cache
def golden():
    """scripts/golden.py, which regenerates the README's outputs (and knows how their examples are set up)."""
    spec = importlib.util.spec_from_file_location("golden_script", ROOT / "scripts" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_have_runnable_examples_of_every_kind() -> None:
    commands = [s.command for _, steps in SCENARIOS for s in steps]
    assert "esante search imagerie" in commands  # the quick start
    assert any(c.startswith("esante export") and ">" in c for c in commands)
    assert sum(s.output is not None for _, steps in SCENARIOS for s in steps) >= 10
    assert {"README.md", "docs/commands.md", "docs/own-data.md"} <= {name for name, _ in SCENARIOS}


@pytest.mark.parametrize(
    ("document", "steps"), SCENARIOS, ids=[f"{name}:{steps[0].command[:50]}" for name, steps in SCENARIOS]
)
def test_docs_commands_run_with_the_documented_exit_code_and_output(document: str, steps: list[Step], tmp_path: Path) -> None:
    work = tmp_path / "work"
    golden().copy_examples(work)  # dated as the docs show them
    home = tmp_path / "home"  # --install-completion writes there
    prelude = 'esante() { "$ESANTE_PYTHON" -m esante_cli "$@"; }\nset -o pipefail\n'
    for step in steps:
        env = golden().doc_env(home, terminal="…/" not in (step.output or ""))
        done = subprocess.run(
            ["bash", "-c", prelude + step.command], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == step.code, (document, step.command, done.stderr)
        assert "Traceback" not in done.stderr
        if step.output:
            assert shown_output_pattern(step.output).match(done.stdout), (document, step.command, done.stdout)


# ---------------------------------------------------------------- every command documented


def registered_commands() -> dict[str, object]:
    from typer.main import get_command

    from esante_cli.cli import app

    return dict(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(registered_commands()))
def test_every_command_has_help_a_docs_section_and_an_example_in_the_readme(name: str) -> None:
    command = registered_commands()[name]
    assert (command.help or "").strip(), f"{name} has no help text"  # type: ignore[attr-defined]
    sections = [doc for doc, text in DOCUMENTS.items() if re.search(rf"^#+ .*`esante {name}`", text, flags=re.M)]
    assert sections, f"no section for esante {name} in README.md or docs/*.md"
    examples = [text for _, text in code_blocks(README) if re.search(rf"(^|\$ |&& )esante {name}\b", text, flags=re.M)]
    assert examples, f"no README code block runs esante {name}"


# ---------------------------------------------------------------- links and the docs' index


def outside_code(text: str) -> str:
    return FENCED.sub("", text)


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lowercase, punctuation dropped, spaces to
    hyphens, a repeated heading numbered (-1, -2…)."""
    seen: dict[str, int] = {}
    found = set()
    for heading in re.findall(r"^#{1,6} +(.+?) *$", outside_code(text), flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        found.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return found


def test_anchors_are_spelled_as_github_spells_them() -> None:
    assert anchors("## Parcours d'études : `esante path`\n## Codes\n## Codes\n") == {
        "parcours-détudes--esante-path", "codes", "codes-1"
    }


LINKS = [
    (doc, target)
    for doc, text in DOCUMENTS.items()
    for target in re.findall(r"\]\(([^)\s]+)\)", outside_code(text))
    if not re.match(r"[a-z]+:", target)
]


@pytest.mark.parametrize(("document", "target"), LINKS, ids=[f"{d}->{t}" for d, t in LINKS])
def test_every_link_between_the_docs_leads_to_a_file_and_heading(document: str, target: str) -> None:
    path, _, anchor = target.partition("#")
    file = ((ROOT / document).parent / path).resolve() if path else ROOT / document
    assert file.exists(), f"{document}: {target}: no such file"
    if anchor:
        assert file.suffix == ".md", f"{document}: {target}: an anchor in a file that is not markdown"
        assert anchor in anchors(file.read_text(encoding="utf-8")), f"{document}: {target}: no such heading"


def test_every_docs_file_is_listed_in_the_docs_index() -> None:
    index = DOCUMENTS["docs/README.md"]
    listed = set(re.findall(r"\]\(([\w.-]+\.md)\)", index))
    files = {name.removeprefix("docs/") for name in DOCUMENTS if name.startswith("docs/")} - {"README.md"}
    assert files - listed == set(), "docs/README.md does not list these files"


def test_readme_stays_short() -> None:
    assert README.count("\n") <= 400


# ---------------------------------------------------------------- screenshots


def screenshots_module():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_screenshot_is_in_the_docs_and_exists() -> None:
    shots = screenshots_module().SHOTS
    embedded = {
        ((ROOT / doc).parent / image).resolve()
        for doc, text in DOCUMENTS.items()
        for image in re.findall(r"!\[[^\]]*\]\(([^)]+\.svg)\)", text)
    }
    assert {(ROOT / "docs" / "img" / f"{name}.svg").resolve() for name, _ in shots} == embedded
    for path in embedded:
        assert path.read_text(encoding="utf-8").startswith("<svg")


def test_screenshots_show_the_current_output(capsys) -> None:
    assert screenshots_module().main(["--check"]) == 0, capsys.readouterr().err


def test_svg_text_extraction_sees_a_stale_screenshot(tmp_path: Path) -> None:
    import io

    from rich.console import Console
    from rich.text import Text

    module = screenshots_module()
    output = "\x1b[1mTitre\x1b[0m\n│ ligne │\n"
    console = Console(record=True, width=80, file=io.StringIO(), force_terminal=True)
    console.print("$ esante search x")
    console.print(Text.from_ansi(output), end="")
    document = console.export_svg(title="esante search x")
    assert module.plain("$ esante search x" + output) in module.svg_text(document)
    assert module.plain("$ esante search x" + output.replace("ligne", "autre")) not in module.svg_text(document)
