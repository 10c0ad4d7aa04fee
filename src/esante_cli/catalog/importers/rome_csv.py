"""ROME 4.0's open-data CSV set, as France Travail publishes it: a folder or a ZIP
(`RefRomeCsv.zip`) of files named `unix_<table>_v<NNN>_utf8.csv`, any version number.

    tables = read_tables(Path("RefRomeCsv.zip"))   # {table: [row dicts]}, only the tables we use
    tables.version                                 # "460"

Columns are read by header name (a new version may add or reorder columns); a missing table or
column is an EsanteError naming it. Quirks of the official set: `arborescence_secteur_naf` holds
Latin-1 bytes despite its `_utf8` name (each line is decoded as UTF-8, else as Windows-1252), and
`texte` doubles its apostrophes (« l''utilisation », undone by `unquote`) and holds a few
Windows-1252 characters as C1 controls (U+009C for « œ », restored by `clean`). Pure: reads only.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from esante_cli.errors import EsanteError, ExitCode

_NAME_RE = re.compile(r"(?:.*/)?unix_([a-z_]+?)_v(\d+)_utf8\.csv\Z", re.IGNORECASE)
MAX_FILE_BYTES = 200_000_000  # no table of the official set is above 5 MB

# The tables and columns esante reads (any others are ignored).
COLUMNS: dict[str, tuple[str, ...]] = {
    "referentiel_code_rome": ("code_rome", "libelle_rome", "transition_num", "emploi_reglemente", "emploi_cadre", "code_rome_parent"),
    "referentiel_appellation": ("code_rome", "libelle_appellation_long", "classification"),
    "referentiel_code_rome_riasec": ("code_rome", "riasec_majeur", "riasec_mineur"),
    "centre_interet": ("code_centre_interet", "libelle_centre_interet"),
    "arborescence_centre_interet": ("code_centre_interet", "code_rome", "principal"),
    "liens_rome_referentiels": ("code_rome", "code_compo_bloc", "code_rubrique", "code_ogr"),
    "referentiel_competence": ("code_ogr", "libelle_competence"),
    "referentiel_savoir": ("code_ogr_savoir", "libelle_savoir", "categorie_savoir"),
    "referentiel_contexte_travail": ("code_ogr", "libelle_cont_travail", "libelle_type_cont_trav"),
    "rubrique_mobilite": ("code_rome", "code_rome_cible", "numero_ordre"),
    "cr_gd_dp": ("code_rome", "libelle_domaine_professionel"),
    "arborescence_secteur_activite": ("code_rome", "libelle_sect_activite", "libelle_ss_sect_activite", "principal"),
    "arborescence_secteur_naf": ("code_rome", "libelle_secteur_naf"),
    "texte": ("code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"),
}


class Tables(dict):
    """{table name: list of rows (dicts of the needed columns)}, with the files' version number
    (« 460 ») and, when the set holds its version.txt, France Travail's version and date."""

    version: str = ""
    name: str = ""
    release: str | None = None  # « 60 »: « Numero de version » of version.txt
    date: str | None = None  # « 2025-09-18 »: its « Date de publication »


def _release(text: str) -> tuple[str | None, str | None]:
    number = re.search(r"Num[ée]ro de version\s*:\s*(\d+)", text)
    date = re.search(r"Date de publication\s*:\s*(\d{2})/(\d{2})/(\d{4})", text)
    return (number.group(1) if number else None, f"{date.group(3)}-{date.group(2)}-{date.group(1)}" if date else None)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = []
    for line in data.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "".join(lines).lstrip("\ufeff")


def _c1(match: re.Match[str]) -> str:
    """A C1 control stands for its Windows-1252 character (U+009C « œ » in ROME's texts); other
    invisible characters (textsafe.py) are dropped, line breaks become spaces."""
    char = match.group()
    if "\x80" <= char <= "\x9f":
        try:
            return bytes([ord(char)]).decode("cp1252")
        except UnicodeDecodeError:
            return ""
    return " " if char in "\r\x0b\x0c\u2028\u2029" else ""


def clean(text: str) -> str:
    """A cell as text: Windows-1252 characters smuggled as C1 controls restored, controls dropped."""
    from esante_cli.textsafe import INVISIBLE_RE

    return INVISIBLE_RE.sub(_c1, text).strip() if INVISIBLE_RE.search(text) else text.strip()


def unquote(text: str) -> str:
    """« l''utilisation » → « l'utilisation » (the `texte` table doubles apostrophes)."""
    return text.replace("''", "'")


