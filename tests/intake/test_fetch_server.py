"""The fetch limits and cancellation through a real server (uvicorn on loopback, real engines, and
PostgreSQL, Redis and a Celery worker in the cluster mode) against a hostile loopback site:

- a gzip-within-gzip bomb as an article URL and as a show's source barely moves the server's memory
  (its peak RSS, measured by the kernel) and fails with one line naming the limit;
- a trickling URL fails at its deadline naming its host and the deadline, and while it is read
  another person's briefing is made by the one worker;
- a briefing is cancelled while it is read or spoken (the owner's DELETE, the page's button): it
  stops within seconds and nothing of it is left, and the speech workers it shared are untouched.

The figures (memory, seconds) are printed: run with -s to see them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.cluster import server_in_mode
from support.hostile_site import HostileSite, hostile_site, zeros_gzipped
from support.long_article import long_article
from support.server import STORIES, Server

from audiobrief.server.store.claims import HEARTBEAT_S

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs /proc")]

VOICE = "en-us-espeak"
RSS_BOUND_MB = 50  #: how much a bomb may raise the server's peak memory
DEADLINE_S = 3  #: the fetch deadline the trickling test sets
DEADLINE_MARGIN_S = 5  #: how long past its deadline the trickling briefing may take to fail
CANCEL_S = HEARTBEAT_S + 5  #: how soon a cancelled briefing stops (a Celery worker learns at its heartbeat)


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    zeros_gzipped(1024, 2)  # 1 GB of zeros gzipped twice: 1.8 KB, made once
    with hostile_site() as running:
        yield running


def status_kb(pid: int, field: str) -> int:
    """A figure (kB) from /proc/PID/status: VmRSS now, VmHWM the peak."""
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1))  # type: ignore[union-attr]


def rss_rise_mb(server: Server, action: object) -> tuple[object, float]:
    """Run action() and return what it returned and how far the server's peak RSS rose above its
    RSS before it (the kernel's peak is reset first)."""
    assert server.process is not None
    pid = server.process.pid
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    before = status_kb(pid, "VmRSS")
    result = action()  # type: ignore[operator]
    return result, (status_kb(pid, "VmHWM") - before) / 1024


def submit_url(server: Server, url: str) -> str:
    response = httpx.post(f"{server.url}/api/briefings", json={"articles": [{"url": url}], "voice": VOICE},
                          timeout=30)
    assert response.status_code == 202, response.text
    return response.json()["id"]


def deadline_message(url: str, host: str, seconds: int) -> str:
    return (f"'{url}' did not arrive within the {seconds} s fetch deadline ({host} is too slow or not "
            "answering): try again later")


def scratch_of(server: Server, briefing_id: str) -> list[Path]:
    """The briefing's scratch folders (one per maker: `.work-ID`, or `.work-ID-PID` in a worker)."""
    return list((server.home / "briefings").glob(f".work-{briefing_id}*"))


def wait_until(condition: object, timeout: float, what: str) -> float:
    """Poll condition() until true; the seconds it took (AssertionError after timeout)."""
    started = time.monotonic()
    while not condition():  # type: ignore[operator]
        assert time.monotonic() - started < timeout, f"{what}: not within {timeout} s"
        time.sleep(0.05)
    return time.monotonic() - started


def test_a_gzip_bomb_as_article_or_show_source_barely_moves_the_servers_memory(tmp_path: Path,
                                                                             site: HostileSite) -> None:
    server = Server(tmp_path / "home", allow_private_urls="1").start()
    try:
        url = f"{site.base}/bomb/2/1024"
        status, rise = rss_rise_mb(server, lambda: server.wait(submit_url(server, url)))
        print(f"\ngzip, gzip bomb (1.8 KB, 1 GB inside) as an article URL: server peak RSS +{rise:.1f} MB")
        assert status["state"] == "failed"  # type: ignore[index]
        assert status["error"] == f"'{url}' is over the 5 MB limit: give one article"  # type: ignore[index]
        assert rise <= RSS_BOUND_MB

        feed = f"{site.base}/bomb/2/1024.xml"
        created = httpx.post(f"{server.url}/api/shows", timeout=30,
                             json={"slug": "bombed", "title": "Bombed", "voice": VOICE, "sources": [feed]})
        assert created.status_code == 201, created.text

        def run_and_wait() -> dict:
            answer = httpx.post(f"{server.url}/api/shows/bombed/runs", timeout=120)
            assert answer.status_code < 300, answer.text
            found: list[dict] = []

            def failed() -> bool:
                sources = httpx.get(f"{server.url}/api/shows/bombed", timeout=30).json()["sources"]
                found[:] = sources
                return bool(sources[0]["error"])

            wait_until(failed, 120, "the source's failure")
            return found[0]

        source, rise = rss_rise_mb(server, run_and_wait)
        print(f"the same bomb as a show's source: server peak RSS +{rise:.1f} MB")
        assert source["error"] == f"'{feed}' is over the 5 MB limit: give one RSS or Atom feed"  # type: ignore[index]
        assert rise <= RSS_BOUND_MB
    finally:
        server.stop()


def test_a_trickling_url_fails_at_its_deadline_naming_host_and_deadline(tmp_path: Path,
                                                                        site: HostileSite) -> None:
    server = Server(tmp_path / "home", allow_private_urls="1", workers="1",
                    fetch_deadline=str(DEADLINE_S)).start()
    try:
        url = f"{site.base}/trickle"
        started = time.monotonic()
        status = server.wait(submit_url(server, url))
        took = time.monotonic() - started
        print(f"\ntrickling URL (28 bytes a second, Content-Length 5000000), deadline {DEADLINE_S} s: "
              f"failed {took:.1f} s after it was submitted")
        assert (status["state"], status["error"]) == ("failed",
                                                      deadline_message(url, "127.0.0.1", DEADLINE_S))
        assert took <= DEADLINE_S + DEADLINE_MARGIN_S
    finally:
        server.stop()


@pytest.mark.parametrize("mode", ["sqlite", "cluster"])
def test_a_slow_site_holds_only_its_own_briefing_and_its_owner_can_cancel_it(
        mode: str, tmp_path: Path, request: pytest.FixtureRequest, site: HostileSite) -> None:
    """One worker; a URL that trickles for minutes (its deadline is far off): another briefing is made
    meanwhile, and the slow one, still being read, is cancelled by DELETE: its fetch is cut."""
    with server_in_mode(mode, tmp_path / "home", request, allow_private_urls="1",
                        fetch_deadline="600") as server:  # one worker: AUDIOBRIEF_WORKERS is 1 by default
        site.arrived["/trickle"].clear()
        site.hung_up["/trickle"].clear()
        slow = submit_url(server, f"{site.base}/trickle")
        assert site.arrived["/trickle"].wait(60), "the slow site was never asked"
        started = time.monotonic()
        other = server.wait(server.submit(STORIES["ferry"], voice=VOICE))
        made_in = time.monotonic() - started
        assert other["state"] == "done", other
        assert httpx.get(f"{server.url}/api/briefings/{slow}").json()["state"] == "running"
        assert not site.hung_up["/trickle"].is_set(), "the slow site was still being read"
        print(f"\n{mode}: another briefing was made in {made_in:.1f} s while the slow site was read")

        cancelled = time.monotonic()
        assert httpx.delete(f"{server.url}/api/briefings/{slow}").status_code == 204
        assert site.hung_up["/trickle"].wait(CANCEL_S), "the slow fetch went on"
        cut = time.monotonic() - cancelled
        gone = wait_until(lambda: not scratch_of(server, slow), CANCEL_S, "the scratch folder removed")
        print(f"{mode}: DELETE while reading: fetch cut after {cut:.1f} s, scratch gone after {gone:.1f} s")
        assert httpx.get(f"{server.url}/api/briefings/{slow}").status_code == 404


def cancel_by_the_pages_button(server: Server, briefing_id: str) -> None:
    """What a person without JavaScript does: the briefing page's form, posted as it is."""
    page = httpx.get(f"{server.url}/briefings/{briefing_id}", timeout=30).text
    form = re.search(r'<form class="cancel" action="([^"]+)" method="post">(.*?)</form>', page, re.S)
    assert form is not None, "no stop button on the page of a briefing being made"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form[2]))
    assert "Stop and delete" in form[2]
    answer = httpx.post(f"{server.url}{form[1]}", data=fields, timeout=30)
    assert (answer.status_code, answer.headers["location"]) == (303, "/library?deleted=1")


