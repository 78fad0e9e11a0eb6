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
