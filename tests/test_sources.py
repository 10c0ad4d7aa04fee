"""The sources registry: `sources:` sections, ids cited by records, `esante sources`, and no
output that names a source by its file name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from esante_cli.catalog import store

SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def test_a_record_citing_an_unknown_source_is_a_problem_at_its_line(mini_dir: Path) -> None:
    path = mini_dir / "skills.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "  - id: skill-cite\n    name: Compétence\n    category: technique\n    sources:\n      - test\n      - tset\n",
        encoding="utf-8",
    )
    problems = store.check(mini_dir).problems
    assert [(p.path, p.line, p.field, p.message) for p in problems] == [
        (str(path), path.read_text(encoding="utf-8").count("\n"), "sources[1]", "source inconnue « tset » ; vouliez-vous dire « test » ?")
    ]


def test_shipped_records_citing_an_unknown_source_fail_validation(tmp_path: Path) -> None:
    """The shipped data with one citation broken: validate names the file and line."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(store.shipped_data_dir(), data)
    careers = data / "careers.yaml"
    text = careers.read_text(encoding="utf-8")
    broken = text.replace("      - onisep-met-602\n", "      - onisep-met-603\n", 1)
    assert broken != text
    careers.write_text(broken, encoding="utf-8")
    problems = store.check(data).problems
    line = broken.splitlines().index("      - onisep-met-603") + 1
    assert [(p.path, p.line) for p in problems] == [(str(careers), line)]
    assert problems[0].message.startswith("source inconnue « onisep-met-603 » ; vouliez-vous dire « onisep-met-602 »")


@pytest.mark.parametrize(
    ("entry", "field", "message"),
    [
        ("{id: s2, title: T, date: 24/06/2024}", "date", "date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ, trouvé « 24/06/2024 »"),
        ("{id: s2, title: T, date: 2024-13}", "date", "date attendue au format AAAA, AAAA-MM ou AAAA-MM-JJ, trouvé « 2024-13 »"),
        ("{id: s2, title: T, url: www.onisep.fr}", "url", "adresse web attendue (http:// ou https://…), trouvé « www.onisep.fr »"),
        ("{id: s2, title: T, titre: U}", "titre", "champ inconnu « titre » ; vouliez-vous dire « title » ?"),
        ("{id: test, title: Autre}", "id", "source « test » en double (déjà définie dans ce fichier)"),
    ],
)
def test_registry_entries_are_checked(mini_dir: Path, entry: str, field: str, message: str) -> None:
    path = mini_dir / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"  - {entry}\n", encoding="utf-8")
    problems = store.check(mini_dir).problems
    assert (problems[0].field, problems[0].message) == (field, message)
    assert problems[0].path == str(path) and problems[0].line == path.read_text(encoding="utf-8").count("\n")


def test_dates_read_as_yaml_dates_or_years_are_kept_as_text(mini_dir: Path) -> None:
    path = mini_dir / "sources.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "  - {id: a, title: A, date: 2024-06-01}\n  - {id: b, title: B, date: 2017}\n", encoding="utf-8")
    catalog = store.load(mini_dir)
    assert (catalog.source("a").date, catalog.source("b").date) == ("2024-06-01", "2017")


