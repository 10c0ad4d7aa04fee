"""Query understanding: free text as a student types it → what to search, and how (Understood).
Returns facts, no sentences; the phrases come from the catalogue's database through
explore/lexicon.py.

understand(catalog, text) -> Understood cuts the text into words and groups them, longest first,
into the phrases it knows (catalog/phrases.py): the vocabulary entries (data/vocabulary.yaml,
docs/data-model.md), the catalogue's own multi-word names (skill names and aliases, career
titles: never split), the cities and institutions of the programmes. Each phrase then is
- dropped: a filler or question word (« je veux », « quelles », « pour »);
- a kind hint: « formations », « métier », « master » put those records first;
- a place hint: « Lille », « 3iL » put the programmes there first; a known place absent from
  the data (« Lyon ») is reported, with the places that are;
- a command pointer: « salaire », « débouchés », « parcours » name the command that answers;
- a concept to search, with its alternatives: synonyms (« IA » ↔ « intelligence artificielle »),
  meanings (« nurse » → « infirmier »), the skills a tool stands for (« python » →
  « Programmation et développement logiciel »).

explore/query.py answers the query (find) from what is understood here.
"""

from __future__ import annotations

import re
from typing import Iterable

from esante_cli.catalog.models import Catalog, VocabularyEntry
from esante_cli.catalog.phrases import key as _key
from esante_cli.catalog.folding import fold
from esante_cli.catalog.values import Frozen
from esante_cli.explore import asker as asker_mod
from esante_cli.explore.asker import Asker
from esante_cli.explore.lexicon import CATALOG_PHRASE, Place, SkillName, lexicon

MAX_WORDS = 24  # words of a query looked at
NEGATIONS = ("pas", "sauf", "sans", "ni", "hors")
WANTS = ("veut", "voudrait", "souhaite", "souhaiterait", "aimerait", "cherche", "desire")  # « X qui veut … »  # the concept after one of these is not wanted
# Acronyms typed in capitals whose lower case is a stop word: read as what they stand for.
ACRONYMS = {"DU": "diplôme universitaire", "D.U.": "diplôme universitaire"}

_set = object.__setattr__


class Concept(Frozen):
    """One thing to search: the words as typed and what they are searched as."""

    __slots__ = ("text", "alternatives", "skills", "profession", "workplace")
    text: str
    alternatives: tuple[str, ...]
    skills: tuple[str, ...]  # skill ids the phrase names (a skill name, alias or tool)
    profession: bool  # a health profession outside e-health (vocabulary role profession)
    workplace: bool  # where one works (role workplace): context beside a subject

    def __init__(self, text: str, alternatives: tuple[str, ...], skills: tuple[str, ...] = (), profession: bool = False,
                 workplace: bool = False) -> None:
        _set(self, "text", text)
        _set(self, "alternatives", alternatives)
        _set(self, "skills", skills)
        _set(self, "profession", profession)
        _set(self, "workplace", workplace)

    @property
    def rewritten(self) -> bool:
        """True when the typed words are not searched themselves (« nurse » → « infirmier »)."""
        return fold(self.text) not in {fold(a) for a in self.alternatives}


class Pointer(Frozen):
    __slots__ = ("text", "hint", "command")
    text: str  # the words that named it
    hint: str
    command: str  # with its placeholders, see fill()

    def __init__(self, text: str, hint: str, command: str) -> None:
        _set(self, "text", text)
        _set(self, "hint", hint)
        _set(self, "command", command)


