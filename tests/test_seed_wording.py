"""Descriptions are our own words (brief, STYLE habit 10): no text of the shipped data repeats a run
of eight words of a seed document. Names are exempt (a programme, a school or a job title is
quoted as it is), and so is what stands between « » (the name of a call or a label)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

RUN = 8
SEEDS = Path("/work/shared/seeds")
DATA = Path(__file__).resolve().parent.parent / "data"
# proper names and identifiers, quoted as they are written
NAMES = {"id", "name", "title", "institution", "other_titles", "aliases", "feminine", "masculine", "file", "url",
         "publisher", "words", "means"}  # fmt: skip
_QUOTED = re.compile(r"«[^»]*»")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", _QUOTED.sub(" ", text).lower().replace("’", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def prose(value, key: str = ""):
    """(field, text) of every text of a record that is not a name."""
    if isinstance(value, str):
        if key not in NAMES:
            yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from prose(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from prose(v, key)


def test_runs_are_found_in_the_seed_wording() -> None:
    """The check itself: a sentence copied from a seed is caught, a reworded one is not."""
    seed_runs = runs("dans le privé il a également un statut de cadre les journées de cet ingénieur")
    assert runs("Dans le privé, il a également un statut de cadre : les journées sont longues.") & seed_runs
    assert not runs("Dans l'industrie aussi le poste est un poste de cadre, aux journées longues.") & seed_runs


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_no_data_text_repeats_eight_words_of_a_seed() -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        seed_runs |= runs(path.read_text(encoding="utf-8"))
    assert seed_runs
    copied = []
    for path in sorted(DATA.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for section, records in document.items():
            for record in records or []:
                for field, text in prose(record):
                    shared = runs(text) & seed_runs
                    if shared:
                        copied.append((path.name, record.get("id"), field, " ".join(sorted(shared)[0])))
    assert copied == []
