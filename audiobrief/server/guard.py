"""Refuses cross-site form posts and deletes: a request naming another Origin than ours gets 403."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import HTTPException, Request


def same_origin(request: Request) -> None:
    """Allow requests without an Origin header (not from a browser) or from this site only."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    allowed = {request.headers.get("host", "")}
    public = request.app.state.settings.public_url
    if public:
        allowed.add(urlsplit(public).netloc)
    if urlsplit(origin).netloc not in allowed:
        raise HTTPException(403, "requests from other sites are refused: use this site's own form")
