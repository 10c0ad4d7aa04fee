"""Relevance of `esante search` on the queries students type: the share of tests/data/relevance.yaml
that passes, and each failure. Run: python bench/relevance.py [--data-dir DIR] [-v]

A case passes when every record of `expect` is among the first `top` hits (5 by default), every
`hint` is the start of a command the search points to, and an `unknown_place` is reported as a
place absent from the data. The same cases run in tests/test_relevance.py (≥ 95 % must pass,
and every case of issue 14).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "relevance.yaml"
DEFAULT_TOP = 5


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def evaluate(catalog: Any, case: dict[str, Any]) -> tuple[bool, str]:
    """(passes, what was wrong) for one case."""
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
    return not problems, "; ".join(problems)


def run(catalog: Any, cases: list[dict[str, Any]]) -> list[tuple[dict[str, Any], bool, str]]:
    return [(case, *evaluate(catalog, case)) for case in cases]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every case")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from esante_cli.catalog import store

    catalog = store.load(args.data_dir)
    results = run(catalog, load_cases())
    passed = sum(ok for _, ok, _ in results)
    issue = [(c, ok) for c, ok, _ in results if c.get("issue")]
    for case, ok, why in results:
        if args.verbose or not ok:
            print(f"{'ok ' if ok else 'ÉCHEC'}  {case['query']}" + (f"  — {why}" if why else ""))
    print(
        f"pertinence : {passed}/{len(results)} requêtes passent ({100 * passed / len(results):.1f} %) ; "
        f"cas de l'issue 14 : {sum(ok for _, ok in issue)}/{len(issue)}"
    )
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
