"""`esante guide`: exit codes, JSON and CSV shapes, the usage error off a terminal, the questions in a pty."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import time

import pytest

from esante_cli.cli.guide import CSV_COLUMNS, command_line

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LILLE = ["guide", "--from", "bac", "--ville", "lille", "--likes", "informatique, santé", "--annees-max", "5"]
TERMINAL = {"ESANTE_FORCE_TERMINAL": "1", "NO_COLOR": "1"}  # the answers as text (a pipe gets rows: test_guide_in_a_pipe…)


def test_the_lille_question_answers_with_lille_routes(invoke) -> None:
    result = invoke(*LILLE, env=TERMINAL)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Métiers pour vous : « informatique, santé », depuis le bac, à Lille, en 5 ans au plus\n")
    assert "pas un test d'orientation" in out
    assert "1. développeur/euse e-santé (developpeur-e-sante)" in out
    assert "5 ans : LAS parcours Sciences pour l'ingénieur et la santé, Lille → Cycle ingénieur JUNIA HEI (après la LAS), Lille" in out
    assert "parcours : à Lille : aucun parcours ; en 5 ans au plus, partout en France : 2 parcours :" in out  # named programmes only, as path
    assert "plus tard, avec de l'expérience : directeur/trice technique ; fondateur/trice de start-up e-santé" in out
    assert "non renseigné" not in out.split("\n1. ", 1)[1]  # the answers (the table above says an unknown salary)


def test_imaging_from_bac_plus_3_puts_the_imaging_engineer_first(invoke) -> None:
    result = invoke("guide", "--from", "bac+3", "--likes", "imagerie", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [c["id"] for c in data["careers"]] == ["ingenieur-imagerie-medicale", "ingenieur-rd-sante"]


def test_english_and_french_options_give_the_same_answer(invoke) -> None:
    french = invoke(*LILLE, "--json").stdout
    english = invoke("guide", "--from", "bac", "--city", "lille", "--likes", "informatique, santé", "--max-years", "5", "--json").stdout
    assert json.loads(french) == json.loads(english)


def test_json_routes_have_the_path_shape(invoke) -> None:
    data = json.loads(invoke(*LILLE, "--json").stdout)
    route = data["careers"][0]["routes"][0]
    assert route["kind"] == "route" and route["total_years"] == 5
    assert data["careers"][0]["salary"]["figures"][0]["sources"] == ["letudiant-fiche-developpeur"]  # the developer's own figure
    assert data["careers"][0]["sectors"] == []  # the developer: seed 000's figures describe engineers
    assert data["careers"][2]["sectors"] == [
        {"id": "startups-e-sante", "name": "Start-ups e-santé", "growth_5y": 40, "sources": ["seed-000-guide-ingenieur-e-sante"]}
    ]


def test_csv_has_one_row_per_career(invoke) -> None:
    result = invoke(*LILLE, "--csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == CSV_COLUMNS
    assert [r[1] for r in rows[1:]] == [
        "developpeur-e-sante", "ingenieur-e-sante", "data-scientist-sante", "chef-de-projet-e-sante",
        "specialiste-cybersecurite-sante",
    ]  # fmt: skip
    assert rows[1][3:8] == ["informatique; santé", "programmation", "24000", "30000", "2000"]  # per year, then as given
    best = CSV_COLUMNS.index("best_route")
    assert rows[1][best : best + 2] == ["bac>las-sciences-ingenieur-sante-ucl>junia-hei", "5"]


def test_without_options_off_a_terminal_it_is_a_usage_error_naming_the_options(invoke) -> None:
    result = invoke("guide")
    assert result.exit_code == 2
    assert "--from, --ville, --likes, --interests, --annees-max, --continuing" in result.stderr
    assert "Traceback" not in result.output


def test_json_and_csv_together_and_a_bad_level_are_usage_errors(invoke) -> None:
    assert invoke("guide", "--likes", "python", "--json", "--csv").exit_code == 2
    bad = invoke("guide", "--from", "CM2", "--likes", "python")
    assert bad.exit_code == 2 and "« en poste »" in bad.stderr


def test_words_that_find_nothing_exit_1_with_a_way_forward(invoke) -> None:
    result = invoke("guide", "--likes", "zzz pyhton")
    assert result.exit_code == 1
    assert "Mots ignorés (inconnus du catalogue) : zzz, pyhton. Vouliez-vous dire « python » ?" in result.stderr
    assert "esante search MOT" in result.stderr


def test_a_city_without_programmes_still_gets_careers_and_the_cities_of_the_data(invoke) -> None:
    # Brest is no typo: a person living there gets careers and the routes elsewhere, not an error
    result = invoke("guide", "--likes", "python", "--ville", "brest", env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert "« Brest » n'est pas dans les données ; villes des formations : Bar-le-Duc, Caen, Castres," in result.stdout
    assert "parcours : à Brest : aucun parcours ; partout en France : " in result.stdout


def test_a_misspelt_city_is_answered_as_path_answers_it(invoke) -> None:
    guide = invoke("guide", "--from", "bac", "--likes", "informatique", "--ville", "Lile")
    path = invoke("parcours", "--ville", "Lile")
    assert guide.exit_code == path.exit_code == 1 and guide.stdout == ""
    assert guide.stderr == path.stderr
    assert "Vouliez-vous dire « Lille » ?" in guide.stderr


def test_career_changers_get_continuing_routes(invoke) -> None:
    data = json.loads(invoke("guide", "--from", "en poste", "--likes", "gestion de projet", "--json").stdout)
    assert data["query"]["from"] == "en poste" and data["query"]["continuing"] is True
    assert data["careers"][0]["id"] == "chef-de-projet-e-sante"
    assert all(r["continuing"] for r in data["careers"][0]["routes"])


def test_career_changer_is_shown_a_master_open_in_continuing_education_and_what_it_requires(invoke) -> None:
    result = invoke("guide", "--from", "en poste", "--likes", "data", env=TERMINAL)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "   parcours (3) :\n"
        "     2 ans, niveau d'entrée bac+3 : Master Santé publique, parcours Informatique biomédicale\n"
        "     2 ans, niveau d'entrée bac+3 : Master Informatique, parcours Cybersécurité et sciences des données\n"
        "     niveau d'entrée bac+3 : DIU ToMARS (bases médico-administratives et recherche en santé), "
        "à distance (durée non renseignée)\n"
    ) in out
    assert "formation initiale" not in out and "ISEN" not in out
    assert (
        "   parcours : aucun parcours de formation dans les données ; on y accède par l'expérience\n"
        "   hors parcours, en formation continue : DU Intelligence artificielle appliquée en santé, Paris (90 h) ; "
        "DU Intelligence artificielle et santé, Nice (112 h)\n"
    ) in out
    routes = json.loads(invoke("guide", "--from", "en poste", "--likes", "data", "--json").stdout)["careers"][0]["routes"]
    assert [(r["id"], r["continuing"], r["from"], r["total_years"]) for r in routes] == [
        ("master-sante-publique-informatique-biomedicale-paris13", True, "bac+3", 2),
        ("master-cybersecurite-paris8", True, "bac+3", 2),
        ("diu-tomars", True, "bac+3", None),
    ]
    ia = json.loads(invoke("guide", "--from", "en poste", "--likes", "data", "--json").stdout)["careers"][1]
    assert [(o["kind"], o["id"], o["duration"], o["continuing"]) for o in ia["outside"]] == [
        ("outside_route", "du-ia-appliquee-sante-paris", {"value": 90, "unit": "heures"}, True),
        ("outside_route", "du-ia-sante-nice", {"value": 112, "unit": "heures"}, True),
    ]


def test_a_career_with_routes_also_lists_its_programmes_in_hours(invoke, tmp_path) -> None:
    # data-scientist-sante has continuing routes for someone at work; a 60-hour DU that prepares
    # for it must be listed too, in the text as in the JSON (the text once stopped at the routes)
    (tmp_path / "formations.yaml").write_text(
        "trainings:\n"
        "  - id: du-donnees-sante-test\n"
        "    name: DU Données de santé (essai)\n"
        "    institution: Université d'essai\n"
        "    city: Rennes\n"
        "    kind: du\n"
        "    duration: {value: 60, unit: heures}\n"
        "    careers: [data-scientist-sante]\n"
        "    continuing: true\n"
        "    summary: Un DU inventé pour ce test.\n"
        "    sources: [seed-000-guide-ingenieur-e-sante]\n",
        encoding="utf-8",
    )
    args = ("guide", "--from", "en poste", "--likes", "data", "--with", str(tmp_path))
    result = invoke(*args, env=TERMINAL)
    assert result.exit_code == 0, result.output
    assert (
        "   parcours (3) :\n"
        "     2 ans, niveau d'entrée bac+3 : Master Santé publique, parcours Informatique biomédicale\n"
        "     2 ans, niveau d'entrée bac+3 : Master Informatique, parcours Cybersécurité et sciences des données\n"
        "     niveau d'entrée bac+3 : DIU ToMARS (bases médico-administratives et recherche en santé), "
        "à distance (durée non renseignée)\n"
        "   hors parcours, en formation continue : DU Données de santé (essai), Rennes (60 h)\n"
    ) in result.stdout
    row = invoke(*args).stdout.splitlines()[1].split("\t")  # in a pipe: the same, in the row's last fields
    assert row[7] == "3" and row[8].endswith(" ; hors parcours, en formation continue : DU Données de santé (essai), Rennes (60 h)")
    career = json.loads(invoke(*args, "--json").stdout)["careers"][0]
    assert (career["id"], career["route_count"]) == ("data-scientist-sante", 3)
    assert [o["id"] for o in career["outside"]] == ["du-donnees-sante-test"]


def test_career_changer_years_limit_is_kept_or_its_relaxing_said(invoke) -> None:
    out = invoke("guide", "--from", "en poste", "--likes", "data", "--max-years", "1", env=TERMINAL).stdout
    assert (
        "   parcours : en 1 an au plus : aucun parcours ; sans limite de durée : 3 parcours :\n"
        "     2 ans, niveau d'entrée bac+3 : Master Santé publique, parcours Informatique biomédicale\n"
    ) in out
    imaging = invoke("guide", "--from", "en poste", "--likes", "imagerie", "--annees-max", "1", env=TERMINAL)
    assert imaging.exit_code == 0, imaging.output
    assert (
        "   parcours : en formation continue ou en formation initiale en 1 an au plus : aucun parcours ; "
        "depuis le bac, en formation initiale, sans limite de durée : 4 parcours :\n"
        "     5 ans : Diplôme d'ingénieur IG2I de Centrale Lille Institut, Lens\n"
    ) in imaging.stdout
    assert (
        "Aucun métier ci-dessus n'a de parcours en formation continue ou en formation initiale en 1 an au plus ; "
        "depuis le bac, en formation initiale, sans limite de durée : 10 parcours.\n"
    ) in imaging.stdout


def test_continuing_routes_of_unknown_duration_say_the_level_they_require(invoke) -> None:
    out = invoke("guide", "--from", "en poste", "--likes", "gestion de projet", env=TERMINAL).stdout
    assert "     niveau d'entrée bac+5 : Mastère spécialisé en e-santé (durée non renseignée)\n" in out
    assert "     Certification professionnelle de chef de projet e-santé (durée non renseignée)\n" in out  # no level


def test_routes_without_any_duration_are_not_called_the_shortest(invoke, tmp_path) -> None:
    out = invoke("guide", "--from", "en poste", "--likes", "gestion de projet", env=TERMINAL).stdout
    assert "parcours (les 3 plus courts sur 4) :\n     1 an : DU Enseignement pratique" in out  # one duration known
    assert "parcours (les 3 plus courts sur " in invoke("guide", "--from", "bac", "--likes", "informatique", env=TERMINAL).stdout
    extra = tmp_path / "sans-durees"
    extra.mkdir()
    lines = [
        "careers:",
        "  - {id: testeur-sante, title: testeur de logiciels de santé, summary: Un métier de test.,"
        " entry_level: bac+2, sources: [seed-002-guide-chef-de-projet-e-sante]}",
        "trainings:",
    ] + [
        f"  - {{id: du-test-{n}, name: DU test {n}, kind: du, continuing: true, careers: [testeur-sante],"
        " sources: [seed-002-guide-chef-de-projet-e-sante]}"
        for n in range(4)
    ]
    (extra / "extra.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    unknown = invoke("guide", "--from", "en poste", "--likes", "testeur", "--with", str(extra), env=TERMINAL).stdout
    assert "parcours (3 sur 4, durées non renseignées) :\n" in unknown and "plus courts" not in unknown


def test_command_line_quotes_for_a_shell() -> None:
    assert command_line("bac", "Lille", "informatique, santé", 5.0, False) == (
        "esante guide --from bac --ville Lille --likes 'informatique, santé' --annees-max 5"
    )
    assert command_line("en poste", None, None, None, False) == "esante guide --from 'en poste'"


def test_an_apostrophe_is_quoted_readably_and_safely() -> None:
    import shlex

    from esante_cli.present.render import shell_quote

    assert command_line("bac", None, "j'aime la santé", None, False) == 'esante guide --from bac --likes "j\'aime la santé"'
    for word in ["j'aime la santé", "l'argent $HOME", "l'\"x", "plain", "a b"]:
        assert shlex.split(shell_quote(word)) == [word]
    assert shell_quote("l'argent $HOME") == "'l'\"'\"'argent $HOME'"  # $ would expand inside double quotes


# ---------------------------------------------------------------- the questions, in a pseudo-terminal


def _answer_in_a_pty(answers: list[bytes], interrupt: bool = False) -> tuple[str, int]:
    """Run `esante guide` on a pseudo-terminal, type `answers` one per prompt; (output, exit code)."""
    import pty
    import select
    import signal

    pid, fd = pty.fork()
    if pid == 0:
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "ESANTE_FORCE_TERMINAL")}
        env.update(TERM="xterm-256color", COLUMNS="100")
        os.execve(sys.executable, [sys.executable, "-m", "esante_cli", "guide"], env)
    chunks: list[bytes] = []
    pending = list(answers)
    mark = 0  # where the text after the last answer starts
    silent, interrupted = 0, False
    while True:
        ready, _, _ = select.select([fd], [], [], 2)
        if not ready:
            silent += 2
            if silent >= 30:
                os.kill(pid, signal.SIGKILL)
                break
            if interrupted:
                # a Ctrl-C that arrived between readline printing the prompt and its select() is
                # seen by Python only at the next event: press it again, as a person would
                os.kill(pid, signal.SIGINT)
            continue
        silent = 0
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
        text = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace"))
        # a question waits for its answer: every prompt ends in « ) : » (its default or its hint
        # in brackets, then the French colon); a read that stops inside the intro's « (Entrée : »
        # or the city question's « (vide : » does not, nor the refusal of a bad answer (a line)
        if text[mark:].endswith(") : "):
            mark = len(text)
            if interrupt:
                # as a person would, once the question is waiting: a signal sent in the instant
                # between readline printing the prompt and its select() is seen by Python only
                # at the next keystroke (a race of the test, not of a person's Ctrl-C)
                time.sleep(0.3)
                os.kill(pid, signal.SIGINT)
                interrupt, interrupted = False, True
            elif pending:
                os.write(fd, pending.pop(0) + b"\r")
    _, status = os.waitpid(pid, 0)
    return ANSI.sub("", b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")), os.waitstatus_to_exitcode(status)


def test_on_a_terminal_without_options_it_asks_and_ends_with_the_command_line() -> None:
    out, code = _answer_in_a_pty([b"bac", b"", b"informatique, sant\xc3\xa9", b"Lille", b"5"])
    assert code == 0, out
    assert "Où en êtes-vous [bac/bac+1/bac+2/bac+3/bac+4/bac+5/en poste] (bac) : bac\n" in out
    assert "Une ville (vide : partout en France) : Lille\n" in out
    assert "Formation continue" not in out  # at the bac, studies are initial ones
    assert "1. développeur/euse e-santé (developpeur-e-sante)" in out
    assert "La même réponse, sans les questions :\n  esante guide --from bac --ville Lille --likes 'informatique, santé' --annees-max 5\n" in out


def test_bytes_typed_that_are_not_utf8_are_words_not_a_crash() -> None:
    """Issue 26: a terminal in Latin-1 sends « é » as one byte; the answer is read, never exit 70."""
    out, code = _answer_in_a_pty([b"bac", b"", b"informatique caf\xe9", b"Lille", b"5"])
    assert code == 0, out
    assert "erreur interne" not in out and "Traceback" not in out
    assert "esante guide --from bac --ville Lille --likes 'informatique caf\ufffd' --annees-max 5" in out


def test_terminale_is_an_answer_at_the_question_as_with_from() -> None:
    out, code = _answer_in_a_pty([b"zz", b"Terminale", b"", b"informatique", b"", b""])
    assert code == 0, out
    assert out.count("Choisissez l'une des réponses proposées\n") == 1  # zz only
    assert "Formation continue" not in out
    assert "La même réponse, sans les questions :\n  esante guide --from terminale --likes informatique\n" in out


def test_a_misspelt_city_is_asked_again_at_the_question() -> None:
    out, code = _answer_in_a_pty([b"bac", b"", b"informatique", b"Lile", b"Lille", b""])
    assert code == 0, out
    assert "Vouliez-vous dire « Lille » ?" in out
    assert "esante guide --from bac --ville Lille --likes informatique\n" in out


def test_a_diploma_or_a_job_is_an_answer_at_the_question() -> None:
    out, code = _answer_in_a_pty([b"je suis infirmi\xc3\xa8re", b"", b"imagerie", b"", b""])
    assert code == 0, out
    assert "Choisissez l'une des réponses proposées" not in out
    assert "Formation continue (vous" not in out  # at work: continuing-education routes already
    assert "esante guide --from 'en poste' --likes imagerie\n" in out


def test_with_a_degree_it_asks_about_continuing_education() -> None:
    out, code = _answer_in_a_pty([b"Bac + 3", b"", b"imagerie", b"", b"", b"o"])
    assert code == 0, out
    assert "Formation continue (vous êtes déjà en poste) [o/n] (n) : o\n" in out
    assert "La même réponse, sans les questions :\n  esante guide --from bac+3 --likes imagerie --continuing\n" in out


@pytest.mark.parametrize(
    "typed, answer, asks",
    [
        ("bac", "bac", False),
        ("Terminale", "terminale", False),
        ("  au   lycée ", "au lycée", False),
        ("seconde", "seconde", False),
        ("Bac + 2", "bac+2", True),
        ("bac+5", "bac+5", True),
        ("en poste", "en poste", False),  # continuing-education routes already
        ("reconversion", "en poste", False),
        ("en reconversion", "en poste", False),
        ("je suis infirmière", "en poste", False),
        ("licence", "licence", True),
        ("Master", "master", True),
        ("zz", None, None),
        ("bac+", None, None),
    ],
)
def test_the_level_question_takes_what_from_takes(typed: str, answer: str | None, asks: bool | None) -> None:
    from esante_cli.catalog import store
    from esante_cli.cli.guide import asks_continuing, level_answer

    catalog = store.load()  # the vocabulary: « en reconversion », « infirmière » say who asks
    assert level_answer(typed, catalog) == answer
    if answer is not None:
        assert asks_continuing(answer, catalog) is asks


def test_the_questions_offer_rome_themes_by_number_and_rank_by_them() -> None:
    out, code = _answer_in_a_pty([b"bac", b"99", b"caf\xe9", b"29 18", b"", b"", b""])
    assert code == 0, out
    assert "Qu'est-ce qui vous attire ? Des thèmes du ROME (France Travail), sous leur numéro du ROME ; seuls \nceux des métiers du catalogue sont proposés :\n" in out  # why 3, 7, 9… are missing (100 columns)
    assert "  29. Je suis passionné / passionnée par les nouvelles technologies\n" in out
    assert "  18. J'aime organiser, planifier\n" in out
    assert "  17. J'aime m'occuper des animaux" not in out  # no career of the catalogue carries it
    assert out.count("Des numéros de la liste, séparés par des espaces (Entrée : aucun)\n") == 2  # 99, then a Latin-1 byte
    assert "D'autres mots qui vous plaisent (vide : aucun) : \n" in out  # no default words once themes are chosen
    assert "parce que vous avez choisi : « Je suis passionné / passionnée par les" in out  # wrapped at 100 columns
    assert "La même réponse, sans les questions :\n  esante guide --from bac --interests 29,18\n" in out


def test_the_themes_answer_takes_what_interests_takes(invoke) -> None:
    from esante_cli.catalog import store
    from esante_cli.cli.guide import themes_answer
    from esante_cli.explore.interests import offered

    catalog = store.load()
    themes = offered(catalog)
    assert themes_answer(catalog, themes, "") == ""
    assert themes_answer(catalog, themes, " 29  18 ") == "29,18"
    assert themes_answer(catalog, themes, "nouvelles technologies, 18") == "29,18"
    assert themes_answer(catalog, themes, "17") is None  # a theme, but none of the careers carries it
    assert themes_answer(catalog, themes, "zz") is None
    assert command_line("bac", None, None, None, False, "29,18") == "esante guide --from bac --interests 29,18"


def test_ctrl_c_at_a_question_leaves_quietly_with_130() -> None:
    out, code = _answer_in_a_pty([], interrupt=True)
    assert code == 130, (code, out)
    assert "Traceback" not in out and "Erreur" not in out


def test_the_shared_command_line_is_cut_between_arguments_for_a_narrow_terminal() -> None:
    import shlex

    from esante_cli.cli.guide import command_line, shell_lines

    command = command_line("bac", "Lille", "je veux travailler dans la santé", 5, False)
    lines = shell_lines(command, 60)
    assert lines == ["esante guide --from bac --ville Lille --likes \\", "  'je veux travailler dans la santé' --annees-max 5"]
    assert all(len(line) <= 60 for line in lines)
    assert shlex.split(" ".join(line.removesuffix("\\") for line in lines)) == shlex.split(command)


def test_computing_is_not_read_as_information_through_the_short_form_info(invoke) -> None:
    # the lexicon's « info » (informatique) matched « information » as a prefix: the TIM came first
    result = invoke("guide", "--from", "bac", "--likes", "informatique", "--json")
    assert result.exit_code == 0, result.output
    ids = [career["id"] for career in json.loads(result.stdout)["careers"]]
    assert ids[:3] == ["ingenieur-rd-sante", "data-scientist-sante", "developpeur-e-sante"]


def test_guide_in_a_pipe_is_one_row_per_career_and_the_rest_on_stderr(invoke) -> None:
    result = invoke(*LILLE)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0] == [
        "N°", "métier", "identifiant", "pourquoi", "niveau d'entrée", "salaire de début", "hausse du salaire après 5 ans",
        "parcours", "les plus courts", "plus tard, avec de l'expérience",
    ]  # fmt: skip
    assert rows[1][:3] == ["1", "développeur/euse e-santé", "developpeur-e-sante"]
    assert all(len(row) == len(rows[0]) for row in rows)
    assert any("5 ans : LAS parcours Sciences pour l'ingénieur et la santé, Lille → Cycle ingénieur JUNIA HEI (après la LAS), Lille" in row[8] for row in rows)
    assert any(row[9] == "directeur/trice technique, fondateur/trice de start-up e-santé" for row in rows)
    assert result.stderr.startswith("Métiers pour vous : « informatique, santé », depuis le bac, à Lille, en 5 ans au plus\nClassement : ")
    assert "Pour aller plus loin : esante fiche developpeur-e-sante" in result.stderr  # French options: French commands
