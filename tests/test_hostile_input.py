"""Issue 26: whatever a user types or feeds esante, nothing reaches the terminal raw, nothing
ends in exit 70, no work is unbounded, and the answer is right or refused in French.

Arguments with invalid UTF-8 and terminal escapes, closed streams, import files built to
crash or stall a parser, numbers that are not numbers, cycles, system errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from esante_cli.catalog import store
from esante_cli.catalog.importers import onisep, onisep_file
from esante_cli.errors import EsanteError, ExitCode

ONE_SHEET = [{"identifiant": "MET.9101", "nom_metier": "testeur de fiabilité", "libelle_masculin": "testeur", "romesV3": "M1805"}]


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def esante(*args: bytes | str, stdin: object = None, close_stdin: bool = False, timeout: int = 60) -> subprocess.CompletedProcess:
    """The real command (arguments as bytes reach it as the shell gives them); output as bytes."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS",)}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    argv = [os.fsencode(sys.executable), b"-m", b"esante_cli", *(a if isinstance(a, bytes) else a.encode() for a in args)]
    return subprocess.run(
        argv, stdin=stdin, capture_output=True, env=env, timeout=timeout,
        preexec_fn=(lambda: os.close(0)) if close_stdin else None,  # `<&-`
    )  # fmt: skip


def french_line(done: subprocess.CompletedProcess, code: int) -> str:
    """The one error line of a run that must end with `code`: valid UTF-8, no control character."""
    assert done.returncode == code, (done.returncode, done.stderr)
    err = done.stderr.decode("utf-8")  # strict: no byte of the user's reaches the terminal raw
    assert "Traceback" not in err and _CONTROL.search(err) is None, err
    return err


# ---------------------------------------------------------------- terminal injection


