"""Show runs in the database, on SQLite and on PostgreSQL (a real server, started by the tests): one
run of a show at a time, claims that a live process keeps and a dead one loses, the counts the bounds
use; and migration 0004 on a database the release before filled (its shows' text cleaned, every show
keeping at least one episode, the run lock columns gone)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from audiobrief.server.config import Settings
from audiobrief.server.store.database import current_revision, make_engine, upgrade
from audiobrief.server.store.records import Store
from audiobrief.shows.model import SourceFailure
from audiobrief.shows.records import ShowRecords
from audiobrief.shows.run_records import RunRecords
from audiobrief.shows.service import RUN_LEASE_S, ShowService

DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)]


def target(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path | str:
    if database == "sqlite":
        return tmp_path / "server.sqlite3"
    return request.getfixturevalue("postgres").new_database()


def show(store: Store, slug: str, owner_id: int | None = None) -> int:
    records = ShowRecords(store)
    records.add({"slug": slug, "title": slug, "voice": "en-us-espeak", "max_stories": 4, "max_per_source": 2,
                 "keep_episodes": 3, "keep_days": 0, "owner_id": owner_id, "created_at": time.time()}, [])
    show_id = records.show_id(slug)
    assert show_id is not None
    return show_id


@pytest.mark.parametrize("database", DATABASES)
def test_one_run_at_a_time_and_claims_a_dead_process_loses(database: str, tmp_path: Path,
                                                           request: pytest.FixtureRequest) -> None:
    store = Store(target(database, tmp_path, request))
    runs = RunRecords(store)
    first, second = show(store, "first"), show(store, "second")
    now = time.time()
    assert runs.add("a" * 32, first, "hand", now) is True
    assert runs.add("b" * 32, first, "schedule", now) is False, "the show has a run waiting"
    assert runs.add("c" * 32, second, "hand", now + 1) is True
    assert runs.active(None) == (2, 2) and runs.active(7) == (0, 2)
    assert runs.waiting() == ["a" * 32, "c" * 32]

    claimed = runs.claim("a" * 32, "web-1", now, lease_s=60)
    assert claimed is not None and claimed.state == "running"
    assert runs.claim("a" * 32, "web-2", now + 30, lease_s=60) is None, "its process is alive"
    assert runs.revive(now + 30, lease_s=60) == []
    assert runs.revive(now + 61, lease_s=60) == ["a" * 32], "its process stopped renewing the claim"
    assert runs.claim("a" * 32, "web-2", now + 61, lease_s=60) is not None
    assert runs.beat("a" * 32, "web-1", now + 62) is False, "web-1 lost it"
    assert runs.add("d" * 32, first, "hand", now + 62) is False, "still the show's run"

    failure = SourceFailure("https://a.example/feed",
                            "'https://a.example/feed' answered HTTP 500: check the URL", now)
    runs.finish("a" * 32, "web-1", now + 63, "done", "episode", "", None, [failure])
    assert runs.get("a" * 32).state == "running", "only the claim's holder settles the run"
    runs.finish("a" * 32, "web-2", now + 63, "done", "nothing-new", "", None, [failure])
    done = runs.get("a" * 32)
    assert (done.state, done.outcome, done.failures, done.finished_at) == ("done", "nothing-new", (failure,),
                                                                          now + 63)
    assert runs.add("d" * 32, first, "hand", now + 64) is True, "the show may run again"
    assert [run.id for run in runs.recent("first", 5)] == ["d" * 32, "a" * 32]
    runs.prune(first, keep=0)
    assert [run.id for run in runs.recent("first", 5)] == ["d" * 32], "finished runs go, waiting ones stay"
    ShowRecords(store).remove("second")
    assert runs.get("c" * 32) is None, "a show's runs go with it"


@pytest.mark.parametrize("database", DATABASES)
def test_migration_0004_cleans_what_the_release_before_stored(database: str, tmp_path: Path,
                                                             request: pytest.FixtureRequest) -> None:
    place = target(database, tmp_path, request)
    engine = make_engine(place)
    upgrade(engine, "0003")
    stories = [{"title": "Ferry\u202e news\x07", "link": "http://user:secret@a.example/ferry",
                "source": "http://user:secret@a.example/feed", "origin": "page"}]
    with engine.begin() as db:
        db.execute(text("INSERT INTO shows (slug, title, description, voice, max_stories, max_per_source, "
                        "keep_episodes, keep_days, created_at, claimed_by) VALUES ('old', :title, "
                        ":description, 'en-us-espeak', 4, 2, 0, 0, 1, 'host:1')"),
                   {"title": "Old\u202e news", "description": "Every\u2066 morning\x1b"})
        db.execute(text("INSERT INTO show_sources (show_id, url, title, position) VALUES "
                        "(1, 'http://user:secret@a.example/feed', :title, 0)"),
                   {"title": "Ledger\u200b\u202d"})
        db.execute(text("INSERT INTO briefings (id, voice, created_at) VALUES (:id, 'en-us-espeak', 1)"),
                   {"id": "e" * 32})
        db.execute(text("INSERT INTO show_episodes (briefing_id, show_id, created_at, stories) VALUES "
                        "(:id, 1, 1, :stories)"), {"id": "e" * 32, "stories": json.dumps(stories)})
    engine.dispose()
    store = Store(place)
    assert current_revision(store.engine) == "0007"
    old = ShowRecords(store).get("old")
    assert (old.title, old.description, old.keep_episodes) == ("Old news", "Every morning", 30)
    assert (old.sources[0].url, old.sources[0].title) == ("http://user:secret@a.example/feed", "Ledger")
    (episode,) = ShowRecords(store).episodes("old")
    assert [(s.title, s.link, s.source) for s in episode.stories] == [
        ("Ferry news", "http://a.example/ferry", "http://a.example/feed")]
    with store.engine.connect() as db:
        columns = {column["name"] for column in inspect(db).get_columns("shows")}
    assert not {"claimed_by", "claimed_at"} & columns


def test_a_run_cut_short_by_a_dead_process_is_taken_up_again(tmp_path: Path) -> None:
    service = ShowService(Store(tmp_path / "server.sqlite3"), Settings(home=tmp_path))
    service.create("desk", "Desk", voice="en-us-espeak")
    run_id = "a" * 32
    long_ago = time.time() - RUN_LEASE_S - 1
    assert service.runs.add(run_id, service.records.show_id("desk"), "schedule", long_ago)
    assert service.runs.claim(run_id, "host:999", time.time(), RUN_LEASE_S) is not None
    assert service.execute(run_id) is None, "a claim renewed within the lease is another process's"
    assert service.revive_runs() == []
    assert service.runs.beat(run_id, "host:999", long_ago), "that process's last word, long ago"
    assert service.revive_runs() == [run_id], "its process stopped renewing the claim: made here"
    done = service.get_run("desk", run_id)
    assert (done.state, done.outcome) == ("done", "nothing-new")
    assert service.revive_runs() == [] and service.pending_runs() == []
