"""esante on a synthetic catalogue of 100,000 records: parse, cold, warm, search, memory.

    python bench/scale.py                       # generates /tmp/esante-bench-100k once, then measures
    python bench/scale.py --data DIR -n 10000   # another folder / size

Targets (issue 8), each printed with its ratio:
- cold run (no cache: YAML + validation + writing the cache) ≤ 1.2 × libyaml's parse of the files alone;
- warm run (cache hit) loads ≥ 20 × faster than re-parsing;
- `esante search QUERY` answers in ≤ 0.3 s wall, whole process, for every query of --queries;
- peak memory ≤ 150 MB (ru_maxrss of each child process).

Method: every measure is a fresh child process of this interpreter (os.wait4 gives its own peak
RSS). "parse" is `yaml.load(text, Loader=CSafeLoader)` on each file, as a plain loader would do it
(garbage collector on); the same with the collector paused is printed too, as the stricter
baseline. "cold" and "warm" are store.load() timed inside the child (imports excluded), with a
fresh cache folder and then with the one cold wrote. "warm, every record built" also decodes all
100,000 records (what a command that lists everything pays). The searches are the `esante search`
console script, wall time of the whole process: the first one after the cold load builds and
writes the search index (cache.memo_rows); then each query of --queries, median of --runs runs,
reading the cached catalogue and index. "cold search" is the very first run on a fresh cache
folder: YAML, validation, catalogue cache, index. The worst query's median is the figure.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

PARSE = """
import gc, json, sys, time
from pathlib import Path
import yaml
if sys.argv[2] == "nogc":
    gc.disable()
start = time.perf_counter()
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    count += sum(len(v) for v in data.values())
print(json.dumps({"seconds": time.perf_counter() - start, "records": count}))
"""

LOAD = """
import json, sys, time
from esante_cli.catalog import store
start = time.perf_counter()
catalog = store.load(sys.argv[1])
if sys.argv[2] == "all":
    sum(1 for _ in catalog.records.values())
else:
    assert catalog.get(sys.argv[3]) is not None, sys.argv[3]
