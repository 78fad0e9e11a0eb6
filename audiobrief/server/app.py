"""The app factory: wires settings, store, job runner, routes and pages into one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException
from starlette.types import Scope

from .. import __version__
from . import api, feed, media, pages, samples
from .config import Settings
from .intake import human_size
from .jobs import JobRunner
from .limits import BodyLimit
from .schemas import BriefingRequest, BriefingUpload
from .store import Store

NOT_PAGES = ("/api/", "/media/", "/feed.xml", "/openapi.json", "/static/")


def create_app(settings: Settings) -> FastAPI:
    """A new app with its own store and job runner; nothing is shared between apps."""
    settings.home.mkdir(parents=True, exist_ok=True)
    settings.briefings_dir.mkdir(parents=True, exist_ok=True)
    store = Store(settings.database)
    runner = JobRunner(settings, store)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        media.channel_cover(settings)
        runner.start()
        yield
        runner.stop()

    app = FastAPI(title="audiobrief", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Spoken MP3 briefings from news articles, with a podcast feed.")
    app.state.settings = settings
    app.state.store = store
    app.state.runner = runner
    app.state.templates = pages.make_templates()
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes, too_large=_too_large)
    for router in (api.router, feed.router, media.router, pages.router, samples.router):
        app.include_router(router)
    static = Path(str(files("audiobrief").joinpath("web", "static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_exception_handler(HTTPException, _errors_as_pages)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _wants_html(path: str) -> bool:
    return not path.startswith(NOT_PAGES)


async def _errors_as_pages(request: Request, exc: Exception) -> Response:
    """HTTP errors as a page for page addresses, as JSON for the API and media."""
    assert isinstance(exc, HTTPException)
    if not _wants_html(request.url.path):
        return await http_exception_handler(request, exc)
    return pages.page(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                      exc.status_code, dict(exc.headers or {}))


def _too_large(scope: Scope, limit: int) -> Response:
    """413 for a body over the cap: JSON for the API, a page for the form."""
    message = f"The request is over the {human_size(limit)} limit: send fewer or smaller articles at a time."
    if not _wants_html(scope["path"]):
        return JSONResponse({"detail": message}, status_code=413)
    return pages.page(Request(scope), "error.html", {"status": 413, "message": message}, 413)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the request bodies that the create endpoint parses itself."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    _, defs = models_json_schema([(BriefingRequest, "validation"), (BriefingUpload, "validation")],
                                 ref_template="#/components/schemas/{model}")
    schema.setdefault("components", {}).setdefault("schemas", {}).update(defs["$defs"])
    app.openapi_schema = schema
    return schema
