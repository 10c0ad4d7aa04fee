"""The models behave as the frozen dataclasses they replaced, without generating code at import."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys

import pytest

from esante_cli.catalog.models import Career, Catalog, Duration, JobTitle, Salary, Sector, Skill, Training


def _career(**changes) -> Career:
    return Career("c", "Ingénieur/e", ("onisep",), "Conçoit.", rome=("H1206",), salary=Salary(2000, None, "mensuel", "brut"), **changes)


def test_records_are_frozen() -> None:
    career = _career()
    with pytest.raises(dataclasses.FrozenInstanceError):
        career.name = "autre"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del career.summary
    with pytest.raises(AttributeError):
        career.extra = 1  # type: ignore[attr-defined]


def test_equality_and_hash_follow_the_fields() -> None:
    assert _career() == _career() and hash(_career()) == hash(_career())
    assert _career() != _career(onisep="MET.1")
    assert Skill("a", "A", ("s",)) != Sector("a", "A", ("s",))  # same fields, other kind
    assert len({_career(), _career(), _career(onisep="MET.1")}) == 2
    with pytest.raises(TypeError):
        hash(Catalog())


def test_repr_names_every_field_in_order() -> None:
    assert repr(Salary(1, 2, "annuel")) == (
        "Salary(min=1, max=2, period='annuel', pay='non_precise', year=None, year_estimated=False, who=None, sources=(), note=None)"
    )
    assert repr(JobTitle("Chef de projet")) == "JobTitle(title='Chef de projet', career=None)"
    assert repr(_career()).startswith("Career(id='c', name='Ingénieur/e', sources=('onisep',), summary='Conçoit.', feminine=None")


def test_dataclasses_functions_work_on_the_models() -> None:
    assert dataclasses.is_dataclass(Career) and dataclasses.is_dataclass(_career())
    assert [f.name for f in dataclasses.fields(Salary)] == ["min", "max", "period", "pay", "year", "year_estimated", "who", "sources", "note"]
    assert [f.name for f in dataclasses.fields(Training)][:6] == ["id", "name", "sources", "summary", "training_kind", "institution"]
    assert dataclasses.fields(Career)[6].default == ()
    assert dataclasses.replace(Salary(1, 2, "annuel", note="n"), note=None) == Salary(1, 2, "annuel")
    assert dataclasses.replace(_career(), name="Autre").name == "Autre"
    assert dataclasses.asdict(Duration(2, "annees")) == {"value": 2, "unit": "annees"}


def test_positional_and_keyword_construction_match_the_field_order() -> None:
    names = [f.name for f in dataclasses.fields(Sector)]
    values = ["s", "Hôpital", ("src",), None, Salary(1, 2, "annuel"), 3.5, (JobTitle("t", "c"),)]
    assert Sector(*values) == Sector(**dict(zip(names, values)))
    assert Career.__match_args__ == tuple(f.name for f in dataclasses.fields(Career))


def test_to_dict_gives_kind_then_fields_as_plain_data() -> None:
    data = _career().to_dict()
    assert list(data)[:5] == ["kind", "id", "name", "sources", "summary"]
    assert data["kind"] == "career" and data["rome"] == ["H1206"]
    assert data["salary"] == {
        "min": 2000, "max": None, "period": "mensuel", "pay": "brut", "year": None, "year_estimated": False,
        "who": None, "sources": [], "note": None,
    }  # fmt: skip


def test_copies_and_pickles_are_equal() -> None:
    career = _career()
    assert copy.copy(career) == career and copy.deepcopy(career) == career
    assert pickle.loads(pickle.dumps(career)) == career


def test_importing_the_models_generates_no_dataclass() -> None:
    code = "import sys, esante_cli.catalog.models; print('dataclasses' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_online_only_needs_no_city_and_the_distance_mode() -> None:
    from esante_cli.catalog.models import Training

    assert Training("t", "T", (), modes=("formation_continue", "a_distance")).online_only
    assert not Training("t", "T", (), city="Caen", modes=("a_distance",)).online_only
    assert not Training("t", "T", (), modes=("temps_plein",)).online_only