print(json.dumps({"seconds": time.perf_counter() - start, "records": len(catalog)}))
"""


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child, reaped here so that its own peak RSS is known."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def search_command() -> list[str]:
    script = Path(sys.executable).parent / "esante"
    return [str(script)] if script.exists() else [sys.executable, "-m", "esante_cli"]


QUERIES = "imagerie,ingenieur sante,imagrie,chef de projet,master paris,H1206"


def ensure_data(folder: Path, records: int) -> None:
    marker = folder / ".generated"
    if marker.exists() and marker.read_text() == str(records):
        return
    subprocess.run([sys.executable, str(HERE / "gen_catalog.py"), str(folder), "-n", str(records)], check=True)
    marker.write_text(str(records))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "esante-bench-100k")
    parser.add_argument("-n", "--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="search runs (median)")
    parser.add_argument("--queries", default=QUERIES, help="comma-separated search queries")
    parser.add_argument("--skip-cold-search", action="store_true", help="do not time a search on an empty cache (a minute)")
    parser.add_argument("--probe-id", default="formation-5000", help="an id in the folder, for the one-record lookup")
    args = parser.parse_args()

    import esante_cli

    compileall.compile_dir(str(Path(esante_cli.__file__).parent), quiet=1)
    ensure_data(args.data, args.records)
    files = sorted(args.data.glob("*.yaml"))
    size = sum(p.stat().st_size for p in files)
    env = {k: v for k, v in os.environ.items() if k not in ("ESANTE_DATA_DIR", "ESANTE_NO_CACHE")}
    py = sys.executable
    print(f"data: {args.data} — {len(files)} files, {size / 1e6:.1f} MB, {args.records} records (Python {sys.version.split()[0]})")

    with tempfile.TemporaryDirectory(prefix="esante-bench-cache-") as cache:
        env["ESANTE_CACHE_DIR"] = cache
        rows = []
        _, parse_mb, out = run_child([py, "-c", PARSE, str(args.data), "gc"], env)
        parse = json.loads(out)["seconds"]
        rows.append(("parse, libyaml (GC on)", parse, parse_mb, ""))
        _, nogc_mb, out = run_child([py, "-c", PARSE, str(args.data), "nogc"], env)
        parse_nogc = json.loads(out)["seconds"]
        rows.append(("parse, libyaml (GC paused)", parse_nogc, nogc_mb, ""))

        load = [py, "-c", LOAD, str(args.data)]
        _, cold_mb, out = run_child(load + ["all", ""], env)
        cold = json.loads(out)
        assert cold["records"] == args.records, cold
        cache_mb = sum(p.stat().st_size for p in Path(cache).glob("*.json")) / 1e6
        rows.append(("cold load (YAML + check + cache write)", cold["seconds"], cold_mb,
                     f"×{cold['seconds'] / parse:.2f} of parse (≤ 1.2); ×{cold['seconds'] / parse_nogc:.2f} of GC-paused parse"))
        _, warm_mb, out = run_child(load + ["all", ""], env)
        warm = json.loads(out)
        rows.append(("warm load, every record built", warm["seconds"], warm_mb,
                     f"{parse / warm['seconds']:.0f}× faster than parse (≥ 20); {parse_nogc / warm['seconds']:.0f}× than GC-paused parse"))
        _, lookup_mb, out = run_child(load + ["one", args.probe_id], env)
        lookup = json.loads(out)
        rows.append((f"warm load + get('{args.probe_id}')", lookup["seconds"], lookup_mb,
                     f"{parse / lookup['seconds']:.0f}× faster than parse (records are read when used)"))

        command = search_command()
        queries = [q for q in args.queries.split(",") if q.strip()]
        typer_runs = [run_child([py, "-c", "import typer"], env)[:2] for _ in range(args.runs)]
        rows.append(("python -c 'import typer' (this machine, now)", statistics.median(w for w, _ in typer_runs),
                     max(mb for _, mb in typer_runs), "reference for the searches below"))

        def search(query: str) -> tuple[float, float]:
            wall, mb, _ = run_child(command + ["search", *query.split(), "--data-dir", str(args.data)], env)
            return wall, mb

        first, first_mb = search(queries[0])
        index_mb = sum(p.stat().st_size for p in Path(cache).glob("*.search-index.json")) / 1e6
        rows.append((f"first search (builds the index, {index_mb:.0f} MB)", first, first_mb, "once per version of the data"))
        medians = {}
        for query in queries:
            walls, peaks = zip(*(search(query) for _ in range(args.runs)))
            medians[query] = (statistics.median(walls), max(peaks))
            rows.append((f"search '{query}', whole process", *medians[query], ""))
        worst = max(medians, key=lambda q: medians[q][0])
        search_s, search_mb = medians[worst][0], max(mb for _, mb in medians.values())

    if not args.skip_cold_search:
        with tempfile.TemporaryDirectory(prefix="esante-bench-cache-") as fresh:
            env["ESANTE_CACHE_DIR"] = fresh
            wall, mb, _ = run_child(command + ["search", *queries[0].split(), "--data-dir", str(args.data)], env)
            rows.append(("cold search (nothing cached: YAML, check, caches, index)", wall, mb, f"×{wall / parse:.2f} of parse"))

    print(f"cache file: {cache_mb:.1f} MB of JSON")
    print(f"{'measure':58} {'seconds':>8} {'peak MB':>8}  ratio")
    for name, seconds, mb, note in rows:
        print(f"{name:58} {seconds:8.3f} {mb:8.0f}  {note}")
    print("targets:")
    print(f"  cold ≤ 1.2 × parse: ×{cold['seconds'] / parse:.2f} {'OK' if cold['seconds'] <= 1.2 * parse else 'MISSED'}")
    print(f"  warm ≥ 20 × faster than parse, every record built: {parse / warm['seconds']:.0f}× {'OK' if parse / warm['seconds'] >= 20 else 'MISSED'}")
    print(f"  search ≤ 0.3 s wall, worst of {len(medians)} queries ('{worst}'): {search_s:.2f} s {'OK' if search_s <= 0.3 else 'MISSED'}")
    for name, mb in (("warm load + get", lookup_mb), ("every record built", warm_mb), ("search", search_mb), ("cold load", cold_mb)):
        print(f"  peak memory ≤ 150 MB, {name}: {mb:.0f} MB {'OK' if mb <= 150 else 'MISSED'}")
    print(f"  (libyaml's parse alone peaks at {parse_mb:.0f} MB: the cold load cannot go below it)")


if __name__ == "__main__":
    main()
