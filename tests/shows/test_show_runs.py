"""Show runs through the API and pages, against feeds served from loopback: a run is queued and answered
202 at once (nothing is read on the request path), followed at its own address, made by the run queue
once the app's lifespan starts it; one run of a show at a time (409); the bounds on runs per account
(429) and in all (503); an episode counts against the account's rate limit, quota and share of the
briefing queue, and a run that may make nothing says why (on the run and the show's page) and leaves
its stories for the next run; each refusal's exact answer. Briefings are not spoken here (workers=0)."""

from __future__ import annotations

import html
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import BASE, add_user, make_client
from support.feed_server import FETCH_DEADLINE_S, STORIES, FeedSite, feed_site, rss

SHOW = {"title": "Morning", "voice": "en-us-espeak"}


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


def accounts(tmp_path: Path, **settings: object) -> TestClient:
    """An app (lifespan not started: runs stay queued) with accounts alice and bob."""
    client = make_client(tmp_path, allow_private_urls=True, fetch_deadline_s=FETCH_DEADLINE_S, workers=0,
                         **settings)
    add_user(client, "alice")
    add_user(client, "bob")
    return client


def bearer(client: TestClient, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.app.state.accounts.create_token(name, '')}"}


def detail(answer: object) -> object:
    return answer.json()["detail"]  # type: ignore[attr-defined]


def run_deadline(client: TestClient) -> float:
    """When a run started now has surely ended: it reads each source and each story once, each within
    the fetch timeout."""
    settings = client.app.state.settings
    return time.monotonic() + settings.fetch_deadline_s * (2 + settings.show_max_stories) + 10


def finished(client: TestClient, status_url: str, headers: dict[str, str]) -> dict:
    """The run at status_url once it has ended."""
    deadline = run_deadline(client)
    while (run := client.get(status_url.removeprefix(BASE), headers=headers).json())["state"] in (
            "queued", "running"):
        assert time.monotonic() < deadline, run
        time.sleep(0.05)
    return run


def test_a_run_is_answered_at_once_then_made_by_the_run_queue(tmp_path: Path, site: FeedSite) -> None:
    site.set_feed("/runs-a.xml", rss("Runs", site.base, [STORIES["ferry"], STORIES["bridge"]]))
    client = accounts(tmp_path)
    alice, bob = bearer(client, "alice"), bearer(client, "bob")
    made = client.post("/api/shows", json={**SHOW, "slug": "morning", "sources": [f"{site.base}/runs-a.xml"]},
                       headers=alice)
    assert made.status_code == 201
    before = sum(site.requests.values())
    queued = client.post("/api/shows/morning/runs", headers=alice)
    assert queued.status_code == 202
    run = queued.json()
    assert queued.headers["location"] == f"/api/shows/morning/runs/{run['id']}"
    assert run["status_url"] == f"{BASE}/api/shows/morning/runs/{run['id']}"
    assert {key: run[key] for key in ("show", "trigger", "state", "outcome", "message", "episode", "failures",
                                      "started_at")} == {
        "show": "morning", "trigger": "hand", "state": "queued", "outcome": None, "message": None,
        "episode": None, "failures": [], "started_at": None}
    assert sum(site.requests.values()) == before, "nothing is read on the request path"

    again = client.post("/api/shows/morning/runs", headers=alice)
    assert (again.status_code, detail(again)) == (
        409, "show 'morning' has a run waiting or going already: wait for that run to end")
    button = client.post("/shows/morning/run", headers=alice)
    assert button.status_code == 409
    assert "Show 'morning' has a run waiting or going already: wait for that run to end." in html.unescape(
        button.text)
    listed = client.get("/api/shows/morning/runs", headers=alice).json()["runs"]
    assert [r["id"] for r in listed] == [run["id"]]
    missing = client.get(f"/api/shows/morning/runs/{'f' * 32}", headers=alice)
    assert (missing.status_code, detail(missing)) == (404, "no such run of this show (a show remembers its "
                                                          "newest 20)")
    assert client.get("/api/shows/morning/runs/..%2F..", headers=alice).status_code in (404, 422)
    assert client.get("/api/shows/morning/runs/" + "F" * 32, headers=alice).status_code == 422
    others = client.get(run["status_url"].removeprefix(BASE), headers=bob)
    assert (others.status_code, detail(others)) == (
        403, "this show belongs to another account: only its owner or an admin may see its runs")
    assert client.post("/api/shows/morning/runs", headers=bob).status_code == 403

    with client:  # the lifespan starts the run queue, which takes up the waiting run
        done = finished(client, run["status_url"], alice)
    assert (done["state"], done["outcome"], done["message"], done["failures"]) == (
        "done", "episode", None, [])
    assert done["started_at"] and done["finished_at"]
    assert [story["title"] for story in done["episode"]["stories"]] == [
        "Footbridge Repairs Finish Ahead of Time", "Night Ferry Returns to the Bay"]
    assert done["episode"]["state"] == "queued", "the episode is a briefing waiting for a worker"


