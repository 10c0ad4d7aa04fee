"""`esante import onisep`: ONISEP's career sheets (XML or JSON) become a valid overlay folder;
hostile, broken or unwanted input changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.catalog.importers import onisep
from esante_cli.catalog.importers.folder import MARKER
from esante_cli.catalog.importers.onisep_records import Known, convert, training_kind
from esante_cli.catalog.importers.text import html_to_text, paragraphs, parse_level, parse_salary, section
from esante_cli.errors import EsanteError, ExitCode

FIXTURES = Path(__file__).parent / "data" / "onisep"
XML = FIXTURES / "fiches.xml"
JSON = FIXTURES / "fiches.json"


def careers_of(path: Path, terms: list[str] | None = None, known: Known | None = None) -> dict[str, dict]:
    return {c["id"]: c for c in convert(onisep.read_sheets(path), terms, known).careers}


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    """The XML fixture imported, its copy dated 2 December 2026 (the source's date is the file's)."""
    import os

    copy = tmp_path / "fiches.xml"
    shutil.copyfile(XML, copy)
    os.utime(copy, (1796212800, 1796212800))  # 2026-12-02 12:00 UTC
    out = tmp_path / "onisep"
    onisep.import_file(copy, out, today="2026-12-03")
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------- mapping


def test_xml_sheet_becomes_a_career_with_titles_codes_level_salary_and_links() -> None:
    career = careers_of(XML)["onisep-met-9001"]
    assert career["title"] == "technicien/ne en télésanté"
    assert (career["feminine"], career["masculine"]) == ("technicienne en télésanté", "technicien en télésanté")
    assert career["other_titles"] == ["opérateur/trice de téléconsultation"]  # the title itself is not repeated
    assert career["aliases"] == ["opératrice de téléconsultation"]
    assert career["codes"] == {"rome": ["J1506", "M1801"], "onisep": "MET.9001"}
    assert career["summary"] == "Installe et dépanne les postes de consultation à distance."
    assert career["missions"] == [
        "Installer : Monte les cabines et les valises de mesure.",
        "Assister : Guide les soignants au téléphone.",
        "Tient un registre des pannes.",
    ]
    assert career["entry_level"] == "bac+2" and career["entry_level_note"] is None
    assert career["salary"] == {
        "min": 1800, "max": None, "period": "mensuel", "pay": "brut", "year": None, "who": "débutant", "note": None,
    }  # fmt: skip
    assert career["sector_names"] == ["Santé", "Numérique de test"]
    assert career["statuses"] == ["salarié"]
    assert career["interests"] == ["j'aime réparer des objets"]
    assert career["related"] == ["onisep-met-9002"]  # MET.9999 is not imported: no dangling link
    assert career["trainings"] == ["onisep-for-9101", "onisep-for-9102"]
    assert career["sources"] == [onisep.SOURCE_ID]


def test_json_rendering_with_wrapped_and_unwrapped_lists_reads_like_the_xml() -> None:
    from_xml = convert(onisep.read_sheets(XML))
    from_json = convert(onisep.read_sheets(JSON))
    assert from_json.careers == from_xml.careers
    assert from_json.trainings == from_xml.trainings


def test_json_single_unwrapped_items_are_lists_of_one() -> None:
    career = careers_of(JSON)["onisep-met-9002"]
    assert career["codes"]["rome"] == ["J1502"]  # {"romeV3": "J1502"}
    assert career["sector_names"] == ["Santé"]  # {"secteur_activite": {...}}
    assert career["trainings"] == ["onisep-for-9103"]
    assert career["related"] == ["onisep-met-9001"]
    assert careers_of(JSON)["onisep-met-9003"]["codes"]["rome"] == ["I1310"]  # a bare string


def test_level_below_the_bac_is_left_empty_with_the_sources_words() -> None:
    career = careers_of(XML)["onisep-met-9003"]
    assert career["entry_level"] is None
    assert career["entry_level_note"] == "CAP ou équivalent"


def test_salary_without_a_figure_is_kept_as_text() -> None:
    career = careers_of(XML)["onisep-met-9003"]
    assert career["salary"] is None
    assert career["salary_note"] == "Le Smic, un peu plus avec des primes."


def test_programme_stubs_carry_the_for_code_and_the_level_their_name_states() -> None:
    stubs = {t["id"]: t for t in convert(onisep.read_sheets(XML)).trainings}
    assert sorted(stubs) == ["onisep-for-9101", "onisep-for-9102", "onisep-for-9103", "onisep-for-9104"]
    bts = stubs["onisep-for-9101"]
    assert (bts["name"], bts["kind"], bts["exit_level"], bts["codes"]) == (
        "BTS systèmes numériques de test", "diplome", "bac+2", {"onisep": "FOR.9101"},
    )  # fmt: skip
    assert (stubs["onisep-for-9103"]["kind"], stubs["onisep-for-9103"]["exit_level"]) == ("master", "bac+5")
    assert stubs["onisep-for-9104"]["exit_level"] is None  # a CAP: below the bac scale, not forced
    assert "technicien/ne en télésanté" in bts["summary"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("master santé numérique", ("master", "bac+5")),
        ("mastère spé. données de santé", ("mastere_specialise", "bac+6")),
        ("diplôme d'ingénieur de l'école test", ("cycle_ingenieur", "bac+5")),
        ("licence professionnelle métiers test", ("licence", "bac+3")),
        ("bac pro systèmes test", ("bac", "bac")),
        ("BTSA test", ("diplome", "bac+2")),
        ("DE infirmier", ("diplome", None)),
    ],
)
def test_training_kind_from_the_programme_name(name: str, expected: tuple) -> None:
    assert training_kind(name) == expected


@pytest.mark.parametrize(
    ("label", "level"),
    [
        ("Bac + 2", "bac+2"),
        ("bac + 5", "bac+5"),
        ("Bac\u00a0+\u00a03", "bac+3"),
        ("Bac+8 et plus", "bac+8"),
        ("Bac", "bac"),
        ("Bac ou équivalent", "bac"),
        ("CAP ou équivalent", None),
        ("Bac pro", None),
        ("Bac + 12", None),
        ("", None),
        (None, None),
    ],
)
def test_entry_levels_parse_onto_the_bac_scale_or_not_at_all(label: str | None, level: str | None) -> None:
    assert parse_level(label) == level


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("1 800 € brut par mois", (1800, None, "brut_mensuel")),
        ("Environ 1\u202f850\u00a0€ brut mensuel en début de carrière.", (1850, None, "brut_mensuel")),
        ("Entre 1 800 et 2 200 € bruts par mois", (1800, 2200, "brut_mensuel")),
        ("De 2 000 à 2 600 euros brut par mois selon l'employeur", (2000, 2600, "brut_mensuel")),
        ("32 000 € brut par an", (32000, None, "brut_annuel")),
        ("À partir de 35.000 € bruts annuels", (35000, None, "brut_annuel")),
        ("1 600 € net par mois", None),  # net: esante keeps gross figures only
        ("1 600 € net, soit 2 050 € brut par mois", (2050, None, "brut_mensuel")),  # the net figure is skipped
        ("Environ 1 900 € brut par mois ; 2 400 € après deux ans.", (1900, None, "brut_mensuel")),
        ("2 000 € par mois", None),  # no basis said
        ("2 000 € brut", None),  # no period said
        ("Le Smic.", None),
        ("Très variable selon le statut.", None),
        ("", None),
    ],
)
def test_starting_salary_is_parsed_only_when_a_gross_figure_and_period_are_stated(text: str, figures: tuple | None) -> None:
    assert parse_salary(text) == figures


def test_html_sections_become_plain_text() -> None:
    html = "<h5>Titre&nbsp;:</h5><p>Un <b>texte</b> &amp; une<br/>suite.</p><script>alert(1)</script><ul><li>point\x07 un</li></ul>"
    assert html_to_text(html) == "Titre : Un texte & une suite. point un"
    assert paragraphs(html) == ["Titre : Un texte & une", "suite.", "point un"]
    vie = "<h3>Salaire</h3><h5>Salaire du débutant</h5><p>1 900 € brut par mois.</p><h5>Autre</h5><p>x</p>"
    assert section(vie, "salaire du debutant") == "1 900 € brut par mois."
    assert section(vie, "absent") is None


# ---------------------------------------------------------------- filter, ids, catalogue


@pytest.mark.parametrize(
    ("words", "ids"),
    [
        (["santé"], ["onisep-met-9001", "onisep-met-9002"]),  # a sector
        (["SANTE"], ["onisep-met-9001", "onisep-met-9002"]),  # case and accents ignored
        (["numerique"], ["onisep-met-9001", "onisep-met-9002"]),  # a title word and a sector
        (["téléconsultation"], ["onisep-met-9001"]),  # a synonym
        (["I13"], ["onisep-met-9003"]),  # a ROME prefix
        (["j1502"], ["onisep-met-9002"]),
        (["maintenance,télésanté"], ["onisep-met-9001", "onisep-met-9003"]),  # commas: any of the terms
        (["tele"], ["onisep-met-9001"]),  # a word start
        (["ante"], []),  # not inside a word
    ],
)
def test_filter_keeps_sheets_whose_title_synonyms_sectors_or_rome_codes_match(words: list[str], ids: list[str]) -> None:
    assert sorted(careers_of(XML, onisep.filter_terms(words))) == ids


def test_related_careers_filtered_out_are_not_linked() -> None:
    career = careers_of(XML, ["télésanté"])["onisep-met-9001"]
    assert career["related"] == []


def test_ids_are_stable_across_imports_and_orders(tmp_path: Path) -> None:
    reordered = tmp_path / "reordered.json"
    data = json.loads(JSON.read_text(encoding="utf-8"))
    data["metiers"]["metier"].reverse()
    reordered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert sorted(careers_of(reordered)) == sorted(careers_of(XML)) == ["onisep-met-9001", "onisep-met-9002", "onisep-met-9003"]
    assert careers_of(reordered)["onisep-met-9001"] == careers_of(XML)["onisep-met-9001"]


def test_sheets_already_in_the_catalogue_are_left_out_and_linked_to(mini_dir: Path, tmp_path: Path) -> None:
    data = json.loads(JSON.read_text(encoding="utf-8"))
    data["metiers"]["metier"][1]["identifiant"] = "MET.999"  # ingenieur-test in the mini catalogue
    data["metiers"]["metier"][0]["metiers_associes"]["metier_associe"][0]["id"] = "MET.999"
    path = tmp_path / "fiches.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = onisep.import_file(path, tmp_path / "out", data_dir=mini_dir)
    assert (report.careers, report.already_known) == (2, ["MET.999"])
    catalog = store.load(mini_dir, [tmp_path / "out"])
    assert catalog.get("onisep-met-9001").related == ("ingenieur-test",)
    assert catalog.get("onisep-met-999") is None


# ---------------------------------------------------------------- the folder


def test_imported_folder_passes_validation_with_provenance(imported: Path) -> None:
    result = store.check(None, [imported])
    assert result.problems == []
    assert result.catalog.get("onisep-met-9002").salary.max == 2500
    assert all(r.sources == (onisep.SOURCE_ID,) for r in result.catalog if r.id.startswith("onisep-"))
    readme = (imported / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "ODbL" in readme and "fiches.xml" in readme and "2026-12-03" in readme
    [source] = [s for s in result.catalog.sources if s.id == onisep.SOURCE_ID]
    assert (source.title, source.publisher, source.licence, source.file, source.date) == (
        "Idéo-Fiches métiers", "ONISEP", "ODbL 1.0", "fiches.xml", "2026-12-02",
    )  # fmt: skip
    assert source.url == "https://www.data.gouv.fr/datasets/ideo-fiches-metiers"
    assert json.loads((imported / MARKER).read_text(encoding="utf-8"))["file"] == "fiches.xml"


def test_existing_import_is_replaced_only_with_force(imported: Path) -> None:
    before = snapshot(imported)
    with pytest.raises(EsanteError, match="--force") as caught:
        onisep.import_file(XML, imported, filter_words="santé")
    assert caught.value.code == ExitCode.USAGE
    assert snapshot(imported) == before
    onisep.import_file(XML, imported, filter_words="santé", force=True)
    assert sorted(r.id for r in store.load(None, [imported]).careers if r.id.startswith("onisep-")) == [
        "onisep-met-9001", "onisep-met-9002",
    ]  # fmt: skip


def test_force_never_replaces_a_folder_that_is_not_an_import(tmp_path: Path) -> None:
    mine = tmp_path / "mes-donnees"
    mine.mkdir()
    (mine / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(EsanteError, match="n'a pas été créé par « esante import »"):
        onisep.import_file(XML, mine, force=True)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE metiers [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<metiers><metier><identifiant>MET.1</identifiant><nom_metier>&lol9;</nom_metier></metier></metiers>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE metiers [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<metiers><metier><identifiant>MET.1</identifiant><nom_metier>&secret;</nom_metier></metier></metiers>
"""


