"""An httpx transport that connects only to the addresses netguard checked for each host, and
whose connections end at a deadline.

The URL keeps its host name, so TLS verifies the certificate for that name (SNI) and the Host
header is the URL's own; only the TCP connection is made to a pinned address, without resolving
the name again.

httpx's timeouts bound each read, not a response: a server sending a few bytes every few seconds
never trips them. Here every connect, handshake, read and write is bounded by the time left
before the fetch's deadline, so no server can hold a fetch past it; and a cancelled fetch has its
socket shut down, which wakes a read blocked on it at once.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

from .cancel import CancelToken
from .netguard import PinnedAddresses


class Deadline:
    """When a fetch must be over (time.monotonic()), and the token that cancels it sooner."""

    def __init__(self, seconds: float, cancel: CancelToken | None = None) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.cancel = cancel

    @property
    def left(self) -> float:
        """Seconds until the deadline (0 or less once it has come)."""
        return self.at - time.monotonic()

    @property
    def passed(self) -> bool:
        """True once the deadline has come."""
        return self.left <= 0

    def bound(self, timeout: float | None, error: type[Exception]) -> float:
        """timeout, shortened to the time left; error (a timeout) when none is left."""
        if self.cancel is not None and self.cancel.cancelled:
            raise httpcore.ReadError("the fetch was cancelled")
        left = self.left
        if left <= 0:
            raise error(f"the {self.seconds:g} s deadline has passed")
        return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every operation ends by the deadline, shut down when the fetch is cancelled."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: Deadline) -> None:
        self.stream, self.deadline = stream, deadline
        self._forget: Callable[[], None] = lambda: None
        if deadline.cancel is not None:
            self._forget = deadline.cancel.on_cancel(self._shut_down)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Read, waiting no longer than the time left."""
        return self.stream.read(max_bytes, self.deadline.bound(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write, waiting no longer than the time left."""
        self.stream.write(buffer, self.deadline.bound(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the connection (a later cancel has nothing to shut down)."""
        self._forget()
        self.stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        """The TLS handshake, ending by the deadline; the secured stream keeps it."""
        secured = self.stream.start_tls(ssl_context, server_hostname,
                                        self.deadline.bound(timeout, httpcore.ConnectTimeout))
        self._forget()
        return DeadlineStream(secured, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        """What the underlying stream says (its socket, its TLS object)."""
        return self.stream.get_extra_info(info)

    def _shut_down(self) -> None:
        """Shut the socket down from another thread: a read blocked on it returns at once. The
        plain socket's own shutdown, even under TLS (an SSLSocket's would drop its TLS state
        under the reading thread)."""
        sock = self.stream.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


class PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections to a host's pinned addresses only, never resolving its name again,
    each ending by the deadline."""

    def __init__(self, pins: PinnedAddresses, deadline: Deadline) -> None:
        self.pins = pins
        self.deadline = deadline
        self.network = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        """Connect to the first pinned address of host that answers."""
        failure: Exception = httpcore.ConnectError("the host's address was not checked")
        for address in self.pins.addresses(host):
            try:
                stream = self.network.connect_tcp(address, port,
                                                  self.deadline.bound(timeout, httpcore.ConnectTimeout),
                                                  local_address, socket_options)
                return DeadlineStream(stream, self.deadline)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                            ) -> httpcore.NetworkStream:
        """Refused: fetching never uses local sockets."""
        raise httpcore.ConnectError("local sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        """Wait between connection retries."""
        self.network.sleep(seconds)


_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.ProtocolError, httpx.ProtocolError),
    (httpcore.NetworkError, httpx.NetworkError),
)


@contextmanager
def _as_httpx_errors(request: httpx.Request) -> Iterator[None]:
    """Raise httpcore's errors as the httpx errors callers catch."""
    try:
        yield
    except tuple(core for core, _ in _ERRORS) as exc:
        wrapped = next(outer for core, outer in _ERRORS if isinstance(exc, core))
        raise wrapped(str(exc), request=request) from exc


class _Body(httpx.SyncByteStream):
    """A response body read from httpcore, its errors raised as httpx errors."""

    def __init__(self, response: httpcore.Response, request: httpx.Request) -> None:
        self.response, self.request = response, request

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors(self.request):
            yield from self.response.iter_stream()

    def close(self) -> None:
        """Release the connection."""
        self.response.close()


class PinnedTransport(httpx.BaseTransport):
    """An httpx transport whose connections go to pinned addresses (TLS checks the URL's host) and
    end by the deadline."""

    def __init__(self, pins: PinnedAddresses, deadline: Deadline) -> None:
        self.pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                            network_backend=PinnedBackend(pins, deadline))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send one request over a pinned connection."""
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=request.url.raw_scheme, host=request.url.raw_host,
                             port=request.url.port, target=request.url.raw_path),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _as_httpx_errors(request):
            response = self.pool.handle_request(core_request)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_Body(response, request), extensions=response.extensions)

    def close(self) -> None:
        """Close every pooled connection."""
        self.pool.close()
