"""What users ask: search, routes, compare, match, ladder. Pure functions over a catalogue: no I/O, no Typer, no Rich."""
