"""Overlays (`--with DIR`, ESANTE_EXTRA_DIRS): folders whose records add to, or replace by id,
the base data; validated like the base, with references checked on the merged catalogue."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.cli.environment import Environment
from esante_cli.errors import EsanteError
from esante_cli.catalog.checks import Override

OVERLAY_DIR = Path(__file__).parent / "data" / "overlay"


@pytest.fixture
def overlay_dir(tmp_path: Path) -> Path:
    """A writable copy of the overlay fixture (a programme added, master-test replaced, a skill added)."""
    target = tmp_path / "overlay"
    shutil.copytree(OVERLAY_DIR, target)
    return target


def write_overlay(directory: Path, text: str, name: str = "extra.yaml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(mini_dir: Path, *extra: Path) -> EsanteError:
    problems = store.check(mini_dir, extra).problems
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------- store


def test_overlay_adds_records_that_refer_to_base_ids(mini_dir: Path, overlay_dir: Path) -> None:
    catalog = store.load(mini_dir, [overlay_dir])
    assert catalog.counts() == {"career": 2, "training": 6, "skill": 4, "sector": 2, "market": 1}
    added = catalog.get("du-overlay")
    assert added.careers == ("chef-test",) and added.city == "Nantes"
    assert catalog.get("interoperabilite").aliases == ("HL7", "FHIR")


def test_overlay_replaces_the_record_with_the_same_id(mini_dir: Path, overlay_dir: Path) -> None:
    base = store.load(mini_dir)
    result = store.check(mini_dir, [overlay_dir])
    assert result.problems == []
    master = result.catalog.get("master-test")
    assert base.get("master-test").city == "Lyon"
    assert master.city == "Grenoble" and master.careers == ("ingenieur-test", "chef-test")
    assert master.sources == ("overlay",)
    assert result.overrides == [
        Override("master-test", "training", overlay_dir / "trainings.yaml", mini_dir / "trainings.yaml")
    ]


def test_replaced_record_keeps_its_place_and_new_ones_come_last(mini_dir: Path, overlay_dir: Path) -> None:
    base = list(store.load(mini_dir).records)
    merged = list(store.load(mini_dir, [overlay_dir]).records)
    assert merged[: len(base)] == base
    assert merged[len(base):] == ["interoperabilite", "du-overlay"]  # files in name order: skills, trainings


def test_base_records_see_the_replacement(mini_dir: Path, overlay_dir: Path) -> None:
    catalog = store.load(mini_dir, [overlay_dir])
    career = catalog.get("ingenieur-test")
    assert career.trainings == ("master-test",)
    assert catalog.get(career.trainings[0]).city == "Grenoble"


def test_check_still_unpacks_as_catalog_and_problems(mini_dir: Path, overlay_dir: Path) -> None:
    catalog, problems = store.check(mini_dir, [overlay_dir])
    assert len(catalog) == 15 and problems == []


def test_replacing_with_another_kind_is_a_problem(mini_dir: Path, tmp_path: Path) -> None:
    path = write_overlay(tmp_path / "o", "skills:\n  - {id: master-test, name: Master, category: technique, sources: [test]}\n")
    problem = only_problem(mini_dir, tmp_path / "o")
    assert (problem.path, problem.line, problem.field) == (str(path), 2, "id")
    assert problem.message == (
        f"« master-test » est déjà un(e) formation (dans {mini_dir / 'trainings.yaml'}) : "
        "un enregistrement ne peut être remplacé que par un(e) formation"
    )


def test_replacing_with_another_kind_keeps_the_base_record(mini_dir: Path, tmp_path: Path) -> None:
    write_overlay(tmp_path / "o", "skills:\n  - {id: master-test, name: Master, category: technique, sources: [test]}\n")
    result = store.check(mini_dir, [tmp_path / "o"])
    assert result.catalog.get("master-test").kind == "training" and result.overrides == []


def test_invalid_overlay_record_gives_the_overlay_file_and_line(mini_dir: Path, overlay_dir: Path) -> None:
    path = overlay_dir / "trainings.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("exit_level: bac+4", "exit_level: bac+14"), encoding="utf-8")
    problem = only_problem(mini_dir, overlay_dir)
    assert (problem.path, problem.line, problem.field) == (str(path), 10, "exit_level")
    assert problem.message.startswith("niveau inconnu « bac+14 »")


def test_overlay_yaml_syntax_error_gives_the_overlay_file_and_line(mini_dir: Path, tmp_path: Path) -> None:
    path = write_overlay(tmp_path / "o", "skills:\n  - id: a\n   name: b\n")
    problem = only_problem(mini_dir, tmp_path / "o")
    assert (problem.path, problem.line) == (str(path), 3) and problem.message.startswith("YAML invalide")


def test_overlay_unknown_reference_is_reported_in_the_overlay(mini_dir: Path, tmp_path: Path) -> None:
    path = write_overlay(
        tmp_path / "o",
        "trainings:\n  - id: du-x\n    name: DU\n    kind: du\n    careers: [chef-tset]\n    sources: [test]\n",
    )
    problem = only_problem(mini_dir, tmp_path / "o")
    assert (problem.path, problem.line, problem.field) == (str(path), 5, "careers")
    assert "référence inconnue « chef-tset »" in problem.message and "vouliez-vous dire « chef-test »" in problem.message


def test_duplicate_id_within_one_overlay_is_a_problem(mini_dir: Path, tmp_path: Path) -> None:
    write_overlay(tmp_path / "o", "skills:\n  - {id: rgpd, name: RGPD, category: reglementaire, sources: [test]}\n", "a.yaml")
    path = write_overlay(tmp_path / "o", "skills:\n  - {id: rgpd, name: RGPD bis, category: reglementaire, sources: [test]}\n", "b.yaml")
    problem = only_problem(mini_dir, tmp_path / "o")
    assert problem.path == str(path) and "identifiant « rgpd » en double (déjà défini dans a.yaml)" in problem.message


def test_cycle_made_by_an_overlay_is_found_on_the_merged_catalogue(mini_dir: Path, tmp_path: Path) -> None:
    write_overlay(
        tmp_path / "o",
        "careers:\n  - id: chef-test\n    title: chef de projet test\n    summary: Pilote.\n"
        "    evolutions: [ingenieur-test]\n    sources: [test]\n",
    )
    problem = only_problem(mini_dir, tmp_path / "o")
    assert "cycle dans les évolutions de métier" in problem.message


def test_later_overlay_wins(mini_dir: Path, overlay_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "second"
    path = write_overlay(second, "trainings:\n  - {id: master-test, name: Master Brest, city: Brest, kind: master, sources: [test]}\n")
    result = store.check(mini_dir, [overlay_dir, second])
    assert result.problems == []
    assert result.catalog.get("master-test").city == "Brest"
    assert [(o.path, o.replaces) for o in result.overrides] == [
        (overlay_dir / "trainings.yaml", mini_dir / "trainings.yaml"),
        (path, overlay_dir / "trainings.yaml"),
    ]


def test_environment_overlays_come_before_options(
    mini_dir: Path, overlay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "second"
    write_overlay(second, "trainings:\n  - {id: master-test, name: Master Brest, city: Brest, kind: master, sources: [test]}\n")
    environment = Environment(no_cache=True, environ={"ESANTE_EXTRA_DIRS": str(second)})
    assert store.resolve_extra_dirs(environment.data_folders(None, [overlay_dir])[1]) == [second, overlay_dir]
    assert environment.load(mini_dir, [overlay_dir]).get("master-test").city == "Grenoble"


def test_environment_variable_holds_several_folders(
    mini_dir: Path, overlay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = tmp_path / "second"
    write_overlay(second, "skills:\n  - {id: rgpd, name: RGPD, category: reglementaire, sources: [test]}\n")
    environment = Environment(no_cache=True, environ={"ESANTE_EXTRA_DIRS": f"{overlay_dir}{os.pathsep}{second}{os.pathsep}"})
    catalog = environment.load(mini_dir)
    assert catalog.get("du-overlay") is not None and catalog.get("rgpd").name == "RGPD"


def test_same_folder_twice_is_read_once(mini_dir: Path, overlay_dir: Path) -> None:
    result = store.check(mini_dir, [overlay_dir, overlay_dir, mini_dir])
    assert result.problems == [] and len(result.overrides) == 1
    assert result.directories == [mini_dir, overlay_dir]


def test_missing_overlay_folder_is_named(mini_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(EsanteError) as err:
        store.load(mini_dir, [tmp_path / "absent"])
    assert err.value.path == str(tmp_path / "absent")
    assert err.value.message == "dossier de données supplémentaire introuvable (--with ou ESANTE_EXTRA_DIRS)"


def test_overlay_without_yaml_is_refused(mini_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "vide").mkdir()
    with pytest.raises(EsanteError, match="aucun fichier .yaml"):
        store.load(mini_dir, [tmp_path / "vide"])


# ---------------------------------------------------------------- esante validate --with


def test_validate_with_overlay_lists_the_replaced_records(invoke, mini_dir: Path, overlay_dir: Path) -> None:
    result = invoke("validate", "--data-dir", str(mini_dir), "--with", str(overlay_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Données valides ({mini_dir} + {overlay_dir}) : "
        "2 métiers, 6 formations, 4 compétences, 2 secteurs, 1 chiffre du marché.\n"
        f"remplace : master-test ({overlay_dir / 'trainings.yaml'})\n"
    )


def test_validate_with_is_repeatable(invoke, mini_dir: Path, overlay_dir: Path, tmp_path: Path) -> None:
    write_overlay(tmp_path / "o", "skills:\n  - {id: python, name: Python 3, category: technique, sources: [test]}\n")
    result = invoke("validate", "--data-dir", str(mini_dir), "--with", str(overlay_dir), "--with", str(tmp_path / "o"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Données valides ({mini_dir} + {overlay_dir} + {tmp_path / 'o'}) :")
    assert lines[1:] == [
        f"remplace : master-test ({overlay_dir / 'trainings.yaml'})",
        f"remplace : python ({tmp_path / 'o' / 'extra.yaml'})",
    ]


def test_validate_reads_overlays_from_the_environment(invoke, mini_dir: Path, overlay_dir: Path) -> None:
    result = invoke("validate", "--data-dir", str(mini_dir), env={"ESANTE_EXTRA_DIRS": str(overlay_dir)})
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"remplace : master-test ({overlay_dir / 'trainings.yaml'})"


def test_validate_invalid_overlay_exits_1_with_file_and_line(invoke, mini_dir: Path, tmp_path: Path) -> None:
    path = write_overlay(tmp_path / "o", "skills:\n  - {id: rgpd, name: RGPD, category: droit, sources: [test]}\n")
    result = invoke("validate", "--data-dir", str(mini_dir), "--with", str(tmp_path / "o"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}:2: champ « category »: valeur inconnue « droit »")
    assert lines[1].startswith(f"1 problème dans {mini_dir} + {tmp_path / 'o'} (")


def test_validate_missing_overlay_is_one_french_line_exit_3(invoke, mini_dir: Path, tmp_path: Path) -> None:
    result = invoke("validate", "--data-dir", str(mini_dir), "--with", str(tmp_path / "absent"))
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr == (
        f"Erreur : {tmp_path / 'absent'}: dossier de données supplémentaire introuvable (--with ou ESANTE_EXTRA_DIRS)\n"
    )


def test_validate_json_lists_overlays_and_overrides(invoke, mini_dir: Path, overlay_dir: Path) -> None:
    result = invoke("validate", "--json", "--data-dir", str(mini_dir), "--with", str(overlay_dir))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["extra_dirs"] == [str(overlay_dir)]
    assert data["overrides"] == [
        {
            "id": "master-test",
            "kind": "training",
            "path": str(overlay_dir / "trainings.yaml"),
            "replaces": str(mini_dir / "trainings.yaml"),
        }
    ]
    assert data["counts"]["training"] == 6 and data["valid"] is True


def test_validate_overlay_on_the_shipped_data(invoke, tmp_path: Path) -> None:
    """A school's folder that refers to shipped ids and replaces a shipped programme."""
    shipped = store.load()
    du = shipped.get("du-e-sante-caen")
    write_overlay(
        tmp_path / "ecole",
        "trainings:\n"
        "  - id: du-e-sante-caen\n    name: DU e-santé\n    kind: du\n    city: Caen\n"
        "    careers: [chef-de-projet-e-sante, ingenieur-e-sante]\n    continuing: true\n    sources: [ecole-site]\n"
        "sources:\n  - {id: ecole-site, title: Site de l'école}\n",
    )
    result = invoke("validate", "--with", str(tmp_path / "ecole"))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == f"remplace : du-e-sante-caen ({tmp_path / 'ecole' / 'extra.yaml'})"
    assert du.careers == ("chef-de-projet-e-sante",)


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["search", "imagerie"],
        ["show", "rgpd"],
        ["export"],
        ["compare"],
        ["path"],
        ["match", "rgpd"],
        ["evolutions", "chef-de-projet-e-sante"],
        ["market"],
    ],
)
def test_every_data_command_reads_with_folders(invoke, tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "absent"
    result = invoke(*command, "--with", str(missing))
    assert result.exit_code == 3, result.output
    assert str(missing) in result.stderr and result.stdout == ""


def test_market_shows_an_overlay_figure(invoke, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "m.yaml").write_text(
        "market:\n  - {id: figure-test, label: Figure test, value: 12, unit: '%', sources: [seed-003-article-campus-cinerge-sante]}\n",
        encoding="utf-8",
    )
    result = invoke("market", "--json", "--with", str(extra))
    assert result.exit_code == 0, result.output
    assert "figure-test" in [row["id"] for row in json.loads(result.stdout)]


def test_readme_example_overlay_is_valid_on_the_shipped_data(invoke) -> None:
    example = Path(__file__).parent.parent / "examples" / "mon-ecole"
    result = invoke("validate", "--with", str(example))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [f"remplace : biologie-humaine ({example / 'competences.yaml'})"]
    catalog = store.load(None, [example])
    assert catalog.get("ecole-exemple-du-sante-numerique").careers == ("chef-de-projet-e-sante",)
    assert "corps humain" in catalog.get("biologie-humaine").aliases


def test_overlay_citing_an_unknown_source_is_reported_at_its_line(invoke, tmp_path: Path) -> None:
    path = write_overlay(
        tmp_path / "o",
        "skills:\n  - id: skill-o\n    name: Compétence\n    category: technique\n    sources:\n"
        "      - seed-000-guide-ingenieur-e-sante\n      - seed-000-guide-ingenieur-esante\n",
    )
    result = invoke("validate", "--with", str(tmp_path / "o"))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{path}:7: champ « sources[1] »: source inconnue « seed-000-guide-ingenieur-esante » ; "
        "vouliez-vous dire « seed-000-guide-ingenieur-e-sante » ?"
    )


