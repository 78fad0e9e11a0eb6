"""The WebVTT transcript: cue text escaped as the WebVTT spec asks, whatever the article holds."""

from __future__ import annotations

import html

import pytest

from audiobrief.audio.assemble import render_vtt, vtt_text
from audiobrief.model import Cue


@pytest.mark.parametrize(("written", "expected"), [
    ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
    ("Smith & Sons", "Smith &amp; Sons"),
    ("a --> b", "a --&gt; b"),
    ("&amp; stays as written", "&amp;amp; stays as written"),
    ("<b>bold</b> <c.x>class</c> <00:00:01.000>",
     "&lt;b&gt;bold&lt;/b&gt; &lt;c.x&gt;class&lt;/c&gt; &lt;00:00:01.000&gt;"),
    ("line one\n\nline two\r\nthree", "line one  line two three"),
    ("plain text", "plain text"),
])
def test_cue_text_escaped(written: str, expected: str) -> None:
    assert vtt_text(written) == expected


def test_transcript_has_no_injected_cue_or_tag() -> None:
    hostile = "Headline --> 99:00:00.000 --> 99:00:01.000\n\nWEBVTT <script>&</script>"
    cues = [Cue("a0-p0-s0", 0, 1500, hostile, "spoken"), Cue("a0-p0-s1", 1500, 2000, "Next.", "Next.")]
    vtt = render_vtt(cues)
    assert vtt == (
        "WEBVTT\n\n"
        "a0-p0-s0\n00:00:00.000 --> 00:00:01.500\n"
        "Headline --&gt; 99:00:00.000 --&gt; 99:00:01.000  WEBVTT &lt;script&gt;&amp;&lt;/script&gt;\n\n"
        "a0-p0-s1\n00:00:01.500 --> 00:00:02.000\nNext.\n"
    )
    blocks = vtt.split("\n\n")
    assert len(blocks) == 3
    assert html.unescape(blocks[1].split("\n")[2]) == " ".join(hostile.splitlines())
    assert all(block.count("-->") <= 1 for block in blocks)
