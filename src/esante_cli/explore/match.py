"""Skills matching: free-text skills → known skills → careers ranked by coverage. No I/O of its own.

Resolution of one free-text skill (`resolve_skill`), in order:
1. exact: the text, folded and stripped of French filler words, equals a skill's id, name or
   alias (« traitement d'image », « RGPD », « IA ») → that skill (several → ambiguous);
2. fuzzy: `search.resolve(catalog, text, ["skill"])` (accent and typo tolerant), kept only when
   it is *convincing*: at least half of the text's significant words are found (typo-tolerant)
   among the words of the skill's id, name or aliases. When the search finds the text
   ambiguous, the one candidate that covers every word wins, else the one convincing candidate.
Anything else is unresolved and reported with its convincing candidates, never dropped.

`read_skills` (what match reads) first groups the words into known phrases (the catalogue's,
and the vocabulary's tools: « python » → programming); a word left over that resolve_skill does
not resolve is read, when it is within a typo of a known one-word phrase (rapidfuzz ratio ≥
TYPO_SIMILARITY, TYPO_MIN_LETTERS letters or more, as search's typos), as that phrase: « pyton »
→ python, « sqll » → SQL (`read_as` says which). A word still unknown gets the skills whose
words are nearest (NEAR_EDITS) as candidates, for « Vouliez-vous dire … ? ».

Rank of a career (`rank_careers`), by what the person said: first how many of their skills the
career uses, then how central those skills are to it (a skill few careers use is central to
each of them: the sum of 1 / careers using it), then the share of the career's skills they
cover (`score`, matched / len(career.skills), only a tie-breaker: one hit on a 3-skill career
does not beat two on a 14-skill one), then the name (folded). With an asker (--from), what they
can enter comes first at equal skills (explore/asker.py: for a student, posts reached with
experience come after entry careers). Careers with no skill in common are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Iterable

from esante_cli.errors import EsanteError
from esante_cli.catalog.models import Career, Catalog, Skill
from esante_cli.catalog.folding import fold
from esante_cli.explore.search import resolve, search

# Words that carry no meaning on their own in a skill name ("traitement d'image" → traitement image).
_FILLER = frozenset(
    "a au aux avec d de des du en et l la le les pour par sur un une dans of and the".split()
)
_MIN_WORD_SIMILARITY = 80  # rapidfuzz ratio between two words, 0..100
_MAX_CANDIDATES = 5
TYPO_SIMILARITY = 80  # rapidfuzz ratio: a typed word read as a known one (« pyton » → python)
TYPO_MIN_LETTERS = 4  # shorter words are read only as typed (« ia », « sql »)
# A known word close enough to be proposed: at most 1 edit (a transposition counts one: « rgdp »),
# 2 from 7 letters (Damerau-Levenshtein; « cuisine » is 4 from « curiosité »).
NEAR_EDITS = (1, 2, 7)
MAX_NEAR = 3  # skills proposed for a word still unknown


@dataclass(frozen=True)
class SkillResolution:
    """One free-text skill and what it became: a skill, or nothing plus candidates."""

    text: str
    skill: Skill | None
    candidates: tuple[Skill, ...] = ()
    also: tuple[Skill, ...] = ()  # other skills the same words stand for (« DICOM »: image and interoperability)
    read_as: str | None = None  # the known word a typo was read as (« pyton » → « python »), as the data writes it

    @property
    def skills(self) -> tuple[Skill, ...]:
        return ((self.skill,) if self.skill else ()) + self.also


@dataclass(frozen=True)
class CareerMatch:
    career: Career
    matched: tuple[str, ...]  # skill ids, in the career's order
    missing: tuple[str, ...]  # skill ids, in the career's order

    @property
    def ratio(self) -> Fraction:
        total = len(self.matched) + len(self.missing)
        return Fraction(len(self.matched), total) if total else Fraction(0)

    @property
    def score(self) -> float:
        """Percentage of the career's skills covered, rounded to one decimal (66.7)."""
        return round(float(self.ratio) * 100, 1)


MAX_WORDS = 200  # words read by match: a long CV fits; each unknown word costs a fuzzy lookup


def word_count(arguments: Iterable[str]) -> int:
    """Distinct words typed (commas are spaces here): what read_skills will look up."""
    return len({fold(word) for argument in arguments for word in argument.replace(",", " ").split()})


