"""Fetch an article page over HTTP(S) with timeouts, caps and address checks."""

from __future__ import annotations

import ssl
from dataclasses import dataclass

import httpx

from . import __version__
from .digits import ascii_int
from .errors import InputError
from .netguard import PinnedAddresses, display_url
from .pinned import PinnedTransport

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(15.0, connect=10.0)
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
#: what a failed connection is called in messages (never the exception's own text, which may
#: name the address a host resolved to)
_FAILURES = (
    (httpx.ConnectError, "no connection could be made"),
    (httpx.RemoteProtocolError, "the server's answer was not valid HTTP"),
    (httpx.ProtocolError, "the connection broke off"),
    (httpx.NetworkError, "the connection broke off"),
)


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the final URL after redirects and the body bytes."""

    url: str
    body: bytes
    content_type: str
    status: int = 200  #: 304 when a conditional request found the page unchanged (body empty)
    etag: str = ""  #: the answer's ETag, for the next conditional request
    last_modified: str = ""  #: the answer's Last-Modified, likewise


def fetch_url(url: str, *, allow_private: bool = False, max_bytes: int,
              accepted: tuple[str, ...] = ACCEPTED_TYPES, conditions: dict[str, str] | None = None,
              timeout: httpx.Timeout = TIMEOUT, what: str = "one article") -> Fetched:
    """GET a page, following at most MAX_REDIRECTS redirects, each hop's host checked and pinned.

    accepted: the media types taken (others are refused); conditions: If-None-Match and
    If-Modified-Since to send (a 304 then comes back as an empty Fetched with status 304);
    what: the advice for something too large ("give one article").

    Errors name the URL without its credentials and never the address a host resolved to; a
    refusal of a private address is a PrivateAddressError, whose advice the caller may rephrase.
    Proxy settings from the environment are not used: the connection goes to the address checked.
    """
    shown = display_url(url)
    headers = {"User-Agent": f"audiobrief/{__version__}", "Accept": ", ".join(accepted), **(conditions or {})}
    pins = PinnedAddresses(allow_private)
    with httpx.Client(transport=PinnedTransport(pins), timeout=timeout, follow_redirects=False,
                      headers=headers, trust_env=False) as client:
        current = _web_url(url, shown, first=True)
        for _ in range(MAX_REDIRECTS + 1):
            pins.check(current, shown)
            try:
                with client.stream("GET", current) as response:
                    if response.has_redirect_location:
                        current = _redirect_target(current, response, shown)
                        continue
                    return _read_response(shown, str(current), response, max_bytes, accepted, what)
            except httpx.TimeoutException as exc:
                raise InputError(f"'{shown}' did not answer in time: try again later") from exc
            except httpx.HTTPError as exc:
                raise InputError(f"'{shown}' could not be fetched ({_failure(exc)}): check the URL") from exc
    raise InputError(f"'{shown}' redirects more than {MAX_REDIRECTS} times: give the final URL")


def _web_url(url: str, shown: str, *, first: bool) -> httpx.URL:
    """The URL parsed the way it will be fetched, if it is an http(s) URL with a host."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.raw_host:
        if first:
            raise InputError(f"'{shown}' is not an http or https URL: give a web address")
        raise InputError(f"'{shown}' redirects to something that is not an http or https URL: "
                         "give the article's own address")
    return parsed


def _redirect_target(current: httpx.URL, response: httpx.Response, shown: str) -> httpx.URL:
    """Where a redirect leads, resolved against the URL that answered."""
    try:
        target = current.join(response.headers.get("location", ""))
    except (httpx.InvalidURL, ValueError):
        target = None
    return _web_url(str(target) if target is not None else "", shown, first=False)


def _failure(exc: httpx.HTTPError) -> str:
    """A fixed phrase for a transport failure."""
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return "its secure connection could not be verified"
        cause = cause.__cause__ or cause.__context__
    return next((phrase for kind, phrase in _FAILURES if isinstance(exc, kind)), "the request failed")


def _read_response(url: str, final: str, response: httpx.Response, max_bytes: int,
                   accepted: tuple[str, ...], what: str) -> Fetched:
    validators = {"etag": response.headers.get("etag", ""),
                  "last_modified": response.headers.get("last-modified", "")}
    if response.status_code == 304:
        return Fetched(url=final, body=b"", content_type="", status=304, **validators)
    if response.status_code >= 300:
        raise InputError(f"'{url}' answered HTTP {response.status_code}: check the URL")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type not in accepted:
        if accepted is ACCEPTED_TYPES:
            raise InputError(f"'{url}' is {content_type}, not a web page: give an article's URL")
        raise InputError(f"'{url}' is {content_type}, not a feed: give {what}'s URL")
    declared = response.headers.get("content-length", "")
    length = ascii_int(declared)
    if length is not None and length > max_bytes:
        raise InputError(f"'{url}' is over the {max_bytes // 1048576} MB limit: give {what}")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"'{url}' is over the {max_bytes // 1048576} MB limit: give {what}")
        chunks.append(chunk)
    return Fetched(url=final, body=b"".join(chunks), content_type=content_type,
                   status=response.status_code, **validators)


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise InputError unless url is http(s) and (when private addresses are not allowed) its host
    resolves to public addresses only: the check fetch_url makes, for refusing a URL up front."""
    shown = display_url(url)
    PinnedAddresses(allow_private).check(_web_url(url, shown, first=True), shown)
