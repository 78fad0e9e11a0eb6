"""Which Host and Origin headers the server answers: its own names only (DNS rebinding and
cross-site requests are refused at the door)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from fastapi import HTTPException, Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from ..config import Settings

DEFAULT_PORTS = {"http": 80, "https": 443}
#: probes answered whatever the Host header: load balancers and orchestrators ask by address
PROBE_PATHS = ("/healthz", "/readyz")


def is_loopback_name(hostname: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    if hostname.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(hostname.strip("[]")).is_loopback
    except ValueError:
        return False


def split_host(host: str, scheme: str) -> tuple[str, int] | None:
    """A Host header (or URL netloc) as (lower-case name, port), None when malformed."""
    try:
        parts = urlsplit(f"//{host}")
        port = parts.port or DEFAULT_PORTS.get(scheme, 80)
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None or parts.path:
        return None
    return parts.hostname.lower().rstrip("."), port


def origin_of(url: str) -> tuple[str, str, int] | None:
    """scheme, host and port of an absolute URL (or an Origin header), None when it has none."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return None
    host = split_host(parts.netloc, scheme)
    return (scheme, *host) if host else None


def host_allowed(host: str, scheme: str, server_port: int | None, public_url: str) -> bool:
    """The public URL's host and port, or a loopback name with the port the server listens on."""
    public = origin_of(public_url) if public_url else None
    if public and split_host(host, public[0]) == public[1:]:  # a TLS proxy may forward plain http
        return True
    found = split_host(host, scheme)
    if found is None:
        return False
    name, port = found
    return is_loopback_name(name) and (server_port is None or port == server_port)


class HostCheck:
    """ASGI middleware: 400 for a Host header that is not one of the server's own names."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.public_url = settings.public_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass requests for our own names through; answer the rest 400."""
        if scope["type"] == "http" and scope["path"] not in PROBE_PATHS:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            server = scope.get("server")
            port = server[1] if server else None
            if not host_allowed(host, scope.get("scheme", "http"), port, self.public_url):
                where = (f"its public address {self.public_url}" if self.public_url
                         else f"a loopback name on port {port}")
                message = (f"this server does not answer for the host '{host[:100]}': use {where}"
                           " (AUDIOBRIEF_PUBLIC_URL sets the public address)")
                await JSONResponse({"detail": message}, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def exposure_problem(host: str, settings: Settings, has_accounts: bool) -> str | None:
    """Why the server may not listen on host with these settings (one line), or None.
    Loopback needs nothing; any other address needs an account and AUDIOBRIEF_PUBLIC_URL."""
    public = settings.public_url
    if public:
        parts = origin_of(public)
        if parts is None or urlsplit(public).path.strip("/") or urlsplit(public).query:
            return (f"AUDIOBRIEF_PUBLIC_URL={public!r} is not a base address: give scheme and host only, "
                    "for example https://briefs.example.org")
    if is_loopback_name(host):
        return None
    missing = []
    if not has_accounts:
        missing.append("an account (add one with `audiobrief user add NAME`)")
    if not public:
        missing.append("AUDIOBRIEF_PUBLIC_URL set to the address people use (for example https://briefs.example.org)")
    if not missing:
        return None
    return f"listening on {host} (not loopback) needs {' and '.join(missing)}"


def allowed_origins(request: Request) -> set[tuple[str, str, int]]:
    """The public URL's origin, and the origin the request itself was sent to (its Host is checked)."""
    allowed = set()
    public = request.app.state.settings.public_url
    if public and (own := origin_of(public)):
        allowed.add(own)
    here = origin_of(f"{request.url.scheme}://{request.headers.get('host', '')}")
    if here:
        allowed.add(here)
    return allowed


def same_origin(request: Request) -> None:
    """403 when a browser says the request comes from another site (scheme, host and port compared)."""
    origin = request.headers.get("origin")
    if origin is None:
        return
    if origin_of(origin) not in allowed_origins(request):
        raise HTTPException(403, "requests from other sites are refused: use this site's own form")
