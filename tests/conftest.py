"""Shared fixtures. Every test runs with a clean environment: no user data folder, no colour
settings inherited from the developer's shell, and a cache folder under tmp_path.

Isolation starts with the session (pytest_configure), before any test module is imported or
any module-scoped fixture loads data: HOME, XDG_CACHE_HOME and ESANTE_CACHE_DIR point into a
temporary folder for the whole run, so the real ~/.cache/esante is out of reach (it is not
compared before and after: other processes on the machine may use it meanwhile). At the end of
the session, the run fails if that temporary HOME was written to or the repository's data/ changed.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FIXTURE_DIR = Path(__file__).parent / "data" / "mini"
_session: dict[str, object] = {}


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder` with its size and modification time (empty when absent)."""
    if not folder.is_dir():
        return {}
    out = {}
    for path in folder.rglob("*"):
        try:
            stat = path.lstat()
        except OSError:
            continue
        out[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return out


def pytest_configure(config: pytest.Config) -> None:
    root = Path(tempfile.mkdtemp(prefix="esante-tests-"))
    home = root / "home"
    home.mkdir()
    _session.update(
        root=root,
        home=home,
        data_before=_snapshot(ROOT / "data"),
    )
    os.environ["HOME"] = str(home)
    os.environ["XDG_CACHE_HOME"] = str(root / "cache")
    os.environ["ESANTE_CACHE_DIR"] = str(root / "cache" / "esante")
    for name in ("ESANTE_DATA_DIR", "ESANTE_EXTRA_DIRS", "ESANTE_NO_CACHE"):
        os.environ.pop(name, None)


def session_home() -> Path:
    """The empty HOME of this test session."""
    return _session["home"]  # type: ignore[return-value]


def writes_outside_temporary_folders() -> list[str]:
    """What the session wrote where tests must not write (empty when hermetic)."""
    found = []
    home = _session["home"]
    assert isinstance(home, Path)
    found += [f"HOME de la session : {name}" for name in _snapshot(home)]
    if _snapshot(ROOT / "data") != _session["data_before"]:
        found.append(f"données du dépôt modifiées : {ROOT / 'data'}")
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _session:
        return
    found = writes_outside_temporary_folders()
    shutil.rmtree(_session["root"], ignore_errors=True)  # type: ignore[arg-type]
    if found:
        print("\nTests non hermétiques : " + " ; ".join(found))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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


# What the docs' examples show (scripts/golden.py doc_env): an 80-column terminal without colour.
DOCS_TERMINAL = {"COLUMNS": "80", "ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}


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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    """The relevance suite's share (tests/test_relevance.py), when it ran."""
    import sys

    module = sys.modules.get("test_relevance") or sys.modules.get("tests.test_relevance")
    results = getattr(module, "RESULTS", None)
    if results:
        passed = sum(results.values())
        terminalreporter.write_line(
            f"pertinence (tests/data/relevance.yaml) : {passed}/{len(results)} requêtes passent "
            f"({100 * passed / len(results):.1f} %)"
        )
