"""The catalog snapshot: 503 until built, build, 302/json to a signed URL, download."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest
import time_machine
from django.core.management import call_command

from catalog.snapshots import current_manifest, snapshot_storage
from tests.api.helpers import body, error_code, make_catalog, make_godfather

pytestmark = pytest.mark.django_db
URL = "/api/v2/catalog/snapshot"


def download(client, url: str):
    response = client.get(url)
    return response, b"".join(response.streaming_content) if response.status_code == 200 else b""


def test_it_is_not_ready_before_the_first_build(client):
    response = client.get(URL)
    assert response.status_code == 503 and error_code(response) == "snapshot_not_ready"
    assert response["Retry-After"]


def test_build_then_redirect_then_a_download_that_matches_its_manifest(client):
    make_godfather()
    make_catalog(5)
    call_command("build_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115

    response = client.get(URL)
    assert response.status_code == 302
    location = response["Location"]
    assert "/api/v2/catalog/snapshot/download?token=" in location
    assert response["Cache-Control"] == "private, no-store"

    got, raw = download(client, location)
    assert got.status_code == 200 and got["Content-Type"] == "application/gzip"
    manifest = current_manifest()
    assert len(raw) == manifest["bytes"]
    assert hashlib.sha256(raw).hexdigest() == manifest["sha256"]
    lines = [json.loads(line) for line in gzip.decompress(raw).splitlines()]
    assert len(lines) == manifest["count"] == 6
    assert lines[0]["id"] == "tt0068646" and lines[0]["director"] == "Francis Ford Coppola"
    assert "ratings.master_score" in manifest["fields"]


def test_format_json_returns_the_url_and_manifest_inline(client):
    make_catalog(2)
    call_command("build_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    data = body(client.get(URL, {"format": "json"}))["data"]
    assert data["expires_in_seconds"] == 3600
    assert data["manifest"]["count"] == 2 and data["manifest"]["schema_version"] == 1
    assert set(data["manifest"]) >= {"generated_at", "count", "bytes", "sha256", "fields"}
    response, _ = download(client, data["download_url"])
    assert response.status_code == 200


def test_a_bad_format_is_a_400(client):
    response = client.get(URL, {"format": "xml"})
    assert response.status_code == 400 and "json" in body(response)["error"]["message"]


def test_a_tampered_or_expired_link_is_a_403_envelope(client):
    make_catalog(1)
    with time_machine.travel("2026-11-22 08:00:00Z", tick=False):
        call_command("build_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115
        url = body(client.get(URL, {"format": "json"}))["data"]["download_url"]
    with time_machine.travel("2026-11-22 08:59:00Z", tick=False):
        assert client.get(url).status_code == 200
        tampered = client.get(url[:-4] + "abcd")
        assert tampered.status_code == 403 and error_code(tampered) == "forbidden"
    with time_machine.travel("2026-11-22 09:01:00Z", tick=False):
        expired = client.get(url)
        assert expired.status_code == 403 and "expired" in body(expired)["error"]["message"]


def test_a_rebuild_replaces_the_manifest_and_keeps_two_files(client):
    make_catalog(1)
    for hour in (1, 2, 3):
        with time_machine.travel(f"2026-11-22 0{hour}:00:00Z", tick=False):
            call_command("build_snapshot", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _, files = snapshot_storage().listdir("snapshots")
    assert sorted(f for f in files if f.startswith("films-")) == [
        "films-20261122T020000Z.ndjson.gz",
        "films-20261122T030000Z.ndjson.gz",
    ]
    assert current_manifest()["generated_at"] == "2026-11-22T03:00:00Z"


def test_max_age_skips_a_fresh_snapshot(client, capsys):
    make_catalog(1)
    call_command("build_snapshot")
    call_command("build_snapshot", "--max-age-hours", "24")
    assert "nothing to do" in capsys.readouterr().out


def test_the_task_builds_the_snapshot():
    from catalog.tasks import build_snapshot_task, next_snapshot_time

    make_catalog(3)
    result = build_snapshot_task.enqueue()  # the immediate backend runs it inline
    assert result.return_value["count"] == 3
    import datetime as dt

    now = dt.datetime(2026, 11, 22, 7, 0, tzinfo=dt.UTC)
    assert next_snapshot_time(now) == dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
