"""ROME 4.0 (France Travail, Licence Ouverte) → ROME sheet records, in the data-file shape.

    tables = rome_csv.read_tables(Path("RefRomeCsv.zip"))
    sheets = build_sheets(tables, texts=False)      # {code: record dict}, every sheet
    themes = interest_themes(tables)                 # the 30 interest themes, as records
    import_folder(Path("RefRomeCsv.zip"), Path("rome"), ["santé"])   # the whole import

One record per ROME sheet (docs/data-model.md, « rome »): code, title and its two forms, every
job title (appellations), RIASEC, interest themes, flags, skills and knowledge grouped as ROME
groups them, work contexts, sectors, ranked mobilities both ways, parent code. ROME's own
definition and access paragraphs are sentences, not names: they are kept only with `texts=True`
(a user's own import, shown with attribution), never in the shipped slice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from esante_cli.catalog.importers.rome_csv import Tables, read_tables, unquote
from esante_cli.catalog.folding import fold
from esante_cli.errors import EsanteError, ExitCode
from esante_cli.wording import count

SOURCE_ID = "france-travail-rome-4"
THEME_ID = "rome-interet-{code}"
PUBLISHER = "France Travail"
DATASET_URL = "https://www.data.gouv.fr/datasets/repertoire-operationnel-des-metiers-et-des-emplois-rome"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
_CODE_RE = re.compile(r"[A-N]\d{4}\Z")
# ROME's skill rubrics (bloc 5 of `liens_rome_referentiels`), as its sheets title them.
RUBRICS = {"1": "Savoir-faire", "2": "Savoir-être professionnels", "3": "Savoirs"}


def sheet_id(code: str) -> str:
    """M1880 → rome-m1880 (stable from one version to the next)."""
    return f"rome-{code.lower()}"


def forms(title: str) -> tuple[str | None, str | None]:
    """« Chef / Cheffe de projet » → (« Cheffe de projet », « Chef de projet »): (feminine, masculine)
    when the title is one « masculine / feminine » word then the rest; (None, None) otherwise."""
    m = re.fullmatch(r"(\S+) / (\S+)( .*)?", title)
    if not m or " / " in (m.group(3) or ""):
        return None, None
    rest = m.group(3) or ""
    return m.group(2) + rest, m.group(1) + rest


def _yes(value: str) -> bool:
    return value.strip().upper() in ("O", "OUI", "Y", "1")


def _groups(pairs: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
    """[(group, label)] → [{group, items}] in first-seen order, labels deduplicated."""
    out: dict[str, list[str]] = {}
    for group, label in pairs:
        items = out.setdefault(group, [])
        if label and label not in items:
            items.append(label)
    return [{"group": g, "items": items} for g, items in out.items() if items]


def interest_themes(tables: Tables) -> list[dict[str, Any]]:
    """ROME's interest themes (centres d'intérêt), by code: {id, code, label, sources}."""
    themes = {}
    for row in tables["centre_interet"]:
        if row["code_centre_interet"].isdigit() and row["libelle_centre_interet"]:
            code = int(row["code_centre_interet"])
            themes[code] = {"id": THEME_ID.format(code=code), "code": code, "label": row["libelle_centre_interet"], "sources": [SOURCE_ID]}
    return [themes[c] for c in sorted(themes)]


def build_sheets(tables: Tables, texts: bool = False) -> dict[str, dict[str, Any]]:
    """Every sheet of the set, by code, as a record of the `rome` section."""
    sheets: dict[str, dict[str, Any]] = {}
    titles: dict[str, str] = {}
    for row in tables["referentiel_code_rome"]:
        code = row["code_rome"].upper()
        if not _CODE_RE.match(code) or not row["libelle_rome"] or code in sheets:
            continue
        feminine, masculine = forms(row["libelle_rome"])
        parent = row["code_rome_parent"].upper()
        titles[code] = row["libelle_rome"]
        sheets[code] = {
            "id": sheet_id(code), "code": code, "title": row["libelle_rome"], "feminine": feminine, "masculine": masculine,
            "appellations": [], "riasec": None, "interests": [], "cadre": _yes(row["emploi_cadre"]),
            "regulated": _yes(row["emploi_reglemente"]), "digital_transition": _yes(row["transition_num"]),
            "domain": None, "parent": parent if _CODE_RE.match(parent) and parent != code else None, "parent_title": None,
            "skills": [], "contexts": [], "sectors": [], "naf_sectors": [], "mobilities": [], "origins": [],
            "definition": [], "access": [], "sources": [SOURCE_ID],
        }  # fmt: skip
    for sheet in sheets.values():  # its name, for a parent outside a slice (scripts/rome_slice.py)
        sheet["parent_title"] = titles.get(sheet["parent"]) if sheet["parent"] else None
    if not sheets:
        raise EsanteError("aucune fiche ROME lisible dans unix_referentiel_code_rome (code et intitulé manquants)", path=tables.name)
    principal: dict[str, list[str]] = {}
    for row in tables["referentiel_appellation"]:
        sheet = sheets.get(row["code_rome"].upper())
        label = row["libelle_appellation_long"]
        if sheet is not None and label and label not in sheet["appellations"]:
            (principal.setdefault(sheet["code"], []) if row["classification"].upper() == "PRINCIPALE" else sheet["appellations"]).append(label)
    for code, labels in principal.items():
        sheets[code]["appellations"][:0] = [t for t in labels if t not in sheets[code]["appellations"]]
    for row in tables["referentiel_code_rome_riasec"]:
        sheet = sheets.get(row["code_rome"].upper())
        major, minor = row["riasec_majeur"].upper(), row["riasec_mineur"].upper()
        if sheet is not None and major in tuple("RIASEC"):
            sheet["riasec"] = {"major": major, "minor": minor if minor in tuple("RIASEC") and minor != major else None}
    known_themes = {t["code"] for t in interest_themes(tables)}
    for row in tables["arborescence_centre_interet"]:
        sheet = sheets.get(row["code_rome"].upper())
        theme = row["code_centre_interet"]
        if sheet is None or not theme.isdigit() or int(theme) not in known_themes:
            continue
        if all(i["theme"] != int(theme) for i in sheet["interests"]):
            sheet["interests"].append({"theme": int(theme), "main": fold(row["principal"]) == "oui"})
    for sheet in sheets.values():  # the main theme first, then ROME's codes in order
        sheet["interests"].sort(key=lambda i: (not i["main"], i["theme"]))
    for row in tables["cr_gd_dp"]:
        sheet = sheets.get(row["code_rome"].upper())
        if sheet is not None and row["libelle_domaine_professionel"]:
            sheet["domain"] = row["libelle_domaine_professionel"]
    _skills_and_contexts(tables, sheets)
    for row in tables["arborescence_secteur_activite"]:
        sheet = sheets.get(row["code_rome"].upper())
        if sheet is None or not row["libelle_sect_activite"]:
            continue
        name = row["libelle_sect_activite"]
        if row["libelle_ss_sect_activite"]:
            name = f"{name} : {row['libelle_ss_sect_activite']}"
        if name not in sheet["sectors"]:
            sheet["sectors"].insert(0, name) if fold(row["principal"]) == "oui" else sheet["sectors"].append(name)
    for row in tables["arborescence_secteur_naf"]:
        sheet = sheets.get(row["code_rome"].upper())
        if sheet is not None and row["libelle_secteur_naf"] and row["libelle_secteur_naf"] not in sheet["naf_sectors"]:
            sheet["naf_sectors"].append(row["libelle_secteur_naf"])
    links = []
    for row in tables["rubrique_mobilite"]:
        source, target = row["code_rome"].upper(), row["code_rome_cible"].upper()
        if source in sheets and target in sheets and source != target and row["numero_ordre"].isdigit():
            links.append((source, target, int(row["numero_ordre"])))
    for source, target, rank in sorted(links, key=lambda x: (x[2], x[0], x[1])):
        sheets[source]["mobilities"].append({"code": target, "title": titles[target], "rank": rank})
        sheets[target]["origins"].append({"code": source, "title": titles[source], "rank": rank})
    if texts:
        parts: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for row in tables["texte"]:
            kind = {"definition": "definition", "acces_metier": "access"}.get(row["libelle_type_texte"].lower())
            position = row["position_phrase"]
            if kind and row["code_rome"].upper() in sheets and row["libelle_texte"]:
                parts.setdefault((row["code_rome"].upper(), kind), []).append((int(position) if position.isdigit() else 0, unquote(row["libelle_texte"])))
        for (code, kind), lines in parts.items():
            sheets[code][kind] = [text for _, text in sorted(lines, key=lambda x: x[0])]
    return sheets


def _skills_and_contexts(tables: Tables, sheets: dict[str, dict[str, Any]]) -> None:
    skills = {r["code_ogr"]: r["libelle_competence"] for r in tables["referentiel_competence"]}
    knowledge = {r["code_ogr_savoir"]: (r["libelle_savoir"], r["categorie_savoir"]) for r in tables["referentiel_savoir"]}
    contexts = {r["code_ogr"]: (r["libelle_cont_travail"], r["libelle_type_cont_trav"]) for r in tables["referentiel_contexte_travail"]}
    skill_pairs: dict[str, list[tuple[int, str, str]]] = {}
    context_pairs: dict[str, list[tuple[str, str]]] = {}
    for row in tables["liens_rome_referentiels"]:
        code, bloc, rubric, item = row["code_rome"].upper(), row["code_compo_bloc"], row["code_rubrique"], row["code_ogr"]
        if code not in sheets:
            continue
        if bloc == "5" and rubric in ("1", "2") and skills.get(item):
            skill_pairs.setdefault(code, []).append((int(rubric), RUBRICS[rubric], skills[item]))
        elif bloc == "5" and rubric == "3" and item in knowledge and knowledge[item][0]:
            label, category = knowledge[item]
            group = f"{RUBRICS['3']} ({category.lower()})" if category else RUBRICS["3"]
            skill_pairs.setdefault(code, []).append((3, group, label))
        elif bloc == "6" and item in contexts and contexts[item][0]:
            label, kind = contexts[item]
            context_pairs.setdefault(code, []).append((kind or "Autres", label))
    for code, triples in skill_pairs.items():
        triples.sort(key=lambda t: (t[0], t[1]))  # rubric order, then knowledge categories by name
        sheets[code]["skills"] = _groups((group, label) for _, group, label in triples)
    for code, pairs in context_pairs.items():
        sheets[code]["contexts"] = _groups(pairs)


# ---------------------------------------------------------------- which sheets to keep


def texts_of(sheet: dict[str, Any], with_texts: bool = True) -> list[str]:
    """What a filter reads in a sheet: title, job titles, skills (and ROME's texts when kept)."""
    out = [sheet["title"], *sheet["appellations"]]
    out += [item for group in sheet["skills"] for item in group["items"]]
    if with_texts:
        out += sheet["definition"] + sheet["access"]
    return out


def matches(sheet: dict[str, Any], terms: list[str], with_texts: bool = True) -> bool:
    """True when a term (folded, whole words) appears in the sheet's texts, or starts its code."""
    words = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(t)) for t in texts_of(sheet, with_texts)) + " "
    for term in terms:
        if _CODE_RE.match(term.upper()[:5].ljust(5, "0")) and sheet["code"].startswith(term.upper()) and len(term) <= 5:
            return True
        folded = re.sub(r"[^a-z0-9]+", " ", fold(term)).strip()
        if folded and f" {folded} " in words:
            return True
    return False


