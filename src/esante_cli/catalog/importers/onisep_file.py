"""Reading ONISEP's export: the XML file (through defusedxml) or its JSON rendering, into one
plain dict per career sheet. A file that cannot be read is one EsanteError with its line.

XML is parsed with defusedxml: a file that declares entities (billion laughs) or refers to
external ones is refused, never expanded or fetched. An element becomes what JSON would have:
its text, or a dict of its attributes and children (a repeated child becomes a list).
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from esante_cli.errors import EsanteError, reason
from esante_cli.textsafe import printable, valid_text

MAX_FILE_BYTES = 300 * 1024 * 1024  # ONISEP's whole export is some 30 MB
MAX_SHEETS = 100_000  # ONISEP publishes about 1,100 career sheets
MAX_ZIP_MEMBERS = 1_000  # its archive holds one or two files
MAX_XML_DEPTH = 200  # a sheet is a few levels deep
_HEAD_BYTES = 65536  # kept from the start of an XML file, to point at a DOCTYPE's line


def _refuse(message: str, path: Path, line: int | None = None) -> EsanteError:
    return EsanteError(message, path=path, line=line)


def _open(path: Path) -> Any:
    """The file, open for reading, if it is a regular file (a FIFO, /dev/stdin or a device would
    block or never end: refused before anything is read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise _refuse("fichier introuvable", path) from None
    except PermissionError:
        raise _refuse("lecture refusée (permissions)", path) from None
    except OSError as exc:
        raise _refuse(f"fichier illisible ({reason(exc)})", path) from None
    mode = os.fstat(fd).st_mode
    if stat.S_ISDIR(mode):  # checked before fdopen, which refuses a folder with a bare errno
        os.close(fd)
        raise _refuse("c'est un dossier ; donnez le fichier XML ou ZIP de l'ONISEP", path)
    fh = os.fdopen(fd, "rb")
    if not stat.S_ISREG(mode):
        fh.close()
        raise _refuse(
            "ce n'est pas un fichier ordinaire (tube, périphérique ou entrée standard) : enregistrez d'abord l'export "
            "de l'ONISEP dans un fichier, puis donnez son nom",
            path,
        )
    size = os.fstat(fd).st_size
    if size > MAX_FILE_BYTES:
        fh.close()
        raise _refuse(f"fichier trop volumineux ({size // 1048576} Mo ; limite {MAX_FILE_BYTES // 1048576} Mo)", path)
    return fh


class _Bounded(io.RawIOBase):
    """A reader that fails past `limit` bytes, whatever an archive claims (ZIP bombs)."""

    def __init__(self, inner: Any, limit: int, error: EsanteError) -> None:
        self.inner, self.left, self.error = inner, limit, error

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(min(len(buffer), self.left + 1))
        if len(data) > self.left:
            raise self.error
        self.left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def read_sheets(path: Path) -> list[dict[str, Any]]:
    """The file's career sheets as plain dicts (XML elements and JSON objects alike)."""
    with _open(path) as fh:
        shown = path
        source: Any = fh
        archive = None
        try:
            if fh.read(4) == b"PK\x03\x04":  # the ZIP ONISEP distributes: its XML (or JSON) file, read in place
                archive = _zip(fh, path)
                member = _member(archive, path)
                shown = Path(f"{path}/{printable(member.filename)}")
                source = _unzipped(archive, member, path)
            else:
                fh.seek(0)
            sheets = _read(io.BufferedReader(source, 1 << 16) if source is not fh else fh, shown)
        except (OSError, EOFError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
            if isinstance(exc, RecursionError):
                raise _refuse("structure trop imbriquée", shown) from None
            if archive is not None:
                raise _refuse(f"archive ZIP abîmée ou illisible ({_zip_reason(exc)})", path) from None
            raise _refuse(f"fichier illisible ({reason(exc)})", path) from None
        finally:
            if archive is not None:
                archive.close()
    sheets = [s for s in sheets if isinstance(s, dict)]
    if not sheets:
        raise _refuse("aucune fiche métier dans ce fichier (éléments <metier> ou objets avec « identifiant » attendus)", shown)
    if len(sheets) > MAX_SHEETS:
        raise _too_many(shown)
    return sheets


def _zip_reason(exc: BaseException) -> str:
    return reason(exc) if isinstance(exc, OSError) and exc.errno else "données compressées invalides"


def _too_many(path: Path) -> EsanteError:
    return _refuse(f"plus de {MAX_SHEETS:,} fiches métiers : ce n'est pas l'export de l'ONISEP (environ 1 100 fiches)".replace(",", "\u202f"), path)


def _read(fh: Any, path: Path) -> list[Any]:
    head = fh.peek(_HEAD_BYTES)[:_HEAD_BYTES] if hasattr(fh, "peek") else b""
    start = _first_character(head)
    if start == "<":
        if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # UTF-32: expat reads UTF-8 and UTF-16 only
            fh = io.BytesIO(_utf32_as_utf8(fh.read(MAX_FILE_BYTES + 1), path))
            head = fh.getvalue()[:_HEAD_BYTES]
        return _xml_sheets(fh, head, path)
    if start in ("[", "{"):
        return _json_sheets(_parse_json(fh.read(MAX_FILE_BYTES + 1), path))
    if not start:
        raise _refuse("fichier vide : attendu l'export XML (ou JSON) des fiches métiers de l'ONISEP", path)
    raise _refuse("ni XML ni JSON : attendu l'export des fiches métiers de l'ONISEP (fichier .xml ou .json)", path, 1)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)  # fmt: skip


def _first_character(head: bytes) -> str:
    """The first character that is not a space, in UTF-8, UTF-16 or UTF-32 (with or without a BOM)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            text = head[len(bom) : len(bom) + 512].decode(encoding, "ignore")
            break
    else:
        if head[:1] == b"\x00" and head[1:2] != b"\x00":
            text = head[:512].decode("utf-16-be", "ignore")
        elif head[1:2] == b"\x00" and head[:1] != b"\x00":
            text = head[:512].decode("utf-16-le", "ignore")
        else:
            text = head[:512].decode("latin-1")
    return text.lstrip(" \t\r\n\ufeff")[:1]


def _utf32_as_utf8(raw: bytes, path: Path) -> bytes:
    try:
        text = raw.decode("utf-32")
    except UnicodeDecodeError:
        raise _refuse("XML illisible : octets invalides pour l'encodage UTF-32", path) from None
    text = re.sub(r"""\A(\s*<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""", r"\1\2UTF-8\2", text, count=1)
    return text.encode("utf-8", "surrogatepass")


def describe(path: Path) -> tuple[str, str]:
    """(file name, date YYYY-MM-DD) for the source record: the file's own, or for a ZIP the
    archive's name with its member's, and the member's date (the export's, not the download's)."""
    import datetime

    name = printable(valid_text(path.name))  # a name that is not UTF-8 becomes valid text in the data
    with _open(path) as fh:
        if fh.read(4) == b"PK\x03\x04":
            with _zip(fh, path) as archive:
                member = _member(archive, path)
                return f"{name} ({printable(member.filename)})", datetime.date(*member.date_time[:3]).isoformat()
        return name, datetime.date.fromtimestamp(os.fstat(fh.fileno()).st_mtime).isoformat()


def _zip(fh: Any, path: Path) -> Any:
    """The archive, once its member count is known to be small (each member costs memory)."""
    try:
        fh.seek(0)
        end = getattr(zipfile, "_EndRecData", None)
        record = end(fh) if end is not None else None
        if record is not None and record[4] > MAX_ZIP_MEMBERS:  # _ECD_ENTRIES_TOTAL
            raise _refuse(f"archive ZIP de {record[4]} fichiers : ce n'est pas l'export de l'ONISEP (un ou deux fichiers)", path)
        fh.seek(0)
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, struct.error):
        raise _refuse("archive ZIP illisible ou tronquée", path) from None
    if len(archive.infolist()) > MAX_ZIP_MEMBERS:
        archive.close()
        raise _refuse(f"archive ZIP de plus de {MAX_ZIP_MEMBERS} fichiers : ce n'est pas l'export de l'ONISEP", path)
    return archive


def _member(archive: Any, path: Path) -> Any:
    """The archive's .xml (or .json) file: the largest, when there are several."""
    found = [i for i in archive.infolist() if i.filename.lower().endswith((".xml", ".json")) and not i.is_dir()]
    if not found:
        raise _refuse("l'archive ZIP ne contient aucun fichier .xml ou .json", path)
    return max(found, key=lambda i: i.file_size)


def _unzipped(archive: Any, member: Any, path: Path) -> Any:
    """The member, read as a stream, refused past MAX_FILE_BYTES whatever the archive claims."""
    name = printable(member.filename)
    too_big = _refuse(f"fichier {name} trop volumineux une fois décompressé (limite {MAX_FILE_BYTES // 1048576} Mo)", path)
    if member.file_size > MAX_FILE_BYTES:
        raise too_big
    return _Bounded(archive.open(member), MAX_FILE_BYTES, too_big)


def _line_of(raw: bytes, needle: bytes) -> int | None:
    at = raw.find(needle)
    return raw.count(b"\n", 0, at) + 1 if at >= 0 else None


def _xml_sheets(fh: Any, head: bytes, path: Path) -> list[Any]:
    """Every <metier> element, as data, read as a stream: each sheet is dropped from the tree
    once converted, so that memory holds the sheets, not the document."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as safe_xml
    from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    sheets: list[Any] = []
    stack: list[Any] = []
    inside = 0  # <metier> elements open
    try:
        for event, element in safe_xml.iterparse(fh, ("start", "end"), forbid_dtd=False, forbid_entities=True, forbid_external=True):
            if event == "start":
                stack.append(element)
                if len(stack) > MAX_XML_DEPTH:
                    raise _refuse(f"structure XML trop imbriquée (plus de {MAX_XML_DEPTH} niveaux)", path)
                inside += _local(element.tag) == "metier"
                continue
            stack.pop()
            if _local(element.tag) != "metier":
                continue
            inside -= 1
            sheets.append(_element_data(element))
            if len(sheets) > MAX_SHEETS:
                raise _too_many(path)
            if not inside and stack and len(stack[-1]) and stack[-1][-1] is element:
                del stack[-1][-1]  # converted: out of the tree
    except EntitiesForbidden:
        raise _refuse(
            "fichier refusé : il déclare des entités XML (risque d'expansion ou d'accès à des fichiers) ; "
            "l'export de l'ONISEP n'en contient pas",
            path,
            _line_of(head, b"<!ENTITY"),
        ) from None
    except (ExternalReferenceForbidden, DTDForbidden, DefusedXmlException):
        raise _refuse(
            "fichier refusé : il fait référence à une ressource externe ; l'export de l'ONISEP n'en contient pas",
            path,
            _line_of(head, b"<!DOCTYPE"),
        ) from None
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise _refuse(f"XML invalide ou tronqué : {_xml_problem(exc)}", path, line) from None
    except LookupError as exc:  # an encoding Python does not know: « unknown encoding: x-nope »
        name = printable(str(exc).rsplit(":", 1)[-1].strip())[:60]
        raise _refuse(f"XML illisible : encodage « {name} » inconnu (l'export de l'ONISEP est en UTF-8)", path, 1) from None
    except UnicodeError:  # bytes that are not in the declared encoding
        raise _refuse("XML illisible : octets invalides pour l'encodage déclaré", path) from None
    return sheets


# Expat's messages (xml.parsers.expat.errors), in French; any other: « syntaxe XML incorrecte ».
_XML_PROBLEMS = {
    "no element found": "fin de fichier inattendue (fichier tronqué ?)",
    "unclosed token": "fin de fichier inattendue (fichier tronqué ?)",
    "partial character": "fin de fichier au milieu d'un caractère (fichier tronqué ?)",
    "unclosed CDATA section": "section CDATA non fermée (fichier tronqué ?)",
    "mismatched tag": "balise fermante qui ne correspond pas",
    "not well-formed (invalid token)": "caractère ou balise mal formé",
    "syntax error": "syntaxe XML incorrecte",
    "junk after document element": "texte après la fin du document",
    "unbound prefix": "préfixe d'espace de noms inconnu",
    "undefined entity": "entité inconnue",
    "duplicate attribute": "attribut en double",
    "reference to invalid character number": "référence à un caractère invalide (&#…;)",
    "reference to binary entity": "référence à une entité binaire",
    "reference to external entity in attribute": "référence à une entité externe dans un attribut",
    "recursive entity reference": "entité récursive",
    "XML or text declaration not at start of entity": "déclaration XML ailleurs qu'au début du fichier",
    "XML declaration not well-formed": "déclaration XML (<?xml …?>) mal formée",
    "text declaration not well-formed": "déclaration de texte mal formée",
    "unknown encoding": "encodage inconnu",
    "encoding specified in XML declaration is incorrect": "l'encodage déclaré ne correspond pas au contenu",
    "illegal character(s) in public id": "caractère interdit dans un identifiant public",
    "out of memory": "mémoire insuffisante",
    "illegal parameter entity reference": "référence d'entité paramètre interdite",
    "incomplete markup in parameter entity": "balisage incomplet dans une entité paramètre",
    "must not undeclare prefix": "préfixe d'espace de noms retiré à tort",
    "limit on input amplification factor (from DTD and entities) breached": "expansion d'entités excessive",
}


def _xml_problem(exc: Exception) -> str:
    message = str(exc).split(":")[0].strip()
    return _XML_PROBLEMS.get(message, "syntaxe XML incorrecte")


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


class _NotFinite(ValueError):
    pass


def _finite(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def _constant(text: str) -> Any:
    raise _NotFinite(text)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # a pair (an emoji) or a lone half: looked at closer


def _parse_json(raw: bytes, path: Path) -> Any:
    if len(raw) > MAX_FILE_BYTES:
        raise _refuse(f"fichier trop volumineux (limite {MAX_FILE_BYTES // 1048576} Mo)", path)
    encoding = json.detect_encoding(raw)
    try:
        text = raw.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError as exc:
        raise EsanteError("le fichier n'est pas encodé en UTF-8", path=path, line=raw.count(b"\n", 0, exc.start) + 1) from None
    del raw
    try:
        data = json.loads(text, parse_float=_finite, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        problem = "fin de fichier inattendue (fichier tronqué ?)" if exc.pos >= len(text.rstrip()) else f"syntaxe incorrecte ({_JSON_PROBLEMS.get(exc.msg, 'caractère inattendu')})"
        raise EsanteError(f"JSON invalide ou tronqué : {problem}", path=path, line=exc.lineno) from None
    except _NotFinite as exc:
        raise EsanteError(f"JSON invalide : « {exc} » n'est pas un nombre fini", path=path, line=_line_in(text, str(exc))) from None
    except RecursionError:
        raise EsanteError("JSON invalide : structure trop imbriquée", path=path) from None
    except ValueError:  # an integer of more than 4,300 digits
        raise EsanteError("JSON invalide : nombre entier trop long", path=path) from None
    bad = _SURROGATE_ESCAPE.search(text)
    if bad and _has_surrogate(data):
        raise EsanteError(
            f"JSON invalide : caractère « {bad.group()} » isolé (moitié d'une paire UTF-16)", path=path, line=text.count("\n", 0, bad.start()) + 1
        )
    return data


_JSON_PROBLEMS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de propriété entre guillemets attendu",
    "Expecting ',' delimiter": "virgule attendue",
    "Expecting ':' delimiter": "deux-points attendus",
    "Extra data": "texte après la fin des données",
    "Invalid control character at": "caractère de contrôle dans un texte",
    "Unterminated string starting at": "texte non fermé",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\uXXXX invalide",
}


def _line_in(text: str, needle: str) -> int | None:
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _has_surrogate(data: Any) -> bool:
    """Whether a lone surrogate is in any string of the parsed data (keys included)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if any("\ud800" <= c <= "\udfff" for c in value):
                return True
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
    return False


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
