"""ONISEP's « Idéo-Fiches métiers » (XML export, or its JSON rendering) → esante records.

    sheets = read_sheets(path)                  # raw sheets, whichever format
    result = convert(sheets, source, filter_words=["santé"], known=Known.of(base_catalogue))
    result.careers, result.trainings            # records in the data-file shape (docs/data-model.md)

XML is parsed with defusedxml: a file that declares entities (billion laughs) or refers to
external ones is refused, never expanded or fetched. JSON lists may come wrapped
(`{"statuts": {"statut": [...]}}`) and a single item unwrapped (`{"statut": {...}}`): both read
the same. Ids come from ONISEP's codes (MET.602 → onisep-met-602, FOR.5333 → onisep-for-5333),
so that they stay the same from one import to the next.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from esante_cli.catalog.importers.text import (
    clean_text,
    fold,
    html_to_text,
    paragraphs,
    parse_level,
    parse_salary,
    section,
    shorten,
)
from esante_cli.errors import EsanteError, ExitCode

MAX_FILE_BYTES = 300 * 1024 * 1024  # ONISEP's whole export is some 30 MB
SOURCE_ID = "onisep-ideo-fiches-metiers"
DATASET_TITLE = "Idéo-Fiches métiers"
DATASET_URL = "https://www.data.gouv.fr/datasets/ideo-fiches-metiers"
DATASET_PAGE_ONISEP = "https://opendata.onisep.fr/data/5fe0808a2da6f/2-ideo-fiches-metiers.htm"
LICENCE = "ODbL 1.0"
PUBLISHER = "ONISEP"

_MET_RE = re.compile(r"MET\.(\d+)\Z")
_FOR_RE = re.compile(r"FOR\.(\d+)\Z")
_ROME_RE = re.compile(r"[A-N]\d{4}\Z")
_TEXT_LIMIT = 2000  # longest summary or mission kept (the validator's limit is 10,000)

# ---------------------------------------------------------------- reading the file


def read_sheets(path: Path) -> list[dict[str, Any]]:
    """The file's career sheets as plain dicts (XML elements and JSON objects alike)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise EsanteError(f"fichier trop volumineux ({size // 1048576} Mo ; limite {MAX_FILE_BYTES // 1048576} Mo)", path=path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise EsanteError("fichier introuvable", path=path) from None
    except IsADirectoryError:
        raise EsanteError("ce chemin est un dossier : donnez le fichier XML ou JSON de l'ONISEP", path=path) from None
    except PermissionError:
        raise EsanteError("lecture refusée (permissions)", path=path) from None
    except OSError as exc:
        raise EsanteError(f"fichier illisible ({exc.strerror})", path=path) from None
    start = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        root = _parse_xml(raw, path)
        sheets = [_element_data(e) for e in root.iter() if _local(e.tag) == "metier"]
    elif start in (b"[", b"{"):
        sheets = _json_sheets(_parse_json(raw, path))
    elif not start:
        raise EsanteError("fichier vide : attendu l'export XML (ou JSON) des fiches métiers de l'ONISEP", path=path)
    else:
        raise EsanteError("ni XML ni JSON : attendu l'export des fiches métiers de l'ONISEP (fichier .xml ou .json)", path=path, line=1)
    sheets = [s for s in sheets if isinstance(s, dict)]
    if not sheets:
        raise EsanteError("aucune fiche métier dans ce fichier (éléments <metier> ou objets avec « identifiant » attendus)", path=path)
    return sheets


def _line_of(raw: bytes, needle: bytes) -> int | None:
    at = raw.find(needle)
    return raw.count(b"\n", 0, at) + 1 if at >= 0 else None


