"""Word wrapping keeps a figure with its unit or noun (« 3 ans », « 2 000 € », « 1 parcours »)."""

from esante_cli.present.layout import words, wrap


def test_a_count_stays_with_its_noun() -> None:
    assert "1 parcours" in words("partout en France : 1 parcours")
    assert "2 formations" in words("2 formations finales")
    assert wrap("aucun parcours ; en 5 ans au plus, partout en France : 1 parcours :", 60) == [
        "aucun parcours ; en 5 ans au plus, partout en France :",
        "1 parcours :",
    ]


def test_money_and_durations_never_split() -> None:
    assert words("de 2 000 € brut") == ["de", "2 000 €", "brut"]
    assert words("en 3 ans") == ["en", "3 ans"]
