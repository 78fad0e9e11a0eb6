"""The player's own controls, Media Session, transcript and status in real Chromium, on a phone
(320x640, touch) and a desktop (1280x800): every control by tap or click and by keyboard does what it
says to the audio, the lock screen's actions work, the transcript reads as text with one Tab stop,
and a briefing being made tells one story while its live player plays."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from support.article_site import HOLD_LIMIT_S, ArticleSite
from support.chromium import TIMEOUT_MS, axe_violations, csp_watched, tab_to, wait_for
from support.server import BRIEFING_S, STORIES, Server

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server and browser

AUDIO = "document.getElementById('player')"
LIVE = "document.getElementById('live-player')"
PHONE = {"viewport": {"width": 320, "height": 640}, "has_touch": True, "is_mobile": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
CONTROLS = ["#previous-chapter", "#back", "#play", "#ahead", "#next-chapter", "#speed"]
STICKY_MAX_PX = 96
SEEK_SLACK_S = 0.3  #: a paused player lands this close to where a skip sends it (MP3 frames)
#: records where each seek of a media element went, when it began (a playing player moves on
#: before it can be read, by however long a loaded machine takes: the seek itself is exact)
SEEKS = """document.addEventListener("seeking", (event) => {
  (window.seeks = window.seeks || []).push(event.target.currentTime);
}, true);"""
#: records what the page hands the Media Session (an init script is not subject to the page's CSP)
MEDIA_SESSION = """(() => {
  window.recorded = {actions: {}, positions: []};
  const session = navigator.mediaSession;
  const setHandler = session.setActionHandler.bind(session);
  session.setActionHandler = (action, handler) => {
    window.recorded.actions[action] = handler;
    setHandler(action, handler);
  };
  const setPosition = session.setPositionState.bind(session);
  session.setPositionState = (state) => { window.recorded.positions.push(state); setPosition(state); };
})();"""
#: every text the status line of a briefing being made takes, in order
STATUS_LOG = """
window.statusLog = [];
document.addEventListener("DOMContentLoaded", () => {
  const line = document.getElementById("job-status");
  if (!line) return;
  new MutationObserver(() => window.statusLog.push(line.textContent))
    .observe(line, {childList: true, characterData: true, subtree: true});
});
"""


class Site:
    """The server, the article site and a finished briefing of four stories (with a byline)."""

    def __init__(self, server: Server, articles: ArticleSite) -> None:
        self.server = server
        self.articles = articles
        body = {"articles": [{"url": articles.url}, {"text": STORIES["ferry"]}, {"text": STORIES["library"]},
                             {"text": STORIES["orchard"]}], "title": "Four stories"}
        with server.client() as client:
            answer = client.post("/api/briefings", json=body)
        assert answer.status_code == 202, answer.text
        status = server.wait(answer.json()["id"])
        assert status["state"] == "done", status
        self.done = status["id"]
        self.duration = status["duration_s"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A server allowing loopback URLs, with a finished briefing."""
    articles = ArticleSite()
    server = Server(tmp_path_factory.mktemp("player"), allow_private_urls="1",
                    fetch_deadline=str(2 * HOLD_LIMIT_S)).start()
    try:
        yield Site(server, articles)
    finally:
        articles.release()
        server.stop()
        articles.close()


def opened(browser: Browser, layout: dict, *scripts: str) -> tuple[BrowserContext, Page, list[str]]:
    """A context at this layout with the init scripts, and its page and CSP complaints."""
    context = browser.new_context(**layout)
    context.set_default_timeout(TIMEOUT_MS)
    for script in (SEEKS, *scripts):
        context.add_init_script(script)
    page, blocked = csp_watched(context)
    return context, page, blocked


def sound(page: Page, state: str) -> None:
    """No sideways scrolling and no axe violation."""
    wide, room = page.evaluate("[document.scrollingElement.scrollWidth, "
                               "document.scrollingElement.clientWidth]")
    assert wide <= room, f"{state}: {wide} px wide in {room} px"
    assert axe_violations(page) == [], state


