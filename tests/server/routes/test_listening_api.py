"""The listening API: each account's place in its briefings, played marks and queue, only for briefings
it may see; hostile input answered with exact statuses and words; a server without accounts says the
browser keeps the state."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import BASE, add_user, finish, log_in, make_client

from audiobrief.server.routes.listening import MAX_BODY_BYTES
from audiobrief.server.schemas import MAX_QUEUE
from audiobrief.server.services.listening import NO_ACCOUNTS

NOT_LOGGED_IN = {"detail": "log in first (at /login), or send an API token as Authorization: Bearer"}
NO_CSRF = {"detail": "the form has expired or came from another site: reload the page and send it again"}
Browser = tuple[TestClient, dict[str, str]]  #: a client with its cookies, and its CSRF header
LENGTH_S = 3.0  #: support.accounts.finish makes briefings 3 s long


def briefing(client: TestClient, owner: str | None = None, public: bool = True, done: bool = True,
             title: str = "Harbour News") -> str:
    """A briefing in the store (3 s long when done), owned by the named account."""
    app = client.app
    owner_id = app.state.accounts.named(owner).id if owner else None  # type: ignore[attr-defined]
    record_id = uuid.uuid4().hex
    app.state.store.add(record_id, "", "en-us-espeak", None, {}, [], owner_id=owner_id,  # type: ignore[attr-defined]
                        public=public)
    if done:
        finish(client, record_id, title=title)
    return record_id


@pytest.fixture
def alice(tmp_path: Path) -> Browser:
    """A server with the accounts alice and bob; alice's browser, logged in, and its CSRF header."""
    client = make_client(tmp_path)
    add_user(client, "alice")
    add_user(client, "bob")
    return client, {"X-CSRF-Token": log_in(client, "alice")}


def browser_of(client: TestClient, name: str) -> Browser:
    """Another browser on the same app, logged in as name."""
    other = TestClient(client.app, base_url=str(client.base_url))
    return other, {"X-CSRF-Token": log_in(other, name)}


