"""What search looks at: the searchable texts of each record, with a French label and a weight.

The weights carry the ranking the issue asks for: title (1.0) > other titles and aliases
(0.9) > institution and city (0.8) > type, modes, labels (0.6) > sectors and skills of a
career (0.5) > employers and careers a programme prepares for (0.45) > description (0.4).
"""

from __future__ import annotations

from typing import Iterator

from esante_cli.catalog import labels
from esante_cli.catalog.models import Career, Catalog, Record, RomeSheet, Sector, Skill, Training

TITLE = 1.0
OTHER_TITLE = 0.92
ALIAS = 0.9
JOB_TITLE = 0.85
PLACE = 0.8
TRAIT = 0.6
LINKED = 0.5
LINKED_LOW = 0.45
DESCRIPTION = 0.4

Field = tuple[str, float, str]  # (label, weight, text)


def fields(catalog: Catalog, record: Record) -> Iterator[Field]:
    """Every searchable text of a record, best weights first."""
    if isinstance(record, Career):
        yield from _career(catalog, record)
    elif isinstance(record, Training):
        yield from _training(catalog, record)
    elif isinstance(record, Skill):
        yield "nom", TITLE, record.name
        yield from (("alias", ALIAS, a) for a in record.aliases)
    elif isinstance(record, Sector):
        yield "nom", TITLE, record.name
        yield from (("appellation", JOB_TITLE, j.title) for j in record.job_titles)
    elif isinstance(record, RomeSheet):
        yield from _rome(record)
    else:
        yield "nom", TITLE, record.name
    if record.summary:
        yield "description", DESCRIPTION, record.summary


def _career(catalog: Catalog, c: Career) -> Iterator[Field]:
    yield "titre", TITLE, c.name
    for form in (c.feminine, c.masculine):
        if form:
            yield "titre", TITLE, form
    yield from (("autre appellation", OTHER_TITLE, t) for t in c.other_titles)
    yield from (("alias", ALIAS, a) for a in c.aliases)
    for sector_id in c.sectors:
        yield "secteur", LINKED, catalog.name_of(sector_id)
    yield from (("secteur", LINKED, name) for name in c.sector_names)
    skills = [s for s in map(catalog.get, c.skills) if isinstance(s, Skill)]
    yield from (("compétence", LINKED, s.name) for s in skills)
    yield from (("compétence", LINKED_LOW, a) for s in skills for a in s.aliases)
    yield from (("employeur", LINKED_LOW, e) for e in c.employers)
    yield from (("missions", DESCRIPTION, m) for m in c.missions)


def _training(catalog: Catalog, t: Training) -> Iterator[Field]:
    yield "titre", TITLE, t.name
    if t.institution:
        yield "établissement", PLACE, t.institution
    if t.city:
        yield "ville", PLACE, t.city
    yield "type", TRAIT, labels.label(labels.TRAINING_KINDS, t.training_kind) or ""
    yield from (("label", TRAIT, lab) for lab in t.labels)
    yield from (("modalité", TRAIT, labels.label(labels.MODES, m) or "") for m in t.modes)
    if t.continuing:
        yield "modalité", TRAIT, labels.MODES["formation_continue"]
    if t.exit_level:
        yield "niveau de sortie", LINKED, t.exit_level
    yield from (("métier visé", LINKED_LOW, catalog.name_of(c)) for c in t.careers)


def _rome(r: RomeSheet) -> Iterator[Field]:
    """A ROME sheet: its title and every job title (what people type), and its domain. Not its
    skill labels: hundreds of them would put ROME's sheets before our careers on any skill word."""
    yield "titre", TITLE, r.name
    for form in (r.feminine, r.masculine):
        if form:
            yield "titre", TITLE, form
    yield from (("appellation", OTHER_TITLE, a) for a in r.appellations if a != r.name)
    if r.domain:
        yield "domaine", LINKED_LOW, r.domain
