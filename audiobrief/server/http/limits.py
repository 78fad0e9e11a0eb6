"""Request bodies: over the size cap is 413 before any handler reads them; too slow is 408."""

from __future__ import annotations

from collections.abc import Callable

import anyio
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...digits import ascii_int

WHOLE_BODY_FACTOR = 8  #: the whole body must arrive within this many idle timeouts
ErrorPage = Callable[[Scope], Response]


class BodyLimit:
    """ASGI middleware: reads a body up to max_bytes, then replays it; larger bodies get 413, and
    bodies that stall for idle_timeout_s (or take WHOLE_BODY_FACTOR times that in all) get 408."""

    def __init__(self, app: ASGIApp, max_bytes: int, idle_timeout_s: float, too_large: ErrorPage,
                 too_slow: ErrorPage) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.idle_timeout_s = idle_timeout_s
        self.too_large = too_large
        self.too_slow = too_slow

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass other requests through; buffer and check bodies of POST, PUT and PATCH."""
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        length = ascii_int(declared)  # Content-Length: ASCII digits only (RFC 9110)
        if length is not None and length > self.max_bytes:
            await self.too_large(scope)(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        deadline = anyio.current_time() + self.idle_timeout_s * WHOLE_BODY_FACTOR
        while True:
            message = await self._next_message(receive, deadline)
            if message is None:
                await self.too_slow(scope)(scope, receive, send)
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self.too_large(scope)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _next_message(self, receive: Receive, deadline: float) -> Message | None:
        """The next message from the client, or None when it comes later than the timeouts allow."""
        wait = min(self.idle_timeout_s, deadline - anyio.current_time())
        with anyio.move_on_after(max(0.0, wait)):
            return await receive()
        return None
