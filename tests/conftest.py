"""Shared fixtures. Every test runs with a clean environment: no user data folder, no colour
settings inherited from the developer's shell, and a cache folder under tmp_path."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

FIXTURE_DIR = Path(__file__).parent / "data" / "mini"
_SESSION_TMP = tempfile.mkdtemp(prefix="esante-tests-")


def pytest_configure(config: pytest.Config) -> None:
    """Before any test module is imported or any module-scoped fixture loads data: the cache
    (cli/environment.py resolves it from these variables) points at a temporary folder."""
    os.environ["XDG_CACHE_HOME"] = os.path.join(_SESSION_TMP, "xdg-cache")
    os.environ["ESANTE_CACHE_DIR"] = os.path.join(_SESSION_TMP, "cache", "esante")
    os.environ.pop("ESANTE_NO_CACHE", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_TMP, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS", "ESANTE_NO_CACHE", "NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "ESANTE_FORCE_TERMINAL"):
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
    """Run the CLI in-process: invoke("search", "imagerie") -> click Result."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env)

    return run
