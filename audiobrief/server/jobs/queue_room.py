"""Room for an account's new briefing. Its quota (briefings and bytes kept), checked for requests and
shows' episodes alike; and room in the briefing queue, checked in one place for every briefing queued
(a request, a show's episode, a retry; in-process or through the broker): at most queue_size wait in
all, and an account at most its share (queue_share), so one account cannot fill the queue and leave
everyone else 503."""

from __future__ import annotations

from ...digits import human_size
from ..config import Settings
from ..store.records import Store


class QueueFull(Exception):
    """Too many briefings are waiting; the client should retry later."""

    status = 503  #: the HTTP status the answer carries (with Retry-After)

    def sentence(self) -> str:
        """What a page says about it."""
        return "Too many briefings are waiting to be made. Please try again in a minute."


class ShareFull(QueueFull):
    """This account has its share of the queue waiting already: 429, not everyone's 503."""

    status = 429

    def sentence(self) -> str:
        text = str(self)
        return f"{text[:1].upper()}{text[1:]}. Please try again when one of them is made."


def check_room(store: Store, settings: Settings, owner_id: int | None) -> None:
    """Raise QueueFull when queue_size briefings are waiting, ShareFull when this account (accounts
    only: the open loopback server has one user) has queue_share of them."""
    if store.count("queued") >= settings.queue_size:
        raise QueueFull(f"{settings.queue_size} briefings are already waiting")
    if owner_id is not None and (waiting := store.waiting(owner_id)) >= settings.queue_share:
        raise ShareFull(f"this account has {waiting} briefing{'s' * (waiting != 1)} waiting to be made, its "
                        "share of the queue")


def over_quota(store: Store, settings: Settings, owner_id: int | None) -> str | None:
    """Why an account (None: the open server) may make no new briefing, or None when it may: it keeps
    its quota of briefings or of bytes. A show's episodes count like any briefing."""
    count, size = store.usage(owner_id)
    holder = "this server" if owner_id is None else "this account"
    if count >= settings.quota_briefings:
        return f"{holder} keeps {count} briefings, its limit: delete some in the library to make new ones"
    if size >= settings.quota_bytes:
        return (f"{holder}'s briefings take {human_size(size)}, over its {human_size(settings.quota_bytes)} "
                "limit: delete some in the library to make new ones")
    return None
