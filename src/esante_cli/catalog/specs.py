"""What each section of a data file holds: its fields and their types, the required ones, the
enumerations, the YAML names that differ from the models', and the plausible range of every
number. Declarations only: schema.py checks records against them, export.py and
sqlite_export.py write records back under these names.
"""

from __future__ import annotations

from esante_cli.catalog.models import (
    RECORD_TYPES,
    SEARCH_KINDS,
    SKILL_CATEGORIES,
    TRAINING_KINDS,
    VOCABULARY_ROLES,
    Source,
)

MAX_TEXT_CHARS = 10_000  # longest text field accepted

# Field specs per kind. Types:
#   id, str (required text), str? , [str], sources (non-empty [str]), bool, num, num?, int?,
#   level?, salary?, duration?, enum:<name>, [ref:<kind>], career_codes, training_codes, job_titles
SPECS: dict[str, dict[str, str]] = {
    "careers": {
        "id": "id",
        "title": "str",
        "feminine": "str?",
        "masculine": "str?",
        "other_titles": "[str]",
        "aliases": "[str]",
        "codes": "career_codes",
        "summary": "str",
        "missions": "[str]",
        "skills": "[ref:skill]",
        "entry_level": "level?",
        "salary": "salary?",
        "sectors": "[ref:sector]",
        "employers": "[str]",
        "statuses": "[str]",
        "evolutions": "[ref:career]",
        "related": "[ref:career]",
        "trainings": "[ref:training]",
        "interests": "[str]",
        "entry_level_note": "str?",
        "salary_note": "str?",
        "sector_names": "[str]",
        "experience": "experience?",
        "salary_sectors": "[ref:sector]",
        "other_evolutions": "[str]",
        "sources": "sources",
    },
    "trainings": {
        "id": "id",
        "name": "str",
        "institution": "str?",
        "city": "str?",
        "kind": "enum:training_kind",
        "entry_level": "level?",
        "exit_level": "level?",
        "duration": "duration?",
        "leads_to": "[ref:training]",
        "careers": "[ref:career]",
        "labels": "[str]",
        "codes": "training_codes",
        "modes": "[str]",
        "continuing": "bool",
        "generic": "bool",
        "part_of": "[ref:training]",
        "careers_after_experience": "[ref:career]",
        "summary": "str?",
        "sources": "sources",
    },
    "skills": {
        "id": "id",
        "name": "str",
        "category": "enum:skill_category",
        "aliases": "[str]",
        "summary": "str?",
        "sources": "sources",
    },
    "sectors": {
        "id": "id",
        "name": "str",
        "salary": "salary?",
        "growth_5y": "num?",
        "job_titles": "job_titles",
        "summary": "str?",
        "sources": "sources",
    },
    "market": {
        "id": "id",
        "label": "str",
        "value": "num",
        "unit": "str",
        "year": "int?",
        "horizon": "str?",
        "scope": "str?",
        "note": "str?",
        "sources": "sources",
    },
    # Linguistic data: how people word things (explore/understand.py). Sources are optional.
    "vocabulary": {
        "id": "id",
        "role": "enum:vocabulary_role",
        "words": "[str]",
        "means": "[str]",
        "skills": "[ref:skill]",
        "kinds": "[enum:search_kind]",
        "command": "str?",
        "hint": "str?",
        "level": "str?",
        "summary": "str?",
        "sources": "[str]",
    },
    # ROME 4.0 sheets (importers/rome.py, docs/rome.md): names and labels as ROME gives them.
    "rome": {
        "id": "id",
        "code": "rome_code",
        "title": "str",
        "feminine": "str?",
        "masculine": "str?",
        "appellations": "[str]",
        "riasec": "riasec?",
        "interests": "theme_links",
        "cadre": "bool",
        "regulated": "bool",
        "digital_transition": "bool",
        "domain": "str?",
        "parent": "str?",
        "parent_title": "str?",
        "skills": "groups",
        "contexts": "groups",
        "sectors": "[str]",
        "naf_sectors": "[str]",
        "mobilities": "rome_links",
        "origins": "rome_links",
        "definition": "[str]",
        "access": "[str]",
        "summary": "str?",
        "sources": "sources",
    },
    # ROME 4.0's interest themes (centres d'intérêt), by code.
    "rome_interests": {
        "id": "id",
        "code": "int?",
        "label": "str",
        "summary": "str?",
        "sources": "sources",
    },
    # The sources registry (see docs/data-model.md): not records, but checked the same way.
    "sources": {
        "id": "id",
        "title": "str",
        "publisher": "str?",
        "date": "date?",
        "url": "url?",
        "licence": "str?",
        "file": "str?",
        "note": "str?",
        "category": "str?",
        "consulted": "date?",
        "date_estimated": "bool",
    },
}
REQUIRED = {
    "careers": ("id", "title", "summary", "sources"),
    "trainings": ("id", "name", "kind", "sources"),
    "skills": ("id", "name", "category", "sources"),
    "sectors": ("id", "name", "sources"),
    "market": ("id", "label", "value", "unit", "sources"),
    "vocabulary": ("id", "role", "words"),
    "rome": ("id", "code", "title", "sources"),
    "rome_interests": ("id", "code", "label", "sources"),
    "sources": ("id", "title"),
}
SECTION_TYPES: dict[str, type] = {**RECORD_TYPES, "sources": Source}
ENUMS = {
    "training_kind": TRAINING_KINDS,
    "skill_category": SKILL_CATEGORIES,
    "vocabulary_role": VOCABULARY_ROLES,
    "search_kind": SEARCH_KINDS,
}
# What each vocabulary role needs besides its words (checked after the fields).
VOCABULARY_NEEDS = {"means": "means", "skill": "skills", "kind": "kinds", "command": "hint", "asker": "level", "level": "level"}
# YAML key -> model attribute, where they differ.
RENAMES = {"title": "name", "label": "name", "kind": "training_kind"}
KIND_LABELS = {cls.kind: cls.label for cls in RECORD_TYPES.values()}

# Plausible ranges (inclusive) for every number in the data: a figure outside is a typo or a
# unit mistake, never a fact (a growth below -100 %, a 10-digit salary, a 1,000-year course).
# Keyed by (section, field) as the checker names fields; salaries by basis, durations by unit.
PLAUSIBLE: dict[tuple[str, str], tuple[float, float]] = {
    ("sectors", "growth_5y"): (-100, 1_000),  # % over five years
    ("market", "value"): (-1e13, 1e13),  # counts, euros (the whole sector is ~5e9 EUR), percentages
    ("market", "year"): (1900, 2100),
    ("careers", "experience.years"): (0, 50),  # years of experience a career requires
    ("rome_interests", "code"): (1, 999),
}
PLAUSIBLE_PERCENT = (-100, 1_000)  # a market figure whose unit is « % »
PLAUSIBLE_SALARY = {"annuel": (1_000, 1_000_000), "mensuel": (100, 100_000)}  # euros, by period
PLAUSIBLE_SALARY_YEAR = (1950, 2100)
PLAUSIBLE_DURATION = {"annees": (0, 15), "heures": (0, 10_000)}  # value > 0 is checked apart