def press(page: Page, selector: str, how: str) -> None:
    """Operate a button by tap, click or keyboard (Tab to it, then Enter)."""
    if how == "tap":
        page.locator(selector).tap()
    elif how == "click":
        page.locator(selector).click()
    else:
        tab_to(page, selector)
        page.keyboard.press("Enter")


def time_of(page: Page, player: str = AUDIO) -> float:
    """The player's current time."""
    return page.evaluate(f"{player}.currentTime")


def paused_at(page: Page, seconds: float) -> None:
    """Pause the player and put it at seconds."""
    page.evaluate(f"{AUDIO}.pause(); {AUDIO}.currentTime = {seconds}")
    wait_for(page, f"{AUDIO}.paused && !{AUDIO}.seeking")


def chapter_starts(page: Page) -> list[float]:
    """The chapters' start times, as the page lists them."""
    return [float(s) for s in page.locator("a.chapter").evaluate_all("(a) => a.map((l) => l.dataset.start)")]


def next_start(starts: list[float], now: float) -> float:
    """Where next chapter goes from now (a chapter counts as reached half a second early)."""
    return next(start for start in starts if start > now + 0.5)


def previous_start(starts: list[float], now: float) -> float:
    """Where previous chapter goes from now (the start of the briefing before the first chapter)."""
    index = max((n for n, start in enumerate(starts) if start <= now + 0.5), default=-1)
    return starts[index - 1] if index >= 1 else 0.0


def seeks_made(page: Page) -> int:
    return page.evaluate("(window.seeks || []).length")


def lands(page: Page, seconds: float, before: int, player: str = AUDIO) -> float:
    """The player, sent by a control to play from seconds (the seeks made before it: `before`),
    went there; it is paused, and where it paused is returned."""
    wait_for(page, f"(window.seeks || []).length > {before} && !{player}.seeking")
    went = page.evaluate("window.seeks.at(-1)")
    page.evaluate(f"{player}.pause()")
    assert abs(went - seconds) <= SEEK_SLACK_S, (went, seconds)
    return time_of(page, player)


def jumps(page: Page, selector: str, how: str, seconds: float) -> float:
    """Press a control that sends the player to seconds; where it paused after landing."""
    before = seeks_made(page)
    press(page, selector, how)
    return lands(page, seconds, before)


@pytest.mark.parametrize(("layout", "ways"), [(PHONE, ("tap", "keyboard")), (DESKTOP, ("click", "keyboard"))],
                         ids=["phone", "desktop"])
