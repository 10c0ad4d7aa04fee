"""`esante import rome` on France Travail's whole ROME 4.0 set (1,584 sheets), then search on it.

    python bench/rome.py PATH-TO-RefRomeCsv.zip-OR-ITS-FOLDER [--runs 7] [--query "conducteur d'engins"]

The esante_cli package is byte-compiled first, as `pip install` does. The official set is not
in the repository (download it from data.gouv.fr, see docs/rome.md).
Times, each as a fresh child process (wall time, peak RSS; bench/onisep.py's `run`):
- `python -c "import typer"`, the reference, and a warm search on the shipped data alone;
- the import (`esante import rome SOURCE --out DIR`): read + map + validate + write;
- the first search with the result as overlay (empty cache: YAML, validation, index), then the
  warm search, alternating with `import typer` (medians of --runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from onisep import run  # noqa: E402 - one way of timing a child process for every bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="RefRomeCsv.zip or the folder of unix_*_utf8.csv files")
    parser.add_argument("--runs", type=int, default=7, help="runs of each warm measure (median)")
    parser.add_argument("--query", default="conducteur d'engins", help="the query searched")
    args = parser.parse_args()
    import compileall

    import esante_cli

    compileall.compile_dir(str(Path(esante_cli.__file__).parent), quiet=1)  # as pip install does
    esante = [sys.executable, "-m", "esante_cli"]
    with tempfile.TemporaryDirectory(prefix="esante-bench-rome-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "ESANTE_CACHE_DIR": str(work / "cache"), "HOME": str(work)}
        env.pop("ESANTE_EXTRA_DIRS", None)
        typer = [sys.executable, "-c", "import typer"]
        plain = [*esante, "search", args.query]
        run(plain, env)  # the shipped data's database, built once
        out = work / "rome"
        seconds, rss = run([*esante, "import", "rome", str(args.source), "--out", str(out)], env)
        rows = [(f"import rome: {args.source.name}", seconds, rss)]
        search = [*plain, "--with", str(out)]
        seconds, rss = run(search, env)
        rows.append(("first search with the import (empty cache)", seconds, rss))
        ref, base, warm = [], [], []
        for _ in range(args.runs):  # alternating, so that a slow moment of the machine hits all three
            ref.append(run(typer, env))
            base.append(run(plain, env))
            warm.append(run(search, env))
        reference = statistics.median(r[0] for r in ref)
        rows.insert(0, (f"python -c 'import typer' (reference, median of {args.runs})", reference, max(r[1] for r in ref)))
        rows.append((f"warm search, shipped data only (median of {args.runs})", statistics.median(b[0] for b in base), max(b[1] for b in base)))
        rows.append((f"warm search with the import (median of {args.runs})", statistics.median(w[0] for w in warm), max(w[1] for w in warm)))
        written = sum(p.stat().st_size for p in out.iterdir()) / 1048576
        text = (out / "rome.yaml").read_text(encoding="utf-8")
        sheets = text.count("\n- id: rome-") - text.count("\n- id: rome-interet-")
        print(f"esante import rome — {sheets:,} sheets, {written:.1f} MB of YAML written; query « {args.query} »\n")
        print(f"{'measure':<60} {'seconds':>8} {'× typer':>8} {'peak MB':>8}")
        for name, secs, peak in rows:
            print(f"{name:<60} {secs:>8.3f} {secs / reference:>8.2f} {'' if peak is None else f'{peak:.0f}':>8}")


if __name__ == "__main__":
    main()
