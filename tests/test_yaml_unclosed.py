"""A bracket, brace or quote left open is reported on the line where it opened (libyaml notices
it later: at the next key, or past the last line — « line 4 » of a three-line file)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from esante_cli.catalog.yamlmessages import yaml_error

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


def _error(text: str, loader):
    with pytest.raises(yaml.YAMLError) as caught:
        yaml.load(text, Loader=loader)
    return yaml_error(caught.value, text, Path("careers.yaml"))


@pytest.mark.parametrize("loader", LOADERS, ids=lambda l: l.__name__)
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("careers:\n  - id: x\n    name: [a\n", 3,
         "YAML invalide : crochet « [ » ouvert ici et jamais refermé (pas de « ] » avant la fin du fichier)"),
        ("careers:\n  - id: x\n    name: [a\n  - id: y\n    name: b\n", 3,
         "YAML invalide : crochet « [ » ouvert ici et jamais refermé (pas de « ] » avant la ligne 4)"),
        ("careers:\n  - id: x\n    name: {a: 1\n\n\n", 3,
         "YAML invalide : accolade « { » ouverte ici et jamais refermée (pas de « } » avant la fin du fichier)"),
        ('careers:\n  - id: x\n    name: "a\n', 3,
         'YAML invalide : guillemet « " » ouvert ici et jamais refermé (pas de second « " » avant la fin du fichier)'),
        ("a: 'x\n\nb: 2\n", 1,
         "YAML invalide : guillemet « ' » ouvert ici et jamais refermé (pas de second « ' » avant la fin du fichier)"),
        ("a: [1, 2, [3\n  , 4]\n", 1,
         "YAML invalide : crochet « [ » ouvert ici et jamais refermé (pas de « ] » avant la fin du fichier)"),
    ],
)  # fmt: skip
def test_an_unclosed_opening_is_reported_where_it_opened(text: str, line: int, message: str, loader) -> None:
    error = _error(text, loader)
    assert (error.line, error.message) == (line, message)


@pytest.mark.parametrize("loader", LOADERS, ids=lambda l: l.__name__)
def test_an_error_on_the_bracket_s_own_line_keeps_libyaml_s_position(loader) -> None:
    error = _error("a: [1, 2]]\n", loader)
    assert error.line == 1 and "ouvert ici" not in error.message


def test_validate_names_the_line_of_the_bracket(invoke, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "careers.yaml").write_text("careers:\n  - id: x\n    name: [a\n", encoding="utf-8")
    result = invoke("valider", "--donnees", str(folder))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{folder / 'careers.yaml'}:3: YAML invalide : crochet « [ » ouvert ici et jamais refermé (pas de « ] » avant la fin du fichier)"
    )
