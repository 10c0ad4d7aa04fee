"""What users ask: understanding a query, ranking (search), answers, routes, compare, match,
ladder, guide, interests.

Functions over a catalogue, with no I/O of their own: records and indexes come through the
catalogue, which reads its SQLite database (catalog/database.py) as they are asked for; search.py
and lexicon.py query that database. Nothing here prints, writes a file or reads the environment;
no Typer, no Rich."""
