"""Installing the web app on a phone: its manifest, its service worker (offline listening) and the share
target that turns a page or text shared from another app into a briefing, once the listener confirms."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..http.conditional import serve_bytes
from ..http.render import page
from ..schemas import MAX_TITLE
from ..services.access import login_redirect
from ..services.intake import InvalidRequest
from ..services.sharing import checked_share
from .icons import APP_ICON_SIZES

LIGHT_PAPER = "#ffffff"  #: app.css --paper, light scheme
DARK_PAPER = "#111418"  #: app.css --paper, dark scheme
MANIFEST = {
    "id": "/",
    "name": "audiobrief",
    "short_name": "audiobrief",
    "description": "Spoken briefings of news articles: share a page, listen to it.",
    "lang": "en",
    "start_url": "/",
    "scope": "/",
    "display": "standalone",
    "background_color": LIGHT_PAPER,
    "theme_color": LIGHT_PAPER,  # the pages' own <meta name="theme-color"> give DARK_PAPER in dark mode
    "icons": [{"src": f"/icons/icon-{side}.png", "sizes": f"{side}x{side}", "type": "image/png",
               "purpose": "any"} for side in APP_ICON_SIZES]
             + [{"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    "share_target": {"action": "/share", "method": "GET",
                     "params": {"title": "title", "text": "text", "url": "url"}},
}
#: the worker is fetched again on every visit so a new one takes over without waiting for a cache
WORKER_HEADERS = {"Cache-Control": "no-cache"}

router = APIRouter(include_in_schema=False)


@cache
def _manifest() -> bytes:
    return json.dumps(MANIFEST, indent=1).encode()


@cache
def _worker() -> bytes:
    return files("audiobrief").joinpath("web", "static", "sw.js").read_bytes()


@router.head("/manifest.webmanifest")
@router.get("/manifest.webmanifest")
def manifest(request: Request) -> Response:
    """The web app manifest: names, icons, colours, standalone display and the share target."""
    return serve_bytes(request, _manifest(), "application/manifest+json",
                       {"Cache-Control": "public, max-age=3600"})


@router.head("/sw.js")
@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    """The service worker, from the root so its scope is the whole site (it serves saved briefings)."""
    return serve_bytes(request, _worker(), "text/javascript; charset=utf-8", WORKER_HEADERS)


@router.get("/share", response_class=HTMLResponse)
async def share_target(request: Request, title: str = "", text: str = "", url: str = "") -> Response:
    """What another app shared, checked, with one button that makes the briefing (a POST to the form's
    address, with its CSRF token): a GET never makes one, so no other site can start work by a link.
    The login page first (and back here) when the server has accounts."""
    if redirect := login_redirect(request):
        return redirect
    try:
        shared = await checked_share(title, text, url, request.app.state.settings)
    except InvalidRequest as exc:
        problems = list(dict.fromkeys(error.message for error in exc.errors))
        return page(request, "share.html", {"shared": None, "problems": problems, "max_title": MAX_TITLE},
                    413 if exc.too_large else 422)
    return page(request, "share.html", {"shared": shared, "problems": [], "max_title": MAX_TITLE})
