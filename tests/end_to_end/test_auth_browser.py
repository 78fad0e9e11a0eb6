"""Logging in, making a private briefing and logging out in headless Chromium, by keyboard, with
axe-core finding no WCAG A/AA violations on the login and account pages."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from support.chromium import TIMEOUT_MS, assert_accessible
from support.commands import run
from support.server import STORIES, Server

PASSWORD = "correct horse battery"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the account alice."""
    home = tmp_path_factory.mktemp("browser-accounts")
    assert run("user", "add", "alice", stdin=PASSWORD + "\n", home=home).returncode == 0
    running = Server(home).start()
    yield running
    running.stop()


def test_log_in_make_a_private_briefing_and_log_out(page: Page, server: Server) -> None:
    page.goto(server.url)
    page.wait_for_url("**/login?next=%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_accessible(page)
    page.get_by_label("Account name").focus()
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type("wrong password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_have_text("The name or password is wrong.")
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server.url + "/")
    expect(page.get_by_role("link", name="Account (alice)")).to_be_visible()
    assert_accessible(page)

    page.fill("#text", STORIES["ferry"])
    page.fill("#title", "Alice's ferry")
    page.click("button[type=submit].primary")  # the form's script posts it with the session's token
    page.wait_for_url("**/briefings/*", timeout=TIMEOUT_MS)
    briefing = page.url
    finished_in_session(page, briefing.rsplit("/", 1)[1])
    page.goto(briefing)  # the finished page (while it is made, the page plays the stream instead)
    expect(page.locator("#player")).to_be_attached()
    expect(page.locator("form.sharing")).to_contain_text("Private: only you can find it")
    assert_accessible(page)
    page.get_by_role("button", name="Make it public").click()
    expect(page.locator("form.sharing")).to_contain_text("Public: anyone can find it")

    page.get_by_role("link", name="Account (alice)").click()
    expect(page.locator("#private-feed")).to_contain_text("/feeds/")
    assert_accessible(page)

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(server.url + "/login?next=%2F")
    page.goto(briefing)  # public now: anyone may listen, nobody else may change it
    expect(page.get_by_role("heading", level=1)).to_have_text("Alice's ferry")
    expect(page.locator("form.sharing")).to_have_count(0)
    page.goto(server.url + "/account")
    page.wait_for_url("**/login?next=%2Faccount")


def finished_in_session(page: Page, briefing_id: str) -> None:
    """Wait, asking the API with the page's own session, until the briefing is done."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        origin = page.url.split("/briefings/", 1)[0]
        status = page.request.get(f"{origin}/api/briefings/{briefing_id}").json()
        if status["state"] in ("done", "failed"):
            assert status["state"] == "done", status
            return
        time.sleep(0.25)
    raise AssertionError(f"briefing {briefing_id} not finished within {TIMEOUT_MS} ms")