def test_sources_json_lists_every_entry_with_its_citing_count(invoke) -> None:
    result = invoke("sources", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    catalog = store.load()
    assert [r["id"] for r in rows] == [s.id for s in catalog.sources]
    assert list(rows[0]) == ["id", "title", "publisher", "date", "url", "licence", "file", "note", "category", "consulted", "date_estimated", "cited_by"]
    by_id = {r["id"]: r for r in rows}
    cited = sum(1 for r in catalog if "seed-003-article-campus-cinerge-sante" in r.sources)
    assert by_id["seed-003-article-campus-cinerge-sante"]["cited_by"] == cited >= 8  # the 8 market figures at least
    assert by_id["seed-003-article-campus-cinerge-sante"]["date"] == "2024-06"
    assert sum(r["cited_by"] for r in rows) == sum(len(r.sources) for r in catalog)


def test_sources_text_names_titles_and_counts(invoke) -> None:
    result = invoke("sources")  # in a pipe: one row per source, the count on stderr
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == ["titre", "identifiant", "éditeur", "date", "citée par", "licence", "adresse"]
    assert rows[1][:4] == ["Devenir ingénieur e-santé (guide)", "seed-000-guide-ingenieur-e-sante", "non renseigné", "non renseignée"]
    assert int(rows[1][4]) > 0 and rows[1][6] == "non renseignée"  # no publisher, date nor address: said, not blank
    assert ["Cinerg'e-santé, un campus numérique de la santé à Limoges (article)", "seed-003-article-campus-cinerge-sante"] in [r[:2] for r in rows]
    assert all(len(row) == 7 for row in rows)
    assert re.fullmatch(r"\d+ sources, dont \d+ citées par au moins un enregistrement\.\n", result.stderr)
    terminal = invoke("sources", env={"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}).stdout
    assert "Cinerg'e-santé, un campus numérique de la santé à Limoges (article) — juin 2024" in terminal


def test_sources_of_an_overlay_are_listed(invoke, tmp_path: Path) -> None:
    extra = tmp_path / "o"
    extra.mkdir()
    (extra / "sources.yaml").write_text("sources:\n  - {id: ecole-x, title: Site de l'école X, url: https://ecole-x.example.fr}\n", encoding="utf-8")
    rows = json.loads(invoke("sources", "--json", "--with", str(extra)).stdout)
    assert rows[-1]["id"] == "ecole-x" and rows[-1]["cited_by"] == 0


@pytest.mark.parametrize(
    "command",
    [
        ["show", "ingenieur-imagerie-medicale"],
        ["show", "FOR.12046"],
        ["show", "entreprises-e-sante"],
        ["show", "hopitaux-cliniques"],
        ["market"],
        ["search", "imagerie"],
        ["compare"],
        ["compare", "--careers", "data-scientist-sante", "developpeur-e-sante"],
        ["path"],
        ["sources"],
        ["evolutions", "chef-de-projet-e-sante"],
    ],
)
def test_no_output_names_a_source_by_its_file_name(invoke, command: list[str]) -> None:
    result = invoke(*command)
    assert result.exit_code == 0, result.output
    assert not SEED_FILE.search(result.stdout), SEED_FILE.search(result.stdout)


def test_every_card_of_the_shipped_data_shows_source_titles_only(invoke) -> None:
    from esante_cli.present.cards import card

    catalog = store.load()
    for record in catalog:
        sources = dict(card(catalog, record).sections).get("Sources", [])
        assert sources or not record.sources, record.id
        assert not any(SEED_FILE.search(s) for s in sources), record.id


def test_show_a_source_id_opens_the_source_with_its_note_and_who_cites_it(invoke) -> None:
    """`esante sources` lists ids; `esante show <id>` reads one: its date (said deduced when it
    is), address, note and the records that cite it."""
    result = invoke("show", "cgos-tim-metier-recent")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Technicien d'information médicale, un métier encore récent à l'hôpital", "source · cgos-tim-metier-recent"]
    assert "Date : 2019 (déduite, voir la note)" in lines
    assert "Citée par : technicien/ne d'information médicale (TIM) (technicien-information-medicale)" in lines
    data = json.loads(invoke("show", "onisep-met-602", "--json").stdout)
    assert (data["kind"], data["date"], data["date_estimated"]) == ("source", "2026-03-13", False)
    assert [r["id"] for r in data["cited_by"]] == ["ingenieur-imagerie-medicale"]


def test_an_inferred_date_says_so_wherever_a_source_is_named(invoke) -> None:
    card = invoke("show", "technicien-information-medicale").stdout
    assert "CGOS (Comité de gestion des œuvres sociales des établissements hospitaliers publics), vers 2019" in card
    ensibs = invoke("show", "ensibs-cyberdefense").stdout
    assert "Paris Étudiant, vraisemblablement février 2017" in ensibs


def test_a_mistyped_source_id_names_the_source_instead_of_opening_a_record(invoke) -> None:
    result = invoke("show", "cgos-tim-metier-recnt")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "Erreur : aucune fiche ni source « cgos-tim-metier-recnt » ; vouliez-vous dire la source « cgos-tim-metier-recent » ?",
        "Pour l'afficher : esante show cgos-tim-metier-recent",
    ]
    # a mistyped record id is still the record's (its id is the closest)
    assert invoke("show", "technicien-information-medicle").stdout.splitlines()[1] == "métier · technicien-information-medicale"
