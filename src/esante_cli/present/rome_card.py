"""ROME 4.0 sheets in French: their card (`esante show M1880`), their one-line key fact in search
results, and the « Fiche ROME » line of a curated career's card. Nothing here prints."""

from __future__ import annotations

from typing import Any

from esante_cli.catalog.models import Career, Catalog, Record, RomeLink, RomeSheet
from esante_cli.present import render

# Holland's six types as ROME 4.0 names them (France Travail's « RIASEC » classification of sheets).
RIASEC_NAMES = {
    "R": "réaliste",
    "I": "investigateur",
    "A": "artistique",
    "S": "social",
    "E": "entreprenant",
    "C": "conventionnel",
}
RIASEC_NOTE = "classement du ROME (France Travail), pas un test de personnalité"
ROME_TEXT_NOTE = "texte de France Travail, ROME 4.0, de votre import"


def riasec_code(sheet: RomeSheet) -> str | None:
    """« IC (investigateur, puis conventionnel) »; None when ROME gives none."""
    if not sheet.riasec_major:
        return None
    names = RIASEC_NAMES[sheet.riasec_major]
    if sheet.riasec_minor:
        names += f", puis {RIASEC_NAMES[sheet.riasec_minor]}"
    return f"{sheet.riasec} ({names})"


def riasec_text(sheet: RomeSheet) -> str | None:
    """« IC (investigateur, puis conventionnel) — classement du ROME … »; None when ROME gives none."""
    code = riasec_code(sheet)
    return f"{code} — {RIASEC_NOTE}" if code else None


def careers_of(catalog: Catalog, sheet: RomeSheet) -> list[Career]:
    """The catalogue's careers that point to this sheet (their `codes.rome`)."""
    return [c for c in catalog.careers if sheet.code in c.rome]


def _link(catalog: Catalog, link: RomeLink) -> str:
    """« K1220 Title (rang 1) », with the id to open when the catalogue holds that sheet."""
    rank = f", rang {link.rank}" if link.rank is not None else ""
    known = catalog.rome_sheet(link.code)
    return f"{link.code} {link.title} ({known.id}{rank})" if known else f"{link.code} {link.title}{f' ({rank[2:]})' if rank else ''}"


def theme_names(catalog: Catalog, sheet: RomeSheet) -> list[str]:
    """The sheet's interest themes by ROME's label, the main one marked (« … (thème principal) »)."""
    labels = {t.code: t.name for t in catalog.interest_themes}
    return [f"{labels.get(i.theme, f'thème {i.theme}')}{' (thème principal)' if i.main else ''}" for i in sheet.interests]


def card(c: render.Card, catalog: Catalog, sheet: RomeSheet) -> None:
    """The sections of a ROME sheet's card (the caller adds its sources)."""
    if sheet.feminine or sheet.masculine:
        c.add("Au féminin", sheet.feminine)
        c.add("Au masculin", sheet.masculine)
    c.add("Code ROME", f"{sheet.code} (ROME 4.0, France Travail)")
    c.add("Domaine", sheet.domain)
    c.add("Appellations", list(sheet.appellations))
    if sheet.summary:
        c.add("Résumé", sheet.summary)
    c.add("RIASEC", riasec_text(sheet))
    c.add("Centres d'intérêt", theme_names(catalog, sheet))
    flags = [text for flag, text in ((sheet.cadre, "emploi de cadre"), (sheet.regulated, "métier réglementé"),
                                     (sheet.digital_transition, "emploi de la transition numérique")) if flag]  # fmt: skip
    c.add("Repères", ", ".join(flags) if flags else "ni cadre, ni réglementé, ni transition numérique selon le ROME")
    if sheet.parent:
        parent = catalog.rome_sheet(sheet.parent)
        c.add("Fiche parente", f"{sheet.parent} {parent.name} ({parent.id})" if parent else " ".join(filter(None, (sheet.parent, sheet.parent_title, "(fiche hors du catalogue)"))))
    for group in sheet.skills:
        c.add(group.group, list(group.items))
    c.add("Contextes de travail", [f"{g.group} : {', '.join(g.items)}" for g in sheet.contexts])
    c.add("Secteurs", list(sheet.sectors))
    c.add("Mobilités selon le ROME (vers)", [_link(catalog, m) for m in sheet.mobilities])
    c.add("Vient de (selon le ROME, avec le rang de cette fiche parmi leurs mobilités)", [_link(catalog, o) for o in sheet.origins])
    careers = careers_of(catalog, sheet)
    if careers:
        c.add("Métiers esante", [f"{r.name} ({r.id}) : salaire, niveau et formations sur sa fiche" for r in careers])
    else:
        c.add("Ce que le ROME ne dit pas", "pas de salaire, de niveau d'accès ni de formation dans esante pour cette fiche : "
              "aucun métier du catalogue n'y renvoie encore")  # fmt: skip
    if sheet.definition:
        c.add(f"Définition — {ROME_TEXT_NOTE}", list(sheet.definition))
    if sheet.access:
        c.add(f"Accès au métier — {ROME_TEXT_NOTE}", list(sheet.access))


