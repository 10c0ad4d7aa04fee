"""What lies outside the catalogue: one answer for every command. Pure: no I/O.

When the word that carries a query's meaning finds nothing in the catalogue (« cuisine »,
« conducteur de travaux »: a word no record holds, even with a typo), or names a health
profession outside e-health (« pharmacien », vocabulary role `profession`), the commands do not
rank records on what is left (a weak match of a secondary word): they say so, offer at most
MAX_SUGGESTIONS close e-health records and where to look instead (ELSEWHERE), and exit 1; with
--json, an object: empty results (or a profession's routes), the message, the suggestions
(present/outside_text.py words it, cli/outside.py prints it).

Routes from a health profession into e-health are gathered by the ROUTE_FINDERS, each a
function (catalog, words of the profession) → records; the first one reads the data: what the
programmes named after the profession lead to (the posts they open after experience, the
programmes they give access to), then the programmes open to people at work that name it, else
those for health professionals. A later finder (ROME 4.0 mobilities, issue 23) plugs in by appending itself:
`outside.ROUTE_FINDERS.append(finder)`; nothing here depends on it.
"""

from __future__ import annotations

from typing import Callable

from esante_cli.catalog.models import Catalog, Record, Training
from esante_cli.catalog.values import Frozen

MAX_SUGGESTIONS = 3
MAX_ROUTES = 8  # a nurse: the TIM's post, two masters, then the continuing programmes that cite nurses
# Where to look for what the catalogue does not hold: ONISEP, the public guidance service.
ELSEWHERE = (("ONISEP (fiches métiers et formations)", "https://www.onisep.fr"),)
HEALTH_PROFESSIONALS = "professionnel de santé"  # what a programme for any carer says


# A Frozen value class (catalog/values.py), not a dataclass: no methods generated at start-up.
class Outside(Frozen):
    __slots__ = ("text", "health", "suggestions", "routes")
    text: str  # the words outside the catalogue, as typed
    health: bool  # a health profession outside e-health
    suggestions: tuple[Record, ...]  # close e-health records (at most MAX_SUGGESTIONS)
    routes: tuple[Record, ...]  # from the health profession into e-health

    def __init__(self, text: str, health: bool = False, suggestions: tuple[Record, ...] = (), routes: tuple[Record, ...] = ()) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "health", health)
        object.__setattr__(self, "suggestions", suggestions)
        object.__setattr__(self, "routes", routes)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "health_profession": self.health,
            "suggestions": [_brief(r) for r in self.suggestions],
            "routes": [_brief(r) for r in self.routes],
            "elsewhere": [{"name": name, "url": url} for name, url in ELSEWHERE],
        }


def _brief(record: Record) -> dict[str, str]:
    return {"kind": record.kind, "id": record.id, "name": record.name}


def _programmes_naming(catalog: Catalog, words: tuple[str, ...]) -> list[Record]:
    """The programmes of the catalogue named after the profession (a nursing diploma the data
    holds), then those open to people at work that name it, else those for any carer."""
    from esante_cli.explore.routes import open_to_working
    from esante_cli.explore.search import NAME_FIELDS, search

    named: dict[str, Record] = {}
    for texts in (words, (HEALTH_PROFESSIONALS,)):
        found: dict[str, Record] = {}
        for text in texts:
            for hit in search(catalog, text, kinds=["training"], limit=20):
                if not isinstance(hit.record, Training):
                    continue
                if texts is words and hit.field in NAME_FIELDS:
                    for record in _after(catalog, hit.record):
                        named.setdefault(record.id, record)
                elif open_to_working(hit.record):
                    found.setdefault(hit.record.id, hit.record)
        if found:
            return [*named.values(), *(r for r in found.values() if r.id not in named)]
    return list(named.values())


def _after(catalog: Catalog, training: Training) -> list[Record]:
    """What a programme named after the profession leads to, for someone who holds it: the posts
    it opens after experience, then the programmes it gives access to (a nurse is not sent back
    to the nursing diploma, but to the TIM's post and the masters it opens); the programme itself
    when the data says nothing of what follows it."""
    after = [catalog.get(i) for i in (*training.careers_after_experience, *training.leads_to)]
    return [r for r in after if r is not None] or [training]


ROUTE_FINDERS: list[Callable[[Catalog, tuple[str, ...]], list[Record]]] = [_programmes_naming]


def routes_from(catalog: Catalog, words: tuple[str, ...]) -> tuple[Record, ...]:
    """Records leading from a health profession (its words as searched) into e-health."""
    found: dict[str, Record] = {}
    for finder in ROUTE_FINDERS:
        for record in finder(catalog, words):
            found.setdefault(record.id, record)
    return tuple(found.values())[:MAX_ROUTES]
