"""The synthetic demo catalog behind `manage.py seed_demo` (deterministic for a given seed)."""
