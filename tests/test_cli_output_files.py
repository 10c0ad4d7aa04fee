"""`--output FILE` on the views (compare, search, path, match, guide): a workbook, a CSV (plain or
for a French spreadsheet) or JSON, written at once, salaries on one basis (gross per year)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook


def sheet_rows(path: Path) -> list[tuple]:
    book = load_workbook(path)
    assert len(book.worksheets) == 1
    return list(book.active.iter_rows(values_only=True))


def test_comparer_writes_the_two_sectors_into_a_workbook(invoke, tmp_path: Path) -> None:
    target = tmp_path / "comparaison.xlsx"
    result = invoke("comparer", "startups", "conseil", "--output", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Classeur écrit : {target} (2 lignes)\n"
    rows = sheet_rows(target)
    assert rows[0][:6] == (
        "identifiant", "secteur", "salaire de début par an, minimum (€)", "salaire de début par an, maximum (€)",
        "salaire brut ou net", "année du salaire",
    )
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["conseil"][2:4] == (43000, 50000)  # numbers, not text
    assert by_id["startups-e-sante"][2:4] == (40000, 45000)
    assert by_id["startups-e-sante"][-1] == "Développeur ; Data scientist"


def test_a_monthly_salary_goes_into_the_yearly_column_and_says_so(invoke, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    assert invoke("search", "ingenieur-imagerie-medicale", "--limit", "1", "-o", str(target)).exit_code == 0
    header, row = sheet_rows(target)[:2]
    named = dict(zip(header, row))
    assert named["salaire de début par an, minimum (€)"] == 24000  # 2 000 € par mois × 12
    assert named["précision sur le salaire"].startswith("mensuel × 12")
    assert named["salaire brut ou net"] in ("brut", "net", "brut ou net non précisé")


def test_csv_fr_is_for_a_french_spreadsheet(invoke, tmp_path: Path) -> None:
    target = tmp_path / "comparaison.csv"
    result = invoke("compare", "--output", str(target), "--format", "csv-fr")
    assert result.exit_code == 0, result.stderr
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the accents
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["identifiant", "secteur"] and "évolution à 5 ans (%)" in rows[0]
    assert ["conseil", "Conseil", "43000", "50000"] == rows[1][:4]


def test_plain_csv_has_english_keys_and_commas(invoke, tmp_path: Path) -> None:
    target = tmp_path / "c.csv"
    assert invoke("compare", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("id,name,salary_yearly_min,salary_yearly_max,salary_pay,salary_year,")


def test_json_file_is_what_json_prints(invoke, tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    assert invoke("compare", "--careers", "dsi", "ingenieur-e-sante", "-o", str(target)).exit_code == 0
    printed = invoke("compare", "--careers", "dsi", "ingenieur-e-sante", "--json").stdout
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(printed)


@pytest.mark.parametrize(
    "args, title, first",
    [
        (["recherche", "imagerie"], "Recherche", ("métier", "ingenieur-imagerie-medicale")),
        (["parcours", "--ville", "lille"], "Parcours", (1, "bac")),
        (["correspondance", "traitement d'image, algorithmes, RGPD"], "Correspondance", (1, "ingenieur-imagerie-medicale")),
        (["guide", "--from", "bac", "--likes", "imagerie"], "Guide", (1, "ingenieur-imagerie-medicale")),
        (["comparer", "--formations", "master-st4health-psl", "esiee-filiere-e-sante-biotech"], "Formations", ("master-st4health-psl",)),
        (["comparer", "--metiers", "dsi", "ingenieur-e-sante"], "Métiers", ("dsi-etablissement-sante",)),
    ],
)
def test_every_view_writes_a_workbook(invoke, tmp_path: Path, args: list[str], title: str, first: tuple) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "vue.xlsx"
    result = invoke(*args, "--sortie", str(target))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(target)
    assert book.active.title == title
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[1][: len(first)] == first
    assert list(folder.iterdir()) == [target]  # no temporary left beside it


def test_an_unknown_extension_asks_for_a_format(invoke, tmp_path: Path) -> None:
    result = invoke("compare", "-o", str(tmp_path / "x.txt"))
    assert result.exit_code == 2
    assert "nommez-le .xlsx, .csv ou .json, ou ajoutez --format" in result.stderr
    assert invoke("compare", "-o", str(tmp_path / "x.txt"), "-f", "csv").exit_code == 0


def test_format_without_output_is_a_usage_error(invoke) -> None:
    result = invoke("search", "imagerie", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : --format va avec --output FICHIER")


def test_a_folder_is_not_overwritten(invoke, tmp_path: Path) -> None:
    result = invoke("compare", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "c'est un dossier" in result.stderr and tmp_path.is_dir()


def test_no_result_leaves_the_old_file_alone(invoke, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    assert invoke("search", "zzzzqqq", "-o", str(target)).exit_code == 1
    assert target.read_bytes() == b"old"


def test_json_flag_and_an_xlsx_format_are_refused(invoke, tmp_path: Path) -> None:
    result = invoke("compare", "--json", "-o", str(tmp_path / "c.xlsx"))
    assert result.exit_code == 2 and "ne vont pas ensemble" in result.stderr
