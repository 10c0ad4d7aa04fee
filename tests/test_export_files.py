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
        f"Classeur écrit : {path} (Métiers 20, Formations 42, Compétences 44, Secteurs 4, Marché 9, Sources 85)\n"
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
    assert (startups["salaire de début par an, minimum (€)"], startups["salaire de début par an, maximum (€)"]) == (40000, 45000)
    assert startups["croissance à 5 ans (%)"] == 40
    assert startups["salaire brut ou net"] == "brut ou net non précisé"  # seed 000 does not say
    assert startups["salaire tel que la source le donne"] == "40\u202f000 – 45\u202f000 € par an (brut ou net non précisé)"
    assert startups["intitulés de poste"] == "Développeur ; Data scientist"
    prepa = {r["identifiant"]: r for r in rows_of(workbook, "Formations")}["prepa"]
    assert (prepa["durée"], prepa["unité de durée"], prepa["type de formation"]) == (2, "années", "classe préparatoire")
    assert (prepa["formation continue"], prepa["formation générique"]) == ("non", "oui")


def test_a_career_shows_the_starting_salary_of_its_card(workbook) -> None:
    careers = {r["identifiant"]: r for r in rows_of(workbook, "Métiers")}
    engineer = careers["ingenieur-e-sante"]
    assert (engineer["salaire de début par an, minimum (€)"], engineer["salaire de début par an, maximum (€)"]) == (38000, 50000)
    assert engineer["précision sur le salaire"] == "moyennes selon le secteur"
    assert engineer["salaire tel que la source le donne"].startswith("Hôpitaux et cliniques 38\u202f000 – 42\u202f000 € par an")
    imaging = careers["ingenieur-imagerie-medicale"]
    assert (imaging["salaire de début par an, minimum (€)"], imaging["salaire tel que la source le donne"]) == (24000, "à partir de 2\u202f000 € brut par mois")
    tim = careers["technicien-information-medicale"]
    assert (tim["salaire de début par an, minimum (€)"], tim["année du salaire"], tim["année du salaire déduite"]) == (19284, 2019, "oui")
    assert tim["salaire sous le Smic actuel (dépassé)"] == "oui"
    # references by name, lists joined with « ; »
    assert "ingénieur/e en imagerie médicale" in engineer["métiers proches"].split(" ; ")


def test_sources_sheet_lists_what_the_records_cite(workbook) -> None:
    sources = {r["identifiant"]: r for r in rows_of(workbook, "Sources")}
    cited = {s for sheet in ("Métiers", "Formations", "Compétences", "Secteurs", "Marché")
             for r in rows_of(workbook, sheet) for s in (r["sources"] or "").split(" ; ") if s}
    assert set(sources) == cited | {"fhf-smic-2026"}  # the SMIC a salary below it is judged by
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


def test_every_salary_column_has_one_period(workbook) -> None:
    """Amounts are per year only; the figure as its source gives it is text beside them."""
    for sheet in ("Métiers", "Secteurs"):
        headers = [c.value for c in workbook[sheet][1]]
        amounts = [h for h in headers if h.startswith("salaire") and "(€)" in h]
        assert amounts == ["salaire de début par an, minimum (€)", "salaire de début par an, maximum (€)"], sheet
        for row in rows_of(workbook, sheet):
            given = row["salaire tel que la source le donne"]
            assert given is None or isinstance(given, str)


def test_sources_sheet_has_no_seed_file_name(workbook) -> None:
    headers = [c.value for c in workbook["Sources"][1]]
    assert "fichier" not in headers and headers[:3] == ["identifiant", "titre", "éditeur"]
