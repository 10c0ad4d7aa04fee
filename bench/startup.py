"""Start-up time of esante against `python -c "import typer"`, measured in the same run.

    python bench/startup.py            # 15 alternating rounds
    python bench/startup.py -n 30 --importtime

Targets: `esante search imagerie` on the shipped data, stdout piped, ≤ 1.3 × the wall time of
`python -c "import typer"` (issue 13; medians of ≥ 10 alternating runs); `esante --help` and
`esante --version` ≤ 1.6 × (issue 8).

Method: every command is a fresh subprocess of this interpreter, stdout piped (the plain-text
renderer, as in scripts), stderr discarded. Rounds alternate the commands so that machine noise
hits them alike; the figure is the median per command. The esante_cli package is byte-compiled
first, as `pip install` does (this makes no difference when bytecode is already there).
The catalogue's database lives in a temporary cache folder and is built by one run before
timing (an installed wheel would find it prebuilt inside the package instead).
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

def esante_command() -> list[str]:
    """The `esante` console script of this interpreter (else `python -m esante_cli`)."""
    script = Path(sys.executable).parent / "esante"
    return [str(script)] if script.exists() else [sys.executable, "-m", "esante_cli"]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}")
    return elapsed


def import_report(cmd: list[str], env: dict[str, str], top: int) -> None:
    """Modules that `cmd` imports beyond `import typer`, by self time (python -X importtime)."""

    def times(argv: list[str]) -> dict[str, int]:
        err = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env).stderr
        out = {}
        for line in err.splitlines():
            parts = line.split("|")
            if line.startswith("import time:") and len(parts) == 3 and parts[0].split(":")[1].strip().isdigit():
                out[parts[2].strip()] = int(parts[0].split(":")[1])
        return out

    base = times([sys.executable, "-X", "importtime", "-c", "import typer"])
    python_cmd = cmd if cmd[0] == sys.executable else [sys.executable, "-m", "esante_cli"] + cmd[1:]
    ours = times([python_cmd[0], "-X", "importtime"] + python_cmd[1:])
    extra = {k: v for k, v in ours.items() if k not in base}
    print(f"\nimports beyond typer for {' '.join(cmd[-2:])}: {len(extra)} modules, {sum(extra.values()) / 1000:.1f} ms self time")
    for name, us in sorted(extra.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {us / 1000:6.1f} ms  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rounds", type=int, default=15)
    parser.add_argument("--importtime", action="store_true", help="also list the modules imported beyond typer")
    args = parser.parse_args()

    import esante_cli

    compileall.compile_dir(str(Path(esante_cli.__file__).parent), quiet=1)
    esante = esante_command()
    env = dict(os.environ)
    for name in ("ESANTE_DATA_DIR", "ESANTE_NO_CACHE", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="esante-bench-cache-") as cache:
        env["ESANTE_CACHE_DIR"] = cache
        commands = {
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "esante search imagerie": esante + ["search", "imagerie"],
            "esante --help": esante + ["--help"],
            "esante --version": esante + ["--version"],
        }
        for cmd in commands.values():  # warm the disk cache and the catalogue cache
            wall(cmd, env)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                samples[name].append(wall(cmd, env))
        cached = sorted(p.name for p in Path(cache).glob("catalog-*.sqlite"))

        typer_median = statistics.median(samples["python -c 'import typer'"])
        print(f"esante start-up, {args.rounds} alternating rounds, medians (Python {sys.version.split()[0]}):")
        for name, values in samples.items():
            median = statistics.median(values)
            print(f"  {name:28} {median * 1000:7.1f} ms   ×{median / typer_median:.2f}   (min {min(values) * 1000:.1f} ms)")
        ratio = statistics.median(samples["esante search imagerie"]) / typer_median
        worst = max(statistics.median(samples[k]) for k in ("esante --help", "esante --version")) / typer_median
        print(f"search / import typer = {ratio:.2f} (target ≤ 1.30: {'OK' if ratio <= 1.3 else 'MISSED'})")
        print(f"help, version / import typer ≤ {worst:.2f} (target ≤ 1.60: {'OK' if worst <= 1.6 else 'MISSED'})")
        print(f"cache: {', '.join(cached) if cached else 'none written'}")
        if args.importtime:
            import_report(commands["esante search imagerie"], env, 15)


if __name__ == "__main__":
    main()
