"""French agreement of counts (« 1 problème », « 2 formations finales »)."""

from esante_cli.wording import count, level_phrase, plural


def test_one_and_zero_are_singular_two_is_plural() -> None:
    assert count(1, "problème") == "1 problème"
    assert count(0, "formation finale") == "0 formation finale"
    assert count(2, "formation finale") == "2 formations finales"
    assert count(3, "parcours") == "3 parcours"  # already ends in s


def test_irregular_plural_and_written_number() -> None:
    assert count(2, "fiche métier", "fiches métiers") == "2 fiches métiers"
    assert count(1500, "fiche lue", number="1\u202f500") == "1\u202f500 fiches lues"
    assert plural("autre problème") == "autres problèmes"


def test_the_bac_takes_its_article_a_level_above_it_reads_as_a_name() -> None:
    assert [level_phrase("bac", w) for w in ("", "de", "à", "à partir de", "depuis", "jusqu'à")] == [
        "le bac", "du bac", "au bac", "à partir du bac", "depuis le bac", "jusqu'au bac",
    ]  # fmt: skip
    assert [level_phrase("bac+2", w) for w in ("", "de", "à", "à partir de", "depuis", "jusqu'à")] == [
        "bac+2", "de bac+2", "à bac+2", "à partir de bac+2", "depuis un bac+2", "jusqu'à bac+2",
    ]  # fmt: skip


def test_path_titles_phrase_every_level_the_from_option_accepts(invoke) -> None:
    """--from as a lycéen or a student types it: the title says the level it was read as."""
    titles = {
        "bac": "Parcours du bac à bac+5 :", "terminale": "Parcours du bac à bac+5 :",
        "bac+2": "Parcours de bac+2 à bac+5 :", "BTS": "Parcours de bac+2 à bac+5 :",
        "licence": "Parcours de bac+3 à bac+5 :", "en reconversion": "Parcours de formation continue :",
    }  # fmt: skip
    for typed, title in titles.items():
        result = invoke("path", "--from", typed)
        assert result.exit_code == 0, (typed, result.output)
        assert title in result.stdout + result.stderr, typed
    career = invoke("path", "--from", "bac", "--career", "data-scientist-sante")
    assert "Parcours à partir du bac :" in career.stdout + career.stderr
    until = invoke("path", "--continuing", "--to", "bac+3")
    assert "Parcours de formation continue jusqu'à bac+3 :" in until.stdout + until.stderr


def test_from_a_master_without_to_says_where_routes_can_still_go(invoke) -> None:
    result = invoke("path", "--from", "master")
    assert result.exit_code == 2
    assert result.stderr == (
        "Erreur : le niveau de départ (bac+5) doit être inférieur au niveau visé (bac+5)\n"
        "Par défaut, les parcours vont jusqu'à bac+5 : visez plus haut (--to bac+8 pour un doctorat), "
        "ou --continuing pour les formations ouvertes aux personnes en poste.\n"
    )