def test_an_unknown_option_is_echoed_without_its_escape_sequences(invoke) -> None:
    result = invoke("search", "--\x1b]0;titre\x07", "imagerie")
    assert result.exit_code == ExitCode.USAGE
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr.startswith("Erreur : option inconnue : --]0;titre")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\u202e", "\u2066", "\U000e0041", "\u200b", "\u00ad", "\x85", "\x9b", "\x1b"])
def test_separators_bidi_tag_and_format_characters_in_data_are_refused(invoke, mini_dir: Path, char: str) -> None:
    path = mini_dir / "careers.yaml"
    text = path.read_text(encoding="utf-8")
    escaped = f"\\U{ord(char):08X}"  # YAML's escape: the character itself, whatever the reader allows raw
    path.write_text(text.replace("summary: Pilote des projets de test.", f'summary: "Pilote{escaped}des projets"', 1), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert f"interdit (U+{ord(char):04X})" in result.stdout and char not in result.stdout


def test_one_cleaning_function_covers_every_control_and_format_character() -> None:
    """Held out: every character of categories Cc (tab and newline excepted), Cf, Zl, Zp and Cs
    of the running Python's Unicode is matched, and printable() leaves none of them."""
    from esante_cli.textsafe import INVISIBLE_RE, printable, valid_text

    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs") and char not in "\t\n":
            assert INVISIBLE_RE.fullmatch(char), f"U+{code:04X}"
            assert INVISIBLE_RE.search(printable(f"a{char}b")) is None
    assert printable("a\u2028b\rc") == "a b c" and printable("caf\udce9") == "caf\ufffd"
    assert valid_text(os.fsdecode(b"caf\xe9")) == "caf\ufffd" and valid_text("café") == "café"


def test_the_duplicated_control_character_patterns_are_gone() -> None:
    import esante_cli

    root = Path(esante_cli.__file__).parent
    found = [str(p.relative_to(root)) for p in root.rglob("*.py") if "\\x7f-\\x9f" in p.read_text(encoding="utf-8")]
    assert found == ["textsafe.py"]


# ---------------------------------------------------------------- bad bytes: never exit 70


BAD = b"caf\xe9\x9b"  # invalid UTF-8, and 0x9B: a C1 CSI on some terminals if written raw
COMMANDS = [
    ([b"show", BAD], ExitCode.NOT_FOUND),
    ([b"search", BAD], ExitCode.NOT_FOUND),
    ([b"search", b"--" + BAD], ExitCode.USAGE),
    ([b"match", BAD], ExitCode.NOT_FOUND),
    ([b"evolutions", BAD], ExitCode.NOT_FOUND),
    ([b"path", b"--city", BAD], ExitCode.NOT_FOUND),
    ([b"path", b"--career", BAD], ExitCode.NOT_FOUND),
    ([b"compare", b"--careers", BAD, b"x"], ExitCode.NOT_FOUND),
    ([b"guide", b"--likes", BAD, b"--json"], ExitCode.NOT_FOUND),
    ([b"export", b"--kind", BAD], ExitCode.USAGE),
    ([b"export", b"--format", BAD], ExitCode.USAGE),
    ([b"import", BAD, b"x.xml", b"--out", b"o"], ExitCode.USAGE),
    ([b"import", b"onisep", BAD, b"--out", b"o"], ExitCode.DATA),
    ([b"validate", b"--data-dir", BAD], ExitCode.DATA),
    ([b"market", b"--with", BAD], ExitCode.DATA),
    ([b"help", BAD], ExitCode.USAGE),
    ([BAD], ExitCode.USAGE),
]


@pytest.mark.parametrize("args, code", COMMANDS, ids=[b" ".join(a).decode("latin-1") for a, _ in COMMANDS])
def test_invalid_utf8_in_any_argument_is_a_french_error_not_a_crash(tmp_path: Path, args: list[bytes], code: int) -> None:
    done = esante(*args)
    err = french_line(done, code)
    assert "\ufffd" in err or code == ExitCode.USAGE  # the bad bytes shown as U+FFFD, never raw
    assert b"\x9b" not in done.stdout


def test_guide_with_stdin_closed_is_a_usage_error() -> None:
    french_line(esante("guide", close_stdin=True), ExitCode.USAGE)


def test_a_path_that_is_not_utf8_still_opens(tmp_path: Path) -> None:
    """File names are bytes to the system: only words are made valid text, not paths."""
    sheet = tmp_path / os.fsdecode(b"fiches-\xe9.json")
    sheet.write_text(json.dumps(ONE_SHEET), encoding="utf-8")
    out = tmp_path / os.fsdecode(b"sortie-\xe9")
    done = esante("import", "onisep", os.fsencode(sheet), "--out", os.fsencode(out))
    assert done.returncode == 0, done.stderr
    assert "testeur de fiabilité" in (out / "careers.yaml").read_text(encoding="utf-8")
    assert "file: fiches-\ufffd.json" in (out / "sources.yaml").read_text(encoding="utf-8")
    assert "écrits dans " + str(tmp_path) + "/sortie-\ufffd" in done.stdout.decode("utf-8")  # shown, not raw


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "NaN", "infinity"])
def test_nan_and_inf_are_not_numbers_of_years(invoke, value: str) -> None:
    for command in (("path", "--max-years", value), ("guide", "--likes", "python", "--max-years", value, "--json")):
        result = invoke(*command)
        assert result.exit_code == ExitCode.USAGE, result.output
        assert result.stderr.startswith("Erreur : --max-years attend un nombre") and result.stdout == ""


# ---------------------------------------------------------------- import files


def _write(path: Path, content: bytes | str) -> Path:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _sheet_with(field: str, raw_json_value: str) -> str:
    return '[{"identifiant": "MET.9101", "nom_metier": "testeur", "%s": %s}]' % (field, raw_json_value)


