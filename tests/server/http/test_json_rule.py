"""One rule for every JSON body the API takes: UTF-8 `application/json` or 415, and a body that is not
JSON (bad syntax, UTF-16, nested too deeply) 422 `json_invalid` at the body, on every route alike."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.accounts import ARTICLE, make_client

ORIGIN = {"Origin": "http://127.0.0.1:8000"}
UTF16 = "send JSON as UTF-8 (RFC 8259), not charset=utf-16"
NOT_JSON = "send JSON (application/json)"
NOT_JSON_OR_FORM = "send JSON (application/json) or a form (multipart/form-data)"
DEEP = "[" * 5000 + "]" * 5000


def invalid(message: str) -> dict:
    return {"detail": [{"type": "json_invalid", "loc": ["body"], "msg": f"Invalid JSON: {message}"}]}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An open server with one briefing and one show."""
    with make_client(tmp_path_factory.mktemp("json")) as client:
        client.post("/api/shows", json={"slug": "morning", "title": "Morning"}, headers=ORIGIN)
        client.app.state.briefing = client.post("/api/briefings", json=ARTICLE, headers=ORIGIN).json()["id"]
        yield client


def routes(client: TestClient) -> list[tuple[str, str, dict]]:
    """Every API route that takes a JSON body, with a body it would take."""
    briefing = client.app.state.briefing
    return [("POST", "/api/briefings", ARTICLE), ("PATCH", f"/api/briefings/{briefing}", {"public": True}),
            ("POST", f"/api/briefings/{briefing}/again", {"blocks": ["0-0"]}),
            ("POST", "/api/shows", {"slug": "evening", "title": "Evening"}),
            ("PATCH", "/api/shows/morning", {"title": "Mornings"}),
            ("POST", "/api/shows/morning/sources", {"url": "https://example.org/feed.xml"}),
            ("PUT", f"/api/listening/briefings/{briefing}", {"played": True}),
            ("PUT", "/api/listening/queue", {"briefings": [briefing]})]


def test_every_json_route_takes_a_json_body(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    taking_json = {(method.upper(), path) for path, item in schema["paths"].items()
                   for method, operation in item.items()
                   if "application/json" in operation.get("requestBody", {}).get("content", {})}
    listed = {(method, path) for method, path, _ in routes(client)}
    assert {(m, p.replace(client.app.state.briefing, "{briefing_id}").replace("/morning", "/{slug}"))
            for m, p in listed} == taking_json
    for _method, path, _ in routes(client):
        template = path.replace(client.app.state.briefing, "{briefing_id}").replace("/morning", "/{slug}")
        for operation in schema["paths"][template].values():
            if "requestBody" in operation:
                assert "415" in operation["responses"], template


@pytest.mark.parametrize(("content_type", "encoding", "status", "answer"), [
    ("application/json; charset=utf-16", "utf-16", 415, {"detail": UTF16}),
    ("application/json; charset=UTF-16LE", "utf-16-le", 415, {"detail": "send JSON as UTF-8 (RFC 8259), "
                                                                        "not charset=utf-16le"}),
    ("application/json", "utf-16", 422, invalid("expected value at line 1 column 1")),
    ("text/plain", "utf-8", 415, None),
    ("", "utf-8", 415, None),
])
def test_the_body_must_be_utf8_json(client: TestClient, content_type: str, encoding: str, status: int,
                                    answer: dict | None) -> None:
    for method, path, body in routes(client):
        headers = {**ORIGIN, **({"Content-Type": content_type} if content_type else {})}
        response = client.request(method, path, content=json.dumps(body).encode(encoding), headers=headers)
        expected = answer or {"detail": NOT_JSON_OR_FORM if path == "/api/briefings" else NOT_JSON}
        assert (response.status_code, response.json()) == (status, expected), (method, path)


@pytest.mark.parametrize(("body", "message"), [
    (b"{nope", "key must be a string at line 1 column 2"),
    (DEEP.encode(), "recursion limit exceeded at line 1 column 202"),
    (b'{"public": "\xff"}', "invalid unicode code point at line 1 column 13"),
    (b"\xef\xbb\xbf{}", "expected value at line 1 column 1"),
])
def test_a_body_that_is_not_json_is_422_on_every_route(client: TestClient, body: bytes, message: str) -> None:
    for method, path, _ in routes(client):
        response = client.request(method, path, content=body,
                                  headers={**ORIGIN, "Content-Type": "application/json"})
        assert (response.status_code, response.json()) == (422, invalid(message)), (method, path)


def test_the_right_body_is_still_taken(tmp_path: Path) -> None:
    with make_client(tmp_path) as client:
        made = client.post("/api/briefings", content=json.dumps(ARTICLE).encode(),
                           headers={**ORIGIN, "Content-Type": "application/json; charset=UTF-8"})
        assert made.status_code == 202
        changed = client.patch(f"/api/briefings/{made.json()['id']}", content=b'{"public": true}',
                               headers={**ORIGIN, "Content-Type": "application/json;charset=utf8"})
        assert (changed.status_code, changed.json()["public"]) == (200, True)
        show = client.post("/api/shows", content=b'{"slug": "noon", "title": "Noon"}',
                           headers={**ORIGIN, "Content-Type": "Application/JSON"})
        assert show.status_code == 201
