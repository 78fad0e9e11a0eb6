"""The end-to-end tests' browser: one headless Chromium for the session, a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page
from support.chromium import TIMEOUT_MS, csp_watched, launched_chromium


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session's browser tests (each test opens contexts of its own)."""
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a context of its own, with generous timeouts (briefings are made for real);
    nothing on it may break the server's Content-Security-Policy."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    opened, blocked = csp_watched(context)
    yield opened
    context.close()
    assert blocked == []
