from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_choice, env_int, env_list, parse_database_url


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG")


def test_env_helpers_parse_values(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("N", "42")
    monkeypatch.setenv("HOSTS", "a.test, b.test,")
    assert env_bool("FLAG") is True
    assert env_int("N", 1) == 42
    assert env_list("HOSTS", []) == ["a.test", "b.test"]


def test_env_int_and_choice_reject_bad_values(monkeypatch):
    monkeypatch.setenv("N", "forty")
    monkeypatch.setenv("MODE", "turbo")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)
    with pytest.raises(ImproperlyConfigured):
        env_choice("MODE", ("a", "b"), "a")


def test_database_url_parses_postgres_and_sqlite():
    pg = parse_database_url("postgres://u:p%40ss@127.0.0.1:5432/reel", base_dir=Path("/x"))
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["PORT"]) == ("reel", "u", "p@ss", "5432")
    lite = parse_database_url("sqlite:///var/db.sqlite3", base_dir=Path("/x"))
    assert lite["NAME"] == "/x/var/db.sqlite3"
    with pytest.raises(ImproperlyConfigured):
        parse_database_url("mysql://x/y", base_dir=Path("/x"))