IMPORT_REFUSED = [
    ("json nested 100,000 deep", "[" * 100_000 + "]" * 100_000, "structure trop imbriquée"),
    ("xml nested 100,000 deep", "<metiers><metier>" + "<a>" * 100_000 + "</a>" * 100_000 + "</metier></metiers>", "structure XML trop imbriquée"),
    ("5,000-digit integer", _sheet_with("n", "9" * 5000), "nombre entier trop long"),
    ("lone surrogate", _sheet_with("libelle_feminin", '"x\\ud800"'), "isolé (moitié d'une paire UTF-16)"),
    ("NaN", _sheet_with("n", "NaN"), "« NaN » n'est pas un nombre fini"),
    ("Infinity", _sheet_with("n", "-Infinity"), "« -Infinity » n'est pas un nombre fini"),
    ("1e999", _sheet_with("n", "1e999"), "« 1e999 » n'est pas un nombre fini"),
    ("unknown encoding", '<?xml version="1.0" encoding="x-nulle-part"?><metiers/>', "encodage « x-nulle-part » inconnu"),
    ("bytes outside the encoding", b'<?xml version="1.0" encoding="ascii"?><metiers>\xe9</metiers>', "XML invalide ou tronqué"),
    ("duplicate attribute", '<metiers a="1" a="2"/>', "attribut en double"),
    ("unclosed CDATA", "<metiers><![CDATA[x", "section CDATA non fermée"),
]


