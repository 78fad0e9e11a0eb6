"""Installing on a phone: the manifest and its icons, the service worker's headers, the share target
(hostile input answered exactly, nothing made before the listener confirms, login first and back) and
the bookmarklet."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from support.accounts import ARTICLE, BASE, PASSWORD, add_user, hidden_token, log_in, make_client

from audiobrief.server.http.headers import SECURITY_HEADERS
from audiobrief.server.services.sharing import NOTHING_SHARED, bookmarklet

WEB = Path(__file__).resolve().parents[3] / "web"
TEXT = ARTICLE["articles"][0]["text"]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    """An open server (no accounts) that may read loopback addresses, with 2 KB articles at most."""
    return make_client(tmp_path, allow_private_urls=True, max_article_bytes=2000)


def paper_colours() -> tuple[str, str]:
    """app.css's page background (--paper), light then dark."""
    found = re.findall(r"--paper:\s*(#[0-9a-f]{6})", (WEB / "static" / "app.css").read_text())
    assert len(found) == 2, found
    return found[0], found[1]


def main_text(answer_html: str) -> str:
    """The words of a page's main element, on one line."""
    found = re.search(r"<main.*?</main>", answer_html, re.S)
    assert found, answer_html
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))).split())


def share(client: TestClient, **fields: str) -> tuple[int, str]:
    answer = client.get("/share?" + urlencode(fields), follow_redirects=False)
    return answer.status_code, answer.text


def problem(page: str) -> str:
    found = re.search(r'<div class="problem" id="share-problem" role="alert">(.*?)</div>', page, re.S)
    assert found, page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


def briefings(client: TestClient) -> int:
    return len(client.get("/api/briefings").json()["briefings"])


