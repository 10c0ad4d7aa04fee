"""One record from the words a person types for it (show, evolutions, path --career, compare).

`designate` is search.resolve (an id, a code, or a query whose best match is clearly ahead), and
when the words as typed match nothing, the words as search reads them (explore/query.find: the
vocabulary's synonyms and meanings, a typo of a vocabulary word): « dev » is how people say
développeur (data/vocabulary.yaml, synonyme-developpeur), so `esante evolutions dev` is the
developer's ladder, as `esante search dev` puts the developer first. The best hit is taken when
it is clearly ahead of the others (search.CLEAR_LEAD); else the candidates are listed. Pure: no I/O.
"""

from __future__ import annotations

from typing import Iterable

from esante_cli.catalog.models import Catalog, Record
from esante_cli.errors import EsanteError
from esante_cli.explore.search import CLEAR_LEAD, ambiguous, resolve, search


def designate(catalog: Catalog, text: str, kinds: Iterable[str] | None = None) -> Record:
    """The record `text` names (see the module docstring); EsanteError(NOT_FOUND) otherwise."""
    from esante_cli.explore.query import find

    kinds = list(kinds) if kinds else None
    try:
        return resolve(catalog, text, kinds)
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
