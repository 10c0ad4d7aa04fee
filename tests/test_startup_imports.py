"""Start-up: what `esante --help`, `--version` and option parsing import (moved from test_cache.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def _imported_after(code: str, env_extra: dict[str, str]) -> set[str]:
    env = {**os.environ, **env_extra}
    probe = (
        "import sys\n" + code + "\nprint(' '.join(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True).stdout
    return set(out.split())


def test_help_and_version_import_no_heavy_module() -> None:
    for argv in (["--help"], ["--version"]):
        modules = _imported_after(f"import sys\nsys.argv = ['esante', *{argv!r}]\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {})
        assert "typer" in modules
        assert not {m.split(".")[0] for m in modules} & {"yaml", "rapidfuzz", "rich", "pydantic"}, argv
        assert not modules & {"esante_cli.catalog.store", "esante_cli.catalog.models", "esante_cli.catalog.engine"}, argv


def test_parsing_options_does_not_import_pydantic(mini_dir: Path) -> None:
    # Typer 0.29 imports pydantic to build any command: ~90 ms per run (pyproject caps it; docs/performance.md)
    argv = ["esante", "validate", "--data-dir", str(mini_dir)]
    modules = _imported_after(f"sys.argv = {argv!r}\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {})
    assert "esante_cli.catalog.store" in modules
    assert "pydantic" not in modules



def test_a_command_run_imports_only_its_own_command_module() -> None:
    modules = _imported_after(
        "import sys\nsys.argv = ['esante', 'search', '--help']\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {}
    )
    commands = {m for m in modules if m.startswith("esante_cli.cli.")}
    assert commands == {"esante_cli.cli.app", "esante_cli.cli.french", "esante_cli.cli.environment", "esante_cli.cli.search", "esante_cli.cli.completion", "esante_cli.cli.names"}


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    """app.COMMAND_MODULES is what lets a run import one module: a command missing from it
    would only run through the full load, one mapped to the wrong module would not run."""
    import importlib

    from esante_cli.cli.french import FrenchCommand

    app_module = importlib.import_module("esante_cli.cli.app")  # the package's `app` is the Typer app

    registered = {app_module._name(c): c for c in app_module.app.registered_commands}
    assert set(registered) == set(app_module.COMMAND_MODULES)
    for name, command in registered.items():
        assert command.callback.__module__ == f"esante_cli.cli.{app_module.COMMAND_MODULES[name]}", name
        assert command.cls is FrenchCommand, name


def test_the_collector_is_off_while_modules_load_and_back_for_the_command() -> None:
    """entry.py: gc off during imports, the start-up objects frozen, gc on for the command."""
    probe = (
        "import gc, os, sys\n"
        "import esante_cli.entry as entry\n"
        "print(gc.isenabled())\n"
        "seen = []\n"
        "import esante_cli.cli.environment as env\n"
        "real = env.Environment.load\n"
        "env.Environment.load = lambda self, *a: seen.append((gc.isenabled(), gc.get_freeze_count())) or real(self, *a)\n"
        "sys.argv = ['esante', 'search', 'imagerie']\n"
        "sys.stdout = open(os.devnull, 'w')\n"
        "code = entry.main()\n"
        "sys.stdout = sys.__stdout__\n"
        "print(code, seen[0][0], seen[0][1] > 10000, gc.isenabled())\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "False"
    assert out[1] == "0 True True True"
