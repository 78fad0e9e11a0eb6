"""The shows API in an app without its runner (episodes stay queued unless finished by hand): the
same origin, login, CSRF and ownership rules as the briefings API, each refusal's exact answer,
OPML over HTTP, and private shows' feeds at their owner's secret address."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from support.accounts import BASE, add_user, finish, log_in, make_client

from audiobrief.server.signing import feed_key
from audiobrief.shows.model import Story

SHOW = {"slug": "morning", "title": "Morning", "voice": "en-us-espeak", "sources": ["https://a.example/feed"]}


def problem(answer: object) -> object:
    return answer.json()["detail"]  # type: ignore[attr-defined]


@pytest.fixture
def open_server(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


def test_create_read_change_and_remove_on_an_open_server(open_server: TestClient) -> None:
    client = open_server
    created = client.post("/api/shows", json={**SHOW, "schedule": "weekdays at 07:00 Europe/Berlin"})
    assert created.status_code == 201 and created.headers["location"] == "/api/shows/morning"
    body = created.json()
    assert body["feed_url"] == f"{BASE}/shows/morning/feed.xml"
    assert body["schedule"] == "weekdays at 07:00 Europe/Berlin"
    assert body["sources"] == [{"url": "https://a.example/feed", "title": "", "checked_at": None,
                                "error": None, "error_at": None}]
    assert [s["slug"] for s in client.get("/api/shows").json()["shows"]] == ["morning"]
    changed = client.patch("/api/shows/morning", json={"title": "Early", "max_stories": 3, "schedule": ""})
    assert changed.status_code == 200
    after = changed.json()
    assert (after["title"], after["max_stories"], after["next_run_at"]) == ("Early", 3, None)
    added = client.post("/api/shows/morning/sources", json={"url": "https://b.example/rss"})
    assert [s["url"] for s in added.json()["sources"]] == ["https://a.example/feed", "https://b.example/rss"]
    removed = client.delete("/api/shows/morning/sources", params={"url": "https://a.example/feed"})
    assert [s["url"] for s in removed.json()["sources"]] == ["https://b.example/rss"]
    assert client.get("/api/shows/morning/episodes").json() == {"episodes": []}
    assert client.delete("/api/shows/morning").status_code == 204
    assert client.get("/api/shows/morning").status_code == 404


def test_titles_and_descriptions_are_cleaned_like_a_briefings_title(open_server: TestClient) -> None:
    made = open_server.post("/api/shows", json={**SHOW, "title": "Morning\u202e txt.exe",
                                                "description": "The day's\u2066 news\u0007"})
    assert (made.status_code, made.json()["title"], made.json()["description"]) == (
        201, "Morning txt.exe", "The day's news")
    changed = open_server.patch("/api/shows/morning", json={"description": "\u202eEvening\x1b news"})
    assert changed.json()["description"] == "Evening news"


def test_one_cover_per_show_replaced_when_the_title_changes_and_deleted_with_the_show(
        open_server: TestClient) -> None:
    client = open_server
    folder = client.app.state.settings.home / "shows"
    folder.mkdir(parents=True)
    legacy, neighbours = folder / "morning-0123456789abcdef.png", folder / "morning-news-0123456789abcdef.png"
    for old in (legacy, neighbours):
        old.write_bytes(b"png of the release before")
    client.post("/api/shows", json=SHOW)
    first = client.get("/shows/morning/cover.png")
    assert first.status_code == 200 and first.content[:8] == b"\x89PNG\r\n\x1a\n"
    for number in range(4):
        assert client.patch("/api/shows/morning", json={"title": f"Morning {number}"}).status_code == 200
        assert client.get("/shows/morning/cover.png").content != first.content
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.png"))
    assert len(files) == 2 and files[0] == neighbours.name and files[1].startswith("morning/cover-"), \
        f"one cover for the show, and another show's old cover is not its own: {files}"
    assert client.delete("/api/shows/morning").status_code == 204
    assert [p.name for p in folder.rglob("*")] == [neighbours.name]


@pytest.mark.parametrize(("body", "status", "message"), [
    ({**SHOW, "schedule": "every day at 06:30 Mars/Olympus"}, 422,
     "'Mars/Olympus' is not a time zone: name one like Europe/Berlin, America/New_York or UTC"),
    ({**SHOW, "voice": "robot"}, 422, "there is no voice called 'robot': choose one of "),
    ({**SHOW, "schedule": "weekdays at \uff10\uff17:\uff10\uff10"}, 422,
     "'weekdays at \uff10\uff17:\uff10\uff10' is not a schedule: write it like 'every day at 06:30 "
     "Europe/Berlin', 'weekdays at 07:00' or 'every 4 hours'"),
    ({**SHOW, "sources": ["file:///etc/passwd"]}, 422,
     "'file:///etc/passwd' is not an http or https address: give the feed's URL"),
    ({**SHOW, "public": False}, 409, "a server without accounts keeps every show public: add an account "
                                     "(audiobrief user add NAME) to have private ones"),
])
def test_refusals_name_the_problem(open_server: TestClient, body: dict, status: int, message: str) -> None:
    answer = open_server.post("/api/shows", json=body)
    assert answer.status_code == status
    detail = problem(answer)
    text = detail[0]["msg"] if isinstance(detail, list) else detail
    assert text.startswith(message), text


def test_schema_refusals_duplicates_and_unknown_shows(open_server: TestClient) -> None:
    client = open_server
    assert client.post("/api/shows", json=SHOW).status_code == 201
    again = client.post("/api/shows", json=SHOW)
    assert (again.status_code, problem(again)) == (
        409, "a show called 'morning' exists already: choose another name, or change that one")
    many = client.post("/api/shows", json={**SHOW, "slug": "many",
                                           "sources": [f"https://a.example/{n}" for n in range(51)]})
    assert (many.status_code, problem(many)[0]["msg"]) == (422, "List should have at most 50 items after "
                                                                "validation, not 51")
    bad_slug = client.post("/api/shows", json={**SHOW, "slug": "../etc"})
    assert bad_slug.status_code == 422 and problem(bad_slug)[0]["loc"] == ["body", "slug"]
    assert client.post("/api/shows", json={**SHOW, "slug": "x", "colour": "red"}).status_code == 422
    for method, path in (("get", "/api/shows/nope"), ("post", "/api/shows/nope/runs"),
                         ("get", "/api/shows/nope/episodes"), ("get", "/shows/nope/feed.xml"),
                         ("get", "/shows/nope/cover.png")):
        answer = client.request(method, path)
        assert answer.status_code == 404, path
    gone = client.delete("/api/shows/morning/sources", params={"url": "https://z.example/feed"})
    assert (gone.status_code, problem(gone)[0]["msg"]) == (
        422, "'https://z.example/feed' is not a source of show 'morning': "
             "see `audiobrief show sources morning`")
    other_site = client.post("/api/shows", json={**SHOW, "slug": "other"},
                             headers={"Origin": "https://evil.example"})
    assert (other_site.status_code, problem(other_site)) == (
        403, "requests from other sites are refused: use this site's own form")


def test_opml_over_http(open_server: TestClient) -> None:
    client = open_server
    client.post("/api/shows", json=SHOW)
    opml = (b"<opml version='2.0'><body><outline type='rss' text='B' xmlUrl='https://b.example/rss'/>"
            b"<outline type='rss' text='A' xmlUrl='https://a.example/feed'/></body></opml>")
    imported = client.put("/api/shows/morning/opml", content=opml, headers={"Content-Type": "text/x-opml"})
    assert imported.json() == {"added": ["https://b.example/rss"]}
    wrong = client.put("/api/shows/morning/opml", content=opml, headers={"Content-Type": "application/json"})
    assert (wrong.status_code, problem(wrong)) == (
        415, "send the OPML file as text/x-opml (or application/xml)")
    hostile = client.put("/api/shows/morning/opml", content=b"<!DOCTYPE x [<!ENTITY a 'b'>]><opml/>",
                         headers={"Content-Type": "application/xml"})
    assert (hostile.status_code, problem(hostile)[0]["msg"]) == (
        422, "'the OPML file' declares a DOCTYPE or entities, which OPML does not use: export it again")
    exported = client.get("/api/shows/morning/opml")
    assert exported.headers["content-type"] == "text/x-opml; charset=utf-8"
    assert exported.text.count("xmlUrl=") == 2


@pytest.fixture
def accounts_server(tmp_path: Path) -> TestClient:
    client = make_client(tmp_path)
    add_user(client, "alice")
    add_user(client, "bob")
    return client


def bearer(client: TestClient, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {client.app.state.accounts.create_token(name, '')}"}


def test_accounts_rules(accounts_server: TestClient) -> None:
    client = accounts_server
    anonymous = client.post("/api/shows", json=SHOW)
    assert anonymous.status_code == 401
    alice = TestClient(client.app, base_url=BASE)
    csrf = log_in(alice, "alice")
    no_token = alice.post("/api/shows", json={**SHOW, "public": False})
    assert (no_token.status_code, problem(no_token)) == (
        403, "the form has expired or came from another site: reload the page and send it again")
    made = alice.post("/api/shows", json={**SHOW, "public": False}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201 and made.json()["feed_url"].startswith(f"{BASE}/feeds/")
    public = client.post("/api/shows", json={**SHOW, "slug": "open"}, headers=bearer(client, "alice"))
    assert public.status_code == 201
    bob = bearer(client, "bob")
    assert [s["slug"] for s in client.get("/api/shows", headers=bob).json()["shows"]] == ["open"]
    assert client.get("/api/shows/morning", headers=bob).status_code == 404
    assert client.get("/api/shows/morning").status_code == 404, "nobody logged in"
    refused = client.patch("/api/shows/open", json={"title": "Mine"}, headers=bob)
    assert (refused.status_code, problem(refused)) == (
        403, "this show belongs to another account: only its owner or an admin may change it")
    assert client.post("/api/shows/open/runs", headers=bob).status_code == 403
    assert client.delete("/api/shows/open", headers=bob).status_code == 403
    assert client.get("/api/shows/open").json()["feed_url"] == f"{BASE}/shows/open/feed.xml"


def test_a_private_show_feed_follows_the_private_feed_rules(accounts_server: TestClient) -> None:
    client = accounts_server
    alice = bearer(client, "alice")
    made = client.post("/api/shows", json={**SHOW, "public": False}, headers=alice).json()
    private_url = made["feed_url"]
    service = client.app.state.shows
    record_id = "0123456789abcdef0123456789abcdef"
    service.store.add(record_id, "Morning, December 2, 2026", "en-us-espeak", None, {}, [],
                      service.get("morning").owner_id, False)
    story = Story("Ferry", "https://a.example/f", "s", "page")
    service.records.record_episode("morning", record_id, [story], ["id:f"])
    finish(client, record_id, "Morning, December 2, 2026")
    assert client.get("/shows/morning/feed.xml").status_code == 404, "no public feed for a private show"
    answer = client.get(private_url.removeprefix(BASE))
    assert answer.status_code == 200
    parsed = feedparser.parse(answer.content)
    assert parsed.feed.title == "Morning"
    assert [e.title for e in parsed.entries] == ["Morning, December 2, 2026"]
    enclosure = parsed.entries[0].enclosures[0].href
    assert "?key=" in enclosure, "media links are signed"
    assert client.get(enclosure.removeprefix(BASE)).status_code == 200
    bob = client.app.state.accounts.named("bob")
    bob_key = feed_key(client.app.state.secret, bob.id, bob.feed_version, bob.feed_salt)
    assert client.get(f"/feeds/{bob_key}/shows/morning/feed.xml").status_code == 404, "not bob's show"
    client.patch("/api/shows/morning", json={"public": True}, headers=alice)
    assert client.get("/api/briefings/" + record_id).json()["public"] is True, "episodes follow the show"
    assert [e.title for e in feedparser.parse(client.get("/shows/morning/feed.xml").content).entries] == [
        "Morning, December 2, 2026"]
    client.patch("/api/shows/morning", json={"public": False}, headers=alice)
    wrong = private_url.removeprefix(BASE).replace("/feeds/1-", "/feeds/2-")
    assert client.get(wrong).status_code == 404
    episodes = client.get("/api/shows/morning/episodes", headers=alice).json()["episodes"]
    assert episodes[0]["stories"] == [{"title": "Ferry", "link": "https://a.example/f", "source": "s",
                                       "origin": "page"}]


def test_credentials_in_a_source_are_shown_to_nobody_but_in_the_owners_export(
        accounts_server: TestClient) -> None:
    client = accounts_server
    alice, bob = bearer(client, "alice"), bearer(client, "bob")
    secret = "http://user:secret@a.example/feed"
    made = client.post("/api/shows", json={**SHOW, "sources": [secret]}, headers=alice)
    assert made.status_code == 201 and made.json()["sources"][0]["url"] == "http://a.example/feed"
    for headers in ({}, bob, alice):
        for path in ("/api/shows", "/api/shows/morning", "/shows/morning", "/shows"):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 200 and "secret" not in answer.text, (path, headers)
    assert "secret" not in client.get("/api/shows/morning/opml").text
    assert "secret" not in client.get("/api/shows/morning/opml", headers=bob).text
    assert 'xmlUrl="http://user:secret@a.example/feed"' in client.get("/api/shows/morning/opml",
                                                                      headers=alice).text
    again = client.post("/api/shows/morning/sources", json={"url": "http://other:pw@a.example/feed"},
                        headers=alice)
    assert [s["url"] for s in again.json()["sources"]] == ["http://a.example/feed"], "the same feed"
    removed = client.delete("/api/shows/morning/sources", params={"url": "http://a.example/feed"},
                            headers=alice)
    assert (removed.status_code, removed.json()["sources"]) == (200, []), "removed as it is shown"


def test_a_private_episode_of_a_public_show_is_shown_to_its_owner_alone(accounts_server: TestClient) -> None:
    client = accounts_server
    alice, bob = bearer(client, "alice"), bearer(client, "bob")
    assert client.post("/api/shows", json=SHOW, headers=alice).status_code == 201
    service = client.app.state.shows
    owner = service.get("morning").owner_id
    ids = {"open": "a" * 32, "hidden": "b" * 32}
    for name, record_id in ids.items():
        service.store.add(record_id, f"Morning {name}", "en-us-espeak", None, {}, [], owner, True)
        service.records.record_episode("morning", record_id, [Story(name, "https://a.example/" + name, "s",
                                                                    "page")], [f"id:{name}"])
        finish(client, record_id, f"Morning {name}")
    hidden = client.patch(f"/api/briefings/{ids['hidden']}", json={"public": False}, headers=alice)
    assert (hidden.status_code, hidden.json()["public"]) == (200, False)
    for headers in ({}, bob):
        listed = client.get("/api/shows/morning/episodes", headers=headers).json()["episodes"]
        assert [e["id"] for e in listed] == [ids["open"]], headers
        page = client.get("/shows/morning", headers=headers).text
        assert "Morning open" in page and "Morning hidden" not in page and ids["hidden"] not in page
        assert "<dt>Episodes</dt><dd>1</dd>" in client.get("/shows", headers=headers).text
    feed = feedparser.parse(client.get("/shows/morning/feed.xml").content)
    assert [e.title for e in feed.entries] == ["Morning open"]
    own = client.get("/api/shows/morning/episodes", headers=alice).json()["episodes"]
    assert {e["id"] for e in own} == set(ids.values())
    signed = next(e["audio_url"] for e in own if e["id"] == ids["hidden"])
    assert "?key=" in signed and client.get(signed.removeprefix(BASE)).status_code == 200
    assert client.get(f"/media/{ids['hidden']}/audio.mp3").status_code == 404
    for change in ({"title": "Morning again"}, {"public": True}):
        assert client.patch("/api/shows/morning", json=change, headers=alice).status_code == 200
        listed = client.get("/api/shows/morning/episodes").json()["episodes"]
        assert [e["id"] for e in listed] == [ids["open"]], f"{change} made the private episode public again"
