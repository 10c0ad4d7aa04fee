"""The catalogue: data files and their checks, models, the search vocabulary, the SQLite engine
(cache key, codec, index build, database, load) and the importers (docs/architecture.md)."""
