"""The French name of every command, beside its English one (both work, with the same options).

`FRENCH` is what help shows; `ALIASES` is every other word that reaches a command (the French
name, and its spelling without accents). Plain data, imported at start-up: nothing else here.
"""

# English name → the French name shown in help and the overview.
FRENCH = {
    "search": "recherche",
    "show": "fiche",
    "path": "parcours",
    "compare": "comparer",
    "match": "correspondance",
    "evolutions": "évolutions",
    "market": "marché",
    "guide": "guide",
    "interests": "intérêts",
    "sources": "sources",
    "validate": "valider",
    "export": "exporter",
    "import": "importer",
    "help": "aide",
}
# Every other word → the English name: the French names, and spellings without accents.
ALIASES = {
    **{french: english for english, french in FRENCH.items() if french != english},
    "marche": "market",
    "interets": "interests",
}
# English command name → its options' French aliases (the long names Typer declares after the
# English one). Hints name another command's options this way after a French command, without
# importing that command's module; tests/test_spoken.py checks it against the declarations.
_EVERYWHERE = {"--data-dir": "--donnees", "--with": "--avec"}
_LISTING = {"--output": "--sortie", "--pager": "--paginer"}
FRENCH_OPTIONS = {
    "search": {"--limit": "--nombre", "--from": "--depuis", **_LISTING, **_EVERYWHERE},
    "show": {"--pager": "--paginer", **_EVERYWHERE},
    "validate": dict(_EVERYWHERE),
    "path": {
        "--from": "--depuis", "--to": "--vers", "--career": "--metier", "--school": "--ecole", "--city": "--ville",
        "--max-years": "--annees-max", "--continuing": "--formation-continue", "--limit": "--nombre",
        "--details": "--etapes", **_LISTING, **_EVERYWHERE,
    },
    "compare": {"--careers": "--metiers", "--trainings": "--formations", "--sort": "--tri", **_LISTING, **_EVERYWHERE},
    "export": {"--kind": "--type", "--output": "--sortie", **_EVERYWHERE},
    "match": {"--limit": "--nombre", "--from": "--depuis", "--rome": "--avec-rome", **_LISTING, **_EVERYWHERE},
    "evolutions": {"--pager": "--paginer", **_EVERYWHERE},
    "market": {"--pager": "--paginer", **_EVERYWHERE},
    "import": {"--out": "--sortie", "--filter": "--filtre", "--force": "--forcer", "--data-dir": "--donnees"},
    "sources": dict(_EVERYWHERE),
    "guide": {
        "--from": "--depuis", "--city": "--ville", "--likes": "--aime", "--interests": "--interets",
        "--max-years": "--annees-max", "--continuing": "--formation-continue", **_LISTING, **_EVERYWHERE,
    },
    "interests": dict(_EVERYWHERE),
    "help": {},
}


def english(name: str) -> str:
    """The English name of a command typed in either language (anything else: as typed)."""
    return ALIASES.get(name, name)


def shown(name: str) -> str:
    """How help lists a command: « recherche, search », or the one word when both are the same."""
    french = FRENCH.get(name)
    return name if not french or french == name else f"{french}, {name}"
