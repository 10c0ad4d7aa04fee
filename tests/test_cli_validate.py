"""`esante validate` and the behaviour every command shares: version, help, data errors."""

from __future__ import annotations

import json
from pathlib import Path


def test_version(invoke) -> None:
    from esante_cli import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"esante {__version__}\n"


def test_short_help_flag(invoke) -> None:
    result = invoke("-h")
    assert result.exit_code == 0 and "validate" in result.stdout


def test_validate_clean_fixture_prints_counts(invoke, mini_dir: Path) -> None:
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Données valides ({mini_dir}) : 2 métiers, 5 formations, 3 compétences, 2 secteurs, 1 chiffre du marché.\n"
    )


def test_validate_reports_every_problem_with_file_line_field(invoke, mini_dir: Path) -> None:
    careers = mini_dir / "careers.yaml"
    careers.write_text(careers.read_text(encoding="utf-8").replace("entry_level: bac+5", "entry_level: bac+12"), encoding="utf-8")
    sectors = mini_dir / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("growth_5y: 30", "growth_5y: trente"), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{careers}:12: champ « entry_level »: niveau inconnu « bac+12 »")
    assert lines[1] == f"{sectors}:5: champ « growth_5y »: nombre attendu, trouvé un texte"
    assert lines[2].startswith("2 problèmes dans")
    assert "Traceback" not in result.output


def test_validate_json_shape(invoke, mini_dir: Path) -> None:
    sectors = mini_dir / "sectors.yaml"
    sectors.write_text(sectors.read_text(encoding="utf-8").replace("growth_5y: 30", "growth_5y: trente"), encoding="utf-8")
    result = invoke("validate", "--json", "--data-dir", str(mini_dir))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["counts"] == {"career": 2, "training": 5, "skill": 3, "sector": 1, "market": 1}
    assert data["problems"] == [
        {"path": str(sectors), "line": 5, "field": "growth_5y", "message": "nombre attendu, trouvé un texte"}
    ]


def test_validate_uses_environment_variable(invoke, mini_dir: Path) -> None:
    result = invoke("validate", env={"ESANTE_DATA_DIR": str(mini_dir)})
    assert result.exit_code == 0 and str(mini_dir) in result.stdout


def test_missing_data_dir_is_one_french_line_exit_3(invoke, tmp_path: Path) -> None:
    result = invoke("validate", "--data-dir", str(tmp_path / "absent"))
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == f"Erreur : {tmp_path / 'absent'}: dossier de données introuvable\n"


def test_debug_shows_the_exception(invoke, tmp_path: Path) -> None:
    result = invoke("--debug", "validate", "--data-dir", str(tmp_path / "absent"))
    assert result.exit_code != 0
    assert result.exception is not None and type(result.exception).__name__ == "EsanteError"


def test_shipped_data_is_valid(invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Données valides")