class Understood(Frozen):
    __slots__ = ("text", "concepts", "dropped", "kinds", "places", "unknown_places", "pointers", "asker")
    text: str
    concepts: tuple[Concept, ...]
    dropped: tuple[str, ...]  # filler words (kind and command words are hints, not dropped)
    kinds: tuple[str, ...]  # hinted kinds, in order of appearance
    places: tuple[Place, ...]
    unknown_places: tuple[str, ...]
    pointers: tuple[Pointer, ...]
    asker: Asker | None  # who is asking, from the words (« lycéen », « en reconversion ») or --from

    def __init__(
        self,
        text: str,
        concepts: tuple[Concept, ...] = (),
        dropped: tuple[str, ...] = (),
        kinds: tuple[str, ...] = (),
        places: tuple[Place, ...] = (),
        unknown_places: tuple[str, ...] = (),
        pointers: tuple[Pointer, ...] = (),
        asker: Asker | None = None,
    ) -> None:
        _set(self, "text", text)
        _set(self, "concepts", concepts)
        _set(self, "dropped", dropped)
        _set(self, "kinds", kinds)
        _set(self, "places", places)
        _set(self, "unknown_places", unknown_places)
        _set(self, "pointers", pointers)
        _set(self, "asker", asker)

    def with_asker(self, asker: Asker | None) -> "Understood":
        """The same understanding for another asker (--from wins over the words)."""
        return Understood(self.text, self.concepts, self.dropped, self.kinds, self.places, self.unknown_places,
                          self.pointers, asker)

    @property
    def skills(self) -> tuple[str, ...]:
        """Skill ids named in the query (skill phrases and tools), each once."""
        return tuple(dict.fromkeys(s for c in self.concepts for s in c.skills))

    @property
    def searched(self) -> str:
        """The query searched first: each concept's first alternative."""
        return " ".join(c.alternatives[0] for c in self.concepts)

    def to_dict(self) -> dict[str, object]:
        return {
            "searched": self.searched,
            "kept": [c.text for c in self.concepts],
            "rewritten": [{"text": c.text, "as": list(c.alternatives)} for c in self.concepts if c.rewritten],
            "dropped": list(self.dropped),
            "kinds": list(self.kinds),
            "places": [{"text": p.text, "name": p.name, "field": p.field} for p in self.places],
            "unknown_places": list(self.unknown_places),
            "skills": list(self.skills),
            **({"asker": self.asker.to_dict()} if self.asker is not None else {}),  # only when one is known
        }


def _units(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(word as typed, its stemmed folded words): 'l'informatique' → ("l'", ('l',)), ("informatique", …)."""
    units = []
    for chunk in text.split():
        for piece in re.split(r"(?<=['’])", chunk):
            raw = piece.strip("\"«»“”?!,;:()[]{}…").replace("’", "'")
            if raw in ACRONYMS:  # « DU » in capitals is a diploma, not « du »
                raw = ACRONYMS[raw]
            key = _key(raw)
            if key:
                units.append((raw, key))
    return units[:MAX_WORDS]


def _joined(catalog: Catalog, units: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, tuple[str, ...]]]:
    """Neighbouring words a name writes as one (« st 4 health » → ST4Health, « telecom sud paris »
    → SudParis, « 3 il » → 3iL): joined when the joined word is a term of the catalogue and the
    words apart are not a known phrase."""
    from esante_cli.explore.search import index_for

    db = index_for(catalog).db
    lex = lexicon(catalog)
    out: list[tuple[str, tuple[str, ...]]] = []
    i = 0
    while i < len(units):
        for size in (3, 2):
            group = units[i : i + size]
            if len(group) < size or any(len(k) != 1 for _, k in group):
                continue
            word = "".join(k[0] for _, k in group)
            if len(word) >= 3 and db.has_term(word) and lex.meanings(tuple(k[0] for _, k in group)) is None:
                out.append((word, (word,)))  # searched as the catalogue writes it
                i += size
                break
        else:
            out.append(units[i])
            i += 1
    return out