def split_skills(arguments: Iterable[str]) -> list[str]:
    """Every argument split on commas, trimmed, empties dropped, first occurrence kept.

    ["python, traitement d'image", "RGPD"] → ["python", "traitement d'image", "RGPD"].
    """
    seen: set[str] = set()
    texts: list[str] = []
    for argument in arguments:
        for part in argument.split(","):
            text = " ".join(part.split())
            if text and fold(text) not in seen:
                seen.add(fold(text))
                texts.append(text)
    return texts


def words(text: str) -> list[str]:
    """Significant folded words: 'Traitement d'images médicales' → ['traitement', 'images', 'medicales']."""
    return [w for w in fold(text).split() if w not in _FILLER and (len(w) > 1 or w.isdigit())]


def _key(text: str) -> str:
    return " ".join(words(text))


def _skill_texts(skill: Skill) -> list[str]:
    return [skill.id, skill.name, *skill.aliases]


def _word_matches(word: str, vocabulary: set[str]) -> bool:
    from rapidfuzz import fuzz

    if word in vocabulary:
        return True
    for known in vocabulary:
        if len(word) >= 4 and known.startswith(word):
            return True
        if min(len(word), len(known)) >= 4 and fuzz.ratio(word, known) >= _MIN_WORD_SIMILARITY:
            return True
    return False


def coverage(text: str, skill: Skill) -> float:
    """Share of the text's significant words found among the skill's id, name and alias words."""
    wanted = words(text)
    if not wanted:
        return 0.0
    vocabulary = {w for t in _skill_texts(skill) for w in words(t)}
    return sum(_word_matches(w, vocabulary) for w in wanted) / len(wanted)


def _exact_index(catalog: Catalog) -> dict[str, list[Skill]]:
    index: dict[str, list[Skill]] = {}
    for skill in catalog.skills:
        for text in _skill_texts(skill):
            key = _key(text)
            if key and skill not in index.setdefault(key, []):
                index[key].append(skill)
    return index


def resolve_skill(catalog: Catalog, text: str, _index: dict[str, list[Skill]] | None = None) -> SkillResolution:
    """The known skill meant by a free-text skill, only when the match is convincing."""
    index = _exact_index(catalog) if _index is None else _index
    key = _key(text)
    if not key:
        return SkillResolution(text, None)
    exact = index.get(key, [])
    if len(exact) == 1:
        return SkillResolution(text, exact[0])
    if len(exact) > 1:
        return SkillResolution(text, None, tuple(exact))
    hits = [h.record for h in search(catalog, text, kinds=["skill"], limit=_MAX_CANDIDATES)]
    convincing = [s for s in hits if isinstance(s, Skill) and coverage(text, s) >= 0.5]
    try:
        best = resolve(catalog, text, kinds=["skill"])
    except EsanteError:
        complete = [s for s in convincing if coverage(text, s) == 1.0]
        for group in (complete, convincing):
            if len(group) == 1:
                return SkillResolution(text, group[0])
        return SkillResolution(text, None, tuple(convincing))
    if isinstance(best, Skill) and best in convincing:
        return SkillResolution(text, best)
    return SkillResolution(text, None, tuple(convincing))


def resolve_skills(catalog: Catalog, texts: Iterable[str]) -> list[SkillResolution]:
    index = _exact_index(catalog)
    return [resolve_skill(catalog, text, index) for text in texts]


def centrality(catalog: Catalog) -> dict[str, float]:
    """Skill id → 1 / number of careers using it: how central a skill is to each career using it."""
    users: dict[str, int] = {}
    for career in catalog.careers:
        for skill in set(career.skills):
            users[skill] = users.get(skill, 0) + 1
    return {skill: 1 / n for skill, n in users.items()}


def common_skills(catalog: Catalog, n: int = 3) -> list[Skill]:
    """The skills most careers use (ties by name): examples for someone who typed none."""
    central = centrality(catalog)
    skills = [s for s in catalog.skills if s.id in central]
    return sorted(skills, key=lambda s: (central[s.id], s.name))[:n]


def rank_careers(catalog: Catalog, skill_ids: Iterable[str], asker: Any = None) -> list[CareerMatch]:
    """Careers sharing at least one skill with `skill_ids`, best first (see the module docstring)."""
    from esante_cli.explore.asker import fit

    have = set(skill_ids)
    weight = centrality(catalog)
    matches = []
    for career in catalog.careers:
        matched = tuple(s for s in career.skills if s in have)
        if matched:
            missing = tuple(s for s in career.skills if s not in have)
            matches.append(CareerMatch(career, matched, missing))
    matches.sort(key=lambda m: (
        -len(m.matched) * fit(m.career, asker), -round(sum(weight.get(s, 0.0) for s in m.matched), 6),
        -m.ratio, fold(m.career.name), m.career.id,
    ))
    return matches


