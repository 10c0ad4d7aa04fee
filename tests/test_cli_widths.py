"""What a person sees at 60, 80 and 120 columns: every command, its help page and its errors stay
within the width, break no word, and start no line with « ; » « : » « ! » « ? ». A web address
is the one thing allowed past the edge: whole, on a line of its own."""

from __future__ import annotations

import re
import unicodedata

import pytest

WIDTHS = (60, 80, 120)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# A web address, or an absolute file path with the punctuation glued to it: kept whole, past the edge if need be.
URL = re.compile(r"https?://\S+|\(?/[^\s/]\S*(?: [:;!?])?")
LEADING_PUNCTUATION = re.compile(r"^[\s│┃]*[;:!?](\s|$)")

# Every command as a person runs it (and a few wrong inputs, whose message goes to stderr).
COMMANDS = [
    [],
    ["--help"],
    ["recherche", "imagerie"],
    ["search", "formation", "lille", "--limit", "5"],
    ["search", "zzzqqq"],
    ["fiche", "ingenieur-imagerie-medicale"],
    ["show", "FOR.12046"],
    ["show", "seed-001-reportage-3il-sante-numerique"],
    ["parcours", "--ville", "lille"],
    ["path"],
    ["path", "--details"],
    ["path", "--continuing"],
    ["path", "--ville", "lile"],
    ["comparer", "startups", "conseil"],
    ["compare"],
    ["compare", "--careers", "dsi", "ingenieur-e-sante"],
    ["compare", "--trainings", "master-st4health-psl", "esiee-filiere-e-sante-biotech"],
    ["match", "traitement d'image, algorithmes, RGPD, zorglub, pithon"],
    ["evolutions", "chef-de-projet-e-sante"],
    ["market"],
    ["guide", "--from", "bac", "--ville", "lille", "--likes", "informatique, santé", "--annees-max", "5"],
    ["guide", "--likes", "python", "--ville", "castres"],
    ["guide", "--annees-max", "0", "--likes", "x"],
    ["sources"],
    ["validate"],
    ["validate", "--data-dir", "tests/data/mini"],
    ["rechrche", "imagerie"],
    ["aide", "zzz"],
]
HELP_PAGES = ["search", "show", "path", "compare", "match", "evolutions", "market", "guide", "sources", "validate",
              "export", "import", "help"]  # fmt: skip


def cells(text: str) -> int:
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _run(invoke, args: list[str], width: int | None):
    env = {"COLUMNS": str(width or 1000)}
    env["ESANTE_FORCE_TERMINAL"] = "1"
    result = invoke(*args, env=env)
    assert result.exit_code in (0, 1, 2), (args, result.output)
    return ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s│┃─━┏┓┗┛┡┩└┘├┤┼┬┴┳┻╇╭╮╰╯•·]+", text) if w and not set(w) <= set("█░·")}


def check(text: str, width: int, wide: str, what: str) -> None:
    known = _words(wide)
    for line in text.splitlines():
        if cells(line) > width:
            url = URL.search(line)
            assert url and cells(line.replace(url.group(0), "")) <= width and not URL.sub("", line).strip(" │"), (
                f"{what}: {cells(line)} > {width}: {line!r}"
            )
        assert not LEADING_PUNCTUATION.match(line), f"{what}: a line starts with punctuation: {line!r}"
    broken = {w for w in _words(text) if w not in known and not URL.match(w)}
    assert not broken, f"{what}: words cut at {width} columns: {sorted(broken)[:8]}"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "esante")
@pytest.mark.parametrize("width", WIDTHS)
def test_every_command_fits_its_width_without_breaking_a_word(invoke, args: list[str], width: int) -> None:
    out, err = _run(invoke, args, width)
    wide_out, wide_err = _run(invoke, args, None)
    what = f"esante {' '.join(args)}"
    check(out, width, wide_out + wide_err, what)
    check(err, width, wide_err + wide_out, what + " (stderr)")


@pytest.mark.parametrize("command", HELP_PAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_help_page_fits_its_width(invoke, command: str, width: int) -> None:
    out, _ = _run(invoke, [command, "--help"], width)
    for line in out.splitlines():
        assert cells(line) <= width, line
        assert not LEADING_PUNCTUATION.match(line), line


def test_a_web_address_is_never_cut(invoke) -> None:
    out, _ = _run(invoke, ["sources"], 60)
    long = "https://france3-regions.francetvinfo.fr/nouvelle-aquitaine/haute-vienne/limoges/"
    lines = [line for line in out.splitlines() if long in line]
    assert len(lines) == 1 and lines[0].strip().startswith("https://") and lines[0].strip().endswith(".html")


def test_path_is_a_summary_with_the_careers_listed_once(invoke) -> None:
    out, _ = _run(invoke, ["path"], 80)
    detailed, _ = _run(invoke, ["path", "--details"], 80)
    assert len(out.splitlines()) < len(detailed.splitlines()) / 2
    # Routes that prepare for the same careers share one line: no careers list is printed twice.
    careers = out.split("Métiers préparés :\n", 1)[1].split("\n\n", 1)[0]
    groups = [g.split(" : ", 1)[1] for g in re.split(r"\n(?=  parcours )", careers.strip("\n")) if " : " in g]
    assert len(groups) > 1 and len(groups) == len(set(groups))
    assert "parcours 5, 6, 7, 20 : ingénieur/e en imagerie médicale" in out
    assert "ajoutez --details" in out


def test_unknown_values_agree_with_their_noun(invoke) -> None:
    continuing, _ = _run(invoke, ["path", "--continuing", "--details"], 120)
    assert "ville : non renseignée" in continuing and "ville : non renseigné " not in continuing
    assert "durée : non renseignée" in continuing
    summary, _ = _run(invoke, ["path", "--continuing"], 120)
    # on a terminal the summary is a table: « non renseigné » agrees with its column (niveau, durée)
    assert re.search(r"│ (non )?renseigné +│ (non )?renseignée +│", summary), summary


def test_stderr_wraps_at_the_width_stdout_uses(invoke) -> None:
    _, err = _run(invoke, ["search", "zzzqqq"], 60)
    assert err.startswith("Erreur : « zzzqqq » n'est pas un métier de l'e-santé")
    assert max(cells(line) for line in err.splitlines()) <= 60 and len(err.splitlines()) > 3
