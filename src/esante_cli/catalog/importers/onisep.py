"""ONISEP's « Idéo-Fiches métiers » (XML export, or its JSON rendering) → an esante overlay.

    import_file(Path("Fiches_metiers.xml"), Path("onisep"), "santé,numérique")   # the whole import

or step by step:

    sheets = read_sheets(path)                             # onisep_file.py: raw dicts, XML or JSON
    result = convert(sheets, ["santé"], Known.of(catalog))  # onisep_records.py: records
    result.careers, result.trainings                       # in the data-file shape (docs/data-model.md)

This module holds what a sheet is (Sheet: the facts esante takes from it, the filter) and the
whole import (import_file: read, convert, write the folder with folder.py). JSON lists may come wrapped
(`{"statuts": {"statut": [...]}}`) and a single item unwrapped (`{"statut": {...}}`): both read
the same. Ids come from ONISEP's codes (MET.602 → onisep-met-602, FOR.5333 → onisep-for-5333),
so that they stay the same from one import to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from esante_cli.catalog.folding import unaccent
from esante_cli.catalog.importers.text import clean_text, html_to_text
from esante_cli.catalog.importers.onisep_file import describe, read_sheets  # noqa: F401 (re-exported)
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.wording import count

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
    first_salary: str | None = None  # ONISEP's API renders the paragraph apart, as text

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
            first_salary=_text(html_to_text(raw["first_salary"])) if isinstance(raw.get("first_salary"), str) else None,
        )

    def matches(self, terms: list[str]) -> bool:
        """True when a term starts a word of the title, a synonym or a sector, or starts a ROME code."""
        texts = [self.title, self.feminine or "", self.masculine or "", *self.synonyms, *self.synonym_forms, *self.sectors]
        words = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", unaccent(t)) for t in texts) + " "
        for term in terms:
            if any(code.upper().startswith(term.upper()) for code in self.rome):
                return True
            if re.sub(r"[^a-z0-9]+", " ", unaccent(term)).strip() and f" {re.sub(r'[^a-z0-9]+', ' ', unaccent(term)).strip()}" in words:
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
    journal: Any = None,
    stage: Callable[[str], None] | None = None,
) -> ImportReport:
    """Read an ONISEP export and write it as an overlay folder at `out` (see module docstring).

    Sheets already in the catalogue (same MET code) are left out, and links to them point at
    the catalogue's records. The folder is checked with the validator before it is moved in.
    `journal` (catalog/journal.py): where the folder swap is recorded, to be recovered if killed.
    `stage(code)` is told each stage as it starts (IMPORT_STAGES), for a progress display.
    """
    import datetime

    from esante_cli.catalog import store
    from esante_cli.catalog.importers import folder
    from esante_cli.catalog.importers.onisep_records import Known, convert, source_record

    given, (out, journal) = out, folder.prepare(out, force, journal)
    stage = stage or (lambda code: None)
    terms = filter_terms(filter_words)
    stage("read")
    raw = read_sheets(path)
    stage("convert")
    base = store.resolve_data_dir(data_dir)
    # the base data alone: a previous import listed in ESANTE_EXTRA_DIRS is not « already known »
    base_result = store.check(base, (), environment=False)
    if base_result.problems:
        raise base_result.problems[0]
    result = convert(raw, terms, Known.of(base_result.catalog))
    if not result.careers:
        raise _nothing_kept(path, result, terms)
    today = today or datetime.date.today().isoformat()
    file_name, file_date = describe(path)
    files = {"careers.yaml": folder.dump_yaml({"careers": result.careers})}
    if result.trainings:
        files["trainings.yaml"] = folder.dump_yaml({"trainings": result.trainings})
    source = source_record(file_name, file_date, today)
    files["sources.yaml"] = folder.dump_yaml({"sources": [source]})
    files["LISEZMOI.txt"] = _readme(source, len(result.careers), today)
    marker = {"source": "onisep", "file": file_name, "file_date": file_date, "imported_on": today, "filter": terms}
    stage("write")
    folder.write_folder(out, files, marker, force, folder.validator(data_dir), journal)
    return ImportReport(
        given, len(result.careers), len(result.trainings), result.read, result.kept, result.filtered_out,
        result.already_known, result.invalid, result.duplicates, terms,
    )  # fmt: skip


def _nothing_kept(path: Path, result: Any, terms: list[str]) -> EsanteError:
    if result.kept and result.already_known:
        return EsanteError(
            f"{'la' if result.kept == 1 else 'les'} {count(result.kept, 'fiche retenue')} {'est' if result.kept == 1 else 'sont'} déjà dans le catalogue d'esante ({', '.join(result.already_known[:5])}) : rien à importer",
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
    cites = "qu'elle cite" if careers == 1 else "qu'elles citent"
    return (
        f"Ce dossier est une base de données dérivée de « {source['title']} » ({source['publisher']}),\n"
        f"fichier {source['file']} du {source['date']}, importé par esante le {today} :\n"
        f"{count(careers, 'fiche métier', 'fiches métiers')} et les formations {cites}.\n\n"
        f"Licence : Open Database License (ODbL) 1.0 — https://opendatacommons.org/licenses/odbl/1-0/\n"
        f"Source : {source['url']}\n\n"
        "Si vous diffusez ce dossier ou une base qui en dérive, citez la source (« Source : ONISEP,\n"
        "Idéo-Fiches métiers, ODbL ») et diffusez-la sous la même licence ODbL.\n"
        "Utilisation : esante search MOTS --with CE_DOSSIER (ou variable ESANTE_EXTRA_DIRS).\n"
    )
