"""Query understanding: free text as a student types it → what to search, and how. Prints nothing;
the phrases come from the catalogue's database through explore/lexicon.py.

understand(catalog, text) -> Understood cuts the text into words and groups them, longest first,
into the phrases it knows (explore/lexicon.py): the vocabulary entries (data/vocabulary.yaml, docs/data-model.md),
the catalogue's own multi-word names (skill names and aliases, career titles: never split), the
cities and institutions of the programmes. Each phrase then is
- dropped: a filler or question word (« je veux », « quelles », « pour »);
- a kind hint: « formations », « métier », « master » put those records first;
- a place hint: « Lille », « 3iL » put the programmes there first; a known place absent from
  the data (« Lyon ») is reported, with the places that are;
- a command pointer: « salaire », « débouchés », « parcours » name the command that answers;
- a concept to search, with its alternatives: synonyms (« IA » ↔ « intelligence artificielle »),
  meanings (« nurse » → « infirmier »), the skills a tool stands for (« python » →
  « Programmation et développement logiciel »).

find(catalog, text, kinds, limit) -> Answer searches the concepts with search.search() — every
alternative, each result kept at its best score — and
1. when all concepts together find nothing, searches the best subset, the one keeping the most
   concepts (then the best top score), and says which were left out (« sans : reconversion »);
2. puts first the records of a hinted place, then boosts the records of a hinted kind;
3. when nothing at all is left to search but a kind was named (« formations »), lists that kind;
4. fills the pointers' commands from the results ({career}, {careers}, {city}).
It depends on search() only, not on how search ranks.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Iterable

from esante_cli.catalog.models import Career, Catalog, Training, VocabularyEntry
from esante_cli.catalog.values import Frozen
from esante_cli.explore import asker as asker_mod
from esante_cli.explore.asker import Asker
from esante_cli.explore.outside import MAX_SUGGESTIONS, Outside, routes_from
from esante_cli.catalog.phrases import key as _key
from esante_cli.explore.lexicon import CATALOG_PHRASE, Place, SkillName, lexicon
from esante_cli.explore.search import Hit, finds, rome_after_ours, search
from esante_cli.catalog.terms import fold, terms

KIND_BOOST = 1.3  # a hinted kind's hits count this much more when ranking
MAX_VARIANTS = 16  # searches for one set of concepts (one alternative changed at a time)
MAX_SUBSET_SEARCHES = 40  # searches spent looking for the best subset of concepts
POOL = 40  # hits fetched before the hints re-rank them
MAX_WORDS = 24  # words of a query looked at
NEGATIONS = ("pas", "sauf", "sans", "ni", "hors")
WANTS = ("veut", "voudrait", "souhaite", "souhaiterait", "aimerait", "cherche", "desire")  # « X qui veut … »  # the concept after one of these is not wanted
# Acronyms typed in capitals whose lower case is a stop word: read as what they stand for.
ACRONYMS = {"DU": "diplôme universitaire", "D.U.": "diplôme universitaire"}
WEAK_SCORE = 30.0  # a concept whose best hit scores below this finds only a weak match (search: 0..100)
# A word found only in ROME's sheets keeps its meaning only when it names one well (« bioinformaticien »,
# 64), not through a typo's likeness (« conducteur » ~ « Concepteur », 39): ROME's 10,000 job titles
# would otherwise find a neighbour for almost any word.
ROME_ALIVE_SCORE = 50.0
EXPERIENCE_AFTER = 0.6  # for a student, an experience post waits for entry careers scoring this share of it
WORKPLACE_BONUS = 0.1  # beside a subject, a record matching subject and workplace fully counts this much more


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


class Answer:
    """What find() found, and what it understood and changed to find it."""

    __slots__ = ("understood", "hits", "ignored", "hints", "corrected", "listed", "outside")

    def __init__(
        self,
        understood: Understood,
        hits: list[Hit],
        ignored: tuple[str, ...] = (),
        hints: list[tuple[str, str]] | None = None,
        corrected: tuple[tuple[str, str], ...] = (),
        listed: int = 0,
        outside: Outside | None = None,
    ) -> None:
        self.understood = understood
        self.hits = hits
        self.ignored = ignored  # concepts left out to find something
        self.hints = hints if hints is not None else []  # (sentence, command), filled
        self.corrected = corrected  # (word as typed, vocabulary word searched instead)
        self.listed = listed  # hits list a hinted kind (this many records of it): no word was left to search
        self.outside = outside  # set when the words that carry the meaning lie outside the catalogue

    def __repr__(self) -> str:
        return f"Answer(understood={self.understood!r}, hits={len(self.hits)}, ignored={self.ignored!r})"

    def to_dict(self) -> dict[str, object]:
        return {
            **self.understood.to_dict(),
            "ignored": list(self.ignored),
            "corrected": [{"text": typed, "as": word} for typed, word in self.corrected],
            "hints": [{"text": text, "command": command} for text, command in self.hints],
        }


# ---------------------------------------------------------------- understanding


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


# ---------------------------------------------------------------- searching


def _variants(concepts: tuple[Concept, ...]) -> list[str]:
    """The queries that cover every alternative: the first alternatives together, then each
    other alternative in their place, one at a time."""
    base = [c.alternatives[0] for c in concepts]
    out = [" ".join(base)]
    for n, concept in enumerate(concepts):
        for alternative in concept.alternatives[1:]:
            out.append(" ".join(base[:n] + [alternative] + base[n + 1 :]))
    return out[:MAX_VARIANTS]


def _search_all(
    catalog: Catalog, concepts: tuple[Concept, ...], kinds: list[str] | None, pool: int, shown: int | None = None
) -> list[Hit]:
    """Hits of every variant, each record once at its best score, best first (stable); `pool`
    hits each, typos looked for only when fewer than `shown` are found (search.search)."""
    best: dict[str, Hit] = {}
    for query in _variants(concepts):
        if not fold(query):
            continue
        for hit in search(catalog, query, kinds=kinds, limit=pool, enough=shown):
            old = best.get(hit.record.id)
            if old is None or hit.score > old.score:
                best[hit.record.id] = hit
    order = {rid: n for n, rid in enumerate(best)}
    return rome_after_ours(sorted(best.values(), key=lambda h: (-h.score, order[h.record.id])))


def _best_subset(
    catalog: Catalog, concepts: tuple[Concept, ...], kinds: list[str] | None, pool: int, shown: int
) -> tuple[list[Hit], tuple[str, ...]]:
    """The largest subset of concepts that finds something (then the best top score), and the
    concepts it leaves out."""
    budget = MAX_SUBSET_SEARCHES
    for size in range(len(concepts) - 1, 0, -1):
        found: list[tuple[float, int, list[Hit], tuple[int, ...]]] = []
        for n, kept in enumerate(combinations(range(len(concepts)), size)):
            if budget <= 0:
                break
            subset = tuple(concepts[k] for k in kept)
            budget -= len(_variants(subset))
            hits = _search_all(catalog, subset, kinds, pool, shown)
            if hits:
                found.append((-hits[0].score, n, hits, kept))
        if found:
            _, _, hits, kept = min(found, key=lambda f: (f[0], f[1]))
            return hits, tuple(c.text for k, c in enumerate(concepts) if k not in kept)
        if budget <= 0:
            break
    return [], ()


def _in_place(record: object, place: Place) -> int:
    """2 when a programme is in the city named, 1 when its institution bears the name (Centrale
    Lille Institut is in Lens), else 0."""
    if not isinstance(record, Training):
        return 0
    needle = f" {' '.join(_key(place.text))} "
    if record.city and needle in f" {' '.join(_key(record.city))} ":
        return 2
    if record.institution and needle in f" {' '.join(_key(record.institution))} ":
        return 1
    return 0


def _rank(hits: list[Hit], understood: Understood) -> list[Hit]:
    """Places named first, then score × kind hinted × what the asker can enter (explore/asker.py)."""
    asker = understood.asker

    def key(item: tuple[int, Hit]) -> tuple[int, float, int]:
        n, hit = item
        here = sum(_in_place(hit.record, p) for p in understood.places)
        boost = KIND_BOOST if hit.record.kind in understood.kinds else 1.0
        return (-here, -hit.score * boost * asker_mod.fit(hit.record, asker), n)

    ranked = rome_after_ours([h for _, h in sorted(enumerate(hits), key=key)])
    if asker is None or asker.working:
        return ranked
    # For a student, a post reached with experience comes after the entry careers found about
    # as well (EXPERIENCE_AFTER of its score or more), whatever the factors gave.
    out: list[Hit] = []
    waiting: list[Hit] = []
    for n, hit in enumerate(ranked):
        if asker_mod.reach(hit.record, asker) == "experience":
            waiting.append(hit)
        else:
            out.append(hit)
        rest = [h for h in ranked[n + 1 :] if isinstance(h.record, Career) and asker_mod.reach(h.record, asker) != "experience"]
        for late in list(waiting):
            if not any(h.score >= EXPERIENCE_AFTER * late.score for h in rest):
                out.append(late)
                waiting.remove(late)
    return out + waiting


def fill(command: str, hits: list[Hit], understood: Understood) -> str:
    """A pointer's command with {career} (the best career found), {careers} (the two best) and
    {city} (the place named) filled in; an option whose value is unknown is left out."""
    careers = [h.record.id for h in hits if isinstance(h.record, Career)]
    values = {
        "career": careers[0] if careers else None,
        "careers": " ".join(careers[:2]) if len(careers) >= 2 else None,
        "city": next((fold(p.name) for p in understood.places if p.field == "ville"), None),
    }
    for name, value in values.items():
        slot = "{" + name + "}"
        if slot not in command:
            continue
        if value is None:
            command = re.sub(r"\s*(--[\w-]+\s+)?" + re.escape(slot), "", command)
        else:
            command = command.replace(slot, value)
    return command


def find(catalog: Catalog, text: str, kinds: Iterable[str] | None = None, limit: int = 10,
         asker: Asker | None = None) -> Answer:
    """Search a free-text query the way a student means it (see the module docstring); when it
    finds nothing, words within a typo of a vocabulary word (« pyton ») are read as that word.
    `asker` (--from) says who is asking, over what the words say."""

    def read(words: str) -> Understood:
        understood = understand(catalog, words)
        return understood.with_asker(asker) if asker is not None else understood

    answer = _find(catalog, read(text), kinds, limit)
    if answer.hits or answer.outside or not answer.understood.concepts:
        return answer
    corrected = []
    for concept in answer.understood.concepts:
        word = _closest_word(catalog, concept.text)
        if word is not None:
            corrected.append((concept.text, word))
    retry = None
    if corrected:
        fixed = " ".join(dict(corrected).get(c.text, c.text) for c in answer.understood.concepts)
        retry = _find(catalog, read(fixed), kinds, limit)
    if retry is None or not retry.hits:
        return _nothing(catalog, answer, kinds)
    u = retry.understood
    retry.understood = Understood(text, u.concepts, u.dropped, u.kinds, u.places, u.unknown_places, u.pointers, u.asker)
    retry.corrected = tuple(corrected)
    return retry


def _closest_word(catalog: Catalog, text: str) -> str | None:
    """The vocabulary word a mistyped word most likely is (rapidfuzz ratio ≥ 80, 5 letters or more)."""
    q = fold(text)
    if len(q) < 5 or " " in q:
        return None
    from rapidfuzz import fuzz, process

    words = {fold(w): w for e in catalog.vocabulary if e.role not in ("stop",) for w in e.words}
    best = process.extractOne(q, list(words), scorer=fuzz.ratio, score_cutoff=80)
    return words[best[0]] if best and best[0] != q else None


def _find(catalog: Catalog, understood: Understood, kinds: Iterable[str] | None, limit: int) -> Answer:
    wanted = list(kinds) if kinds else None
    # Hints (a place, a kind) re-rank the hits: fetch a pool beyond what is shown. Without
    # them the order is search's own, and each variant's first `limit` hits hold every record
    # of the merged first `limit`: scoring more (at 100,000 records, 4 × 40 of them) is waste.
    pool = max(POOL, 3 * limit) if understood.places or understood.kinds else limit
    concepts = understood.concepts
    hits: list[Hit] = []
    ignored: tuple[str, ...] = ()
    listed = 0
    if len(concepts) > 1:
        # Stop words the vocabulary did not drop (« de » in a catalogue without vocabulary.yaml)
        # are searched by nothing: not a word to report as left out.
        concepts = tuple(c for c in concepts if any(terms(a) for a in c.alternatives)) or concepts
    if concepts and all(c.profession for c in concepts):
        # Only a health profession (« pharmacien »): outside e-health, with its routes into it.
        routes = routes_from(catalog, tuple(a for c in concepts for a in c.alternatives))
        outside = Outside(" ".join(c.text for c in concepts), health=True, routes=routes)
        hits = [Hit(r, 0.0, "depuis ce métier") for r in routes if not wanted or r.kind in wanted][:limit]
        hints = [(p.hint, fill(p.command, hits, understood)) for p in understood.pointers]
        return Answer(understood, hits, hints=list(dict.fromkeys(hints)), outside=outside)
    if len(concepts) > 1:
        # A word that finds nothing on its own: the word that carries the meaning may lie outside
        # the catalogue (« directeur de banque »): not ranked on what is left, said so. A health
        # profession beside other words (« kiné qui veut passer à l'e-santé ») only says who asks.
        dead = [c for c in concepts if not _alive(catalog, c, wanted)]
        # A dead profession only says who asks; a dead number (« 40 ans ») carries no meaning.
        concepts = tuple(c for c in concepts if not (c in dead and (c.profession or _number(c))))
        dead = [c for c in dead if c in concepts]
        if dead and len(dead) < len(concepts):
            return _outside(catalog, understood, [c for c in concepts if c not in dead], wanted, limit)
    subject = tuple(c for c in concepts if not c.workplace)
    if concepts and subject and len(subject) < len(concepts):
        # A skill or a job and a workplace: the records of the subject, those also found with
        # the workplace a little ahead (WORKPLACE_BONUS × how well they match it all).
        hits = _search_all(catalog, subject, wanted, pool, limit)
        both = {h.record.id: h.score for h in _search_all(catalog, concepts, wanted, pool, limit)}
        hits = [Hit(h.record, round(h.score * (1 + WORKPLACE_BONUS * both.get(h.record.id, 0.0) / 100), 1), h.field, h.text)
                for h in hits]
        hits.sort(key=lambda h: -h.score)
    elif concepts:
        hits = _search_all(catalog, concepts, wanted, pool, limit)
        if not hits and len(concepts) > 1:
            hits, more = _best_subset(catalog, concepts, wanted, pool, limit)
            ignored += more
    elif understood.kinds and not understood.unknown_places:
        shown = [k for k in understood.kinds if not wanted or k in wanted]
        records = [r for r in catalog if r.kind in shown and not getattr(r, "generic", False)]
        if understood.asker is not None:  # what the asker can enter first (stable: data order kept)
            records.sort(key=lambda r: -asker_mod.fit(r, understood.asker))
        hits = [Hit(r, 0.0, "type") for r in records]
        listed = len(hits)
    if concepts and hits and not listed:
        hits = [h for h in hits if not _inside_other_phrase(catalog, h, concepts)]
        if not hits:  # every hit held the words only inside another expression (« jeux de données »)
            return _outside(catalog, understood, [], wanted, limit)
    if concepts and hits and not listed and hits[0].score < WEAK_SCORE and not any(c.profession for c in concepts):
        # Only weak matches (a word deep in a description, « stock » in « stockage »): not ranked.
        return _outside(catalog, understood, [], wanted, limit)
    if concepts and hits and not listed and all(h.record.kind == "rome" for h in hits) and (
            hits[0].field != "titre" or (understood.kinds and "rome" not in understood.kinds)):
        # Only ROME's sheets, the best by one of its many job titles (« vétérinaire » in « Vétérinaire
        # de l'industrie ») or not of the kind asked (« professeur des écoles »): outside the catalogue.
        return _outside(catalog, understood, [], wanted, limit)
    if not listed:
        hits = _rank(hits, understood)
    hits = hits[:limit]
    hints = [(p.hint, fill(p.command, hits, understood)) for p in understood.pointers]
    return Answer(understood, hits, ignored, list(dict.fromkeys(hints)), listed=listed)


def _alive(catalog: Catalog, concept: Concept, wanted: list[str] | None) -> bool:
    """Whether a concept finds something on its own better than a weak match (WEAK_SCORE)."""
    for variant in _variants((concept,)):
        if fold(variant) and finds(catalog, variant, wanted):
            hits = search(catalog, variant, kinds=wanted, limit=1)
            if hits and hits[0].score >= (ROME_ALIVE_SCORE if hits[0].record.kind == "rome" else WEAK_SCORE):
                return True
    return False


TEXT_FIELDS = ("description", "missions")  # where a word may sit inside another expression


def _inside_other_phrase(catalog: Catalog, hit: Hit, concepts: tuple[Concept, ...]) -> bool:
    """Whether a hit found in running text holds the query's words only inside a longer phrase
    the lexicon knows and the query does not say (« jeux » in « jeux de données »)."""
    if hit.field not in TEXT_FIELDS or not hit.text:
        return False
    lex = lexicon(catalog)
    text = [w for w in _key(hit.text)]
    said = {" ".join(_key(a)) for c in concepts for a in (c.text, *c.alternatives)}
    words = {w for c in concepts for a in (c.text, *c.alternatives) for w in _key(a)}
    found = False
    for n, word in enumerate(text):
        if word not in words:
            continue
        found = True
        inside = False
        for size in range(2, min(lex.longest, 6) + 1):
            for start in range(max(0, n - size + 1), min(n, len(text) - size) + 1):
                window = tuple(text[start : start + size])
                if " ".join(window) not in said and lex.meanings(window) is not None:
                    inside = True
                    break
            if inside:
                break
        if not inside:
            return False
    return found


def _number(concept: Concept) -> bool:
    return fold(concept.text).replace(" ", "").isdigit()


def _span(text: str, concepts: Iterable[Concept]) -> str:
    """The words of the query from the first concept to the last, as typed (« directeur de banque »)."""
    concepts = list(concepts)
    tokens = text.split()
    folded = [fold(t).split() for t in tokens]
    first, last = fold(concepts[0].text).split(), fold(concepts[-1].text).split()
    i = next((n for n, f in enumerate(folded) if first and first[0] in f), None)
    j = next((n for n in range(len(folded) - 1, -1, -1) if last and last[-1] in folded[n]), None)
    if i is None or j is None or j < i:
        return " ".join(c.text for c in concepts)
    return " ".join(tokens[i : j + 1]).strip(",;:?!.«» ")


def _outside(catalog: Catalog, understood: Understood, live: list[Concept], wanted: list[str] | None,
             limit: int) -> Answer:
    """The answer when the words that carry the meaning find nothing: no record ranked, the few
    records the other words find offered as close e-health things."""
    shown = [c for c in understood.concepts if not c.profession] or list(understood.concepts)
    close = _rank(_search_all(catalog, tuple(live), wanted, MAX_SUGGESTIONS), understood) if live else []
    outside = Outside(_span(understood.text, shown), suggestions=tuple(h.record for h in close[:MAX_SUGGESTIONS]))
    hints = [(p.hint, fill(p.command, [], understood)) for p in understood.pointers]
    return Answer(understood, [], hints=list(dict.fromkeys(hints)), outside=outside)


def _nothing(catalog: Catalog, answer: Answer, kinds: Iterable[str] | None) -> Answer:
    """Nothing found, even within a typo: outside the catalogue, with the closest names."""
    from esante_cli.explore.search import suggest

    u = answer.understood
    shown = [c for c in u.concepts if not c.profession] or list(u.concepts)
    close = suggest(catalog, u.searched, kinds) if u.searched else []
    answer.outside = Outside(_span(u.text, shown), suggestions=tuple(close[:MAX_SUGGESTIONS]))
    return answer


def suggest_words(catalog: Catalog, understood: Understood, limit: int = 5) -> list[str]:
    """Vocabulary words close to the words that found nothing (« pyhton » → « python »)."""
    from rapidfuzz import fuzz, process

    words = {fold(w): w for e in catalog.vocabulary if e.role not in ("stop", "place") for w in e.words}
    out: list[str] = []
    for concept in understood.concepts:
        q = fold(concept.text)
        if len(q) < 3:
            continue
        for match, score, _ in process.extract(q, list(words), scorer=fuzz.ratio, limit=2, score_cutoff=72):
            if words[match] not in out and match != q:
                out.append(words[match])
    return out[:limit]


def known_places(catalog: Catalog) -> tuple[list[str], list[str]]:
    """The cities and the institutions of the programmes, as in the data."""
    lex = lexicon(catalog)
    return sorted(lex.cities, key=fold), sorted(lex.institutions, key=fold)


# ---------------------------------------------------------------- in French, for the command line

KIND_PLURALS = {"career": "métiers", "training": "formations", "skill": "compétences", "sector": "secteurs", "rome": "fiches ROME"}


def _short(institution: str) -> str:
    """« ENSIBS (École nationale …), Université Bretagne-Sud » → « ENSIBS »."""
    return re.split(r" \(|, ", institution, maxsplit=1)[0].strip()


def places_line(catalog: Catalog) -> str:
    cities, institutions = known_places(catalog)
    schools = list(dict.fromkeys(_short(i) for i in institutions))
    return f"villes des formations : {', '.join(cities) or 'aucune'} ; établissements : {', '.join(schools) or 'aucun'}"


def explain(answer: Answer) -> list[str]:
    """What was understood, in French, one line each; nothing when the query was taken as typed."""
    u = answer.understood
    parts = [f"{c.text} → {' / '.join(c.alternatives[:3])}" for c in u.concepts if c.rewritten]
    if u.kinds and not answer.listed:
        parts.append(" puis ".join(KIND_PLURALS[k] for k in u.kinds) + " en tête")
    if u.places:
        parts.append("d'abord : " + ", ".join(dict.fromkeys(p.name for p in u.places)))
    if u.dropped:
        parts.append("mots ignorés : " + ", ".join(u.dropped))
    lines = []
    if parts and u.concepts:
        lines.append(f"Recherche : « {u.searched[:80]} » ({' ; '.join(parts)})")
    elif parts:
        lines.append(f"Compris : {' ; '.join(parts)}")
    if answer.listed:
        names = " et ".join(KIND_PLURALS[k] for k in u.kinds)
        lines.append(f"{names[0].upper()}{names[1:]} : {answer.listed} dans les données ; précisez un domaine ou un lieu (esante search formation Lille).")
    if answer.corrected:
        lines.append("Compris comme : " + ", ".join(f"{typed} → {word}" for typed, word in answer.corrected))
    if answer.ignored:
        lines.append("Aucun résultat avec tous les mots : résultats sans « " + " », « ".join(answer.ignored) + " ».")
    return lines


def notes(catalog: Catalog, answer: Answer) -> list[str]:
    """Lines shown after the results: places not in the data, then the commands that answer."""
    lines = []
    for place in answer.understood.unknown_places:
        lines.append(f"« {place} » n'est pas dans les données ; {places_line(catalog)}.")
    lines += [f"{text} : {command}" for text, command in answer.hints]
    return lines


def not_found(catalog: Catalog, answer: Answer, kinds: Iterable[str] | None = None) -> "EsanteError":
    """« aucun résultat », with a way forward: close words, close names, the places in the data."""
    from esante_cli.errors import EsanteError, ExitCode
    from esante_cli.explore.search import suggest

    u = answer.understood
    shown = " ".join(u.text.split())[:80]
    lines = [f"aucun résultat pour « {shown} »"]
    words = suggest_words(catalog, u)
    close = suggest(catalog, u.searched, kinds) if u.searched else []
    if words or close:
        named = [f"« {w} »" for w in words] + [f"{r.name} ({r.id})" for r in close]
        lines.append("Vouliez-vous dire : " + ", ".join(named) + " ?")
    lines += notes(catalog, answer)
    if not words and not close and not answer.hints and not u.unknown_places:
        lines.append(
            "Essayez un métier, une compétence ou un lieu (esante search imagerie, esante search python, "
            "esante search formation Lille) ; " + places_line(catalog) + "."
        )
    return EsanteError("\n".join(lines), code=ExitCode.NOT_FOUND)
