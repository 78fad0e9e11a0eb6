"""/metrics: the Prometheus text format, parsed with prometheus_client's own parser, its counters
moving as a real server makes a briefing; only loopback clients and admin API tokens may read it;
no URL, title or key in any label."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from support.accounts import BASE, add_user, make_client
from support.article_site import HOLD_LIMIT_S, ArticleSite
from support.server import STORIES, Server

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    """Every sample of an exposition, by name and sorted labels."""
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def value(found: Samples, name: str, **labels: str) -> float:
    """One sample's value (0 when it is not there yet: a labelled counter appears at its first count)."""
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def exposed(found: Samples, name: str, **labels: str) -> float:
    """One sample's value, which must be in the exposition."""
    key = (name, tuple(sorted(labels.items())))
    assert key in found, f"{name} {labels} is not exposed"
    return found[key]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = Server(tmp_path_factory.mktemp("metrics") / "home", allow_private_urls="1").start()
    yield running
    running.stop()


def scrape(server: Server) -> tuple[Samples, str]:
    answer = httpx.get(f"{server.url}/metrics", timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain; version=")
    return samples(answer.text), answer.text


def test_counters_move_as_a_briefing_is_made(server: Server) -> None:
    before, _ = scrape(server)
    record_id = server.submit(STORIES["ferry"], voice="en-us-espeak")
    status = server.wait(record_id)
    assert status["state"] == "done", status
    after, text = scrape(server)
    for name in ("audiobrief_briefings_submitted_total", "audiobrief_briefings_made_total",
                 "audiobrief_briefing_seconds_count", "audiobrief_briefing_seconds_per_audio_second_count"):
        assert exposed(after, name) == value(before, name) + 1, name
    assert exposed(after, "audiobrief_synthesis_seconds_count", engine="espeak-ng") >= 1
    made_for = "audiobrief_briefing_seconds_sum"
    assert exposed(after, made_for) > value(before, made_for)
    posted = {"method": "POST", "route": "/api/briefings", "status": "202"}
    assert exposed(after, "audiobrief_http_requests_total", **posted) == value(
        before, "audiobrief_http_requests_total", **posted) + 1
    timed = {"method": "POST", "route": "/api/briefings"}
    assert exposed(after, "audiobrief_http_request_seconds_count", **timed) == value(
        before, "audiobrief_http_request_seconds_count", **timed) + 1
    polled = exposed(after, "audiobrief_http_requests_total", method="GET",
                     route="/api/briefings/{briefing_id}", status="200")
    assert polled >= 1  # by template: no briefing id in a label
    assert exposed(after, "audiobrief_briefings", state="queued") == 0
    assert exposed(after, "audiobrief_briefings", state="running") == 0
    assert exposed(after, "audiobrief_briefings_in_hand") == 0
    assert exposed(after, "audiobrief_open_streams") == 0
    assert exposed(after, "audiobrief_sse_followers") == 0
    assert record_id not in text and "Night Ferry" not in text and "127.0.0.1" not in text


def scrape_until(server: Server, name: str, wanted: float) -> Samples:
    """Scrape until the sample has this value (a client's request reaches its handler after its headers
    have come back), at most as long as the site may hold its article."""
    deadline = time.monotonic() + HOLD_LIMIT_S
    while (found := scrape(server)[0]).get((name, ())) != wanted:
        assert time.monotonic() < deadline, f"{name} never reached {wanted}: {found.get((name, ()))}"
        time.sleep(0.1)
    return found


def test_open_streams_and_event_followers_are_counted_while_they_follow(server: Server) -> None:
    site = ArticleSite()
    site.hold()
    try:
        answer = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"url": site.url}]}, timeout=30)
        assert answer.status_code == 202, answer.text
        record_id = answer.json()["id"]
        with httpx.stream("GET", f"{server.url}/api/briefings/{record_id}/events", timeout=120) as events, \
                httpx.stream("GET", f"{server.url}/media/{record_id}/stream.mp3", timeout=120) as audio:
            assert (events.status_code, audio.status_code) == (200, 200)
            scrape_until(server, "audiobrief_sse_followers", 1)
            scrape_until(server, "audiobrief_open_streams", 1)
            site.release()
            heard = b"".join(audio.iter_bytes())
            assert heard[0] == 0xFF and heard[1] & 0xE0 == 0xE0  # MP3 frames from the first byte
            assert list(events.iter_lines())
        assert server.wait(record_id)["state"] == "done"
        scrape_until(server, "audiobrief_sse_followers", 0)
        scrape_until(server, "audiobrief_open_streams", 0)
    finally:
        site.release()
        site.close()


def test_a_failed_fetch_is_counted_by_kind_and_the_failure_by_reason(server: Server) -> None:
    before, _ = scrape(server)
    status = server.wait(server.submit_unreachable())
    assert status["state"] == "failed"
    after, text = scrape(server)
    kinds = {labels for (name, labels) in after if name == "audiobrief_fetch_errors_total"}
    assert sum(value(after, "audiobrief_fetch_errors_total", **dict(k)) for k in kinds) == sum(
        value(before, "audiobrief_fetch_errors_total", **dict(k)) for k in kinds) + 1
    failed = {labels for (name, labels) in after if name == "audiobrief_briefings_failed_total"}
    assert sum(value(after, "audiobrief_briefings_failed_total", **dict(k)) for k in failed) == sum(
        value(before, "audiobrief_briefings_failed_total", **dict(k)) for k in failed) + 1
    assert "/gone" not in text  # the URL is in no label


def test_unmatched_paths_are_one_label(server: Server) -> None:
    for n in range(3):
        assert httpx.get(f"{server.url}/no/such/page/{n}", timeout=30).status_code == 404
    after, text = scrape(server)
    assert value(after, "audiobrief_http_requests_total", method="GET", route="unmatched", status="404") >= 3
    assert "/no/such/page" not in text


def test_metrics_need_loopback_or_an_admin_token(tmp_path: Path) -> None:
    with make_client(tmp_path) as local:
        add_user(local, "root", admin=True)
        add_user(local, "alice")
        accounts = local.app.state.accounts
        admin_token = accounts.create_token("root", "prometheus")
        user_token = accounts.create_token("alice", "scripts")
        assert local.get("/metrics").status_code == 403  # the test client's address ("testclient")
        loopback = TestClient(local.app, base_url=BASE, client=("127.0.0.1", 40000))
        assert loopback.get("/metrics").status_code == 200
        remote = TestClient(local.app, base_url=BASE, client=("203.0.113.9", 40000))
        refused = remote.get("/metrics")
        assert (refused.status_code, refused.json()) == (
            403, {"detail": "metrics are for loopback clients and admin API tokens"})
        assert remote.get("/metrics", headers={"Authorization": f"Bearer {user_token}"}).status_code == 403
        allowed = remote.get("/metrics", headers={"Authorization": f"Bearer {admin_token}"})
        assert allowed.status_code == 200
        assert "audiobrief_briefings_submitted_total" in allowed.text
