"""The test suite writes nothing outside its temporary folders (issue 15).

conftest.py points HOME, XDG_CACHE_HOME and ESANTE_CACHE_DIR into a temporary folder at session
start and fails the run at its end if anything was written to that HOME, to the real
~/.cache/esante or to the repository's data/. These tests check the isolation itself, and that
the commands write only to the cache folder they are given."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import ROOT, session_home, writes_outside_temporary_folders


def _inside(path: str | Path, folder: str | Path) -> bool:
    return Path(path).resolve().is_relative_to(Path(folder).resolve())


def test_session_points_home_and_caches_at_temporary_folders() -> None:
    temporary = tempfile.gettempdir()
    for name in ("HOME", "XDG_CACHE_HOME", "ESANTE_CACHE_DIR"):
        assert _inside(os.environ[name], temporary), (name, os.environ[name])
    assert Path(os.path.expanduser("~")) == session_home()


def test_each_test_gets_its_own_cache_folder(tmp_path: Path) -> None:
    assert _inside(os.environ["ESANTE_CACHE_DIR"], tmp_path)


def test_commands_in_process_write_nothing_in_home(invoke, mini_dir: Path, tmp_path: Path, monkeypatch) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for args in (["search", "python"], ["show", "chef-test"], ["validate"], ["export"], ["compare"], ["market", "--json"]):
        result = invoke(*args, "--data-dir", str(mini_dir))
        assert result.exit_code == 0, (args, result.output)
    assert list(home.iterdir()) == []
    assert any(Path(os.environ["ESANTE_CACHE_DIR"]).iterdir())  # the cache went where it was told


def test_installed_commands_write_only_to_the_cache_folder(tmp_path: Path) -> None:
    home, cache = tmp_path / "home", tmp_path / "cache"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME",)}
    env.update(HOME=str(home), ESANTE_CACHE_DIR=str(cache))
    for args in (["search", "imagerie"], ["show", "MET.602"], ["validate"], ["--help"]):
        done = subprocess.run([sys.executable, "-m", "esante_cli", *args], env=env, capture_output=True, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)
    assert list(home.iterdir()) == []
    # an installed wheel answers from its prebuilt database and may write no cache at all;
    # an editable install builds one, and only there
    assert {p.name for p in tmp_path.iterdir()} <= {"cache", "home"}


def test_nothing_written_outside_temporary_folders_so_far() -> None:
    # the same check runs once more when the session ends (conftest.pytest_sessionfinish)
    assert writes_outside_temporary_folders() == []
    assert (ROOT / "data").is_dir()
