"""The show at an address, for the visitor asking: the same checks for the shows' API, pages and feeds,
each refusing in its own words."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request

from ..shows.model import Episode, Show
from ..shows.service import ShowNotFound, ShowService
from .auth import visitor
from .store import Record


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
