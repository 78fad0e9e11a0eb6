"""Fetch an article page over HTTP(S) with a total deadline, caps on the bytes as decoded, and
address checks."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from . import __version__
from .cancel import CancelToken
from .codings import ACCEPT_ENCODING, CodingError, codings, decoded
from .digits import ascii_int
from .errors import InputError
from .netguard import PinnedAddresses, display_url
from .pinned import Deadline, PinnedTransport
from .settings import DEFAULT_FETCH_DEADLINE_S

MAX_REDIRECTS = 5
CONNECT_TIMEOUT_S = 10.0  #: longest wait for one address of a host (then the next is tried)
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
              deadline_s: float = DEFAULT_FETCH_DEADLINE_S, cancel: CancelToken | None = None,
              what: str = "one article") -> Fetched:
    """GET a page, following at most MAX_REDIRECTS redirects, each hop's host checked and pinned,
    all of it (names resolved, connections, every byte) within deadline_s seconds.

    accepted: the media types taken (others are refused); conditions: If-None-Match and
    If-Modified-Since to send (a 304 then comes back as an empty Fetched with status 304);
    cancel: a token that stops the fetch at once (raising Cancelled); what: the advice for
    something too large ("give one article"). max_bytes bounds the body as decoded, counted as
    each bounded step of decoding gives it, and as sent.

    Errors name the URL without its credentials and never the address a host resolved to; a
    refusal of a private address is a PrivateAddressError, whose advice the caller may rephrase.
    Proxy settings from the environment are not used: the connection goes to the address checked.
    """
    shown = display_url(url)
    headers = {"User-Agent": f"audiobrief/{__version__}", "Accept": ", ".join(accepted),
               "Accept-Encoding": ACCEPT_ENCODING, **(conditions or {})}
    pins = PinnedAddresses(allow_private)
    deadline = Deadline(deadline_s, cancel)
    timeout = httpx.Timeout(deadline_s, connect=min(CONNECT_TIMEOUT_S, deadline_s))
    with httpx.Client(transport=PinnedTransport(pins, deadline), timeout=timeout, follow_redirects=False,
                      headers=headers, trust_env=False) as client:
        current = _web_url(url, shown, first=True)
        for _ in range(MAX_REDIRECTS + 1):
            try:
                pins.check(current, shown, timeout=deadline.left)
                with client.stream("GET", current) as response:
                    if response.has_redirect_location:
                        current = _redirect_target(current, response, shown)
                        continue
                    return _read_response(shown, str(current), response, max_bytes, accepted, what)
            except (httpx.TimeoutException, TimeoutError) as exc:
                _check(cancel)
                if isinstance(exc, httpx.ConnectTimeout) and not deadline.passed:
                    raise InputError(f"'{shown}' could not be fetched (no connection could be made in "
                                     "time): check the URL") from exc
                raise InputError(f"'{shown}' did not arrive within the {deadline_s:g} s fetch deadline "
                                 f"({current.host} is too slow or not answering): try again later") from exc
            except httpx.HTTPError as exc:
                _check(cancel)
                raise InputError(f"'{shown}' could not be fetched ({_failure(exc)}): check the URL") from exc
    raise InputError(f"'{shown}' redirects more than {MAX_REDIRECTS} times: give the final URL")


def _check(cancel: CancelToken | None) -> None:
    """Raise Cancelled when the fetch failed because it was cancelled."""
    if cancel is not None:
        cancel.check()


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
    too_large = InputError(f"'{url}' is over the {max_bytes // 1048576} MB limit: give {what}")
    length = ascii_int(response.headers.get("content-length", ""))
    if length is not None and length > max_bytes:
        raise too_large
    try:
        applied = codings(response.headers.get("content-encoding", ""))
        chunks: list[bytes] = []
        size = 0
        for chunk in decoded(_capped(response.iter_raw(), max_bytes, too_large), applied):
            size += len(chunk)
            if size > max_bytes:
                raise too_large
            chunks.append(chunk)
    except CodingError as exc:
        raise InputError(f"'{url}' could not be read: {exc}: check the URL") from exc
    return Fetched(url=final, body=b"".join(chunks), content_type=content_type,
                   status=response.status_code, **validators)


def _capped(raw: Iterator[bytes], max_bytes: int, too_large: InputError) -> Iterator[bytes]:
    """The body as sent, refused once it passes max_bytes (a compressed body that decodes to
    little is bounded too)."""
    size = 0
    for chunk in raw:
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        yield chunk


def check_url(url: str, *, allow_private: bool = False, timeout_s: float = DEFAULT_FETCH_DEADLINE_S) -> None:
    """Raise InputError unless url is http(s) and (when private addresses are not allowed) its host
    resolves to public addresses only, within timeout_s: the check fetch_url makes, for refusing a
    URL up front."""
    shown = display_url(url)
    parsed = _web_url(url, shown, first=True)
    try:
        PinnedAddresses(allow_private).check(parsed, shown, timeout=timeout_s)
    except TimeoutError as exc:
        raise InputError(f"'{shown}': host '{parsed.host}' was not found within {timeout_s:g} s: "
                         "check the URL or try again later") from exc