def _members(source: Path) -> dict[str, tuple[str, object]]:
    """{table: (version, opener)} of the ROME files in a folder or a ZIP (and "version.txt")."""
    found: dict[str, tuple[str, object]] = {}
    if source.is_dir():
        names = sorted(p for p in source.iterdir() if p.is_file())
        for p in names:
            m = _NAME_RE.match(p.name)
            if m:
                found.setdefault(m.group(1).lower(), (m.group(2), p))
            elif p.name.lower() == "version.txt":
                found["version.txt"] = ("", p)
        return found
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError):
        return {}
    for info in archive.infolist():
        m = _NAME_RE.match(info.filename)
        if m and not info.is_dir():
            found.setdefault(m.group(1).lower(), (m.group(2), (archive, info)))
        elif info.filename.rsplit("/", 1)[-1].lower() == "version.txt" and info.file_size < 100_000:
            found["version.txt"] = ("", (archive, info))
    return found


def _read_bytes(opener: object, where: Path) -> bytes:
    try:
        if isinstance(opener, Path):
            if opener.stat().st_size > MAX_FILE_BYTES:
                raise EsanteError("fichier trop gros pour une table du ROME", path=opener)
            return opener.read_bytes()
        archive, info = opener  # type: ignore[misc]
        if info.file_size > MAX_FILE_BYTES:
            raise EsanteError(f"{info.filename} : fichier trop gros pour une table du ROME", path=where)
        return archive.read(info)
    except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
        raise EsanteError(f"lecture impossible ({getattr(exc, 'strerror', None) or exc})", path=where) from None


def _not_a_rome_folder(source: Path) -> str:
    """Why a folder is not ROME's CSV set, and where the set may be: an archive or a sub-folder in it."""
    from esante_cli.textsafe import printable

    said = "ce dossier ne contient pas les fichiers CSV du ROME 4.0 (unix_<table>_v<N>_utf8.csv)"
    try:
        inside = sorted(source.iterdir())[:1000]
    except OSError:
        inside = []
    for p in inside:
        if p.is_file() and p.suffix.lower() == ".zip":
            return f"{said} ; il contient l'archive {printable(p.name)} : donnez {printable(str(p))}"
    for p in inside:
        if p.is_dir() and _holds_rome_files(p):
            return f"{said} ; son sous-dossier {printable(p.name)} les contient : donnez {printable(str(p))}"
    return f"{said} ; donnez le dossier où vous avez décompressé RefRomeCsv.zip, ou l'archive elle-même"


def _holds_rome_files(folder: Path) -> bool:
    try:
        return any(_NAME_RE.match(q.name) for q in folder.iterdir())
    except OSError:
        return False


def read_tables(source: Path, tables: tuple[str, ...] | None = None) -> Tables:
    """The ROME tables esante needs (COLUMNS), read from a folder or a ZIP of the official CSV set."""
    if not source.exists():
        raise EsanteError("fichier ou dossier introuvable", path=source, code=ExitCode.USAGE)
    members = _members(source)
    note = members.pop("version.txt", None)
    if not members and source.is_dir():
        raise EsanteError(_not_a_rome_folder(source), path=source)
    if not members:
        raise EsanteError(
            "ce n'est pas le ROME 4.0 de France Travail : aucun fichier unix_<table>_v<N>_utf8.csv "
            "(attendu : le dossier ou l'archive RefRomeCsv.zip du jeu de données ROME)",
            path=source,
        )
    wanted = tables or tuple(COLUMNS)
    missing = [t for t in wanted if t not in members]
    if missing:
        raise EsanteError(
            f"jeu ROME incomplet : {'table manquante' if len(missing) == 1 else 'tables manquantes'} "
            f"{', '.join(f'unix_{t}_vN_utf8.csv' for t in missing)}",
            path=source,
        )
    versions = sorted({members[t][0] for t in wanted})
    out = Tables()
    out.version = versions[-1]
    out.name = source.name
    if note is not None:
        out.release, out.date = _release(_decode(_read_bytes(note[1], source)))
    for table in wanted:
        version, opener = members[table]
        text = _decode(_read_bytes(opener, source))
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None) or []
        header = [h.strip().lower() for h in header]
        needed = COLUMNS[table]
        absent = [c for c in needed if c not in header]
        if absent:
            raise EsanteError(
                f"table unix_{table}_v{version}_utf8.csv : {'colonne manquante' if len(absent) == 1 else 'colonnes manquantes'} "
                f"{', '.join(absent)}",
                path=source,
            )
        index = [header.index(c) for c in needed]
        rows = []
        width = max(index) + 1
        for row in reader:
            if len(row) < width:
                continue  # a blank or cut line
            rows.append({c: clean(row[i]) for c, i in zip(needed, index)})
        out[table] = rows
    return out