@pytest.mark.parametrize(
    ("name", "text", "message", "line"),
    [
        ("laughs.xml", BILLION_LAUGHS, "déclare des entités XML", 3),
        ("external.xml", EXTERNAL_ENTITY, "déclare des entités XML", 2),
        ("truncated.xml", XML.read_text(encoding="utf-8")[:1500], "XML invalide ou tronqué : fin de fichier inattendue", None),
        ("mismatched.xml", "<metiers>\n<metier>\n</metiers>\n", "XML invalide ou tronqué : balise fermante", 3),
        ("truncated.json", JSON.read_text(encoding="utf-8")[:900], "JSON invalide ou tronqué", None),
        ("empty.xml", "", "fichier vide", None),
        ("other.txt", "nom;code\n", "ni XML ni JSON", 1),
        ("nothing.xml", "<formations><formation/></formations>", "aucune fiche métier", None),
    ],
)
def test_hostile_or_broken_files_are_one_french_error_and_leave_out_untouched(
    imported: Path, tmp_path: Path, name: str, text: str, message: str, line: int | None
) -> None:
    before = snapshot(imported)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EsanteError) as caught:
        onisep.import_file(path, imported, force=True)
    error = caught.value
    assert message in error.message
    assert error.path == str(path)
    if line is not None:
        assert error.line == line
    elif name.startswith("truncated"):
        assert error.line is not None and error.line > 1  # where the file stops
    assert snapshot(imported) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging folder left


