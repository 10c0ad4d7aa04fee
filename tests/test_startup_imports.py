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
    # Typer 0.29 validates every option value through pydantic: +150 ms per run (pyproject caps it)
    argv = ["esante", "validate", "--data-dir", str(mini_dir)]
    modules = _imported_after(f"sys.argv = {argv!r}\nfrom esante_cli.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass", {})
    assert "esante_cli.catalog.store" in modules
    assert "pydantic" not in modules

