"""HTTP metrics: every answer counted by method, route template and status, and timed to its last
byte (a path that matched no route is counted as "unmatched", so no address ever becomes a label)."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ... import metrics

UNMATCHED = "unmatched"


def route_template(scope: Scope) -> str:
    """The template of the route that answered ("/api/briefings/{briefing_id}"), the mount's path
    for static files, or UNMATCHED."""
    route = scope.get("route")
    template = getattr(route, "path", None)
    if isinstance(template, str):
        return template
    return scope.get("root_path", "") or UNMATCHED


class RequestMetrics:
    """ASGI middleware counting and timing each HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on, noting its status and timing its answer to the end."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # an exception before any answer is counted as the 500 the client gets

        async def noting(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting)
        finally:
            method = scope["method"] if scope["method"] in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
                                                            "OPTIONS") else "other"
            route = route_template(scope)
            metrics.HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            metrics.HTTP_SECONDS.labels(method=method, route=route).observe(time.perf_counter() - started)
