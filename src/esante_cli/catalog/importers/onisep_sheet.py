"""What an ONISEP « Idéo-Fiches métiers » sheet is for esante: the dataset it comes from (its
source entry's constants), the facts taken from one sheet (Sheet) and the `--filter` terms.

JSON lists may come wrapped (`{"statuts": {"statut": [...]}}`) and a single item unwrapped
(`{"statut": {...}}`): both read the same. Ids come from ONISEP's codes (MET.602 →
onisep-met-602, FOR.5333 → onisep-for-5333), so that they stay the same from one import to the
next (onisep_records.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from esante_cli.catalog.folding import unaccent
from esante_cli.catalog.importers.text import clean_text, html_to_text

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

