"""Shows against real feeds served from loopback (RSS 2.0 and Atom, linking to local article
pages): new stories picked and deduplicated, nothing new makes nothing, conditional GET, failing
sources failing alone, the feed's own text when a page cannot be read, OPML, retention. Episodes
are stored as briefings here but not spoken (test_shows_e2e.py speaks them)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from support.feed_server import FETCH_DEADLINE_S, STORIES, FeedSite, atom, feed_site, rss

from audiobrief.errors import InputError
from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import briefing_dir
from audiobrief.server.outages import BrokerUnavailable
from audiobrief.server.store.records import Store
from audiobrief.shows.feeds import canonical_link, parse_feed
from audiobrief.shows.model import Entry
from audiobrief.shows.schedule import ScheduleError
from audiobrief.shows.service import ShowError, ShowExists, ShowNotFound, ShowService
from audiobrief.shows.stories import pick_entries

VOICE = "en-us-espeak"


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as running:
        yield running


def make_service(home: Path, **settings: object) -> ShowService:
    options = {"allow_private_urls": True, "fetch_deadline_s": FETCH_DEADLINE_S, **settings}
    home.mkdir(parents=True, exist_ok=True)
    config = Settings(home=home, **options)  # type: ignore[arg-type]
    return ShowService(Store(home / "server.sqlite3"), config)


def titles(result: object) -> list[str]:
    return [story.title for story in result.episode.stories]  # type: ignore[attr-defined]


def test_rss_and_atom_entries_are_read_with_canonical_links(site: FeedSite) -> None:
    title, entries = parse_feed(rss("Ledger", site.base, [STORIES["ferry"]]), f"{site.base}/news.xml")
    assert title == "Ledger"
    assert [(e.key, e.link, e.title) for e in entries] == [
        ("rss-ferry", f"{site.base}/articles/ferry", "Night Ferry Returns to the Bay")]
    assert entries[0].published == STORIES["ferry"].published
    _, entries = parse_feed(atom("Wire", site.base, [STORIES["orchard"]]), f"{site.base}/wire.xml")
    assert [(e.key, e.link) for e in entries] == [("urn:loopback:orchard", f"{site.base}/articles/orchard")]
    assert entries[0].content.startswith("Apple growers")


@pytest.mark.parametrize(("link", "canonical"), [
    ("HTTPS://News.Example/a/b/?utm_source=x&id=3#top", "https://news.example/a/b?id=3"),
    ("http://news.example", "http://news.example/"),
    ("mailto:desk@news.example", ""),
    ("javascript:alert(1)", ""),
    ("http://[::1", ""),
])
def test_canonical_link(link: str, canonical: str) -> None:
    assert canonical_link(link) == canonical


def entry(key: str, published: float, link: str = "") -> Entry:
    return Entry(key=key, link=link, title=key, content="", published=published, source="s")


def test_pick_entries_limits_per_source_and_in_total_newest_first_each_story_once() -> None:
    first = [entry("a", 1), entry("b", 5), entry("c", 3, "http://x/c")]
    second = [entry("d", 4), entry("e", 2, "http://x/c"), entry("f", 6)]
    picked = pick_entries([first, second], set(), per_source_limit=2, total_limit=3)
    assert [e.key for e in picked] == ["f", "b", "d"]
    picked = pick_entries([first, second], {"id:b"}, per_source_limit=2, total_limit=10)
    assert [e.key for e in picked] == ["f", "d", "c", "a"], "e links to c's page: read once"


def test_runs_make_an_episode_of_new_stories_then_none_then_one(site: FeedSite, tmp_path: Path) -> None:
    site.set_feed("/news.xml", rss("Ledger", site.base, [STORIES["ferry"], STORIES["orchard"]]))
    site.set_feed("/wire.xml", atom("Wire", site.base, [STORIES["library"], STORIES["ferry"]]),
                  "application/atom+xml")
    service = make_service(tmp_path)
    service.create("local", "Local news", voice=VOICE,
                   sources=[f"{site.base}/news.xml", f"{site.base}/wire.xml"])
    first = service.run("local")
    assert first.failures == ()
    assert titles(first) == ["Library Opens on Sunday Afternoons",
                             "Orchard Growers Start the Harvest Early",
                             "Night Ferry Returns to the Bay"], "newest first, the ferry story once"
    assert {story.origin for story in first.episode.stories} == {"page"}
    inputs = service.store.sources(first.episode.briefing_id)
    assert len(inputs) == 3 and b"<h1>Library Opens on Sunday Afternoons</h1>" in inputs[0].data
    record = service.store.get(first.episode.briefing_id)
    assert record.state == "queued" and record.voice == VOICE
    assert record.requested_title.startswith("Local news, ")

    second = service.run("local")
    assert second.episode is None and second.failures == ()
    assert site.not_modified == {"/news.xml": 1, "/wire.xml": 1}, "the second read of each feed is a 304"

    newer = [STORIES["bridge"], STORIES["ferry"], STORIES["orchard"]]
    site.set_feed("/news.xml", rss("Ledger", site.base, newer))
    third = service.run("local")
    assert titles(third) == ["Footbridge Repairs Finish Ahead of Time"]
    assert [e.briefing_id for e in service.episodes("local")] == [third.episode.briefing_id,
                                                                   first.episode.briefing_id]
    assert service.episode(third.episode.briefing_id).show == "local"


def test_stories_left_out_by_max_stories_are_read_on_the_next_runs(site: FeedSite, tmp_path: Path) -> None:
    """Two stories an episode from a feed of five: the newest two, then the next two, then the last,
    then nothing; the feed is read in full while it holds stories not yet taken, then answered 304."""
    site.set_feed("/five.xml", rss("Five", site.base, list(STORIES.values())))
    service = make_service(tmp_path)
    service.create("two", "Two a day", voice=VOICE, sources=[f"{site.base}/five.xml"], max_stories=2,
                   max_per_source=5)
    assert titles(service.run("two")) == ["Farmers' Market Moves Indoors for Winter",
                                          "Footbridge Repairs Finish Ahead of Time"]
    assert titles(service.run("two")) == ["Library Opens on Sunday Afternoons",
                                          "Orchard Growers Start the Harvest Early"]
    assert site.not_modified["/five.xml"] == 0, "stories were left out: the feed was read again in full"
    assert titles(service.run("two")) == ["Night Ferry Returns to the Bay"]
    last = service.run("two")
    assert (last.outcome, last.episode) == ("nothing-new", None)
    assert (site.requests["/five.xml"], site.not_modified["/five.xml"]) == (4, 1)
    assert len(service.episodes("two")) == 3


@pytest.mark.slow  # the slow source is held until its fetch deadline (10 s)
def test_failing_sources_fail_alone_with_the_reason(site: FeedSite, tmp_path: Path) -> None:
    site.set_feed("/news.xml", rss("Ledger", site.base, [STORIES["market"]]))
    service = make_service(tmp_path)
    urls = [f"{site.base}/{name}" for name in ("broken.xml", "slow.xml", "news.xml", "huge.xml")]
    service.create("mixed", "Mixed", voice=VOICE, sources=urls)
    result = service.run("mixed")
    assert titles(result) == ["Farmers' Market Moves Indoors for Winter"]
    assert [(f.url, f.error) for f in result.failures] == [
        (urls[0], f"'{urls[0]}' answered HTTP 500: check the URL"),
        (urls[1], f"'{urls[1]}' did not arrive within the {FETCH_DEADLINE_S} s fetch deadline (127.0.0.1 is "
                  "too slow or not answering): try again later"),
        (urls[3], f"'{urls[3]}' is over the 5 MB limit: give one RSS or Atom feed"),
    ]
    sources = {source.url: source for source in service.get("mixed").sources}
    assert sources[urls[0]].error == result.failures[0].error and sources[urls[0]].error_at
    assert sources[urls[2]].error == "" and sources[urls[2]].checked_at and sources[urls[2]].title == "Ledger"


def test_an_unreadable_page_falls_back_to_the_entry_text(site: FeedSite, tmp_path: Path) -> None:
    site.set_feed("/news.xml", rss("Ledger", site.base, [STORIES["ferry"], STORIES["bridge"]],
                                   extra_links={"ferry": f"{site.base}/gone"}))
    service = make_service(tmp_path)
    service.create("fallback", "Fallback", voice=VOICE, sources=[f"{site.base}/news.xml"])
    result = service.run("fallback")
    origins = {story.title: story.origin for story in result.episode.stories}
    assert origins == {"Night Ferry Returns to the Bay": "entry",
                       "Footbridge Repairs Finish Ahead of Time": "page"}
    inputs = {source.label: source.data for source in service.store.sources(result.episode.briefing_id)}
    fallback = inputs["Night Ferry Returns to the Bay (from the feed)"]
    assert b"rebuilt vessel with room for ninety passengers" in fallback


def test_a_source_that_is_not_a_feed_and_a_private_one(site: FeedSite, tmp_path: Path) -> None:
    service = make_service(tmp_path, allow_private_urls=False)
    service.create("guarded", "Guarded", voice=VOICE, sources=[f"{site.base}/news.xml"])
    (failure,) = service.run("guarded").failures
    assert failure.error == (f"'{site.base}/news.xml' is on a private or local network: "
                             "set AUDIOBRIEF_ALLOW_PRIVATE_URLS=1 if you mean it")
    assert site.requests == {}, "nothing was asked of a private address"
    open_service = make_service(tmp_path / "open")
    open_service.create("page", "Page", voice=VOICE, sources=[f"{site.base}/articles/ferry"])
    (failure,) = open_service.run("page").failures
    assert failure.error == (f"'{site.base}/articles/ferry' is not an RSS or Atom feed: "
                             "give the feed's own address")


def test_checks_when_saved(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    service.create("morning", "Morning", voice=VOICE)
    cases = [
        (lambda: service.create("Morning News", "x"), ShowError,
         "'Morning News' is not a show name: use 1 to 64 lowercase letters, digits and hyphens, "
         "like morning-news"),
        (lambda: service.create("morning", "x"), ShowExists,
         "a show called 'morning' exists already: choose another name, or change that one"),
        (lambda: service.create("b", "  "), ShowError, "the show has no title: give one with --title"),
        (lambda: service.create("b", "B", voice="robot"), ShowError, "there is no voice called 'robot': "),
        (lambda: service.create("b", "B", sources=["ftp://x/feed"]), ShowError,
         "'ftp://x/feed' is not an http or https address: give the feed's URL"),
        (lambda: service.create("b", "B", max_stories=0), ShowError,
         "max-stories must be a whole number from 1 to 20"),
        (lambda: service.create("b", "B", schedule="at dawn"), ScheduleError,
         "'at dawn' is not a schedule: write it like 'every day at 06:30 Europe/Berlin', 'weekdays at 07:00' "
         "or 'every 4 hours'"),
        (lambda: service.get("nope"), ShowNotFound,
         "there is no show called 'nope': see `audiobrief show list`"),
        (lambda: service.remove_source("morning", "http://x/feed"), ShowError,
         "'http://x/feed' is not a source of show 'morning': see `audiobrief show sources morning`"),
        (lambda: service.update("morning", colour="red"), ShowError, "a show has no setting called 'colour'"),
    ]
    for action, kind, message in cases:
        with pytest.raises(kind) as caught:
            action()
        assert str(caught.value).startswith(message), str(caught.value)
    assert [show.slug for show in service.list_shows()] == ["morning"]


def test_opml_import_and_export(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    service.create("reader", "Reader", voice=VOICE, sources=["https://a.example/feed"])
    opml = (b"<?xml version='1.0'?><opml version='2.0'><head><title>Mine</title></head><body>"
            b"<outline text='News'><outline type='rss' text='A' xmlUrl='https://a.example/feed'/>"
            b"<outline type='rss' text='B' xmlUrl='https://b.example/rss'/></outline>"
            b"<outline type='rss' text='B again' xmlUrl='https://b.example/rss'/></body></opml>")
    assert service.import_opml("reader", opml, "mine.opml") == ["https://b.example/rss"]
    exported = service.export_opml("reader")
    other = make_service(tmp_path / "other")
    other.create("copy", "Copy", voice=VOICE)
    assert other.import_opml("copy", exported, "exported.opml") == ["https://a.example/feed",
                                                                     "https://b.example/rss"]
    hostile = [
        (b"<!DOCTYPE opml [<!ENTITY x 'y'>]><opml/>",
         "'bad.opml' declares a DOCTYPE or entities, which OPML does not use: export it again"),
        (b"<opml><body>",
         "'bad.opml' is not valid XML (no element found: line 1, column 12): export the OPML file again"),
        (b"<rss version='2.0'/>",
         "'bad.opml' is not an OPML file (its root is <rss>): give a file exported by a feed reader"),
        (b"<opml><body><outline xmlUrl='file:///etc/passwd'/></body></opml>",
         "'file:///etc/passwd' is not an http or https address: give the feed's URL"),
    ]
    for data, message in hostile:
        with pytest.raises(Exception) as caught:
            service.import_opml("reader", data, "bad.opml")
        assert str(caught.value) == message


def test_retention_keeps_the_newest_episodes_and_deletes_their_files(site: FeedSite, tmp_path: Path) -> None:
    service = make_service(tmp_path)
    service.create("short", "Short", voice=VOICE, sources=[f"{site.base}/news.xml"], keep_episodes=1)
    made = []
    for story in ("ferry", "bridge"):
        site.set_feed("/news.xml", rss("Ledger", site.base, [STORIES[story]]))
        episode = service.run("short").episode
        folder = briefing_dir(service.settings, episode.briefing_id)
        folder.mkdir(parents=True)
        (folder / "audio.mp3").write_bytes(b"ID3")
        service.store.start(episode.briefing_id)
        service.store.finish(episode.briefing_id, "t", 1000, 3, "d")
        made.append(episode.briefing_id)
    assert service.prune("short") == [made[0]]
    assert service.store.get(made[0]) is None and not briefing_dir(service.settings, made[0]).exists()
    assert [e.briefing_id for e in service.episodes("short")] == [made[1]]
    service.remove("short")
    assert service.store.get(made[1]) is None and not briefing_dir(service.settings, made[1]).exists()


def test_episodes_older_than_the_shows_days_are_deleted_when_the_scheduler_looks(site: FeedSite,
                                                                                 tmp_path: Path) -> None:
    service = make_service(tmp_path)
    service.create("week", "Week", voice=VOICE, sources=[f"{site.base}/news.xml"], keep_days=7)
    site.set_feed("/news.xml", rss("Ledger", site.base, [STORIES["orchard"]]))
    episode = service.run("week").episode
    service.store.start(episode.briefing_id)
    service.store.finish(episode.briefing_id, "t", 1000, 3, "d")
    assert service.prune_all() == []
    later = service.clock() + 8 * 86400
    service.clock = lambda: later
    assert service.prune_all() == [episode.briefing_id]
    assert service.episodes("week") == []


def test_titles_lose_bidi_controls_and_control_characters_as_they_are_stored(site: FeedSite,
                                                                            tmp_path: Path) -> None:
    hostile = replace(STORIES["ferry"], title="Night Ferry\u202e Returns\u2066 to the\x07 Bay")
    site.set_feed("/hostile.xml", rss("Ledger\u202eexe.txt\u200b", site.base, [hostile]))
    service = make_service(tmp_path)
    service.create("clean", "Morning\u202e News\x00", description="Local\u202e news\x1b[31m\u2067 daily",
                   voice=VOICE, sources=[f"{site.base}/hostile.xml"])
    show = service.get("clean")
    assert (show.title, show.description) == ("Morning News", "Local news[31m daily")
    changed = service.update("clean", title="Evening\u202d News", description="\u202eEvening news")
    assert (changed.title, changed.description) == ("Evening News", "Evening news")
    result = service.run("clean")
    assert titles(result) == ["Night Ferry Returns to the Bay"]
    assert service.episodes("clean")[0].stories[0].title == "Night Ferry Returns to the Bay"
    assert service.get("clean").sources[0].title == "Ledgerexe.txt"


def test_credentials_in_a_source_reach_no_story_failure_or_message(site: FeedSite, tmp_path: Path) -> None:
    relative = rss("Ledger", site.base, [STORIES["ferry"]]).replace(f"{site.base}/articles/".encode(),
                                                                   b"/articles/")
    site.set_feed("/private.xml", relative)
    with_credentials = site.base.replace("http://", "http://user:secret@")
    service = make_service(tmp_path)
    service.create("locked", "Locked", voice=VOICE, sources=[f"{with_credentials}/{name}" for name in (
        "private.xml", "broken.xml", "articles/bridge")])
    result = service.run("locked")
    (story,) = result.episode.stories
    assert (story.link, story.source) == (f"{site.base}/articles/ferry", f"{site.base}/private.xml")
    assert [(f.url, f.error) for f in result.failures] == [
        (f"{site.base}/broken.xml", f"'{site.base}/broken.xml' answered HTTP 500: check the URL"),
        (f"{site.base}/articles/bridge",
         f"'{site.base}/articles/bridge' is not an RSS or Atom feed: give the feed's own address")]
    errors = [source.error for source in service.get("locked").sources]
    assert errors[1:] == [failure.error for failure in result.failures], "the errors shown on its page"
    assert "secret" not in repr(service.episodes("locked"))


def test_a_show_takes_at_most_50_sources(tmp_path: Path) -> None:
    service = make_service(tmp_path)
    urls = [f"https://feeds.example/{number}.xml" for number in range(51)]
    with pytest.raises(ShowError) as caught:
        service.create("many", "Many", voice=VOICE, sources=urls)
    assert str(caught.value) == "51 sources is too many: a show takes at most 50"
    service.create("many", "Many", voice=VOICE, sources=urls[:50])
    with pytest.raises(ShowError) as caught:
        service.add_source("many", urls[50])
    assert str(caught.value) == "show 'many' has 50 sources, the most one show takes: remove one"
    opml = ("<opml version='2.0'><body>" + "".join(f"<outline xmlUrl='{url}'/>" for url in urls)
            + "</body></opml>").encode()
    service.create("other", "Other", voice=VOICE)
    with pytest.raises(InputError) as caught:
        service.import_opml("other", opml, "many.opml")
    assert str(caught.value) == "'many.opml' lists 51 feeds: a show takes at most 50"


def test_a_job_queue_out_of_reach_makes_nothing_and_leaves_the_stories_new(site: FeedSite,
                                                                          tmp_path: Path) -> None:
    site.set_feed("/redis.xml", rss("Ledger", site.base, [STORIES["market"]]))
    service = make_service(tmp_path)
    service.create("queued", "Queued", voice=VOICE, sources=[f"{site.base}/redis.xml"])

    def unreachable(*_request: object) -> None:
        raise BrokerUnavailable("Redis is out of reach: Connection refused")

    service.maker.submit = unreachable
    refused = service.run("queued")
    assert (refused.outcome, refused.episode, refused.message) == (
        "refused", None, "the job queue is out of reach: its new stories are read again at the next run")
    service.maker.submit = service.store.add
    assert titles(service.run("queued")) == ["Farmers' Market Moves Indoors for Winter"]
