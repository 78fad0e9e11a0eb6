"""Limits that keep one client from filling the disk or the queue: rate limits, quotas, clean-up."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import update
from support.accounts import ARTICLE, add_user, finish, make_client
from support.previous_release import PREVIOUS_SCHEMA
from support.server import STORIES, Server

from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import JobRunner, briefing_dir
from audiobrief.server.services.quotas import Buckets
from audiobrief.server.store.records import Source, Store
from audiobrief.server.store.tables import briefings

DAY = 86400


def token(client, name: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Authorization": f"Bearer {client.app.state.accounts.create_token(name, '')}"}


def test_token_bucket_allows_a_burst_then_refills() -> None:
    bucket = Buckets(burst=2, per_hour=60)  # one a minute
    assert [bucket.wait("a", now=0.0) for _ in range(3)] == [0, 0, 60]
    assert bucket.wait("b", now=0.0) == 0  # keys are separate
    assert bucket.wait("a", now=30.0) == 30
    assert bucket.wait("a", now=60.0) == 0
    assert bucket.wait("a", now=60.0, spend=False) == 60


def test_submissions_over_the_rate_get_429_with_retry_after(tmp_path: Path) -> None:
    client = make_client(tmp_path, submit_burst=2, submit_per_hour=12)
    add_user(client, "alice")
    alice = token(client, "alice")
    codes = [client.post("/api/briefings", json=ARTICLE, headers=alice).status_code for _ in range(2)]
    assert codes == [202] * 2
    refused = client.post("/api/briefings", json=ARTICLE, headers=alice)
    assert refused.status_code == 429
    wait = int(refused.headers["retry-after"])
    assert 290 <= wait <= 300
    assert refused.json() == {"detail": f"too many briefings requested in a short time: try again in {wait} "
                                        "seconds"}
    assert len(client.app.state.store.all()) == 2


def test_the_rate_limit_is_per_address_too(tmp_path: Path) -> None:
    """A second account from the same address shares the address's allowance."""
    client = make_client(tmp_path, submit_burst=2, submit_per_hour=12)
    add_user(client, "alice")
    add_user(client, "bob")
    assert client.post("/api/briefings", json=ARTICLE, headers=token(client, "alice")).status_code == 202
    assert client.post("/api/briefings", json=ARTICLE, headers=token(client, "bob")).status_code == 202
    assert client.post("/api/briefings", json=ARTICLE, headers=token(client, "bob")).status_code == 429


def test_the_form_over_the_rate_gets_a_429_page(tmp_path: Path) -> None:
    client = make_client(tmp_path, submit_burst=1, submit_per_hour=1)
    add_user(client, "alice")
    alice = token(client, "alice")
    client.post("/briefings", data={"text": ARTICLE["articles"][0]["text"]}, headers=alice)
    page = client.post("/briefings", data={"text": ARTICLE["articles"][0]["text"]}, headers=alice)
    assert page.status_code == 429 and "too many briefings requested in a short time" in page.text
    assert page.headers["retry-after"] == "3600"


def test_briefings_over_the_account_quota_are_403(tmp_path: Path) -> None:
    client = make_client(tmp_path, quota_briefings=2)
    add_user(client, "alice")
    add_user(client, "bob")
    alice = token(client, "alice")
    for _ in range(2):
        assert client.post("/api/briefings", json=ARTICLE, headers=alice).status_code == 202
    refused = client.post("/api/briefings", json=ARTICLE, headers=alice)
    assert (refused.status_code, refused.json()) == (403, {
        "detail": "this account keeps 2 briefings, its limit: delete some in the library to make new ones"})
    assert client.post("/api/briefings", json=ARTICLE, headers=token(client, "bob")).status_code == 202


def test_bytes_over_the_account_quota_are_403(tmp_path: Path) -> None:
    client = make_client(tmp_path, quota_bytes=1024 * 1024)
    add_user(client, "alice")
    alice = token(client, "alice")
    finish(client, client.post("/api/briefings", json=ARTICLE, headers=alice).json()["id"],
           mp3=b"\xff" * (1024 * 1024 + 1))
    refused = client.post("/api/briefings", json=ARTICLE, headers=alice)
    assert (refused.status_code, refused.json()) == (403, {
        "detail": "this account's briefings take 1.0 MB, over its 1.0 MB limit: delete some in the library "
                  "to make new ones"})


