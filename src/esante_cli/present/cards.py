"""Record cards (`esante show`) and one-line key facts (`esante search`), built from plain data.

references() resolves every id a record points to — and the records pointing back at it — into
records; card() lays a record out as a render.Card in French; show_json() is the documented
`show --json` shape; key_fact()/key_facts() are the per-kind summary of a search result.
Nothing here prints.
"""

from __future__ import annotations

import re
from typing import Any

from esante_cli.catalog import labels
from esante_cli.present import formats, render
from esante_cli.catalog.models import Career, Catalog, Experience, MarketFigure, Record, RomeSheet, Salary, Sector, Skill, Source, Training
from esante_cli.present.render import UNKNOWN

# ---------------------------------------------------------------- references


def references(catalog: Catalog, record: Record) -> dict[str, list[Record]]:
    """Every record this one refers to or is referred to by, per relation (JSON key), in data order."""

    def ids(values: tuple[str, ...]) -> list[Record]:
        return [r for r in map(catalog.get, values) if r is not None]

    if isinstance(record, Career):
        trainings = ids(record.trainings)  # recommended by the career, then the programmes naming it
        trainings += [t for t in catalog.trainings if record.id in t.careers and t not in trainings]
        return {
            "skills": ids(record.skills),
            "sectors": ids(record.sectors),
            "evolutions": ids(record.evolutions),
            "origins": list(catalog.origins(record.id)),
            "related": ids(record.related),
            "trainings": trainings,
        }
    if isinstance(record, Training):
        prepares = ids(record.careers)
        prepares += [c for c in catalog.careers if record.id in c.trainings and c not in prepares]
        return {
            "careers": prepares,
            "leads_to": ids(record.leads_to),
            "comes_after": [t for t in catalog.trainings if record.id in t.leads_to],
            "part_of": ids(record.part_of),
            "parts": [t for t in catalog.trainings if record.id in t.part_of],
        }
    if isinstance(record, Skill):
        return {"careers": [c for c in catalog.careers if record.id in c.skills]}
    if isinstance(record, Sector):
        return {"careers": [c for c in catalog.careers if record.id in c.sectors]}
    if isinstance(record, RomeSheet):
        from esante_cli.present import rome_card

        return rome_card.references(catalog, record)
    return {}


def show_json(catalog: Catalog, record: Record) -> dict[str, Any]:
    """`show --json`: the record's fields (to_dict) plus `resolved`: each relation as {kind, id, name}."""
    data = record.to_dict()
    resolved: dict[str, Any] = {
        key: [{"kind": r.kind, "id": r.id, "name": r.name} for r in found]
        for key, found in references(catalog, record).items()
    }
    if isinstance(record, Sector):
        resolved["job_titles"] = [
            {"title": j.title, "career": _ref(catalog, j.career)} for j in record.job_titles
        ]
    resolved["sources"] = [_source_json(catalog, source_id) for source_id in record.sources]
    if isinstance(record, Career):
        from esante_cli.explore.salaries import starting_salary

        data["starting_salary"] = starting_salary(catalog, record).to_dict()
    if isinstance(record, RomeSheet):
        from esante_cli.present import rome_card

        resolved["interests"] = rome_card.theme_json(catalog, record)
    data["resolved"] = resolved
    return data


def _source_json(catalog: Catalog, source_id: str) -> dict[str, Any]:
    source = catalog.source(source_id)
    if source is None:
        return {"id": source_id, "title": None, "publisher": None, "date": None, "url": None,
                "category": None, "consulted": None, "date_estimated": False}
    return {"id": source.id, "title": source.title, "publisher": source.publisher, "date": source.date, "url": source.url,
            "category": source.category, "consulted": source.consulted, "date_estimated": source.date_estimated}


# ---------------------------------------------------------------- sources, as people read them


_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def french_date(date: str | None) -> str | None:
    """ "2024-06" -> "juin 2024", "2020-12-14" -> "14 décembre 2020", "2017" -> "2017"."""
    if not date:
        return None
    parts = date.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


