"""Reading ONISEP's export: the XML file (through defusedxml) or its JSON rendering, into one
plain dict per career sheet. A file that cannot be read is one EsanteError with its line.

XML is parsed with defusedxml: a file that declares entities (billion laughs) or refers to
external ones is refused, never expanded or fetched. An element becomes what JSON would have:
its text, or a dict of its attributes and children (a repeated child becomes a list).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from esante_cli.errors import EsanteError, reason

MAX_FILE_BYTES = 300 * 1024 * 1024  # ONISEP's whole export is some 30 MB


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
        raise EsanteError(f"fichier illisible ({reason(exc)})", path=path) from None
    if raw[:4] == b"PK\x03\x04":  # the ZIP ONISEP distributes: its XML (or JSON) file, read in place
        member = _member(raw, path)
        raw, path = _unzipped(raw, member, path), Path(f"{path}/{member.filename}")
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


def describe(path: Path) -> tuple[str, str]:
    """(file name, date YYYY-MM-DD) for the source record: the file's own, or for a ZIP the
    archive's name with its member's, and the member's date (the export's, not the download's)."""
    import datetime

    if path.read_bytes()[:4] == b"PK\x03\x04":
        raw = path.read_bytes()
        member = _member(raw, path)
        return f"{path.name} ({member.filename})", datetime.date(*member.date_time[:3]).isoformat()
    return path.name, datetime.date.fromtimestamp(path.stat().st_mtime).isoformat()


def _member(raw: bytes, path: Path) -> Any:
    """The archive's .xml (or .json) file: the largest, when there are several."""
    import io
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(raw)).infolist()
    except (zipfile.BadZipFile, ValueError):
        raise EsanteError("archive ZIP illisible ou tronquée", path=path) from None
    found = [i for i in infos if i.filename.lower().endswith((".xml", ".json")) and not i.is_dir()]
    if not found:
        raise EsanteError("l'archive ZIP ne contient aucun fichier .xml ou .json", path=path)
    return max(found, key=lambda i: i.file_size)


def _unzipped(raw: bytes, member: Any, path: Path) -> bytes:
    """The member's bytes, refused past MAX_FILE_BYTES whatever the archive claims (ZIP bombs)."""
    import io
    import zipfile

    if member.file_size > MAX_FILE_BYTES:
        raise EsanteError(f"fichier {member.filename} trop volumineux une fois décompressé (limite {MAX_FILE_BYTES // 1048576} Mo)", path=path)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)).open(member) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise EsanteError(f"archive ZIP abîmée : {member.filename} illisible", path=path) from None
    if len(data) > MAX_FILE_BYTES:
        raise EsanteError(f"fichier {member.filename} trop volumineux une fois décompressé (limite {MAX_FILE_BYTES // 1048576} Mo)", path=path)
    return data


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
