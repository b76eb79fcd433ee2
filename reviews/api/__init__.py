"""The /api/v2/me surface (the caller's reviews, watchlist and lists) and /api/v2/resolve."""
