"""present/richdraw.py: Rich draws, French typography decides where lines break."""

from __future__ import annotations

import io

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from esante_cli.present.richdraw import Flow

NNBSP = "\u202f"


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None, legacy_windows=False)


def test_a_salary_range_is_one_unbreakable_piece_and_rich_is_told_so() -> None:
    text = f"de 42{NNBSP}000 – 48{NNBSP}000 € par an"
    console = _console(80)
    assert Measurement.get(console, console.options, Flow(text)) == Measurement(len(f"42{NNBSP}000 – 48{NNBSP}000 €"), len(text))
    assert [line.plain for line in Flow(text).lines(18)] == ["de", f"42{NNBSP}000 – 48{NNBSP}000 €", "par an"]


def test_in_a_narrow_rich_table_cell_figures_and_ids_stay_whole_and_styles_follow() -> None:
    console = _console(40)
    table = Table()
    table.add_column("métier", width=14)
    cell = Flow(f"ingénieur/e à 2{NNBSP}000 € par mois\ningenieur-imagerie")
    cell.text.stylize("dim", cell.text.plain.index("\n") + 1)
    table.add_row(cell)
    console.print(table)
    out = console.file.getvalue()
    assert f"2{NNBSP}000 €" in out and "ingenieur-imagerie" not in out.replace("│", "")  # 18 > 14: cut after a hyphen
    assert "ingenieur-" in out and "imagerie" in out
    lines = Flow(cell.text, indent="  ").lines(14)
    assert [line.plain for line in lines][:2] == ["ingénieur/e à", f"  2{NNBSP}000 € par"]
    assert any(span.style == "dim" for span in lines[-1].spans)


def test_no_line_starts_with_french_punctuation() -> None:
    lines = [line.plain for line in Flow("compétence : imagerie ; données ! vraiment ?").lines(12)]
    assert all(not line.lstrip().startswith((":", ";", "!", "?")) for line in lines), lines


def test_a_web_address_is_handed_to_rich_whole() -> None:
    url = "https://www.onisep.fr/http/redirection/formation/slug/FOR.12046"
    console = _console(30)
    console.print(Flow(f"source : {url}"), crop=False, overflow="ignore", no_wrap=True)
    assert url in console.file.getvalue().splitlines()
