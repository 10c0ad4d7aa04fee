"""Output modes of every command: plain text in pipes, under NO_COLOR and TERM=dumb; Rich on a
terminal (forced with ESANTE_FORCE_TERMINAL=1, width fixed by COLUMNS); --pager only on a terminal."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BOX = re.compile("[\u2500-\u257f]")  # box drawing: ─ │ ┏ ├ ╭ …

# One real run of each command on the shipped data.
COMMANDS = {
    "search": ["search", "imagerie"],
    "show": ["show", "ingenieur-imagerie-medicale"],
    "path": ["path", "--city", "lille", "--details"],
    "compare": ["compare"],
    "compare --careers": ["compare", "--careers", "dsi", "ingenieur-e-sante"],
    "compare --trainings": ["compare", "--trainings", "master-st4health-psl", "esiee-filiere-e-sante-biotech"],
    "match": ["match", "traitement d'image, algorithmes, RGPD"],
    "evolutions": ["evolutions", "chef-de-projet-e-sante"],
    "market": ["market"],
    "validate": ["validate"],
    "export": ["export", "--format", "csv", "--kind", "market"],
}
RICH_COMMANDS = [name for name in COMMANDS if name not in ("validate", "export")]
PAGED = ["search", "show", "path", "compare", "match", "evolutions", "market"]
TERMINAL = {"ESANTE_FORCE_TERMINAL": "1", "COLUMNS": "100"}


def run(invoke, name: str, env: dict[str, str] | None = None, extra: tuple[str, ...] = ()):
    result = invoke(*COMMANDS[name], *extra, env=env)
    assert result.exit_code == 0, (name, result.output)
    return result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_piped_output_has_no_colour_codes_and_no_box_drawing(invoke, name: str) -> None:
    out = run(invoke, name)
    assert out.strip()
    assert not ANSI.search(out), name
    assert not BOX.search(out), name


@pytest.mark.parametrize("name", COMMANDS)
def test_a_dumb_terminal_gets_the_plain_output(invoke, name: str) -> None:
    plain = run(invoke, name, env={"COLUMNS": TERMINAL["COLUMNS"]})
    assert run(invoke, name, env={**TERMINAL, "TERM": "dumb"}) == plain


@pytest.mark.parametrize("name", COMMANDS)
def test_no_color_on_a_terminal_keeps_the_drawing_without_any_escape_code(invoke, name: str) -> None:
    """no-color.org: no colour, not a worse layout. Not even bold or dim is written."""
    no_color = run(invoke, name, env={**TERMINAL, "NO_COLOR": "1"})
    assert not re.search("\x1b", no_color), name
    assert no_color == ANSI.sub("", run(invoke, name, env=TERMINAL))


@pytest.mark.parametrize("name", RICH_COMMANDS)
def test_forced_terminal_draws_with_rich_within_columns(invoke, name: str) -> None:
    out = run(invoke, name, env=TERMINAL)
    assert ANSI.search(out), "a terminal gets styles"
    text = ANSI.sub("", out)
    assert BOX.search(text), "Rich draws boxes, rules or tree guides"
    assert text != run(invoke, name)
    assert max(len(line) for line in text.splitlines()) <= 100


@pytest.mark.parametrize("name", ["validate", "export"])
def test_validate_and_export_print_the_same_text_on_a_terminal(invoke, name: str) -> None:
    """The same words; validate's lines wrap on a terminal only (a pipe or a log keeps each whole)."""
    on_a_terminal = run(invoke, name, env={**TERMINAL, "COLUMNS": "60"})
    piped = run(invoke, name, env={"COLUMNS": "60"})
    assert on_a_terminal.split() == piped.split()
    # Past the edge only an absolute path kept whole (a site-packages data folder: a wheel install).
    too_wide = [line for line in on_a_terminal.splitlines() if len(line) > 60]
    assert all(re.fullmatch(r"\s*\(?/\S+\)?(?: :)?", line) for line in too_wide) or name == "export", too_wide
    if name == "validate":
        assert len(piped.splitlines()) == 1


def test_forced_terminal_follows_columns(invoke) -> None:
    narrow = ANSI.sub("", run(invoke, "show", env={**TERMINAL, "COLUMNS": "60"}))
    wide = ANSI.sub("", run(invoke, "show", env={**TERMINAL, "COLUMNS": "140"}))
    # the card's rules span the whole width; a web address too long for it stays whole, on a line of its own
    for text, columns in ((narrow, 60), (wide, 140)):
        lines = text.splitlines()
        assert len(lines[0]) == len(lines[-1]) == columns and lines[-1].startswith("─")
        assert all(len(line) <= columns for line in lines if "https://" not in line)
    assert all(line.split() == [line.strip()] and "https://" in line for line in narrow.splitlines() if len(line) > 60)


def test_forced_terminal_value_zero_means_not_forced(invoke) -> None:
    assert run(invoke, "search", env={"ESANTE_FORCE_TERMINAL": "0"}) == run(invoke, "search")