def test_a_second_run_while_one_is_going_is_refused(tmp_path: Path, site: FeedSite) -> None:
    """While a run is going (reading a source the test holds), another run of the show is refused with
    409 by the API and by the page's button; once the source answers and the run ends, one may start."""
    held = site.hold("/runs-held.xml")
    site.set_feed("/runs-held.xml", rss("Held", site.base, [STORIES["library"]]))
    client = accounts(tmp_path)
    alice = bearer(client, "alice")
    made = client.post("/api/shows", json={**SHOW, "slug": "held", "sources": [f"{site.base}/runs-held.xml"]},
                       headers=alice)
    assert made.status_code == 201
    with client:  # the run queue takes the run up and reads the held source
        first = client.post("/api/shows/held/runs", headers=alice).json()
        deadline = run_deadline(client)
        while site.requests["/runs-held.xml"] == 0:
            assert time.monotonic() < deadline, "the run queue never read the source"
            time.sleep(0.02)
        going = client.get(first["status_url"].removeprefix(BASE), headers=alice).json()
        assert (going["state"], going["outcome"]) == ("running", None)
        again = client.post("/api/shows/held/runs", headers=alice)
        assert (again.status_code, detail(again)) == (
            409, "show 'held' has a run waiting or going already: wait for that run to end")
        button = client.post("/shows/held/run", headers=alice)
        assert button.status_code == 409
        assert "Show 'held' has a run waiting or going already: wait for that run to end." in html.unescape(
            button.text)
        held.set()
        done = finished(client, first["status_url"], alice)
        assert (done["state"], done["outcome"]) == ("done", "episode")
        assert [story["title"] for story in done["episode"]["stories"]] == [
            "Library Opens on Sunday Afternoons"]
        listed = client.get("/api/shows/held/runs", headers=alice).json()["runs"]
        assert [r["id"] for r in listed] == [first["id"]], "the refused runs were not stored"
        later = client.post("/api/shows/held/runs", headers=alice)
        assert later.status_code == 202
        assert finished(client, later.json()["status_url"], alice)["outcome"] == "nothing-new"


def test_runs_are_bounded_per_account_and_in_all(tmp_path: Path) -> None:
    client = accounts(tmp_path, show_runs_per_account=2, show_run_queue=3)
    alice, bob = bearer(client, "alice"), bearer(client, "bob")
    for slug, headers in (("a1", alice), ("a2", alice), ("a3", alice), ("b1", bob), ("b2", bob)):
        assert client.post("/api/shows", json={**SHOW, "slug": slug}, headers=headers).status_code == 201
    assert [client.post(f"/api/shows/{slug}/runs", headers=alice).status_code for slug in ("a1", "a2")] == [
        202, 202]
    mine = client.post("/api/shows/a3/runs", headers=alice)
    assert (mine.status_code, detail(mine), mine.headers["retry-after"]) == (
        429, "this account has 2 show runs waiting or going, the most it may have at once: try again in a "
             "minute", "30")
    assert client.post("/api/shows/b1/runs", headers=bob).status_code == 202
    everyone = client.post("/api/shows/b2/runs", headers=bob)
    assert (everyone.status_code, detail(everyone), everyone.headers["retry-after"]) == (
        503, "3 show runs are already waiting or going: try again in a minute", "30")


