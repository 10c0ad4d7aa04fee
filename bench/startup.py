"""Start-up time of esante against `python -c "import typer"`, measured in the same run.

    python bench/startup.py            # 15 alternating rounds
    python bench/startup.py -n 30 --importtime

Targets, medians of ≥ 10 alternating runs:
- piped (issues 8, 13, 18): `esante search imagerie` on the shipped data ≤ 1.3 × the wall time of
  `python -c "import typer"`; `esante --help` and `esante --version` no slower than 1.6 ×;
  `esante guide --from bac --likes "informatique, santé"` ≤ 1.5 × (issue 25);
- in a terminal (issues 18, 28): `esante search imagerie` drawn in a pseudo-terminal (pty, 80×40)
  ≤ 1.3 × `python -c "import typer, rich.console, rich.table"` in the same pty: Rich draws the
  table there (present/richdraw.py, imported only on a terminal), while a piped run imports no
  Rich at all (tab-separated lines, present/plain.py) and keeps the 1.3 × typer target above.

Method: every command is a fresh subprocess of this interpreter, stdout piped (the plain-text
renderer, as in scripts) or a pty (the terminal renderer), stderr discarded. Rounds alternate the commands so that machine noise
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


def wall_pty(cmd: list[str], env: dict[str, str]) -> float:
    """Wall time of cmd with stdout and stderr on a fresh 80×40 pseudo-terminal, output drained."""
    import fcntl
    import pty
    import struct
    import termios

    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 80, 0, 0))
    while True:
        try:
            if not os.read(fd, 65536):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(fd)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed in a pty ({status}): {' '.join(cmd)}")
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
        pty_env = {**env, "TERM": "xterm-256color"}
        pty_env.pop("COLUMNS", None)
        commands = {  # name: (argv, in a pty?)
            "python -c 'import typer'": ([sys.executable, "-c", "import typer"], False),
            "esante search imagerie": (esante + ["search", "imagerie"], False),
            "esante --help": (esante + ["--help"], False),
            "esante --version": (esante + ["--version"], False),
            "esante guide --likes …": (esante + ["guide", "--from", "bac", "--likes", "informatique, santé"], False),
            "pty: python -c 'import typer, rich…'": (
                [sys.executable, "-c", "import typer, rich.console, rich.table"], True),
            "pty: esante search imagerie": (esante + ["search", "imagerie"], True),
        }  # fmt: skip

        def timed(name: str) -> float:
            cmd, in_pty = commands[name]
            return wall_pty(cmd, pty_env) if in_pty else wall(cmd, env)

        for name in commands:  # warm the disk cache and the catalogue cache
            timed(name)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name in commands:
                samples[name].append(timed(name))
        cached = sorted(p.name for p in Path(cache).glob("catalog-*.sqlite"))

        def median(name: str) -> float:
            return statistics.median(samples[name])

        typer_median = median("python -c 'import typer'")
        rich_median = median("pty: python -c 'import typer, rich…'")
        print(f"esante start-up, {args.rounds} alternating rounds, medians (Python {sys.version.split()[0]}):")
        for name, values in samples.items():
            base = rich_median if name.startswith("pty:") else typer_median
            print(f"  {name:38} {median(name) * 1000:7.1f} ms   ×{median(name) / base:.2f}   (min {min(values) * 1000:.1f} ms)")
        ratio = median("esante search imagerie") / typer_median
        worst = max(median(k) for k in ("esante --help", "esante --version")) / typer_median
        terminal = median("pty: esante search imagerie") / rich_median
        print(f"piped search / import typer = {ratio:.2f} (target ≤ 1.30: {'OK' if ratio <= 1.3 else 'MISSED'})")
        print(f"terminal search / import typer, rich.console, rich.table = {terminal:.2f} "
              f"(target ≤ 1.30: {'OK' if terminal <= 1.3 else 'MISSED'})")
        print(f"help, version / import typer ≤ {worst:.2f} (target ≤ 1.60: {'OK' if worst <= 1.6 else 'MISSED'})")
        guide = median("esante guide --likes …") / typer_median
        print(f"piped guide / import typer = {guide:.2f} (target ≤ 1.50: {'OK' if guide <= 1.5 else 'MISSED'})")
        print(f"cache: {', '.join(cached) if cached else 'none written'}")
        if args.importtime:
            import_report(commands["esante search imagerie"][0], env, 15)


if __name__ == "__main__":
    main()
