"""The shows' web pages over HTTP in an app without its runner (episodes stay queued): the form's
refusals (422, every problem beside its field, the entry kept, "Error:" in the title), source and
OPML forms, "Make an episode now" against feeds served from loopback, and the account rules
(another account's show 403/404, a form without its CSRF token 403)."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import BASE, add_user, hidden_token, log_in, make_client
from support.feed_server import FETCH_DEADLINE_S, STORIES, FeedSite, feed_site, rss

FORM = {"slug": "morning", "title": "Morning News", "description": "The day's local stories.",
        "voice": "en-us-espeak", "frequency": "weekdays", "time": "06:30", "zone": "Europe/Berlin",
        "hours": "4", "max_stories": "5", "max_per_source": "3", "keep_episodes": "10", "keep_days": "0"}
EXPIRED = "the form has expired or came from another site: reload the page and send it again"


def text_of(page: str) -> str:
    """A page's words, tags dropped (inline ones without a space) and entities decoded, spaces collapsed."""
    inline = re.sub(r"</?(?:a|span|strong|time|code)\b[^>]*>", "", page)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def title_of(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found, page
    return html.unescape(found.group(1)).strip()


def field_value(page: str, name: str) -> str:
    found = re.search(rf'<input [^>]*id="{name}" name="{name}" value="([^"]*)"', page)
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path, allow_private_urls=True, fetch_deadline_s=FETCH_DEADLINE_S)


@pytest.fixture(scope="module")
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


def test_create_list_change_and_delete_a_show(client: TestClient) -> None:
    created = client.post("/shows", data=FORM, follow_redirects=False)
    assert (created.status_code, created.headers["location"]) == (303, "/shows/morning?notice=created")
    page = text_of(client.get("/shows/morning?notice=created").text)
    assert "The show was made." in page
    assert "Schedule Weekdays at 06:30 Europe/Berlin" in page
    assert "Stories up to 5 an episode, 3 from one source" in page
    assert f"{BASE}/shows/morning/feed.xml" in client.get("/shows/morning").text
    assert "podcast://127.0.0.1:8000/shows/morning/feed.xml" in client.get("/shows/morning").text
    listing = text_of(client.get("/shows").text)
    assert "Morning News Schedule Weekdays at 06:30 Europe/Berlin Next run" in listing
    assert "Episodes 0" in listing
    edit = client.get("/shows/morning/edit").text
    assert field_value(edit, "time") == "06:30" and '<option selected>Europe/Berlin</option>' in edit
    changed = client.post("/shows/morning/edit", data={**FORM, "title": "Evening News", "frequency": "hours",
                                                        "hours": "6"}, follow_redirects=False)
    assert (changed.status_code, changed.headers["location"]) == (303, "/shows/morning?notice=saved")
    assert "Schedule Every 6 hours" in text_of(client.get("/shows/morning").text)
    assert client.app.state.shows.get("morning").title == "Evening News"
    assert "Delete the show “Evening News”?" in text_of(client.get("/shows/morning/delete").text)
    deleted = client.post("/shows/morning/delete", follow_redirects=False)
    assert (deleted.status_code, deleted.headers["location"]) == (303, "/shows?deleted=1")
    assert "The show was deleted. " in text_of(client.get("/shows?deleted=1").text)
    assert client.get("/shows/morning").status_code == 404


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"time": "25:00"}, "time",
     "'25:00' is not a time of day: write it as hours and minutes on a 24-hour clock, like 06:30"),
    ({"time": "7 o'clock"}, "time",
     "'7 o'clock' is not a time of day: write it as hours and minutes on a 24-hour clock, like 06:30"),
    ({"zone": "Mars/Olympus"}, "zone",
     "'Mars/Olympus' is not a time zone: name one like Europe/Berlin, America/New_York or UTC"),
    ({"frequency": "hours", "hours": "500"}, "hours",
     "Hours between episodes must be a whole number from 1 to 168"),
    ({"frequency": "fortnightly"}, "frequency", "Choose how often the show makes an episode from the list"),
    ({"slug": "Morning News"}, "slug",
     "'Morning News' is not a show name: use 1 to 64 lowercase letters, digits and hyphens, "
     "like morning-news"),
    ({"title": " "}, "title", "Enter the show's title"),
    ({"voice": "robot"}, "voice", "There is no voice called 'robot': choose one of "),
    ({"max_stories": "0"}, "max_stories", "Stories in one episode must be a whole number from 1 to 20"),
    ({"keep_days": "-1"}, "keep_days", "Days an episode is kept must be a whole number from 0 to 100000"),
    ({"keep_episodes": "0"}, "keep_episodes", "Episodes kept must be a whole number from 1 to 100000"),
])
def test_a_bad_field_is_refused_beside_it_with_the_entry_kept(client: TestClient, changes: dict[str, str],
                                                              field: str, message: str) -> None:
    answer = client.post("/shows", data={**FORM, **changes})
    assert answer.status_code == 422
    assert title_of(answer.text) == "Error: Make a new show · audiobrief"
    error = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', answer.text, re.S)
    assert error, answer.text
    assert text_of(error.group(1)).startswith(f"Error: {message}")
    assert f'<li><a href="#{field}">' in answer.text
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"', answer.text)
    kept = {**FORM, **changes}
    for name in ("slug", "title", "time", "hours", "max_stories", "keep_days"):
        assert field_value(answer.text, name) == kept[name].strip(), name
    if field == "zone":
        assert "<option selected>" not in answer.text.split('id="zone"')[1].split("</select>")[0]
    assert client.app.state.shows.list_shows() == []