def test_overlay_source_replaces_the_shipped_entry_of_the_same_id(tmp_path: Path) -> None:
    write_overlay(tmp_path / "o", "sources:\n  - {id: onisep-met-602, title: Fiche relue, date: 2025-01}\n")
    catalog = store.load(None, [tmp_path / "o"])
    assert catalog.source("onisep-met-602").title == "Fiche relue" and catalog.source("onisep-met-602").date == "2025-01"
    assert len(catalog.sources) == len(store.load().sources)


def test_a_folder_named_twice_takes_its_last_place(
    mini_dir: Path, overlay_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # docs/own-data.md (Vos propres données): the folder named last wins, ESANTE_EXTRA_DIRS before --with
    second = tmp_path / "second"
    write_overlay(second, "trainings:\n  - {id: master-test, name: Master Brest, city: Brest, kind: master, sources: [test]}\n")
    environment = Environment(no_cache=True, environ={"ESANTE_EXTRA_DIRS": str(overlay_dir)})
    assert store.resolve_extra_dirs(environment.data_folders(None, [second, overlay_dir])[1]) == [second, overlay_dir]
    assert environment.load(mini_dir, [second, overlay_dir]).get("master-test").city == "Grenoble"
    assert environment.load(mini_dir, [overlay_dir, second]).get("master-test").city == "Brest"


def test_a_folder_named_twice_through_the_cli_takes_its_last_place(
    invoke, mini_dir: Path, overlay_dir: Path, tmp_path: Path
) -> None:
    second = tmp_path / "second"
    write_overlay(second, "trainings:\n  - {id: master-test, name: Master Brest, city: Brest, kind: master, sources: [test]}\n")
    args = ["show", "master-test", "--json", "--data-dir", str(mini_dir), "--with", str(second), "--with", str(overlay_dir)]
    result = invoke(*args, env={"ESANTE_EXTRA_DIRS": str(overlay_dir)})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["city"] == "Grenoble"
