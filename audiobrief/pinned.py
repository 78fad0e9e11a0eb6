"""An httpx transport that connects only to the addresses netguard checked for each host.

The URL keeps its host name, so TLS verifies the certificate for that name (SNI) and the Host
header is the URL's own; only the TCP connection is made to a pinned address, without resolving
the name again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpcore
import httpx

from .netguard import PinnedAddresses


class PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections to a host's pinned addresses only, never resolving its name again."""

    def __init__(self, pins: PinnedAddresses) -> None:
        self.pins = pins
        self.network = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
                    ) -> httpcore.NetworkStream:
        """Connect to the first pinned address of host that answers."""
        failure: Exception = httpcore.ConnectError("the host's address was not checked")
        for address in self.pins.addresses(host):
            try:
                return self.network.connect_tcp(address, port, timeout, local_address, socket_options)
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
    """An httpx transport whose connections go to pinned addresses (TLS checks the URL's host)."""

    def __init__(self, pins: PinnedAddresses) -> None:
        self.pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                            network_backend=PinnedBackend(pins))

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
