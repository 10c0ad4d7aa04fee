"""One record from the words a person types for it (show, evolutions, path --career, compare).

`designate` is search.resolve (an id, a code, or a query whose best match is clearly ahead), and
when the words as typed match nothing, the words as search reads them (explore/query.find: the
vocabulary's synonyms and meanings, a typo of a vocabulary word): « dev » is how people say
développeur (data/vocabulary.yaml, synonyme-developpeur), so `esante evolutions dev` is the
developer's ladder, as `esante search dev` puts the developer first. The best hit is taken when
it is clearly ahead of the others (search.CLEAR_LEAD); else the candidates are listed. Pure: no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from esante_cli.catalog.folding import fold
from esante_cli.catalog.models import Catalog, Record
from esante_cli.errors import EsanteError
from esante_cli.explore.search import CLEAR_LEAD, ambiguous, resolve, search

if TYPE_CHECKING:  # typing only: understand is imported when a name is read otherwise
    from esante_cli.explore.understand import Understood


def designate(catalog: Catalog, text: str, kinds: Iterable[str] | None = None) -> Record:
    """The record `text` names (see the module docstring); EsanteError(NOT_FOUND) otherwise."""
    from esante_cli.explore.query import find

    kinds = list(kinds) if kinds else None
    try:
        record = resolve(catalog, text, kinds)
    except EsanteError as error:
        if search(catalog, text, kinds=kinds, limit=1):  # found as typed, but not one record: that message
            raise
        answer = find(catalog, text, kinds=kinds, limit=6)
        hits = answer.hits
        if answer.outside is not None or not hits:
            raise error
        best = max(h.score for h in hits)
        close = [h for h in hits if h.score > best - CLEAR_LEAD]
        if len(close) == 1:
            return close[0].record
        raise ambiguous(text, close) from None
    return _also_meant(catalog, text, kinds, record)


def _also_meant(catalog: Catalog, text: str, kinds: list[str] | None, record: Record) -> Record:
    """`record`, unless the words only matched part of one of its names (« codeur » in its alias
    « codeur PMSI ») while the vocabulary reads them as another record (« codeur » is how people
    say développeur): then both are meant, and the person chooses."""
    from esante_cli.explore.query import find

    if catalog.get(text.strip()) is not None or fold(text) in _names(record):
        return record
    answer = find(catalog, text, kinds=kinds, limit=6)
    if not answer.hits or answer.hits[0].record is record or not _read_otherwise(answer.understood):
        return record
    best = answer.hits[0]
    if len(answer.hits) > 1 and answer.hits[1].score > best.score - CLEAR_LEAD:
        return record  # the vocabulary's reading is no clearer than the words as typed
    typed = search(catalog, text, kinds=kinds, limit=1)
    raise ambiguous(text, [best] + typed[:1])  # the vocabulary's reading first: what most people mean


def _read_otherwise(understood: Understood) -> bool:
    """Whether the vocabulary read the words as more than themselves (synonyms, meanings)."""
    return any(len(c.alternatives) > 1 or c.rewritten for c in understood.concepts)


def _names(record: Record) -> set[str]:
    """Every name a record answers to, folded: its title, both genders, aliases, other titles, codes."""
    names = [record.name, record.id]
    for field in ("feminine", "masculine", "onisep"):
        names.append(getattr(record, field, None) or "")
    for field in ("aliases", "other_titles", "rome"):
        names.extend(getattr(record, field, None) or ())
    return {fold(n) for n in names if n}
