"""How the commands are presented: groups, one-line summaries and the overview (`esante` alone),
read by the help pages (cli/french.py) and `esante help` (cli/help.py); it imports no command.

Table-driven: a new command lists itself in GROUPS (and SUMMARIES) to get its place in
`esante --help`; a command missing from the tables still appears, under « Autres commandes »,
with the first sentence of its docstring. Summaries are written short enough never to be cut.
"""

from __future__ import annotations

from typing import Any

from esante_cli.cli.names import FRENCH

# (heading, commands in the README's order). Commands not registered are skipped.
GROUPS: list[tuple[str, list[str]]] = [
    ("Explorer", ["search", "show", "path", "compare", "match", "evolutions", "market", "guide", "interests"]),
    ("Données", ["sources", "validate", "export", "import"]),
    ("Aide", ["help"]),
]
OTHERS = "Autres commandes"

SUMMARIES = {
    "search": "cherche métiers, formations, compétences, secteurs",
    "show": "la fiche complète d'un enregistrement et ses sources",
    "path": "les parcours d'études, par exemple du bac à bac+5",
    "compare": "secteurs, métiers ou formations côte à côte",
    "match": "les métiers qui vous vont, d'après vos compétences",
    "evolutions": "les évolutions d'un métier, et d'où l'on y vient",
    "market": "les chiffres du marché de l'e-santé, avec leur source",
    "guide": "quelques questions, puis métiers et parcours pour vous",
    "interests": "les centres d'intérêt du ROME et leurs métiers",
    "sources": "les sources et combien de fiches citent chacune",
    "validate": "vérifie un dossier de données, liste ses problèmes",
    "export": "écrit le catalogue en JSON, CSV, YAML, SQLite ou xlsx",
    "import": "importe ONISEP ou le ROME dans un dossier de données",
    "help": "l'aide d'esante ou d'une commande",
}

EXAMPLES = [
    ("esante recherche imagerie", "cherche « imagerie », même mal écrit"),
    ("esante parcours --ville lille", "les parcours d'études qui passent par Lille"),
    ("esante comparer", "salaires et évolution des secteurs côte à côte"),
]


def summary(name: str, command: Any) -> str:
    """A command's one-line summary: the table's, else its docstring's first sentence."""
    if name in SUMMARIES:
        return SUMMARIES[name]
    text = " ".join((command.help or "").split("\n\n")[0].split())
    first = text.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:]


def grouped(commands: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(heading, [(name, summary)])] for the registered, visible commands, in table order."""
    listed: set[str] = set()
    sections = []
    for heading, names in GROUPS:
        rows = [(n, summary(n, commands[n])) for n in names if n in commands and not commands[n].hidden]
        listed.update(names)
        if rows:
            sections.append((heading, rows))
    rest = [(n, summary(n, c)) for n, c in commands.items() if n not in listed and not c.hidden]
    if rest:
        sections.append((OTHERS, rest))
    return sections


def overview_text(commands: dict[str, Any], width: int = 80) -> str:
    """What `esante` alone prints: what it is, three examples, where to go next (wrapped at width)."""
    from esante_cli.present.layout import wrap

    lines = wrap("esante : les métiers, formations, compétences et secteurs de l'e-santé, hors ligne.", width)
    lines += ["", "Pour commencer :"]
    column = max(len(example) for example, _ in EXAMPLES) + 4
    for example, what in EXAMPLES:
        if column + 20 <= width:  # the example, then what it does beside it
            text = wrap(what, width - column)
            lines.append(f"  {example.ljust(column - 4)}  {text[0]}")
            lines += [" " * column + more for more in text[1:]]
        else:  # narrow: what it does under it
            lines.append(f"  {example}")
            lines += ["      " + more for more in wrap(what, width - 6)]
    lines += ["", "Commandes :"]
    for heading, rows in grouped(commands):
        lines += wrap(f"  {heading.lower()} : {', '.join(FRENCH.get(name, name) for name, _ in rows)}", width, indent="    ")
    english = [name for _, rows in grouped(commands) for name, _ in rows if FRENCH.get(name, name) != name]
    lines += wrap(f"  en anglais aussi, mêmes options : {', '.join(english)}", width, indent="    ")
    lines += [""] + wrap("Détail : esante aide, ou esante aide COMMANDE (par exemple esante aide parcours).", width)
    return "\n".join(lines) + "\n"
