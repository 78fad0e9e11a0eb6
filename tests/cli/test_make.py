"""End to end: real cleaning, the real engines (the seed briefing with the default neural voice, Piper;
others with espeak-ng through pyttsx3 where the voice is not the subject), real LAME, checked with
ffprobe."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from PIL import Image
from support.commands import FIXTURES, run
from support.sound import ebur128, require_ffprobe

pytestmark = pytest.mark.slow  #: end-to-end: real engines, encoder, server or browser

SEED_TITLE = "US About to Build a Whole Lot More ATACMS"


def probe(path: Path) -> dict:
    out = subprocess.run([require_ffprobe(), "-v", "error", "-show_format", "-show_streams",
                          "-show_chapters", "-of", "json", str(path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def vtt_cues(path: Path) -> list[tuple[str, float, float, str]]:
    blocks = path.read_text("utf-8").split("\n\n")[1:]
    cues = []
    for block in filter(None, (b.strip() for b in blocks)):
        cue_id, times, text = block.split("\n", 2)
        start, end = (_seconds(t) for t in times.split(" --> "))
        cues.append((cue_id, start, end, html.unescape(text)))
    return cues


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def test_summary_line(seed_briefing: Path) -> None:
    summary = seed_briefing.with_suffix(".summary").read_text("utf-8")
    assert re.fullmatch(rf"{re.escape(str(seed_briefing))}: \d+:\d\d, \d+ segments, 1 chapter .*\n",
                        summary)


def test_seed_mp3_format_and_duration(seed_briefing: Path) -> None:
    info = probe(seed_briefing)
    audio = next(s for s in info["streams"] if s["codec_type"] == "audio")
    assert audio["codec_name"] == "mp3"
    assert audio["channels"] == 1
    assert int(audio["sample_rate"]) == 44100
    assert int(audio["bit_rate"]) == 64000
    sidecar = json.loads(seed_briefing.with_suffix(".json").read_text("utf-8"))
    planned = sidecar["duration_ms"] / 1000
    assert float(info["format"]["duration"]) == pytest.approx(planned, rel=0.01)
    assert info["format"]["tags"]["title"] == SEED_TITLE
    assert len(info["chapters"]) == 1
    assert 150 < planned < 260


def test_seed_tags(seed_briefing: Path) -> None:
    tags = ID3(seed_briefing)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == SEED_TITLE
    assert str(tags["TPE1"]) == "Ellie Cook"
    assert tags.getall("CTOC") and len(tags.getall("CHAP")) == 1
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.type == 3
    assert seed_briefing.with_suffix(".png").read_bytes() == cover.data
    assert Image.open(seed_briefing.with_suffix(".png")).size == (1400, 1400)


def seed_body(seed_path: Path) -> list[str]:
    """The seed's own paragraphs of news copy, as a reader picks them out: from "The United States
    will soon" to "ATACMS give Kyiv's troops", without the photo caption (the line "ATACMS" and the
    line under it) and without what follows the article."""
    blocks = [block.strip() for block in seed_path.read_text("utf-8").split("\n\n")]
    first = next(n for n, block in enumerate(blocks) if block.startswith("The United States will soon"))
    last = next(n for n, block in enumerate(blocks) if block.startswith("ATACMS give Kyiv's troops"))
    body = [block for block in blocks[first:last + 1] if not block.startswith("ATACMS\nU.S. Army")]
    assert len(body) == 12
    return body


def test_seed_transcript_covers_the_body_only(seed_briefing: Path, seed_path: Path) -> None:
    cleaned = json.loads(run("clean", str(seed_path), "--json").stdout)
    assert (cleaned["title"], cleaned["paragraphs"]) == (SEED_TITLE, seed_body(seed_path))
    cues = vtt_cues(seed_briefing.with_suffix(".vtt"))
    sidecar = json.loads(seed_briefing.with_suffix(".json").read_text("utf-8"))
    assert [c[0] for c in cues] == [s["id"] for s in sidecar["segments"]]
    starts = [c[1] for c in cues]
    assert starts == sorted(starts)
    assert all(start < end for _, start, end, _ in cues)
    heard = " ".join(c[3] for c in cues)
    squash = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    assert squash(heard) == squash(SEED_TITLE + " ".join(seed_body(seed_path)))
    for boilerplate in ("Getty Images", "Uncommon Knowledge", "Newsweek is committed",
                        "About the writer", "Read more", "Click here", "delivered to your door"):
        assert boilerplate not in heard
    assert sidecar["articles"] == [cleaned]  # the article as read, what was left out of it included
    assert [block["reason"] for block in sidecar["articles"][0]["left_out"]] == [
        "caption", "promo", "author bio", "subscription"]


def test_seed_loudness(seed_briefing: Path) -> None:
    integrated, true_peak = ebur128(seed_briefing)
    assert integrated == pytest.approx(-19.0, abs=1.0)
    assert true_peak <= -1.0


def test_two_inputs_make_two_chapters(seed_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "two.mp3"
    result = run("make", str(seed_path), str(FIXTURES / "library-hours.txt"), "-o", str(out),
                 "--title", "Morning briefing")
    assert result.returncode == 0, result.stderr
    chapters = sorted(probe(out)["chapters"], key=lambda c: float(c["start_time"]))
    titles = ["Introduction", SEED_TITLE, "Library Extends Evening Hours"]
    assert [c["tags"]["title"] for c in chapters] == titles
    cues = vtt_cues(out.with_suffix(".vtt"))
    assert cues[0][0] == "intro-s0"
    first_of = {cue_id.split("-")[0]: start for cue_id, start, _, _ in reversed(cues)}
    assert float(chapters[0]["start_time"]) == 0
    assert float(chapters[0]["end_time"]) == pytest.approx(first_of["a0"], abs=0.002)
    for chapter, article in zip(chapters[1:], ("a0", "a1"), strict=True):
        assert float(chapter["start_time"]) == pytest.approx(first_of[article], abs=0.002)
    tags = ID3(out)
    in_order = sorted(tags.getall("CHAP"), key=lambda chap: chap.start_time)
    assert [str(chap.sub_frames["TIT2"]) for chap in in_order] == titles
    assert len(tags.getall("CTOC")[0].child_element_ids) == 3
    sidecar = json.loads(out.with_suffix(".json").read_text("utf-8"))
    assert [c["title"] for c in sidecar["chapters"]] == titles
    assert str(ID3(out)["TIT2"]) == "Morning briefing"


def test_stdin_input(tmp_path: Path) -> None:
    out = tmp_path / "stdin.mp3"
    text = (FIXTURES / "library-hours.txt").read_text("utf-8")
    result = run("make", "-", "-o", str(out), "--voice", "en-us-espeak", stdin=text)
    assert result.returncode == 0, result.stderr
    info = probe(out)
    assert info["format"]["tags"]["title"] == "Library Extends Evening Hours"
    assert [c["tags"]["title"] for c in info["chapters"]] == ["Library Extends Evening Hours"]
    sidecar = json.loads(out.with_suffix(".json").read_text("utf-8"))
    assert float(info["format"]["duration"]) == pytest.approx(sidecar["duration_ms"] / 1000, rel=0.01)
    spoken = " ".join(segment["written"] for segment in sidecar["segments"])
    assert spoken.startswith("Library Extends Evening Hours The central library will stay open until")
    assert result.stdout.startswith(f"{out}: ")
