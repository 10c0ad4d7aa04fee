"""The README is tested: its commands run, its outputs are real, every command is documented,
and its screenshots match the program."""

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
EXIT_NOTE = re.compile(r"\s+# code de sortie (\d+)$")


@dataclass
class Step:
    command: str  # a shell line, as shown
    output: str | None  # the stdout shown under it (console blocks), None when not shown
    code: int  # the documented exit code


def code_blocks() -> list[tuple[str, str]]:
    """(language, text) of every fenced code block."""
    return re.findall(r"^```(\w*)\n(.*?)^```", README, flags=re.M | re.S)


def scenarios() -> list[list[Step]]:
    """Each block's commands, in order: `$ …` lines in console blocks (with the output shown
    under them), lines running esante in sh blocks (`pip install . && esante search imagerie`
    contributes its esante part; installs are not run)."""
    found = []
    for language, text in code_blocks():
        steps: list[Step] = []
        if language in ("", "console"):
            for line in text.splitlines():
                if line.startswith("$ "):
                    steps.append(Step(line[2:], "", 0))
                elif steps:
                    steps[-1].output += line + "\n"
        elif language == "sh":
            for line in text.splitlines():
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


SCENARIOS = scenarios()


@functools.cache
def golden():
    """scripts/golden.py, which regenerates the README's outputs (and knows how their examples are set up)."""
    spec = importlib.util.spec_from_file_location("golden_script", ROOT / "scripts" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_has_runnable_examples_of_every_kind() -> None:
    commands = [s.command for steps in SCENARIOS for s in steps]
    assert "esante search imagerie" in commands  # the quick start
    assert any(c.startswith("esante export") and ">" in c for c in commands)
    assert sum(s.output is not None for steps in SCENARIOS for s in steps) >= 10


@pytest.mark.parametrize("steps", SCENARIOS, ids=[steps[0].command[:60] for steps in SCENARIOS])
def test_readme_commands_run_with_the_documented_exit_code_and_output(steps: list[Step], tmp_path: Path) -> None:
    work = tmp_path / "work"
    golden().copy_examples(work)  # dated as the README shows them
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESANTE_") and k not in ("NO_COLOR", "COLUMNS")}
    env.update(HOME=str(tmp_path / "home"), ESANTE_PYTHON=sys.executable)  # --install-completion writes there
    prelude = 'esante() { "$ESANTE_PYTHON" -m esante_cli "$@"; }\nset -o pipefail\n'
    for step in steps:
        done = subprocess.run(
            ["bash", "-c", prelude + step.command], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == step.code, (step.command, done.stderr)
        assert "Traceback" not in done.stderr
        if step.output:
            assert shown_output_pattern(step.output).match(done.stdout), (step.command, done.stdout)


# ---------------------------------------------------------------- every command documented


def registered_commands() -> dict[str, object]:
    from typer.main import get_command

    from esante_cli.cli import app

    return dict(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(registered_commands()))
def test_every_command_has_help_and_a_readme_section_with_an_example(name: str) -> None:
    command = registered_commands()[name]
    assert (command.help or "").strip(), f"{name} has no help text"  # type: ignore[attr-defined]
    assert re.search(rf"^#+ .*`esante {name}`", README, flags=re.M), f"no README section for esante {name}"
    examples = [text for _, text in code_blocks() if re.search(rf"(^|\$ |&& )esante {name}\b", text, flags=re.M)]
    assert examples, f"no README code block runs esante {name}"


# ---------------------------------------------------------------- screenshots


def screenshots_module():
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_every_screenshot_is_in_the_readme_and_exists() -> None:
    shots = screenshots_module().SHOTS
    embedded = re.findall(r"!\[[^\]]*\]\((docs/img/[^)]+)\)", README)
    assert {f"docs/img/{name}.svg" for name, _ in shots} == set(embedded)
    for path in embedded:
        assert (ROOT / path).read_text(encoding="utf-8").startswith("<svg")


def test_screenshots_show_the_current_output(capsys) -> None:
    assert screenshots_module().main(["--check"]) == 0, capsys.readouterr().err


def test_svg_text_extraction_sees_a_stale_screenshot(tmp_path: Path) -> None:
    module = screenshots_module()
    output = "\x1b[1mTitre\x1b[0m\n│ ligne │\n"
    document = module.svg(["search", "x"], output)
    assert module.plain("$ esante search x" + output) in module.svg_text(document)
    assert module.plain("$ esante search x" + output.replace("ligne", "autre")) not in module.svg_text(document)
