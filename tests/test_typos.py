"""typos.close: the same terms and ratios as rapidfuzz's extract, without rapidfuzz."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from esante_cli.explore import search, typos
from esante_cli.catalog import store

_WORD = st.text(alphabet="aeimnrgtsu", min_size=1, max_size=14)


def shipped_index():
    return search.index_for(store.load(None)).index


def rapidfuzz_close(q: str, vocab: list[str], cutoff: float, shortest: int, longest: int) -> dict[str, float]:
    found = process.extract(q, vocab, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
    return {t: r for t, r, _ in found if shortest <= len(t) <= longest}


@settings(max_examples=300, deadline=None)
@given(q=_WORD, vocab=st.lists(_WORD, max_size=80, unique=True), cutoff=st.sampled_from([75, 80, 85]))
def test_sifting_and_scoring_equal_rapidfuzz_on_any_words(q: str, vocab: list[str], cutoff: int) -> None:
    vocab = sorted(set(vocab) | {q[:-1] or "x", q + "e", q[1:] + "s"})
    expected = rapidfuzz_close(q, vocab, cutoff, len(q) - 2, len(q) + 3)
    assert dict(typos.close(q, typos.Vocabulary(vocab), cutoff, len(q) - 2, len(q) + 3)) == expected


def test_a_large_vocabulary_gives_rapidfuzz_answers() -> None:
    rng = random.Random(4)
    syllables = ["bio", "tele", "cardio", "neuro", "info", "radio", "logi", "tech", "med", "ima", "ge", "rie", "san", "te"]
    vocab = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20_000)})
    sifted = typos.Vocabulary(vocab)
    for q in ["imagerie", "telemedecine", "biotech", "radiologie", "santee", "neurotech"]:
        cutoff = 85 if len(q) <= 5 else 80
        assert dict(typos.close(q, sifted, cutoff, len(q) - 2, len(q) + 3)) == rapidfuzz_close(q, vocab, cutoff, len(q) - 2, len(q) + 3)


@pytest.mark.parametrize("q", ["imagerie", "imagrie", "ingenieur", "telemdcne", "sante", "master", "chef", "freelance"])
def test_the_index_sifts_the_shipped_vocabulary_as_rapidfuzz_scores_it(q: str) -> None:
    index = shipped_index()
    cutoff = 85 if len(q) <= 5 else 80
    found = dict(typos.close(q, index, cutoff, len(q) - 2, len(q) + 3))
    assert found == rapidfuzz_close(q, list(index.vocab), cutoff, len(q) - 2, len(q) + 3)
    if q == "imagrie":
        assert round(found["imagerie"], 2) == 93.33


def test_a_search_does_not_import_rapidfuzz() -> None:
    code = "import sys; from esante_cli.explore import search; from esante_cli.catalog import store; search.search(store.load(None), 'imagrie'); print('rapidfuzz' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


@given(a=_WORD, b=_WORD)
def test_lcs_is_the_longest_common_subsequence(a: str, b: str) -> None:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    assert typos.lcs(a, b) == table[-1][-1]