# ---------------------------------------------------------------- source record and the whole import


def version_text(tables: Tables) -> str:
    """« version 60, fichiers v460 » (France Travail's number from version.txt), or « fichiers v461 »."""
    files = f"fichiers v{tables.version}"
    return f"version {tables.release}, {files}" if tables.release else files


def source_record(tables: Tables) -> dict[str, Any]:
    """The registry entry of an import: its own id per files' version, so that it never replaces
    the shipped slice's entry (france-travail-rome-4) that the shipped sheets cite."""
    return {
        "id": f"{SOURCE_ID}-v{tables.version}",
        "title": f"ROME 4.0, Répertoire opérationnel des métiers et des emplois ({version_text(tables)})",
        "publisher": PUBLISHER,
        "date": tables.date,
        "url": DATASET_URL,
        "licence": LICENCE,
        "file": tables.name,
        "note": "importé par esante import rome, avec les textes de définition et d'accès de France Travail",
    }


@dataclass
class ImportReport:
    """What an import wrote (for the summary line and `--json`)."""

    out: Path
    version: str
    sheets: int
    read: int
    filtered_out: int
    themes: int
    terms: list[str]

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["out"] = str(self.out)
        return data


def import_folder(
    path: Path,
    out: Path,
    filter_words: str | Iterable[str] | None = None,
    force: bool = False,
    data_dir: Path | None = None,
    today: str | None = None,
    journal: Any = None,
    stage: Callable[[str], None] | None = None,
) -> ImportReport:
    """Read the ROME CSV set at `path` and write its sheets (all, or those the filter keeps) as an
    overlay folder at `out`, checked by the validator before it is moved into place, the way
    `import onisep` writes its own (importers/folder.py; `journal`: catalog/journal.py).
    `stage(code)` is told each stage as it starts (onisep.IMPORT_STAGES), for a progress display."""
    import datetime

    from esante_cli.catalog.importers import folder
    from esante_cli.catalog.importers.onisep_sheet import filter_terms

    given, (out, journal) = out, folder.prepare(out, force, journal)
    stage = stage or (lambda code: None)
    terms = filter_terms(filter_words)
    stage("read")
    tables = read_tables(path)
    stage("convert")
    sheets = build_sheets(tables, texts=True)
    kept = [s for s in sheets.values() if not terms or matches(s, terms)]
    if not kept:
        raise EsanteError(
            f"aucune des {len(sheets)} fiches ROME ne correspond au filtre « {', '.join(terms)} » : essayez un mot plus "
            "court (« sante »), un autre mot du titre ou un début de code ROME (« M18 »)",
            path=path,
            code=ExitCode.NOT_FOUND,
        )
    today = today or datetime.date.today().isoformat()
    themes = interest_themes(tables)
    source = source_record(tables)
    for record in [*kept, *themes]:
        record["sources"] = [source["id"]]
    files = {
        "rome.yaml": folder.dump_yaml({"rome": kept, "rome_interests": themes}),
        "sources.yaml": folder.dump_yaml({"sources": [source]}),
        "LISEZMOI.txt": _readme(tables, len(kept), today),
    }
    marker = {"source": "rome", "file": tables.name, "version": tables.version, "imported_on": today, "filter": terms}
    stage("write")
    folder.write_folder(out, files, marker, force, folder.validator(data_dir), journal)
    return ImportReport(given, tables.version, len(kept), len(sheets), len(sheets) - len(kept), len(themes), terms)


def _readme(tables: Tables, sheets: int, today: str) -> str:
    return (
        f"Ce dossier contient {count(sheets, 'fiche métier', 'fiches métiers')} du ROME 4.0 (Répertoire opérationnel\n"
        f"des métiers et des emplois), France Travail, {version_text(tables)}, lu dans {tables.name},\n"
        f"importé par esante le {today}, avec les définitions et conditions d'accès de France Travail.\n\n"
        f"Source : ROME 4.0, France Travail, {version_text(tables)}, Licence Ouverte.\n"
        f"Jeu de données : {DATASET_URL}\n"
        "Licence : Licence Ouverte / Open Licence 2.0 (Etalab) — https://www.etalab.gouv.fr/licence-ouverte-open-licence/\n\n"
        "Si vous diffusez ce dossier ou des données qui en dérivent, mentionnez la source (« ROME 4.0,\n"
        "France Travail ») et la date de la version.\n"
        "Utilisation : esante search MOTS --with CE_DOSSIER (ou variable ESANTE_EXTRA_DIRS).\n"
    )
