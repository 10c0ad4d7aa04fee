"""ROME's interest themes in French: `esante interests`, guide's question and its « parce que
vous avez choisi » line, the RIASEC code of a career and the one-line legend of the six letters,
and the usage error of an unknown theme. Prints only through render."""

from __future__ import annotations

from typing import Any

from esante_cli.present import render

_ITEM = "    "  # the lines of a theme, under its number

# Said wherever RIASEC codes are shown: what the six letters mean, whose classification it is,
# and what it is not (docs/interests.md).
RIASEC_LEGEND = (
    "RIASEC : le classement des métiers du ROME (France Travail), selon les six types de Holland — "
    "R réaliste (le concret, les outils, les machines), I investigateur (chercher, analyser), "
    "A artistique (créer, s'exprimer), S social (aider, soigner, transmettre), E entreprenant "
    "(diriger, convaincre), C conventionnel (organiser, suivre une méthode et des règles) ; la "
    "première lettre domine. Il décrit les métiers, pas vous : ce n'est pas un test psychométrique, "
    "et esante ne calcule aucun score sur vous."
)
THEMES_NOTE = (
    "Les thèmes sont ceux que le ROME attribue à la fiche de chaque métier ; un métier du catalogue "
    "sans fiche ROME n'en porte aucun."
)


def rome_line(sheets: list[Any]) -> str:
    """« fiche ROME : M1880 Spécialiste e-santé, RIASEC IC (investigateur, puis conventionnel) »;
    a career without one says so (it carries no theme)."""
    from esante_cli.present.rome_card import riasec_code

    if not sheets:
        return "fiche ROME : aucune pour ce métier (il ne porte donc aucun thème)"
    parts = [f"{s.code} {s.name}" + (f", RIASEC {code}" if (code := riasec_code(s)) else "") for s in sheets]
    return ("fiches ROME : " if len(parts) > 1 else "fiche ROME : ") + " ; ".join(parts)


def label(catalog: Any, code: int) -> str:
    from esante_cli.explore.interests import label as rome_label

    return rome_label(catalog, code) or f"thème {code}"


def reason(catalog: Any, found: tuple[Any, ...]) -> str | None:
    """« parce que vous avez choisi : « … » (thème principal du ROME) »; None without a theme."""
    if not found:
        return None
    parts = [f"« {label(catalog, m.theme)} » ({'thème principal' if m.main else 'thème'} du ROME)" for m in found]
    return "parce que vous avez choisi : " + ", ".join(parts)


def chosen_text(catalog: Any, codes: tuple[int, ...]) -> str:
    """« 29 « Je suis passionné / … technologies », 6 « J'ai le souci du détail » »: guide's title."""
    return ", ".join(f"{code} « {label(catalog, code)} »" for code in codes)


# ---------------------------------------------------------------- esante interests


def _career(catalog: Any, carried: Any) -> str:
    from esante_cli.explore.interests import sheets_of

    codes = [f"{s.code}, {s.riasec}" if s.riasec else s.code for s in sheets_of(catalog, carried.record)]
    return f"{carried.record.name} ({' ; '.join(codes)})" if codes else carried.record.name


def _sheet(carried: Any) -> str:
    sheet = carried.record
    return f"{sheet.code} {sheet.name}" + (f" ({sheet.riasec})" if sheet.riasec else "")


def _sheets(row: Any, detailed: bool) -> list[str]:
    """The ROME sheets of the e-health slice that no curated career points to: by code and title
    for a theme asked for, by code only in the whole listing (esante show CODE opens one)."""
    main = [c for c in row.sheets if c.main]
    other = [c for c in row.sheets if not c.main]
    if detailed:
        lines = ["autres fiches ROME, thème principal de : " + " ; ".join(_sheet(c) for c in main)] if main else []
        return lines + (["autres fiches ROME, aussi un thème de : " + " ; ".join(_sheet(c) for c in other)] if other else [])
    if not row.sheets:
        return []
    text = ", ".join(c.record.code for c in main) + (" (thème principal)" if main else "")
    if other:
        text += (" ; " if main else "") + ", ".join(c.record.code for c in other)
    return ["autres fiches ROME : " + text]


