"""A query parameter named twice is refused with 400 naming it, on the API, media and pages alike
(schemathesis found `cues.json?start=...&start=+0.0` answered from the last value)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, make_client

from audiobrief.server.http.query import repeated_parameter


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return make_client(tmp_path)


@pytest.mark.parametrize(("query", "repeated"), [
    (b"", None), (b"start=1", None), (b"start=1&end=2", None), (b"a=&b=", None),
    (b"start=1&start=1", "start"), (b"start=%C3%B5e&start=%2B0.0", "start"), (b"x&y=1&x=", "x"),
    (b"a%5B%5D=1&a%5B%5D=2", "a[]"), (b"%ff=1&%ff=2", "\ufffd"),
])
def test_the_first_repeated_name_is_found(query: bytes, repeated: str | None) -> None:
    assert repeated_parameter(query) == repeated


def test_a_repeated_parameter_is_400_naming_it_in_json_for_the_api_and_media(client: TestClient) -> None:
    record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
    once = client.get(f"/media/{record_id}/cues.json?start=0")
    assert once.status_code == 200
    twice = client.get(f"/media/{record_id}/cues.json?start=%C3%B5e%04%C2%94w&start=%2B0.0")
    assert (twice.status_code, twice.json()) == (
        400, {"detail": "The query parameter 'start' is given more than once: give it once."})
    long_name = "n" * 100
    answer = client.get(f"/api/briefings?{long_name}=1&{long_name}=2")
    assert (answer.status_code, answer.json()) == (
        400, {"detail": f"The query parameter '{'n' * 40}…' is given more than once: give it once."})


def test_a_repeated_parameter_is_400_on_the_error_page_for_pages(client: TestClient) -> None:
    answer = client.get("/library?notice=a&notice=%3Cb%3E")
    assert answer.status_code == 400 and answer.headers["content-type"].startswith("text/html")
    assert "The query parameter &#39;notice&#39; is given more than once: give it once." in answer.text
