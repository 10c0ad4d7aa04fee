"""Who is asking (explore/asker.py, issue 25): --from as guide reads it, the words that say it,
and what each record is to that person."""

from __future__ import annotations

import json

import pytest

from esante_cli.catalog import store
from esante_cli.errors import EsanteError
from esante_cli.explore import asker, query
from esante_cli.explore.understand import read_level


@pytest.fixture(scope="module")
def shipped():
    return store.load()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Bac+2", ("bac+2", False)), ("terminale", ("bac", False)), ("en poste", (None, True)), ("reconversion", (None, True))],
)
def test_from_reads_levels_as_guide_does(typed: str, expected: tuple) -> None:
    assert asker.read_level(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("licence", ("bac+3", False)), ("Master", ("bac+5", False)), ("doctorat", ("bac+8", False)),
        # the words a search reads as who is asking, from the vocabulary
        ("licence pro", ("bac+3", False)), ("BTS", ("bac+2", False)), ("DUT", ("bac+2", False)), ("BUT", ("bac+3", False)),
        ("M2", ("bac+5", False)), ("en reconversion", (None, True)), ("je travaille", (None, True)),
        ("infirmière", (None, True)), ("je suis infirmière", (None, True)),
    ],
)
def test_from_reads_the_levels_people_type(shipped, typed: str, expected: tuple) -> None:
    assert read_level(typed, shipped) == expected


def test_words_that_say_no_level_are_still_refused(shipped) -> None:
    for typed in ("cuisine", "bac+9", "bax"):
        with pytest.raises(EsanteError, match="niveau inconnu"):
            read_level(typed, shipped)


def test_levels_people_type_reach_every_from_option(invoke) -> None:
    path = invoke("path", "--from", "licence", "--json")
    assert path.exit_code == 0, path.stderr
    assert path.stdout == invoke("path", "--from", "bac+3", "--json").stdout
    assert invoke("parcours", "--depuis", "BTS", "--json").stdout == invoke("path", "--from", "bac+2", "--json").stdout
    guide = invoke("guide", "--from", "je suis infirmière", "--likes", "informatique", "--json")
    assert guide.exit_code == 0, guide.stderr
    assert guide.stdout == invoke("guide", "--from", "en poste", "--likes", "informatique", "--json").stdout
    master = invoke("guide", "--from", "master", "--likes", "informatique", "--json")
    assert master.stdout == invoke("guide", "--from", "bac+5", "--likes", "informatique", "--json").stdout
    search = invoke("search", "imagerie", "--from", "en reconversion", "--json")
    assert json.loads(search.stdout)[0]["understood"]["asker"] == {"text": "en reconversion", "level": None, "working": True}
    match = invoke("match", "python", "--from", "licence", "--json")
    assert match.exit_code == 0, match.stderr


def test_an_unknown_level_names_the_valid_ones() -> None:
    with pytest.raises(EsanteError, match="niveau inconnu « bac\\+12 » pour --from ; niveaux valides : bac, bac\\+1"):
        asker.read_level("bac+12")


@pytest.mark.parametrize(
    ("text", "level", "working"),
    [
        ("je suis en terminale et j'aime l'informatique", "bac", False),
        ("mon fils aime la santé", "bac", False),
        ("BTS informatique", "bac+2", False),
        ("L3 info", "bac+3", False),
        ("M1 santé", "bac+4", False),
        ("infirmière, je veux me reconvertir", None, True),
        ("ingénieur en reconversion", None, True),
    ],
)
def test_the_words_say_who_is_asking(shipped, text: str, level, working: bool) -> None:
    who = query.understand(shipped, text).asker
    assert (who.level, who.working) == (level, working)


def test_bts_is_a_level_not_the_bac(shipped) -> None:
    u = query.understand(shipped, "BTS")
    assert u.asker.level == "bac+2"
    assert all("bac" not in c.alternatives for c in u.concepts)


def test_what_each_record_is_to_a_lyceen(shipped) -> None:
    lyceen = asker.Asker("bac")
    assert asker.reach(shipped.get("isen-mediterranee"), lyceen) == "open"  # entered from the bac
    assert asker.reach(shipped.get("master-st4health-psl"), lyceen) == "much later"  # from bac+3
    assert asker.reach(shipped.get("developpeur-e-sante"), lyceen) == "after studies"  # bac+2
    assert asker.reach(shipped.get("dsi-etablissement-sante"), lyceen) == "experience"
    assert asker.fit(shipped.get("dsi-etablissement-sante"), lyceen) < asker.fit(shipped.get("developpeur-e-sante"), lyceen)


