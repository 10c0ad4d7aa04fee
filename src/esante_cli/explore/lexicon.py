"""The query lexicon as queries read it (explore/understand.py): a phrase's words → what it means.

The phrases are gathered from the catalogue by catalog/phrases.py and stored in its database
(one row per phrase); a query looks up only the few phrases its own words could form, and their
meanings are made into objects (a vocabulary entry, SkillName, Place, CATALOG_PHRASE) only when a
query uses them. A catalogue without a database (tests, --no-cache) gathers them in memory.
"""

from __future__ import annotations

from typing import Any

from esante_cli.catalog import engine
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog
from esante_cli.catalog.values import Frozen
from esante_cli.catalog.phrases import data

_set = object.__setattr__


class Place(Frozen):
    """A place a query names: `text` as typed, `name` as in the data, `field` "ville" or "établissement"."""

    __slots__ = ("text", "name", "field")
    text: str
    name: str
    field: str

    def __init__(self, text: str, name: str, field: str) -> None:
        _set(self, "text", text)
        _set(self, "name", name)
        _set(self, "field", field)


class SkillName(Frozen):
    """A phrase that is a skill's name or alias: the skill's id."""

    __slots__ = ("id",)
    id: str

    def __init__(self, id: str) -> None:  # noqa: A002
        _set(self, "id", id)


CATALOG_PHRASE = "catalog"  # a career's multi-word title: searched as typed, never split


class Lexicon:
    """What understand() looks phrases up in: `meanings(words)`, `longest`, `cities`, `institutions`."""

    __slots__ = ("catalog", "_db", "_phrases", "longest", "_places", "_made")

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._made: dict[tuple[str, ...], list[object]] = {}
        self._db = engine.database_of(catalog)
        self._places: tuple[list[str], list[str]] | None = None
        self._phrases: dict[tuple[str, ...], list[Any]] = {}
        stored = self._db.stored("lexicon") if self._db is not None else None
        if isinstance(stored, dict) and isinstance(stored.get("longest"), int):
            self.longest = stored["longest"]
        else:  # in memory (tests, --no-cache), or a database without its lexicon
            self._gather()

    def _gather(self) -> None:
        gathered = data(self.catalog)
        self._db = None
        self._phrases = {tuple(words): meanings for words, meanings in gathered["phrases"]}
        self._places = (gathered["cities"], gathered["institutions"])
        self.longest = gathered["longest"]
        self._made.clear()

    def _stored(self, words: tuple[str, ...]) -> list[Any] | None:
        if self._db is not None:
            return self._db.phrase(" ".join(words))
        return self._phrases.get(words)

    def meanings(self, words: tuple[str, ...]) -> list[object] | None:
        """What a phrase means (VocabularyEntry, SkillName, Place or CATALOG_PHRASE), or None
        when it is not a known phrase."""
        made = self._made.get(words)
        if made is None:
            stored = self._stored(words)
            if stored is None:
                return None
            try:
                made = [_meaning(self.catalog, m) for m in stored]
            except (ValueError, TypeError, IndexError, KeyError):
                if self._db is None:
                    raise
                self._gather()  # a damaged or foreign database: gathered again, still right
                return self.meanings(words)
            self._made[words] = made
        return made

    def _places_known(self) -> tuple[list[str], list[str]]:
        if self._places is None:
            stored = self._db.stored("lexicon.places") if self._db is not None else None
            if (isinstance(stored, list) and len(stored) == 2
                    and all(isinstance(v, list) and all(isinstance(s, str) for s in v) for v in stored)):
                self._places = (stored[0], stored[1])
            else:
                self._gather()
        return self._places  # type: ignore[return-value]

    @property
    def cities(self) -> list[str]:
        """The programmes' cities, in data order."""
        return self._places_known()[0]

    @property
    def institutions(self) -> list[str]:
        """The programmes' institutions, in data order."""
        return self._places_known()[1]


def _meaning(catalog: Catalog, meaning: list[Any]) -> object:
    tag = meaning[0]
    if tag == "v":
        entry = catalog.get(meaning[1])
        if entry is None or entry.kind != "vocabulary":
            raise ValueError(f"lexicon: no vocabulary entry {meaning[1]!r}")
        return entry
    if tag == "s":
        return SkillName(meaning[1])
    if tag == "c":
        return CATALOG_PHRASE
    if tag == "p":
        return Place(*meaning[1:4])
    raise ValueError(f"lexicon meaning {tag!r}")


# The catalogue's lexicon: looked up in its database when it has one, else gathered; kept while
# the catalogue is in use (the last few catalogues).
lexicon = PerCatalog(Lexicon)
