"""French display names for the coded values of the data model (kinds, categories, modes).

Shared by search (these words are searchable) and by the record cards (they are shown).
"""

from __future__ import annotations

TRAINING_KINDS = {
    "bac": "baccalauréat",
    "prepa": "classe préparatoire",
    "licence": "licence",
    "las": "licence accès santé (LAS)",
    "master": "master",
    "cycle_ingenieur": "cycle ingénieur",
    "parcours_ingenieur": "parcours ingénieur",
    "module": "module",
    "du": "diplôme universitaire (DU)",
    "diu": "diplôme interuniversitaire (DIU)",
    "mastere_specialise": "mastère spécialisé",
    "certification": "certification professionnelle",
    "formation_continue": "formation continue",
    "a_distance": "à distance",
    "diplome": "diplôme",
    "doctorat": "doctorat",
}

SKILL_CATEGORIES = {
    "technique": "technique",
    "sante": "santé",
    "reglementaire": "réglementaire",
    "transverse": "transverse",
}

MODES = {
    "temps_plein": "temps plein",
    "alternance": "alternance",
    "formation_continue": "formation continue",
    "a_distance": "à distance",
}

# Record kinds as the user may type them after --type (already folded: lowercase, no accents).
KIND_NAMES = {
    "career": "career",
    "careers": "career",
    "metier": "career",
    "metiers": "career",
    "training": "training",
    "trainings": "training",
    "formation": "training",
    "formations": "training",
    "programme": "training",
    "programmes": "training",
    "skill": "skill",
    "skills": "skill",
    "competence": "skill",
    "competences": "skill",
    "sector": "sector",
    "sectors": "sector",
    "secteur": "sector",
    "secteurs": "sector",
    "rome": "rome",
    "ficherome": "rome",
    "fichesrome": "rome",
}


def label(table: dict[str, str], code: str | None) -> str | None:
    """The French name of a code, or the code itself when the table does not know it."""
    if code is None:
        return None
    return table.get(code, code.replace("_", " "))


ONISEP_PAGES = {"MET.": "metier", "FOR.": "formation"}  # ONISEP's redirection by sheet code


def onisep_url(code: str | None) -> str | None:
    """The page ONISEP serves for a sheet code (FOR.5982 → its training sheet), or None."""
    for prefix, kind in ONISEP_PAGES.items():
        if code and code.startswith(prefix) and code[len(prefix):].isdigit():
            return f"https://www.onisep.fr/http/redirection/{kind}/slug/{code}"
    return None