def test_every_control_works_by_hand_and_by_keyboard(browser: Browser, site: Site, layout: dict,
                                                     ways: tuple[str, str]) -> None:
    context, page, blocked = opened(browser, layout)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, f"{AUDIO}.readyState >= 1")
    width = layout["viewport"]["width"]
    for selector in CONTROLS:
        box = page.locator(selector).bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (selector, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)
    lefts = [page.locator(s).bounding_box()["x"] for s in CONTROLS]
    assert lefts == sorted(lefts), "the controls are not in a thumb's order"
    assert page.evaluate(f"{AUDIO}.controls") is False  # one Tab stop per control, not the native six
    if width == 320:
        assert page.locator("#player-section").bounding_box()["height"] <= STICKY_MAX_PX
        expect(page.locator("#keyboard")).to_be_hidden()  # no shortcuts on touch
    else:
        expect(page.locator("#shortcuts")).to_be_visible()
    sound(page, f"finished page at {width} px")
    starts = chapter_starts(page)
    assert len(starts) >= 3 and site.duration > 45

    for how in ways:
        play = page.locator("#play")
        expect(play).to_have_attribute("aria-label", "Play")
        press(page, "#play", how)
        wait_for(page, f"!{AUDIO}.paused && {AUDIO}.currentTime > 0.2")
        expect(play).to_have_attribute("aria-label", "Pause")
        sound(page, f"playing at {width} px")
        press(page, "#play", how)
        wait_for(page, f"{AUDIO}.paused")
        expect(play).to_have_attribute("aria-label", "Play")

        paused_at(page, 20)
        press(page, "#back", how)
        assert abs(time_of(page) - 5) <= SEEK_SLACK_S, how
        press(page, "#back", how)  # no further back than the start
        assert time_of(page) <= SEEK_SLACK_S, how
        paused_at(page, 5)
        press(page, "#ahead", how)
        assert abs(time_of(page) - 35) <= SEEK_SLACK_S, how
        paused_at(page, site.duration - 10)
        press(page, "#ahead", how)  # no further than the end
        assert time_of(page) >= site.duration - SEEK_SLACK_S, how

        paused_at(page, 0)
        now = jumps(page, "#next-chapter", how, next_start(starts, 0))
        now = jumps(page, "#next-chapter", how, next_start(starts, now))
        jumps(page, "#previous-chapter", how, previous_start(starts, now))

        if how == "keyboard":
            tab_to(page, "#speed")
            for key, speed in [("ArrowUp", "0.75"), ("ArrowUp", "0.5"), ("ArrowDown", "0.75")]:
                page.keyboard.press(key)
                wait_for(page, f"{AUDIO}.playbackRate === {speed}")
            for _ in range(8):  # 1 to 3 in the menu's steps
                page.keyboard.press("ArrowDown")
            wait_for(page, f"{AUDIO}.playbackRate === 3")
        else:
            for speed in ("0.5", "0.75", "3"):
                page.select_option("#speed", speed)
                wait_for(page, f"{AUDIO}.playbackRate === {speed}")
        page.select_option("#speed", "1")

    if width > 320:  # the shortcuts, for keyboards
        page.evaluate("document.activeElement.blur()")
        paused_at(page, 20)
        page.keyboard.press("j")
        assert abs(time_of(page) - 5) <= SEEK_SLACK_S
        page.keyboard.press("l")
        assert abs(time_of(page) - 35) <= SEEK_SLACK_S
        page.keyboard.press("=")
        wait_for(page, f"{AUDIO}.playbackRate === 1.25")
        page.keyboard.press("k")
        wait_for(page, f"!{AUDIO}.paused")
        expect(page.locator("#play")).to_have_attribute("aria-label", "Pause")
        page.keyboard.press("k")
        wait_for(page, f"{AUDIO}.paused")
    context.close()
    assert blocked == []


def test_the_finished_page_is_in_a_listeners_order(browser: Browser, site: Site) -> None:
    context, page, _ = opened(browser, PHONE)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    order = page.evaluate("""() => ['h1', '#player-section', '#transcript', '#chapters-heading',
        '#sources-heading', '#downloads-heading'].map((s) => document.querySelector(s))
        .every((e, n, all) => n === 0
               || (all[n - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING))""")
    assert order, "not title, player, transcript, chapters, sources, downloads"
    after = page.evaluate("document.getElementById('player-section').nextElementSibling.id")
    assert after == "briefing-actions"
    context.close()


