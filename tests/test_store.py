"""Loading and validation of data folders: one test per kind of problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.catalog import datafiles, store
from esante_cli.cli.environment import Environment
from esante_cli.errors import EsanteError
from esante_cli.catalog.models import Career, Salary, Training


def problems_of(directory: Path) -> list[EsanteError]:
    return store.check(directory)[1]


def only_problem(directory: Path) -> EsanteError:
    problems = problems_of(directory)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_loads_into_typed_records(mini_dir: Path) -> None:
    catalog = store.load(mini_dir)
    assert catalog.counts() == {"career": 2, "training": 5, "skill": 3, "sector": 2, "market": 1}
    career = catalog.get("ingenieur-test")
    assert isinstance(career, Career)
    assert career.name == "ingénieur/e test en imagerie"
    assert career.rome == ("H1206",) and career.onisep == "MET.999"
    assert career.salary == Salary(2000, None, "mensuel")
    training = catalog.get("module-test")
    assert isinstance(training, Training)
    assert training.training_kind == "module" and training.duration.unit == "heures"
    assert training.continuing is True and training.entry_level is None


def test_origins_are_the_reverse_of_evolutions(mini_dir: Path) -> None:
    catalog = store.load(mini_dir)
    assert [c.id for c in catalog.origins("chef-test")] == ["ingenieur-test"]


def test_data_dir_from_environment(mini_dir: Path) -> None:
    environment = Environment(no_cache=True, environ={"ESANTE_DATA_DIR": str(mini_dir)})
    assert environment.data_folders(None) == (str(mini_dir), [])
    assert len(environment.load(None)) == 13


def test_option_beats_environment(mini_dir: Path, tmp_path: Path) -> None:
    environment = Environment(no_cache=True, environ={"ESANTE_DATA_DIR": str(tmp_path / "nowhere")})
    assert store.resolve_data_dir(environment.data_folders(mini_dir)[0]) == mini_dir


def test_the_core_reads_no_environment_variable(mini_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the CLI resolves ESANTE_DATA_DIR and ESANTE_EXTRA_DIRS (cli/environment.py) and passes them down
    monkeypatch.setenv("ESANTE_DATA_DIR", str(mini_dir))
    monkeypatch.setenv("ESANTE_EXTRA_DIRS", str(tmp_path / "nowhere"))
    assert store.resolve_data_dir() == store.shipped_data_dir()
    assert store.resolve_extra_dirs() == []


def test_missing_data_dir_is_named(tmp_path: Path) -> None:
    with pytest.raises(EsanteError) as err:
        store.load(tmp_path / "absent")
    assert "dossier de données introuvable" in err.value.message
    assert err.value.path.endswith("absent")


def test_data_dir_that_is_a_file(mini_dir: Path) -> None:
    with pytest.raises(EsanteError, match="fichier, pas un dossier"):
        store.load(mini_dir / "careers.yaml")


def test_folder_without_yaml(tmp_path: Path) -> None:
    with pytest.raises(EsanteError, match="aucun fichier .yaml"):
        store.load(tmp_path)


def test_folder_without_careers(mini_dir: Path) -> None:
    (mini_dir / "careers.yaml").unlink()
    (mini_dir / "sectors.yaml").write_text("sectors: []\n", encoding="utf-8")
    problems = problems_of(mini_dir)
    # the trainings still refer to the removed careers: those are reported, and so is the absence
    assert any("référence inconnue « ingenieur-test »" in p.message for p in problems)


def test_empty_folder_of_careers_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "skills.yaml").write_text("skills: []\n", encoding="utf-8")
    problem = only_problem(tmp_path)
    assert "aucun métier" in problem.message


def test_bad_indentation_gives_line(mini_dir: Path) -> None:
    (mini_dir / "skills.yaml").write_text("skills:\n  - id: a\n   name: b\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert problem.path.endswith("skills.yaml") and problem.line == 3
    assert problem.message.startswith("YAML invalide")


def test_unclosed_quote(mini_dir: Path) -> None:
    (mini_dir / "skills.yaml").write_text('skills:\n  - id: "a\n    name: b\n', encoding="utf-8")
    problem = only_problem(mini_dir)
    assert problem.message.startswith("YAML invalide") and problem.line is not None


def test_tab_indentation(mini_dir: Path) -> None:
    (mini_dir / "skills.yaml").write_text("skills:\n\t- id: a\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert "tabulation" in problem.message and problem.line == 2


def test_empty_file(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("", encoding="utf-8")
    assert "fichier vide" in only_problem(mini_dir).message


def test_file_that_is_a_list(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("- a\n- b\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert "doit contenir un dictionnaire" in problem.message and "une liste" in problem.message


def test_file_that_is_a_scalar(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("bonjour\n", encoding="utf-8")
    assert "un texte" in only_problem(mini_dir).message


def test_section_that_is_a_mapping(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("market:\n  id: x\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert "doit être une liste" in problem.message and problem.line == 1


def test_unknown_section(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("markets: []\n", encoding="utf-8")
    assert "vouliez-vous dire « market »" in only_problem(mini_dir).message


def test_missing_required_field(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "    summary: Pilote des projets de test.\n", "")
    problem = only_problem(mini_dir)
    assert (problem.field, problem.message) == ("summary", "champ obligatoire manquant")
    assert problem.line == 20  # the record's first line: `- id: chef-test`


def test_salary_as_text(mini_dir: Path) -> None:
    replace(mini_dir / "sectors.yaml", "min: 38000", "min: beaucoup")
    problem = only_problem(mini_dir)
    assert problem.field == "salary.min" and "nombre attendu" in problem.message
    assert problem.line == 4


def test_growth_that_is_not_a_finite_number(mini_dir: Path) -> None:
    replace(mini_dir / "sectors.yaml", "growth_5y: 30", "growth_5y: .nan")
    problem = only_problem(mini_dir)
    assert problem.field == "growth_5y" and problem.message == "nombre attendu, trouvé NaN ou infini"


def test_salary_min_above_max(mini_dir: Path) -> None:
    replace(mini_dir / "sectors.yaml", "min: 38000", "min: 48000")
    assert "minimum (48000) supérieur au maximum (42000)" in only_problem(mini_dir).message


def test_negative_duration(mini_dir: Path) -> None:
    replace(mini_dir / "trainings.yaml", "{value: 165, unit: heures}", "{value: -1, unit: heures}")
    problem = only_problem(mini_dir)
    assert problem.field == "duration.value" and "négative" in problem.message


def test_unknown_level(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "entry_level: bac+5", "entry_level: bac+12")
    problem = only_problem(mini_dir)
    assert problem.field == "entry_level" and "niveau inconnu « bac+12 »" in problem.message
    assert problem.line == 12


def test_exit_level_below_entry(mini_dir: Path) -> None:
    replace(mini_dir / "trainings.yaml", "exit_level: bac+5", "exit_level: bac+1")
    problem = only_problem(mini_dir)
    assert problem.field == "exit_level"
    assert problem.message == "niveau de sortie (bac+1) inférieur au niveau d'entrée (bac+3)"


def test_duplicate_id_within_a_file(mini_dir: Path) -> None:
    replace(mini_dir / "skills.yaml", "id: anatomie", "id: python")
    problems = problems_of(mini_dir)
    assert any("« python » en double (déjà défini dans ce fichier)" in p.message for p in problems)


def test_duplicate_id_across_files(mini_dir: Path) -> None:
    (mini_dir / "zz.yaml").write_text(
        "trainings:\n  - {id: master-test, name: Autre, kind: master, sources: [test]}\n", encoding="utf-8"
    )
    problem = only_problem(mini_dir)
    assert problem.path.endswith("zz.yaml") and problem.line == 2
    assert "identifiant « master-test » en double (déjà défini dans trainings.yaml)" in problem.message


def test_unknown_reference_suggests_close_id(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "skills: [python, anatomie]", "skills: [python, anatomi]")
    problem = only_problem(mini_dir)
    assert problem.field == "skills" and "référence inconnue « anatomi »" in problem.message
    assert "vouliez-vous dire « anatomie »" in problem.message


def test_reference_of_the_wrong_kind(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "skills: [python, anatomie]", "skills: [python, hopital]")
    assert "est un(e) secteur, pas un(e) compétence" in only_problem(mini_dir).message


def test_cycle_in_programme_links(mini_dir: Path) -> None:
    replace(mini_dir / "trainings.yaml", "careers: [ingenieur-test]\n", "careers: [ingenieur-test]\n    leads_to: [licence-test]\n")
    problems = problems_of(mini_dir)
    assert any("cycle dans les enchaînements de formations" in p.message for p in problems)


def test_cycle_in_evolutions(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "sectors: [hopital, conseil]", "sectors: [hopital, conseil]\n    evolutions: [ingenieur-test]")
    problem = only_problem(mini_dir)
    assert "cycle dans les évolutions de métier" in problem.message
    assert "ingenieur-test → chef-test → ingenieur-test" in problem.message


def test_unknown_field_suggests_the_closest(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "    statuses: [salarié]", "    statuts: [salarié]")
    problem = only_problem(mini_dir)
    assert problem.field == "statuts" and "vouliez-vous dire « statuses »" in problem.message
    assert problem.line == 16


def test_non_utf8_file(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_bytes("market:\n  - {id: x, label: Entrées}\n".encode("latin-1"))
    problem = only_problem(mini_dir)
    assert "UTF-8" in problem.message and problem.line == 2


def test_utf8_bom_is_accepted(mini_dir: Path) -> None:
    path = mini_dir / "market.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems_of(mini_dir) == []


def test_python_tags_are_refused(mini_dir: Path) -> None:
    (mini_dir / "market.yaml").write_text("market: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    problem = only_problem(mini_dir)
    assert "balise YAML non autorisée" in problem.message and problem.line == 1


def test_control_characters_are_refused(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "summary: Un métier de test", 'summary: "Un métier \\x1b[2J de test"\n    missions: [')
    replace(mini_dir / "careers.yaml", "pour les essais automatiques.\n    missions: [", "")
    problem = only_problem(mini_dir)
    assert problem.field == "summary" and "caractère de contrôle interdit (U+001B)" in problem.message
    assert problem.line == 9


def test_very_long_field_is_refused(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "Pilote des projets de test.", "x" * 1_000_000)
    problem = only_problem(mini_dir)
    assert "texte trop long (1000000 caractères" in problem.message


def test_huge_file_is_refused_quickly(mini_dir: Path) -> None:
    big = mini_dir / "big.yaml"
    with big.open("w", encoding="utf-8") as f:
        f.write("skills:\n")
        line = "  - {id: s, name: n, category: technique, sources: [t]}\n"
        f.write(line * (50 * 1024 * 1024 // len(line)))
    problem = only_problem(mini_dir)
    assert "fichier trop volumineux" in problem.message and problem.path.endswith("big.yaml")


def test_every_problem_is_reported_not_just_the_first(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "entry_level: bac+5", "entry_level: bac+12")
    replace(mini_dir / "sectors.yaml", "growth_5y: 30", "growth_5y: trente")
    assert len(problems_of(mini_dir)) == 2


def test_load_raises_the_first_problem_and_counts_the_rest(mini_dir: Path) -> None:
    replace(mini_dir / "careers.yaml", "entry_level: bac+5", "entry_level: bac+12")
    replace(mini_dir / "sectors.yaml", "growth_5y: 30", "growth_5y: trente")
    with pytest.raises(EsanteError) as err:
        store.load(mini_dir)
    assert str(err.value).startswith(f"{mini_dir / 'careers.yaml'}:12: champ « entry_level »")
    assert "et 1 autre problème" in err.value.message


def test_unreadable_file_is_named(mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, which reads any file whatever its mode: simulate the refusal.
    real_read = datafiles._read_regular

    def read(path: Path) -> bytes:
        if path.name == "skills.yaml":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(datafiles, "_read_regular", read)
    problem = only_problem(mini_dir)
    assert problem.path.endswith("skills.yaml") and problem.message == "lecture refusée (permissions)"


def test_loading_writes_nothing_to_the_data_folder(mini_dir: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in mini_dir.rglob("*")}
    store.load(mini_dir)
    assert {p: p.stat().st_mtime_ns for p in mini_dir.rglob("*")} == before
