"""The key format scanners can recognise, and keys kept out of log lines."""

from __future__ import annotations

import logging

from accounts import keys
from accounts.log_redaction import RedactApiKeys, redact


def test_a_new_key_has_the_prefix_enough_randomness_and_a_valid_checksum():
    raw = keys.generate_key()

    assert raw.startswith("rb_")
    assert len(raw) == 39
    assert keys.is_well_formed(raw)
    # 30 base62 characters of randomness: log2(62) * 30 ≈ 178 bits ≥ 160.
    assert keys.BODY_LENGTH * 5.95 >= 160


def test_a_single_changed_character_breaks_the_checksum():
    raw = keys.generate_key()
    body_char = raw[5]
    changed = raw[:5] + ("a" if body_char != "a" else "b") + raw[6:]

    assert not keys.is_well_formed(changed)
    assert not keys.is_well_formed(raw + "x")
    assert not keys.is_well_formed("hm_" + raw[3:])


def test_two_keys_never_share_their_hash_and_the_hash_is_keyed(settings):
    raw = keys.generate_key()
    first = keys.keyed_hash(raw)

    settings.SECRET_KEY = "another secret"
    assert keys.keyed_hash(raw) != first
    assert keys.keyed_hash(keys.generate_key()) != first


def test_it_redacts_keys_from_query_strings_and_anywhere_else():
    raw = keys.generate_key()

    line = redact(f'"GET /api/v2/films?key={raw}&limit=5 HTTP/1.1" 200 and api_key={raw} X {raw}')

    assert raw not in line
    assert "key=[redacted]&limit=5" in line
    assert "api_key=rb_[redacted]" in line


def test_the_logging_filter_rewrites_records():
    raw = keys.generate_key()
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET /?api_key=%s"', (raw,), None
    )

    RedactApiKeys().filter(record)

    assert raw not in record.getMessage()
