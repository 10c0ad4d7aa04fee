"""French formats for numbers, money, salaries, durations and percentages (pure functions).

Re-exported by render, where commands use them (render.salary(...), render.UNKNOWN).
"""

from __future__ import annotations

from typing import Any

UNKNOWN = "non renseigné"
ONLINE = "à distance"


def place(training: Any) -> str | None:
    """Where a programme is followed: its city, « à distance » for one taught entirely at a distance
    (Training.online_only), else None (unknown)."""
    return training.city or (ONLINE if training.online_only else None)


def thousands(value: float | int) -> str:
    """French grouping with a narrow no-break space: 38 000."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def money(amount: float | int | None) -> str:
    return UNKNOWN if amount is None else f"{thousands(amount)} €"


def cents(value: float) -> str:
    """Euros with cents, French style: 1 823,03."""
    whole, frac = f"{value:.2f}".split(".")
    return f"{thousands(int(whole))},{frac}"


PAY_WORDS = {"brut": "brut", "net": "net", "non_precise": "brut ou net non précisé"}
PERIOD_WORDS = {"mensuel": "par mois", "annuel": "par an"}
BASIS_NOTE = "salaires ramenés à l'année (un montant mensuel × 12), le chiffre de la source entre parenthèses"


def amount(value: Any) -> str:
    """« 38 000 – 42 000 € », « à partir de 2 000 € », « jusqu'à 3 000 € »."""
    if value.min is not None and value.max is not None and value.min != value.max:
        return f"{thousands(value.min)} – {thousands(value.max)} €"
    if value.min is not None and value.max is not None:
        return f"{thousands(value.min)} €"
    if value.min is not None:
        return f"à partir de {thousands(value.min)} €"
    return f"jusqu'à {thousands(value.max)} €"


def year_text(value: Any) -> str | None:
    """« en 2022 », « vers 2019 » (a year inferred from the source), None when unknown."""
    if value.year is None:
        return None
    return f"vers {value.year}" if value.year_estimated else f"en {value.year}"


def salary(value: Any, today: Any = None) -> str:
    """A salary on one basis, per year, the source's monthly figure beside it, and what a reader
    must know: « à partir de 19 284 € brut par an (1 607 € par mois vers 2019 ; sous le Smic
    actuel : chiffre dépassé) », « 24 000 – 30 000 € par an, brut ou net non précisé
    (2 000 – 2 500 € par mois) ». The verdict (explore.salaries.judge) adds the year when old
    and the SMIC warning."""
    if value is None:
        return UNKNOWN
    from esante_cli.explore.salaries import judge

    verdict = judge(value, today)
    yearly = value.yearly()
    text = f"{amount(yearly)} {value.pay} par an" if value.pay in ("brut", "net") else f"{amount(yearly)} par an, {PAY_WORDS.get(value.pay, value.pay)}"
    beside = []
    if value.period == "mensuel":  # « à partir de » is said once, before the yearly figure
        bare = f"{thousands(value.min)} €" if value.max is None and value.min is not None else amount(value)
        beside.append(f"{bare} par mois")
    if verdict.old or verdict.below_smic:
        when = year_text(value) or "année non précisée"
        beside = [f"{beside[0]} {when}" if value.year is not None else f"{beside[0]}, {when}"] if beside else [when]
    if verdict.below_smic:
        beside.append("sous le Smic actuel : chiffre dépassé")
    return f"{text} ({' ; '.join(beside)})" if beside else text


def source_salary(value: Any) -> str:
    """The figure exactly as its source gives it: « 1 607 € brut par mois », « 38 000 – 42 000 € par an (brut ou net non précisé) »."""
    if value is None:
        return UNKNOWN
    period = PERIOD_WORDS.get(value.period, value.period)
    if value.pay in ("brut", "net"):
        return f"{amount(value)} {value.pay} {period}"
    return f"{amount(value)} {period} ({PAY_WORDS.get(value.pay, value.pay)})"


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


NO_HORIZON = "—"  # a count at a date: a horizon means nothing there (explore/market.py)


def horizon(figure: Any) -> str | None:
    """« 3 à 5 ans à partir de 2022 »: a forecast's horizon counts from its reference year (its
    `year`); « — » for a count at a date; None (« non renseigné ») for a forecast without one."""
    from esante_cli.explore.market import is_forecast

    if not is_forecast(figure):
        return NO_HORIZON
    if figure.horizon and figure.year:
        return f"{figure.horizon} à partir de {figure.year}"
    return figure.horizon
