"""Issue 15: what the stock YAML loader lets through, and the plausible ranges of numbers.

Duplicate keys at any depth, scalars the constructors reject, alias amplification and
implausible figures each become a problem with the file and line, and the other problems of the
folder are still listed."""

from __future__ import annotations

import math
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esante_cli.catalog import store, yamlfile
from esante_cli.catalog.yamlguard import MAX_ALIAS_NODES, YamlErrors

FIXTURE = Path(__file__).parent / "data" / "mini"
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
F = Path("f.yaml")


def problems_of(text: str) -> list[tuple[int | None, str]]:
    try:
        yamlfile.parse(text, F)
    except YamlErrors as exc:
        return [(e.line, e.message) for e in exc.errors]
    return []


def check_with(files: dict[str, str]) -> list[tuple[str, int | None, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return [(Path(p.path).name, p.line, p.message) for p in store.check(folder).problems]


# ---------------------------------------------------------------- duplicate keys

keys = st.sampled_from(["id", "title", "name", "summary", "min", "a", "b", "c"])


@st.composite
def nested_with_duplicate(draw: st.DrawFn) -> tuple[str, int, int, str]:
    """A block-YAML document whose mapping at a random depth repeats a key: (text, first line, second line, key)."""
    depth = draw(st.integers(0, 5))
    lines: list[str] = []
    for level in range(depth):
        lines.append("  " * level + f"{draw(keys)}{level}:")
    indent = "  " * depth
    key = draw(keys)
    before = draw(st.lists(keys.filter(lambda k: k != key), max_size=3, unique=True))
    lines += [f"{indent}{k}: v" for k in before]
    first = len(lines) + 1
    lines.append(f"{indent}{key}: one")
    between = draw(st.lists(keys.filter(lambda k: k != key and k not in before), max_size=2, unique=True))
    lines += [f"{indent}{k}: v" for k in between]
    lines.append(f"{indent}{key}: two")
    return "\n".join(lines) + "\n", first, len(lines), key


@SETTINGS
@given(case=nested_with_duplicate())
def test_a_duplicate_key_at_any_depth_is_a_problem_at_its_line(case: tuple[str, int, int, str]) -> None:
    text, first, second, key = case
    assert problems_of(text) == [(second, f"clé « {key} » en double (déjà à la ligne {first}) : une seule valeur serait gardée")]


def test_duplicate_keys_in_flow_mappings_and_lists_of_records() -> None:
    text = "careers:\n  - {id: a, id: b}\n  - id: c\n    codes: {rome: [X], rome: [Y]}\n"
    assert [line for line, _ in problems_of(text)] == [2, 4]


def test_merge_keys_still_work_and_an_explicit_key_overrides_a_merged_one() -> None:
    assert yamlfile.parse("base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  x: 3\n", F)["m"] == {"x": 3, "y": 2}
    assert problems_of("base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n  y: 3\n") == [
        (5, "clé « y » en double (déjà à la ligne 4) : une seule valeur serait gardée")
    ]


def test_a_duplicated_section_is_reported_not_silently_dropped() -> None:
    careers = (FIXTURE / "careers.yaml").read_text(encoding="utf-8")
    found = check_with({"careers.yaml": careers + "careers:\n  - {id: x, title: X, summary: S, sources: [test]}\n"})
    assert found == [("careers.yaml", 26, "clé « careers » en double (déjà à la ligne 1) : une seule valeur serait gardée")]


# ---------------------------------------------------------------- scalars the constructors reject

BAD_SCALARS = [
    ("2024-02-30", "date impossible « 2024-02-30 »"),
    ("2023-13-01", "date impossible « 2023-13-01 »"),
    ("!!timestamp hier", "date impossible « hier »"),
    ("!!int abc", "« abc » n'est pas un nombre entier (balise !!int)"),
    ("!!int 1.5", "« 1.5 » n'est pas un nombre entier"),
    ("!!float nope", "« nope » n'est pas un nombre (balise !!float)"),
    ("!!bool maybe", "« maybe » n'est pas un booléen"),
    ("!!int [1, 2]", "balise YAML !!int sur une liste ou un dictionnaire"),
    ("!!null {a: 1}", "balise YAML !!null sur une liste ou un dictionnaire"),
    ("9" * 4301, "nombre entier trop long (4301 chiffres)"),
    ("-" + "1" * 5000, "nombre entier trop long"),
]


@SETTINGS
@given(
    bad=st.lists(st.sampled_from(BAD_SCALARS), min_size=1, max_size=4),
    gaps=st.lists(st.integers(0, 3), min_size=4, max_size=4),
)
def test_every_rejected_scalar_is_one_problem_at_its_line(bad: list[tuple[str, str]], gaps: list[int]) -> None:
    lines, expected = ["market:", "  - id: x"], []
    for (scalar, words), gap in zip(bad, gaps):
        lines += [f"    ok{len(lines)}-{i}: fine" for i in range(gap)]
        lines.append(f"    bad{len(lines)}: {scalar}")
        expected.append((len(lines), words))
    found = problems_of("\n".join(lines) + "\n")
    assert [line for line, _ in found] == [line for line, _ in expected]
    for (_, message), (_, words) in zip(found, expected):
        assert message.startswith(words), (message, words)


def test_other_problems_of_the_folder_are_still_listed() -> None:
    sectors = (FIXTURE / "sectors.yaml").read_text(encoding="utf-8")
    found = check_with(
        {
            "market.yaml": "market:\n  - {id: x, label: X, value: !!float nope, unit: u, year: 2024-02-30, sources: [test]}\n",
            "sectors.yaml": sectors.replace("growth_5y: 30", "growth_5y: -250"),
        }
    )
    assert [(name, line) for name, line, _ in found] == [("market.yaml", 2), ("market.yaml", 2), ("sectors.yaml", 5)]
    assert "invraisemblable : -250" in found[2][2]


def test_dates_and_binary_are_named_in_french_by_the_schema() -> None:
    found = check_with({"market.yaml": "market:\n  - {id: x, label: 2024-02-28, value: 1, unit: !!binary aGVsbG8=, sources: [test]}\n"})
    assert [m for _, _, m in found] == ["texte attendu, trouvé une date", "texte attendu, trouvé des données binaires"]


# ---------------------------------------------------------------- alias amplification


def bomb(items: int, aliases: int) -> str:
    return "l: &L [" + ", ".join(["x"] * items) + "]\nskills: [" + ", ".join(["*L"] * aliases) + "]\n"


@SETTINGS
@given(items=st.integers(0, 2_000), aliases=st.integers(0, 300))
def test_aliases_are_refused_exactly_beyond_the_bound(items: int, aliases: int) -> None:
    added = aliases * (items + 1)  # each alias repeats the list node and its items
    found = problems_of(bomb(items, aliases))
    if added > MAX_ALIAS_NODES:
        assert found == [(2, found[0][1])] and "démultiplient ce fichier" in found[0][1]
    else:
        assert found == []


def test_the_89_kb_alias_file_of_the_hostile_test_is_refused() -> None:
    text = bomb(1_000, 22_000)
    assert 85_000 < len(text) < 95_000
    [(line, message)] = problems_of(text)
    assert line == 2 and "au-delà de 100\u202f000 valeurs répétées" in message


def test_nested_alias_levels_are_counted_after_expansion() -> None:
    laughs = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    [(line, message)] = problems_of("\n".join(laughs) + "\n")
    assert "démultiplient" in message and line is not None and line <= 9


def test_a_recursive_alias_is_refused() -> None:
    assert problems_of("a: &x [1, *x]\n") == [(1, "alias YAML récursif (une valeur qui se contient elle-même)")]


def test_a_few_aliases_are_fine() -> None:
    assert yamlfile.parse("s: &s [a, b]\nt: *s\nu: *s\n", F) == {"s": ["a", "b"], "t": ["a", "b"], "u": ["a", "b"]}


# ---------------------------------------------------------------- libyaml's messages in French


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("a: " + "[" * 2000 + "]" * 2000 + "\n", 1, "structure trop imbriquée"),
        ("a: é\nb: c\x00d\n", 2, "caractère interdit dans un fichier YAML (U+0000"),
        ("a: \x07\n", 1, "caractère interdit dans un fichier YAML (U+0007"),
        ("a:\n  ? {b: c}\n  : d\n", 2, "clé invalide : une liste ou un dictionnaire ne peut pas servir de clé"),
        ("a: [b, c\n", 1, "YAML invalide : crochet « [ » ouvert ici et jamais refermé (pas de « ] » avant la fin du fichier)"),
        ("a: 1\n---\nb: 2\n", 2, "un seul document attendu par fichier"),
        ("a: @b\n", 1, "caractère inattendu"),
        ('a: "\\q"\n', 1, "séquence d'échappement inconnue"),
        ("a: !!python/name:os.system x\n", 1, "balise YAML non autorisée (!!python/name:os.system)"),
        ("a: !!seq x\n", 1, "une liste est attendue ici"),
        ("a: *nulle\n", 1, "alias YAML (*nom) sans ancre"),
    ],
)
def test_yaml_errors_are_french_with_their_line(text: str, line: int, words: str) -> None:
    [(found_line, message)] = problems_of(text)
    assert found_line == line and words in message, message
    assert not any(word in message for word in ("found", "expected", "while", "position", "unicode string"))


