"""Backing services out of reach (the database, Redis): answered 503 with Retry-After, not 500."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

RETRY_AFTER_S = 5  #: what Retry-After tells a client while a backing service is out of reach
MESSAGE = "The server's database or job queue is out of reach for a moment: try again shortly."


class BrokerUnavailable(Exception):
    """Redis cannot be reached right now; the client should retry."""


def is_outage(exc: BaseException) -> bool:
    """Whether an exception means a backing service is out of reach (down, restarting, locked)
    rather than a bug."""
    if isinstance(exc, BrokerUnavailable):
        return True
    if isinstance(exc, DBAPIError):
        return exc.connection_invalidated or isinstance(exc, OperationalError)
    return False
