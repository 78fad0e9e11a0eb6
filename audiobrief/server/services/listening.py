"""What a listener's state can be: where each account stopped in each briefing, what it played, and
its queue ("Up next"), only ever for briefings the account may see (access.py's rules).

Kept per account. A server without accounts keeps none (409): everyone there is the same nobody,
so each browser keeps its own, in localStorage (web/static/listening.js); a visitor who is not
logged in on a server with accounts is asked to log in (401), and the page keeps theirs in the
browser too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from ..store.accounts import User
from ..store.listening import Listening, ListeningStore
from ..store.records import Record
from .access import visitor
from .briefings import store_of, visible

POSITION_SLACK_S = 1.0  #: a position may pass the briefing's length by this much (players overshoot)
NO_ACCOUNTS = ("this server has no accounts, so it keeps no listening state: each browser keeps its own "
               "(localStorage)")
NOT_MADE = "only a finished briefing can be listened to, and this one is {state}"

Mode = Literal["server", "browser"]


@dataclass(frozen=True)
class Place:
    """A briefing and the account's state in it (None: never listened to)."""

    record: Record
    state: Listening | None

    @property
    def left_s(self) -> float | None:
        """Seconds left to hear, when the briefing was started and not played to the end."""
        state, length_ms = self.state, self.record.duration_ms
        if state is None or state.played or state.position_s <= 0 or not length_ms:
            return None
        return max(0.0, length_ms / 1000 - state.position_s)


def mode(request: Request) -> Mode:
    """Where a page keeps the visitor's listening state: on the server for a logged-in account,
    else in the browser."""
    return "server" if visitor(request).user is not None else "browser"


def listener(request: Request) -> User:
    """The account whose state is asked for: 409 on a server without accounts, 401 when nobody is
    logged in."""
    found = visitor(request)
    if not found.accounts:
        raise HTTPException(409, NO_ACCOUNTS)
    if found.user is None:
        raise HTTPException(401, "log in first (at /login), or send an API token as Authorization: Bearer",
                            headers={"WWW-Authenticate": "Bearer"})
    return found.user


def _records(request: Request) -> dict[str, Record]:
    return {record.id: record for record in visible(request)}


def places(request: Request, records: Sequence[Record]) -> dict[str, Place]:
    """The logged-in account's state in these briefings, by id (every one gets a Place)."""
    user = visitor(request).user
    states = ListeningStore(store_of(request)).states(user.id, [r.id for r in records]) if user else {}
    return {record.id: Place(record, states.get(record.id)) for record in records}


def overview(request: Request) -> list[Place]:
    """Every place the account has in a briefing it may still see, newest briefing first."""
    user = listener(request)
    states = ListeningStore(store_of(request)).states(user.id)
    return [Place(record, states[record.id]) for record in visible(request) if record.id in states]


def save(request: Request, briefing_id: str, position_s: float | None, played: bool | None) -> Place:
    """Record where the account is in a briefing and whether it played it: 404 for a briefing it may
    not see, 409 for one not finished, 422 for a position past its end."""
    user = listener(request)
    record = _finished(request, briefing_id)
    length = (record.duration_ms or 0) / 1000
    if position_s is not None and position_s > length + POSITION_SLACK_S:
        raise RequestValidationError([{
            "type": "less_than_equal", "loc": ("body", "position_s"),
            "msg": f"the position is past the end of the briefing: give at most {length:.3f} seconds"}])
    state = ListeningStore(store_of(request)).save(user.id, record.id, position_s, played)
    return Place(record, state)


def queue(request: Request) -> list[Record]:
    """The account's queue, leaving out briefings since deleted or made private by their owner."""
    user = listener(request)
    records = _records(request)
    return [records[briefing_id] for briefing_id in ListeningStore(store_of(request)).queue(user.id)
            if briefing_id in records]


def set_queue(request: Request, briefing_ids: Sequence[str]) -> list[Record]:
    """Replace the account's queue: 422 naming a briefing given twice, 404 naming one it may not see,
    409 naming one not finished."""
    user = listener(request)
    seen: set[str] = set()
    for n, briefing_id in enumerate(briefing_ids):
        if briefing_id in seen:
            raise RequestValidationError([{"type": "value_error", "loc": ("body", "briefings", n),
                                           "msg": f"briefing {briefing_id} is in the queue twice: "
                                                  "give each briefing once"}])
        seen.add(briefing_id)
    records = [_finished(request, briefing_id, named=True) for briefing_id in briefing_ids]
    ListeningStore(store_of(request)).set_queue(user.id, briefing_ids)
    return records


def _finished(request: Request, briefing_id: str, named: bool = False) -> Record:
    """The finished briefing with this id: 404 unless it exists and the visitor may see it, 409 when it
    is not made yet (with named, both say which briefing)."""
    record = store_of(request).get(briefing_id)
    which = f": {briefing_id}" if named else ""
    if record is None or not visitor(request).can_see(record):
        raise HTTPException(404, f"no such briefing{which}")
    if record.state != "done":
        raise HTTPException(409, NOT_MADE.format(state=record.state) + which)
    return record