def test_runs_spend_the_rate_limit_and_stop_at_the_quota(tmp_path: Path, site: FeedSite) -> None:
    """The issue's case: QUOTA_BRIEFINGS=2 and a burst of 1; six runs made six episodes."""
    site.set_feed("/runs-b.xml", rss("Runs", site.base, [STORIES["orchard"]]))
    client = accounts(tmp_path, quota_briefings=2, submit_burst=1, submit_per_hour=1,
                      show_runs_per_account=10)
    alice = bearer(client, "alice")
    slugs = [f"show-{number}" for number in range(6)]
    for slug in slugs:
        assert client.post("/api/shows", json={**SHOW, "slug": slug, "sources": [f"{site.base}/runs-b.xml"]},
                           headers=alice).status_code == 201
    answers = [client.post(f"/api/shows/{slug}/runs", headers=alice) for slug in slugs]
    assert [answer.status_code for answer in answers] == [202, 429, 429, 429, 429, 429]
    assert str(detail(answers[1])).startswith("too many briefings requested in a short time: try again in ")
    assert int(answers[1].headers["retry-after"]) > 0
    with client:
        first = finished(client, answers[0].json()["status_url"], alice)
        assert first["outcome"] == "episode"
        owner = client.app.state.accounts.named("alice").id
        client.app.state.store.add("c" * 32, "Another", "en-us-espeak", None, {}, [], owner, True)
        service = client.app.state.shows
        service.records.change("show-1", {"schedule": "every hour", "next_run_at": time.time() - 60})
        (scheduled,) = service.run_due()
        refused = finished(client, f"{BASE}/api/shows/show-1/runs/{scheduled.id}", alice)
    quota = "this account keeps 2 briefings, its limit: delete some in the library to make new ones"
    assert (refused["trigger"], refused["outcome"], refused["message"], refused["episode"]) == (
        "schedule", "refused", quota, None)
    page = client.get("/shows/show-1", headers=alice).text
    assert f"on schedule: Nothing was made: {quota}." in page
    assert client.app.state.store.usage(owner)[0] == 2, "one episode, and the briefing made by hand"

    client.app.state.limits.per_account.levels.clear()  # the hour has passed
    client.app.state.limits.per_address.levels.clear()
    over = client.post("/api/shows/show-2/runs", headers=alice)
    assert (over.status_code, detail(over)) == (403, quota)


def test_a_run_may_not_fill_the_briefing_queue_and_leaves_its_stories_for_the_next(tmp_path: Path,
                                                                                  site: FeedSite) -> None:
    site.set_feed("/runs-c.xml", rss("Runs", site.base, [STORIES["library"]]))
    client = accounts(tmp_path, queue_share=1)
    alice, bob = bearer(client, "alice"), bearer(client, "bob")
    article = {"articles": [{"text": "Harbour News\n\nThe ferry runs again from Monday. Tickets cost the "
                                     "same."}]}
    waiting = client.post("/api/briefings", json=article, headers=alice)
    assert waiting.status_code == 202
    share = client.post("/api/briefings", json=article, headers=alice)
    assert (share.status_code, detail(share), share.headers["retry-after"]) == (
        429, "this account has 1 briefing waiting to be made, its share of the queue: try again in a minute",
        "30")
    assert client.post("/api/briefings", json=article, headers=bob).status_code == 202, "others still get in"
    assert client.post("/api/shows", json={**SHOW, "slug": "lib", "sources": [f"{site.base}/runs-c.xml"]},
                       headers=alice).status_code == 201
    with client:
        queued = client.post("/api/shows/lib/runs", headers=alice).json()
        refused = finished(client, queued["status_url"], alice)
        assert (refused["outcome"], refused["message"]) == (
            "refused", "this account has 1 briefing waiting to be made, its share of the queue: its new "
                       "stories are read again at the next run")
        assert client.delete(f"/api/briefings/{waiting.json()['id']}", headers=alice).status_code == 204
        second = client.post("/api/shows/lib/runs", headers=alice).json()
        again = finished(client, second["status_url"], alice)
    assert again["outcome"] == "episode"
    assert [story["title"] for story in again["episode"]["stories"]] == ["Library Opens on Sunday Afternoons"]
    assert site.not_modified["/runs-c.xml"] == 0, "read in full again: a 304 would have hidden the story"


def test_a_show_keeps_at_least_one_episode_and_an_account_at_most_its_shows(tmp_path: Path) -> None:
    client = accounts(tmp_path, max_shows=2)
    alice = bearer(client, "alice")
    none_kept = client.post("/api/shows", json={**SHOW, "slug": "none", "keep_episodes": 0}, headers=alice)
    assert (none_kept.status_code, detail(none_kept)[0]["msg"]) == (
        422, "Input should be greater than or equal to 1")
    service = client.app.state.shows
    with pytest.raises(Exception) as caught:
        service.create("none", "None", keep_episodes=0)
    assert str(caught.value) == "keep-episodes must be a whole number from 1 to 100000"
    for slug in ("one", "two"):
        assert client.post("/api/shows", json={**SHOW, "slug": slug}, headers=alice).status_code == 201
    third = client.post("/api/shows", json={**SHOW, "slug": "three"}, headers=alice)
    assert (third.status_code, detail(third)) == (
        403, "this account has 2 shows, the most one account may have: remove one to make another")
    assert client.post("/api/shows", json={**SHOW, "slug": "three"}, headers=bearer(client, "bob")
                       ).status_code == 201, "another account's own shows"
