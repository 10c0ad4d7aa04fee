"""esante on synthetic catalogues of 20,000 and 100,000 records: first run, warm search, memory, size.

    python bench/scale.py                          # both sizes (generated once under /tmp)
    python bench/scale.py --sizes 20000 --runs 5   # one size, more runs

Targets (issue 13), each printed beside its reference, measured in the same run:
- first run (nothing cached: YAML, validation, building the database) ≤ 1.5 × a libyaml parse
  of the same files (`yaml.load(…, Loader=CSafeLoader)` file by file, garbage collector on,
  as a plain loader does it; the same with the collector paused is printed too);
- warm `esante search QUERY`, whole process, ≤ 1.5 × `python -c "import typer"` (worst query);
- peak memory ≤ 300 MB on the first run, ≤ 100 MB warm (ru_maxrss of the child process);
- database on disk ≤ 2 × the YAML.

Method: every figure is a fresh child process of this interpreter, reaped with os.wait4 so its
own peak RSS is known. The first run is `esante search` on an empty cache folder. Warm runs
alternate with `import typer` (medians of --runs rounds), so machine noise hits both alike.
"warm load, every record built" decodes all the records from the database (what a command
that lists everything pays); it is printed for information.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
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
    del data
print(json.dumps({"seconds": time.perf_counter() - start, "records": count}))
"""

LOAD_ALL = """
import json, os, sys, time
from pathlib import Path
from esante_cli.catalog import store
start = time.perf_counter()
catalog = store.load(sys.argv[1], cache_dir=Path(os.environ["ESANTE_CACHE_DIR"]))
n = sum(1 for _ in catalog.records.values())
print(json.dumps({"seconds": time.perf_counter() - start, "records": n}))
"""

QUERIES = "imagerie,ingenieur sante,imagrie,chef de projet,master paris,H1206"


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child, reaped here so that its own peak RSS is known."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: nothing found, a fair answer
        raise SystemExit(f"failed ({code}): {' '.join(argv)}\n{err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def search_command() -> list[str]:
    script = Path(sys.executable).parent / "esante"
    return [str(script)] if script.exists() else [sys.executable, "-m", "esante_cli"]


def ensure_data(folder: Path, records: int) -> None:
    """Generate the folder once per size and per version of the generator."""
    stamp = f"{records} {hashlib.blake2b((HERE / 'gen_catalog.py').read_bytes(), digest_size=8).hexdigest()}"
    marker = folder / ".generated"
    if marker.exists() and marker.read_text() == stamp:
        return
    subprocess.run([sys.executable, str(HERE / "gen_catalog.py"), str(folder), "-n", str(records)], check=True)
    marker.write_text(stamp)


def measure(folder: Path, records: int, queries: list[str], runs: int, env: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Rows (measure, figure, reference, verdict) for one catalogue."""
    py = sys.executable
    files = sorted(folder.glob("*.yaml"))
    yaml_mb = sum(p.stat().st_size for p in files) / 1e6
    rows = []
    _, parse_mb, out = run_child([py, "-c", PARSE, str(folder), "gc"], env)
    parse = json.loads(out)["seconds"]
    _, _, out = run_child([py, "-c", PARSE, str(folder), "nogc"], env)
    parse_nogc = json.loads(out)["seconds"]
    rows.append(("libyaml parse (reference)", f"{parse:.2f} s, {parse_mb:.0f} MB", f"GC paused: {parse_nogc:.2f} s", ""))

    command = search_command()
    with tempfile.TemporaryDirectory(prefix="esante-bench-cache-") as cache:
        env = {**env, "ESANTE_CACHE_DIR": cache}
        first, first_mb, _ = run_child(command + ["search", "imagerie", "--data-dir", str(folder)], env)
        ratio = first / parse
        rows.append(("first run: esante search (YAML, check, database)", f"{first:.2f} s", f"×{ratio:.2f} of parse (×{first / parse_nogc:.2f} of GC-paused)",
                     "OK" if ratio <= 1.5 else "MISSED (≤ 1.5)"))
        rows.append(("  its peak memory", f"{first_mb:.0f} MB", f"parse alone: {parse_mb:.0f} MB", "OK" if first_mb <= 300 else "MISSED (≤ 300 MB)"))
        db_mb = sum(p.stat().st_size for p in Path(cache).glob("catalog-*.sqlite")) / 1e6
        rows.append(("database on disk", f"{db_mb:.1f} MB", f"YAML {yaml_mb:.1f} MB: ×{db_mb / yaml_mb:.2f}", "OK" if db_mb <= 2 * yaml_mb else "MISSED (≤ 2×)"))

        typer: list[float] = []
        walls: dict[str, list[float]] = {q: [] for q in queries}
        peaks: dict[str, float] = {q: 0.0 for q in queries}
        for _ in range(runs):
            typer.append(run_child([py, "-c", "import typer"], env)[0])
            for query in queries:
                wall, mb, _ = run_child(command + ["search", *query.split(), "--data-dir", str(folder)], env)
                walls[query].append(wall)
                peaks[query] = max(peaks[query], mb)
        typer_s = statistics.median(typer)
        rows.append(("python -c 'import typer' (reference)", f"{typer_s * 1000:.0f} ms", "", ""))
        for query in queries:
            median = statistics.median(walls[query])
            rows.append((f"warm search '{query}'", f"{median * 1000:.0f} ms, {peaks[query]:.0f} MB", f"×{median / typer_s:.2f} of import typer", ""))
        worst = max(queries, key=lambda q: statistics.median(walls[q]))
        worst_ratio = statistics.median(walls[worst]) / typer_s
        rows.append((f"  worst warm search ('{worst}')", f"×{worst_ratio:.2f}", "of import typer", "OK" if worst_ratio <= 1.5 else "MISSED (≤ 1.5)"))
        worst_mb = max(peaks.values())
        rows.append(("  warm peak memory (worst query)", f"{worst_mb:.0f} MB", "", "OK" if worst_mb <= 100 else "MISSED (≤ 100 MB)"))
        wall, mb, out = run_child([py, "-c", LOAD_ALL, str(folder)], env)
        loaded = json.loads(out)
        assert loaded["records"] == records, loaded
        rows.append(("warm load, every record built", f"{loaded['seconds']:.2f} s, {mb:.0f} MB", f"{parse / loaded['seconds']:.0f}× faster than parse", ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated record counts")
    parser.add_argument("--runs", type=int, default=3, help="warm rounds (median)")
    parser.add_argument("--queries", default=QUERIES, help="comma-separated search queries")
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()), help="where the generated folders go")
    args = parser.parse_args()

    import esante_cli

    compileall.compile_dir(str(Path(esante_cli.__file__).parent), quiet=1)
    env = {k: v for k, v in os.environ.items() if k not in ("ESANTE_DATA_DIR", "ESANTE_NO_CACHE", "ESANTE_EXTRA_DIRS")}
    queries = [q for q in args.queries.split(",") if q.strip()]
    print(f"esante at scale (Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    for size in (int(s) for s in args.sizes.split(",")):
        folder = args.folder / f"esante-bench-{size // 1000}k"
        ensure_data(folder, size)
        files = sorted(folder.glob("*.yaml"))
        print(f"\n{size:,} records: {folder}, {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB of YAML")
        for name, figure, reference, verdict in measure(folder, size, queries, args.runs, env):
            print(f"  {name:52} {figure:>18}  {reference:42} {verdict}")


if __name__ == "__main__":
    main()
