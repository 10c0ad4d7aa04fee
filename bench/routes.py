"""Routes at scale: warm `esante path` and `esante guide` on synthetic catalogues, beside `import typer`.

    python bench/routes.py                          # 20,000 and 100,000 records (generated once under /tmp)
    python bench/routes.py --sizes 20000 --runs 5
    python bench/routes.py --runs 5 --cache /tmp/esante-bench-cache   # databases kept between series

Targets (issue 30), each printed beside its reference, measured in the same run:
- at 20,000 records, each command warm ≤ 3 × `python -c "import typer"`;
- at 100,000 records, each command warm under 1 s and under 150 MB peak.
`guide --from bac` without likes is measured beside them (it read every career: 2.6 s at 20,000
records). The first run (which builds the database, tens of seconds at 100,000 records) is
printed with its peak, which issue 13's ≤ 300 MB governs, not these targets.

Method (as bench/scale.py, whose helpers it uses): every figure is a fresh child process,
reaped with os.wait4 for its own peak RSS; one first run builds the database into a temporary
cache folder (not timed against a target: bench/scale.py measures it), then warm runs alternate
with `import typer`, medians of --runs rounds. The synthetic catalogues have no
`ingenieur-imagerie-medicale` (their ids are `metier-N`): `--career` takes the first of their
« ingénieur imagerie médicale » careers that has a bac → bac+5 route (CAREER, by size: the
generator's seed is fixed).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import ensure_data, run_child, search_command  # noqa: E402

CAREER = {20_000: "metier-2169", 100_000: "metier-16"}  # « ingénieur imagerie médicale (junior) N »


def commands(size: int) -> list[tuple[str, list[str]]]:
    career = CAREER.get(size, "metier-1")
    return [
        ("path --city lille", ["path", "--city", "lille"]),
        (f"path --career {career}", ["path", "--career", career]),
        ('guide --from bac --likes "informatique, santé"', ["guide", "--from", "bac", "--likes", "informatique, santé"]),
        ("guide --from bac (no likes: careers in data order)", ["guide", "--from", "bac"]),
    ]


def measure(folder: Path, size: int, runs: int, env: dict[str, str], kept: Path | None = None) -> list[tuple[str, str, str, str]]:
    py = sys.executable
    command = search_command()
    rows = []
    with tempfile.TemporaryDirectory(prefix="esante-bench-routes-") as cache:
        env = {**env, "ESANTE_CACHE_DIR": str(kept or cache)}
        first, first_mb, _ = run_child(command + ["path", "--data-dir", str(folder)], env)
        what = "first run: esante path (builds the database)" if kept is None else f"first run, cache kept in {kept}"
        rows.append((what, f"{first:.1f} s, {first_mb:.0f} MB", "", ""))
        typer: list[float] = []
        todo = commands(size)
        walls: dict[str, list[float]] = {name: [] for name, _ in todo}
        peaks: dict[str, float] = {name: 0.0 for name, _ in todo}
        for _ in range(runs):
            typer.append(run_child([py, "-c", "import typer"], env)[0])
            for name, argv in todo:
                wall, mb, _ = run_child(command + argv + ["--data-dir", str(folder)], env)
                walls[name].append(wall)
                peaks[name] = max(peaks[name], mb)
        typer_s = statistics.median(typer)
        rows.append(("python -c 'import typer' (reference)", f"{typer_s * 1000:.0f} ms (min {min(typer) * 1000:.0f})", "", ""))
        for name, _ in todo:
            median = statistics.median(walls[name])
            ratio = median / typer_s
            low = f"min ×{min(walls[name]) / min(typer):.2f}"
            if size <= 20_000:
                verdict = "OK" if ratio <= 3 else "MISSED (≤ 3×)"
            else:
                verdict = "OK" if median < 1 and peaks[name] < 150 else "MISSED (< 1 s, < 150 MB)"
            rows.append((f"warm {name}", f"{median * 1000:.0f} ms, {peaks[name]:.0f} MB", f"×{ratio:.2f} of import typer ({low})", verdict))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated record counts")
    parser.add_argument("--runs", type=int, default=3, help="warm rounds (median)")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()), help="where the generated folders go")
    parser.add_argument("--prefix", default="esante-bench", help="generated folders are PREFIX-20k, PREFIX-100k…")
    parser.add_argument("--cache", type=Path, help="keep the databases in this folder (PREFIX-…k under it): later series skip the build")
    args = parser.parse_args()

    import esante_cli

    compileall.compile_dir(str(Path(esante_cli.__file__).parent), quiet=1)
    env = {k: v for k, v in os.environ.items() if k not in ("ESANTE_DATA_DIR", "ESANTE_NO_CACHE", "ESANTE_EXTRA_DIRS")}
    print(f"esante routes at scale (Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.folder / f"{args.prefix}-{size // 1000}k"
        ensure_data(folder, size)
        print(f"\n{size:,} records: {folder}")
        kept = None if args.cache is None else args.cache / folder.name
        if kept is not None:
            kept.mkdir(parents=True, exist_ok=True)
        for name, figure, reference, verdict in measure(folder, size, args.runs, env, kept):
            print(f"  {name:56} {figure:>20}  {reference:40} {verdict}")


if __name__ == "__main__":
    main()
