"""Issue 15: esante run as installed (a subprocess through entry.py), with hostile streams:
closed or full stdout, encodings without accents, Ctrl-C during start-up, widths on a terminal."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from esante_cli.errors import ExitCode

ESANTE = [sys.executable, "-m", "esante_cli"]
FULL = "Erreur : impossible d'écrire la sortie standard (plus de place sur le disque)\n"


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*ESANTE, *args], capture_output=True, env={**os.environ, **(env or {})}, timeout=120, **kwargs)


# ---------------------------------------------------------------- closed, full or vanishing stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["search", "imagerie"], ["validate"]])
def test_a_closed_stdout_is_one_french_line_and_exit_74(args: list[str]) -> None:
    done = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", *ESANTE, *args], capture_output=True, timeout=120)
    assert done.returncode == ExitCode.OUTPUT == 74
    assert done.stderr.decode() == "Erreur : impossible d'écrire la sortie standard (sortie fermée)\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [["--version"], ["--help"], ["export"], ["show", "MET.602"], ["search", "imagerie", "--json"]],
)
def test_a_full_stdout_is_one_french_line_and_exit_74(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([*ESANTE, *args], stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == ExitCode.OUTPUT
    assert done.stderr.decode() == FULL


def test_a_reader_that_leaves_early_ends_the_run_quietly() -> None:
    child = subprocess.Popen([*ESANTE, "export"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.read(10) == b'[\n  {\n    '
    child.stdout.close()
    assert child.wait(timeout=120) == 0
    assert child.stderr.read() == b""


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize("encoding", ["ascii", "cp1252", "latin-1"])
@pytest.mark.parametrize(
    "args, code",
    [
        (["show", "MET.602"], 0),
        (["compare"], 0),
        (["path", "--city", "lille"], 0),
        (["export", "--format", "csv"], 0),
        (["show", "xqzwvk"], 1),
        (["--help"], 0),
    ],
)
def test_output_degrades_to_the_encoding_instead_of_failing(encoding: str, args: list[str], code: int) -> None:
    done = run(*args, env={"PYTHONIOENCODING": encoding})
    assert done.returncode == code, done.stderr.decode(encoding, "replace")
    assert b"Traceback" not in done.stderr and b"erreur interne" not in done.stderr
    # valid in that encoding (Click writes its help in UTF-8 when told ASCII, which it takes for
    # a misconfigured locale: no failure either)
    out_encoding = "utf-8" if args == ["--help"] and encoding == "ascii" else encoding
    out, err = done.stdout.decode(out_encoding), done.stderr.decode(encoding)
    assert (out if code == 0 else err).strip()


def test_ascii_output_is_transliterated() -> None:
    done = run("show", "MET.602", env={"PYTHONIOENCODING": "ascii"})
    assert done.stdout.decode("ascii").splitlines()[0] == "ingenieur/e en imagerie medicale"
    done = run("show", "xqzwvk", env={"PYTHONIOENCODING": "ascii"})
    assert done.stderr.decode("ascii").startswith('Erreur : aucun resultat pour " xqzwvk "')


def test_json_stays_exact_in_any_encoding() -> None:
    utf8 = json.loads(run("search", "imagerie", "--json").stdout.decode("utf-8"))
    for encoding in ("ascii", "cp1252"):
        done = run("search", "imagerie", "--json", env={"PYTHONIOENCODING": encoding})
        assert json.loads(done.stdout.decode(encoding)) == utf8


def test_transliteration_table() -> None:
    from esante_cli.streams import _transliterate

    text = "«\u202fvaleur\u202f» 38\u202f000 € → bac+5 — œuvre • été « x »"
    assert text.encode("ascii", "esante-transliterate") == b'"valeur" 38 000 EUR -> bac+5 - oeuvre * ete " x "'
    assert "é « »".encode("cp1252", "esante-transliterate") == "é « »".encode("cp1252")
    assert _transliterate(UnicodeEncodeError("ascii", "\u4e2d", 0, 1, "x")) == ("?", 1)


# ---------------------------------------------------------------- Ctrl-C during start-up


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("delay", [0.0, 0.005, 0.02])
def test_ctrl_c_during_start_up_exits_quietly(delay: float) -> None:
    # -X importtime reports each import as it completes: once entry.py is imported (its first
    # lines set SIGINT's handling), interrupt while Typer, Click and the commands are loading.
    child = subprocess.Popen(
        [sys.executable, "-X", "importtime", "-m", "esante_cli", "search", "imagerie"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    seen = []
    for line in child.stderr:
        seen.append(line)
        if line.rstrip().endswith(b"esante_cli.entry"):
            break
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    child.wait(timeout=120)
    rest = [line for line in child.stderr.read().splitlines() if not line.startswith(b"import time:")]
    assert child.returncode in (-signal.SIGINT, ExitCode.INTERRUPTED), (child.returncode, rest)
    assert not any(b"Traceback" in line or b"KeyboardInterrupt" in line for line in rest), rest
    assert child.stdout.read() == b""


def test_entry_point_is_the_console_script() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["scripts"]["esante"] == "esante_cli.entry:main"


def test_ctrl_c_handling_is_restored_for_the_command() -> None:
    code = (
        "import signal, sys\n"
        "import esante_cli.entry as entry\n"
        "assert signal.getsignal(signal.SIGINT) is signal.SIG_DFL\n"
        "sys.argv = ['esante', '--version']\n"
        "try:\n"
        "    entry.main()\n"
        "finally:\n"
        "    print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.stderr.decode().strip() == "True"


def test_a_parent_that_ignores_ctrl_c_is_respected() -> None:
    code = "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)\nimport esante_cli.entry\nprint(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60).stdout.strip() == b"True"


# ---------------------------------------------------------------- widths on a terminal


@pytest.mark.parametrize("columns", ["0", "-3", "abc", "", "1", "5", "20", "99999", " 72 "])
def test_any_columns_value_on_a_terminal_gives_output(invoke, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "rich_enabled", lambda stream=None: True)
    for args in (["show", "MET.602"], ["market"], ["compare"], ["search", "imagerie"]):
        result = invoke(*args, env={"COLUMNS": columns})
        assert result.exit_code == 0, result.output
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in result.stdout.splitlines()]  # colours aside
        assert len(lines) > 3 and any(line.strip() for line in lines)
        assert max(len(line) for line in lines) <= render.MAX_WIDTH


@pytest.mark.parametrize(
    "columns, width",
    [("0", 80), ("-3", 80), ("abc", 80), ("", 80), ("1", 20), ("19", 20), ("20", 20), ("100", 100), ("99999", 500), (" 72 ", 72)],
)
def test_columns_are_made_sane(monkeypatch: pytest.MonkeyPatch, columns: str, width: int) -> None:
    from esante_cli.present import render

    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("ESANTE_FORCE_TERMINAL", "1")  # a terminal without a size of its own: 80
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=None: (_ for _ in ()).throw(OSError("not a terminal")))
    from esante_cli.cli.environment import output_from

    saved = render.settings()
    render.configure(output_from(os.environ))  # as the CLI does for each run
    try:
        assert render.width() == width
    finally:
        render.configure(saved)