def source_title(source: Source) -> str:
    """« Title (category) — publisher, date »: how every output names a source (never its file
    name); the category says what a reader weighs it as (« presse », « enquête de salaires »)."""
    title = f"{source.title} ({source.category})" if source.category else source.title
    date = french_date(source.date)
    if date and source.date_estimated:  # inferred from the page's words, not printed on it
        date = f"vers {date}" if len(source.date) == 4 else f"vraisemblablement {date}"
    extra = ", ".join(v for v in (source.publisher, date) if v)
    return f"{title} — {extra}" if extra else title


def licence_text(licence: str | None) -> str | None:
    """« licence ODbL 1.0 »; a wording that is no licence name (« tous droits réservés … ») as it is."""
    if not licence:
        return None
    return licence if "droits" in licence or licence.lower().startswith("licence") else f"licence {licence}"


def source_titles(catalog: Catalog, source_ids: tuple[str, ...] | list[str], urls: bool = False) -> list[str]:
    """The readable titles of these source ids, in order; with `urls` (cards), each followed by
    « · licence … » and « · url » when known."""
    out = []
    for source_id in source_ids:
        source = catalog.source(source_id)
        if source is None:  # a catalogue built without its registry: the id is still no file name
            out.append(source_id)
            continue
        title = source_title(source)
        if urls:  # a card: the licence the facts come under, and where to find the source
            consulted = f"consulté le {french_date(source.consulted)}" if source.consulted else None
            title = " · ".join(v for v in (title, licence_text(source.licence), source.url, consulted) if v)
        out.append(title)
    return out


def _ref(catalog: Catalog, record_id: str | None) -> dict[str, str] | None:
    record = catalog.get(record_id) if record_id else None
    return {"kind": record.kind, "id": record.id, "name": record.name} if record else None


# ---------------------------------------------------------------- cards


def source_card(catalog: Catalog, source: Source) -> render.Card:
    """A registry entry as a card (`esante show <source id>`): where it is, what it is worth,
    how its date was found (the note), and the records that cite it."""
    from esante_cli.catalog.sources import cited_by

    c = render.Card(title=source.title, subtitle=f"source · {source.id}")
    c.add("Nature", source.category)
    c.add("Éditeur", source.publisher)
    date = french_date(source.date)
    c.add("Date", f"{date} (déduite, voir la note)" if date and source.date_estimated else date, unknown=True)
    c.add("Adresse", source.url, unknown=True)
    c.add("Licence", licence_text(source.licence), unknown=True)
    c.add("Consultée le", french_date(source.consulted))
    c.add("Note", source.note)
    c.add("Citée par", _named(cited_by(catalog, source.id)) or ["aucun enregistrement"])
    return c


def source_json(catalog: Catalog, source: Source) -> dict[str, Any]:
    from esante_cli.catalog.sources import cited_by

    return {"kind": "source", **source.to_dict(), "cited_by": [_ref(catalog, r.id) for r in cited_by(catalog, source.id)]}


def _named(records: list[Record]) -> list[str]:
    return [_training_line(r) if isinstance(r, Training) else f"{r.name} ({r.id})" for r in records]


def _training_line(t: Training) -> str:
    where = ", ".join(v for v in (t.institution, formats.place(t)) if v)
    return f"{t.name} — {where} ({t.id})" if where else f"{t.name} ({t.id})"


def card(catalog: Catalog, record: Record) -> render.Card:
    """The full card of any record, in French; unknown values read "non renseigné"."""
    c = render.Card(title=record.name, subtitle=f"{record.label} · {record.id}")
    refs = references(catalog, record)
    if isinstance(record, Career):
        _career(c, catalog, record, refs)
    elif isinstance(record, Training):
        _training(c, record, refs)
    elif isinstance(record, Skill):
        c.add("Catégorie", labels.label(labels.SKILL_CATEGORIES, record.category))
        c.add("Aussi appelée", list(record.aliases))
        c.add("Résumé", record.summary)
        c.add("Métiers qui la demandent", _named(refs["careers"]))
    elif isinstance(record, Sector):
        _sector(c, catalog, record, refs)
    elif isinstance(record, RomeSheet):
        from esante_cli.present import rome_card

        rome_card.card(c, catalog, record)
    elif isinstance(record, MarketFigure):
        from esante_cli.explore.market import is_forecast

        c.add("Valeur", f"{render.thousands(record.value)} {record.unit}".strip())
        c.add("Année de référence" if is_forecast(record) else "Année", record.year)
        c.add("Horizon", formats.horizon(record) if record.horizon else None)
        c.add("Périmètre", record.scope)
        c.add("Note", record.note)
    c.add("Sources", source_titles(catalog, record.sources, urls=True))
    return c


