"""Letterboxd export files: read them safely, import them, and write them back out.

The export layout (a zip, files at its root): profile.csv, diary.csv, reviews.csv,
ratings.csv, watched.csv, watchlist.csv, likes/films.csv, lists/<name>.csv in the
"Letterboxd list export v7" layout, and deleted/ and orphaned/ folders we ignore.
"""
