"""Rate limits on requests for briefings (token buckets per account and per address) and
per-account quotas (briefings kept, bytes of MP3 kept)."""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from dataclasses import dataclass

from fastapi import HTTPException, Request

from ..config import Settings
from ..jobs.queue_room import over_quota

MAX_KEYS = 10_000  #: buckets kept in memory; full (idle) ones are forgotten beyond this


class Buckets:
    """Token buckets by key: `burst` at once, refilled at `per_hour`; thread-safe, in memory."""

    def __init__(self, burst: int, per_hour: int) -> None:
        self.burst = burst
        self.refill_per_s = per_hour / 3600
        self.levels: dict[str, tuple[float, float]] = {}  #: key -> (tokens, when counted)
        self.lock = threading.Lock()

    def wait(self, key: str, spend: bool = True, now: float | None = None) -> int:
        """0 when the key has a token (spent unless spend is False), else seconds until it has one."""
        now = time.monotonic() if now is None else now
        with self.lock:
            tokens, then = self.levels.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.refill_per_s)
            if tokens < 1:
                self.levels[key] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / self.refill_per_s))
            self.levels[key] = (tokens - 1 if spend else tokens, now)
            if len(self.levels) > MAX_KEYS:
                self._forget_full(now)
            return 0

    def _forget_full(self, now: float) -> None:
        for key, (tokens, then) in list(self.levels.items()):
            if tokens + (now - then) * self.refill_per_s >= self.burst:
                del self.levels[key]


class SubmitLimits:
    """The rate limits on requests for briefings: one bucket set per account, one per address."""

    def __init__(self, settings: Settings) -> None:
        self.per_account = Buckets(settings.submit_burst, settings.submit_per_hour)
        self.per_address = Buckets(settings.submit_burst, settings.submit_per_hour)


def client_key(request: Request) -> str:
    """Whom a per-address limit counts: the IPv4 address, or the IPv6 /64 (one household or server
    usually holds a whole /64, so single IPv6 addresses are too cheap to count)."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass(frozen=True)
class Admission:
    """Who a new briefing belongs to, and whether it is public."""

    owner_id: int | None
    public: bool


def rate_limit(request: Request) -> None:
    """429 with Retry-After when a logged-in account or its address asks for briefings too fast."""
    from .access import visitor

    found = visitor(request)
    if found.user is not None:
        limits: SubmitLimits = request.app.state.limits
        wait = max(limits.per_account.wait(f"user:{found.user.id}"),
                   limits.per_address.wait(client_key(request)))
        if wait:
            raise HTTPException(429, "too many briefings requested in a short time: "
                                     f"try again in {wait} seconds",
                                headers={"Retry-After": str(wait)})


def admit(request: Request, wants_public: bool) -> Admission:
    """Check the rate limits and quotas for a new briefing: 429 with Retry-After, or 403 over quota.
    An open server (no accounts, loopback only) has no rate limit and makes everything public."""
    from .access import visitor

    found = visitor(request)
    rate_limit(request)
    if refusal := over_quota(request.app.state.store, request.app.state.settings, found.owner_id):
        raise HTTPException(403, refusal)
    return Admission(found.owner_id, wants_public or not found.accounts)

