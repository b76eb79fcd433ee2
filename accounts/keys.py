"""The API key format: `rb_` + 30 random base62 characters + a 6-character CRC32 checksum.

30 base62 characters carry ~178 bits of randomness. The checksum (CRC32 of the random part,
base62-encoded, the scheme GitHub uses for its tokens) lets a secret scanner recognise a real
key offline, and lets us refuse a mistyped or invented key before touching the database.
Only `keyed_hash(raw)` and `display_prefix(raw)` are ever stored.
"""

from __future__ import annotations

import secrets
import string
import zlib

from django.utils.crypto import salted_hmac

KEY_PREFIX = "rb_"
BODY_LENGTH = 30
CHECKSUM_LENGTH = 6
KEY_LENGTH = len(KEY_PREFIX) + BODY_LENGTH + CHECKSUM_LENGTH
# `rb_` + 8 characters: enough to tell keys apart on the keys page, far too few to guess the rest.
DISPLAY_PREFIX_LENGTH = len(KEY_PREFIX) + 8

_ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase
_ALPHABET_SET = frozenset(_ALPHABET)
# A salt of its own, so this HMAC never collides with other uses of SECRET_KEY.
_HASH_SALT = "reelbase.accounts.api-key"


def _base62(number: int, width: int) -> str:
    digits = []
    while number:
        number, remainder = divmod(number, 62)
        digits.append(_ALPHABET[remainder])
    return "".join(reversed(digits)).rjust(width, _ALPHABET[0])


def _checksum(body: str) -> str:
    return _base62(zlib.crc32(body.encode("ascii")), CHECKSUM_LENGTH)


def generate_key() -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(BODY_LENGTH))
    return KEY_PREFIX + body + _checksum(body)


def is_well_formed(raw: str) -> bool:
    """Shape and checksum only: no database, no secret."""
    if len(raw) != KEY_LENGTH or not raw.startswith(KEY_PREFIX):
        return False
    rest = raw[len(KEY_PREFIX) :]
    if not _ALPHABET_SET.issuperset(rest):
        return False
    body, checksum = rest[:BODY_LENGTH], rest[BODY_LENGTH:]
    return _checksum(body) == checksum


def display_prefix(raw: str) -> str:
    return raw[:DISPLAY_PREFIX_LENGTH]


def keyed_hash(raw: str) -> str:
    """HMAC-SHA256 keyed from SECRET_KEY: a leaked database alone cannot confirm a key."""
    return salted_hmac(_HASH_SALT, raw, algorithm="sha256").hexdigest()