@pytest.mark.parametrize("case, content, words", IMPORT_REFUSED, ids=[c[0] for c in IMPORT_REFUSED])
def test_hostile_import_files_are_refused_in_french(invoke, tmp_path: Path, case: str, content: str | bytes, words: str) -> None:
    path = _write(tmp_path / "fiches.dat", content)
    result = invoke("import", "onisep", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.DATA, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Erreur : {path}") and words in line, line
    assert not (tmp_path / "out").exists()


IMPORT_ACCEPTED = [
    ("malformed html section", _sheet_with("accroche_metier", '"<p>a</p><![foo[ x ]]><h2>Salaire</h2><p>b"'), "a Salaire b"),
    ("1 MB of <!-- in a field", _sheet_with("accroche_metier", json.dumps("<p>début</p>" + "<!--" * 250_000)), "début"),
    ("1 MB of <a in a field", _sheet_with("accroche_metier", json.dumps("<p>début</p>" + "<a" * 500_000)), "début"),
]


@pytest.mark.parametrize("case, content, summary", IMPORT_ACCEPTED, ids=[c[0] for c in IMPORT_ACCEPTED])
def test_malformed_or_huge_html_is_read_in_one_pass(tmp_path: Path, case: str, content: str, summary: str) -> None:
    """html.parser raised on `<![if`, and took minutes on a field of `<!--` (quadratic); a
    subprocess with a timeout, so that a regression fails instead of hanging the suite."""
    path = _write(tmp_path / "fiches.json", content)
    done = esante("import", "onisep", str(path), "--out", str(tmp_path / "out"), timeout=60)
    assert done.returncode == 0, done.stderr
    careers = (tmp_path / "out" / "careers.yaml").read_text(encoding="utf-8")
    assert f"summary: {summary}" in careers


@pytest.mark.parametrize("encoding, bom", [("utf-16", True), ("utf-16-le", False), ("utf-16-be", False), ("utf-32", True)])
def test_utf16_and_utf32_xml_with_a_declaration_is_accepted(tmp_path: Path, encoding: str, bom: bool) -> None:
    declared = encoding.split("-")[0] + "-" + encoding.split("-")[1] if "-" in encoding else encoding
    text = (
        f'<?xml version="1.0" encoding="{declared.upper()}"?>\n<metiers><metier><identifiant>MET.9101</identifiant>'
        "<nom_metier>testeur de fiabilité</nom_metier></metier></metiers>"
    )
    path = _write(tmp_path / "fiches.xml", text.encode(encoding))
    [sheet] = onisep.read_sheets(path)
    assert sheet["nom_metier"] == "testeur de fiabilité"
    as_json = _write(tmp_path / "fiches.json", json.dumps(ONE_SHEET, ensure_ascii=False).encode(encoding))
    assert onisep.read_sheets(as_json)[0]["nom_metier"] == "testeur de fiabilité"


def test_a_fifo_or_stdin_as_import_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    for path in (str(fifo), "/dev/stdin"):
        done = esante("import", "onisep", path, "--out", str(tmp_path / "out"), stdin=subprocess.PIPE, timeout=30)
        assert "ce n'est pas un fichier ordinaire" in french_line(done, ExitCode.DATA)


def test_stdin_redirected_from_a_regular_file_is_read(tmp_path: Path) -> None:
    sheet = _write(tmp_path / "fiches.json", json.dumps(ONE_SHEET))
    with open(sheet, "rb") as fh:
        done = esante("import", "onisep", "/dev/stdin", "--out", str(tmp_path / "out"), stdin=fh)
    assert done.returncode == 0, done.stderr


def test_a_zip_member_name_with_control_characters_is_cleaned(invoke, tmp_path: Path) -> None:
    archive = tmp_path / "fiches.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("fi\x1b]0;x\x07ches\u2028.json", json.dumps(ONE_SHEET))
    result = invoke("import", "onisep", str(archive), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    sources = (tmp_path / "out" / "sources.yaml").read_text(encoding="utf-8")
    assert "file: fiches.zip (fi]0;xches .json)" in sources


def test_a_zip_of_too_many_sheets_or_members_is_refused_streaming(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(onisep_file, "MAX_SHEETS", 1_000)
    archive = tmp_path / "fiches.zip"
    sheet = b"<metier><identifiant>MET.1</identifiant><nom_metier>x</nom_metier></metier>"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("fiches.xml", b"<metiers>" + sheet * 5_000 + b"</metiers>")
    with pytest.raises(EsanteError, match="plus de 1\u202f000 fiches métiers"):
        onisep.read_sheets(archive)
    monkeypatch.setattr(onisep_file, "MAX_ZIP_MEMBERS", 10)
    with zipfile.ZipFile(archive, "w") as z:
        for n in range(20):
            z.writestr(f"f{n}.xml", b"<metiers/>")
    with pytest.raises(EsanteError, match="archive ZIP de 20 fichiers"):
        onisep.read_sheets(archive)


@pytest.mark.parametrize("out, words", [("z" * 300, "nom de fichier trop long"), ("", "--out")])
def test_an_unusable_out_is_a_french_usage_error(invoke, tmp_path: Path, monkeypatch, out: str, words: str) -> None:
    sheet = _write(tmp_path / "fiches.json", json.dumps(ONE_SHEET))
    monkeypatch.chdir(tmp_path)  # restored after the test: later tests name paths relative to the repository
    result = invoke("import", "onisep", str(sheet), "--out", out)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert words in result.stderr and "Traceback" not in result.output


def test_out_dot_inside_a_previous_import_replaces_it_with_force(invoke, tmp_path: Path, monkeypatch) -> None:
    sheet = _write(tmp_path / "fiches.json", json.dumps(ONE_SHEET))
    out = tmp_path / "onisep"
    assert invoke("import", "onisep", str(sheet), "--out", str(out)).exit_code == 0
    monkeypatch.chdir(out)
    result = invoke("import", "onisep", str(sheet), "--out", ".", "--force")
    assert result.exit_code == 0, result.output
    assert (out / "careers.yaml").is_file() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------- unbounded work


def test_match_with_10000_terms_is_refused_at_once(invoke) -> None:
    terms = [f"competence{n}" for n in range(10_000)]
    result = invoke("match", *terms)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith("Erreur : trop de mots (10000) : 200 au plus")
    assert invoke("match", *(["python", "sql"] * 5_000), "--json").exit_code == 0  # repeated words count once


# ---------------------------------------------------------------- wrong answers


def test_part_of_cycles_and_self_links_are_caught_by_validate(invoke, mini_dir: Path) -> None:
    path = mini_dir / "trainings.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    continuing: true\n", "    continuing: true\n    part_of: [module-test]\n", 1), encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert result.exit_code == ExitCode.NOT_FOUND
    assert "cycle dans les formations qui en contiennent d'autres (part_of) : module-test → module-test" in result.stdout
    careers = mini_dir / "careers.yaml"
    careers.write_text(careers.read_text(encoding="utf-8").replace("sectors: [hopital, conseil]", "sectors: [hopital, conseil]\n    related: [chef-test]", 1), encoding="utf-8")
    assert "« chef-test » renvoie à lui-même" in invoke("validate", "--data-dir", str(mini_dir)).stdout


def test_duplicate_keys_are_named_as_the_file_writes_them(invoke, mini_dir: Path) -> None:
    (mini_dir / "zz.yaml").write_text("other:\n  1: a\n  true: b\n  yes: c\n", encoding="utf-8")
    result = invoke("validate", "--data-dir", str(mini_dir))
    assert "clé « true » en double (déjà à la ligne 2 sous la forme « 1 », même clé une fois lue)" in result.stdout
    assert "« True »" not in result.stdout


# ---------------------------------------------------------------- messages


def test_every_system_reason_is_french() -> None:
    import errno

    from esante_cli.errors import reason

    for code in (errno.ENOENT, errno.EROFS, errno.ENOSPC, errno.EACCES, errno.ENAMETOOLONG, errno.ENOTDIR, errno.EISDIR, errno.ELOOP):
        text = reason(OSError(code, os.strerror(code)))
        assert text and os.strerror(code) not in text
    assert reason(OSError(errno.ENOENT, "No such file or directory")) == "fichier ou dossier introuvable"
    assert reason(OSError(errno.EROFS, "Read-only file system")) == "système de fichiers en lecture seule"
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "plus de place sur le disque"


def test_expat_messages_are_french() -> None:
    from xml.etree.ElementTree import ParseError
    from xml.parsers.expat import errors

    english = [getattr(errors, name) for name in dir(errors) if name.startswith("XML_ERROR_")]
    for message in english:
        french = onisep_file._xml_problem(ParseError(f"{message}: line 1, column 0"))
        assert french and french != message, message


def test_a_file_used_as_a_folder_is_a_french_reason(invoke, tmp_path: Path) -> None:
    blocker = _write(tmp_path / "fichier", "x")
    result = invoke("import", "onisep", str(blocker / "fiches.xml"), "--out", str(tmp_path / "out"))
    assert result.exit_code == ExitCode.DATA
    assert "un élément du chemin n'est pas un dossier" in result.stderr and "Not a directory" not in result.stderr
    result = invoke("validate", "--data-dir", str(blocker / "data"))
    assert result.exit_code == ExitCode.DATA and "Not a directory" not in result.stderr


# ---------------------------------------------------------------- environment


ENVIRONMENTS = [
    {"ESANTE_CACHE_DIR": b"/dev/null/x"},
    {"ESANTE_CACHE_DIR": b"/tmp/esante-\xe9\x1b"},
    {"ESANTE_DATA_DIR": b"\xe9\x9b"},
    {"ESANTE_EXTRA_DIRS": b":\xe9::"},
    {"ESANTE_NO_CACHE": b"\xe9"},
    {"COLUMNS": b"\xe9"},
    {"TERM": b"\x1b", "NO_COLOR": b"\xe9"},
    {"PYTHONIOENCODING": b"ascii"},
]


@pytest.mark.parametrize("variables", ENVIRONMENTS, ids=[repr(v) for v in ENVIRONMENTS])
def test_any_environment_gives_an_answer_or_a_french_error(tmp_path: Path, variables: dict[bytes | str, bytes]) -> None:
    env = {os.fsencode(k): v for k, v in os.environ.items()}
    env.update({k.encode(): v for k, v in variables.items()})
    env[b"PYTHONDONTWRITEBYTECODE"] = b"1"
    here = tmp_path / "ici"
    here.mkdir()
    done = subprocess.run([sys.executable, "-m", "esante_cli", "search", "imagerie"], capture_output=True, env=env, timeout=60, cwd=here)
    assert done.returncode in (0, ExitCode.DATA), done.stderr
    if done.returncode:
        french_line(done, ExitCode.DATA)
    assert list(here.iterdir()) == []  # nothing written in the current folder


def test_a_relative_xdg_cache_home_is_ignored() -> None:
    from esante_cli.cli.environment import cache_dir_from

    assert cache_dir_from({"XDG_CACHE_HOME": "relatif"}) == Path(os.path.expanduser("~")) / ".cache" / "esante"