def test_nothing_matching_the_filter_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(EsanteError, match="aucune des 3 fiches ne correspond au filtre « aquaculture »") as caught:
        onisep.import_file(XML, tmp_path / "out", filter_words="aquaculture")
    assert caught.value.code == ExitCode.NOT_FOUND
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------- the command


def test_command_writes_the_folder_and_says_what_it_wrote(invoke, tmp_path: Path) -> None:
    out = tmp_path / "onisep"
    result = invoke("import", "onisep", str(XML), "--sortie", str(out), "--filtre", "santé,maintenance")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        f"Import ONISEP : 3 métiers et 4 formations écrits dans {out} (sur 3 fiches lues)."
    )
    again = invoke("import", "onisep", str(XML), "--out", str(out), "--filter", "santé", "--json")
    assert again.exit_code == 2 and "ajoutez --force" in again.stderr and "Traceback" not in again.output
    forced = invoke("import", "onisep", str(XML), "--out", str(out), "--filter", "santé", "--forcer", "--json")
    report = json.loads(forced.stdout)
    assert (report["careers"], report["trainings"], report["filtered_out"], report["terms"]) == (2, 3, 1, ["santé"])


def test_command_refuses_an_unknown_source_or_a_missing_out(invoke, tmp_path: Path) -> None:
    result = invoke("import", "apec", str(XML), "--out", str(tmp_path / "x"))
    assert result.exit_code == 2 and "source inconnue « apec » ; sources possibles : onisep, rome" in result.stderr
    result = invoke("import", "onisep", str(XML))
    assert result.exit_code == 2 and "--out" in result.stderr
    assert not (tmp_path / "x").exists()


