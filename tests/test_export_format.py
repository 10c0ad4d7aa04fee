"""`esante export --output FILE` without --format writes the format the file's name says, as
`search -o s.xlsx` does (one rule: catalog/fileformat.py); a --format that contradicts the name,
or a name whose extension esante does not know, is refused before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from esante_cli.errors import ExitCode


def _kind_of(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = raw.decode("utf-8")
    if text.startswith("["):
        assert json.loads(text)[0]["kind"] == "sector"
        return "json"
    if text.startswith("kind,"):
        return "csv"
    assert [s["id"] for s in yaml.safe_load(text)["sectors"]][:1] == ["hopitaux-cliniques"]
    return "yaml"


@pytest.mark.parametrize(
    ("name", "fmt", "said"),
    [
        ("y.xlsx", "xlsx", "Classeur écrit"),
        ("catalogue.csv", "csv", "Export csv écrit"),
        ("base.sqlite", "sqlite", "Base SQLite écrite"),
        ("base.db", "sqlite", "Base SQLite écrite"),
        ("tout.yaml", "yaml", "Export yaml écrit"),
        ("tout.YML", "yaml", "Export yaml écrit"),
        ("tout.json", "json", "Export json écrit"),
    ],
)
@pytest.mark.parametrize("how", ["--output", "argument"])
def test_the_file_extension_chooses_the_format(invoke, tmp_path: Path, name: str, fmt: str, said: str, how: str) -> None:
    target = tmp_path / name
    args = ["--output", str(target)] if how == "--output" else [str(target)]
    result = invoke("exporter", "--type", "secteur", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{said} : {target}")
    assert _kind_of(target) == fmt


@pytest.mark.parametrize(
    ("name", "fmt", "right"),
    [("y.xlsx", "json", ".json"), ("c.csv", "yaml", ".yaml"), ("b.db", "xlsx", ".xlsx"), ("t.json", "sqlite", ".sqlite")],
)
def test_a_format_that_contradicts_the_name_is_refused_and_nothing_is_written(
    invoke, tmp_path: Path, name: str, fmt: str, right: str
) -> None:
    target = tmp_path / name
    result = invoke("export", "--format", fmt, "--output", str(target))
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    suffix = Path(name).suffix
    assert result.stderr == (
        f"Erreur : --format {fmt} et un fichier {suffix} ne vont pas ensemble : nommez le fichier {right} ou retirez --format\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []


def test_an_existing_file_is_left_alone_when_its_name_contradicts_the_format(invoke, tmp_path: Path) -> None:
    target = tmp_path / "mon-classeur.xlsx"
    target.write_bytes(b"le mien")
    assert invoke("export", "-f", "csv", "-o", str(target)).exit_code == ExitCode.USAGE
    assert target.read_bytes() == b"le mien"


@pytest.mark.parametrize("name", ["y.foo", "catalogue", "notes.txt"])
def test_an_unknown_extension_without_format_is_refused_naming_the_known_ones(invoke, tmp_path: Path, name: str) -> None:
    result = invoke("export", "--output", str(tmp_path / name))
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr == (
        f"Erreur : format du fichier {name} inconnu : nommez-le .json, .csv, .yaml, .yml, .sqlite, .db ou .xlsx, "
        "ou ajoutez --format (json, csv, yaml, sqlite, xlsx)\n"
    )
    assert [p.name for p in tmp_path.iterdir() if p.name != "cache"] == []


def test_an_unknown_extension_with_a_format_is_written_in_that_format(invoke, tmp_path: Path) -> None:
    target = tmp_path / "notes.txt"
    assert invoke("export", "-k", "secteur", "-f", "csv", "-o", str(target)).exit_code == 0
    assert _kind_of(target) == "csv"


def test_stdout_is_still_json_by_default(invoke) -> None:
    result = invoke("export", "--type", "secteur")
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["id"] == "hopitaux-cliniques"


def test_the_views_refuse_a_contradicting_format_too(invoke, tmp_path: Path) -> None:
    """One rule for every --output: search's workbook name and a json --format do not go together."""
    target = tmp_path / "s.xlsx"
    result = invoke("search", "imagerie", "-o", str(target), "--format", "json")
    assert result.exit_code == ExitCode.USAGE and not target.exists()
    assert "--format json et un fichier .xlsx ne vont pas ensemble : nommez le fichier .json" in result.stderr
    french_csv = invoke("compare", "-o", str(tmp_path / "c.csv"), "--format", "csv-fr")
    assert french_csv.exit_code == 0, french_csv.stderr  # csv-fr is a .csv


# ---------------------------------------------------------------- --type in French


def test_an_unknown_type_lists_the_types_in_french_then_english(invoke) -> None:
    result = invoke("exporter", "--type", "foo")
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert result.stderr == (
        "Erreur : type inconnu « foo » pour --type : choisissez parmi métier, formation, compétence, secteur, marché "
        "(ou career, training, skill, sector, market)\n"
    )


@pytest.mark.parametrize(
    ("word", "kind"),
    [("métiers", "career"), ("Metier", "career"), ("formations", "training"), ("programme", "training"),
     ("competences", "skill"), ("skills", "skill"), ("Secteurs", "sector"), ("marché", "market"), ("chiffres", "market")],
)  # fmt: skip
def test_export_takes_search_s_names_of_the_types(word: str, kind: str) -> None:
    from esante_cli.catalog.export import parse_kinds

    assert parse_kinds([word]) == [kind]


def test_rome_sheets_are_not_an_export_type() -> None:
    from esante_cli.catalog.export import parse_kinds
    from esante_cli.errors import EsanteError

    with pytest.raises(EsanteError):
        parse_kinds(["rome"])
