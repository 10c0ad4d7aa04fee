"""A salary is a fact with its context (docs/salaries.md): the schema, the verdict, the wording."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from esante_cli.catalog.models import Salary
from esante_cli.catalog.schema import check_record
from esante_cli.explore.salaries import SMIC_MONTHLY_GROSS, judge
from esante_cli.present.formats import salary as text
from esante_cli.present.formats import source_salary

TODAY = date(2026, 12, 7)
N = "\u202f"


class _Sink:
    """The problems sink check_record writes to (store.Problems' interface)."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []
        self.rejected_ids: set[str] = set()

    def add(self, path, message, section=None, index=None, field=None) -> None:  # noqa: ANN001
        self.found.append((field, message))


def _sector(salary: dict) -> tuple[object, list[tuple[str, str]]]:
    sink = _Sink()
    record = check_record(sink, Path("sectors.yaml"), "sectors", 0, {"id": "s", "name": "S", "salary": salary, "sources": ["x"]})
    return record, sink.found


def test_a_new_style_salary_keeps_every_part_of_its_context() -> None:
    record, found = _sector({
        "min": 1607, "period": "mensuel", "pay": "brut", "year": 2019, "year_estimated": True,
        "who": "débutant", "sources": ["cgos"], "note": "traitement",
    })  # fmt: skip
    assert found == []
    assert record.salary == Salary(1607, None, "mensuel", "brut", 2019, True, "débutant", ("cgos",), "traitement")


def test_an_old_style_salary_still_loads_with_its_context_unknown() -> None:
    record, found = _sector({"min": 38000, "max": 42000, "basis": "brut_annuel", "note": "ancienne forme"})
    assert found == []
    assert record.salary == Salary(38000, 42000, "annuel", "non_precise", note="ancienne forme")


def test_brut_or_net_defaults_to_not_said() -> None:
    record, found = _sector({"min": 2000, "period": "mensuel"})
    assert found == [] and record.salary.pay == "non_precise"


@pytest.mark.parametrize(
    "salary, field, words",
    [
        ({"min": 2000}, "salary.period", "champ obligatoire manquant : mensuel ou annuel"),
        ({"min": 2000, "period": "hebdo"}, "salary.period", "période inconnue « hebdo »"),
        ({"min": 2000, "period": "mensuel", "pay": "brutto"}, "salary.pay", "valeur inconnue « brutto »"),
        ({"min": 2000, "basis": "brut_mensuel", "period": "mensuel"}, "salary.basis", "« basis » est l'ancienne forme"),
        ({"min": 2000, "period": "mensuel", "year": 1850}, "salary.year", "valeur invraisemblable"),
        ({"min": 2000, "period": "mensuel", "year_estimated": True}, "salary.year_estimated", "demande une année"),
        ({"min": 200, "period": "annuel"}, "salary.min", "valeur invraisemblable"),
    ],
)
def test_a_salary_without_its_context_right_is_a_problem_at_its_field(salary: dict, field: str, words: str) -> None:
    record, found = _sector(salary)
    assert record is None
    assert any(f == field and words in message for f, message in found), found


def test_a_gross_monthly_figure_below_the_smic_is_outdated() -> None:
    assert judge(Salary(1607, None, "mensuel", "brut", 2019), TODAY).below_smic
    assert not judge(Salary(1607, None, "mensuel", "net", 2019), TODAY).below_smic  # a net is not compared
    assert not judge(Salary(1607, None, "mensuel", "non_precise"), TODAY).below_smic  # nor an unstated one
    assert not judge(Salary(1800, 2000, "mensuel", "brut"), TODAY).below_smic  # its top reaches the SMIC
    assert judge(Salary(19000, None, "annuel", "brut"), TODAY).below_smic  # 19 000 / 12 < 1 823,03
    assert not judge(Salary(round(SMIC_MONTHLY_GROSS) + 1, None, "mensuel", "brut"), TODAY).below_smic


def test_a_figure_older_than_three_years_says_its_year() -> None:
    assert judge(Salary(3206, None, "mensuel", "brut", 2022), TODAY).old
    assert not judge(Salary(3206, None, "mensuel", "brut", 2023), TODAY).old
    assert text(Salary(3206, None, "mensuel", "brut", 2022), TODAY) == f"à partir de 38{N}472 € brut par an (3{N}206 € par mois en 2022)"
    assert text(Salary(40000, None, "annuel", "brut", 2020), TODAY) == f"à partir de 40{N}000 € brut par an (en 2020)"
    assert text(Salary(40000, None, "annuel", "brut", 2025), TODAY) == f"à partir de 40{N}000 € brut par an"


def test_an_outdated_figure_without_a_year_says_so() -> None:
    shown = text(Salary(1500, None, "mensuel", "brut"), TODAY)
    assert shown == f"à partir de 18{N}000 € brut par an (1{N}500 € par mois, année non précisée ; sous le Smic actuel : chiffre dépassé)"


def test_side_by_side_figures_share_one_yearly_basis_with_the_source_figure_beside() -> None:
    assert text(Salary(2000, 2500, "mensuel"), TODAY) == f"24{N}000 – 30{N}000 € par an, brut ou net non précisé (2{N}000 – 2{N}500 € par mois)"
    assert text(Salary(30000, 36000, "annuel", "net"), TODAY) == f"30{N}000 – 36{N}000 € net par an"  # a net stays net
    assert source_salary(Salary(1607, None, "mensuel", "brut")) == f"à partir de 1{N}607 € brut par mois"
    assert Salary(2000, None, "mensuel").yearly() == Salary(24000, None, "annuel")
    assert Salary(24000, 30000, "annuel").monthly() == Salary(2000, 2500, "mensuel")
