"""`esante import onisep` at the scale of ONISEP's export: 1,500 generated sheets.

    python bench/onisep.py              # 1,500 sheets
    python bench/onisep.py -n 3000 --runs 7

Generates an XML file in the structure of « Idéo-Fiches métiers » (invented titles and texts,
HTML sections, synonyms, ROME codes, levels, salaries, FOR codes shared between sheets), then
times, each as a fresh child process (wall time, peak RSS):
- the import (`esante import onisep FILE --out DIR`), parse + mapping + validation + writing;
- the first `esante search` with the result as overlay, on an empty cache folder (YAML,
  validation, cache and index written), then the warm search (median of --runs);
- `python -c "import typer"` as the reference, and the warm search without the overlay, in
  the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = (
    "données santé patient soins imagerie réseau logiciel maintenance qualité laboratoire analyse "
    "hôpital parcours suivi système sécurité projet formation conseil dispositif médical recherche"
).split()
LEVELS = ["Bac + 2", "Bac + 3", "bac + 5", "Bac + 5", "CAP ou équivalent", "Bac", "Bac + 8"]
SALARIES = [
    "{a} € brut par mois.",
    "Entre {a} et {b} € bruts mensuels selon l'employeur.",
    "Autour de {y} € brut par an en début de carrière.",
    "Le Smic, davantage avec l'expérience.",
]
SECTORS = ["Santé", "Informatique, télécoms", "Industrie", "Recherche", "Social", "Numérique"]


def sheet(i: int, n: int, rng: random.Random) -> str:
    words = rng.sample(WORDS, 3)
    title = f"{words[0]}-{words[1]} {i}"
    monthly = rng.randrange(1500, 3000, 50)
    salary = rng.choice(SALARIES).format(a=f"{monthly:,}".replace(",", "\u00a0"), b=f"{monthly + 400:,}".replace(",", "\u00a0"), y=f"{monthly * 12:,}".replace(",", " "))
    text = " ".join(rng.choices(WORDS, k=60))
    fors = "".join(
        f"<formation_min_requise><id>FOR.{f}</id><libelle>{rng.choice(['master', 'BTS', 'licence', 'CAP'])} {escape(rng.choice(WORDS))} {f}</libelle></formation_min_requise>"
        for f in rng.sample(range(1, 900), 3)
    )
    related = "".join(f"<metier_associe><id>MET.{rng.randrange(1, n + 1)}</id><libelle>x</libelle></metier_associe>" for _ in range(2))
    return f"""<metier>
<identifiant>MET.{i}</identifiant><nom_metier>{escape(title)}</nom_metier>
<libelle_feminin>{escape(title)}e</libelle_feminin><libelle_masculin>{escape(title)}</libelle_masculin>
<synonymes><synonyme><nom_metier>{escape(words[2])} {i}</nom_metier></synonyme></synonymes>
<romesV3><romeV3>{rng.choice('JMHK')}{rng.randrange(1000, 2000)}</romeV3></romesV3>
<accroche_metier><![CDATA[<p>{escape(text[:200])}</p>]]></accroche_metier>
<nature_travail><![CDATA[<h5>Une journée</h5><p>{escape(text)}</p><h5>Les outils</h5><p>{escape(text[::-1])}</p>]]></nature_travail>
<competences><![CDATA[<p>{escape(text)}</p>]]></competences>
<condition_travail><![CDATA[<p>{escape(text)}</p>]]></condition_travail>
<acces_metier><![CDATA[<p>{escape(text)}</p>]]></acces_metier>
<vie_professionnelle><![CDATA[<h3>Salaire</h3><h5>Salaire du débutant</h5><p>{escape(salary)}</p><h5>Débouchés</h5><p>{escape(text)}</p>]]></vie_professionnelle>
<niveau_acces_min><id>REF.1</id><libelle>{rng.choice(LEVELS)}</libelle></niveau_acces_min>
<formations_min_requise>{fors}</formations_min_requise>
<statuts><statut><id>T-ITM.9</id><libelle>salarié</libelle></statut></statuts>
<secteurs_activite><secteur_activite><id>T-1</id><libelle>{rng.choice(SECTORS)}</libelle></secteur_activite></secteurs_activite>
<centres_interet><centre_interet><id>T-2</id><libelle>j'aime {escape(rng.choice(WORDS))}</libelle></centre_interet></centres_interet>
<metiers_associes>{related}</metiers_associes>
</metier>
"""


def generate(path: Path, n: int) -> None:
    rng = random.Random(17)
    with path.open("w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<metiers>\n')
        for i in range(1, n + 1):
            f.write(sheet(i, n, rng))
        f.write("</metiers>\n")


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"failed: {' '.join(argv)}\n{err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1500, help="sheets to generate (1,500)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each warm measure (median)")
    parser.add_argument("--query", default="imagerie patient", help="the query searched")
    args = parser.parse_args()
    esante = [sys.executable, "-m", "esante_cli"]
    with tempfile.TemporaryDirectory(prefix="esante-bench-onisep-") as tmp:
        work = Path(tmp)
        xml = work / "fiches.xml"
        generate(xml, args.n)
        env = {**os.environ, "ESANTE_CACHE_DIR": str(work / "cache"), "HOME": str(work)}
        env.pop("ESANTE_EXTRA_DIRS", None)
        rows = []
        typer = [run([sys.executable, "-c", "import typer"], env)[0] for _ in range(args.runs)]
        rows.append(("python -c 'import typer' (reference)", statistics.median(typer), None))
        plain = [*esante, "search", *args.query.split()]
        run(plain, env)
        base = [run(plain, env) for _ in range(args.runs)]
        rows.append((f"warm search, shipped data only (median of {args.runs})", statistics.median(b[0] for b in base), max(b[1] for b in base)))
        out = work / "onisep"
        seconds, rss = run([*esante, "import", "onisep", str(xml), "--out", str(out)], env)
        rows.append((f"import {args.n:,} sheets ({xml.stat().st_size / 1048576:.1f} MB XML)", seconds, rss))
        search = [*esante, "search", *args.query.split(), "--with", str(out)]
        seconds, rss = run(search, env)
        rows.append(("first search with the overlay (empty cache)", seconds, rss))
        warm = [run(search, env) for _ in range(args.runs)]
        rows.append((f"warm search (median of {args.runs})", statistics.median(w[0] for w in warm), max(w[1] for w in warm)))
        written = sum(p.stat().st_size for p in out.iterdir()) / 1048576
        print(f"esante import onisep — {args.n:,} generated sheets, {written:.1f} MB of YAML written\n")
        print(f"{'measure':<52} {'seconds':>8} {'× typer':>8} {'peak MB':>8}")
        reference = rows[0][1]
        for name, secs, peak in rows:
            print(f"{name:<52} {secs:>8.3f} {secs / reference:>8.1f} {'' if peak is None else f'{peak:.0f}':>8}")


if __name__ == "__main__":
    main()
