"""Bidi controls and invisible characters: out of titles (article, form, --title), reordering
controls out of article text, nothing heard changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mutagen.id3 import ID3
from support.commands import FIXTURES, run

from audiobrief.clean import clean
from audiobrief.invisible import plain_title, without_reordering
from audiobrief.model import Document

RLO, PDF, LRM, RLM, ALM = "\u202e", "\u202c", "\u200e", "\u200f", "\u061c"
EMOJI = "Emoji \u2764\ufe0f and family \U0001f468\u200d\U0001f469\u200d\U0001f467"
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


@pytest.mark.parametrize(("title", "expected"), [
    (f"Invoice {RLO}fdp.exe", "Invoice fdp.exe"),
    ("\u2066Isolated\u2069 \u2067right\u2069 \u2068first\u2069", "Isolated right first"),
    (f"\u202aEmbedded{PDF} \u202bRTL{PDF} \u202dLTR override{PDF}", "Embedded RTL LTR override"),
    (f"Marks{LRM}{RLM}{ALM} gone", "Marks gone"),
    ("Zero\u200bwidth\u2060joined\ufeff soft\u00adhyphen", "Zerowidthjoined softhyphen"),
    ("Tag\U000e0041\U000e0042 smuggling", "Tag smuggling"),
    ("Bell\x07 and\x00 null\x1b", "Bell and null"),
    ("  Line\nbreaks\r\n\tand tabs  ", "Line breaks and tabs"),
    (f"{RLO} {PDF}", ""),
    (EMOJI, EMOJI),  # variation selector and zero-width joiners kept
    (PERSIAN, PERSIAN),  # zero-width non-joiner kept
    ("Plain title", "Plain title"),
])
def test_plain_title(title: str, expected: str) -> None:
    assert plain_title(title) == expected


def test_body_loses_reordering_controls_only() -> None:
    text = f"Price {RLO}001${PDF}, \u2067isolate\u2069; mark {RLM}kept{LRM} and{ALM} zero\u200bwidth."
    assert without_reordering(text) == f"Price 001$, isolate; mark {RLM}kept{LRM} and{ALM} zero\u200bwidth."


def test_clean_strips_title_byline_and_body() -> None:
    page = (f"Council {RLO}txt.exe Approves Budget\n\nBy Jane {RLO}Doe\n\n"
            f"The council approved the budget on Monday after a long debate {RLO}about taxes{PDF}. "
            "Members said the plan would keep the library open in the evenings next year.\n\n"
            f"{RLO}{PDF}\n\n"
            "A second paragraph explains that the vote was close and that the mayor will sign it soon.\n")
    article = clean(Document("page.txt", page, is_html=False))
    assert article.title == "Council txt.exe Approves Budget"
    assert article.byline == "Jane Doe"
    assert article.paragraphs == (
        "The council approved the budget on Monday after a long debate about taxes. "
        "Members said the plan would keep the library open in the evenings next year.",
        "A second paragraph explains that the vote was close and that the mayor will sign it soon.",
    )


def test_html_title_is_plain() -> None:
    body = "<p>" + "The harbour bridge reopened on Monday after two years of repairs. " * 4 + "</p>"
    after = "<p>" + "Traffic on the bridge is expected to return to its old level by spring. " * 4 + "</p>"
    page = (f"<html><head><title>Bridge {RLO}gnp.exe Reopens</title></head><body><article>"
            f"<h1>Bridge &#x202e;gnp.exe Reopens</h1>{body}<p>Entity &#x202e;override.</p>{after}"
            "</article></body></html>")
    article = clean(Document("page.html", page, is_html=True))
    assert RLO not in article.title and "Bridge" in article.title
    assert all(RLO not in paragraph for paragraph in article.paragraphs)
    assert any("Entity override." in paragraph for paragraph in article.paragraphs)


def test_clean_command_json(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text(f"Harbour {RLO}Bridge Reopens Today\n\n"
                      "The harbour bridge reopened on Monday after two years of repairs to its deck, "
                      "and the first buses crossed it before dawn with their lights on.\n", "utf-8")
    result = run("clean", "--json", str(source))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Harbour Bridge Reopens Today"


def test_server_form_title_is_plain(tmp_path: Path) -> None:
    from audiobrief.server.config import Settings
    from audiobrief.server.schemas import BriefingRequest
    from audiobrief.server.services.intake import from_json

    request = BriefingRequest(title=f"Morning {RLO}3pm.exe news\u2066", articles=[{"text": "Some text."}])
    assert from_json(request, Settings(home=tmp_path)).title == "Morning 3pm.exe news"


@pytest.mark.slow
def test_cli_title_is_plain(tmp_path: Path) -> None:
    out = tmp_path / "out.mp3"
    result = run("make", str(FIXTURES / "library-hours.txt"), "-o", str(out),
                 "--title", f"Library {RLO}3pm.exe news", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert str(ID3(out)["TIT2"]) == "Library 3pm.exe news"
