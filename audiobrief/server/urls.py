"""Absolute URLs: from the configured public base URL, else from the request's host."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import APIRouter, Request

Handler = TypeVar("Handler", bound=Callable[..., Any])


def base_url(request: Request) -> str:
    """The public base URL without a trailing slash."""
    configured = request.app.state.settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


def page_path(record_id: str) -> str:
    """The path of a briefing's page."""
    return f"/briefings/{record_id}"


def media_path(record_id: str, name: str) -> str:
    """The path of one of a briefing's files."""
    return f"/media/{record_id}/{name}"


def get_and_head(router: APIRouter, path: str, **options: Any) -> Callable[[Handler], Handler]:
    """Route GET and HEAD to one handler; HEAD stays out of the schema so operation ids are unique."""
    def register(handler: Handler) -> Handler:
        router.head(path, include_in_schema=False, **options)(handler)
        return router.get(path, **options)(handler)

    return register


ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
