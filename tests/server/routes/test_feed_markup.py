"""Text that looks like HTML (an article quoting "<script>", a title with "<img onerror>") reaches the
podcast feeds as text: descriptions are HTML-escaped, so apps that render them as HTML show the
characters and run nothing."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from support.accounts import make_client

from audiobrief.server.jobs.runner import briefing_dir

TITLE = "<img src=x onerror=alert(1)> Harbour News"
DESCRIPTION = "Officials said <script>alert('x')</script> & more <b>bold</b> claims."
ARTICLE = {"title": TITLE, "articles": [{"text": "Harbour News\n\nThe ferry runs again from Monday. "
                                                 "Tickets cost the same as last year."}]}


def test_descriptions_carry_html_escaped_text(tmp_path: Path) -> None:
    with make_client(tmp_path, feed_description="News & views <i>daily</i>") as client:
        record_id = client.post("/api/briefings", json=ARTICLE).json()["id"]
        folder = briefing_dir(client.app.state.settings, record_id)
        folder.mkdir(parents=True)
        (folder / "audio.mp3").write_bytes(b"ID3")
        client.app.state.store.start(record_id)
        client.app.state.store.finish(record_id, TITLE, 3000, 3, DESCRIPTION)
        body = client.get("/feed.xml").content
    channel = ET.fromstring(body).find("channel")
    item = channel.find("item")
    assert item.findtext("title") == TITLE  # titles are plain text in podcast apps
    assert item.findtext("description") == (
        "Officials said &lt;script&gt;alert('x')&lt;/script&gt; &amp; more &lt;b&gt;bold&lt;/b&gt; claims.")
    assert channel.findtext("description") == "News &amp; views &lt;i&gt;daily&lt;/i&gt;"
    assert b"<script>" not in body and b"&lt;script&gt;" not in body
    parsed = feedparser.parse(body)  # a reader that renders descriptions as HTML
    assert parsed.entries[0].summary == (
        "Officials said &lt;script&gt;alert('x')&lt;/script&gt; &amp; more &lt;b&gt;bold&lt;/b&gt; claims.")
