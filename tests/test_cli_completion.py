"""Shell completion: ids where a command expects one, fixed words for choices, and nothing loaded
outside a completion request."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from esante_cli.cli import completion

MINI = Path(__file__).parent / "data" / "mini"


def ctx(**params):
    """What Click hands a completion function: the parameters parsed so far."""
    return SimpleNamespace(params={"data_dir": MINI, "extra": None, **params})


def values(found: list[tuple[str, str]]) -> list[str]:
    return [value for value, _ in found]


def test_show_completes_every_kind_of_id_with_its_name() -> None:
    assert completion.any_record(ctx(), "") == [
        ("ingenieur-test", "ingénieur/e test en imagerie"),
        ("chef-test", "chef de projet test"),
        ("bac-test", "baccalauréat"),
        ("licence-test", "Licence test"),
        ("master-test", "Master test santé"),
        ("ecole-test", "École test"),
        ("module-test", "Module test"),
        ("python", "Programmation Python"),
        ("anatomie", "Anatomie"),
        ("gestion-projet", "Gestion de projet"),
        ("hopital", "Hôpitaux test"),
        ("conseil", "Conseil test"),
        ("entreprises-test", "Entreprises test"),
    ]


def test_show_completes_the_prefix_and_only_the_first_word() -> None:
    assert values(completion.any_record(ctx(), "ch")) == ["chef-test"]
    assert completion.any_record(ctx(query=["chef-test"]), "") == []


def test_evolutions_and_path_career_complete_career_ids() -> None:
    assert values(completion.career(ctx(), "")) == ["ingenieur-test", "chef-test"]
    assert values(completion.career(ctx(), "i")) == ["ingenieur-test"]


def test_compare_completes_sectors_then_careers_or_trainings_not_yet_given() -> None:
    assert values(completion.compare_names(ctx(), "")) == ["hopital", "conseil"]
    assert values(completion.compare_names(ctx(names=["hopital"]), "")) == ["conseil"]
    assert values(completion.compare_names(ctx(careers=True), "")) == ["ingenieur-test", "chef-test"]
    assert values(completion.compare_names(ctx(trainings=True), "m")) == ["master-test", "module-test"]


def test_match_completes_skill_ids_not_yet_given() -> None:
    assert values(completion.skill(ctx(skills=["python"]), "")) == ["anatomie", "gestion-projet"]


def test_overlay_records_are_completed_too(tmp_path: Path) -> None:
    (tmp_path / "extra.yaml").write_text(
        "sectors:\n  - {id: cliniques, name: Cliniques, sources: [test]}\n", encoding="utf-8"
    )
    assert values(completion.compare_names(ctx(extra=[tmp_path]), "")) == ["hopital", "conseil", "cliniques"]


def test_broken_data_completes_nothing(tmp_path: Path) -> None:
    (tmp_path / "careers.yaml").write_text("careers: [", encoding="utf-8")
    assert completion.career(ctx(data_dir=tmp_path), "") == []
    assert completion.career(ctx(data_dir=tmp_path / "absent"), "") == []


def test_fixed_choices() -> None:
    assert values(completion.search_type("")) == [
        "métier", "formation", "compétence", "secteur", "career", "training", "skill", "sector",
    ]  # fmt: skip
    assert values(completion.search_type("s")) == ["secteur", "skill", "sector"]
    assert values(completion.export_kind("")) == ["career", "training", "skill", "sector", "market"]
    assert values(completion.export_format("y")) == ["yaml"]
    assert values(completion.sort_key("")) == ["salaire", "croissance", "nom", "salary", "growth", "name"]
    assert values(completion.level("bac+")) == [f"bac+{n}" for n in range(1, 9)]


def test_every_completed_choice_is_accepted_by_its_command(invoke) -> None:
    for kind in values(completion.search_type("")):
        assert invoke("search", "test", "--type", kind, "--data-dir", str(MINI)).exit_code in (0, 1)
    for kind in values(completion.export_kind("")):
        assert invoke("export", "--kind", kind, "--data-dir", str(MINI)).exit_code == 0
    for key in values(completion.sort_key("")):
        assert invoke("compare", "--sort", key, "--data-dir", str(MINI)).exit_code == 0
    for record_id in values(completion.any_record(ctx(), "")):
        assert invoke("show", record_id, "--data-dir", str(MINI)).exit_code == 0


# ---------------------------------------------------------------- through the shell protocol


def complete(words: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """What bash runs on <Tab> (see `esante --show-completion bash`)."""
    line = words.split(" ")
    environ = {
        **os.environ,
        "_ESANTE_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(line) - 1),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "esante_cli"], env=environ, capture_output=True, text=True, timeout=60
    )


def test_bash_completion_of_show_ids_end_to_end() -> None:
    done = complete("esante show ingenieur-")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.split() == ["ingenieur-imagerie-medicale", "ingenieur-e-sante", "ingenieur-rd-sante"]


def test_bash_completion_honours_data_dir_on_the_line() -> None:
    done = complete(f"esante compare --careers --data-dir {MINI} ")
    assert done.stdout.split() == ["ingenieur-test", "chef-test"]


def test_bash_completion_knows_the_french_names_and_their_arguments() -> None:
    assert complete("esante rech").stdout.split() == ["recherche"]
    assert complete("esante c").stdout.split() == ["compare", "comparer", "correspondance"]
    assert complete("esante fiche ingenieur-").stdout.split() == complete("esante show ingenieur-").stdout.split()
    assert complete("esante comparer -o x --format csv").stdout.split() == ["csv", "csv-fr"]


def test_bash_completion_of_commands_and_choices() -> None:
    assert complete("esante ev").stdout.split() == ["evolutions"]
    assert complete("esante év").stdout.split() == ["évolutions"]
    assert complete("esante export --kind s").stdout.split() == ["skill", "sector"]


@pytest.mark.parametrize(
    "command",
    [["search", "imagerie"], ["--help"], ["show", "--help"]],
)
def test_ordinary_runs_never_call_completion(monkeypatch, invoke, command: list[str]) -> None:
    calls: list[str] = []
    monkeypatch.setattr(completion, "_catalog", lambda ctx: calls.append("load"))
    assert invoke(*command).exit_code == 0
    assert calls == []


def test_show_completion_prints_a_bash_script(invoke, monkeypatch) -> None:
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")  # --show-completion SHELL
    result = invoke("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_ESANTE_COMPLETE=complete_bash" in result.stdout and "complete -o default -F" in result.stdout