def test_every_problem_is_listed_at_once(client: TestClient) -> None:
    answer = client.post("/shows", data={**FORM, "slug": "", "title": "", "time": "noon"})
    assert answer.status_code == 422
    assert "There are 3 problems with the form" in text_of(answer.text)


def test_a_taken_name_is_refused(client: TestClient) -> None:
    assert client.post("/shows", data=FORM, follow_redirects=False).status_code == 303
    again = client.post("/shows", data={**FORM, "title": "Another"})
    assert again.status_code == 422
    assert ("Error: A show called 'morning' exists already: choose another name, or change that one"
            in text_of(again.text))
    assert field_value(again.text, "title") == "Another"


def test_sources_added_removed_imported_and_refused(client: TestClient) -> None:
    client.post("/shows", data=FORM)
    added = client.post("/shows/morning/sources", data={"url": "https://a.example/feed"},
                        follow_redirects=False)
    assert (added.status_code, added.headers["location"]) == (303, "/shows/morning?notice=source-added")
    bad = client.post("/shows/morning/sources", data={"url": "file:///etc/passwd"})
    assert bad.status_code == 422 and title_of(bad.text).startswith("Error: ")
    assert ("Error: 'file:///etc/passwd' is not an http or https address: give the feed's URL"
            in text_of(bad.text))
    assert field_value(bad.text, "url") == "file:///etc/passwd"
    empty = client.post("/shows/morning/sources", data={"url": "  "})
    assert empty.status_code == 422 and "Enter the address of an RSS or Atom feed" in text_of(empty.text)
    opml = (b"<opml version='2.0'><body><outline type='rss' text='B' xmlUrl='https://b.example/rss'/>"
            b"<outline type='rss' text='A' xmlUrl='https://a.example/feed'/></body></opml>")
    imported = client.post("/shows/morning/opml", files={"opml": ("subs.opml", opml, "text/x-opml")},
                           follow_redirects=False)
    assert imported.headers["location"] == "/shows/morning?notice=imported-1"
    after = text_of(client.get(imported.headers["location"]).text)
    assert "1 new source imported from the OPML file." in after
    hostile = client.post("/shows/morning/opml",
                          files={"opml": ("x.opml", b"<!DOCTYPE x><opml/>", "text/xml")})
    assert hostile.status_code == 422
    assert ("'x.opml' declares a DOCTYPE or entities, which OPML does not use: export it again"
            in text_of(hostile.text))
    none = client.post("/shows/morning/opml", files={"opml": ("", b"", "application/octet-stream")})
    assert none.status_code == 422 and "Choose an OPML file to import" in text_of(none.text)
    removed = client.post("/shows/morning/sources/remove", data={"url": "https://a.example/feed"},
                          follow_redirects=False)
    assert removed.headers["location"] == "/shows/morning?notice=source-removed"
    assert [s.url for s in client.app.state.shows.get("morning").sources] == ["https://b.example/rss"]
    exported = client.get("/api/shows/morning/opml")
    assert b"xmlUrl=\"https://b.example/rss\"" in exported.content


@pytest.fixture
def running(tmp_path: Path) -> Iterator[TestClient]:
    """An app with its lifespan (run queue and scheduler started) and no briefing workers: runs are
    made on the run queue's threads, episodes stay queued."""
    with make_client(tmp_path, allow_private_urls=True, fetch_deadline_s=FETCH_DEADLINE_S,
                     workers=0) as client:
        yield client


def followed(client: TestClient, location: str) -> str:
    """The show's page at `location` (?run=ID) once the run it follows has ended, as its words. A run
    reads each source and each story at most once, each within the fetch timeout: that bounds the wait."""
    settings = client.app.state.settings
    deadline = time.monotonic() + settings.fetch_deadline_s * (2 + settings.show_max_stories) + 10
    while "Making an episode" in (page := text_of(client.get(location).text)):
        assert time.monotonic() < deadline, page
        time.sleep(0.1)
    return page