def test_media_session_shows_the_briefing_and_obeys_its_actions(browser: Browser, site: Site) -> None:
    context, page, blocked = opened(browser, PHONE, MEDIA_SESSION)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, f"{AUDIO}.readyState >= 1")
    metadata = page.evaluate("""(() => { const m = navigator.mediaSession.metadata;
        return {title: m.title, artist: m.artist, album: m.album,
                artwork: m.artwork.map((a) => a.src)}; })()""")
    assert metadata["title"].endswith("Four stories")
    assert metadata["artist"] == "Ada Reporter"
    assert metadata["album"] == "audiobrief"
    assert metadata["artwork"] == [f"{site.server.url}/media/{site.done}/cover.png"]
    assert page.request.get(metadata["artwork"][0]).headers["content-type"] == "image/png"
    actions = page.evaluate("Object.keys(window.recorded.actions).sort()")
    assert actions == sorted(["play", "pause", "seekbackward", "seekforward", "previoustrack", "nexttrack",
                              "seekto"])

    def act(action: str, details: str = "{}") -> None:
        page.evaluate(f"window.recorded.actions['{action}']({{action: '{action}', ...{details}}})")

    act("play")
    wait_for(page, f"!{AUDIO}.paused")
    wait_for(page, "navigator.mediaSession.playbackState === 'playing'")
    act("pause")
    wait_for(page, f"{AUDIO}.paused && navigator.mediaSession.playbackState === 'paused'")
    paused_at(page, 20)
    act("seekbackward")
    assert abs(time_of(page) - 5) <= SEEK_SLACK_S
    act("seekforward")
    assert abs(time_of(page) - 35) <= SEEK_SLACK_S
    act("seekbackward", "{seekOffset: 3}")
    assert abs(time_of(page) - 32) <= SEEK_SLACK_S
    act("seekto", "{seekTime: 12.5}")
    assert abs(time_of(page) - 12.5) <= SEEK_SLACK_S

    starts = chapter_starts(page)
    titles = page.locator("a.chapter").all_text_contents()
    paused_at(page, 0)
    target = next_start(starts, 0)
    before = seeks_made(page)
    act("nexttrack")
    now = lands(page, target, before)
    chapter = titles[starts.index(target)]
    wait_for(page, f"navigator.mediaSession.metadata.title.startsWith({chapter!r})")  # the chapter is shown
    before = seeks_made(page)
    act("previoustrack")
    lands(page, previous_start(starts, now), before)

    page.select_option("#speed", "1.5")
    wait_for(page, "window.recorded.positions.some((p) => p.playbackRate === 1.5)")
    last = page.evaluate("window.recorded.positions.at(-1)")
    assert abs(last["duration"] - site.duration) < 0.2 and 0 <= last["position"] <= last["duration"]
    assert last["playbackRate"] == 1.5
    context.close()
    assert blocked == []


def test_the_transcript_reads_as_text_with_one_tab_stop(browser: Browser, site: Site) -> None:
    context, page, blocked = opened(browser, DESKTOP)
    page.goto(f"{site.server.url}/briefings/{site.done}")
    wait_for(page, f"{AUDIO}.readyState >= 1")
    tree = page.locator("#cues").aria_snapshot()
    assert "button" not in tree and "heading" in tree, tree
    assert page.locator("#cues [role], #cues [tabindex], #cues button, #cues a").count() == 0
    cues = page.locator(".cue")
    assert cues.count() > 10
    tab_to(page, ".skip-transcript")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cues"
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('#cues')"), "a second Tab stop in the transcript"
    page.keyboard.press("Shift+Tab")
    chosen = page.locator("#cues")
    expect(chosen).to_have_attribute("aria-activedescendant", cues.nth(0).get_attribute("id"))
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    fourth = cues.nth(3)
    expect(chosen).to_have_attribute("aria-activedescendant", fourth.get_attribute("id"))
    before = seeks_made(page)
    page.keyboard.press("Enter")
    start = float(fourth.get_attribute("data-start"))
    fourth_id = fourth.get_attribute("id")
    wait_for(page, f"document.getElementById('{fourth_id}').getAttribute('aria-current') === 'true'")
    lands(page, start, before)
    sound(page, "transcript chosen by keyboard")
    heading_cue = page.locator("#cues h3 .cue").nth(1)
    before = seeks_made(page)
    heading_cue.click()  # a sentence in a chapter heading still plays by mouse
    start = float(heading_cue.get_attribute("data-start"))
    wait_for(page, f"!{AUDIO}.paused")
    lands(page, start, before)
    expect(chosen).to_have_attribute("aria-activedescendant", heading_cue.get_attribute("id"))
    context.close()
    assert blocked == []


