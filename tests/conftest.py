"""Shared fixtures. Every test runs with a clean environment: no user data folder, no colour
settings inherited from the developer's shell, and a cache folder under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_DIR = Path(__file__).parent / "data" / "mini"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "ESANTE_FORCE_TERMINAL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("ESANTE_CACHE_DIR", str(tmp_path / "cache" / "esante"))


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURE_DIR, target)
    return target


@pytest.fixture
def invoke():
    """Run the CLI in-process: invoke("search", "imagerie") -> click Result (COLUMNS=1000 by default)."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None):
        # Content tests read one logical line per row: plain output unwrapped unless a test sets
        # COLUMNS. How lines wrap at real widths is pinned by the golden files (test_golden.py).
        return runner.invoke(app, list(args), env={"COLUMNS": "1000", **(env or {})})

    return run