def speaking(server: Server, briefing_id: str) -> bool:
    """Whether the briefing's clips are being laid out (its live journal exists)."""
    return any(folder.glob("*.live") for folder in scratch_of(server, briefing_id))


@pytest.mark.parametrize("mode", ["sqlite", "cluster"])
def test_a_briefing_cancelled_while_it_is_spoken_stops_and_leaves_nothing(
        mode: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Stopped by the page's button (in-process) or DELETE (a Celery worker, which learns of it from
    the database), within seconds; the worker then makes the next briefing; nothing of the
    cancelled one comes back (row, folder, scratch)."""
    with server_in_mode(mode, tmp_path / "home", request) as server:  # AUDIOBRIEF_WORKERS is 1
        long = server.submit(long_article(3000, "A Long Week at the Harbour"), voice=VOICE)
        wait_until(lambda: speaking(server, long), 180, "speech")
        cancelled = time.monotonic()
        if mode == "sqlite":
            cancel_by_the_pages_button(server, long)
        else:
            assert httpx.delete(f"{server.url}/api/briefings/{long}").status_code == 204
        answered = time.monotonic() - cancelled
        gone = wait_until(lambda: not scratch_of(server, long), CANCEL_S, "the scratch folder removed")
        print(f"\n{mode}: cancelled while spoken: answered in {answered:.2f} s, stopped (scratch gone) "
              f"after {gone:.1f} s")

        after = server.wait(server.submit(STORIES["library"], voice=VOICE))
        assert after["state"] == "done", after
        assert httpx.get(f"{server.url}/api/briefings/{long}").status_code == 404
        assert long not in {b["id"] for b in httpx.get(f"{server.url}/api/briefings").json()["briefings"]}
        assert not (server.home / "briefings" / long).exists()
        assert not scratch_of(server, long)


def engine_workers(server: Server) -> set[int]:
    """The speech worker processes the server started."""
    assert server.process is not None
    children = set()
    for task in Path(f"/proc/{server.process.pid}/task").iterdir():
        children.update(int(pid) for pid in (task / "children").read_text().split())
    return {pid for pid in children
            if b"multiprocessing" in Path(f"/proc/{pid}/cmdline").read_bytes()
            and b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()}


def test_cancelling_one_of_two_briefings_sharing_the_speech_workers_leaves_the_other_alone(
        tmp_path: Path) -> None:
    server = Server(tmp_path / "home", workers="2").start()
    try:
        kept = server.submit(long_article(1500, "The Ferry Timetable", seed=3), voice=VOICE)
        cancelled = server.submit(long_article(3000, "A Long Week at the Harbour"), voice=VOICE)
        wait_until(lambda: speaking(server, kept) and speaking(server, cancelled), 180, "both spoken at once")
        workers = engine_workers(server)
        assert workers
        assert httpx.delete(f"{server.url}/api/briefings/{cancelled}").status_code == 204
        wait_until(lambda: not scratch_of(server, cancelled), CANCEL_S, "the scratch folder removed")
        assert server.wait(kept)["state"] == "done"
        assert engine_workers(server) == workers, "the shared speech workers were replaced"
        assert not (server.home / "briefings" / cancelled).exists()
    finally:
        server.stop()
