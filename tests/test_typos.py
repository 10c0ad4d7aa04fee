"""typos.close: the same terms and ratios as rapidfuzz's extract, with or without rapidfuzz."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from esante_cli import search, store, typos



def shipped_vocab() -> list[str]:
    return search.index_for(store.load(None)).vocab

_WORD = st.text(alphabet="aeimnrgtsu", min_size=1, max_size=14)


def rapidfuzz_close(q: str, vocab: list[str], cutoff: float, shortest: int, longest: int) -> dict[str, float]:
    found = process.extract(q, vocab, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff, limit=None)
    return {t: r for t, r, _ in found if shortest <= len(t) <= longest}


@settings(max_examples=300, deadline=None)
@given(q=_WORD, vocab=st.lists(_WORD, max_size=60, unique=True), cutoff=st.sampled_from([75, 80, 85]))
def test_python_scoring_equals_rapidfuzz_on_any_words(q: str, vocab: list[str], cutoff: int) -> None:
    vocab = sorted(vocab + [q[:-1], q + "e", q[1:] + "s"])
    expected = rapidfuzz_close(q, vocab, cutoff, len(q) - 2, len(q) + 3)
    assert dict(typos.close(q, vocab, cutoff, len(q) - 2, len(q) + 3)) == expected


@pytest.mark.parametrize("q", ["imagerie", "imagrie", "ingenieur", "telemdcne", "sante", "master", "chef", "freelance"])
def test_python_scoring_equals_rapidfuzz_on_the_shipped_vocabulary(q: str) -> None:
    cutoff = 85 if len(q) <= 5 else 80
    vocab = shipped_vocab()
    found = dict(typos.close(q, vocab, cutoff, len(q) - 2, len(q) + 3))
    assert found == rapidfuzz_close(q, vocab, cutoff, len(q) - 2, len(q) + 3)


def test_a_large_vocabulary_goes_to_rapidfuzz_with_the_same_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    vocab = shipped_vocab()
    expected = dict(typos.close("imagrie", vocab, 80, 5, 10))
    assert round(expected["imagerie"], 2) == 93.33
    monkeypatch.setattr(typos, "PYTHON_UP_TO", 10)
    assert dict(typos.close("imagrie", vocab, 80, 5, 10)) == expected


@given(a=_WORD, b=_WORD)
def test_lcs_is_the_longest_common_subsequence(a: str, b: str) -> None:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    assert typos.lcs(a, b) == table[-1][-1]
