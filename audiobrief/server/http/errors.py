"""Error answers in the shape the address speaks: JSON {"detail": ...} for the API, media and feed,
the HTML error page for pages; an unexpected exception is logged and answered with a generic 500,
a backing service out of reach with 503 and Retry-After."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..outages import MESSAGE, RETRY_AFTER_S, is_outage
from .redact import redact
from .render import page

NOT_PAGES = ("/api/", "/media/", "/feed.xml", "/feeds/", "/voices/", "/openapi.json", "/static/",
             "/healthz", "/readyz", "/metrics")
SHOW_FILES = ("/feed.xml", "/cover.png")  #: a show's files (/shows/SLUG/...), beside its pages
UNEXPECTED = "Something went wrong on the server. It has been logged; please try again later."
log = logging.getLogger("audiobrief.server")


def wants_html(path: str) -> bool:
    """True for page addresses (errors as the HTML page), False for the API, media, feed and files."""
    if path.startswith("/shows/") and path.endswith(SHOW_FILES):
        return False
    return not path.startswith(NOT_PAGES) and path not in ("/api", "/media")


def error_response(scope: Scope, status: int, detail: object, headers: dict[str, str] | None = None,
                   ) -> Response:
    """An error with this status: the HTML error page for pages, else JSON {"detail": detail}."""
    if wants_html(scope["path"]):
        return page(Request(scope), "error.html", {"status": status, "message": detail}, status,
                          headers)
    return JSONResponse({"detail": detail}, status_code=status, headers=headers)


async def http_error(request: Request, exc: Exception) -> Response:
    """A raised HTTPException, answered in the address's shape."""
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=headers)
    return error_response(request.scope, exc.status_code, exc.detail, headers)


async def validation_error(request: Request, exc: Exception) -> Response:
    """422 with FastAPI's list of problems, each with its location (pages get the first message)."""
    assert isinstance(exc, RequestValidationError)
    problems = [{key: value for key, value in error.items() if key in ("type", "loc", "msg")}
                for error in exc.errors()]
    if wants_html(request.url.path):
        return error_response(request.scope, 422, problems[0]["msg"] if problems else "invalid request")
    return JSONResponse({"detail": problems}, status_code=422)


def outage_response(scope: Scope) -> Response:
    """503 with Retry-After while a backing service is out of reach: JSON, or for pages a plain page
    (the usual one reads the session from the database that is out of reach)."""
    headers = {"Retry-After": str(RETRY_AFTER_S)}
    if not wants_html(scope["path"]):
        return JSONResponse({"detail": MESSAGE}, status_code=503, headers=headers)
    body = ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>Try again shortly - audiobrief</title></head><body><main><h1>Try again shortly</h1>"
            f"<p>{MESSAGE}</p></main></body></html>")
    return HTMLResponse(body, status_code=503, headers=headers)


class UnexpectedErrors:
    """ASGI middleware: an exception no handler took is logged and answered with a generic 500
    (JSON or the error page; never a traceback), inside the other middleware so it gets their headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the app; on an exception before the answer started, answer 500 instead."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if is_outage(exc) and not started:
                log.warning("%s %s answered 503: %s", scope["method"], redact(scope["path"]), exc)
                await outage_response(scope)(scope, receive, send)
                return
            log.exception("unexpected error answering %s %s", scope["method"], redact(scope["path"]))
            if started:
                raise
            await error_response(scope, 500, UNEXPECTED)(scope, receive, send)