def test_command_reports_a_truncated_file_with_its_line(invoke, tmp_path: Path) -> None:
    path = tmp_path / "fiches.xml"
    path.write_text(XML.read_text(encoding="utf-8")[:1500], encoding="utf-8")
    result = invoke("import", "onisep", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == int(ExitCode.DATA)
    assert result.stderr.startswith(f"Erreur : {path}:")
    assert "XML invalide ou tronqué" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_validate_with_the_imported_folder_accepts_it(invoke, imported: Path) -> None:
    result = invoke("validate", "--with", str(imported), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["valid"] is True and report["problems"] == []


def test_search_finds_imported_careers_without_accents(invoke, imported: Path) -> None:
    result = invoke("search", "telesante", "--with", str(imported), "--json")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "onisep-met-9001"
    assert hits[0]["entry_level"] == "bac+2"
    salary = hits[0]["salary"]
    assert (salary["min"], salary["max"], salary["period"], salary["pay"], salary["yearly_min"]) == (1800, None, "mensuel", "brut", 21600)
    assert salary["verdict"] == {"old": False, "year_unknown": True, "below_smic": True}  # 1 800 € < Smic 2026
    result = invoke("search", "J1502", "--with", str(imported), "--json")
    assert "onisep-met-9002" in [h["id"] for h in json.loads(result.stdout)]  # with the base's cadre supérieur de santé (J1502)


def test_show_displays_level_salary_codes_and_source(invoke, imported: Path) -> None:
    text = invoke("show", "MET.9002", "--with", str(imported)).stdout
    assert "Codes : ROME J1502, ONISEP MET.9002" in text
    assert "Niveau d'accès : bac+5" in text
    assert "Salaire de début :\n  - 25 200 – 30 000 € brut par an (2 100 – 2 500 € par mois)" in text.replace("\u202f", " ")
    assert "Secteurs : Santé" in text
    assert text.splitlines()[-1] == (
        "Sources : Idéo-Fiches métiers — ONISEP, 2 décembre 2026 · licence ODbL 1.0 · "
        "https://www.data.gouv.fr/datasets/ideo-fiches-metiers"
    )  # the file's date (set by the fixture), the licence, where to get it
    below = invoke("show", "onisep-met-9003", "--with", str(imported)).stdout
    assert "Niveau d'accès : CAP ou équivalent (selon la source)" in below
    assert "Salaire de début : non chiffré ; la source indique : Le Smic, un peu plus avec des primes." in below


def test_search_line_shows_a_level_off_the_scale_and_an_unstated_salary(invoke, imported: Path) -> None:
    result = invoke("search", "maintenance", "--type", "métier", "--with", str(imported))
    row = next(line.split("\t") for line in result.stdout.splitlines() if "\tonisep-met-9003\t" in line)
    assert "CAP ou équivalent · salaire non chiffré" in row[3]  # type, name, id, key fact


def test_sources_lists_the_import_with_its_licence_and_file(invoke, imported: Path) -> None:
    rows = [line.split("\t") for line in invoke("sources", "--with", str(imported)).stdout.splitlines()]
    assert rows[0][-1] == "fichier"  # a source was imported: its file is worth naming
    row = next(r for r in rows if r[1] == "onisep-ideo-fiches-metiers")
    assert row[:6] == ["Idéo-Fiches métiers", "onisep-ideo-fiches-metiers", "ONISEP", "2026-12-02", "7", "licence ODbL 1.0"]  # 3 careers, 4 programmes
    assert row[-1] == "fiches.xml"


def test_reimport_with_the_previous_import_in_extra_dirs_refreshes_it(imported: Path, monkeypatch) -> None:
    monkeypatch.setenv("ESANTE_EXTRA_DIRS", str(imported))
    report = onisep.import_file(XML, imported, filter_words="santé", force=True)
    assert (report.careers, report.already_known) == (2, [])  # its own records are not « already known »
    assert store.load(None, [imported]).get("onisep-met-9003") is None


def test_namespaced_xml_is_read_like_plain_xml(tmp_path: Path) -> None:
    path = tmp_path / "ns.xml"
    path.write_text(
        '<m:metiers xmlns:m="urn:test"><m:metier><m:identifiant>MET.9100</m:identifiant>'
        "<m:nom_metier>veilleur/euse de test</m:nom_metier></m:metier></m:metiers>",
        encoding="utf-8",
    )
    career = careers_of(path)["onisep-met-9100"]
    assert career["title"] == "veilleur/euse de test"
    assert career["summary"] == "Fiche MET.9100 de l'ONISEP, importée sans description."


def test_salary_heading_variants_and_the_apis_first_salary_field_are_read(tmp_path: Path) -> None:
    path = tmp_path / "fiches.json"
    path.write_text(
        json.dumps(
            [
                {"identifiant": "MET.9201", "nom_metier": "a", "vie_professionnelle": "<h4>Salaire débutant :</h4><p>2 000 € brut par mois</p>"},
                {"identifiant": "MET.9202", "nom_metier": "b", "first_salary": "Entre 1 900 et 2 100 € brut par mois."},
            ]
        ),
        encoding="utf-8",
    )
    careers = careers_of(path)
    assert careers["onisep-met-9201"]["salary"]["min"] == 2000
    assert (careers["onisep-met-9202"]["salary"]["min"], careers["onisep-met-9202"]["salary"]["max"]) == (1900, 2100)


def test_the_zip_onisep_distributes_is_read_in_place_with_its_members_date(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "ideo-fiches.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("LISEZ-MOI.txt", "notice")
        z.writestr(zipfile.ZipInfo("Fiches.xml", date_time=(2026, 11, 20, 8, 0, 0)), XML.read_bytes())
    out = tmp_path / "out"
    onisep.import_file(archive, out)
    [source] = [s for s in store.load(None, [out]).sources if s.id == onisep.SOURCE_ID]
    assert (source.file, source.date) == ("ideo-fiches.zip (Fiches.xml)", "2026-11-20")


def test_a_zip_without_xml_or_too_big_once_unpacked_is_refused(tmp_path: Path, monkeypatch) -> None:
    import zipfile

    from esante_cli.catalog.importers import onisep_file

    empty = tmp_path / "vide.zip"
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("notice.txt", "rien")
    with pytest.raises(EsanteError, match="aucun fichier .xml ou .json"):
        onisep.import_file(empty, tmp_path / "out")
    bomb = tmp_path / "bombe.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("fiches.xml", b"<metiers>" + b" " * 50_000 + b"</metiers>")
    monkeypatch.setattr(onisep_file, "MAX_FILE_BYTES", 10_000)
    with pytest.raises(EsanteError, match="trop volumineux une fois décompressé"):
        onisep.import_file(bomb, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_compare_careers_shows_the_sources_level_sectors_and_an_unstated_salary(invoke, imported: Path) -> None:
    result = invoke("compare", "--careers", "onisep-met-9001", "onisep-met-9003", "--with", str(imported))
    assert result.exit_code == 0, result.output
    rows = {line.split("\t")[0]: line for line in result.stdout.splitlines()}
    assert "CAP ou équivalent (selon la source)" in rows["Niveau d'entrée"]
    assert "non chiffré (voir esante show)" in rows["Salaire de début"]
    assert "Santé, Numérique de test" in rows["Secteurs"] and "Industrie de test" in rows["Secteurs"]
