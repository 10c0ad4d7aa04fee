"""Rendered output pinned byte for byte at 60, 80 and 120 columns and in a pipe (tests/golden/).

Regenerate with `python scripts/golden.py` (tests/golden/README.md) and read the diff."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _golden_module():
    spec = importlib.util.spec_from_file_location("golden", ROOT / "scripts" / "golden.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


golden = _golden_module()
FILES = golden.golden_files()


@pytest.mark.parametrize("path", sorted(FILES), ids=lambda p: p.name)
def test_rendered_output_matches_its_golden_file(path: Path) -> None:
    args, width = FILES[path]
    assert path.exists(), f"{path.name} missing: run python scripts/golden.py"
    assert golden.render(args, width) == path.read_text(encoding="utf-8"), (
        f"esante {' '.join(args)} at {width or 'pipe'} changed: run python scripts/golden.py and read the diff"
    )


def test_every_golden_file_is_produced_by_the_script() -> None:
    assert {p.name for p in (ROOT / "tests" / "golden").glob("*.txt")} == {p.name for p in FILES}


@pytest.mark.parametrize("width", golden.WIDTHS)
def test_terminal_goldens_stay_within_their_width(width: int) -> None:
    for path, (args, w) in FILES.items():
        if w == width:  # every command wraps; a web address is kept whole, on a line of its own
            lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "://" not in line]
            assert max((len(line) for line in lines), default=0) <= width, path.name
