"""The app factory: wires settings, store, job runner, routes and pages into one FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from pydantic.json_schema import models_json_schema
from starlette.exceptions import HTTPException
from starlette.types import Scope

from .. import __version__
from ..digits import human_size
from ..shows.scheduler import Scheduler
from ..shows.service import ShowService
from .config import Settings
from .http.conditional import VersionClock
from .http.errors import UnexpectedErrors, error_response, http_error, validation_error
from .http.guard import HostCheck
from .http.headers import SecurityHeaders
from .http.instrument import RequestMetrics
from .http.limits import BodyLimit
from .http.methods import MethodRules
from .http.query import SingleQueryValues
from .http.render import make_templates
from .jobs.runner import JobRunner
from .routes import (
    accounts,
    api,
    feed,
    health,
    icons,
    install,
    listening,
    media,
    metrics,
    pages,
    samples,
    show_feed,
    show_pages,
    shows_api,
    stream,
)
from .routes.accounts import LOGIN_BURST, LOGIN_PER_HOUR
from .schemas import ERROR_ANSWERS, BriefingRequest, BriefingUpload
from .services.health import readiness
from .services.quotas import Buckets, SubmitLimits
from .signing import load_secret
from .store.accounts import Accounts
from .store.database import ping
from .store.records import Store

if TYPE_CHECKING:
    from ..shows.run_queue import RunQueue
    from .jobs.broker import BrokerRunner, BrokerRuns


def create_app(settings: Settings) -> FastAPI:
    """A new app with its own store and job runner; nothing is shared between apps."""
    settings.home.mkdir(parents=True, exist_ok=True)
    settings.briefings_dir.mkdir(parents=True, exist_ok=True)
    store = Store(settings.store_target)
    runner = _runner(settings, store)
    shows = ShowService(store, settings, runner.submit)
    runs = _run_queue(settings, shows, runner)
    shows.enqueue = runs.submit
    scheduler = Scheduler(shows, settings.show_check_s)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        media.channel_cover(settings)
        runner.start()
        runs.start(shows.pending_runs())
        scheduler.start()
        yield
        scheduler.stop()
        runs.stop()
        runner.stop()

    app = FastAPI(title="audiobrief", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Spoken MP3 briefings from news articles, with a podcast feed.")
    app.state.settings = settings
    app.state.store = store
    app.state.runner = runner
    app.state.shows = shows
    app.state.templates = make_templates()
    app.state.versions = VersionClock()
    app.state.readiness = readiness(settings, lambda: ping(store.engine))
    routers = (health.router, metrics.router, api.router, listening.router, shows_api.router, feed.router,
               show_feed.router, icons.router, stream.router, media.router, pages.router, show_pages.router,
               samples.router, install.router)
    # The middleware added last sees a request first: security headers go on every answer, including
    # a 500 for an unexpected exception, a 405 or OPTIONS answer, and a 413 or 408 for a body.
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes,
                       idle_timeout_s=settings.body_timeout_s,
                       too_large=_too_large(settings.max_request_bytes), too_slow=_too_slow)
    app.add_middleware(SingleQueryValues)
    app.add_middleware(MethodRules, routes=lambda: [route for router in (app.router, *routers)
                                                    for route in router.routes])
    _install_accounts(app, settings, store)
    app.add_middleware(UnexpectedErrors)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestMetrics)  # outermost: counts every answer, timed to its last byte
    for router in routers:
        app.include_router(router)
    static = Path(str(files("audiobrief").joinpath("web", "static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _runner(settings: Settings, store: Store) -> JobRunner | BrokerRunner:
    """Threads in this process, or (with AUDIOBRIEF_BROKER_URL) Celery workers elsewhere."""
    if settings.broker_url:
        from .jobs.broker import BrokerRunner

        return BrokerRunner(settings, store)
    return JobRunner(settings, store)


def _run_queue(settings: Settings, shows: ShowService,
               runner: JobRunner | BrokerRunner) -> RunQueue | BrokerRuns:
    """Show runs on threads of this process, or (with a broker) Celery tasks for the workers."""
    if settings.broker_url:
        from .jobs.broker import BrokerRunner, BrokerRuns

        assert isinstance(runner, BrokerRunner)
        return BrokerRuns(runner)
    from ..shows.run_queue import RunQueue

    return RunQueue(shows.execute, settings.show_run_workers)


def _too_large(limit: int) -> Callable[[Scope], Response]:
    """413 for a body over the cap: JSON for the API, a page for the form."""
    message = f"The request is over the {human_size(limit)} limit: send fewer or smaller articles at a time."
    return lambda scope: error_response(scope, 413, message)


def _too_slow(scope: Scope) -> Response:
    """408 for a body that stalls, and the connection closes."""
    return error_response(scope, 408, "The request body came too slowly: send it again.",
                          {"Connection": "close"})


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema plus the request bodies that the create endpoint parses itself, and the 400
    every address answers to a repeated query parameter."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    for operations in schema["paths"].values():
        for operation in operations.values():
            answers = operation.setdefault("responses", {})
            answers.setdefault("400", {"description": ERROR_ANSWERS[400], "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
    _, defs = models_json_schema([(BriefingRequest, "validation"), (BriefingUpload, "validation")],
                                 ref_template="#/components/schemas/{model}")
    schema.setdefault("components", {}).setdefault("schemas", {}).update(defs["$defs"])
    app.openapi_schema = schema
    return schema


def _install_accounts(app: FastAPI, settings: Settings, store: Store) -> None:
    """Give an app its accounts, signing key, rate limits, Host check and login pages."""
    app.state.accounts = Accounts(store)
    app.state.secret = load_secret(settings.secret_file)
    app.state.limits = SubmitLimits(settings)
    app.state.login_limits = Buckets(LOGIN_BURST, LOGIN_PER_HOUR)
    app.add_middleware(HostCheck, settings=settings)
    app.include_router(accounts.router)