# ---------------------------------------------------------------- plausible numbers


def _dump(value: object) -> str:
    return yaml.safe_dump(value).strip().removesuffix("\n...").strip()


numbers = st.one_of(
    st.integers(-(10**400), 10**400),
    st.integers(-1_000, 2_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-250, -100, -100.5, 1_000, 1_000.5, 1e300, -1e300]),
)


@SETTINGS
@given(growth=numbers)
def test_growth_outside_minus_100_to_1000_percent_is_a_problem(growth: float) -> None:
    sectors = (FIXTURE / "sectors.yaml").read_text(encoding="utf-8")
    found = check_with({"sectors.yaml": sectors.replace("growth_5y: 30", f"growth_5y: {_dump(growth)}")})
    plausible = (isinstance(growth, int) or math.isfinite(growth)) and -100 <= growth <= 1_000
    if plausible:
        assert found == []
    else:
        [(name, line, message)] = found
        assert (name, line) == ("sectors.yaml", 5)
        assert message.startswith("valeur invraisemblable") or message == "nombre attendu, trouvé NaN ou infini"


@SETTINGS
@given(amount=numbers, basis=st.sampled_from(["brut_annuel", "brut_mensuel"]))
def test_salaries_outside_their_basis_range_are_a_problem(amount: float, basis: str) -> None:
    sectors = (FIXTURE / "sectors.yaml").read_text(encoding="utf-8")
    text = sectors.replace("{min: 38000, max: 42000, basis: brut_annuel}", f"{{min: {_dump(amount)}, basis: {basis}}}")
    found = check_with({"sectors.yaml": text})
    lo, hi = {"brut_annuel": (1_000, 1_000_000), "brut_mensuel": (100, 100_000)}[basis]
    finite = isinstance(amount, int) or math.isfinite(amount)
    if finite and lo <= amount <= hi:
        assert found == []
    else:
        assert found and all(line == 4 for _, line, _ in found)


