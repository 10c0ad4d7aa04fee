"""A folder given to `esante import`: ONISEP wants its XML or ZIP file, and says so naming the
path; ROME takes a folder, and one without ROME's CSV files is answered with where they may be."""

from __future__ import annotations

from pathlib import Path

from esante_cli.errors import ExitCode

ROME_SAID = "ce dossier ne contient pas les fichiers CSV du ROME 4.0 (unix_<table>_v<N>_utf8.csv)"


def test_onisep_given_a_folder_asks_for_the_file_naming_the_folder(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "d1"
    folder.mkdir()
    result = invoke("importer", "onisep", str(folder), "--out", str(tmp_path / "imp1"))
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert result.stderr.splitlines() == [f"Erreur : {folder}: c'est un dossier ; donnez le fichier XML ou ZIP de l'ONISEP"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d1"]


def test_rome_given_a_folder_without_its_files_says_what_to_give(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "vide"
    folder.mkdir()
    result = invoke("import", "rome", str(folder), "--out", str(tmp_path / "rome"))
    assert result.exit_code == ExitCode.DATA and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Erreur : {folder}: {ROME_SAID} ; donnez le dossier où vous avez décompressé RefRomeCsv.zip, ou l'archive elle-même"
    ]
    assert not (tmp_path / "rome").exists()


def test_rome_given_the_folder_holding_the_archive_names_the_archive(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "telechargements"
    folder.mkdir()
    (folder / "RefRomeCsv.zip").write_bytes(b"")
    result = invoke("import", "rome", str(folder), "--out", str(tmp_path / "rome"))
    assert result.exit_code == ExitCode.DATA
    assert result.stderr.splitlines() == [
        f"Erreur : {folder}: {ROME_SAID} ; il contient l'archive RefRomeCsv.zip : donnez {folder / 'RefRomeCsv.zip'}"
    ]


def test_rome_given_the_parent_of_the_unzipped_set_names_the_sub_folder(invoke, tmp_path: Path) -> None:
    inner = tmp_path / "rome4" / "RefRomeCsv"
    inner.mkdir(parents=True)
    (inner / "unix_referentiel_code_rome_v460_utf8.csv").write_text("", encoding="utf-8")
    result = invoke("import", "rome", str(inner.parent), "--out", str(tmp_path / "rome"))
    assert result.exit_code == ExitCode.DATA
    assert result.stderr.splitlines() == [
        f"Erreur : {inner.parent}: {ROME_SAID} ; son sous-dossier RefRomeCsv les contient : donnez {inner}"
    ]
