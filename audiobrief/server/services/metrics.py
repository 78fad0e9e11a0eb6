"""/metrics: who may read it (a loopback client, or an admin's API token) and what it says: the
process's instruments plus the queue as the database sees it (briefings queued and running now)."""

from __future__ import annotations

import ipaddress

from fastapi import Request
from prometheus_client import REGISTRY, CollectorRegistry, Gauge, generate_latest

from ..store.records import Store
from .access import visitor


def from_loopback(request: Request) -> bool:
    """Whether the client's address is a loopback one (behind a proxy, uvicorn puts the forwarded
    client's address here, so a proxied request from elsewhere is not loopback)."""
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def may_read_metrics(request: Request) -> bool:
    """A loopback client, or an admin's API token (Authorization: Bearer)."""
    if from_loopback(request):
        return True
    found = visitor(request)
    return found.by_token and found.user is not None and found.user.admin


def exposition(store: Store) -> bytes:
    """The Prometheus text format: this process's registry, then the briefings by state."""
    queue = CollectorRegistry(auto_describe=True)
    gauge = Gauge("audiobrief_briefings", "Briefings in the store now, by state", ["state"], registry=queue)
    for state in ("queued", "running"):
        gauge.labels(state=state).set(store.count(state))
    return generate_latest(REGISTRY) + generate_latest(queue)
