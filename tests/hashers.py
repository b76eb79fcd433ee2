"""Argon2 with test-sized cost: the production parameters take ~100 MB and tens of ms per hash."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 256
    parallelism = 1
