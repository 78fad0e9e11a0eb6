"""A show's podcast feed and cover: /shows/SLUG/feed.xml for a public show, and for a private one
the owner's secret feed address with the show's slug (/feeds/KEY/shows/SLUG/feed.xml)."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse

from ...shows.cover import cover_file
from ...shows.model import Show
from ..config import Settings
from ..http.conditional import serve_file
from ..schemas import error_answers
from ..services.access import feed_owner, media_query
from ..services.show_access import ShowAccess, shows_of
from ..urls import base_url, get_and_head
from .feed import build_feed, feed_response
from .media import FILE_ANSWERS, HEADERS

router = APIRouter(tags=["feed"])
NOT_FOUND = "no such show"
ACCESS = ShowAccess(NOT_FOUND)
FEED_ANSWERS = {200: {"content": {"application/rss+xml": {}}, "description": "the feed"},
                304: {"description": "not modified since the version named in If-None-Match"},
                404: {"description": "no public show with this name (or a wrong or reset key)"},
                **error_answers(412)}


def show_feed_bytes(request: Request, show: Show, feed_path: str, private: bool) -> bytes:
    """The feed XML of a show's finished episodes, with the show's own title, description and cover:
    in the public feed only its public episodes, in the owner's private one all (links signed)."""
    settings: Settings = request.app.state.settings
    own = replace(settings, feed_title=show.title, feed_description=show.description or show.title)
    records = shows_of(request).records.finished(show.slug, public_only=not private)
    sign = (lambda record, name: media_query(request, record, name)) if private else (lambda _r, _n: "")
    return build_feed(records, own, base_url(request), feed_path, sign,
                      cover_path=f"/shows/{show.slug}/cover.png", link_path=f"/shows/{show.slug}")


@get_and_head(router, "/shows/{slug}/feed.xml", summary="A public show's podcast feed (RSS 2.0)",
              response_class=Response, responses=FEED_ANSWERS)
def show_feed(slug: str, request: Request) -> Response:
    """The show's finished episodes, newest first; a private show has no public feed (404)."""
    show = ACCESS.get(request, slug)
    if not show.public:
        raise HTTPException(404, NOT_FOUND)
    return feed_response(request, show_feed_bytes(request, show, f"/shows/{slug}/feed.xml", private=False))


@get_and_head(router, "/feeds/{key}/shows/{slug}/feed.xml", summary="A private show's podcast feed (RSS 2.0)",
              response_class=Response, responses=FEED_ANSWERS)
def private_show_feed(key: str, slug: str, request: Request) -> Response:
    """One of the key's account's shows, with signed media links (the private-feed rules)."""
    user = feed_owner(request, key)
    show = ACCESS.get(request, slug)
    if show.owner_id != user.id and not user.admin:
        raise HTTPException(404, NOT_FOUND)
    path = f"/feeds/{key}/shows/{slug}/feed.xml"
    return feed_response(request, show_feed_bytes(request, show, path, private=True))


@get_and_head(router, "/shows/{slug}/cover.png", response_class=FileResponse, summary="A show's cover image",
              responses={**FILE_ANSWERS, **error_answers(404)})
def show_cover(slug: str, request: Request) -> Response:
    """The show's 1400x1400 cover, drawn from its title (for private shows too: it shows only the title)."""
    show = ACCESS.get(request, slug)
    settings: Settings = request.app.state.settings
    return serve_file(request, cover_file(settings.home, show.slug, show.title), "image/png", HEADERS)
