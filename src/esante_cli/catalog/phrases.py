"""The phrases queries are understood by (explore/understand.py), gathered from the catalogue: stemmed,
folded words → meanings.

They come from the vocabulary entries (data/vocabulary.yaml), skill names and aliases, the
careers' multi-word titles (never split), the programmes' cities and the distinctive words of
their institutions (« 3iL », « JUNIA »). Gathering them reads every career, skill and programme,
~20 ms on the shipped data and far more at 100,000 records: so the index stores them with each
database (indexbuild.build() calls `data()`): a table of phrases (their words, joined by spaces
→ their meanings as JSON), and in `meta` the longest phrase's length and the places. A query then
looks up the few phrases its own words could form (explore/lexicon.py), not the whole lexicon.
A meaning is

    ["v", entry id] (a vocabulary entry), ["s", skill id] (a skill's name or alias),
    ["c"] (a career's title: searched as typed) or ["p", words, name, field] (a place:
    a city or an institution).
"""

from __future__ import annotations

import re
from typing import Any

from esante_cli.catalog.models import Catalog
from esante_cli.catalog.folding import fold
from esante_cli.catalog.terms import stem

MAX_PHRASE = 6  # words in the longest phrase looked up
# Words of institution names that name no institution in particular: not place hints alone.
GENERIC_INSTITUTION_WORDS = frozenset(
    "universite universitaire institut ecole ecoles faculte campus centre national nationale superieure "
    "superieur ingenieur ingenieurs aujourd hui".split()
)
INITIAL_STOP = frozenset("de des du d l la le les et en a au aux pour".split())  # not in initials


def key(text: str) -> tuple[str, ...]:
    """Folded words, plurals dropped from words of four letters or more (« LAS » is not « la »)."""
    return tuple(stem(w) if len(w) > 3 else w for w in fold(text).split())


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
