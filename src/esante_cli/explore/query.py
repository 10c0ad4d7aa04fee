"""A free-text query answered: find(catalog, text) → Answer, from what understand() made of the
text (explore/understand.py) and the ranking of search.search() (explore/search.py). Returns
facts; present/answer_text.py says them in French.

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

from esante_cli.catalog.models import Career, Catalog, Training
from esante_cli.catalog.phrases import key as _key
from esante_cli.catalog.folding import fold
from esante_cli.catalog.terms import terms
from esante_cli.explore import asker as asker_mod
from esante_cli.explore.asker import Asker
from esante_cli.explore.lexicon import Place, lexicon
from esante_cli.explore.outside import MAX_SUGGESTIONS, Outside, routes_from
from esante_cli.explore.search import Hit, finds, rome_after_ours, search
from esante_cli.explore.understand import Concept, Understood, understand  # noqa: F401 (understand: re-exported)

KIND_BOOST = 1.3  # a hinted kind's hits count this much more when ranking
MAX_VARIANTS = 16  # searches for one set of concepts (one alternative changed at a time)
MAX_SUBSET_SEARCHES = 40  # searches spent looking for the best subset of concepts
POOL = 40  # hits fetched before the hints re-rank them
WEAK_SCORE = 30.0  # a concept whose best hit scores below this finds only a weak match (search: 0..100)
# A word found only in ROME's sheets keeps its meaning only when it names one well (« bioinformaticien »,
# 64), not through a typo's likeness (« conducteur » ~ « Concepteur », 39): ROME's 10,000 job titles
# would otherwise find a neighbour for almost any word.
ROME_ALIVE_SCORE = 50.0
EXPERIENCE_AFTER = 0.6  # for a student, an experience post waits for entry careers scoring this share of it
WORKPLACE_BONUS = 0.1  # beside a subject, a record matching subject and workplace fully counts this much more


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
