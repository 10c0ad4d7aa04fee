"""Write a synthetic data folder of N records (default 100,000), valid against the schema.

    python bench/gen_catalog.py /tmp/esante-100k            # 100,000 records
    python bench/gen_catalog.py /tmp/esante-10k -n 10000

The mix is shaped like the national catalogues the issue names: careers (~12 %, as in ROME's
job titles), programmes (~60 %, as in ONISEP), skills (~28 %), a few sectors and market figures.
Text is French, assembled from word lists with a fixed seed (same folder every run). References
are valid: evolutions and `leads_to` only point forward (no cycles) and levels rise. Files are
split so that each stays well under datafiles.MAX_FILE_BYTES. Every record cites a `sources` entry
saying it is synthetic: this folder is for benchmarks only, never for users.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

import yaml

SOURCE = "bench-donnees-synthetiques"  # the registry id every record cites (one `sources:` entry)
LEVELS = ["bac"] + [f"bac+{n}" for n in range(1, 9)]

METIERS = [
    "ingénieur", "technicien", "chef de projet", "responsable", "consultant", "développeur", "analyste",
    "architecte", "coordinateur", "chargé de mission", "directeur", "gestionnaire", "administrateur",
    "data scientist", "juriste", "formateur", "chercheur", "auditeur", "designer", "référent",
]
DOMAINES = [
    "imagerie médicale", "e-santé", "télémédecine", "données de santé", "dispositifs médicaux",
    "systèmes d'information hospitaliers", "cybersécurité en santé", "biologie médicale",
    "santé connectée", "intelligence artificielle médicale", "qualité des soins", "pharmacovigilance",
    "robotique chirurgicale", "essais cliniques", "interopérabilité", "santé publique",
    "génie biomédical", "bio-informatique", "parcours de soins", "prévention", "radiothérapie",
    "rééducation", "gériatrie numérique", "logistique hospitalière", "réglementation des produits de santé",
]
QUALIFS = [
    "", "", "", "senior", "junior", "en recherche et développement", "en établissement de santé",
    "en industrie pharmaceutique", "territorial", "régional", "en start-up", "hospitalier",
]
VERBES = [
    "conçoit", "pilote", "déploie", "analyse", "sécurise", "coordonne", "évalue", "développe",
    "accompagne", "optimise", "documente", "contrôle", "modélise", "anime", "intègre",
]
OBJETS = [
    "les logiciels des appareils d'imagerie", "les projets numériques des hôpitaux",
    "les bases de données médicales", "les outils de télésurveillance", "les échanges entre soignants",
    "la conformité réglementaire des dispositifs", "les algorithmes d'aide au diagnostic",
    "les plateformes de téléconsultation", "la protection des données des patients",
    "les essais cliniques multicentriques", "la maintenance des équipements biomédicaux",
    "les applications mobiles de suivi", "les indicateurs de qualité", "la formation des utilisateurs",
]
LIEUX = [
    "à l'hôpital", "en clinique", "dans une start-up", "dans l'industrie du médicament",
    "au sein d'une agence régionale de santé", "dans un laboratoire public", "en cabinet de conseil",
    "chez un éditeur de logiciels", "dans un groupement hospitalier de territoire",
]
VILLES = [
    "Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg", "Rennes",
    "Grenoble", "Montpellier", "Nancy", "Brest", "Vannes", "Compiègne", "Troyes", "Évry", "Saint-Étienne",
    "Clermont-Ferrand", "Besançon", "Dijon", "Angers", "Tours", "Poitiers", "Limoges", "Amiens", "Caen",
]
ECOLES = [
    "Université", "École d'ingénieurs", "Institut universitaire de technologie", "École de commerce",
    "Institut de formation", "Conservatoire", "École supérieure", "Faculté de médecine", "Lycée",
]
CATEGORIES = ["technique", "sante", "reglementaire", "transverse"]
KINDS = [
    ("licence", "bac", "bac+3", 3), ("master", "bac+3", "bac+5", 2), ("cycle_ingenieur", "bac+2", "bac+5", 3),
    ("du", "bac+3", "bac+4", 1), ("mastere_specialise", "bac+5", "bac+6", 1), ("certification", None, None, None),
    ("formation_continue", None, None, None), ("module", None, None, None), ("prepa", "bac", "bac+2", 2),
]
COMPETENCES = [
    "Analyse de données", "Programmation", "Gestion de projet", "Réglementation des dispositifs médicaux",
    "Anglais technique", "Traitement d'image", "Sécurité des systèmes", "Communication", "Statistiques",
    "Biologie humaine", "Droit de la santé", "Qualité et normes", "Conduite du changement", "Pédagogie",
    "Apprentissage automatique", "Architecture logicielle", "Interopérabilité HL7 FHIR", "Électronique",
]
KIND_NAMES = {
    "licence": "Licence", "master": "Master", "cycle_ingenieur": "Cycle ingénieur", "du": "Diplôme d'université",
    "mastere_specialise": "Mastère spécialisé", "certification": "Certificat", "formation_continue": "Formation continue",
    "module": "Module", "prepa": "Classe préparatoire",
}
ASPECTS = ["appliquée", "avancée", "en milieu hospitalier", "pour la recherche", "des données cliniques", "", ""]


def sentence(rng: random.Random, subject: str) -> str:
    return f"{subject} {rng.choice(VERBES)} {rng.choice(OBJETS)} {rng.choice(LIEUX)}."


def build(n: int, seed: int = 20240) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    n_sectors, n_market = max(1, n // 2000), max(1, n // 2000)
    n_careers = max(1, n * 12 // 100)
    n_skills = max(1, n * 28 // 100)
    n_trainings = max(1, n - n_careers - n_skills - n_sectors - n_market)
    sectors_ids = [f"secteur-{i}" for i in range(n_sectors)]
    skill_ids = [f"competence-{i}" for i in range(n_skills)]
    career_ids = [f"metier-{i}" for i in range(n_careers)]
    training_ids = [f"formation-{i}" for i in range(n_trainings)]

    skills = []
    for i, sid in enumerate(skill_ids):
        name = f"{rng.choice(COMPETENCES)} {rng.choice(ASPECTS)}".strip() + f" {i}"
        skills.append({
            "id": sid, "name": name, "category": rng.choice(CATEGORIES),
            "aliases": [name.lower()] if rng.random() < 0.5 else [],
            "summary": sentence(rng, "Cette compétence") if rng.random() < 0.6 else None,
            "sources": [SOURCE],
        })

    careers = []
    for i, cid in enumerate(career_ids):
        title = f"{rng.choice(METIERS)} {rng.choice(DOMAINES)} {rng.choice(QUALIFS)}".strip() + f" {i}"
        lo = rng.randrange(1800, 3200, 50)
        ahead = career_ids[i + 1 : i + 40]
        careers.append({
            "id": cid, "title": title, "feminine": None, "masculine": None,
            "other_titles": [f"{title} confirmé"] if rng.random() < 0.4 else [],
            "aliases": [f"{rng.choice(METIERS)} {rng.choice(DOMAINES)}"] if rng.random() < 0.5 else [],
            "codes": {"rome": [f"{rng.choice('HJKM')}{rng.randrange(1000, 2000)}"], "onisep": f"MET.{rng.randrange(1, 2000)}"},
            "summary": " ".join(sentence(rng, s) for s in ("Il ou elle", "Ce professionnel")),
            "missions": [sentence(rng, "Il ou elle") for _ in range(rng.randint(2, 4))],
            "skills": rng.sample(skill_ids, k=min(len(skill_ids), rng.randint(3, 7))),
            "entry_level": rng.choice(LEVELS[2:7]),
            "salary": {"min": lo, "max": lo + rng.randrange(200, 1500, 50), "basis": "brut_mensuel", "note": None}
            if rng.random() < 0.8 else None,
            "sectors": rng.sample(sectors_ids, k=min(len(sectors_ids), rng.randint(1, 2))),
            "employers": rng.sample(LIEUX, k=2),
            "statuses": ["salarié"] if rng.random() < 0.7 else ["salarié", "fonctionnaire"],
            "evolutions": rng.sample(ahead, k=min(len(ahead), rng.randint(0, 2))),
            "related": rng.sample(ahead, k=min(len(ahead), rng.randint(0, 2))),
            "trainings": [],
            "interests": ["je veux être utile aux autres"] if rng.random() < 0.5 else [],
            "sources": [SOURCE],
        })

    trainings = []
    for i, tid in enumerate(training_ids):
        kind, entry, exit_, years = rng.choice(KINDS)
        city = rng.choice(VILLES)
        domain = rng.choice(DOMAINES)
        record = {
            "id": tid, "name": f"{KIND_NAMES[kind]} {domain} {i}",
            "institution": f"{rng.choice(ECOLES)} de {city}", "city": city, "kind": kind,
            "entry_level": entry, "exit_level": exit_,
            "duration": {"value": years, "unit": "annees"} if years else {"value": rng.choice([35, 70, 140]), "unit": "heures"},
            "leads_to": [],
            "careers": rng.sample(career_ids, k=min(len(career_ids), rng.randint(1, 3))),
            "labels": ["grade de master"] if kind == "master" else [],
            "codes": {"onisep": f"FOR.{rng.randrange(1000, 99999)}"},
            "modes": rng.sample(["temps_plein", "alternance", "formation_continue"], k=rng.randint(1, 2)),
            "continuing": kind in ("formation_continue", "module"),
            "generic": False,
            "summary": sentence(rng, "Cette formation") if rng.random() < 0.7 else None,
            "sources": [SOURCE],
        }
        trainings.append(record)
    # leads_to: forward only (no cycle), into a programme that starts at or after this one's exit.
    by_entry: dict[str | None, list[int]] = {}
    for i, t in enumerate(trainings):
        by_entry.setdefault(t["entry_level"], []).append(i)
    for i, t in enumerate(trainings):
        if t["exit_level"] and rng.random() < 0.5:
            later = [lvl for lvl in LEVELS if LEVELS.index(lvl) >= LEVELS.index(t["exit_level"])]
            candidates = [j for j in by_entry.get(rng.choice(later), []) if j > i][:50]
            t["leads_to"] = [training_ids[j] for j in rng.sample(candidates, k=min(len(candidates), 2))]
    for career in careers:
        career["trainings"] = rng.sample(training_ids, k=min(len(training_ids), rng.randint(1, 4)))

    sectors = [{
        "id": sid, "name": f"Secteur {rng.choice(DOMAINES)} {i}",
        "salary": {"min": 36000, "max": 36000 + rng.randrange(1000, 9000, 500), "basis": "brut_annuel", "note": None},
        "growth_5y": rng.randrange(5, 45),
        "job_titles": [{"title": careers[j]["title"], "career": careers[j]["id"]} for j in rng.sample(range(len(careers)), k=min(3, len(careers)))],
        "summary": sentence(rng, "Ce secteur"), "sources": [SOURCE],
    } for i, sid in enumerate(sectors_ids)]
    market = [{
        "id": f"chiffre-{i}", "label": f"Effectif {rng.choice(DOMAINES)} {i}", "value": rng.randrange(100, 100000),
        "unit": "salariés", "year": rng.choice([2021, 2022, 2023]), "horizon": None, "scope": "France", "note": None,
        "sources": [SOURCE],
    } for i in range(n_market)]
    sources = [{"id": SOURCE, "title": "Données synthétiques (bench/gen_catalog.py)", "note": "aucune valeur réelle"}]
    return {"careers": careers, "trainings": trainings, "skills": skills, "sectors": sectors, "market": market, "sources": sources}


def write(folder: Path, data: dict[str, list[dict]], per_file: int = 12_000) -> list[Path]:
    """One or more files per kind, `per_file` records each (well under 20 MiB)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    written = []
    for kind, records in data.items():
        for part, start in enumerate(range(0, len(records), per_file)):
            path = folder / f"{kind}-{part:02d}.yaml"
            with path.open("w", encoding="utf-8") as fh:
                yaml.dump({kind: records[start : start + per_file]}, fh, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
            written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-n", "--records", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20240)
    args = parser.parse_args()
    start = time.perf_counter()
    data = build(args.records, args.seed)
    files = write(args.folder, data)
    sizes = [p.stat().st_size for p in files]
    total = sum(len(v) for v in data.values())
    print(
        f"{total} records in {len(files)} files, {sum(sizes) / 1e6:.1f} MB "
        f"(largest {max(sizes) / 1e6:.1f} MB), written in {time.perf_counter() - start:.1f} s to {args.folder}"
    )
    # Files younger than the cache's safety window are never cached: age them like a real folder.
    old = time.time() - 60
    for path in files:
        os.utime(path, (old, old))


if __name__ == "__main__":
    main()
