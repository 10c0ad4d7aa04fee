"""Relevance of `esante search` on the queries people type: per persona, the share of
tests/data/relevance.yaml whose first answer is right beside the share that holds in the top 5,
and each failure. Run: python bench/relevance.py [--data-dir DIR] [-v]

A case holds (« top 5 ») when every record of `expect` is among the first `top` hits (5 by
default), every `hint` is the start of a command the search points to, an `unknown_place` is
reported as a place absent from the data, the words set the level `from` (« bac », « en poste »)
and, for `outside: true`, the query is said to lie outside the catalogue (`health: true`: as a
health profession) with no record ranked. Its first answer is right when, besides, the first hit
is one of `first` (default: `expect`). The same cases run in tests/test_relevance.py.
Targets (issue 25): ≥ 150 queries, first answer right ≥ 90 %, top 5 ≥ 98 %.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "relevance.yaml"
DEFAULT_TOP = 5
DEFAULT_PERSONA = "étudiant"
PERSONAS = ("lycéen", "étudiant", "parent", "reconversion", "conseiller")
TARGET_QUERIES, TARGET_FIRST, TARGET_TOP = 150, 0.90, 0.98


class Outcome(NamedTuple):
    holds: bool  # the case holds in its top (5 by default)
    first: bool  # and its first answer is right
    why: str  # what was wrong, in French


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def persona(case: dict[str, Any]) -> str:
    return case.get("persona", DEFAULT_PERSONA)


def evaluate(catalog: Any, case: dict[str, Any]) -> tuple[bool, str]:
    """(holds, what was wrong) for one case (tests/test_relevance.py's view)."""
    outcome = judge(catalog, case)
    return outcome.holds, outcome.why


def judge(catalog: Any, case: dict[str, Any]) -> Outcome:
    from esante_cli.explore import query

    top = case.get("top", DEFAULT_TOP)
    answer = query.find(catalog, case["query"], limit=max(top, 10))
    got = [h.record.id for h in answer.hits[:top]]
    problems = [f"{rid} absent du top {top} ({', '.join(got) or 'aucun résultat'})" for rid in case.get("expect", []) if rid not in got]
    commands = [command for _, command in answer.hints]
    if "hint" in case and not any(c.startswith(case["hint"]) for c in commands):
        problems.append(f"pas d'indication « {case['hint']} » ({'; '.join(commands) or 'aucune'})")
    place = case.get("unknown_place")
    if place and place not in [p.casefold() for p in answer.understood.unknown_places]:
        problems.append(f"lieu absent des données non signalé : {place}")
    if "from" in case:
        asker = answer.understood.asker
        said = None if asker is None else ("en poste" if asker.working else asker.level)
        if said != case["from"]:
            problems.append(f"niveau compris : {said or 'aucun'} (attendu : {case['from']})")
    outside = answer.outside
    if case.get("outside"):
        if outside is None:
            problems.append(f"hors catalogue non signalé ({', '.join(got) or 'aucun résultat'})")
        elif case.get("health") and not outside.health:
            problems.append("métier de la santé non reconnu comme tel")
        elif answer.hits and not outside.health:  # a health profession's hits are its routes
            problems.append("hors catalogue, mais des résultats classés")
    elif outside is not None:
        problems.append(f"dit hors catalogue à tort (« {outside.text} »)")
    holds = not problems
    first = case.get("first", case.get("expect"))
    if first and (not answer.hits or answer.hits[0].record.id not in first):
        problems.append(f"1re réponse : {answer.hits[0].record.id if answer.hits else 'aucune'} (attendu : {', '.join(first)})")
    return Outcome(holds, not problems, "; ".join(problems))


def run(catalog: Any, cases: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Outcome]]:
    return [(case, judge(catalog, case)) for case in cases]


def table(results: list[tuple[dict[str, Any], Outcome]]) -> list[str]:
    """Per persona then overall: queries, first answer right, top 5 holds."""
    groups = {p: [o for c, o in results if persona(c) == p] for p in PERSONAS}
    groups.update({p: [o for c, o in results if persona(c) == p] for p in {persona(c) for c, _ in results} - set(groups)})
    groups["toutes"] = [o for _, o in results]
    lines = [f"{'persona':<14}{'requêtes':>9}{'1re réponse':>16}{'top 5':>16}"]
    for name, outcomes in groups.items():
        if not outcomes:
            continue
        n = len(outcomes)
        first = sum(o.first for o in outcomes)
        holds = sum(o.holds for o in outcomes)
        lines.append(f"{name:<14}{n:>9}{f'{first} ({100 * first / n:.1f} %)':>16}{f'{holds} ({100 * holds / n:.1f} %)':>16}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every case")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from esante_cli.catalog import store

    catalog = store.load(args.data_dir)
    results = run(catalog, load_cases())
    for case, outcome in results:
        if args.verbose or not outcome.first:
            mark = "ok   " if outcome.first else ("top5 " if outcome.holds else "ÉCHEC")
            print(f"{mark} [{persona(case)}] {case['query']}" + (f"  — {outcome.why}" if outcome.why else ""))
    issue = [o.holds for c, o in results if c.get("issue") == 14]
    print()
    print("\n".join(table(results)))
    print(f"cas de l'issue 14 : {sum(issue)}/{len(issue)}")
    n = len(results)
    first = sum(o.first for _, o in results) / n
    holds = sum(o.holds for _, o in results) / n
    met = n >= TARGET_QUERIES and first >= TARGET_FIRST and holds >= TARGET_TOP
    print(f"objectifs (≥ {TARGET_QUERIES} requêtes, 1re réponse ≥ {TARGET_FIRST:.0%}, top 5 ≥ {TARGET_TOP:.0%}) : {'atteints' if met else 'NON atteints'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
