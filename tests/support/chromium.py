"""Headless Chromium for the browser tests: Debian's Chromium driven by Playwright, contexts with
generous timeouts, pages whose Content-Security-Policy complaints are noted, and axe-core's checks."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TIMEOUT_MS = 120_000


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright, until the block ends."""
    assert CHROMIUM.exists(), "Chromium is missing: run the tests through scripts/test.sh"
    assert AXE.exists(), f"axe-core is missing at {AXE}: run the tests through scripts/test.sh"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield browser
        browser.close()


def new_context(chromium: Browser, width: int = 1280, scheme: str = "light", **options: object,
                ) -> BrowserContext:
    """A browser context at this width and colour scheme, with generous timeouts (briefings are made
    for real)."""
    context = chromium.new_context(viewport={"width": width, "height": 640 if width < 1000 else 900},
                                  color_scheme=scheme, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


def csp_watched(context: BrowserContext) -> tuple[Page, list[str]]:
    """A new page and the Content-Security-Policy complaints it logs."""
    page = context.new_page()
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    return page, blocked


def wait_for(page: Page, condition: str) -> None:
    """Poll a JavaScript condition until it holds (Playwright's wait_for_function polls through eval,
    which the server's Content-Security-Policy forbids, as it should)."""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not page.evaluate(condition):
        assert time.monotonic() < deadline, f"still false after {TIMEOUT_MS} ms: {condition}"
        page.wait_for_timeout(50)


@functools.cache
def axe_source() -> str:
    """axe-core's script, read once."""
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA violations on the page, one line per failing node."""
    page.evaluate(axe_source())  # a script tag would be inline script, which CSP blocks
    return page.evaluate("""async (tags) => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return result.violations.flatMap(
            (v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}: ${n.failureSummary}`));
    }""", WCAG_TAGS)


def assert_accessible(page: Page) -> None:
    """No axe violations."""
    assert axe_violations(page) == []


def tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Press Tab until the focused element matches selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")
