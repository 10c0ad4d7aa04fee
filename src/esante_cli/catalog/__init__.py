"""The catalogue: models, schema (per record), integrity (across records), loading, storage."""
