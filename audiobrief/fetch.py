"""Fetch an article page over HTTP(S) with timeouts, caps and address checks."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from . import __version__
from .errors import InputError

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(15.0, connect=10.0)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL after redirects and the body bytes."""

    url: str
    body: bytes
    content_type: str


def fetch_url(url: str, *, allow_private: bool = False, max_bytes: int) -> Fetched:
    """GET a page, following at most MAX_REDIRECTS redirects, each hop checked."""
    headers = {"User-Agent": f"audiobrief/{__version__}", "Accept": ", ".join(ACCEPTED_TYPES)}
    with httpx.Client(timeout=TIMEOUT, follow_redirects=False, headers=headers) as client:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            _check_address(current, allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = urljoin(current, response.headers.get("location", ""))
                        continue
                    return _read_response(url, current, response, max_bytes)
            except httpx.TimeoutException as exc:
                raise InputError(f"'{url}' did not answer in time: try again later") from exc
            except httpx.HTTPError as exc:
                raise InputError(f"'{url}' could not be fetched ({exc}): check the URL") from exc
    raise InputError(f"'{url}' redirects more than {MAX_REDIRECTS} times: give the final URL")


def _read_response(url: str, final: str, response: httpx.Response, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise InputError(f"'{url}' answered HTTP {response.status_code}: check the URL")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in ACCEPTED_TYPES:
        raise InputError(f"'{url}' is {content_type}, not a web page: give an article's URL")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputError(f"'{url}' is over the {max_bytes // 1048576} MB limit: give one article")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"'{url}' is over the {max_bytes // 1048576} MB limit: give one article")
        chunks.append(chunk)
    return Fetched(url=final, body=b"".join(chunks), content_type=content_type)


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise InputError unless url is http(s) and (when private addresses are not allowed) its host
    resolves to public addresses only: the check fetch_url makes, for refusing a URL up front."""
    _check_address(url, allow_private)


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"'{url}' is not an http or https URL: give a web address")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 0, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputError(f"'{url}': host '{parts.hostname}' not found: check the URL") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise InputError(
                f"'{url}' points to a private or local address ({address}): "
                "use --allow-private-urls if you mean it"
            )