def understand(catalog: Catalog, text: str) -> Understood:
    """What a free-text query asks for (see the module docstring)."""
    lex = lexicon(catalog)
    units = _joined(catalog, _units(text))
    concepts: list[Concept] = []
    dropped: list[str] = []
    kinds: list[str] = []
    places: list[Place] = []
    unknown: list[str] = []
    pointers: list[Pointer] = []
    asker: Asker | None = None
    negated = False  # the previous word was « pas », « sauf », « sans »: the next concept is not wanted
    # « cadre de santé qui veut aller vers le numérique »: the words before « qui veut » say who
    # asks (someone at work), not what to search.
    boundary = next((k for k in range(1, len(units) - 1)
                     if units[k][1] == ("qui",) and units[k + 1][1][:1] and units[k + 1][1][0] in WANTS), 0)
    i = 0
    while i < len(units):
        meanings, j = None, i + 1
        for end in range(min(len(units), i + lex.longest), i, -1):
            found = lex.meanings(tuple(w for _, k in units[i:end] for w in k))
            if found is not None:
                meanings, j = found, end
                break
        raw = " ".join(u for u, _ in units[i:j])
        i = j
        if negated and (meanings is None or not any(isinstance(m, VocabularyEntry) and m.role == "stop" for m in meanings)):
            negated = False
            dropped.append(raw)  # « pas médecin », « sans longues (études) »: not searched
            continue
        if raw.casefold() in NEGATIONS:
            negated = True
        if j <= boundary and not (meanings and any(isinstance(m, VocabularyEntry) and m.role in ("stop", "asker") for m in meanings)):
            if asker is None:
                asker = asker_mod.from_words(asker_mod.WORKING, " ".join(u for u, _ in units[:boundary]))
            dropped.append(raw)
            continue
        if meanings is None:
            concepts.append(Concept(raw, (raw,)))
            continue
        alternatives: list[str] = []
        skills: list[str] = []
        searched = hinted = profession = workplace = False
        for meaning in meanings:
            if isinstance(meaning, Place):
                places.append(Place(raw, meaning.name, meaning.field))
                searched = True
                alternatives.insert(0, raw)
                if meaning.field == "établissement" and meaning.text != meaning.name:
                    alternatives.append(meaning.name)  # « uppa », « centralelille »: searched by the name
            elif isinstance(meaning, SkillName):
                skills.append(meaning.id)
                searched = True
                alternatives.insert(0, raw)
            elif meaning == CATALOG_PHRASE:
                searched = True
                alternatives.insert(0, raw)
            elif isinstance(meaning, VocabularyEntry):
                kinds += [k for k in meaning.kinds if k not in kinds]
                role = meaning.role
                hinted = hinted or role in ("kind", "command", "asker", "level")
                if role in ("asker", "level", "profession") and meaning.level and asker is None:
                    asker = asker_mod.from_words(meaning.level, raw)
                if role == "place":
                    if not any(p.text == raw for p in places):
                        unknown.append(raw)
                elif role in ("command", "level") and meaning.hint:
                    pointers.append(Pointer(raw, meaning.hint, meaning.command or ""))
                elif role == "profession":
                    searched = profession = True
                elif role == "workplace":
                    searched = workplace = True
                    alternatives.append(raw)
                elif role == "synonym":
                    searched = True
                    alternatives += [raw, *meaning.words]
                elif role == "skill":
                    searched = True
                    skills += meaning.skills
                    alternatives += [raw, *(catalog.name_of(s) for s in meaning.skills)]
                if meaning.means:
                    searched = True
                    alternatives += meaning.means
        if any(p.text == raw for p in places) and raw in unknown:
            unknown.remove(raw)
        if profession and not alternatives:
            alternatives.append(raw)
        if searched:
            concepts.append(Concept(raw, _distinct(alternatives), tuple(dict.fromkeys(skills)), profession, workplace))
        elif not hinted and not any(p.text == raw for p in places) and raw not in unknown:
            dropped.append(raw)
    if not concepts and not kinds and not places and len(units) == 1 and text.strip() != text.strip().upper():
        # one filler word alone (« du »): an acronym typed in lowercase, read as written in capitals (« DU »)
        again = understand(catalog, text.strip().upper())
        if again.concepts or again.kinds:
            return again
    return Understood(
        text=text,
        concepts=tuple(concepts),
        dropped=tuple(dropped),
        kinds=tuple(kinds),
        places=tuple(dict.fromkeys(places)),
        unknown_places=tuple(dict.fromkeys(unknown)),
        pointers=tuple(dict.fromkeys(pointers)),
        asker=asker,
    )


def _distinct(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[tuple[str, ...], str] = {}
    for text in texts:
        seen.setdefault(_key(text), text)
    return tuple(seen.values())


def read_level(value: str, catalog: Catalog | None = None) -> tuple[str | None, bool]:
    """--from as asker.read_level reads it, then, with the catalogue, as a search reads who is
    asking in the same words (vocabulary roles asker, level, profession): « BTS » → bac+2,
    « en reconversion », « je travaille », « je suis infirmière » → at work."""
    from esante_cli.errors import EsanteError

    try:
        return asker_mod.read_level(value)
    except EsanteError:
        said = understand(catalog, value).asker if catalog is not None else None
        if said is None:
            raise
        return said.level, said.working


def from_option(value: str | None, catalog: Catalog | None = None) -> Asker | None:
    """The asker --from names (None without one), read as read_level reads it."""
    if value is None:
        return None
    level, working = read_level(value, catalog)
    return Asker(level, working, value.strip())
