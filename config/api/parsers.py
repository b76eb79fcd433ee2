"""A JSON parser that refuses what DRF's default lets through or crashes on.

DRF's JSONParser accepts duplicate keys (last one silently wins), answers a deeply nested
body (`[[[[...]]]]`) with a RecursionError (a 500), and reads an unbounded stream. Here every
one of those is a 400 `invalid_request` (413 for size) that says what was wrong.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from rest_framework.parsers import BaseParser

from config.api.errors import ApiError

MAX_DEPTH = 64


class StrictJSONParser(BaseParser):
    media_type = "application/json"

    def parse(self, stream, media_type: str | None = None, parser_context: dict | None = None):
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ApiError(
                f"The request body is larger than {limit} bytes.",
                code="payload_too_large",
                status=413,
                details={"limit_bytes": limit},
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ApiError(f"The body is not valid UTF-8 (byte {exc.start}).") from None
        return parse_json_text(text)


def parse_json_text(text: str) -> Any:
    _check_depth(text)
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject)
    except ApiError:
        raise
    except (ValueError, RecursionError) as exc:
        raise ApiError(f"The body is not valid JSON: {exc}") from None


def _check_depth(text: str) -> None:
    """Bracket depth outside strings, counted before parsing so a bomb costs one pass."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot be too deep: skip the character loop for ordinary bodies
    depth = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ApiError(f"The JSON body is nested deeper than {MAX_DEPTH} levels.")
        elif ch in "]}":
            depth -= 1


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ApiError(f"The JSON body repeats the key {key!r}.", details={key: ["duplicate"]})
        result[key] = value
    return result


def _reject(constant: str) -> None:
    raise ApiError(f"The JSON body contains {constant}, which is not valid JSON.")