def experience_text(experience: Experience) -> str:
    """« poste accessible après une expérience de plusieurs années (comme chef de projet e-santé) »."""
    length = f"{experience.years} an{'s' if experience.years > 1 else ''}" if experience.years else "plusieurs années"
    return f"poste accessible après une expérience de {length}" + (f" ({experience.note})" if experience.note else "")


def experience_only(career: Career) -> bool:
    """A career reached with experience, for which no source gives a level of its own."""
    return career.experience is not None and career.entry_level is None and career.entry_level_note is None


def short_level(career: Career) -> str | None:
    """A table cell's level: bac+5, or « après une expérience » for a career that is no first job."""
    return "après une expérience professionnelle" if experience_only(career) else level_text(career)


def short_salary(catalog: Catalog, career: Career) -> str:
    """A table cell's starting salary (explore.salaries) on the yearly basis, or why there is none."""
    from esante_cli.explore.salaries import starting_salary

    found = starting_salary(catalog, career)
    if found.span is not None:
        sectors = [f.sector.name for f in found.figures if f.sector is not None]
        return render.salary(found.span) + sector_average(sectors, found.figures[0].salary.who if sectors else None)
    if career.experience is not None:
        return "pas un premier emploi : poste accessible après une expérience"
    return _unstated_salary(career) or UNKNOWN


def salary_context(catalog: Catalog, salary: Salary) -> list[str]:
    """The lines that say where a figure comes from: whom it describes, its year, the note, and
    today's SMIC when the figure lies below it."""
    from esante_cli.explore.salaries import SMIC_MONTHLY_GROSS, SMIC_SINCE, SMIC_SOURCE, judge

    lines = []
    if salary.who:
        lines.append(f"concerne : {salary.who}")
    year = formats.year_text(salary)
    lines.append(f"année : {year[3:] if year.startswith('en ') else year + ' (déduite de la source)'}" if year else "année : non précisée")
    if salary.note:
        lines.append(f"précision : {salary.note}")
    if judge(salary).below_smic:
        since = french_date(SMIC_SINCE.isoformat())
        smic = f"Smic : {formats.cents(SMIC_MONTHLY_GROSS)} € brut par mois depuis le {since}"
        lines.append(f"{smic} ({'; '.join(source_titles(catalog, (SMIC_SOURCE,)))}) : ce chiffre ne dit plus le salaire d'aujourd'hui")
    return lines


def salary_lines(catalog: Catalog, career: Career) -> list[str]:
    """The card's « Salaire de début »: the figure per year, its context, then the sources."""
    from esante_cli.explore.salaries import starting_salary

    found = starting_salary(catalog, career)
    if found.span is None:
        return [experience_text(found.experience)] if found.experience else [UNKNOWN]
    if len(found.figures) == 1 and found.figures[0].sector is None:
        lines = [render.salary(found.span)] + salary_context(catalog, found.span)
    elif len(found.figures) == 1:
        figure = found.figures[0]
        lines = [f"{render.salary(figure.salary)} : moyenne du secteur {figure.sector.name}"]  # type: ignore[union-attr]
        lines += salary_context(catalog, figure.salary)
    else:
        lines = [f"{render.salary(found.span)}, selon le secteur (moyennes) :"]
        lines += [f"{f.sector.name} : {render.salary(f.salary)}" for f in found.figures]  # type: ignore[union-attr]
        lines += salary_context(catalog, found.figures[0].salary)
    lines.append("source : " + " ; ".join(source_titles(catalog, found.sources)))
    return lines


