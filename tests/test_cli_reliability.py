"""Issue 7: bad input never crashes esante, never lies, never runs code.

Every broken data folder is loaded through a real command with --json: the only output is one
French line on stderr naming the file (and line and field where they exist), a documented exit
code, nothing on stdout that a JSON reader could take for data, and no traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

import pytest

from esante_cli.errors import ExitCode


def edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return apply


def huge(folder: Path) -> None:
    line = "  - {id: s, name: n, category: technique, sources: [t]}\n"
    with (folder / "huge.yaml").open("w", encoding="utf-8") as f:
        f.write("skills:\n" + line * (50 * 1024 * 1024 // len(line)))


# (case, mutation, file named in the message, line or None, words the message must contain)
CASES = [
    ("bad indentation", write("skills.yaml", "skills:\n  - id: a\n   name: b\n"), "skills.yaml", 3, "indentation incorrecte"),
    ("unclosed quote", write("skills.yaml", 'skills:\n  - id: "a\n'), "skills.yaml", 2, "YAML invalide : guillemet « \" » ouvert ici"),
    ("tab indentation", write("skills.yaml", "skills:\n\t- id: a\n"), "skills.yaml", 2, "tabulation"),
    ("empty file", write("market.yaml", ""), "market.yaml", None, "fichier vide"),
    ("scalar file", write("market.yaml", "bonjour\n"), "market.yaml", 1, "doit contenir un dictionnaire"),
    ("list file", write("market.yaml", "- a\n"), "market.yaml", 1, "doit contenir un dictionnaire"),
    ("mapping section", write("market.yaml", "market:\n  id: x\n"), "market.yaml", 1, "doit être une liste"),
    ("missing field", edit("careers.yaml", "    summary: Pilote des projets de test.\n", ""), "careers.yaml", 20, "champ « summary »: champ obligatoire manquant"),
    ("salary as text", edit("sectors.yaml", "min: 38000", "min: beaucoup"), "sectors.yaml", 4, "champ « salary.min »: nombre attendu"),
    ("negative duration", edit("trainings.yaml", "value: 165", "value: -1"), "trainings.yaml", None, "durée négative"),
    ("min above max", edit("sectors.yaml", "min: 38000", "min: 48000"), "sectors.yaml", 4, "minimum (48000) supérieur au maximum (42000)"),
    ("unknown level", edit("careers.yaml", "entry_level: bac+5", "entry_level: bac+12"), "careers.yaml", 12, "niveau inconnu « bac+12 »"),
    ("duplicate in a file", edit("skills.yaml", "id: anatomie", "id: python"), "skills.yaml", 3, "« python » en double"),
    ("duplicate across files", write("zz.yaml", "trainings:\n  - {id: master-test, name: X, kind: master, sources: [t]}\n"), "zz.yaml", 2, "déjà défini dans trainings.yaml"),
    ("unknown reference", edit("careers.yaml", "skills: [python, anatomie]", "skills: [python, anatomi]"), "careers.yaml", 11, "référence inconnue « anatomi »"),
    ("cycle in programmes", edit("trainings.yaml", "    continuing: true\n", "    continuing: true\n    leads_to: [module-test]\n"), "trainings.yaml", 46, "cycle dans les enchaînements de formations : module-test → module-test"),
    ("cycle in evolutions", edit("careers.yaml", "sectors: [hopital, conseil]", "sectors: [hopital, conseil]\n    evolutions: [ingenieur-test]"), "careers.yaml", 17, "cycle dans les évolutions de métier : ingenieur-test → chef-test → ingenieur-test"),
    ("unknown field", edit("careers.yaml", "statuses:", "statuts:"), "careers.yaml", 16, "vouliez-vous dire « statuses »"),
    ("not UTF-8", write("market.yaml", "market:\n  - {id: x, label: Entrées}\n".encode("latin-1")), "market.yaml", 2, "UTF-8"),
    ("very long field", edit("careers.yaml", "Pilote des projets de test.", "x" * 1_000_000), "careers.yaml", 22, "texte trop long"),
    ("huge file", huge, "huge.yaml", None, "fichier trop volumineux"),
    ("python tag", write("market.yaml", "market: !!python/object/apply:os.system ['echo pwned']\n"), "market.yaml", 1, "balise YAML non autorisée"),
    ("ANSI escape", edit("careers.yaml", "summary: Pilote des projets de test.", 'summary: "Pilote \\x1b[2J des projets"'), "careers.yaml", 22, "caractère de contrôle interdit (U+001B)"),
    ("bidi override", edit("careers.yaml", "summary: Pilote des projets de test.", 'summary: "Pilote \\u202e des projets"'), "careers.yaml", 22, "U+202E"),
    # issue 15: YAML the stock loader accepts silently, crashes on, or reports in English
    ("duplicate key in a record", edit("careers.yaml", "    title: chef de projet test\n", "    title: chef de projet test\n    title: autre\n"), "careers.yaml", 22, "clé « title » en double (déjà à la ligne 21)"),
    ("duplicate section", write("market.yaml", "market: []\nmarket:\n  - {id: x, label: X, value: 1, unit: u, sources: [t]}\n"), "market.yaml", 2, "clé « market » en double (déjà à la ligne 1)"),
    ("duplicate nested key", edit("sectors.yaml", "{min: 38000,", "{min: 38000, min: 1,"), "sectors.yaml", 4, "clé « min » en double"),
    ("impossible date", edit("careers.yaml", "entry_level: bac+5", "entry_level: 2024-02-30"), "careers.yaml", 12, "date impossible « 2024-02-30 »"),
    ("!!int on text", edit("sectors.yaml", "growth_5y: 30", "growth_5y: !!int abc"), "sectors.yaml", 5, "« abc » n'est pas un nombre entier"),
    ("!!float on text", edit("sectors.yaml", "growth_5y: 30", "growth_5y: !!float nope"), "sectors.yaml", 5, "« nope » n'est pas un nombre"),
    ("!!bool on text", edit("trainings.yaml", "generic: true", "generic: !!bool peut-être"), "trainings.yaml", 8, "n'est pas un booléen"),
    ("integer over 4,300 digits", edit("sectors.yaml", "growth_5y: 30", "growth_5y: " + "9" * 5000), "sectors.yaml", 5, "nombre entier trop long (5000 chiffres)"),
    ("unhashable key", write("market.yaml", "market:\n  - ? [a, b]\n    : x\n"), "market.yaml", 2, "clé invalide : une liste ou un dictionnaire"),
    ("nesting depth", write("market.yaml", "market: " + "[" * 2000 + "]" * 2000 + "\n"), "market.yaml", 1, "structure trop imbriquée"),
    ("NUL character", write("market.yaml", "market:\n  - {id: x, label: \"a\x00b\"}\n"), "market.yaml", 2, "caractère interdit dans un fichier YAML (U+0000"),
    ("undefined alias", write("market.yaml", "market: *nulle-part\n"), "market.yaml", 1, "alias YAML (*nom) sans ancre"),
    ("recursive alias", write("market.yaml", "market: &m [*m]\n"), "market.yaml", 1, "alias YAML récursif"),
    ("alias amplification", write("zz.yaml", "l: &L [" + ", ".join(["x"] * 1000) + "]\nskills: [" + ", ".join(["*L"] * 20000) + "]\n"), "zz.yaml", 2, "les alias YAML (*nom) démultiplient ce fichier"),
]


@pytest.mark.parametrize("case, mutate, filename, line, words", CASES, ids=[c[0] for c in CASES])
def test_broken_data_gives_one_french_line_and_exit_3(invoke, mini_dir: Path, case, mutate, filename, line, words) -> None:
    mutate(mini_dir)
    result = invoke("market", "--json", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.DATA, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    [message] = result.stderr.splitlines()
    where = f"{mini_dir / filename}:{line}:" if line else f"{mini_dir / filename}"
    assert message.startswith(f"Erreur : {where}"), message
    assert words in message


def test_utf8_bom_is_accepted(invoke, mini_dir: Path) -> None:
    path = mini_dir / "market.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = invoke("market", "--json", "--data-dir", str(mini_dir))
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "entreprises-test"


@pytest.mark.parametrize(
    "setup, words",
    [
        (lambda d: d / "absent", "dossier de données introuvable"),
        (lambda d: d / "careers.yaml", "ce chemin est un fichier"),
    ],
    ids=["missing folder", "data-dir is a file"],
)
def test_bad_data_dir(invoke, mini_dir: Path, setup, words) -> None:
    target = setup(mini_dir)
    result = invoke("market", "--json", "--data-dir", str(target))
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert result.stderr == f"Erreur : {target}: {words}" + result.stderr.split(words, 1)[1]


def test_folder_without_careers(invoke, tmp_path: Path) -> None:
    (tmp_path / "skills.yaml").write_text("skills: []\n", encoding="utf-8")
    result = invoke("market", "--data-dir", str(tmp_path))
    assert result.exit_code == ExitCode.DATA
    assert "aucun métier dans ce dossier de données" in result.stderr


def test_unreadable_file(invoke, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from esante_cli.catalog import datafiles

    real = datafiles._read_regular
    monkeypatch.setattr(datafiles, "_read_regular", lambda path: (_ for _ in ()).throw(PermissionError(13, "denied")) if path.name == "skills.yaml" else real(path))
    result = invoke("market", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.DATA
    assert result.stderr == f"Erreur : {mini_dir / 'skills.yaml'}: lecture refusée (permissions)\n"


def test_markup_in_a_title_is_printed_literally(invoke, mini_dir: Path) -> None:
    edit("careers.yaml", "title: chef de projet test", 'title: "[bold red]chef[/] [link=http://x]test[/link]"')(mini_dir)
    result = invoke("evolutions", "ingenieur-test", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert "évolution\t1\t[bold red]chef[/] [link=http://x]test[/link]\tchef-test\t" in result.stdout  # a row, in a pipe


@pytest.mark.parametrize("limit", ["0", "-1"])
def test_limit_must_be_positive(invoke, limit: str) -> None:
    result = invoke("match", "rgpd", "--limit", limit)
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr == f"Erreur : --limit doit être un entier positif (reçu : {limit})\n"


def test_unknown_option(invoke) -> None:
    result = invoke("market", "--colour")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.splitlines()[0] == "Erreur : option inconnue : --colour"


def test_no_command_writes_to_the_data_folder(invoke, mini_dir: Path) -> None:
    before = {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in mini_dir.rglob("*")}
    for args in (["validate"], ["market"], ["compare"], ["path"], ["export"], ["evolutions", "chef-test"], ["match", "python"]):
        invoke(*args, "--data-dir", str(mini_dir))
    assert {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in mini_dir.rglob("*")} == before


def test_zero_width_and_rtl_characters_in_a_query_are_ignored(invoke) -> None:
    plain = invoke("search", "imagerie", "--json")
    tricky = invoke("search", "ima\u200bge\u200frie\u202e", "--json")
    assert tricky.exit_code == 0, tricky.output
    assert [r["id"] for r in json.loads(tricky.stdout)] == [r["id"] for r in json.loads(plain.stdout)]


@pytest.mark.parametrize("query", ["", "   ", "\u200b"])
def test_empty_query_is_a_usage_error(invoke, query: str) -> None:
    result = invoke("search", query)
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr.startswith("Erreur : requête vide")


def test_a_10000_character_query_answers_quickly(invoke) -> None:
    import time

    start = time.perf_counter()
    result = invoke("search", "imagerie " * 1112)
    assert time.perf_counter() - start < 5
    assert result.exit_code in (ExitCode.OK, ExitCode.NOT_FOUND)
    assert "Traceback" not in result.output


def test_markup_in_a_title_is_printed_literally_by_search_and_show(invoke, mini_dir: Path) -> None:
    edit("careers.yaml", "title: chef de projet test", 'title: "[bold red]chef[/] \\\\[link=x]test"')(mini_dir)
    for args in (["search", "chef"], ["show", "chef-test"]):
        result = invoke(*args, "--data-dir", str(mini_dir))
        assert result.exit_code == 0, result.output
        assert "[bold red]chef[/] \\[link=x]test" in result.stdout


def test_markup_is_printed_literally_on_a_terminal_too(invoke, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "rich_enabled", lambda stream=None: True)
    edit("careers.yaml", "title: chef de projet test", 'title: "[bold red]chef[/] test"')(mini_dir)
    result = invoke("show", "chef-test", "--data-dir", str(mini_dir), env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "[bold red]chef[/] test" in result.stdout


# ---------------------------------------------------------------- issue 15: entries, folders, messages


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: p.symlink_to(p.parent / "absent.yaml"), "lien symbolique cassé"),
        (lambda p: p.mkdir(), "c'est un dossier, pas un fichier de données"),
        (lambda p: os.mkfifo(p), "c'est un tube nommé (FIFO), pas un fichier de données : il n'est pas lu"),
    ],
    ids=["dangling symlink", "directory", "FIFO"],
)
@pytest.mark.parametrize("name", ["zz.yaml", "zz.YML"])
def test_an_entry_named_yaml_that_is_not_a_file_is_a_problem_naming_it(mini_dir: Path, make, words: str, name: str) -> None:
    import subprocess
    import sys

    entry = mini_dir / name
    make(entry)
    # subprocesses with a timeout: a FIFO that was opened would block for ever
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "esante_cli", *args, "--data-dir", str(mini_dir)], capture_output=True, text=True, timeout=120)

    done = run("validate", "--json")
    assert done.returncode == ExitCode.NOT_FOUND, done.stderr
    [problem] = json.loads(done.stdout)["problems"]
    assert problem["path"] == str(entry) and problem["message"].startswith(words)
    done = run("search", "python")  # through the catalogue cache
    assert done.returncode == ExitCode.DATA and done.stdout == ""
    assert done.stderr == f"Erreur : {entry}: {problem['message']}\n"


def test_a_symlink_to_a_data_file_is_read(mini_dir: Path, tmp_path: Path) -> None:
    from esante_cli.catalog import store

    target = tmp_path / "elsewhere.yaml"
    (mini_dir / "market.yaml").rename(target)
    (mini_dir / "market.yaml").symlink_to(target)
    assert store.check(mini_dir).problems == [] and store.check(mini_dir).catalog.get("entreprises-test")


def test_upper_case_suffixes_are_read_not_skipped(invoke, mini_dir: Path) -> None:
    (mini_dir / "market.yaml").rename(mini_dir / "market.YAML")
    result = invoke("market", "--json", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.stdout)] == ["entreprises-test"]


def test_an_unreadable_data_folder_is_exit_3_in_french(invoke, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as root every folder is readable: simulate the refusal where esante lists the folder,
    # and make sure Click's own check (« Path … is not readable », exit 2) is not involved
    real_iterdir, real_access = Path.iterdir, os.access
    monkeypatch.setattr(Path, "iterdir", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied")) if self == mini_dir else real_iterdir(self))
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == mini_dir else real_access(path, mode, **kw))
    for args in (["market"], ["validate"], ["search", "python"]):
        result = invoke(*args, "--data-dir", str(mini_dir))
        assert result.exit_code == ExitCode.DATA, result.output
        assert result.stderr == f"Erreur : {mini_dir}: dossier de données illisible (permissions)\n"


@pytest.mark.parametrize("option", ["--data-dir", "--with"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_folder_option_is_a_usage_error_not_the_current_folder(invoke, mini_dir: Path, monkeypatch: pytest.MonkeyPatch, option: str, value: str) -> None:
    monkeypatch.chdir(mini_dir)  # the current folder holds valid data: it must not be used silently
    for command in (["market", "--json"], ["validate"]):
        result = invoke(*command, option, value)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert result.stdout == ""
        assert result.stderr == f"Erreur : {option} vide : indiquez un dossier (« . » pour le dossier courant)\n"


def test_an_empty_environment_variable_means_unset(invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke("market", "--json", env={"ESANTE_DATA_DIR": "", "ESANTE_EXTRA_DIRS": ""})
    assert result.exit_code == 0 and result.stdout == invoke("market", "--json").stdout  # the shipped data


@pytest.mark.parametrize(
    "text, words",
    [
        ("null: []\n", "section inconnue « null » ; sections valides : careers, trainings, skills, sectors, market"),
        ("~: []\n", "section inconnue « null »"),
        ("carrers: []\n", "section inconnue « carrers » ; vouliez-vous dire « careers » ?"),
        ("true: []\n", "section inconnue « true »"),
        ("market:\n  - {id: x, label: X, value: 1, unit: u, sources: [t], null: 2}\n", "champ « null »: champ inconnu « null »"),
    ],
)
def test_unknown_sections_and_null_keys_are_named_as_written(invoke, mini_dir: Path, text: str, words: str) -> None:
    (mini_dir / "zz.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert words in result.stdout, result.stdout
    assert "inconnu « None »" not in result.stdout


def test_a_negative_growth_is_not_captioned_as_a_rise(invoke, mini_dir: Path) -> None:
    edit("sectors.yaml", "growth_5y: 30", "growth_5y: -50")(mini_dir)
    result = invoke("compare", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert "lue comme une hausse ou baisse (si négative) du salaire après 5 ans." in result.stderr  # the caption, beside the rows in a pipe
    assert "19–21 k€" in result.stdout  # 38–42 k€ × (1 − 0.5), lowest first
    shipped = invoke("compare")
    assert "lue comme une hausse du salaire après 5 ans." in shipped.stderr
