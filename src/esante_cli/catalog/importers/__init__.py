"""Importers: turn a public data set (ONISEP's open data) into an esante overlay folder.

Pure core code (no Typer, no Rich): parse the file, map it to records in the data-file shape,
write the folder atomically (folder.py). Errors are EsanteError, in French.
"""