def test_a_wide_table_becomes_blocks_on_a_narrow_terminal_and_stays_a_table_on_a_wide_one(invoke) -> None:
    narrow = ANSI.sub("", run(invoke, "market", env=TERMINAL))
    assert "┏" not in narrow
    assert re.search(r"^Entreprises de la e-santé ─+$", narrow, flags=re.M)
    assert re.search(r"^valeur +6\u202f500 entreprises *$", narrow, flags=re.M)
    wide = ANSI.sub("", run(invoke, "market", env={**TERMINAL, "COLUMNS": "500"}))
    assert "┃ chiffre" in wide and "│ Entreprises de la e-santé" in wide


def test_match_blocks_keep_every_cell(invoke) -> None:
    out = ANSI.sub("", run(invoke, "match", env=TERMINAL))
    assert re.search(r"^ingénieur/e en imagerie médicale \(ingenieur-imagerie-medicale\) ─+$", out, flags=re.M)
    assert re.search(r"^rang +1 *$", out, flags=re.M)
    assert re.search(r"^niveau d'entrée +bac\+5 *$", out, flags=re.M)


def test_plain_mode_does_not_import_rich() -> None:
    code = (
        "import sys\n"
        "from esante_cli.cli import app\n"
        "sys.argv = ['esante', 'show', 'ingenieur-imagerie-medicale']\n"
        "try:\n    app(prog_name='esante')\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("ingénieur/e en imagerie médicale\n")
    assert done.stderr == "[]"


# ---------------------------------------------------------------- --pager


@pytest.mark.parametrize("name", PAGED)
def test_pager_in_a_pipe_changes_nothing(invoke, name: str) -> None:
    assert run(invoke, name, extra=("--pager",)) == run(invoke, name)


def test_pager_on_a_terminal_receives_the_whole_output(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    paged: list[str] = []
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setattr(render, "page", paged.append)
    result = invoke("show", "ingenieur-imagerie-medicale", "--pager", env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert result.stdout == ""
    assert paged == [run(invoke, "show", env={**TERMINAL, "NO_COLOR": "1"})]  # drawn for the terminal, no colour


def test_pager_on_a_terminal_keeps_rich_drawing_at_the_terminal_width(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    paged: list[str] = []
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setattr(render, "page", paged.append)
    result = invoke("path", "--city", "lille", "--details", "--pager", env=TERMINAL)
    assert result.exit_code == 0 and result.stdout == ""
    text = ANSI.sub("", paged[0])
    assert "├── Cycle ingénieur JUNIA HEI" in text and "┃ N° ┃" in text
    assert max(len(line) for line in text.splitlines()) <= 100


def test_no_pager_without_the_option_or_for_json(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    paged: list[str] = []
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setattr(render, "page", paged.append)
    assert invoke("show", "ingenieur-imagerie-medicale").stdout
    assert invoke("show", "ingenieur-imagerie-medicale", "--json", "--pager").stdout.startswith("{")
    assert paged == []


def test_pager_error_keeps_stdout_and_exit_code(invoke, monkeypatch) -> None:
    from esante_cli.present import render

    paged: list[str] = []
    monkeypatch.setattr(render, "is_terminal", lambda: True)
    monkeypatch.setattr(render, "page", paged.append)
    result = invoke("show", "zzzzqqq", "--pager")
    assert result.exit_code == 1 and paged == [] and result.stderr.startswith("Erreur : ")


def test_pager_uses_less_with_colours_when_less_is_unset(monkeypatch, tmp_path) -> None:
    from esante_cli.present import render

    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.delenv("MANPAGER", raising=False)
    monkeypatch.setenv("PAGER", f"cat > {tmp_path}/text; printenv LESS > {tmp_path}/less")
    from esante_cli.cli.environment import output_from

    monkeypatch.setattr(render, "_output", output_from(__import__("os").environ))  # as the CLI does per run
    render.page("bonjour\n")
    assert (tmp_path / "text").read_text() == "bonjour\n" and (tmp_path / "less").read_text() == "FRX\n"
    assert "LESS" not in __import__("os").environ
    monkeypatch.setenv("LESS", "-S")
    monkeypatch.setattr(render, "_output", output_from(__import__("os").environ))
    render.page("x")
    assert (tmp_path / "less").read_text() == "-S\n"


def test_a_failing_pager_still_shows_the_output_and_says_so(monkeypatch, capsys) -> None:
    """Issue 26: pydoc showed nothing when $PAGER failed."""
    from esante_cli.present import render

    monkeypatch.delenv("MANPAGER", raising=False)
    for pager in ("false", "esante-no-such-pager"):
        monkeypatch.setenv("PAGER", pager)
        from esante_cli.cli.environment import output_from

        monkeypatch.setattr(render, "_output", output_from(__import__("os").environ))  # as the CLI does per run
        render.page("la réponse\n")
        captured = capsys.readouterr()
        assert captured.out == "la réponse\n"
        assert f"Attention : le pager « {pager} » a échoué" in captured.err


def test_rows_get_a_rule_between_them_only_when_cells_wrap(invoke) -> None:
    narrow = ANSI.sub("", run(invoke, "search", env=TERMINAL))
    assert "├─" in narrow  # 100 columns: names and ids take two lines, rules keep rows apart
    wide = ANSI.sub("", run(invoke, "search", env={**TERMINAL, "COLUMNS": "400"}))
    assert "├─" in wide  # the id under the name: two lines per row at any width
    one_line = ANSI.sub("", run(invoke, "compare", env={**TERMINAL, "COLUMNS": "400"}))
    assert "┃ Secteur" in one_line and "├─" not in one_line
    assert re.search(r"^│ métier +│ ingénieur/e en imagerie médicale +│ bac\+5 · à partir de", wide, flags=re.M)
    assert re.search(r"^│ +│ ingenieur-imagerie-medicale +│", wide, flags=re.M)


# ---------------------------------------------------------------- widths (a real pseudo-terminal)

NAMES_AT_80 = ["ingénieur/e en imagerie médicale", "Algorithmique pour l'imagerie", "Traitement et analyse d'images médicales"]


def _in_a_pty(args: list[str], columns: int) -> str:
    """What `esante ARGS` writes to a real pseudo-terminal of `columns` columns (colour codes removed)."""
    import fcntl
    import os
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: its stdout is the terminal
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "ESANTE_FORCE_TERMINAL")}
        env["TERM"] = "xterm-256color"
        os.execve(sys.executable, [sys.executable, "-m", "esante_cli", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.waitpid(pid, 0)
    return ANSI.sub("", b"".join(chunks).decode("utf-8").replace("\r\n", "\n"))


@pytest.mark.parametrize("columns", [60, 80, 100, 120])
def test_in_a_real_terminal_every_word_of_the_top_names_is_whole_and_lines_fit(columns: int) -> None:
    out = _in_a_pty(["search", "imagerie"], columns)
    assert max(len(line) for line in out.splitlines()) <= columns
    cells = re.sub(r"[│┃]", "\n", out)  # every cell's text, one line each
    for name in NAMES_AT_80:
        words = name.split()
        assert all(re.search(rf"(^|\s){re.escape(w)}(\s|$)", cells, flags=re.M) for w in words), (name, out)


@pytest.mark.parametrize("columns", range(36, 61, 4))
def test_show_never_splits_a_figure(invoke, columns: int) -> None:
    out = ANSI.sub("", run(invoke, "show", env={**TERMINAL, "COLUMNS": str(columns)}))
    # a web address is kept whole, past the edge if need be, on a line of its own in the card
    assert max(len(line) for line in out.splitlines() if "https://" not in line) <= columns
    assert re.search(r"2\u202f000 €", out), out  # « à partir de 2 000 € brut mensuel » keeps its figure whole


def test_an_error_is_wrapped_between_words_on_a_terminal_and_whole_in_a_pipe(invoke) -> None:
    from esante_cli.explore.search import NOTHING_CLOSE

    out = _in_a_pty(["show", "MET.999"], 60)
    lines = out.splitlines()
    assert lines[0] == "Erreur : aucun résultat pour « MET.999 »"
    assert max(len(line) for line in lines) <= 60 and len(lines) >= 4
    assert " ".join(line.strip() for line in lines[1:]) == NOTHING_CLOSE  # cut between words only
    piped = invoke("show", "MET.999")
    assert (piped.exit_code, piped.stderr) == (1, f"Erreur : aucun résultat pour « MET.999 »\n{NOTHING_CLOSE}\n")


@pytest.mark.parametrize("columns", ["60", "80", "100"])
@pytest.mark.parametrize("words", [("imagerie",), ("formation", "Lille"), ("je", "veux", "travailler", "dans", "la", "santé")])
def test_an_id_is_never_cut_it_is_what_people_copy(invoke, columns: str, words: tuple[str, ...]) -> None:
    for env in ({**TERMINAL, "COLUMNS": columns}, {"COLUMNS": columns}):
        result = invoke("search", *words, "--json", env=env)
        ids = [hit["id"] for hit in json.loads(result.stdout)]
        out = ANSI.sub("", invoke("search", *words, env=env).stdout)
        cells = re.sub(r"[│┃]", "\n", out)
        for record_id in ids:
            assert re.search(rf"(^|\s){re.escape(record_id)}(\s|$)", cells, flags=re.M), (record_id, columns, out)


def test_a_nurse_is_pointed_to_the_retraining_programmes(invoke) -> None:
    for word in ("infirmier", "infirmière", "nurse"):
        result = invoke("search", word)
        assert result.exit_code == 1, word  # a health profession outside e-health, said so (issue 25)
        assert "est un métier de la santé, hors de l'e-santé" in result.stderr, word
        assert "Campus Cinerg'e-Santé (cinerge-sante)" in result.stderr, word
        assert "Pour passer d'un métier du soin à l'e-santé, les formations de reconversion : esante search reconversion" in " ".join(result.stderr.split()), word