def _parse_xml(raw: bytes, path: Path) -> Any:
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    try:
        return safe_xml.fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except EntitiesForbidden:
        raise EsanteError(
            "fichier refusé : il déclare des entités XML (risque d'expansion ou d'accès à des fichiers) ; "
            "l'export de l'ONISEP n'en contient pas",
            path=path,
            line=_line_of(raw, b"<!ENTITY"),
        ) from None
    except (ExternalReferenceForbidden, DTDForbidden, DefusedXmlException):
        raise EsanteError(
            "fichier refusé : il fait référence à une ressource externe ; l'export de l'ONISEP n'en contient pas",
            path=path,
            line=_line_of(raw, b"<!DOCTYPE"),
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise EsanteError(f"XML invalide ou tronqué : {_xml_problem(exc)}", path=path, line=line) from None


_XML_PROBLEMS = {
    "no element found": "fin de fichier inattendue (fichier tronqué ?)",
    "unclosed token": "fin de fichier inattendue (fichier tronqué ?)",
    "mismatched tag": "balise fermante qui ne correspond pas",
    "not well-formed (invalid token)": "caractère ou balise mal formé",
    "junk after document element": "texte après la fin du document",
    "unbound prefix": "préfixe d'espace de noms inconnu",
    "undefined entity": "entité inconnue",
}


def _xml_problem(exc: Exception) -> str:
    message = str(exc).split(":")[0].strip()
    return _XML_PROBLEMS.get(message, message or "syntaxe incorrecte")


def _element_data(element: Any) -> Any:
    """An element as JSON would have it: text, or a dict of its attributes and children
    (a child repeated becomes a list)."""
    children = list(element)
    if not children and not element.attrib:
        text = (element.text or "").strip()
        return text or None
    out: dict[str, Any] = {_local(k): v for k, v in element.attrib.items()}
    for child in children:
        value, tag = _element_data(child), _local(child.tag)
        if tag in out:
            previous = out[tag]
            out[tag] = previous + [value] if isinstance(previous, list) else [previous, value]
        else:
            out[tag] = value
    text = (element.text or "").strip()
    if text and not children:
        out["libelle"] = out.get("libelle") or text
    return out


def _local(tag: Any) -> str:
    """A tag without its namespace: {http://…}metier → metier (comments and the like → "")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _parse_json(raw: bytes, path: Path) -> Any:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EsanteError("le fichier n'est pas encodé en UTF-8", path=path, line=raw.count(b"\n", 0, exc.start) + 1) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problem = "fin de fichier inattendue (fichier tronqué ?)" if exc.pos >= len(text.rstrip()) else f"syntaxe incorrecte ({exc.msg})"
        raise EsanteError(f"JSON invalide ou tronqué : {problem}", path=path, line=exc.lineno) from None


def _json_sheets(data: Any) -> list[Any]:
    """Sheets from the JSON rendering: a list, {"metiers": {"metier": [...]}}, {"metier": ...} or one sheet."""
    for _ in range(4):
        if isinstance(data, list):
            return data
        if not isinstance(data, dict):
            return []
        if "identifiant" in data:
            return [data]
        for key in ("metier", "metiers", "fiches", "results", "hits", "data"):
            if key in data:
                data = data[key]
                break
        else:
            if len(data) != 1:
                return []
            data = next(iter(data.values()))
    return data if isinstance(data, list) else [data]


# ---------------------------------------------------------------- one sheet, normalised


def _items(value: Any, inner: str | None = None) -> list[Any]:
    """A list however it is wrapped: None, one item, [items], {inner: item} or {inner: [items]}."""
    if value is None or value == "":
        return []
    if isinstance(value, dict) and inner and set(value) == {inner}:
        value = value[inner]
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return clean_text(value) or None


def _pairs(value: Any, inner: str) -> list[tuple[str | None, str]]:
    """(id, libellé) pairs of a list such as statuts/statut, each item an object or attributes."""
    out = []
    for item in _items(value, inner):
        if isinstance(item, dict):
            code = _text(item.get("id") or item.get("identifiant"))
            label = _text(item.get("libelle") or item.get("nom_metier"))
        else:
            code, label = None, _text(item)
        if label:
            out.append((code, label))
    return out


@dataclass
class Sheet:
    """What esante takes from one ONISEP sheet, whichever format it came in."""

    code: str
    title: str
    feminine: str | None = None
    masculine: str | None = None
    synonyms: list[str] = field(default_factory=list)
    synonym_forms: list[str] = field(default_factory=list)
    rome: list[str] = field(default_factory=list)
    level: tuple[str | None, str] | None = None
    trainings: list[tuple[str | None, str]] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    html: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(cls, raw: dict[str, Any]) -> "Sheet | None":
        code = _text(raw.get("identifiant"))
        title = _text(raw.get("nom_metier")) or _text(raw.get("libelle_masculin")) or _text(raw.get("libelle_feminin"))
        if not code or not title:
            return None
        synonyms, forms = [], []
        for item in _items(raw.get("synonymes"), "synonyme"):
            if isinstance(item, dict):
                name = _text(item.get("nom_metier") or item.get("libelle"))
                forms += [f for f in map(_text, (item.get("libelle_feminin"), item.get("libelle_masculin"))) if f]
            else:
                name = _text(item)
            if name:
                synonyms.append(name)
        level = _pairs(raw.get("niveau_acces_min"), "niveau_acces_min")
        return cls(
            code=code,
            title=title,
            feminine=_text(raw.get("libelle_feminin")),
            masculine=_text(raw.get("libelle_masculin")),
            synonyms=synonyms,
            synonym_forms=forms,
            rome=[r for r in map(_text, _items(raw.get("romesV3"), "romeV3")) if r and _ROME_RE.match(r.upper())],
            level=level[0] if level else None,
            trainings=_pairs(raw.get("formations_min_requise"), "formation_min_requise"),
            statuses=[label for _, label in _pairs(raw.get("statuts"), "statut")],
            sectors=[label for _, label in _pairs(raw.get("secteurs_activite"), "secteur_activite")],
            interests=[label for _, label in _pairs(raw.get("centres_interet"), "centre_interet")],
            related=[code for code, _ in _pairs(raw.get("metiers_associes"), "metier_associe") if code],
            html={key: raw.get(key) if isinstance(raw.get(key), str) else None for key in HTML_FIELDS},
        )

    def matches(self, terms: list[str]) -> bool:
        """True when a term starts a word of the title, a synonym or a sector, or starts a ROME code."""
        texts = [self.title, self.feminine or "", self.masculine or "", *self.synonyms, *self.synonym_forms, *self.sectors]
        words = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(t)) for t in texts) + " "
        for term in terms:
            if any(code.upper().startswith(term.upper()) for code in self.rome):
                return True
            if re.sub(r"[^a-z0-9]+", " ", fold(term)).strip() and f" {re.sub(r'[^a-z0-9]+', ' ', fold(term)).strip()}" in words:
                return True
        return False


HTML_FIELDS = ("accroche_metier", "nature_travail", "competences", "condition_travail", "acces_metier", "vie_professionnelle")


def filter_terms(words: str | Iterable[str] | None) -> list[str]:
    """`--filter santé,numérique` → ["santé", "numérique"]; commas separate terms, each may hold spaces."""
    if words is None:
        return []
    if isinstance(words, str):
        words = [words]
    return [t.strip() for w in words for t in w.split(",") if t.strip()]


# ---------------------------------------------------------------- the whole import


@dataclass
class ImportReport:
    """What an import wrote (for the summary line and `--json`)."""

    out: Path
    careers: int
    trainings: int
    read: int
    kept: int
    filtered_out: int
    already_known: list[str]
    invalid: int
    duplicates: int
    terms: list[str]

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["out"] = str(self.out)
        return data


def import_file(
    path: Path,
    out: Path,
    filter_words: str | Iterable[str] | None = None,
    force: bool = False,
    data_dir: Path | None = None,
    today: str | None = None,
) -> ImportReport:
    """Read an ONISEP export and write it as an overlay folder at `out` (see module docstring).

    Sheets already in the catalogue (same MET code) are left out, and links to them point at
    the catalogue's records. The folder is checked with the validator before it is moved in.
    """
    import datetime

    from esante_cli.catalog import store
    from esante_cli.catalog.importers import folder
    from esante_cli.catalog.importers.onisep_records import Known, convert, source_record

    folder.check_target(out, force)
    terms = filter_terms(filter_words)
    raw = read_sheets(path)
    base = store.resolve_data_dir(data_dir)
    # the base data alone: a previous import listed in ESANTE_EXTRA_DIRS is not « already known »
    base_result = store.check(base, (), environment=False)
    if base_result.problems:
        raise base_result.problems[0]
    result = convert(raw, terms, Known.of(base_result.catalog))
    if not result.careers:
        raise _nothing_kept(path, result, terms)
    today = today or datetime.date.today().isoformat()
    file_date = datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()
    files = {"careers.yaml": folder.dump_yaml({"careers": result.careers})}
    if result.trainings:
        files["trainings.yaml"] = folder.dump_yaml({"trainings": result.trainings})
    source = source_record(path.name, file_date, today)
    files["sources.yaml"] = folder.dump_yaml({"sources": [source]})
    files["LISEZMOI.txt"] = _readme(source, len(result.careers), today)
    marker = {"source": "onisep", "file": path.name, "file_date": file_date, "imported_on": today, "filter": terms}

    def check(staging: Path) -> None:
        problems = store.check(base, [staging], environment=False).problems
        if problems:
            raise EsanteError(f"l'import a produit des données que esante refuse ({problems[0]}) : signalez-le", code=ExitCode.INTERNAL)

    folder.write_folder(out, files, marker, force, check)
    return ImportReport(
        out, len(result.careers), len(result.trainings), result.read, result.kept, result.filtered_out,
        result.already_known, result.invalid, result.duplicates, terms,
    )  # fmt: skip


def _nothing_kept(path: Path, result: Any, terms: list[str]) -> EsanteError:
    if result.kept and result.already_known:
        return EsanteError(
            f"les {result.kept} fiche(s) retenue(s) sont déjà dans le catalogue d'esante ({', '.join(result.already_known[:5])}) : rien à importer",
            path=path,
            code=ExitCode.NOT_FOUND,
        )
    if terms:
        return EsanteError(
            f"aucune des {result.read} fiches ne correspond au filtre « {', '.join(terms)} » : essayez un mot plus "
            "court (« sante »), un autre mot du titre ou un début de code ROME (« J15 »)",
            path=path,
            code=ExitCode.NOT_FOUND,
        )
    return EsanteError("aucune fiche métier utilisable (identifiant et nom de métier manquants)", path=path)


def _readme(source: dict[str, Any], careers: int, today: str) -> str:
    return (
        f"Ce dossier est une base de données dérivée de « {source['title']} » ({source['publisher']}),\n"
        f"fichier {source['file']} du {source['date']}, importé par esante le {today} :\n"
        f"{careers} fiche(s) métier et les formations qu'elles citent.\n\n"
        f"Licence : Open Database License (ODbL) 1.0 — https://opendatacommons.org/licenses/odbl/1-0/\n"
        f"Source : {source['url']}\n\n"
        "Si vous diffusez ce dossier ou une base qui en dérive, citez la source (« Source : ONISEP,\n"
        "Idéo-Fiches métiers, ODbL ») et diffusez-la sous la même licence ODbL.\n"
        "Utilisation : esante search MOTS --with CE_DOSSIER (ou variable ESANTE_EXTRA_DIRS).\n"
    )