def career_lines(catalog: Catalog, career: Career) -> list[str] | str:
    """A curated career's « Fiche ROME »: « M1880 Spécialiste e-santé · RIASEC IC (rome-m1880) »."""
    if not career.rome:
        return "aucune dans les données (le ROME n'a pas de fiche propre à ce métier)"
    out = []
    for code in career.rome:
        sheet = catalog.rome_sheet(code)
        if sheet is None:
            out.append(code)
            continue
        riasec = f" · RIASEC {sheet.riasec}" if sheet.riasec else ""
        title = _own_title(career, sheet)
        also = f", où figure l'appellation « {title} »" if title else ""
        out.append(f"{code} {sheet.name}{riasec} ({sheet.id}{also})")
    return out


def _own_title(career: Career, sheet: RomeSheet) -> str | None:
    """The sheet's job title that names this career, when the sheet's own title names another
    job (the TIM is an appellation of M1617, titled for the DIM's physician); None otherwise."""
    from rapidfuzz import fuzz

    from esante_cli.catalog.folding import fold

    names = [fold(n) for n in (career.name, career.masculine, career.feminine, *career.aliases) if n]
    score = lambda text: max((fuzz.token_sort_ratio(fold(text), n) for n in names), default=0)  # noqa: E731
    if score(sheet.name) >= 80:
        return None
    best = max(sheet.appellations, key=score, default=None)
    return best if best is not None and score(best) >= 80 else None


def key_fact(sheet: RomeSheet) -> str:
    """A search result's line: « fiche ROME M1880 · RIASEC IC »."""
    return " · ".join(v for v in (f"fiche ROME {sheet.code}", f"RIASEC {sheet.riasec}" if sheet.riasec else None) if v)


def references(catalog: Catalog, sheet: RomeSheet) -> dict[str, list[Record]]:
    """What `show --json` resolves for a sheet: the careers citing it, the sheets it links to."""
    linked = lambda links: [s for s in (catalog.rome_sheet(x.code) for x in links) if s is not None]  # noqa: E731
    parent = catalog.rome_sheet(sheet.parent) if sheet.parent else None
    return {
        "careers": list(careers_of(catalog, sheet)),
        "mobilities": linked(sheet.mobilities),
        "origins": linked(sheet.origins),
        "parent": [parent] if parent else [],
    }


def theme_json(catalog: Catalog, sheet: RomeSheet) -> list[dict[str, Any]]:
    labels = {t.code: t.name for t in catalog.interest_themes}
    return [{"theme": i.theme, "label": labels.get(i.theme), "main": i.main} for i in sheet.interests]


def mobility_trees(catalog: Catalog, found: Any) -> list[render.TreeNode]:
    """`esante evolutions`: ROME's mobilities of one sheet (an explore.rome.SheetMobilities), toward
    and « vient de », each said to come from ROME, with the careers of the catalogue at the other end."""

    def label(m: Any, origin: bool) -> str:
        where = m.sheet_id or "fiche hors du catalogue"
        rank = f"rang {m.rank} de ses mobilités" if origin else f"rang {m.rank}"
        text = f"{m.code} {m.title} ({where}, {rank})" if m.rank is not None else f"{m.code} {m.title} ({where})"
        if m.careers:
            text += " — métier esante : " + ", ".join(m.careers)
        return text

    sheet = found.sheet
    riasec = f", RIASEC {sheet.riasec}" if sheet.riasec else ""
    toward = render.TreeNode(f"Selon le ROME (fiche {sheet.code} {sheet.name}{riasec}), peut mener à :")
    for m in found.toward:
        toward.add(label(m, False))
    if not found.toward:
        toward.add("aucune mobilité dans le ROME", dim=True)
    origins = render.TreeNode(f"Selon le ROME (fiche {sheet.code}), vient de :")
    for m in found.origins:
        origins.add(label(m, True))
    if not found.origins:
        origins.add("aucune fiche n'y mène dans le ROME", dim=True)
    return [toward, origins]
