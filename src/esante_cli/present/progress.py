"""Progress on long work (an import, a first build of a large catalogue, a large export), drawn by
rich.progress on stderr — only when stderr is a terminal (never in a pipe, a log or a test) and
TERM is not dumb.

`working(label, steps)` is a context: it yields `step(text)`, which names the stage under way
(and moves the bar one stage on when `steps` is given). Nothing is drawn, and Rich is not even
imported, unless the work is still going after DELAY seconds: a run served from the cache
shows no flash of a spinner and pays nothing.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Callable, Iterator

DELAY = 1.0  # seconds of work before anything is shown (a cached load takes a few hundredths)

# What an import is doing, by the stage code the importers report (catalog/importers).
IMPORT_STAGES = {"read": "lecture du fichier", "convert": "tri et conversion des fiches", "write": "vérification et écriture du dossier"}


def allowed(stream: Any = None) -> bool:
    """A person watches `stream` (stderr): a terminal, and one that can redraw a line."""
    stream = stream or sys.stderr
    isatty = getattr(stream, "isatty", None)
    from esante_cli.present.render import settings

    return bool(isatty and isatty()) and not settings().dumb


class _Display:
    """The Rich progress display, started by a timer if the work outlasts DELAY."""

    def __init__(self, label: str, steps: int | None) -> None:
        self.label, self.steps = label, steps
        self.stage, self.done = "", 0
        self.progress: Any = None
        self.task: Any = None
        import threading

        self.lock = threading.Lock()
        self.closed = False

    def start(self) -> None:
        with self.lock:
            if self.closed:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
            if self.steps:
                columns.append(BarColumn(bar_width=20))
            columns.append(TimeElapsedColumn())
            console = Console(file=sys.stderr, highlight=False, markup=False, emoji=False)
            self.progress = Progress(*columns, console=console, transient=True)
            self.task = self.progress.add_task(self._text(), total=self.steps, completed=self.done)
            self.progress.start()

    def _text(self) -> str:
        return f"{self.label} : {self.stage}" if self.stage else f"{self.label}…"

    def step(self, stage: str) -> None:
        with self.lock:
            if self.stage and self.steps:
                self.done += 1
            self.stage = stage
            if self.progress is not None:
                self.progress.update(self.task, description=self._text(), completed=self.done)

    def stop(self) -> None:
        with self.lock:
            self.closed = True
            if self.progress is not None:
                self.progress.stop()


@contextmanager
def working(label: str, steps: int | None = None, enabled: bool | None = None) -> Iterator[Callable[[str], None]]:
    """Show `label` (and the stage named by each `step(…)`) while the body runs, if it lasts."""
    if not (allowed() if enabled is None else enabled):
        yield lambda stage: None
        return
    import threading  # only where progress may be drawn: a pipe pays nothing

    display = _Display(label, steps)
    timer = threading.Timer(DELAY, display.start)
    timer.daemon = True
    timer.start()
    try:
        yield display.step
    finally:
        timer.cancel()
        display.stop()
