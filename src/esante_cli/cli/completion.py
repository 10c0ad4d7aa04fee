"""Shell completion: record ids where a command expects one, fixed words where it takes a choice.

Typer calls these functions (through `autocompletion=`) only when the shell asks for completions
(`_ESANTE_COMPLETE=complete_bash` …, set by the script `esante --install-completion` installs).
The catalogue is loaded here and nowhere else, so ordinary runs pay nothing; `--data-dir` and
`--with` already typed on the line are honoured. Completion never prints an error: broken data
completes nothing. Each function returns (value, description) pairs; Typer keeps those whose value
starts with what has been typed, and zsh and fish show the description (the record's name).

This module imports nothing heavy at load time: every command module imports it.
"""

from typing import Any, Iterable

Completions = list[tuple[str, str]]

SEARCH_TYPES = [
    ("métier", "career"),
    ("formation", "training"),
    ("compétence", "skill"),
    ("secteur", "sector"),
    ("career", "métier"),
    ("training", "formation"),
    ("skill", "compétence"),
    ("sector", "secteur"),
]
EXPORT_KINDS = [
    ("career", "métiers"),
    ("training", "formations"),
    ("skill", "compétences"),
    ("sector", "secteurs"),
    ("market", "chiffres du marché"),
]
EXPORT_FORMATS = [
    ("json", "liste d'enregistrements"),
    ("csv", "une ligne par enregistrement"),
    ("yaml", "fichier de données valide"),
    ("sqlite", "base SQLite (avec --output)"),
    ("xlsx", "classeur Excel ou LibreOffice (avec --output)"),
]
SORT_KEYS = [
    ("salaire", "salaire de début"),
    ("croissance", "évolution à 5 ans"),
    ("nom", "nom du secteur"),
    ("salary", "salaire de début"),
    ("growth", "évolution à 5 ans"),
    ("name", "nom du secteur"),
]


def _param(ctx: Any, name: str) -> Any:
    params = getattr(ctx, "params", None) or {}
    return params.get(name)


def _catalog(ctx: Any) -> Any:
    from esante_cli.cli.app import environment

    try:
        return environment().load(_param(ctx, "data_dir"), _param(ctx, "extra") or ())
    except Exception:  # noqa: BLE001 - a completion must never fail loudly
        return None


def record_ids(ctx: Any, kinds: Iterable[str], incomplete: str, exclude: Iterable[str] = ()) -> Completions:
    """(id, name) of the records of these kinds whose id starts with `incomplete`, in data order."""
    from esante_cli.catalog.models import KIND_BY_NAME

    catalog = _catalog(ctx)
    if catalog is None:
        return []
    skip = set(exclude)
    return [
        (record.id, record.name)
        for kind in kinds
        for record in catalog.of(KIND_BY_NAME[kind])
        if record.id.startswith(incomplete) and record.id not in skip
    ]


def _words(values: Iterable[tuple[str, str]], incomplete: str) -> Completions:
    return [(value, help) for value, help in values if value.startswith(incomplete)]


# ---------------------------------------------------------------- per parameter


def any_record(ctx: Any, incomplete: str) -> Completions:
    """`esante show`: any record's id, for the first word only."""
    if _param(ctx, "query"):
        return []
    return record_ids(ctx, ("career", "training", "skill", "sector", "market"), incomplete)


def career(ctx: Any, incomplete: str) -> Completions:
    """`esante evolutions` (first word) and `esante path --career`: a career id."""
    if _param(ctx, "query"):
        return []
    return record_ids(ctx, ("career",), incomplete)


def compare_names(ctx: Any, incomplete: str) -> Completions:
    """`esante compare`: sector ids, or career / programme ids with --careers / --trainings."""
    kind = "career" if _param(ctx, "careers") else "training" if _param(ctx, "trainings") else "sector"
    return record_ids(ctx, (kind,), incomplete, exclude=_param(ctx, "names") or ())


def skill(ctx: Any, incomplete: str) -> Completions:
    """`esante match`: skill ids not given yet."""
    return record_ids(ctx, ("skill",), incomplete, exclude=_param(ctx, "skills") or ())


def search_type(incomplete: str) -> Completions:
    return _words(SEARCH_TYPES, incomplete)


def export_kind(incomplete: str) -> Completions:
    return _words(EXPORT_KINDS, incomplete)


def export_format(incomplete: str) -> Completions:
    return _words(EXPORT_FORMATS, incomplete)


def sort_key(incomplete: str) -> Completions:
    return _words(SORT_KEYS, incomplete)


def level(incomplete: str) -> Completions:
    from esante_cli.catalog.models import LEVELS

    return _words(((value, "niveau d'études") for value in LEVELS), incomplete)
