"""present/progress.py: long work shows progress on a terminal's stderr, and nothing elsewhere."""

from __future__ import annotations

import io
import sys
import time


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal_when_the_work_lasts(monkeypatch) -> None:
    from esante_cli.present import progress

    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(progress, "DELAY", 0.01)
    monkeypatch.delenv("TERM", raising=False)
    with progress.working("Import ROME 4.0", steps=3) as step:
        step(progress.IMPORT_STAGES["read"])
        time.sleep(0.3)
    assert "Import ROME 4.0 : lecture du fichier" in err.getvalue()


def test_quick_work_and_pipes_show_nothing_and_import_no_rich(monkeypatch) -> None:
    from esante_cli.present import progress

    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    with progress.working("Export csv") as step:  # done before the delay
        step("écriture")
    assert err.getvalue() == ""
    assert not progress.allowed(io.StringIO())  # a pipe or a file: never
    from esante_cli.present import render

    monkeypatch.setattr(render, "_output", render.Output(dumb=True))  # TERM=dumb, as the CLI reads it
    assert not progress.allowed(err)
