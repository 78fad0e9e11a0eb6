"""Cancelling one piece of work from another thread: a briefing its owner deleted while it was
being made. The work looks at the token between steps, waits on it beside whatever else it waits
for, and has what blocks (a socket being read) undone by a callback when it fires."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future


class Cancelled(BaseException):
    """The work was cancelled: unwind and leave nothing behind.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` takes it for a failure
    of the work itself.
    """


class CancelToken:
    """Fired once, from any thread; whoever does the work checks it, waits on it, or is woken by it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._next = 0
        self.fired: Future[None] = Future()  #: done once cancelled: wait on it beside other futures

    @property
    def cancelled(self) -> bool:
        """True once cancel has been called."""
        return self.fired.done()

    def cancel(self) -> None:
        """Fire: the work's next check raises Cancelled, and what it blocks on is woken."""
        with self._lock:
            if self.fired.done():
                return
            self.fired.set_result(None)
            callbacks = list(self._callbacks.values())
            self._callbacks.clear()
        for callback in callbacks:
            callback()

    def check(self) -> None:
        """Raise Cancelled once cancel has been called."""
        if self.cancelled:
            raise Cancelled

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call callback when the token fires (at once if it has); returns what forgets it again."""
        with self._lock:
            if not self.fired.done():
                key = self._next
                self._next += 1
                self._callbacks[key] = callback
                return lambda: self._forget(key)
        callback()
        return lambda: None

    def _forget(self, key: int) -> None:
        with self._lock:
            self._callbacks.pop(key, None)
