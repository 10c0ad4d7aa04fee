"""`esante export --output FILE` for every format, and the xlsx workbook counsellors open."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl  # a dependency of esante (pyproject.toml): never skipped
import pytest

from esante_cli.errors import ExitCode



@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    from typer.testing import CliRunner

    from esante_cli.cli import app

    path = tmp_path_factory.mktemp("xlsx") / "catalogue.xlsx"
    result = CliRunner().invoke(app, ["export", "--format", "xlsx", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Classeur écrit : {path} (Métiers 20, Formations 42, Compétences 44, Secteurs 4, Marché 9, Sources 74)\n"
    )
    return openpyxl.load_workbook(path)


def rows_of(book, sheet: str) -> list[dict[str, object]]:
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_one_sheet_per_kind_then_the_sources(workbook) -> None:
    assert workbook.sheetnames == ["Métiers", "Formations", "Compétences", "Secteurs", "Marché", "Sources"]
    headers = [c.value for c in workbook["Formations"][1]]
    assert headers[:4] == ["identifiant", "nom", "résumé", "type de formation"]
    from esante_cli.present.workbook import HEADERS

    for sheet in workbook.sheetnames:  # every header French: no field name of the model leaks through
        assert {c.value for c in workbook[sheet][1]} <= set(HEADERS.values()), sheet
    assert "kind" not in headers and "entry_level" not in headers


def test_numbers_are_numbers_and_codes_are_words(workbook) -> None:
    sectors = {r["identifiant"]: r for r in rows_of(workbook, "Secteurs")}
    startups = sectors["startups-e-sante"]
    assert (startups["salaire de début minimum (€)"], startups["salaire de début maximum (€)"]) == (40000, 45000)
    assert startups["croissance à 5 ans (%)"] == 40
    assert startups["base du salaire"] == "brut annuel"
    assert startups["intitulés de poste"] == "Développeur ; Data scientist"
    prepa = {r["identifiant"]: r for r in rows_of(workbook, "Formations")}["prepa"]
    assert (prepa["durée"], prepa["unité de durée"], prepa["type de formation"]) == (2, "années", "classe préparatoire")
    assert (prepa["formation continue"], prepa["formation générique"]) == ("non", "oui")


def test_a_career_shows_the_starting_salary_of_its_card(workbook) -> None:
    careers = {r["identifiant"]: r for r in rows_of(workbook, "Métiers")}
    engineer = careers["ingenieur-e-sante"]
    assert (engineer["salaire de début minimum (€)"], engineer["salaire de début maximum (€)"]) == (38000, 50000)
    assert engineer["précision sur le salaire"].startswith("d'après le secteur : Hôpitaux et cliniques 38\u202f000–42\u202f000")
    assert careers["ingenieur-imagerie-medicale"]["salaire de début minimum (€)"] == 2000
    assert careers["ingenieur-imagerie-medicale"]["base du salaire"] == "brut mensuel"
    # references by name, lists joined with « ; »
    assert "ingénieur/e en imagerie médicale" in engineer["métiers proches"].split(" ; ")


def test_sources_sheet_lists_what_the_records_cite(workbook) -> None:
    sources = {r["identifiant"]: r for r in rows_of(workbook, "Sources")}
    cited = {s for sheet in ("Métiers", "Formations", "Compétences", "Secteurs", "Marché")
             for r in rows_of(workbook, sheet) for s in (r["sources"] or "").split(" ; ") if s}
    assert set(sources) == cited
    assert sources["seed-000-guide-ingenieur-e-sante"]["titre"]


def test_xlsx_needs_a_file(invoke) -> None:
    result = invoke("export", "--format", "xlsx")
    assert result.exit_code == ExitCode.USAGE
    assert "esante export --format xlsx --output catalogue.xlsx" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("fmt", ["json", "csv", "yaml"])
def test_every_text_format_goes_to_a_file_with_output(invoke, tmp_path: Path, fmt: str) -> None:
    piped = invoke("export", "--format", fmt, "--kind", "sector")
    target = tmp_path / f"tout.{fmt}"
    written = invoke("export", "--format", fmt, "--kind", "sector", "--sortie", str(target))
    assert written.exit_code == 0 and written.stdout == f"Export {fmt} écrit : {target}\n"
    assert target.read_text(encoding="utf-8") == piped.stdout
    if fmt == "json":
        assert [r["id"] for r in json.loads(target.read_text(encoding="utf-8"))][:1] == ["hopitaux-cliniques"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(invoke, tmp_path: Path) -> None:
    folder = invoke("export", "--output", str(tmp_path))
    assert folder.exit_code == ExitCode.USAGE and "c'est un dossier" in folder.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    nowhere = invoke("export", "--format", "xlsx", "-o", str(blocker / "x.xlsx"))
    assert nowhere.exit_code == ExitCode.DATA and "impossible d'écrire le classeur" in nowhere.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["a-file"]
    assert "Traceback" not in nowhere.output


def test_two_different_output_files_are_refused(invoke, tmp_path: Path) -> None:
    result = invoke("export", "--format", "sqlite", str(tmp_path / "a.db"), "--output", str(tmp_path / "b.db"))
    assert result.exit_code == ExitCode.USAGE and "deux fichiers de sortie" in result.stderr
