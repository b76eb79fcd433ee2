"""A logging filter that keeps API keys out of every log line (server access lines carry
query strings, and `?key=` / `?api_key=` are accepted credentials)."""

from __future__ import annotations

import logging
import re

_QUERY_KEY = re.compile(r"(?i)([?&;](?:api_)?key=)[^&;\s\"']+")
# Anything shaped like one of our keys, wherever it appears (headers echoed in errors, etc.).
_RAW_KEY = re.compile(r"rb_[0-9A-Za-z]{20,}")
REDACTED = "[redacted]"


def redact(text: str) -> str:
    return _RAW_KEY.sub("rb_" + REDACTED, _QUERY_KEY.sub(r"\1" + REDACTED, text))


class RedactApiKeys(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
