"""Query understanding (explore/understand.py), answers (explore/query.py) and the vocabulary kind (data/vocabulary.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.explore import query
from esante_cli.present import answer_text


@pytest.fixture(scope="module")
def shipped():
    return store.load()


def test_filler_and_question_words_are_dropped(shipped) -> None:
    u = query.understand(shipped, "je veux travailler dans la santé et l'informatique")
    assert [c.text for c in u.concepts] == ["santé", "informatique"]
    assert u.dropped == ("je", "veux", "la", "et", "l'")
    assert u.kinds == ("career",)  # « travailler dans »: careers first (issue 25)


def test_kind_words_are_hints_not_search_words(shipped) -> None:
    u = query.understand(shipped, "formation e-santé Lille")
    assert u.kinds == ("training",)
    assert [c.text for c in u.concepts] == ["e-santé", "Lille"]
    assert u.places == (query.Place("Lille", "Lille", "ville"),)
    assert u.dropped == ()


def test_places_in_the_data_are_hints_and_a_place_absent_is_reported(shipped) -> None:
    u = query.understand(shipped, "formation Brest 3iL")  # (Lyon has a programme since issue 24)
    assert u.unknown_places == ("Brest",)
    assert query.Place("3iL", "3iL Ingénieurs", "établissement") in u.places


def test_synonyms_meanings_and_tools_become_alternatives(shipped) -> None:
    ia, nurse, python = query.understand(shipped, "IA nurse python").concepts
    assert "intelligence artificielle" in ia.alternatives and not ia.rewritten
    assert nurse.alternatives == ("infirmier",) and nurse.rewritten
    assert python.alternatives == ("python", "Programmation et développement logiciel")
    assert python.skills == ("programmation",)


def test_catalogue_phrases_are_never_split_by_filler_words(shipped) -> None:
    # « recherche » alone is a filler word; inside a career alias it is kept.
    u = query.understand(shipped, "ingénieur recherche et développement pharmaceutique")
    assert [c.text for c in u.concepts] == ["ingénieur recherche et développement pharmaceutique"]


def test_skill_phrases_are_reported(shipped) -> None:
    u = query.understand(shipped, "gestion de projet et rgpd, dicom")
    assert u.skills == ("gestion-de-projet", "rgpd", "traitement-image", "interoperabilite")


def test_a_word_that_finds_nothing_puts_the_query_outside_the_catalogue(shipped) -> None:
    answer = query.find(shipped, "cybersécurité zorglub")
    assert answer.hits == [] and answer.outside is not None
    assert answer.outside.text == "cybersécurité zorglub"
    assert answer.outside.suggestions[0].id == "specialiste-cybersecurite-sante"


def test_a_place_puts_its_programmes_first_city_before_institution_name(shipped) -> None:
    ids = [h.record.id for h in query.find(shipped, "formation lille", limit=5).hits]
    assert set(ids[:4]) == {"las-sciences-ingenieur-sante-ucl", "junia-hei", "junia-isen", "isen-isa-numerique-biologie-lille"}
    assert ids[4] == "centrale-lille-ig2i"  # « Centrale Lille Institut », in Lens


def test_pointers_fill_their_command_from_the_results(shipped) -> None:
    answer = query.find(shipped, "débouchés chef de projet e-santé")
    assert ("Pour les débouchés et les évolutions d'un métier", "esante evolutions chef-de-projet-e-sante") in answer.hints
    alone = query.find(shipped, "salaire")
    assert alone.hits == [] and alone.hints[0][1] == "esante compare"  # no career: the option is left out


def test_a_mistyped_vocabulary_word_is_read_as_that_word(shipped) -> None:
    answer = query.find(shipped, "pyton")
    assert answer.corrected == (("pyton", "python"),)
    assert answer.hits[0].record.id == "programmation"


def test_a_kind_word_alone_lists_that_kind(shipped) -> None:
    answer = query.find(shipped, "métiers", limit=50)
    assert answer.listed == len(shipped.careers)
    assert {h.record.kind for h in answer.hits} == {"career"}


def test_not_found_lists_the_places_in_the_data(shipped) -> None:
    answer = query.find(shipped, "Brest")
    message = answer_text.not_found(shipped, answer).message
    assert message.startswith("aucun résultat pour « Brest »\n« Brest » n'est pas dans les données ; villes des formations : ")
    assert "Limoges" in message and "3iL Ingénieurs" not in message  # a city was asked: the cities only
    assert message.splitlines()[-1].endswith("Vannes.")  # nothing left to search without the place


def test_not_found_for_a_place_offers_the_same_words_everywhere(shipped, monkeypatch) -> None:
    from esante_cli.present import render

    monkeypatch.setattr(render, "_names", {})  # hints in English, whatever an earlier run typed
    answer = query.find(shipped, "formation près de Brest")
    message = answer_text.not_found(shipped, answer).message
    assert message.splitlines()[-1] == "Partout en France : esante search formation"


def test_without_vocabulary_the_query_is_searched_as_typed(mini_dir: Path) -> None:
    mini = store.load(mini_dir)
    u = query.understand(mini, "je veux python")
    assert [c.text for c in u.concepts] == ["je", "veux", "python"]


# ---------------------------------------------------------------- the vocabulary kind


def write(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "vocabulary.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_overlay_adds_and_replaces_vocabulary_entries(invoke, tmp_path: Path) -> None:
    extra = write(tmp_path / "mots", """
