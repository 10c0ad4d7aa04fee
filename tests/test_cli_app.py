"""The console-script entry (app()) builds only the command being run, and answers exactly as
the whole app does."""

from __future__ import annotations

import pytest
import typer.main

from esante_cli.cli import app


def run_entry(capsys: pytest.CaptureFixture[str], *argv: str, whole: bool = False) -> tuple[int, str, str]:
    """Run as the console script does; `whole`: as plain Typer would, building every command."""
    entry = typer.main.get_command(app) if whole else app
    with pytest.raises(SystemExit) as done:
        entry(args=list(argv), prog_name="esante")
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "imagerie"],
        ["--no-cache", "search", "imagerie", "--json"],
        ["--debug", "show", "MET.602"],
        ["search", "--help"],
        ["--help"],
        ["--help", "search"],
        ["serch", "imagerie"],
        ["search", "--limit", "zéro"],
        ["evolutions", "xyzzy"],
    ],
)
def test_the_entry_answers_as_the_whole_app(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    expected = run_entry(capsys, *argv, whole=True)
    assert expected[1] or expected[2]
    assert run_entry(capsys, *argv) == expected


def test_only_the_command_run_is_built(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = typer.main.get_command_from_info

    def spy(command_info, **kwargs):
        built.append(command_info.callback.__name__)
        return real(command_info, **kwargs)

    monkeypatch.setattr(typer.main, "get_command_from_info", spy)
    count = len(app.registered_commands)
    assert run_entry(capsys, "--no-cache", "show", "MET.602")[0] == 0
    assert built == ["show"] and len(app.registered_commands) == count
    built.clear()
    run_entry(capsys, "--help")
    assert len(built) == count  # the help lists every command