def test_make_an_episode_now_from_loopback_feeds(running: TestClient, site: FeedSite) -> None:
    client = running
    site.set_feed("/pages-news.xml", rss("Pages News", site.base, [STORIES["ferry"], STORIES["orchard"]],
                                         extra_links={"orchard": f"{site.base}/articles/missing"}))
    client.post("/shows", data={**FORM, "frequency": "none"})
    client.post("/shows/morning/sources", data={"url": f"{site.base}/pages-news.xml"})
    client.post("/shows/morning/sources", data={"url": f"{site.base}/broken.xml"})
    ran = client.post("/shows/morning/run", follow_redirects=False)
    assert ran.status_code == 303
    run_id = re.fullmatch(r"/shows/morning\?run=([0-9a-f]{32})", ran.headers["location"]).group(1)
    page = followed(client, ran.headers["location"])
    briefing_id = client.app.state.shows.get_run("morning", run_id).briefing_id
    assert "An episode of the new stories is being made: open the episode." in page
    link = f'<a href="/briefings/{briefing_id}">open the episode</a>'
    assert link in client.get(ran.headers["location"]).text
    assert "Night Ferry Returns to the Bay (read from its web page)" in page
    assert "Orchard Growers Start the Harvest Early (read from the feed's own summary)" in page
    failed = re.search(r"Failed (\d+ \w+ \d{4}, \d\d:\d\d UTC): (.*?) Remove", page)
    assert failed, page
    assert "500" in failed.group(2) and "broken.xml" in failed.group(2)
    assert re.search(r"Latest runs \d+ \w+ \d{4}, \d\d:\d\d UTC, asked for: An episode of the new stories is "
                     r"being made\. 1 source could not be read\.", page), page
    episode = text_of(client.get(f"/briefings/{briefing_id}").text)
    assert "Stories in this episode An episode of the show Morning News." in episode
    assert "Night Ferry Returns to the Bay: read from the article's web page" in episode
    assert ("Orchard Growers Start the Harvest Early: read from the feed's own summary (the web page could "
            "not be read)") in episode
    again = client.post("/shows/morning/run", follow_redirects=False)
    assert "Nothing new: the sources have no story" in followed(client, again.headers["location"])
    assert "Episodes 1" in text_of(client.get("/shows").text)


@pytest.fixture
def accounts(tmp_path: Path) -> TestClient:
    client = make_client(tmp_path)
    add_user(client, "alice")
    add_user(client, "bob")
    return client


def test_account_rules(accounts: TestClient) -> None:
    anonymous = accounts.get("/new-show", follow_redirects=False)
    assert (anonymous.status_code, anonymous.headers["location"]) == (303, "/login?next=%2Fnew-show")
    assert accounts.post("/shows", data=FORM).status_code == 401
    alice = TestClient(accounts.app, base_url=BASE)
    csrf = log_in(alice, "alice")
    missing = alice.post("/shows", data=FORM)
    assert (missing.status_code, EXPIRED in text_of(missing.text)) == (403, True)
    wrong = alice.post("/shows", data={**FORM, "csrf_token": "not-the-token"})
    assert wrong.status_code == 403
    assert hidden_token(alice.get("/new-show").text) == csrf
    private = alice.post("/shows", data={**FORM, "csrf_token": csrf}, follow_redirects=False)
    assert private.status_code == 303 and not accounts.app.state.shows.get("morning").public
    own = alice.get("/shows/morning").text
    feed = re.search(r'id="show-feed-address" class="copy-field" value="([^"]+)"', own)
    assert feed and feed.group(1).startswith(f"{BASE}/feeds/")
    assert feed.group(1).endswith("/shows/morning/feed.xml")
    ids = re.findall(r'\sid="([^"]+)"', own)
    assert len(ids) == len(set(ids)), "an id used twice: a label would point at the wrong field"
    assert alice.post("/shows", data={**FORM, "slug": "open", "public": "on", "csrf_token": csrf},
                      follow_redirects=False).status_code == 303

    bob = TestClient(accounts.app, base_url=BASE)
    bob_csrf = log_in(bob, "bob")
    assert bob.get("/shows/morning").status_code == 404
    assert re.findall(r'href="/shows/([a-z-]+)"', bob.get("/shows").text) == ["open"]
    for path in ("/shows/open/edit", "/shows/open/delete"):
        refused = bob.get(path)
        assert (refused.status_code, title_of(refused.text)) == (403, "Not allowed · audiobrief")
        assert "This show belongs to another account" in text_of(refused.text)
    for path, data in (("/shows/open/edit", FORM), ("/shows/open/sources", {"url": "https://b.example/x"}),
                       ("/shows/open/run", {}), ("/shows/open/delete", {})):
        assert bob.post(path, data={**data, "csrf_token": bob_csrf}).status_code == 403, path
        unseen = bob.post(path.replace("open", "morning"), data={**data, "csrf_token": bob_csrf})
        assert unseen.status_code == 404, path
    assert "Make an episode now" not in bob.get("/shows/open").text
    assert accounts.get("/shows/morning", follow_redirects=False).headers["location"] == (
        "/login?next=%2Fshows%2Fmorning")
    assert alice.post("/shows/open/run", data={}).status_code == 403, "no CSRF token"
    assert accounts.app.state.shows.get("open").title == FORM["title"]