def _career(c: render.Card, catalog: Catalog, r: Career, refs: dict[str, list[Record]]) -> None:
    if r.feminine and r.feminine == r.masculine:  # an epicene title (« data scientist »): said once
        c.add("Au féminin et au masculin", r.feminine)
    else:
        c.add("Au féminin", r.feminine)
        c.add("Au masculin", r.masculine)
    c.add("Autres appellations", list(r.other_titles))
    c.add("Aussi appelé", list(r.aliases))
    codes = [f"ROME {code}" for code in r.rome] + ([f"ONISEP {r.onisep}"] if r.onisep else [])
    c.add("Codes", ", ".join(codes) or None)
    if catalog.rome:  # the ROME sheets are loaded (shipped data, or an import): name them
        from esante_cli.present import rome_card

        c.add("Fiche ROME", rome_card.career_lines(catalog, r))
    c.add("Résumé", r.summary)
    c.add("Missions", list(r.missions))
    if r.entry_level is None and r.entry_level_note is None and r.experience is not None:
        c.add("Niveau d'accès", experience_text(r.experience))
    else:
        c.add("Niveau d'accès", level_text(r), unknown=True)
    salary = salary_lines(catalog, r)
    c.add("Salaire de début", [_unstated_salary(r)] if salary == [UNKNOWN] and r.salary_note else salary, unknown=True)
    c.add("Compétences", _named(refs["skills"]))
    c.add("Secteurs", _named(refs["sectors"]) + list(r.sector_names))
    c.add("Employeurs", list(r.employers))
    c.add("Statuts", list(r.statuses))
    c.add("Évolutions possibles", _named(refs["evolutions"]) + list(r.other_evolutions))
    c.add("Vient de", _named(refs["origins"]))
    c.add("Métiers proches", _named(refs["related"]))
    c.add("Formations conseillées", [
        line + (" — après une expérience professionnelle" if isinstance(t, Training) and r.id in t.careers_after_experience else "")
        for t, line in zip(refs["trainings"], _named(refs["trainings"]))
    ], unknown=True)
    c.add("Centres d'intérêt", list(r.interests))


def level_text(r: Career) -> str | None:
    """bac+5; or the level as the source words it when it is off the bac … bac+8 scale."""
    if r.entry_level and r.entry_level_note:
        return f"{r.entry_level} ({r.entry_level_note})"
    if r.entry_level_note:
        return f"{r.entry_level_note} (selon la source)"
    return r.entry_level


def _unstated_salary(r: Career) -> str | None:
    return f"non chiffré ; la source indique : {r.salary_note}" if r.salary_note else None


def _training(c: render.Card, t: Training, refs: dict[str, list[Record]]) -> None:
    c.add("Type", labels.label(labels.TRAINING_KINDS, t.training_kind))
    if t.generic:
        c.add("Nature", "étape générique d'un parcours, sans établissement précis")
    c.add("Établissement", t.institution, unknown=not t.generic)
    c.add("Ville", formats.place(t), unknown=not t.generic)
    c.add("Niveau d'entrée", t.entry_level, unknown=True)
    c.add("Niveau de sortie", t.exit_level, unknown=True)
    c.add("Durée", render.duration(t.duration))
    c.add("Modalités", [labels.label(labels.MODES, m) for m in t.modes])
    if t.continuing:
        c.add("Formation continue", "oui, pour des personnes déjà en activité")
    c.add("Labels", list(t.labels))
    page = labels.onisep_url(t.onisep)
    c.add("Code ONISEP", f"{t.onisep} · fiche : {page}" if page else t.onisep)
    c.add("Résumé", t.summary)
    later = [r for r in refs["careers"] if r.id in t.careers_after_experience]
    c.add("Prépare aux métiers", _named([r for r in refs["careers"] if r not in later]))
    c.add("Mène, après une expérience professionnelle, aux métiers", _named(later))
    c.add("Mène à", _named(refs["leads_to"]))
    c.add("Accessible après", _named(refs["comes_after"]))
    if refs["part_of"]:
        c.add("Fait partie de", _named(refs["part_of"]))
    if refs["parts"]:
        c.add("Comprend", _named(refs["parts"]))


def _sector(c: render.Card, catalog: Catalog, s: Sector, refs: dict[str, list[Record]]) -> None:
    c.add("Salaire", render.salary(s.salary) if s.salary else None, unknown=True)
    if s.salary:
        c.add("D'où vient ce salaire", salary_context(catalog, s.salary))
    c.add("Évolution à 5 ans", None if s.growth_5y is None else f"+{render.thousands(s.growth_5y)} %")
    titles = []
    for job in s.job_titles:
        career = catalog.get(job.career) if job.career else None
        titles.append(f"{job.title} → {career.name} ({career.id})" if career else job.title)
    c.add("Postes", titles)
    c.add("Métiers du secteur", _named(refs["careers"]))
    c.add("Résumé", s.summary)