# ---------------------------------------------------------------- skills as people write them


def _phrases(catalog: Catalog) -> tuple[dict[str, list[Skill]], dict[str, tuple[Skill, ...]], int]:
    """(catalogue phrases → skills, vocabulary phrases → skills, longest phrase in words).

    Catalogue phrases are skill ids, names and aliases (two skills sharing one is ambiguous);
    vocabulary phrases are tools (« python » → programming) and the synonyms and meanings of a
    catalogue phrase (« cyber » → cybersécurité), which stand for all their skills at once."""
    exact = _exact_index(catalog)
    vocab: dict[str, tuple[Skill, ...]] = {}
    for entry in catalog.vocabulary:
        if entry.role == "skill":
            skills = tuple(s for s in map(catalog.get, entry.skills) if isinstance(s, Skill))
        elif entry.role in ("synonym", "means"):
            found = [exact[_key(t)] for t in (*entry.words, *entry.means) if len(exact.get(_key(t), ())) == 1]
            skills = tuple(dict.fromkeys(s for group in found for s in group))
        else:
            continue
        if skills:
            for word in entry.words:
                key = _key(word)
                if key and key not in exact:
                    vocab.setdefault(key, skills)
    longest = max((len(k.split()) for k in (*exact, *vocab)), default=1)
    return exact, vocab, longest


def read_skills(catalog: Catalog, arguments: Iterable[str]) -> list[SkillResolution]:
    """Skills as people type them: `gestion de projet, rgpd`, `traitement d'image`, `Python`.

    Commas separate skills; within a part, the words (across arguments: the shell splits unquoted
    words) are grouped into the longest known phrases, catalogue or vocabulary (resolve_skill's
    exact step); the words left over, a run per argument, go through resolve_skill (fuzzy).
    Each phrase is reported once, in the order typed; filler words alone are dropped."""
    exact, vocab, longest = _phrases(catalog)
    known = _Known(exact, vocab, _written(catalog, exact, vocab))
    out: list[SkillResolution] = []
    seen: set[str] = set()

    def add(resolution: SkillResolution) -> None:
        key = _key(resolution.text)
        if key and key not in seen:
            seen.add(key)
            out.append(resolution)

    for part in _parts(arguments):
        whole = " ".join(part)
        if len(part) > 1 or len(words(whole)) > 1:
            # One skill in its own words (« Traitement d'images médicales »), typos and all.
            resolution = resolve_skill(catalog, whole, exact)
            if resolution.skill is not None and coverage(whole, resolution.skill) == 1.0:
                add(resolution)
                continue
        tokens = [(w, arg) for arg, text in enumerate(part) for w in text.split()]
        significant = [(n, w) for n, (w, _) in enumerate(tokens) if words(w)]
        leftover: list[int] = []
        i = 0
        while i < len(significant):
            found = None
            for end in range(min(len(significant), i + longest), i, -1):
                key = " ".join(k for _, w in significant[i:end] for k in words(w))
                if key in exact or key in vocab:
                    found = (end, key)
                    break
            if found is None:
                leftover.append(significant[i][0])
                i += 1
                continue
            end, key = found
            _flush(catalog, known, tokens, leftover, add)
            leftover = []
            text = " ".join(w for w, _ in tokens[significant[i][0] : significant[end - 1][0] + 1])
            add(known.reading(text, key))
            i = end
        _flush(catalog, known, tokens, leftover, add)
    return out


def _parts(arguments: Iterable[str]) -> list[list[str]]:
    """The arguments cut at commas: each part, a list of argument pieces (trimmed, non-empty)."""
    parts: list[list[str]] = [[]]
    for argument in arguments:
        pieces = argument.replace(";", ",").split(",")
        for n, piece in enumerate(pieces):
            if n:
                parts.append([])
            if piece.strip():
                parts[-1].append(" ".join(piece.split()))
    return [p for p in parts if p]