vocabulary:
  - id: outil-langages
    role: skill
    skills: [programmation]
    words: [cobol]
  - id: sens-toubib
    role: means
    words: [toubib]
    means: [médecin]
""")
    result = invoke("search", "cobol", "--json", "--with", str(extra))
    assert json.loads(result.stdout)[0]["id"] == "programmation"
    python = invoke("search", "python", "--json", "--with", str(extra))
    data = json.loads(python.stdout)
    hits = data if isinstance(data, list) else data["results"]  # outside the catalogue: an object
    assert "programmation" not in [h["id"] for h in hits][:1]  # replaced


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("{id: x, role: synonym}", "champ obligatoire manquant"),
        ("{id: x, role: tool, words: [a]}", "valeur inconnue « tool »"),
        ("{id: x, role: skill, words: [a]}", "champ obligatoire pour le rôle « skill »"),
        ("{id: x, role: skill, words: [a], skills: [nulle-part]}", "référence inconnue « nulle-part »"),
        ("{id: x, role: kind, words: [a], kinds: [metier]}", "valeur inconnue « metier »"),
        ("{id: x, role: command, words: [a]}", "champ obligatoire pour le rôle « command »"),
        ("{id: x, role: means, words: []}", "au moins un mot est requis"),
    ],
)
def test_bad_vocabulary_entries_are_reported_with_file_and_line(invoke, tmp_path: Path, entry: str, message: str) -> None:
    extra = write(tmp_path / "mots", f"vocabulary:\n  - {entry}\n")
    result = invoke("validate", "--with", str(extra))
    assert result.exit_code == 1
    assert "vocabulary.yaml:2" in result.stdout and message in result.stdout, result.stdout


def test_shipped_vocabulary_is_valid_and_refers_to_real_skills(shipped) -> None:
    entries = shipped.vocabulary
    assert len(entries) >= 50
    for entry in entries:
        for skill in entry.skills:
            assert shipped.get(skill).kind == "skill", (entry.id, skill)


def test_a_pool_beyond_the_page_is_fetched_only_for_hints_to_re_rank(shipped, monkeypatch) -> None:
    asked: list[tuple[str, int]] = []
    real = query.search
    monkeypatch.setattr(query, "search", lambda c, q, kinds=None, limit=10, enough=None: asked.append((q, limit)) or real(c, q, kinds, limit, enough))
    plain = query.find(shipped, "imagerie", limit=10)
    assert asked == [("imagerie", 10)] and len(plain.hits) == 10
    asked.clear()
    hinted = query.find(shipped, "formation Lille", limit=10)
    assert asked and all(limit == query.POOL for _, limit in asked)
    assert hinted.hits[0].record.city == "Lille"


def test_a_stop_word_the_vocabulary_does_not_drop_is_not_reported_as_left_out(mini_dir: Path) -> None:
    """Without vocabulary.yaml « de » stays a concept; it finds nothing (a stop word of the
    search), which must not read « résultats sans « de » »."""
    mini = store.load(mini_dir)
    answer = query.find(mini, "chef de projet")
    assert answer.ignored == () and answer.hits[0].record.id == "chef-test"
    assert answer_text.explain(answer) == []
