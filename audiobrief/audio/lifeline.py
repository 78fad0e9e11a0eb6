"""Worker processes that never outlive what started them.

A spawned worker ends as soon as its parent process does, however the parent ended (SIGKILL
included): it watches the sentinel multiprocessing gives every spawned child, the read end of a
pipe whose only write end the parent holds, so the kernel closes it when the parent is gone. The
resource tracker (a process multiprocessing starts for the named semaphores of the pool's queues)
exits once every holder of its pipe has closed it: the parent and the workers, which inherit its
write end. So when the workers die with the parent, the tracker follows, after unlinking whatever
semaphores the parent left behind.

Linux's PR_SET_PDEATHSIG is not used: it fires when the *thread* that started the worker ends
(a pool starts workers in whichever thread submits to it: in the server a briefing thread, not
the process), and Linux has it alone; the sentinel follows the process on every POSIX system.

Ctrl-C in a terminal signals the whole process group; workers ignore SIGINT and leave it to the
parent, which stops its pool (killing the workers) as it unwinds. A worker is started with SIGINT
blocked (the mask survives exec), so Ctrl-C cannot reach it before it ignores SIGINT either; the
resource tracker is started the same way by multiprocessing itself.

A Stopper lets one thread stop the pools other threads are using (a server shutting down while a
briefing is being made): it kills their workers, and the owners' next use of their pool raises
Stopped, so they unwind through their usual clean-up.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing.connection import wait
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import Protocol

ORPHAN_EXIT = 1  #: a worker's exit status when its parent is gone (nobody is left to read it)
CAN_MASK = hasattr(signal, "pthread_sigmask")  #: POSIX; Windows has no signal masks


class ShieldedSpawnProcess(SpawnProcess):
    """A spawned process that starts with SIGINT blocked (bind_to_parent then ignores it)."""

    def start(self) -> None:
        """Start the process from this thread with SIGINT blocked for the moment of the spawn."""
        if not CAN_MASK:
            super().start()
            return
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            super().start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


class WorkerContext(SpawnContext):
    """The spawn start method, with Ctrl-C kept from workers that are still starting."""

    Process = ShieldedSpawnProcess


def start_worker(initializer: Callable[[], None] | None = None) -> None:
    """Pool initialiser wrapper: bind this worker's life to its parent's, then run initializer."""
    bind_to_parent()
    if initializer is not None:
        initializer()


def bind_to_parent() -> None:
    """In a spawned process: exit at once when the parent process ends; leave Ctrl-C to it."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if CAN_MASK:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a pending Ctrl-C is dropped
    sentinel = parent.sentinel
    threading.Thread(target=_exit_when_gone, args=(sentinel,), name="parent-watch", daemon=True).start()


def _exit_when_gone(sentinel: int) -> None:
    """Wait for the parent's sentinel to close (it also does if the parent died before we got
    here), then end this process without clean-up: nobody is left to hand results to."""
    wait([sentinel])
    os._exit(ORPHAN_EXIT)


def kill_children() -> None:
    """Kill the processes this one started and has not reaped. A Ctrl-C or SIGTERM can unwind the
    stack between a worker's start and its pool noting it; at exit multiprocessing waits for every
    child it started, and that worker would wait for work forever."""
    for child in multiprocessing.active_children():
        child.kill()


class Stopped(BaseException):
    """The pool's owner was asked to stop (the server is shutting down): unwind, do not retry.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` takes it for a
    failure of the work itself.
    """


class Killable(Protocol):
    """What a Stopper needs of a pool."""

    def kill_workers(self) -> None:
        """Kill the pool's worker processes now (from any thread)."""


class Stopper:
    """Stops, from any thread, the worker pools made while it was current (see stopping)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stopped = False
        self._pools: weakref.WeakSet[Killable] = weakref.WeakSet()

    @property
    def stopped(self) -> bool:
        """True once stop has been called."""
        return self._stopped

    def adopt(self, pool: Killable) -> None:
        """Kill pool's workers on stop (at once if already stopped, then raise Stopped)."""
        with self._lock:
            self._pools.add(pool)
        self.check()

    def check(self) -> None:
        """Raise Stopped once stop has been called."""
        if self._stopped:
            raise Stopped

    def stop(self) -> None:
        """Kill the workers of every adopted pool; their owners' next use of the pool raises Stopped."""
        with self._lock:
            self._stopped = True
            pools = list(self._pools)
        for pool in pools:
            pool.kill_workers()


_current: ContextVar[Stopper | None] = ContextVar("audiobrief_stopper", default=None)


@contextmanager
def stopping(stopper: Stopper) -> Iterator[Stopper]:
    """Pools made inside this block (in this thread) are adopted by stopper."""
    token = _current.set(stopper)
    try:
        yield stopper
    finally:
        _current.reset(token)


def current_stopper() -> Stopper:
    """The stopper of the enclosing stopping block, or a new one nobody else holds."""
    return _current.get() or Stopper()