def print_interests(catalog: Any, rows: list[Any], every: bool) -> None:
    """Each theme: number, ROME's label, our definition, the careers (main theme first) and the
    other ROME sheets that carry it; then the RIASEC legend, how to choose, the source."""
    from esante_cli.present.cards import source_titles

    if every:
        render.prose(
            f"Les {len(rows)} centres d'intérêt du ROME 4.0 et les métiers de l'e-santé qui les portent "
            "(d'abord ceux dont c'est le thème principal), avec leur fiche ROME et son code RIASEC "
            "(expliqué en fin de liste).",
            indent="  ",
        )
    sources: list[str] = []
    for n, row in enumerate(rows):
        if every or n:
            render.out()
        render.prose(f"{row.theme.code:>2}. {row.theme.name}", indent=_ITEM)
        lines = [row.theme.summary]
        main = [_career(catalog, c) for c in row.careers if c.main]
        other = [_career(catalog, c) for c in row.careers if not c.main]
        if main:
            lines.append("thème principal de : " + " ; ".join(main))
        if other:
            lines.append("aussi un thème de : " + " ; ".join(other))
        lines += _sheets(row, detailed=not every)
        if not row.careers and not row.sheets:
            lines.append("aucun métier de l'e-santé du catalogue ne porte ce thème")
        for line in lines:
            if line:
                render.prose(line, indent="  ", lead=_ITEM)
        sources += [s for s in row.theme.sources if s not in sources]
    render.out()
    render.prose(RIASEC_LEGEND, indent="  ")
    render.prose(THEMES_NOTE, indent="  ")
    if every:
        render.prose(
            render.spoken("Des métiers et leurs parcours pour vos thèmes : esante guide --interests 29,18 (des numéros, "
                          'ou des mots : --interests "nouvelles technologies").'),
            indent="  ",
        )
    else:
        codes = ",".join(str(row.theme.code) for row in rows)
        render.prose(render.spoken(f"Des métiers et leurs parcours pour ces thèmes : esante guide --interests {codes}"), indent="  ")
    render.prose("Libellés : " + " ; ".join(source_titles(catalog, sources)) + ". Définitions rédigées pour esante.", indent="  ")


# ---------------------------------------------------------------- guide's question


# The numbers are ROME's codes (the answer is echoed as --interests 29,18): say why some are missing.
QUESTION = "Qu'est-ce qui vous attire ? Des thèmes du ROME (France Travail), sous leur numéro du ROME ; seuls ceux des métiers du catalogue sont proposés :"


def checklist(themes: list[Any]) -> list[str]:
    """« 29. Je suis passionné / … » one per line: the themes guide offers."""
    return [f"{t.code:>4}. {t.name}" for t in themes]


# ---------------------------------------------------------------- --interests that name no theme


def unknown_message(catalog: Any, reading: Any, guide: bool = False) -> str:
    """The usage error: what was not understood, then every theme with its number."""
    from esante_cli.explore.interests import themes

    parts = []
    if reading.unknown:
        parts.append("thème inconnu : " + ", ".join(f"« {u} »" for u in reading.unknown))
    for part, codes in reading.ambiguous:
        parts.append(f"« {part} » désigne plusieurs thèmes ({', '.join(str(c) for c in codes)}) : précisez, ou donnez le numéro")
    lines = [" ; ".join(parts or ["aucun thème donné"]) + ". Les centres d'intérêt du ROME, par numéro ou par des mots de leur libellé :"]
    lines += [f"  {t.code:>2}  {t.name}" for t in themes(catalog)]
    lines.append('Exemple : esante guide --interests 29,6 ou --interests "nouvelles technologies, détail"')
    if guide and reading.unknown:
        lines.append("Des mots libres (matières, compétences : « informatique ») se donnent avec --likes.")
    return "\n".join(lines)
