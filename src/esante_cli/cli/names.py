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


def english(name: str) -> str:
    """The English name of a command typed in either language (anything else: as typed)."""
    return ALIASES.get(name, name)


def shown(name: str) -> str:
    """How help lists a command: « recherche, search », or the one word when both are the same."""
    french = FRENCH.get(name)
    return name if not french or french == name else f"{french}, {name}"