# ---------------------------------------------------------------- key facts (search results)


def _short_salary(salary: Salary | None) -> str:
    return render.salary(salary) if salary else "salaire non renseigné"


def _short_note(note: str | None, limit: int = 24) -> str | None:
    """« CAP ou équivalent » as it is; a longer wording cut at a word."""
    if not note or len(note) <= limit:
        return note
    return note[: limit - 1].rsplit(" ", 1)[0] + "…"


def _short_institution(name: str) -> str:
    """'ENSIBS (École nationale …), Université Bretagne-Sud' -> 'ENSIBS'."""
    return re.split(r" \(|, ", name, maxsplit=1)[0]


def key_fact(record: Record, catalog: Catalog | None = None) -> str:
    """The one line a search result shows about a record, per kind (a career's salary from its
    sectors needs the catalogue; without it, only its own figure)."""
    if isinstance(record, Career):
        if record.entry_level is None and record.entry_level_note is None and record.experience is not None:
            return "accessible après une expérience professionnelle"
        level = record.entry_level or _short_note(record.entry_level_note) or "niveau " + UNKNOWN
        span = _career_span(record, catalog)
        salary = "salaire non chiffré" if span is None and record.salary_note else _short_salary(span)
        if span is not None and catalog is not None and record.salary is None:  # seed 000's sector table
            salary += ", moyenne du secteur" if len(record.salary_sectors) == 1 else ", moyennes selon le secteur"
            if span.who:  # whom the sector's figure describes: not this career's own pay (issue 24)
                salary += f" ; concerne : {span.who}"
        return f"{level} · {salary}"
    if isinstance(record, Training):
        place = ", ".join(v for v in (record.institution and _short_institution(record.institution), formats.place(record)) if v)
        duration = render.duration(record.duration) if record.duration else "durée non renseignée"
        exit_level = f"sortie {record.exit_level}" if record.exit_level else "sortie non renseignée"
        return " · ".join((place or "lieu non renseigné", duration, exit_level))
    if isinstance(record, Skill):
        return labels.label(labels.SKILL_CATEGORIES, record.category) or UNKNOWN
    if isinstance(record, Sector):
        return _short_salary(record.salary)
    if isinstance(record, RomeSheet):
        from esante_cli.present import rome_card

        return rome_card.key_fact(record)
    return ""


def sector_average(sectors: tuple[str, ...] | list[str], who: str | None = None) -> str:
    """« (moyenne du secteur Start-ups e-santé, ingénieur e-santé débutant) » after a salary that
    is a sector's average, saying whom it describes; "" for the career's own figure."""
    if not sectors:
        return ""
    for_whom = f" ; concerne : {who}" if who else ""
    if len(sectors) == 1:
        return f" (moyenne du secteur {sectors[0]}{for_whom})"
    if len(sectors) == 2:
        return f" (moyennes des secteurs {sectors[0]} et {sectors[1]}{for_whom})"
    return f" (moyennes de {len(sectors)} secteurs{for_whom})"


def _career_span(career: Career, catalog: Catalog | None) -> Salary | None:
    if catalog is None:
        return career.salary
    from esante_cli.explore.salaries import starting_salary

    return starting_salary(catalog, career).span


def key_facts(record: Record, catalog: Catalog | None = None) -> dict[str, Any]:
    """The same facts as key_fact(), as JSON fields (null when unknown); a career's `salary` is
    its starting-salary span (explore.salaries)."""
    data = record.to_dict()
    if isinstance(record, Career):
        span = _career_span(record, catalog)
        from esante_cli.explore.salaries import salary_dict

        data["salary"] = salary_dict(span)
    keep = {
        "career": ("entry_level", "salary"),
        "training": ("institution", "city", "duration", "exit_level"),
        "skill": ("category",),
        "sector": ("salary",),
        "rome": ("code", "riasec_major", "riasec_minor"),
    }.get(record.kind, ())
    if isinstance(record, Sector):
        from esante_cli.explore.salaries import salary_dict

        data["salary"] = salary_dict(record.salary)
    return {key: data[key] for key in keep}
