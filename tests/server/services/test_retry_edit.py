"""Trying a failed briefing again and opening any briefing in the form: who may, what the form holds,
what is said when the articles are no longer kept, and the names of briefings without a title yet.
In-process apps without a job runner (briefings stay queued): the real-server tests make audio."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, add_user, finish, log_in, make_client

from audiobrief.server.services.briefings import INPUTS_GONE
from audiobrief.server.services.editing import edit_values
from audiobrief.server.store.naming import provisional_title
from audiobrief.server.store.records import Record, Source

FAILURE = "'https://example.org/gone' answered HTTP 503: check the URL"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path / "home")


def _failed(client: TestClient, body: dict | None = None) -> str:
    """A briefing submitted through the API and then failed, as the runner fails one."""
    answer = client.post("/api/briefings", json=body or ARTICLE)
    assert answer.status_code == 202, answer.text
    record_id = answer.json()["id"]
    store = client.app.state.store  # type: ignore[attr-defined]
    store.start(record_id)
    store.fail(record_id, FAILURE)
    return record_id


def _field(page: str, name: str) -> str:
    """A textarea's or text input's value on a page."""
    found = re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page, re.S) or \
        re.search(rf'<input type="text"[^>]*id="{name}" name="{name}"[^>]*value="([^"]*)"', page)
    assert found, f"no field {name}"
    return html.unescape(found.group(1))


def test_a_failed_briefing_is_tried_again_through_the_api(client: TestClient) -> None:
    record_id = _failed(client)
    assert client.get(f"/api/briefings/{record_id}").json()["error"] == FAILURE
    answer = client.post(f"/api/briefings/{record_id}/retry")
    assert answer.status_code == 202
    assert answer.json() == {"id": record_id, "status_url": f"http://127.0.0.1:8000/api/briefings/{record_id}"}
    assert answer.headers["location"] == f"/api/briefings/{record_id}"
    status = client.get(f"/api/briefings/{record_id}").json()
    assert (status["state"], status["error"], status["progress"]) == ("queued", None, 0)
    again = client.post(f"/api/briefings/{record_id}/retry")
    assert again.status_code == 409
    assert again.json() == {"detail": "only a failed briefing can be tried again, and this one is queued"}


def test_retry_of_an_unknown_briefing_is_404(client: TestClient) -> None:
    answer = client.post("/api/briefings/0123456789abcdef0123456789abcdef/retry")
    assert answer.status_code == 404
    assert answer.json() == {"detail": "no such briefing"}


def test_the_form_button_tries_again_and_goes_to_its_page(client: TestClient) -> None:
    record_id = _failed(client)
    page = client.get(f"/briefings/{record_id}").text
    assert f'action="/briefings/{record_id}/retry"' in page
    assert f'href="/briefings/{record_id}/edit"' in page
    answer = client.post(f"/briefings/{record_id}/retry", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/briefings/{record_id}"
    assert client.get(f"/api/briefings/{record_id}").json()["state"] == "queued"


def test_a_briefing_whose_articles_were_pruned_says_so(client: TestClient) -> None:
    record_id = _failed(client, {**ARTICLE, "voice": "en-us-espeak",
                                 "pronunciations": {"Harbour": "har-ber"}})
    store = client.app.state.store  # type: ignore[attr-defined]
    store.prune(keep_inputs=0, inputs_before=0, failed_before=0)
    answer = client.post(f"/api/briefings/{record_id}/retry")
    assert answer.status_code == 410
    assert answer.json() == {"detail": INPUTS_GONE}
    page = client.get(f"/briefings/{record_id}/edit")
    assert page.status_code == 200
    assert ("are no longer kept (they are kept for a week, for the newest briefings only): paste, upload "
            "or give their addresses again. Its voice and pronunciations are filled in."
            ) in html.unescape(page.text)
    assert _field(page.text, "text") == ""
    assert _field(page.text, "pronunciations") == "Harbour = har-ber"
    assert '<option value="en-us-espeak" selected>' in page.text


def test_the_edit_form_holds_text_files_urls_voice_rate_and_pronunciations(tmp_path: Path) -> None:
    client = make_client(tmp_path / "home", allow_private_urls=True)  # a loopback URL: no DNS needed
    markdown = ("Wrenmouth Notes\n---------------\n\nThe quay reopened today after the storm.\n\n---\n\n"
                "More.\n")
    answer = client.post("/api/briefings", data={
        "text": "Harbour News\n\nThe ferry runs again from Monday. Tickets cost the same.",
        "urls": "http://127.0.0.1:9/ferry-story", "title": "Morning notes", "voice": "en-gb-espeak",
        "rate": "190", "pronunciations": "Wrenmouth = ren-muth\nquay = key",
    }, files=[("files", ("notes.md", markdown.encode(), "text/markdown"))])
    assert answer.status_code == 202, answer.text
    record_id = answer.json()["id"]
    page = client.get(f"/briefings/{record_id}/edit")
    assert page.status_code == 200
    assert "Change what you like: making it gives a new briefing, and sentences that are unchanged are " \
           "not voiced again." in page.text
    assert _field(page.text, "text") == (
        "Harbour News\n\nThe ferry runs again from Monday. Tickets cost the same.\n---\n"
        "## Wrenmouth Notes\n\nThe quay reopened today after the storm.\n\n***\n\nMore.")
    assert _field(page.text, "urls") == "http://127.0.0.1:9/ferry-story"
    assert _field(page.text, "title") == "Morning notes"
    assert _field(page.text, "rate") == "190"
    assert _field(page.text, "pronunciations") == "Wrenmouth = ren-muth\nquay = key"
    assert '<option value="en-gb-espeak" selected>' in page.text
    assert 'action="/briefings"' in page.text  # sending it makes a new briefing


def test_edit_values_keep_a_public_briefing_public() -> None:
    record = Record(id="a" * 32, title="", requested_title="", voice="en-us", rate=None, pronunciations={},
                    state="done", stage="done", progress=1, error="", attempts=1, created_at=0,
                    finished_at=1, duration_ms=1000, mp3_bytes=10, description="", public=True)
    values = edit_values(record, [Source("text", "pasted article 1", b"A story.\r\nIts second line.")])
    assert values == {"text": "A story.\nIts second line.", "urls": "", "title": "", "voice": "en-us",
                      "rate": "", "pronunciations": "", "public": "on"}


@pytest.mark.parametrize(("sources", "name"), [
    ([Source("url", "https://example.org/story", b"https://user:pw@example.org/story")],
     "https://example.org/story"),
    ([Source("file", "storm.md", b"# Storm")], "storm.md"),
    ([Source("text", "pasted article 1", b"\n# Port *Reopens* After the Long Storm of the Winter Season\n")],
     "\u201cPort Reopens After the Long Storm of the\u2026\u201d"),
    ([Source("text", "pasted article 1", b"Short note.")], "\u201cShort note.\u201d"),
    ([Source("file", "a.txt", b"x"), Source("url", "https://example.org/b", b"https://example.org/b")],
     "a.txt and 1 more"),
    ([], ""),
])
def test_briefings_are_named_by_their_first_input(sources: list[Source], name: str) -> None:
    assert provisional_title(sources) == name


def test_the_library_names_failed_briefings_and_says_why(client: TestClient) -> None:
    record_id = _failed(client, {"articles": [{"text": "Ferry Returns\n\nThe night ferry runs again from "
                                                       "Monday. Tickets cost the same."}]})
    status = client.get(f"/api/briefings/{record_id}").json()
    assert status["title"] == "\u201cFerry Returns\u201d"
    library = client.get("/library").text
    assert f'<a href="/briefings/{record_id}">\u201cFerry Returns\u201d</a>' in library
    assert '<p class="failure">' + FAILURE.replace("'", "&#39;") + "</p>" in library
    assert "Untitled briefing" not in library
    assert f'action="/briefings/{record_id}/retry"' in library
    assert f'href="/briefings/{record_id}/edit"' in library


def test_a_requested_title_names_it_from_the_start(client: TestClient) -> None:
    answer = client.post("/api/briefings", json={**ARTICLE, "title": "Harbour bulletin"})
    assert client.get(f"/api/briefings/{answer.json()['id']}").json()["title"] == "Harbour bulletin"


@pytest.fixture
def accounts(tmp_path: Path) -> TestClient:
    client = make_client(tmp_path / "home")
    add_user(client, "alice")
    add_user(client, "bob")
    return client


def test_only_the_owner_may_retry_or_edit(accounts: TestClient) -> None:
    alice_csrf = log_in(accounts, "alice")
    answer = accounts.post("/api/briefings", json={**ARTICLE, "public": True},
                           headers={"X-CSRF-Token": alice_csrf})
    assert answer.status_code == 202, answer.text
    record_id = answer.json()["id"]
    store = accounts.app.state.store  # type: ignore[attr-defined]
    store.start(record_id)
    store.fail(record_id, FAILURE)
    without_token = accounts.post(f"/api/briefings/{record_id}/retry")
    assert without_token.status_code == 403
    assert without_token.json() == {"detail": "the form has expired or came from another site: reload the "
                                              "page and send it again"}
    accounts.post("/logout", data={"csrf_token": alice_csrf})
    bob_csrf = log_in(accounts, "bob")
    refused = accounts.post(f"/api/briefings/{record_id}/retry", headers={"X-CSRF-Token": bob_csrf})
    assert refused.status_code == 403
    assert refused.json() == {"detail": "this briefing belongs to another account: only its owner or an "
                                        "admin may try it again"}
    assert accounts.get(f"/briefings/{record_id}/edit").status_code == 403
    page = accounts.get(f"/briefings/{record_id}").text
    assert "/retry" not in page and "/edit" not in page
    accounts.post("/logout", data={"csrf_token": bob_csrf})
    alice_csrf = log_in(accounts, "alice")
    allowed = accounts.post(f"/briefings/{record_id}/retry", data={"csrf_token": alice_csrf},
                            follow_redirects=False)
    assert allowed.status_code == 303


def test_nobody_logged_in_is_sent_to_the_login_page_for_the_edit_form(accounts: TestClient) -> None:
    answer = accounts.get("/briefings/0123456789abcdef0123456789abcdef/edit", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


def test_a_done_briefing_has_an_edit_link_for_its_owner(client: TestClient) -> None:
    answer = client.post("/api/briefings", json=ARTICLE)
    record_id = answer.json()["id"]
    finish(client, record_id)
    page = client.get(f"/briefings/{record_id}").text
    assert f'<a href="/briefings/{record_id}/edit">Edit and make again</a>' in page
    assert "/retry" not in page
    assert client.post(f"/api/briefings/{record_id}/retry").json() == {
        "detail": "only a failed briefing can be tried again, and this one is done"}
