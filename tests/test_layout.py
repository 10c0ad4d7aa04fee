"""Word wrapping keeps a figure with its unit or noun (« 3 ans », « 2 000 € », « 1 parcours »)."""

from esante_cli.present.layout import width_of, words, wrap


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


def test_the_one_cell_shortcut_agrees_with_unicode_for_every_character_it_covers() -> None:
    """width_of() counts French text by its length when every character is in _ONE_CELL: each
    such character must be one cell by Unicode's own tables (not combining, not wide)."""
    import unicodedata

    from esante_cli.present.layout import _ONE_CELL

    covered = [chr(c) for c in range(0x110000) if _ONE_CELL.fullmatch(chr(c))]
    assert len(covered) > 900
    assert [c for c in covered if unicodedata.combining(c) or unicodedata.east_asian_width(c) in ("W", "F")] == []
    assert width_of("Ingénieur·e « e-santé » : 2 000 € → bac+5") == 41
    assert width_of("télé\u0301médecine") == 12 and width_of("医療 AI") == 7  # combining and wide: the slow path


def test_a_salary_range_stays_on_one_line() -> None:
    assert words("bac+5 · 42 000 – 48 000 € brut annuel") == ["bac+5 ·", "42 000 – 48 000 €", "brut", "annuel"]
    assert wrap("bac+5 · 42 000 – 48 000 € brut annuel (moyenne du secteur)", 24) == [
        "bac+5 ·",
        "42 000 – 48 000 € brut",
        "annuel (moyenne du",
        "secteur)",
    ]
    assert words("2020 – 2024") == ["2020 – 2024"] and words("Paris – Lille") == ["Paris –", "Lille"]


def test_a_web_address_is_never_cut_but_goes_whole_on_its_own_line() -> None:
    from esante_cli.present.layout import wrap

    url = "https://www.onisep.fr/http/redirection/metier/slug/MET.602"
    assert wrap(f"Fiche ONISEP · {url} · consultée", 30) == ["Fiche ONISEP ·", url, "· consultée"]
    assert wrap("un-identifiant-bien-trop-long-pour-la-ligne", 20) == ["un-identifiant-bien-", "trop-long-pour-la-", "ligne"]


def test_a_command_named_in_a_hint_is_never_cut_between_esante_and_its_name() -> None:
    text = "Pour les salaires de début, métier par métier ou secteur par secteur : esante compare"
    assert wrap(text, 76) == [
        "Pour les salaires de début, métier par métier ou secteur par secteur :",
        "esante compare",
    ]
    assert words("voir esante path --career x") == ["voir", "esante path", "--career", "x"]