def test_manifest_names_icons_colours_display_and_share_target(client: TestClient) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(answer.content)
    light, _dark = paper_colours()
    assert manifest["name"] == manifest["short_name"] == "audiobrief"
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/", "/", "standalone")
    assert manifest["background_color"] == manifest["theme_color"] == light
    assert manifest["share_target"] == {"action": "/share", "method": "GET",
                                        "params": {"title": "title", "text": "text", "url": "url"}}
    pngs = {icon["sizes"]: icon["src"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert set(pngs) == {"192x192", "512x512"}
    for sizes, src in pngs.items():
        icon = client.get(src)
        assert icon.status_code == 200
        assert icon.headers["content-type"] == "image/png"
        image = Image.open(io.BytesIO(icon.content))
        assert (image.format, f"{image.width}x{image.height}") == ("PNG", sizes)
    assert client.get("/icons/icon-100.png").status_code == 404
    assert client.head("/manifest.webmanifest").status_code == 200


def test_every_page_links_the_manifest_and_the_scheme_colours(client: TestClient) -> None:
    light, dark = paper_colours()
    for path in ("/", "/library", "/shows"):
        page = client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page
        assert f'<meta name="theme-color" media="(prefers-color-scheme: light)" content="{light}">' in page
        assert f'<meta name="theme-color" media="(prefers-color-scheme: dark)" content="{dark}">' in page


def test_service_worker_is_served_from_the_root_uncached_and_allowed(client: TestClient) -> None:
    answer = client.get("/sw.js")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/javascript; charset=utf-8"
    assert answer.headers["cache-control"] == "no-cache"
    assert answer.content == (WEB / "static" / "sw.js").read_bytes()
    policy = answer.headers["content-security-policy"].split("; ")
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    assert answer.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


def test_nothing_shared_is_answered_422(client: TestClient) -> None:
    for fields in ({}, {"title": "Only a title"}, {"text": "  \n ", "url": " "}):
        status, page = share(client, **fields)
        assert (status, problem(page)) == (422, NOTHING_SHARED), fields


def test_a_javascript_url_is_refused_as_the_form_refuses_it(client: TestClient) -> None:
    status, page = share(client, url="javascript:alert(document.cookie)", text="https://example.org/a")
    assert status == 422
    assert problem(page) == ("'javascript:alert(document.cookie)' is not an http or https web address: "
                             "give one URL a line.")
    assert "<script>alert" not in share(client, url="<script>alert(1)</script>")[1]


def test_huge_text_is_answered_413_with_the_forms_limit(client: TestClient) -> None:
    status, page = share(client, text="word " * 600)
    assert (status, problem(page)) == (413, "Pasted article 1 is 3 KB, over the 2 KB limit for one article: "
                                            "split it into articles.")


def test_a_private_network_address_is_refused_as_the_form_refuses_it(tmp_path: Path) -> None:
    client = make_client(tmp_path)  # the default: only the public internet is read
    status, page = share(client, url="http://10.1.2.3/news")
    assert (status, problem(page)) == (422, "'http://10.1.2.3/news' is on a private or local network: only "
                                            "addresses on the public internet are fetched")
    form = client.post("/briefings", files={"urls": (None, "http://10.1.2.3/news")})
    assert form.status_code == 422
    assert "'http://10.1.2.3/news' is on a private or local network" in html.unescape(form.text)


def test_the_address_in_shared_text_is_found_and_confirmed_before_making(client: TestClient) -> None:
    status, page = share(client, title="Tram Line Extended",
                         text="Tram Line Extended http://127.0.0.1:9/tram?a=1&b=2. Shared from my browser")
    assert status == 200
    assert '<input type="hidden" name="urls" value="http://127.0.0.1:9/tram?a=1&amp;b=2">' in page
    assert 'name="title" maxlength="200" value="Tram Line Extended"' in page
    assert main_text(page).startswith("Make a briefing of what you shared The article at "
                                      "http://127.0.0.1:9/tram?a=1&b=2 Title (optional)")
    assert re.findall(r"<button[^>]*>([^<]+)</button>", page.split("<main", 1)[1]) == [
        "Make the briefing"]
    assert briefings(client) == 0  # a GET makes nothing: the button posts the form
    url_field = share(client, url="http://127.0.0.1:9/given", text="see http://127.0.0.1:9/other")[1]
    assert 'name="urls" value="http://127.0.0.1:9/given"' in url_field


def test_shared_text_is_confirmed_then_made_by_the_forms_post(client: TestClient) -> None:
    status, page = share(client, title="x" * 300, text=TEXT)
    assert status == 200
    assert f'<input type="hidden" name="text" value="{html.escape(TEXT)}">' in page
    title = re.search(r'name="title" maxlength="200" value="([^"]*)"', page)
    assert title and title.group(1) == "x" * 199 + "…"
    form = {"text": (None, TEXT), "title": (None, "Harbour")}
    made = client.post("/briefings", files=form, follow_redirects=False)
    assert made.status_code == 303
    assert re.fullmatch(r"/briefings/[0-9a-f]{32}", made.headers["location"])
    assert briefings(client) == 1
    elsewhere = client.post("/briefings", files=form, headers={"Origin": "https://evil.example"})
    assert elsewhere.status_code == 403
    assert briefings(client) == 1


def test_logged_out_share_goes_to_the_login_and_back(tmp_path: Path) -> None:
    client = make_client(tmp_path, allow_private_urls=True)
    add_user(client, "alice")
    query = urlencode({"url": "http://127.0.0.1:9/tram", "title": "Tram"})
    answer = client.get(f"/share?{query}", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=" + quote(f"/share?{query}", safe="")
    login_page = client.get(answer.headers["location"]).text
    assert f'name="next" value="{html.escape("/share?" + query)}"' in login_page
    fields = {"name": "alice", "password": PASSWORD, "csrf_token": hidden_token(login_page),
              "next": f"/share?{query}"}
    back = client.post("/login", data=fields, follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, f"/share?{query}")
    confirm = client.get(back.headers["location"])
    assert confirm.status_code == 200
    token = hidden_token(confirm.text)
    form = {"urls": (None, "http://127.0.0.1:9/tram"), "csrf_token": (None, token)}
    made = client.post("/briefings", files=form, follow_redirects=False)
    assert made.status_code == 303 and made.headers["location"].startswith("/briefings/")
    forged = client.post("/briefings", files={"urls": (None, "http://127.0.0.1:9/tram")})
    assert forged.status_code == 403


def test_login_only_returns_to_this_sites_paths(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    add_user(client, "alice")
    for target in ("//evil.example/share", "https://evil.example/", "/\\evil.example"):
        client.cookies.clear()
        login_page = client.get("/login?" + urlencode({"next": target})).text
        token = hidden_token(login_page)
        fields = {"name": "alice", "password": PASSWORD, "csrf_token": token, "next": target}
        answer = client.post("/login", data=fields, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/"), target


def test_account_page_offers_the_bookmarklet(tmp_path: Path) -> None:
    client = make_client(tmp_path)
    add_user(client, "alice")
    log_in(client, "alice")
    page = client.get("/account").text
    link = re.search(r'<a class="bookmarklet" id="bookmarklet" href="([^"]+)">Brief me</a>', page)
    assert link
    href = html.unescape(link.group(1))
    assert href == bookmarklet(BASE)
    assert href == ('javascript:void(location.href="http://127.0.0.1:8000/share?url="'
                    "+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title))")
