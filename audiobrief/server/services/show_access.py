"""The show at an address, for the visitor asking: the same checks for the shows' API, pages and feeds,
each refusing in its own words."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request

from ...shows.model import Episode, Show, Story
from ...shows.service import ShowNotFound, ShowService
from ..store.records import Record
from ..urls import base_url
from .access import private_feed_path, visitor


def shows_of(request: Request) -> ShowService:
    """The app's show service."""
    return request.app.state.shows


def visible_episodes(request: Request, slug: str) -> list[tuple[Episode, Record]]:
    """The show's episodes the visitor may see, newest first, with their briefings: a private
    episode of a public show is its owner's (and an admin's) alone."""
    store = request.app.state.store
    found = visitor(request)
    return [(episode, record) for episode in shows_of(request).episodes(slug)
            if (record := store.get(episode.briefing_id)) is not None and found.can_see(record)]


@dataclass(frozen=True)
class ShowAccess:
    """Finds a show for a request, or refuses with this caller's messages."""

    not_found: str  #: the 404's detail: no such show, or one the visitor may not see
    not_yours: str = ""  #: the 403's detail: a show the visitor may see but not change

    def get(self, request: Request, slug: str) -> Show:
        """The show, whoever may see it; 404 when there is none."""
        try:
            return shows_of(request).get(slug)
        except ShowNotFound:
            raise HTTPException(404, self.not_found) from None

    def seen(self, request: Request, slug: str) -> Show:
        """The show when the visitor may see it, else 404."""
        show = self.get(request, slug)
        if not visitor(request).can_see(show):
            raise HTTPException(404, self.not_found)
        return show

    def changeable(self, request: Request, slug: str) -> Show:
        """The show when the visitor may change it: 404 when unseen, 403 when another account's."""
        show = self.seen(request, slug)
        if not visitor(request).can_change(show):
            raise HTTPException(403, self.not_yours)
        return show


def episode_of(request: Request, record: Record) -> tuple[Show, tuple[Story, ...]] | None:
    """For a briefing that is a show's episode: the show and the episode's stories (for its page)."""
    service = shows_of(request)
    episode = service.episode(record.id)
    return (service.get(episode.show), episode.stories) if episode else None


def show_feed_url(request: Request, show: Show) -> str | None:
    """The show's feed: public, or for its owner the private address under their feed key."""
    if show.public:
        return f"{base_url(request)}/shows/{show.slug}/feed.xml"
    user = visitor(request).user
    if user is None or user.id != show.owner_id:
        return None
    return base_url(request) + private_feed_path(request, user).removesuffix("feed.xml") + \
        f"shows/{show.slug}/feed.xml"
