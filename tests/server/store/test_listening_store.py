"""The listening tables: a saved field keeps the other, rows go with their briefing or account, the
queue keeps its order, and migration 0006 goes down and up again."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from audiobrief.server.store.accounts import Accounts
from audiobrief.server.store.database import current_revision, migration_config, upgrade
from audiobrief.server.store.listening import ListeningStore
from audiobrief.server.store.records import Store
from audiobrief.server.store.tables import listening, up_next

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def opened(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> Store:
    """A new store on SQLite, or on a new database of the session's PostgreSQL."""
    if database == "sqlite":
        return Store(tmp_path / "db.sqlite3")
    return Store(request.getfixturevalue("postgres").new_database())


def made(store: Store, record_id: str) -> str:
    store.add(record_id, "Title", "en-us-espeak", None, {}, [])
    return record_id


@pytest.mark.parametrize("database", DATABASES)
def test_saving_one_field_keeps_the_other_and_accounts_are_apart(database: str, tmp_path: Path,
                                                                 request: pytest.FixtureRequest) -> None:
    store = opened(database, tmp_path, request)
    alice = Accounts(store).add("alice", "correct horse battery")
    bob = Accounts(store).add("bob", "correct horse battery")
    record = made(store, "a" * 32)
    kept = ListeningStore(store)
    first = kept.save(alice.id, record, position_s=12.5)
    assert (first.position_s, first.played) == (12.5, False)
    second = kept.save(alice.id, record, played=True)
    assert (second.position_s, second.played) == (12.5, True) and second.updated_at >= first.updated_at
    assert kept.states(bob.id) == {}
    assert kept.states(alice.id, ["b" * 32]) == {}
    assert kept.states(alice.id, [record])[record].played is True


@pytest.mark.parametrize("database", DATABASES)
def test_the_queue_keeps_its_order_and_loses_deleted_briefings_and_accounts(
        database: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    store = opened(database, tmp_path, request)
    accounts = Accounts(store)
    alice = accounts.add("alice", "correct horse battery")
    ids = [made(store, letter * 32) for letter in "abc"]
    kept = ListeningStore(store)
    kept.set_queue(alice.id, [ids[2], ids[0], ids[1]])
    kept.save(alice.id, ids[0], position_s=3)
    assert kept.queue(alice.id) == [ids[2], ids[0], ids[1]]
    store.delete(ids[0])
    assert kept.queue(alice.id) == [ids[2], ids[1]]
    assert kept.states(alice.id) == {}
    kept.set_queue(alice.id, [ids[1]])
    assert kept.queue(alice.id) == [ids[1]]
    kept.save(alice.id, ids[1], played=True)
    accounts.remove("alice")
    with store.connect() as db:
        assert db.execute(select(func.count()).select_from(listening)).scalar_one() == 0
        assert db.execute(select(func.count()).select_from(up_next)).scalar_one() == 0


def test_migration_0006_goes_down_and_up(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    with store.engine.begin() as connection:
        command.downgrade(migration_config(connection), "0005")
    assert {"listening", "up_next"}.isdisjoint(inspect(store.engine).get_table_names())
    upgrade(store.engine)
    assert current_revision(store.engine) == "0007"
    assert {"listening", "up_next"} <= set(inspect(store.engine).get_table_names())