def test_someone_at_work_gets_continuing_programmes_first(shipped) -> None:
    working = asker.Asker(None, True)
    assert asker.reach(shipped.get("du-e-sante-caen"), working) == "continuing"
    assert asker.fit(shipped.get("du-e-sante-caen"), working) > asker.fit(shipped.get("ingenieur-e-sante"), working)


def test_a_lyceen_is_offered_what_opens_after_the_bac_before_masters(shipped) -> None:
    hits = [h.record.id for h in query.find(shipped, "lycéen informatique santé").hits]
    # the master, entered at bac+3, may also fall out of the first ten: it is after the LAS either way
    after = hits.index("master-sante-publique-informatique-biomedicale-paris13") if "master-sante-publique-informatique-biomedicale-paris13" in hits else len(hits)
    assert hits.index("las-sciences-ingenieur-sante-ucl") < after
    assert hits.index("developpeur-e-sante") < hits.index("dsi-etablissement-sante")


def test_a_word_only_inside_another_expression_is_not_a_match(shipped) -> None:
    answer = query.find(shipped, "jeux")  # only in « jeux de données » (data scientist's missions)
    assert answer.hits == [] and answer.outside is not None
    assert query.find(shipped, "jeux de données").hits[0].record.id == "data-scientist-sante"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("centralelille", "centrale-lille-ig2i"), ("ucbl", "licence-informatique-lyon1"),
     ("telecom sud paris", "telecom-sudparis-parcours-sante"), ("st 4 health", "master-st4health-psl"),
     ("paris 13 informatique biomedicale", "master-sante-publique-informatique-biomedicale-paris13")],
)
def test_institutions_as_students_write_them(shipped, typed: str, expected: str) -> None:
    assert query.find(shipped, typed).hits[0].record.id == expected


def test_a_skill_beside_a_workplace_is_the_career_of_the_skill(shipped) -> None:
    assert query.find(shipped, "cybersécurité hôpital").hits[0].record.id == "specialiste-cybersecurite-sante"


def test_match_and_path_take_from(invoke) -> None:
    student = json.loads(invoke("match", "gestion de projet, leadership", "--from", "bac", "--json").stdout)
    ids = [d["id"] for d in student]
    assert ids.index("chef-de-projet-e-sante") < ids.index("directeur-de-projet-e-sante")  # experience post after
    working = invoke("path", "--from", "en poste", "--json")
    assert working.exit_code == 0
    assert all(r["kind"] == "route" for r in json.loads(working.stdout))
    assert invoke("path", "--from", "terminale", "--to", "bac+2", "--json").exit_code == 0
    bad = invoke("match", "rgpd", "--from", "bac+12")
    assert bad.exit_code == 2 and "niveau inconnu" in bad.stderr


def test_a_vocabulary_level_must_be_a_level(invoke, tmp_path) -> None:
    extra = tmp_path / "mots"
    extra.mkdir()
    (extra / "vocabulary.yaml").write_text(
        "vocabulary:\n  - id: qui-x\n    role: asker\n    level: bac+12\n    words: [xyz]\n", encoding="utf-8"
    )
    result = invoke("validate", "--with", str(extra))
    assert result.exit_code != 0
    assert "niveau inconnu « bac+12 »" in result.output


def test_a_negated_word_is_not_searched(shipped) -> None:
    u = query.understand(shipped, "ma fille veut travailler dans la santé mais pas médecin")
    assert [c.text for c in u.concepts] == ["santé"] and "médecin" in u.dropped


def test_the_words_before_qui_veut_say_who_asks(shipped) -> None:
    u = query.understand(shipped, "cadre de santé qui veut aller vers le numérique")
    assert [c.text for c in u.concepts] == ["numérique"]
    assert u.asker.working and u.asker.text == "cadre de santé"


def test_for_a_student_an_experience_post_comes_after_the_entry_careers(invoke) -> None:
    data = json.loads(invoke("search", "informatique", "santé", "--from", "terminale", "--json").stdout)
    ids = [d["id"] for d in data]
    assert ids.index("dsi-etablissement-sante") > ids.index("ingenieur-e-sante")
    assert ids.index("dsi-etablissement-sante") > ids.index("developpeur-e-sante")
    plain = invoke("search", "informatique", "santé", "--from", "terminale")
    assert "accessible après une expérience professionnelle" in " ".join(plain.stdout.split())  # labelled