def test_the_live_page_tells_one_story_and_its_player_has_the_controls(browser: Browser, site: Site) -> None:
    context, page, blocked = opened(browser, PHONE, STATUS_LOG, MEDIA_SESSION)
    site.articles.hold()
    try:
        with site.server.client() as client:
            answer = client.post("/api/briefings", json={"articles": [
                {"url": site.articles.url}, {"text": STORIES["market"]}, {"text": STORIES["ferry"]}]})
        briefing_id = answer.json()["id"]
        site.server.wait(briefing_id, until=("running",))
        page.goto(f"{site.server.url}/briefings/{briefing_id}", wait_until="domcontentloaded")
        heading, line = page.locator("#status-heading"), page.locator("#job-status")
        expect(line).to_have_text("Being made: 0% done.")
        expect(heading).to_have_text("Being made")
        order = page.evaluate("""() => ['h1', '#live', '#job'].map((s) => document.querySelector(s))
            .every((e, n, all) => n === 0 || all[n - 1].nextElementSibling === e
                   || (n === 2
                       && all[n - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING))""")
        assert order, "the live player is not right after the title, before the progress"
        for selector in CONTROLS:
            box = page.locator(selector).bounding_box()
            assert box and box["width"] >= 44 and box["height"] >= 44 and box["x"] + box["width"] <= 320
        assert page.locator("#live").bounding_box()["height"] <= STICKY_MAX_PX
        assert page.evaluate("navigator.mediaSession.metadata.title") == page.locator("h1").text_content()
        artwork = page.evaluate("navigator.mediaSession.metadata.artwork[0].src")
        assert artwork == f"{site.server.url}/media/cover.png"
        sound(page, "live page at 320 px, touch")
        page.select_option("#speed", "0.75")
        wait_for(page, f"{LIVE}.playbackRate === 0.75")
        page.locator("#play").tap()  # the listener starts before the audio is there
        wait_for(page, f"!{LIVE}.paused")
        expect(page.locator("#play")).to_have_attribute("aria-label", "Pause")
    finally:
        site.articles.release()
    deadline = time.monotonic() + BRIEFING_S
    while True:  # at every moment the heading and the status line agree
        assert time.monotonic() < deadline, "the page never heard that the briefing was finished"
        stage, said = page.evaluate("[document.getElementById('status-heading').textContent, "
                                    "document.getElementById('job-status').textContent]")
        assert said.startswith(stage + ":") or said.startswith(stage + "."), (stage, said)
        if stage == "Finished":
            break
        page.wait_for_timeout(50)
    expect(page.locator("#job-progress")).to_have_js_property("value", 100)
    wait_for(page, f"{LIVE}.currentTime > 1")  # the stream plays at the speed chosen
    assert page.evaluate(f"{LIVE}.playbackRate") == 0.75
    expect(line).to_contain_text("Finished: the player has the whole briefing")
    page.locator("#play").tap()
    # paused: the finished file takes over
    wait_for(page, f"{LIVE}.src.endsWith('/audio.mp3') && {LIVE}.readyState >= 1")
    assert page.evaluate(f"{LIVE}.playbackRate") == 0.75
    headings = page.locator("#live-transcript h3 .cue:first-child")
    # each article's title starts a chapter of the live player, once its cues have been read (a
    # loaded run read two of three)
    expect(headings).to_have_count(3, timeout=BRIEFING_S * 1000)
    titles = [float(t) for t in headings.evaluate_all("(cues) => cues.map((c) => c.dataset.start)")]
    page.evaluate(f"{LIVE}.currentTime = 0")
    wait_for(page, f"!{LIVE}.seeking")
    before = seeks_made(page)
    page.locator("#next-chapter").tap()
    lands(page, next_start(titles, 0), before, LIVE)
    page.evaluate(f"{LIVE}.currentTime = 20")
    wait_for(page, f"!{LIVE}.seeking")
    page.locator("#back").tap()
    assert abs(time_of(page, LIVE) - 5) <= SEEK_SLACK_S
    log = page.evaluate("window.statusLog")
    assert sum(text.startswith("Finished") for text in log) == 1, log
    assert [text for text in log if not text.startswith(("Being made", "Finished"))] == [], log
    assert "Finished" not in (page.locator("#player-status").text_content() or "")
    sound(page, "live page finished, touch")
    tab_to(page, "#play")
    page.keyboard.press("Enter")
    wait_for(page, f"!{LIVE}.paused")
    tab_to(page, "#speed")
    page.keyboard.press("ArrowUp")
    wait_for(page, f"{LIVE}.playbackRate === 0.5")
    context.close()
    assert blocked == []
