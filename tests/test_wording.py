"""French agreement of counts (« 1 problème », « 2 formations finales »)."""

from esante_cli.wording import count, plural


def test_one_and_zero_are_singular_two_is_plural() -> None:
    assert count(1, "problème") == "1 problème"
    assert count(0, "formation finale") == "0 formation finale"
    assert count(2, "formation finale") == "2 formations finales"
    assert count(3, "parcours") == "3 parcours"  # already ends in s


def test_irregular_plural_and_written_number() -> None:
    assert count(2, "fiche métier", "fiches métiers") == "2 fiches métiers"
    assert count(1500, "fiche lue", number="1\u202f500") == "1\u202f500 fiches lues"
    assert plural("autre problème") == "autres problèmes"
