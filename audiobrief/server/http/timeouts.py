"""The connection layer: a connection must finish sending a request's headers within a time limit, or
it is answered 408 and closed (uvicorn has a keep-alive timeout, but none for headers; slow bodies
are limits.BodyLimit's job), and a request uvicorn cannot parse gets a JSON 400 like every other error."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from ..config import Settings
from .headers import SECURITY_HEADERS
from .redact import log_config

REQUEST_TIMEOUT = b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers, from its first byte
    (or, for a new connection, from the moment it opens), and JSON for requests it cannot parse."""

    header_timeout_s: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first request's headers."""
        self.header_deadline: asyncio.TimerHandle | None = None
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        """Start the clock when a new request begins; stop it once its headers are in."""
        if self._between_requests():
            self._arm()
        super().data_received(data)
        if not self._between_requests():
            self._disarm()

    def on_response_complete(self) -> None:
        """Start the clock for the next request (its first bytes may already be here, pipelined)."""
        super().on_response_complete()
        if not self.transport.is_closing() and self._between_requests():
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clock."""
        self._disarm()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """Answer a request that is not HTTP/1.1 with 400, {"detail": ...} and the security headers."""
        body = json.dumps({"detail": f"{msg} Send a well-formed HTTP/1.1 request."}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                   (b"connection", b"close"),
                   *((name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items())]
        for event in (h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
                      h11.Data(data=body), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event))
        self.transport.close()

    def _between_requests(self) -> bool:
        """True until a request's headers are in, and again once its answer is complete."""
        return self.conn.their_state is h11.IDLE or (self.cycle is not None and self.cycle.response_complete)

    def _arm(self) -> None:
        if self.header_deadline is None:
            self.header_deadline = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _too_slow(self) -> None:
        self.header_deadline = None
        if not self.transport.is_closing():
            if self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE:
                self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """uvicorn.run options for the server: the header deadline, a keep-alive timeout, and an access
    log without keys."""
    protocol = type("TimedH11Protocol", (HeaderTimeoutProtocol,),
                    {"header_timeout_s": settings.header_timeout_s})
    return {"http": protocol, "timeout_keep_alive": 5, "timeout_graceful_shutdown": 5,
            "log_config": log_config()}
