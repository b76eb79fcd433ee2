"""Importers for real catalog data: `manage.py import_catalog FORMAT PATH...`.

Each format module turns its files into `records.FilmRecord`s; `writer.FilmWriter`
matches, merges and writes them in batches. `run.run_import` is the entry point.
"""
