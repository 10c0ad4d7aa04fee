#!/usr/bin/env python3
"""Regenerate data/rome.yaml, the e-health slice of ROME 4.0 shipped with esante, from France
Travail's official CSV set (a folder or RefRomeCsv.zip, any version):

    python scripts/rome_slice.py PATH-TO-ROME-FOLDER-OR-ZIP [--date AAAA-MM-JJ]

The selection rule (docs/rome.md, « Ce que le catalogue embarque ») is `select()` below.
The sheets keep ROME's names and labels; ROME's definition and access paragraphs are left
out (they are France Travail's sentences, shown only from a user's own import). Then review
`git diff data/` and run the tests. The version and date go into data/sources.yaml by hand.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from esante_cli.catalog.importers import folder, rome, rome_csv  # noqa: E402
from esante_cli.catalog.folding import fold  # noqa: E402

HUB = "M1880"  # « Spécialiste e-santé »: the sheet of our field
# Words that name our field in a sheet's title or job titles (matched whole, without accents or case).
TITLE_WORDS = (
    "e-santé", "santé numérique", "numérique en santé", "télémédecine", "télésanté", "biomédical",
    "biomédicale", "information médicale", "données de santé", "imagerie médicale", "health data",
    "bioinformaticien", "bioinformaticienne",
)  # fmt: skip
# Words that name our field in a sheet's skills and knowledge (narrower: « télémédecine » or
# « imagerie » alone appear in many clinical sheets).
SKILL_WORDS = (
    "e-santé", "santé numérique", "numérique en santé", "numériques de santé", "données de santé",
    "télésanté", "health data", "information médicale", "systèmes d'information de santé",
    "systèmes d'information hospitaliers", "bioinformatique",
)  # fmt: skip
# Sheets of jobs e-health employers hire for, that no word above names: the data engineer who builds
# health data platforms, the data protection officer that any holder of health data must appoint.
ALSO = ("M1811", "K1906")
# Our own one-sentence definitions of the interest themes (ROME's are France Travail's sentences).
SUMMARIES = ROOT / "scripts" / "rome_interests.yaml"


def _words(texts: list[str]) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", fold(t)) for t in texts) + " "


def _has(texts: list[str], words: tuple[str, ...]) -> bool:
    haystack = _words(texts)
    return any(f" {re.sub(r'[^a-z0-9]+', ' ', fold(w)).strip()} " in haystack for w in words)


def curated_codes() -> set[str]:
    """The ROME codes our curated careers point to (data/careers.yaml)."""
    import yaml

    careers = yaml.safe_load((ROOT / "data" / "careers.yaml").read_text(encoding="utf-8"))["careers"]
    return {code for c in careers for code in (c.get("codes") or {}).get("rome") or ()}


def select(sheets: dict[str, dict], curated: set[str]) -> list[str]:
    """The slice: M1880; the sheets linked to it by a mobility either way; the sheets whose title or
    job titles (TITLE_WORDS) or skills (SKILL_WORDS) name our field; the sheets our careers point to;
    ALSO."""
    keep = {HUB} if HUB in sheets else set()
    hub = sheets.get(HUB)
    if hub:
        keep |= {link["code"] for link in hub["mobilities"] + hub["origins"]}
    for code, sheet in sheets.items():
        skills = [item for group in sheet["skills"] for item in group["items"]]
        if _has([sheet["title"], *sheet["appellations"]], TITLE_WORDS) or _has(skills, SKILL_WORDS):
            keep.add(code)
    keep |= (curated | set(ALSO)) & set(sheets)
    return sorted(keep)


def with_summaries(themes: list[dict]) -> list[dict]:
    """Each theme with our own definition (scripts/rome_interests.yaml, docs/interests.md) as its
    `summary`, matched by code and label: a theme ROME renames or renumbers stops the script."""
    import yaml

    ours = {s["code"]: s for s in yaml.safe_load(SUMMARIES.read_text(encoding="utf-8"))["summaries"]}
    out = []
    for theme in themes:
        mine = ours.get(theme["code"])
        if mine is None or mine["label"] != theme["label"]:
            raise SystemExit(
                f"{SUMMARIES.name} : pas de définition pour le thème {theme['code']} « {theme['label']} » "
                "(nouveau, renommé ou renuméroté) : écrivez-la"
            )
        out.append({"id": theme["id"], "code": theme["code"], "label": theme["label"], "summary": mine["summary"], "sources": theme["sources"]})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the ROME CSV folder or RefRomeCsv.zip")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "rome.yaml")
    args = parser.parse_args(argv)
    tables = rome_csv.read_tables(args.source)
    sheets = rome.build_sheets(tables, texts=False)
    codes = select(sheets, curated_codes())
    records = []
    for code in codes:
        sheet = dict(sheets[code])
        sheet.pop("definition"), sheet.pop("access")  # ROME's sentences: never shipped
        records.append(sheet)
    header = (
        f"# ROME 4.0 (France Travail), files v{tables.version}: the e-health slice, {len(records)} sheets, and the\n"
        "# interest themes. GENERATED by scripts/rome_slice.py from the official CSV set: do not edit by\n"
        "# hand, regenerate (docs/rome.md). Names and labels are ROME's (Licence Ouverte / Open Licence\n"
        "# 2.0, Etalab); ROME's definition and access paragraphs are not shipped.\n"
    )
    themes = with_summaries(rome.interest_themes(tables))
    text = header + folder.dump_yaml({"rome": records, "rome_interests": themes})
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(records)} fiches ROME (sur {len(sheets)}) et {len(themes)} centres d'intérêt écrits dans {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
