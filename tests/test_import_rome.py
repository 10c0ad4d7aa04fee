"""`esante import rome`: France Travail's ROME 4.0 CSV set (folder or RefRomeCsv.zip, any
version) becomes a valid overlay folder; a file that is not ROME changes nothing.

The fixture (tests/data/rome/) is a cut of the official format, version number 461: five real
sheets, only the columns esante reads plus an extra, reordered one in `referentiel_code_rome`
(columns are read by name), Latin-1 bytes in `arborescence_secteur_naf` (the official set's
quirk), doubled apostrophes in `texte`, whose sentences are written for the test."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml

from esante_cli.catalog import store
from esante_cli.catalog.importers import rome, rome_csv
from esante_cli.catalog.importers.folder import MARKER
from esante_cli.errors import EsanteError, ExitCode

FIXTURE = Path(__file__).parent / "data" / "rome"


def zipped(tmp_path: Path) -> Path:
    """The fixture as France Travail ships it: RefRomeCsv.zip, the CSV files at its root."""
    archive = tmp_path / "RefRomeCsv.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted(FIXTURE.iterdir()):
            z.write(path, path.name)
    return archive


def test_tables_are_read_by_header_name_whatever_the_version_number() -> None:
    tables = rome_csv.read_tables(FIXTURE)
    assert tables.version == "461"
    first = tables["referentiel_code_rome"][0]
    assert first["code_rome"] == "M1880" and first["libelle_rome"] == "Spécialiste e-santé"
    assert "colonne_ajoutee" not in first  # an extra column is ignored, not read in its place


def test_latin1_bytes_in_the_naf_tree_are_read_as_latin1() -> None:
    tables = rome_csv.read_tables(FIXTURE)
    assert {r["libelle_secteur_naf"] for r in tables["arborescence_secteur_naf"]} == {
        "Activites pour la sante humaine", "Commerce de détail"}  # ROME writes the first without accents


def test_a_sheet_becomes_a_record_with_riasec_interests_skills_and_mobilities() -> None:
    sheets = rome.build_sheets(rome_csv.read_tables(FIXTURE), texts=True)
    m1880 = sheets["M1880"]
    assert m1880["appellations"] == ["Spécialiste e-santé", "Consultant / Consultante e-santé", "Ingénieur / Ingénieure e-santé"]
    assert m1880["riasec"] == {"major": "I", "minor": "C"}
    assert m1880["interests"] == [{"theme": 29, "main": True}, {"theme": 6, "main": False}, {"theme": 18, "main": False}]
    assert m1880["skills"] == [
        {"group": "Savoir-faire", "items": ["Analyser les données de santé", "Concevoir un projet de santé"]},
        {"group": "Savoir-être professionnels", "items": ["Etre à l'écoute, faire preuve d'empathie"]},
        {"group": "Savoirs (produits, outils et matières)", "items": ["Evaluation des technologies de santé"]},
    ]
    assert m1880["contexts"] == [{"group": "Types de structures", "items": ["Etablissement de santé"]}]
    assert m1880["sectors"] == ["Santé", "Informatique et télécommunication : Informatique"]  # the main one first
    assert [(m["code"], m["rank"]) for m in m1880["mobilities"]] == [("K1220", 1), ("H1206", 2)]
    assert m1880["origins"] == [{"code": "J1405", "title": "Opticien / Opticienne", "rank": 9}]
    assert (m1880["cadre"], m1880["regulated"], m1880["digital_transition"], m1880["parent"]) == (True, False, True, "M1806")
    assert m1880["parent_title"] is None  # M1806 is not in this set: no title to give
    assert m1880["definition"] == ["Phrase d'essai écrite pour ce test, pas celle du ROME.", "Deuxième phrase écrite pour ce test."]
    assert sheets["J1405"]["naf_sectors"] == ["Commerce de détail"] and sheets["J1405"]["regulated"] is True
    assert (sheets["J1405"]["feminine"], sheets["J1405"]["masculine"]) == ("Opticienne", "Opticien")


def test_a_cell_keeps_windows_1252_characters_that_the_set_holds_as_controls() -> None:
    assert rome_csv.clean("c\x9cur de métier\x07") == "cœur de métier"


def test_import_writes_a_valid_overlay_with_attribution(tmp_path: Path, invoke) -> None:
    out = tmp_path / "rome"
    result = invoke("import", "rome", str(FIXTURE), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"Import ROME 4.0 (fichiers v461) : 5 fiches métiers et 3 centres d'intérêt écrits dans {out}."
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "LISEZMOI.txt", "rome.yaml", "sources.yaml"]
    readme = (out / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "Source : ROME 4.0, France Travail, fichiers v461, Licence Ouverte." in readme
    (source,) = yaml.safe_load((out / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    assert (source["id"], source["publisher"], source["licence"]) == ("france-travail-rome-4-v461", "France Travail", rome.LICENCE)
    catalog = store.load(None, [out])
    assert catalog.rome_sheet("J1405").sources == ("france-travail-rome-4-v461",)
    assert catalog.rome_sheet("M1808") is None or catalog.rome_sheet("M1808").sources == ("france-travail-rome-4",)
    shown = invoke("show", "M1880", "--with", str(out)).stdout
    assert "Définition — texte de France Travail, ROME 4.0, de votre import :" in shown


def test_a_zip_of_the_official_layout_imports(tmp_path: Path, invoke) -> None:
    out = tmp_path / "rome"
    result = invoke("import", "rome", str(zipped(tmp_path)), "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["version"], report["sheets"], report["read"], report["themes"]) == ("461", 5, 5, 3)
    found = json.loads(invoke("search", "maintenance biomédicale", "--with", str(out), "--json").stdout)
    assert found[0]["id"] == "rome-i1327"


def test_filter_keeps_sheets_by_title_skill_or_code(tmp_path: Path) -> None:
    report = rome.import_folder(FIXTURE, tmp_path / "a", "biomédical", today="2026-12-07")
    assert (report.sheets, report.filtered_out) == (2, 3)  # I1327 by its title, H1206 by a job title
    report = rome.import_folder(FIXTURE, tmp_path / "b", ["données de santé", "K12"], today="2026-12-07")
    codes = [s["code"] for s in yaml.safe_load((tmp_path / "b" / "rome.yaml").read_text(encoding="utf-8"))["rome"]]
    assert codes == ["M1880", "K1220"]  # M1880 by a skill, K1220 by its code's start
    with pytest.raises(EsanteError) as error:
        rome.import_folder(FIXTURE, tmp_path / "c", "zzzz")
    assert error.value.code == ExitCode.NOT_FOUND and not (tmp_path / "c").exists()


def test_a_file_that_is_not_rome_is_refused_in_one_french_line_writing_nothing(tmp_path: Path, invoke) -> None:
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    out = tmp_path / "rome"
    result = invoke("import", "rome", str(other), "--out", str(out))
    assert result.exit_code == ExitCode.DATA == 3
    assert result.stderr.splitlines() == [
        f"Erreur : {other}: ce n'est pas le ROME 4.0 de France Travail : aucun fichier unix_<table>_v<N>_utf8.csv "
        "(attendu : le dossier ou l'archive RefRomeCsv.zip du jeu de données ROME)"
    ]
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["notes.csv"]


def test_a_missing_table_or_column_is_named(tmp_path: Path) -> None:
    partial = tmp_path / "partial"
    partial.mkdir()
    for path in FIXTURE.iterdir():
        if "rubrique_mobilite" not in path.name:
            (partial / path.name).write_bytes(path.read_bytes())
    with pytest.raises(EsanteError) as error:
        rome_csv.read_tables(partial)
    assert "table manquante unix_rubrique_mobilite_vN_utf8.csv" in error.value.message
    riasec = partial / "unix_referentiel_code_rome_riasec_v461_utf8.csv"
    riasec.write_text('"code_rome","riasec_majeur"\n"M1880","I"\n', encoding="utf-8")
    (partial / "unix_rubrique_mobilite_v461_utf8.csv").write_bytes((FIXTURE / "unix_rubrique_mobilite_v461_utf8.csv").read_bytes())
    with pytest.raises(EsanteError) as error:
        rome_csv.read_tables(partial)
    assert error.value.message == "table unix_referentiel_code_rome_riasec_v461_utf8.csv : colonne manquante riasec_mineur"


def test_an_existing_folder_is_replaced_only_with_force_and_only_if_esante_made_it(tmp_path: Path, invoke) -> None:
    out = tmp_path / "rome"
    assert invoke("import", "rome", str(FIXTURE), "--out", str(out)).exit_code == 0
    again = invoke("import", "rome", str(FIXTURE), "--out", str(out))
    assert again.exit_code == ExitCode.USAGE and "--force" in again.stderr
    assert invoke("import", "rome", str(FIXTURE), "--out", str(out), "--force").exit_code == 0
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("à moi", encoding="utf-8")
    refused = invoke("import", "rome", str(FIXTURE), "--out", str(mine), "--force")
    assert refused.exit_code == ExitCode.USAGE and (mine / "notes.txt").read_text(encoding="utf-8") == "à moi"


def test_the_slice_script_keeps_m1880_its_mobilities_and_the_sheets_naming_our_field(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("rome_slice", Path(__file__).parent.parent / "scripts" / "rome_slice.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)  # type: ignore[union-attr]
    out = tmp_path / "rome.yaml"
    assert script.main([str(FIXTURE), "--out", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    # M1880; K1220, H1206 and J1405 by mobility; I1327 by its title (« biomédical »)
    assert [s["code"] for s in data["rome"]] == ["H1206", "I1327", "J1405", "K1220", "M1880"]
    assert all("definition" not in s and "access" not in s for s in data["rome"])  # ROME's sentences stay out
    assert [t["code"] for t in data["rome_interests"]] == [6, 18, 29]
