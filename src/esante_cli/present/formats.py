"""French formats for numbers, money, salaries, durations and percentages (pure functions).

Re-exported by render, where commands use them (render.salary(...), render.UNKNOWN).
"""

from __future__ import annotations

from typing import Any

UNKNOWN = "non renseigné"


def thousands(value: float | int) -> str:
    """French grouping with a narrow no-break space: 38 000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def money(amount: float | int | None) -> str:
    return UNKNOWN if amount is None else f"{thousands(amount)} €"


_BASIS = {"brut_annuel": "brut annuel", "brut_mensuel": "brut mensuel"}


def salary(value: Any) -> str:
    """A Salary as French text with its basis: « 38 000 – 42 000 € brut annuel », « à partir de 2 000 € brut mensuel »."""
    if value is None:
        return UNKNOWN
    basis = _BASIS.get(value.basis, value.basis)
    if value.min is not None and value.max is not None:
        text = f"{thousands(value.min)} – {thousands(value.max)} € {basis}"
    elif value.min is not None:
        text = f"à partir de {thousands(value.min)} € {basis}"
    else:
        text = f"jusqu'à {thousands(value.max)} € {basis}"
    return f"{text} ({value.note})" if value.note else text


def duration(value: Any) -> str:
    if value is None:
        return UNKNOWN
    amount = thousands(value.value)
    if value.unit == "heures":
        return f"{amount} h"
    return f"{amount} an" if value.value == 1 else f"{amount} ans"


def percent(value: float | int | None) -> str:
    """French percentage with a narrow no-break space: 66,7 %, 48 %."""
    return UNKNOWN if value is None else f"{thousands(value)}\u202f%"
