"""The phrases queries are understood by (explore/query.py): stemmed, folded words → meanings.

They come from the catalogue: the vocabulary entries (data/vocabulary.yaml), skill names and
aliases, the careers' multi-word titles (never split), the programmes' cities and the
distinctive words of their institutions (« 3iL », « JUNIA »). Gathering them reads every
career, skill and programme, ~20 ms on the shipped data and far more at 100,000 records:
so the catalogue engine stores them with each database (engine.build() calls `data()`): a
table of phrases (their words, joined by spaces → their meanings as JSON), and in `meta` the
longest phrase's length and the places. A query then looks up the few phrases its own words
could form, not the whole lexicon. A meaning is

    ["v", entry id] (a vocabulary entry), ["s", skill id] (a skill's name or alias),
    ["c"] (a career's title: searched as typed) or ["p", words, name, field] (a place:
    a city or an institution),

made into objects only when a query uses its phrase.
"""

from __future__ import annotations

import re
from typing import Any

from esante_cli.catalog import engine
from esante_cli.catalog.memo import PerCatalog
from esante_cli.catalog.models import Catalog
from esante_cli.catalog.values import Frozen
from esante_cli.catalog.terms import _stem, fold

MAX_PHRASE = 6  # words in the longest phrase looked up
# Words of institution names that name no institution in particular: not place hints alone.
GENERIC_INSTITUTION_WORDS = frozenset(
    "universite universitaire institut ecole ecoles faculte campus centre national nationale superieure "
    "superieur ingenieur ingenieurs aujourd hui".split()
)
INITIAL_STOP = frozenset("de des du d l la le les et en a au aux pour".split())  # not in initials

_set = object.__setattr__


def key(text: str) -> tuple[str, ...]:
    """Folded words, plurals dropped from words of four letters or more (« LAS » is not « la »)."""
    return tuple(_stem(w) if len(w) > 3 else w for w in fold(text).split())


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


def data(catalog: Catalog) -> dict[str, Any]:
    """The lexicon of a catalogue in its stored JSON form (see the module docstring)."""
    phrases: dict[tuple[str, ...], list[list[Any]]] = {}

    def add(text: str, meaning: list[Any]) -> None:
        words = key(text)
        if words and len(words) <= MAX_PHRASE and meaning not in phrases.setdefault(words, []):
            phrases[words].append(meaning)

    for entry in catalog.vocabulary:
        for word in entry.words:
            add(word, ["v", entry.id])
    for skill in catalog.skills:
        for text in (skill.name, *skill.aliases):
            add(text, ["s", skill.id])
    for career in catalog.careers:
        for text in (career.name, *career.other_titles, *career.aliases):
            if len(key(text)) > 1:
                add(text, ["c"])
    cities: list[str] = []
    institutions: list[str] = []
    for t in catalog.trainings:
        if t.city and t.city not in cities:
            cities.append(t.city)
            add(t.city, ["p", t.city, t.city, "ville"])
        if t.institution and t.institution not in institutions:
            institutions.append(t.institution)
    # An institution's distinctive words (« 3iL », « JUNIA », « ESIEE ») are place hints; words
    # that also name something else (« ingénieurs », « santé », a kind word) are not.
    taken = {k for k, meanings in phrases.items() if any(m[0] != "p" for m in meanings)}
    named = {w for r in (*catalog.careers, *catalog.skills, *catalog.sectors) for w in key(r.name)}
    for name in institutions:
        words_of = re.findall(r"[^\s,()–-]+", name)
        for word in words_of:
            words = key(word)
            if (len(words) == 1 and len(words[0]) >= 3 and words not in taken and words[0] not in named
                    and words[0] not in GENERIC_INSTITUTION_WORDS):
                add(word, ["p", word, name, "établissement"])
        # As students write them: two neighbouring words (« Paris 13 », « Centrale Lille »), the
        # same joined (« centralelille »), and the initials (« UPPA »: Université de Pau et des
        # pays de l'Adour).
        folded = [w for w in fold(" ".join(words_of)).split() if w not in INITIAL_STOP]
        for a, b in zip(folded, folded[1:]):
            if (a, b) not in taken and not (a in GENERIC_INSTITUTION_WORDS and b in GENERIC_INSTITUTION_WORDS):
                add(f"{a} {b}", ["p", f"{a} {b}", name, "établissement"])
                if (a + b,) not in taken and len(a + b) >= 6:
                    add(a + b, ["p", a + b, name, "établissement"])
        for part in re.split(r"[,()–]| - ", name):
            initials = "".join(w[0] for w in fold(part).split() if w not in INITIAL_STOP and w.isalpha())
            if len(initials) >= 3 and (initials,) not in taken and initials not in named:
                add(initials, ["p", initials, name, "établissement"])
    return {
        "phrases": [[list(k), v] for k, v in phrases.items()],
        "longest": max((len(k) for k in phrases), default=1),
        "cities": cities,
        "institutions": institutions,
    }


# The catalogue's lexicon: looked up in its database when it has one, else gathered; kept while
# the catalogue is in use (the last few catalogues).
lexicon = PerCatalog(Lexicon)