class _Known:
    """The phrases read_skills knows: catalogue (exact) and vocabulary ones, and the one-word
    ones as the data writes them (« sql » → « SQL »), which typos are read against."""

    def __init__(self, exact: dict[str, list[Skill]], vocab: dict[str, tuple[Skill, ...]], written: dict[str, str]) -> None:
        self.exact, self.vocab, self.written = exact, vocab, written
        self.keys = list(written)

    def reading(self, text: str, key: str, read_as: str | None = None) -> SkillResolution:
        """What the known phrase `key` (typed as `text`) stands for."""
        if key in self.vocab:
            return SkillResolution(text, self.vocab[key][0], also=self.vocab[key][1:], read_as=read_as)
        if len(self.exact[key]) == 1:
            return SkillResolution(text, self.exact[key][0], read_as=read_as)
        return SkillResolution(text, None, tuple(self.exact[key]), read_as=read_as)

    def skills_of(self, key: str) -> tuple[Skill, ...]:
        return self.vocab[key] if key in self.vocab else tuple(self.exact.get(key, ()))

    def typo(self, word: str) -> SkillResolution | None:
        """A word within a typo of one known one-word phrase, read as it (« pyton » → python);
        None when it is not, or when the nearest phrases stand for different skills."""
        from rapidfuzz import fuzz, process

        key = _key(word)
        if len(key) < TYPO_MIN_LETTERS or " " in key or key in self.written:
            return None
        found = process.extract(key, self.keys, scorer=fuzz.ratio, score_cutoff=TYPO_SIMILARITY, limit=3)
        best = [k for k, score, _ in found if score == found[0][1]] if found else []
        if not best or len({self.skills_of(k) for k in best}) > 1:
            return None
        shown = None if key.rstrip("sx") == best[0].rstrip("sx") else self.written[best[0]]  # a plural is no typo to report
        return self.reading(word, best[0], shown)

    def near(self, text: str) -> tuple[Skill, ...]:
        """The skills of the one-word phrases within NEAR_EDITS of the text's words (« rgdp » →
        RGPD, « jaav » → programming), nearest first."""
        from rapidfuzz import process
        from rapidfuzz.distance import DamerauLevenshtein

        edits: dict[Skill, int] = {}
        for word in words(text):
            if len(word) < TYPO_MIN_LETTERS:
                continue
            most = NEAR_EDITS[0] if len(word) < NEAR_EDITS[2] else NEAR_EDITS[1]
            for key, distance, _ in process.extract(word, self.keys, scorer=DamerauLevenshtein.distance, score_cutoff=most, limit=5):
                for skill in self.skills_of(key):
                    edits[skill] = min(edits.get(skill, most), int(distance))
        ranked = sorted(edits, key=lambda s: (edits[s], fold(s.name), s.id))
        return tuple(ranked[:MAX_NEAR])


def _written(catalog: Catalog, exact: dict[str, list[Skill]], vocab: dict[str, tuple[Skill, ...]]) -> dict[str, str]:
    """The one-word phrases of `exact` and `vocab`, each as first written in the data."""
    written: dict[str, str] = {}
    texts = [t for skill in catalog.skills for t in _skill_texts(skill)]
    texts += [w for entry in catalog.vocabulary for w in entry.words]
    for text in texts:
        key = _key(text)
        if key and " " not in key and (key in exact or key in vocab):
            written.setdefault(key, text)
    return written


def _flush(catalog: Catalog, known: _Known, tokens: list[tuple[str, int]], leftover: list[int], add: Any) -> None:
    """Words no known phrase covers, resolved fuzzily: each run of neighbours as a whole, else
    the words within a typo of a known word each as that word (« pyton sqll »), else a run per
    argument (« traitemnt dimage » typed unquoted is one skill; « aaa » « b1 » two). A word
    still unknown gets the nearest skills as candidates."""
    runs: list[list[int]] = []
    for n in leftover:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    for run in runs:
        text = " ".join(tokens[n][0] for n in run)
        resolution = resolve_skill(catalog, text, known.exact)
        typos = {n: known.typo(tokens[n][0]) for n in run}
        if resolution.skill is not None and (coverage(text, resolution.skill) == 1.0 or not any(typos.values())):
            add(resolution)
            continue
        if any(typos.values()):
            rest: list[int] = []
            for n in run:
                typo = typos[n]
                if typo is None:
                    rest.append(n)
                    continue
                _flush(catalog, known, tokens, rest, add)
                rest = []
                add(typo)
            _flush(catalog, known, tokens, rest, add)
            continue
        if len({tokens[n][1] for n in run}) == 1:
            add(_with_near(known, resolution))
            continue
        for arg in dict.fromkeys(tokens[n][1] for n in run):
            text = " ".join(tokens[n][0] for n in run if tokens[n][1] == arg)
            add(_with_near(known, resolve_skill(catalog, text, known.exact)))


def _with_near(known: _Known, resolution: SkillResolution) -> SkillResolution:
    """An unresolved skill with candidates: its own, else the skills nearest its words."""
    if resolution.skill is not None or resolution.candidates:
        return resolution
    return replace(resolution, candidates=known.near(resolution.text))
