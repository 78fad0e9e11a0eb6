"""Small page details: titles quoted once, trying a failed briefing again, and times marked for the
viewer's zone. In-process apps without a job runner (briefings stay queued)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, make_client

BODY = "The night ferry runs again from Monday. It stopped last winter. Tickets cost the same as before."


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path / "home")


def _submit(client: TestClient, text: str) -> str:
    answer = client.post("/api/briefings", json={"articles": [{"text": text}]})
    assert answer.status_code == 202, answer.text
    return answer.json()["id"]


def test_the_delete_page_quotes_a_pasted_articles_name_once(client: TestClient) -> None:
    record_id = _submit(client, "City Council Votes on the New Harbour Bridge Plan Tonight\n\n" + BODY)
    page = html.unescape(client.get(f"/briefings/{record_id}/delete").text)
    assert "<h1>Delete “City Council Votes on the New Harbour Bridge…”?</h1>" in page
    assert "<title>Delete “City Council Votes on the New Harbour Bridge…” · audiobrief</title>" in page


def test_the_delete_page_quotes_a_title_of_its_own(client: TestClient) -> None:
    answer = client.post("/api/briefings", json={**ARTICLE, "title": "Morning news"})
    page = html.unescape(client.get(f"/briefings/{answer.json()['id']}/delete").text)
    assert "<h1>Delete “Morning news”?</h1>" in page
    assert "<title>Delete “Morning news” · audiobrief</title>" in page


def test_trying_again_shows_the_new_attempt_waiting_with_a_way_to_stop_it(client: TestClient) -> None:
    answer = client.post("/api/briefings", json=ARTICLE)
    record_id = answer.json()["id"]
    store = client.app.state.store  # type: ignore[attr-defined]
    store.start(record_id)
    store.fail(record_id, "'https://example.org/gone' answered HTTP 503: check the URL")
    failed = client.get(f"/briefings/{record_id}").text
    assert "This briefing could not be made" in failed and "In the queue" not in failed
    assert "Tried <time data-local datetime=" in failed  # each attempt shows its own time
    again = client.post(f"/briefings/{record_id}/retry")
    assert [step.status_code for step in again.history] == [303]
    assert str(again.url) == f"http://127.0.0.1:8000/briefings/{record_id}"
    page = html.unescape(again.text)
    assert '<h2 id="status-heading">In the queue</h2>' in page
    assert "This briefing could not be made" not in page and "answered HTTP 503" not in page
    assert f'<form class="cancel" action="/briefings/{record_id}/delete" method="post">' in page
    assert '<p id="job-status" role="status">In the queue: 0% done.</p>' in page
