"""Private feed keys are unique for ever: an account made after another was removed never gets its
key, even where the database gives out the removed account's id again (SQLite does); accounts made
before salted keys keep the address their subscribers have."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import feedparser
import pytest
from alembic import command
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, BASE, PASSWORD, finish, make_client
from support.commands import run

from audiobrief.server.app import create_app
from audiobrief.server.config import Settings
from audiobrief.server.signing import feed_key
from audiobrief.server.store.accounts import Accounts
from audiobrief.server.store.database import make_engine, migration_config

GONE = {"detail": "no such feed: the address may have been reset"}


def private_path(client: TestClient, name: str) -> str:
    """The private feed path the account page shows (the key as the server makes it)."""
    user = client.app.state.accounts.named(name)
    return f"/feeds/{feed_key(client.app.state.secret, user.id, user.feed_version, user.feed_salt)}/feed.xml"


def private_briefing(client: TestClient, name: str, title: str) -> None:
    token = client.app.state.accounts.create_token(name, "")
    answer = client.post("/api/briefings", json={**ARTICLE, "title": title, "public": False},
                         headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 202, answer.text
    finish(client, answer.json()["id"], title)


def test_an_account_added_through_the_cli_after_a_removal_gets_a_new_key(tmp_path: Path) -> None:
    assert run("user", "add", "dave", stdin=PASSWORD + "\n", home=tmp_path).returncode == 0
    with make_client(tmp_path) as client:
        dave = client.app.state.accounts.named("dave")
        daves_feed = private_path(client, "dave")
        assert client.get(daves_feed).status_code == 200
    assert run("user", "remove", "dave", home=tmp_path).returncode == 0
    assert run("user", "add", "erin", stdin=PASSWORD + "\n", home=tmp_path).returncode == 0
    with make_client(tmp_path) as client:
        erin = client.app.state.accounts.named("erin")
        assert erin.id == dave.id  # SQLite gave out the removed account's id again
        private_briefing(client, "erin", "Erin private")
        answer = client.get(daves_feed)
        assert (answer.status_code, answer.json()) == (404, GONE)
        erins_feed = private_path(client, "erin")
        assert erins_feed != daves_feed
        assert [e.title for e in feedparser.parse(client.get(erins_feed).content).entries] == ["Erin private"]


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def test_an_account_added_through_the_store_after_a_removal_gets_a_new_key(
        tmp_path: Path, database: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("postgres").new_database() if database == "postgresql" else ""
    with TestClient(create_app(Settings(home=tmp_path, database_url=url)), base_url=BASE) as client:
        accounts: Accounts = client.app.state.accounts
        accounts.add("dave", PASSWORD)
        daves_feed = private_path(client, "dave")
        accounts.remove("dave")
        accounts.add("erin", PASSWORD)
        private_briefing(client, "erin", "Erin private")
        answer = client.get(daves_feed)
        assert (answer.status_code, answer.json()) == (404, GONE)
        assert private_path(client, "erin") != daves_feed
        assert client.get(private_path(client, "erin")).status_code == 200


def test_two_accounts_never_share_a_salt_and_a_reset_changes_it(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        accounts: Accounts = client.app.state.accounts
        salts = {accounts.add(f"user{n}", PASSWORD).feed_salt for n in range(20)}
        assert len(salts) == 20 and all(len(salt) == 32 for salt in salts)
        before = private_path(client, "user0")
        reset = accounts.reset_feed("user0")
        assert reset.feed_salt not in salts and reset.feed_version == 1
        after = private_path(client, "user0")
        assert (client.get(before).status_code, client.get(after).status_code) == (404, 200)


def test_an_account_made_before_salts_keeps_its_feed_address_after_the_upgrade(tmp_path: Path) -> None:
    database = tmp_path / "server.sqlite3"
    engine = make_engine(database)
    with engine.begin() as connection:
        command.upgrade(migration_config(connection), "0004")
    engine.dispose()
    with sqlite3.connect(database) as db:
        db.execute("INSERT INTO users (name, password_hash, admin, feed_version, created_at) "
                   "VALUES ('olga', 'x', 0, 2, 0)")
    with TestClient(create_app(Settings(home=tmp_path)), base_url=BASE) as client:
        olga = client.app.state.accounts.named("olga")
        assert olga.feed_salt == ""
        before_upgrade = f"/feeds/{feed_key(client.app.state.secret, olga.id, 2, '')}/feed.xml"
        assert private_path(client, "olga") == before_upgrade
        assert client.get(before_upgrade).status_code == 200
