"""Search latency over a generated catalogue (default 100,000 records), once loaded.

Prints the index build time and, for a set of queries a student would type (plain words, typos,
partial words, several words, codes), the median and worst latency of `search()` over a few runs.
Target (issue 3): ≤ 0.3 s per search over 100,000 records.

    python bench/search_latency.py [--records N] [--runs R]

The records are synthetic but shaped like the real ones: French titles built from real job
words and domains, feminine forms, aliases, two-sentence descriptions, programmes in French
cities, skills shared between careers. Nothing here is data: it only exists in memory.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from esante_cli.catalog.models import Career, Catalog, JobTitle, Salary, Sector, Skill, Training

ROLES = [
    ("ingénieur/e", "ingénieure", "ingénieur"),
    ("chef/fe de projet", "cheffe de projet", "chef de projet"),
    ("développeur/euse", "développeuse", "développeur"),
    ("consultant/e", "consultante", "consultant"),
    ("technicien/ne", "technicienne", "technicien"),
    ("directeur/trice", "directrice", "directeur"),
    ("responsable", "responsable", "responsable"),
    ("chargé/e de mission", "chargée de mission", "chargé de mission"),
    ("architecte", "architecte", "architecte"),
    ("analyste", "analyste", "analyste"),
    ("spécialiste", "spécialiste", "spécialiste"),
    ("expert/e", "experte", "expert"),
    ("coordinateur/trice", "coordinatrice", "coordinateur"),
    ("administrateur/trice", "administratrice", "administrateur"),
    ("data scientist", "data scientist", "data scientist"),
    ("product owner", "product owner", "product owner"),
]
DOMAINS = [
    "imagerie médicale", "e-santé", "télémédecine", "données de santé", "dispositifs médicaux",
    "cybersécurité hospitalière", "systèmes d'information hospitaliers", "intelligence artificielle en santé",
    "biostatistique", "pharmacovigilance", "santé connectée", "interopérabilité", "qualité des soins",
    "essais cliniques", "bio-informatique", "robotique chirurgicale", "dossier patient informatisé",
    "objets connectés de santé", "réalité virtuelle médicale", "parcours de soins", "santé publique",
    "génomique", "radiothérapie", "biologie médicale", "logiciels médicaux", "hébergement de données de santé",
    "IA en santé", "RGPD et conformité", "systèmes d'information (DSI)",
]
QUALIFIERS = [
    "", "", "", "junior", "senior", "R&D", "en établissement de santé", "en industrie pharmaceutique",
    "en start-up", "hospitalier", "régional", "clinique", "territorial", "en laboratoire",
]
CITIES = [
    "Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Bordeaux", "Nantes", "Strasbourg", "Montpellier",
    "Rennes", "Grenoble", "Limoges", "Nancy", "Dijon", "Angers", "Brest", "Tours", "Rouen", "Caen",
    "Clermont-Ferrand", "Besançon", "Poitiers", "Amiens", "Reims", "Nice", "Saint-Étienne", "Le Mans",
    "Orléans", "Metz", "Pau", "Perpignan", "Nîmes", "Valenciennes", "Compiègne", "Troyes", "Lens",
]
SCHOOLS = ["Université de {c}", "École d'ingénieurs de {c}", "IUT de {c}", "Polytech {c}", "CHU de {c}", "Institut de formation de {c}"]
KINDS = [("master", "Master"), ("licence", "Licence professionnelle"), ("du", "Diplôme universitaire"),
         ("cycle_ingenieur", "Diplôme d'ingénieur"), ("mastere_specialise", "Mastère spécialisé"),
         ("certification", "Certification"), ("module", "Module")]
SYLLABLES = ["bio", "télé", "cardio", "neuro", "info", "chrono", "méta", "onco", "pneumo", "dermato", "gastro",
             "ortho", "radio", "vigil", "logi", "tech", "méd", "thér", "graph", "scop", "nom", "clin", "phar", "gén"]
ENDINGS = ["ie", "ique", "ance", "isme", "ologie", "iste", "al", "eur", "ion", "ité", "ure", "oire"]
VERBS = ["conçoit", "pilote", "déploie", "sécurise", "analyse", "accompagne", "coordonne", "évalue", "développe"]
OBJECTS = ["des solutions numériques", "des projets", "des logiciels", "des services", "des équipes", "des données"]
PLACES = ["à l'hôpital", "en clinique", "dans l'industrie", "en start-up", "au sein d'un groupement hospitalier"]


def generate(n: int, seed: int = 7) -> Catalog:
    rnd = random.Random(seed)
    # A lexicon of French-looking rare words, so the vocabulary is as large as a real catalogue's.
    lexicon = sorted({"".join(rnd.choices(SYLLABLES, k=rnd.randint(2, 3))) + rnd.choice(ENDINGS) for _ in range(30_000)})
    rare = lambda k=2: " ".join(rnd.choices(lexicon, k=k))  # noqa: E731
    records: dict = {}
    n_skills, n_sectors = max(1, n // 20), max(1, n // 200)
    n_trainings = n * 2 // 5
    n_careers = n - n_skills - n_sectors - n_trainings
    skill_ids = []
    for i in range(n_skills):
        domain = rnd.choice(DOMAINS)
        name = f"{rnd.choice(['Gestion', 'Analyse', 'Sécurité', 'Pratique', 'Réglementation'])} {rnd.choice(['des', 'en'])} {domain}"
        sid = f"skill-{i}"
        records[sid] = Skill(sid, name, ("bench",), f"Savoir-faire en {domain}.", category="technique", aliases=(domain,))
        skill_ids.append(sid)
    sector_ids = []
    for i in range(n_sectors):
        sid = f"sector-{i}"
        records[sid] = Sector(sid, f"Secteur {rnd.choice(DOMAINS)} {rnd.choice(CITIES)}", ("bench",), None,
                              Salary(38000, 45000, "brut_annuel"), 30.0, (JobTitle("Chef de projet numérique"),))
        sector_ids.append(sid)
    career_ids = []
    for i in range(n_careers):
        (title, fem, masc), domain, qual = rnd.choice(ROLES), rnd.choice(DOMAINS), rnd.choice(QUALIFIERS)
        suffix = f" {qual}" if qual else ""
        cid = f"career-{i}"
        records[cid] = Career(
            cid, f"{title} en {domain}{suffix}", ("bench",),
            f"Il ou elle {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} en {domain} {rnd.choice(PLACES)}, "
            f"notamment en {rare()}. Le métier demande de travailler avec les soignants.",
            feminine=f"{fem} en {domain}{suffix}", masculine=f"{masc} en {domain}{suffix}",
            aliases=(f"{masc} {domain}", f"{fem} {domain}", f"{masc} {rare(1)}"),
            rome=(f"{rnd.choice('HJKM')}{rnd.randint(1000, 2999)}",),
            onisep=f"MET.{rnd.randint(1, 99999)}",
            missions=(f"{rnd.choice(VERBS).capitalize()} {rnd.choice(OBJECTS)}.",),
            skills=tuple(rnd.sample(skill_ids, min(5, len(skill_ids)))),
            entry_level=rnd.choice(["bac+3", "bac+5", None]),
            salary=Salary(rnd.choice([2000, 2300, 2600]), None, "brut_mensuel") if rnd.random() < 0.5 else None,
            sectors=(rnd.choice(sector_ids),),
            employers=(f"CHU de {rnd.choice(CITIES)}",),
        )
        career_ids.append(cid)
    for i in range(n_trainings):
        kind, label = rnd.choice(KINDS)
        city = rnd.choice(CITIES)
        tid = f"training-{i}"
        records[tid] = Training(
            tid, f"{label} {rnd.choice(DOMAINS)}", ("bench",),
            f"Formation en {rnd.choice(DOMAINS)} et {rare()} {rnd.choice(PLACES)}, ouverte après un bac+3.",
            training_kind=kind, institution=rnd.choice(SCHOOLS).format(c=city), city=city,
            exit_level=rnd.choice(["bac+3", "bac+5", "bac+6"]),
            careers=tuple(rnd.sample(career_ids, 2)), modes=(rnd.choice(["temps_plein", "alternance"]),),
        )
    return Catalog(records)


QUERIES = [
    "imagerie", "ingenieur sante", "imagrie", "cyber", "data", "chef de projet", "DSI", "Lille", "Limoges",
    "master", "RGPD", "H1206", "IA", "start-up", "pharma", "consultant", "alternance", "télémédecine",
    "master paris", "développeur e-santé junior", "santé",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from esante_cli.explore import search

    start = time.perf_counter()
    catalog = generate(args.records)
    print(f"generated {len(catalog):,} records in {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    index = search.index_for(catalog)
    print(f"index built in {time.perf_counter() - start:.2f} s ({len(index.db.vocabulary()):,} terms, in-memory SQLite)")
    search.search(catalog, "warm up", limit=10)

    medians = []
    for query in QUERIES:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            hits = search.search(catalog, query, limit=10)
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        medians.append(median)
        top = hits[0].record.name if hits else "—"
        print(f"{median * 1000:8.1f} ms  max {max(times) * 1000:7.1f} ms  {query!r:32} → {top}")
    print(f"median over queries: {statistics.median(medians) * 1000:.1f} ms; worst query: {max(medians) * 1000:.1f} ms "
          f"(target ≤ 300 ms)")
    try:
        import resource

        print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    except ImportError:  # not on Windows
        pass


if __name__ == "__main__":
    main()