@pytest.mark.parametrize(
    "old, new, file, line, words",
    [
        ("value: 3, unit: annees", "value: 1000, unit: annees", "trainings.yaml", 15, "valeur invraisemblable : 1\u202f000 annees (attendu entre 0 et 15 annees)"),
        ("value: 3, unit: annees", "value: 20000, unit: heures", "trainings.yaml", 15, "valeur invraisemblable : 20\u202f000 heures"),
        ("max: 42000", "max: 4200000000", "sectors.yaml", 4, "valeur invraisemblable : 4\u202f200\u202f000\u202f000 € (annuel)"),
        ("year: 2022", "year: 3024", "market.yaml", 2, "valeur invraisemblable : 3\u202f024 (attendu entre 1\u202f900 et 2\u202f100)"),
        ("value: 6500", "value: 1.0e+300", "market.yaml", 2, "valeur invraisemblable : 1e+300"),
        ("growth_5y: 30", "growth_5y: " + "9" * 400, "sectors.yaml", 5, "valeur invraisemblable : 999999999999… (400 chiffres)"),
    ],
)
def test_implausible_figures_are_problems(old: str, new: str, file: str, line: int, words: str) -> None:
    text = (FIXTURE / file).read_text(encoding="utf-8")
    assert old in text
    found = check_with({file: text.replace(old, new, 1)})
    assert [(n, ln) for n, ln, _ in found] == [(file, line)]
    assert found[0][2].startswith(words), found[0][2]


def test_a_percentage_in_the_market_is_bounded_like_a_growth() -> None:
    found = check_with({"market.yaml": "market:\n  - {id: x, label: X, value: 250, unit: '%', sources: [test]}\n  - {id: y, label: Y, value: -250, unit: '%', sources: [test]}\n"})
    assert [(line, message) for _, line, message in found] == [(3, "valeur invraisemblable : -250 % (attendu entre -100 et 1\u202f000 %)")]
