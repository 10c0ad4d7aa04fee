"""Market figures: which are forecasts. Pure: no I/O.

A horizon (« 3 à 5 ans ») belongs to a forecast. A figure is a forecast when the data gives it a
horizon, or when its label says it is expected (« attendu », « prévu », « prévision »,
« projection », « objectif »): such a figure without a horizon has one the source does not give
(shown « non renseigné »). Any other figure is a count at a date (6 500 companies, 42 000
employees in 2024): a horizon means nothing there (shown « — », null in JSON).
"""

from __future__ import annotations

from esante_cli.catalog.folding import fold
from esante_cli.catalog.models import MarketFigure

FORECAST_WORDS = ("attendu", "prevu", "prevision", "projection", "objectif")  # folded word beginnings


def is_forecast(figure: MarketFigure) -> bool:
    """Whether a horizon applies to the figure (see the module docstring)."""
    if figure.horizon:
        return True
    return any(word.startswith(FORECAST_WORDS) for word in fold(figure.name).split())
