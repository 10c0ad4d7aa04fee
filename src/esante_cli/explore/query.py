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
from esante_cli.explore.lexicon import CATALOG_PHRASE, Place, SkillName, key as _key, lexicon
from esante_cli.explore.search import Hit, finds, rome_after_ours, search
from esante_cli.explore.terms import fold, terms

KIND_BOOST = 1.3  # a hinted kind's hits count this much more when ranking
MAX_VARIANTS = 16  # searches for one set of concepts (one alternative changed at a time)
MAX_SUBSET_SEARCHES = 40  # searches spent looking for the best subset of concepts
POOL = 40  # hits fetched before the hints re-rank them
MAX_WORDS = 24  # words of a query looked at


_set = object.__setattr__


class Concept(Frozen):
    """One thing to search: the words as typed and what they are searched as."""

    __slots__ = ("text", "alternatives", "skills")
    text: str
    alternatives: tuple[str, ...]
    skills: tuple[str, ...]  # skill ids the phrase names (a skill name, alias or tool)

    def __init__(self, text: str, alternatives: tuple[str, ...], skills: tuple[str, ...] = ()) -> None:
        _set(self, "text", text)
        _set(self, "alternatives", alternatives)
        _set(self, "skills", skills)

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
    __slots__ = ("text", "concepts", "dropped", "kinds", "places", "unknown_places", "pointers")
    text: str
    concepts: tuple[Concept, ...]
    dropped: tuple[str, ...]  # filler words (kind and command words are hints, not dropped)
    kinds: tuple[str, ...]  # hinted kinds, in order of appearance
    places: tuple[Place, ...]
    unknown_places: tuple[str, ...]
    pointers: tuple[Pointer, ...]

    def __init__(
        self,
        text: str,
        concepts: tuple[Concept, ...] = (),
        dropped: tuple[str, ...] = (),
        kinds: tuple[str, ...] = (),
        places: tuple[Place, ...] = (),
        unknown_places: tuple[str, ...] = (),
        pointers: tuple[Pointer, ...] = (),
    ) -> None:
        _set(self, "text", text)
        _set(self, "concepts", concepts)
        _set(self, "dropped", dropped)
        _set(self, "kinds", kinds)
        _set(self, "places", places)
        _set(self, "unknown_places", unknown_places)
        _set(self, "pointers", pointers)

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
        }


class Answer:
    """What find() found, and what it understood and changed to find it."""

    __slots__ = ("understood", "hits", "ignored", "hints", "corrected", "listed")

    def __init__(
        self,
        understood: Understood,
        hits: list[Hit],
        ignored: tuple[str, ...] = (),
        hints: list[tuple[str, str]] | None = None,
        corrected: tuple[tuple[str, str], ...] = (),
        listed: int = 0,
    ) -> None:
        self.understood = understood
        self.hits = hits
        self.ignored = ignored  # concepts left out to find something
        self.hints = hints if hints is not None else []  # (sentence, command), filled
        self.corrected = corrected  # (word as typed, vocabulary word searched instead)
        self.listed = listed  # hits list a hinted kind (this many records of it): no word was left to search

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
            key = _key(raw)
            if key:
                units.append((raw, key))
    return units[:MAX_WORDS]


def understand(catalog: Catalog, text: str) -> Understood:
    """What a free-text query asks for (see the module docstring)."""
    lex = lexicon(catalog)
    units = _units(text)
    concepts: list[Concept] = []
    dropped: list[str] = []
    kinds: list[str] = []
    places: list[Place] = []
    unknown: list[str] = []
    pointers: list[Pointer] = []
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
        if meanings is None:
            concepts.append(Concept(raw, (raw,)))
            continue
        alternatives: list[str] = []
        skills: list[str] = []
        searched = hinted = False
        for meaning in meanings:
            if isinstance(meaning, Place):
                places.append(Place(raw, meaning.name, meaning.field))
                searched = True
                alternatives.insert(0, raw)
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
                hinted = hinted or role in ("kind", "command")
                if role == "place":
                    if not any(p.text == raw for p in places):
                        unknown.append(raw)
                elif role == "command" and meaning.hint:
                    pointers.append(Pointer(raw, meaning.hint, meaning.command or ""))
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
        if searched:
            concepts.append(Concept(raw, _distinct(alternatives), tuple(dict.fromkeys(skills))))
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
    def key(item: tuple[int, Hit]) -> tuple[int, float, int]:
        n, hit = item
        here = sum(_in_place(hit.record, p) for p in understood.places)
        boost = KIND_BOOST if hit.record.kind in understood.kinds else 1.0
        return (-here, -hit.score * boost, n)

    return rome_after_ours([h for _, h in sorted(enumerate(hits), key=key)])


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


def find(catalog: Catalog, text: str, kinds: Iterable[str] | None = None, limit: int = 10) -> Answer:
    """Search a free-text query the way a student means it (see the module docstring); when it
    finds nothing, words within a typo of a vocabulary word (« pyton ») are read as that word."""
    answer = _find(catalog, understand(catalog, text), kinds, limit)
    if answer.hits or not answer.understood.concepts:
        return answer
    corrected = []
    for concept in answer.understood.concepts:
        word = _closest_word(catalog, concept.text)
        if word is not None:
            corrected.append((concept.text, word))
    if not corrected:
        return answer
    fixed = " ".join(dict(corrected).get(c.text, c.text) for c in answer.understood.concepts)
    retry = _find(catalog, understand(catalog, fixed), kinds, limit)
    if not retry.hits:
        return answer
    u = retry.understood
    retry.understood = Understood(text, u.concepts, u.dropped, u.kinds, u.places, u.unknown_places, u.pointers)
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
    if len(concepts) > 1:
        # A word that finds nothing on its own only dilutes the others: leave it out, and say so.
        dead = [c for c in concepts if not any(finds(catalog, v, wanted) for v in _variants((c,)) if fold(v))]
        if dead and len(dead) < len(concepts):
            concepts = tuple(c for c in concepts if c not in dead)
            ignored = tuple(c.text for c in dead)
    if concepts:
        hits = _search_all(catalog, concepts, wanted, pool, limit)
        if not hits and len(concepts) > 1:
            hits, more = _best_subset(catalog, concepts, wanted, pool, limit)
            ignored += more
    elif understood.kinds and not understood.unknown_places:
        shown = [k for k in understood.kinds if not wanted or k in wanted]
        records = [r for r in catalog if r.kind in shown and not getattr(r, "generic", False)]
        hits = [Hit(r, 0.0, "type") for r in records]
        listed = len(hits)
    if not listed:
        hits = _rank(hits, understood)
    hits = hits[:limit]
    hints = [(p.hint, fill(p.command, hits, understood)) for p in understood.pointers]
    return Answer(understood, hits, ignored, list(dict.fromkeys(hints)), listed=listed)


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