def test_a_server_without_accounts_says_the_browser_keeps_the_state(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    record_id = briefing(client)
    for answer in (client.get("/api/listening"), client.get("/api/listening/queue"),
                   client.put(f"/api/listening/briefings/{record_id}", json={"played": True}),
                   client.put("/api/listening/queue", json={"briefings": [record_id]})):
        assert (answer.status_code, answer.json()) == (409, {"detail": NO_ACCOUNTS})


def test_nobody_logged_in_is_401(alice: Browser) -> None:
    client, _ = alice
    record_id = briefing(client)
    anonymous = TestClient(client.app, base_url=BASE)
    for answer in (anonymous.get("/api/listening"), anonymous.get("/api/listening/queue"),
                   anonymous.put(f"/api/listening/briefings/{record_id}", json={"played": True}),
                   anonymous.put("/api/listening/queue", json={"briefings": []})):
        assert (answer.status_code, answer.json()) == (401, NOT_LOGGED_IN)
        assert answer.headers["www-authenticate"] == "Bearer"


def test_position_and_played_are_kept_per_account(alice: Browser) -> None:
    client, csrf = alice
    record_id = briefing(client)
    saved = client.put(f"/api/listening/briefings/{record_id}", json={"position_s": 1.25}, headers=csrf)
    assert saved.status_code == 200, saved.text
    assert {k: v for k, v in saved.json().items() if k != "updated_at"} == {
        "id": record_id, "position_s": 1.25, "played": False, "left_s": 1.75}
    played = client.put(f"/api/listening/briefings/{record_id}", json={"played": True}, headers=csrf).json()
    assert (played["position_s"], played["played"], played["left_s"]) == (1.25, True, None)
    again, again_csrf = browser_of(client, "alice")  # another browser of the same account sees it
    states = again.get("/api/listening").json()["briefings"]
    assert [(s["id"], s["position_s"], s["played"]) for s in states] == [(record_id, 1.25, True)]
    again.put(f"/api/listening/briefings/{record_id}", json={"played": False, "position_s": 0},
              headers=again_csrf)
    assert client.get("/api/listening").json()["briefings"][0]["played"] is False
    bob, _ = browser_of(client, "bob")
    assert bob.get("/api/listening").json() == {"briefings": [], "queue": {"briefings": []}}


@pytest.mark.parametrize(("body", "loc", "message"), [
    ({"position_s": -1}, ["body", "position_s"], "Input should be greater than or equal to 0"),
    ({"position_s": "12"}, ["body", "position_s"], "Input should be a valid number"),
    ({"position_s": 1e300}, ["body", "position_s"], "Input should be less than or equal to 86400"),
    ({"position_s": LENGTH_S + 1.5}, ["body", "position_s"],
     "the position is past the end of the briefing: give at most 3.000 seconds"),
    ({"played": "yes"}, ["body", "played"], "Input should be a valid boolean"),
    ({}, ["body"], "Value error, give position_s, played or both"),
    ({"played": True, "owner": 2}, ["body", "owner"], "Extra inputs are not permitted"),
])
def test_bad_positions_are_422_naming_the_field(alice: Browser, body: object,
                                                loc: list[str], message: str) -> None:
    client, csrf = alice
    answer = client.put(f"/api/listening/briefings/{briefing(client)}", json=body, headers=csrf)
    assert answer.status_code == 422
    assert [(p["loc"], p["msg"]) for p in answer.json()["detail"]] == [(loc, message)]


def test_not_a_number_is_422(alice: Browser) -> None:
    client, csrf = alice
    answer = client.put(f"/api/listening/briefings/{briefing(client)}", content=b'{"position_s": NaN}',
                        headers={**csrf, "Content-Type": "application/json"})
    assert answer.status_code == 422
    assert [(p["loc"], p["msg"]) for p in answer.json()["detail"]] == [
        (["body", "position_s"], "Input should be a finite number")]


def test_unknown_unfinished_and_other_accounts_private_briefings(alice: Browser,
                                                                 ) -> None:
    client, csrf = alice
    bobs_private = briefing(client, owner="bob", public=False)
    waiting = briefing(client, owner="alice", done=False)
    for unknown in (bobs_private, "0" * 32, "nope", "%2e%2e"):
        answer = client.put(f"/api/listening/briefings/{unknown}", json={"played": True}, headers=csrf)
        assert (answer.status_code, answer.json()) == (404, {"detail": "no such briefing"})
    answer = client.put(f"/api/listening/briefings/{waiting}", json={"played": True}, headers=csrf)
    assert (answer.status_code, answer.json()) == (
        409, {"detail": "only a finished briefing can be listened to, and this one is queued"})


def test_changes_need_the_csrf_token_and_the_same_origin(alice: Browser) -> None:
    client, csrf = alice
    record_id = briefing(client)
    bare = client.put(f"/api/listening/briefings/{record_id}", json={"played": True})
    assert (bare.status_code, bare.json()) == (403, NO_CSRF)
    foreign = client.put("/api/listening/queue", json={"briefings": [record_id]},
                         headers={**csrf, "Origin": "http://evil.example"})
    assert (foreign.status_code, foreign.json()) == (
        403, {"detail": "requests from other sites are refused: use this site's own form"})
    assert client.get("/api/listening").json()["briefings"] == []


def test_bodies_over_the_small_limit_and_not_json_are_refused(alice: Browser) -> None:
    client, csrf = alice
    huge = json.dumps({"briefings": ["a" * 32] * 1000}).encode()
    assert len(huge) > MAX_BODY_BYTES
    answer = client.put("/api/listening/queue", content=huge,
                        headers={**csrf, "Content-Type": "application/json"})
    assert (answer.status_code, answer.json()) == (
        413, {"detail": "the body is over this address's 16,384 byte limit"})
    form = client.put("/api/listening/queue", data={"briefings": "x"}, headers=csrf)
    assert (form.status_code, form.json()) == (415, {"detail": "send JSON (application/json)"})


def test_the_queue_is_kept_in_order_with_titles(alice: Browser) -> None:
    client, csrf = alice
    first = briefing(client, title="First")
    second = briefing(client, owner="alice", public=False, title="Second")
    put = client.put("/api/listening/queue", json={"briefings": [second, first]}, headers=csrf)
    assert put.status_code == 200, put.text
    assert [(b["id"], b["title"], b["duration_s"]) for b in put.json()["briefings"]] == [
        (second, "Second", LENGTH_S), (first, "First", LENGTH_S)]
    assert put.json()["briefings"][0]["page_url"] == f"{BASE}/briefings/{second}"
    assert "?key=" in put.json()["briefings"][0]["audio_url"]  # a private briefing's signed link
    again, _ = browser_of(client, "alice")
    assert [b["id"] for b in again.get("/api/listening/queue").json()["briefings"]] == [second, first]
    emptied = client.put("/api/listening/queue", json={"briefings": []}, headers=csrf)
    assert emptied.json() == {"briefings": []}


def test_a_huge_queue_is_refused_with_its_bound(alice: Browser) -> None:
    client, csrf = alice
    ids = [uuid.uuid4().hex for _ in range(MAX_QUEUE + 1)]
    answer = client.put("/api/listening/queue", json={"briefings": ids}, headers=csrf)
    assert answer.status_code == 422
    assert [(p["loc"], p["msg"]) for p in answer.json()["detail"]] == [
        (["body", "briefings"], "List should have at most 100 items after validation, not 101")]


def test_bad_queues_name_the_briefing(alice: Browser) -> None:
    client, csrf = alice
    mine, bobs_private = briefing(client), briefing(client, owner="bob", public=False)
    waiting = briefing(client, done=False)
    cases = [
        ([mine, mine], 422, [{"type": "value_error", "loc": ["body", "briefings", 1],
                              "msg": f"briefing {mine} is in the queue twice: give each briefing once"}]),
        ([mine, bobs_private], 404, f"no such briefing: {bobs_private}"),
        (["f" * 32], 404, f"no such briefing: {'f' * 32}"),
        ([waiting], 409, f"only a finished briefing can be listened to, and this one is queued: {waiting}"),
    ]
    for ids, status, detail in cases:
        answer = client.put("/api/listening/queue", json={"briefings": ids}, headers=csrf)
        assert (answer.status_code, answer.json()) == (status, {"detail": detail})
    malformed = client.put("/api/listening/queue", json={"briefings": ["../etc"]}, headers=csrf)
    assert malformed.status_code == 422
    assert [p["loc"] for p in malformed.json()["detail"]] == [["body", "briefings", 0]]
    assert client.get("/api/listening/queue").json() == {"briefings": []}  # nothing bad was kept


def test_deleted_and_hidden_briefings_leave_the_queue_and_the_state(alice: Browser,
                                                                    ) -> None:
    client, csrf = alice
    bob, bob_csrf = browser_of(client, "bob")
    kept, deleted, hidden = briefing(client), briefing(client, owner="alice"), briefing(client, owner="bob")
    client.put("/api/listening/queue", json={"briefings": [kept, deleted, hidden]}, headers=csrf)
    for record_id in (kept, deleted, hidden):
        client.put(f"/api/listening/briefings/{record_id}", json={"position_s": 1}, headers=csrf)
    assert client.delete(f"/api/briefings/{deleted}", headers=csrf).status_code == 204
    assert bob.patch(f"/api/briefings/{hidden}", json={"public": False}, headers=bob_csrf).status_code == 200
    assert [b["id"] for b in client.get("/api/listening/queue").json()["briefings"]] == [kept]
    assert [s["id"] for s in client.get("/api/listening").json()["briefings"]] == [kept]


def test_an_api_token_reads_and_writes_without_csrf(alice: Browser) -> None:
    client, _ = alice
    token = client.app.state.accounts.create_token("alice", "phone")  # type: ignore[attr-defined]
    record_id = briefing(client)
    robot = TestClient(client.app, base_url=BASE, headers={"Authorization": f"Bearer {token}"})
    assert robot.put(f"/api/listening/briefings/{record_id}", json={"played": True}).status_code == 200
    assert robot.get("/api/listening").json()["briefings"][0]["played"] is True


def test_the_library_shows_played_and_minutes_left_from_the_account(alice: Browser) -> None:
    client, csrf = alice
    store = client.app.state.store  # type: ignore[attr-defined]
    long_one = briefing(client, done=False, title="Long")
    store.start(long_one)
    store.finish(long_one, "Long", 900_000, 1000, "")  # 15 minutes
    played, untouched = briefing(client, title="Played one"), briefing(client, title="Untouched")
    waiting = briefing(client, done=False, title="Waiting")
    client.put(f"/api/listening/briefings/{long_one}", json={"position_s": 180.5}, headers=csrf)
    client.put(f"/api/listening/briefings/{played}", json={"played": True}, headers=csrf)
    html = client.get("/library").text
    assert 'data-mode="server"' in html
    for record_id, mark in ((long_one, "12 min left"), (played, "Played"), (untouched, "")):
        row = html.split(f'<tr data-briefing="{record_id}"', 1)[1].split("</tr>", 1)[0]
        assert f'<td data-label="Listened" class="listened">{mark}</td>' in row, row
    assert html.count('data-played="1"') == 1
    waiting_row = html.split(f'<tr data-briefing="{waiting}"', 1)[1].split("</tr>", 1)[0]
    assert '<td data-label="Listened" class="listened"></td>' in waiting_row
    assert "queue-add" not in waiting_row and "data-duration" not in waiting_row  # not finished: not queued
    bob, _ = browser_of(client, "bob")
    assert "Played</td>" not in bob.get("/library").text  # marks are each account's own


def test_the_briefing_page_hands_the_accounts_place_to_the_player(alice: Browser, tmp_path: Path) -> None:
    client, csrf = alice
    record_id = briefing(client)
    client.put(f"/api/listening/briefings/{record_id}", json={"position_s": 2.25}, headers=csrf)
    page = client.get(f"/briefings/{record_id}").text
    assert 'data-mode="server"' in page and 'data-position="2.2" data-played="false"' in page
    assert '</section>\n<div id="briefing-actions"></div>' in page  # right after the player
    anonymous = TestClient(client.app, base_url=BASE).get(f"/briefings/{record_id}").text
    assert 'data-mode="browser"' in anonymous and "data-position" not in anonymous
    open_client = make_client(tmp_path / "open")
    open_page = open_client.get(f"/briefings/{briefing(open_client)}").text
    assert 'data-mode="browser"' in open_page and 'data-csrf=""' in open_page
