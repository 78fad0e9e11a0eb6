"""The page renderer: Jinja2 templates from the package, the filters pages use, and what every page
is given (the visitor, the CSRF token, the feed address)."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from ..filenames import download_name
from ..services.access import page_visitor, private_feed_path
from ..urls import base_url

RELOAD_S = 5  #: how often the page of a briefing being made reloads itself without JavaScript


def web_root() -> jinja2.FunctionLoader:
    """A template loader reading web/templates from the installed package."""
    folder = files("audiobrief").joinpath("web", "templates")

    def load(name: str) -> str | None:
        entry = folder.joinpath(name)
        return entry.read_text("utf-8") if entry.is_file() else None

    return jinja2.FunctionLoader(load)


def clock(seconds: float | None) -> str:
    """Seconds as M:SS or H:MM:SS."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def spoken_duration(seconds: float | None) -> str:
    """Seconds as words, for screen readers: "3 minutes 12 seconds"."""
    minutes, secs = divmod(round(seconds or 0), 60)
    parts = [f"{minutes} minute{'s' * (minutes != 1)}"] if minutes else []
    return " ".join([*parts, f"{secs} second{'s' * (secs != 1)}"])


def when(timestamp: float) -> datetime:
    """A Unix time as an aware UTC datetime."""
    return datetime.fromtimestamp(timestamp, UTC)


def make_templates() -> Jinja2Templates:
    """Jinja2 with autoescaping on every template and strict undefined names."""
    env = jinja2.Environment(loader=web_root(), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(clock=clock, spoken_duration=spoken_duration, when=when, download_name=download_name)
    return Jinja2Templates(env=env)


def page(request: Request, name: str, context: dict[str, object], status_code: int = 200,
         headers: dict[str, str] | None = None) -> HTMLResponse:
    """Render a template with what every page needs."""
    templates: Jinja2Templates = request.app.state.templates
    who = page_visitor(request)
    feed = private_feed_path(request, who.user) if who.user else "/feed.xml"
    context = {"feed_url": f"{base_url(request)}{feed}", "current": name, "visitor": who,
               "csrf_token": who.csrf, **context}
    return templates.TemplateResponse(request, name, context, status_code=status_code, headers=headers)