def test_the_open_server_has_a_quota_but_no_rate_limit(tmp_path: Path) -> None:
    client = make_client(tmp_path, submit_burst=1, submit_per_hour=1, quota_briefings=3)
    codes = [client.post("/api/briefings", json=ARTICLE).status_code for _ in range(3)]
    assert codes == [202, 202, 202]
    refused = client.post("/api/briefings", json=ARTICLE)
    assert (refused.status_code, refused.json()) == (403, {
        "detail": "this server keeps 3 briefings, its limit: delete some in the library to make new ones"})


def add(store: Store, record_id: str, owner: int | None = None) -> None:
    store.add(record_id, "", "en", None, {}, [Source("text", "article 1", b"x" * 1000)], owner, True)


def age(store: Store, record_id: str, days: float) -> None:
    with store.connect() as db:
        db.execute(update(briefings).where(briefings.c.id == record_id)
                   .values(finished_at=time.time() - days * DAY))


def test_inputs_are_kept_for_the_newest_finished_briefings_only(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for n in range(4):
        add(store, f"done{n}")
        store.finish(f"done{n}", "t", 1000, 10, "")
        age(store, f"done{n}", 4 - n)  # done3 is the newest
    add(store, "queued")
    add(store, "old", owner=None)
    store.fail("old", "gone wrong")
    age(store, "old", 8)
    week_ago = time.time() - 7 * DAY
    gone = store.prune(keep_inputs=2, inputs_before=week_ago, failed_before=week_ago)
    assert gone == ["old"]
    assert store.get("old") is None
    kept = {name for name in ("done0", "done1", "done2", "done3", "queued") if store.sources(name)}
    assert kept == {"done2", "done3", "queued"}  # the queued one still needs its inputs
    assert store.get("done0") is not None  # the briefing itself stays


def test_inputs_older_than_the_bound_go_whatever_their_number(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    add(store, "week-old")
    store.fail("week-old", "bad input")
    age(store, "week-old", 3)
    store.prune(keep_inputs=20, inputs_before=time.time() - 2 * DAY, failed_before=time.time() - 7 * DAY)
    assert store.sources("week-old") == [] and store.get("week-old") is not None


def test_the_runner_prunes_with_the_settings(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, keep_inputs=1, keep_failed_days=1)
    store = Store(settings.database)
    runner = JobRunner(settings, store)
    for name in ("a", "b"):
        add(store, name)
        store.fail(name, "no text")
    age(store, "a", 2)
    briefing_dir(settings, "a").mkdir(parents=True)
    runner.prune()
    assert store.get("a") is None and not briefing_dir(settings, "a").exists()
    assert store.sources("b")


def test_a_failed_briefing_keeps_no_progress(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    add(store, "x")
    store.start("x")
    store.set_progress("x", "synthesize", 0.6)
    store.fail("x", "the engine stopped")
    record = store.get("x")
    assert (record.state, record.stage, record.progress) == ("failed", "", 0)
    assert record.error == "the engine stopped"


@pytest.mark.parametrize("column", ["owner_id", "public"])
def test_an_old_database_gains_the_new_columns(tmp_path: Path, column: str) -> None:
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(PREVIOUS_SCHEMA.split(";")[0])  # the briefings table as first released
        db.execute("INSERT INTO briefings (id, voice, created_at) VALUES ('old', 'en', 0)")
    record = Store(path).get("old")
    assert record is not None and record.public is True and record.owner_id is None
    assert column in {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(briefings)")}


@pytest.mark.slow
def test_a_real_server_keeps_inputs_of_the_newest_briefings_only(tmp_path: Path) -> None:
    """Hole 7: every input stayed in SQLite forever. With AUDIOBRIEF_KEEP_INPUTS=1 only the newest
    finished briefing keeps its text once the next one is done."""
    server = Server(tmp_path / "home", keep_inputs="1").start()
    try:
        first = server.make(STORIES["ferry"])["id"]
        second = server.make(STORIES["library"])["id"]
    finally:
        server.stop()
    store = Store(tmp_path / "home" / "server.sqlite3")
    assert store.sources(first) == []
    assert store.sources(second)[0].data == STORIES["library"].encode()
    assert store.get(first).state == "done"


@pytest.mark.parametrize(("client", "key"), [
    ("192.0.2.7", "192.0.2.7"),
    ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
    ("::ffff:192.0.2.7", "192.0.2.7"),
    ("testclient", "testclient"),
])
def test_ipv6_clients_are_counted_by_their_64(client: str, key: str) -> None:
    from starlette.requests import Request

    from audiobrief.server.services.quotas import client_key

    assert client_key(Request({"type": "http", "client": (client, 1234), "headers": []})) == key
