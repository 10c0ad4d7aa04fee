"""Skills matching: free-text skills → known skills → careers ranked by coverage. Pure: no I/O.

Resolution of one free-text skill (`resolve_skill`), in order:
1. exact: the text, folded and stripped of French filler words, equals a skill's id, name or
   alias (« traitement d'image », « RGPD », « IA ») → that skill (several → ambiguous);
2. fuzzy: `search.resolve(catalog, text, ["skill"])` (accent and typo tolerant), kept only when
   it is *convincing*: at least half of the text's significant words are found (typo-tolerant)
   among the words of the skill's id, name or aliases. When the search finds the text
   ambiguous, the one candidate that covers every word wins, else the one convincing candidate.
Anything else is unresolved and reported with its convincing candidates, never dropped.

Score of a career (`rank_careers`): the share of the career's skills covered by the resolved
skills, matched / len(career.skills), from 0 to 1. Ties: more skills matched first, then the
career name (folded). Careers with a score of 0 are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

from esante_cli.errors import EsanteError
from esante_cli.catalog.models import Career, Catalog, Skill
from esante_cli.explore.search import fold, resolve, search

# Words that carry no meaning on their own in a skill name ("traitement d'image" → traitement image).
_FILLER = frozenset(
    "a au aux avec d de des du en et l la le les pour par sur un une dans of and the".split()
)
_MIN_WORD_SIMILARITY = 80  # rapidfuzz ratio between two words, 0..100
_MAX_CANDIDATES = 5


@dataclass(frozen=True)
class SkillResolution:
    """One free-text skill and what it became: a skill, or nothing plus candidates."""

    text: str
    skill: Skill | None
    candidates: tuple[Skill, ...] = ()


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


def rank_careers(catalog: Catalog, skill_ids: Iterable[str]) -> list[CareerMatch]:
    """Careers sharing at least one skill with `skill_ids`, best first (see the module docstring)."""
    have = set(skill_ids)
    matches = []
    for career in catalog.careers:
        matched = tuple(s for s in career.skills if s in have)
        if matched:
            missing = tuple(s for s in career.skills if s not in have)
            matches.append(CareerMatch(career, matched, missing))
    matches.sort(key=lambda m: (-m.ratio, -len(m.matched), fold(m.career.name), m.career.id))
    return matches
