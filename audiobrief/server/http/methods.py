"""HTTP methods across all routes: HEAD wherever GET is answered, OPTIONS with the right Allow list,
and 405 with the right Allow list (FastAPI answers neither HEAD nor OPTIONS, and its 405 names only
the methods of the first route whose path matched)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

READ_ONLY = frozenset({"GET", "HEAD"})


def allowed_methods(routes: list[BaseRoute], path: str) -> set[str]:
    """Every method some route answers at path (with HEAD where GET is, and OPTIONS); empty if none."""
    methods: set[str] = set()
    for route in routes:
        if isinstance(route, Route) and route.path_regex.match(path):
            methods |= route.methods or set()
        elif isinstance(route, Mount) and route.path_regex.match(path):
            methods |= READ_ONLY
    if "GET" in methods:
        methods.add("HEAD")
    return methods | {"OPTIONS"} if methods else methods


def allow_header(methods: set[str]) -> str:
    """The Allow header's value, in a stable order."""
    return ", ".join(sorted(methods))


class MethodRules:
    """ASGI middleware answering OPTIONS (204) and wrong methods (405) with the right Allow list,
    and HEAD as GET without the body where no route answers HEAD itself."""

    def __init__(self, app: ASGIApp, routes: Callable[[], list[BaseRoute]]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer OPTIONS and 405 here; pass the rest on (HEAD turned into a body-less GET)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        allowed = allowed_methods(self.routes(), scope["path"])
        if not allowed:
            await self.app(scope, receive, send)
        elif method == "OPTIONS":
            await send({"type": "http.response.start", "status": 204,
                        "headers": [(b"allow", allow_header(allowed).encode())]})
            await send({"type": "http.response.body", "body": b""})
        elif method not in allowed:
            message = f"{method} is not answered here: use {allow_header(allowed)}."
            response = error_response(scope, 405, message, {"Allow": allow_header(allowed)})
            await response(scope, receive, send)
        elif method == "HEAD" and not self._answers_head(scope["path"]):
            await self.app({**scope, "method": "GET"}, receive, _without_body(send))
        else:
            await self.app(scope, receive, send)

    def _answers_head(self, path: str) -> bool:
        for route in self.routes():
            if isinstance(route, Mount) and route.path_regex.match(path):
                return True
            if isinstance(route, Route) and route.path_regex.match(path) and "HEAD" in (route.methods or ()):
                return True
        return False


def _without_body(send: Send) -> Send:
    """A send that passes the response start on and ends the body at once (the answer to HEAD)."""
    finished = False

    async def send_headers_only(message: Message) -> None:
        nonlocal finished
        if message["type"] == "http.response.start":
            await send(message)
        elif message["type"] == "http.response.body" and not finished:
            finished = True
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    return send_headers_only
