"""The worker pool: processes started as fresh interpreters, replaced when they die or hang."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import TypeVar

from . import lifeline

T = TypeVar("T")

def worker_context() -> BaseContext:
    """Workers start as fresh interpreters (spawn): each imports only what its tasks need, so no
    process carries another's modules, and none inherits threads or an engine from the parent."""
    return lifeline.WorkerContext()


def call_by_name(target: str, *args: object) -> object:
    """Run "package.module:function" in a worker, so the caller never imports that module."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)(*args)


class WorkerPool:
    """A process pool that can be killed and replaced while its users keep going.

    Every future is tagged with the pool generation it was submitted to, so whichever user first
    sees a broken or stuck pool replaces it once, and the others just resubmit their work.
    Workers die with this process (see lifeline); the stopper current where the pool is made can
    kill them from another thread, after which using the pool raises lifeline.Stopped.
    """

    def __init__(self, workers: int | None = None, initializer: Callable[[], None] | None = None,
                 threads: int = 1) -> None:
        self.workers = workers or max(1, os.cpu_count() or 1)
        self.threads = threads  #: jobs each worker speaks at once, on its own threads
        self.initializer = initializer
        self.generation = 0
        self.stopper = lifeline.current_stopper()
        self._executor = self._new_executor()
        self.stopper.adopt(self)

    def _new_executor(self) -> ProcessPoolExecutor:
        self.stopper.check()
        return ProcessPoolExecutor(self.workers, mp_context=worker_context(),
                                   initializer=lifeline.start_worker, initargs=(self.initializer,))

    def start(self) -> None:
        """Start every worker now rather than on first use (the pool starts them on demand)."""
        for _ in range(self.workers):
            self.submit(os.getpid)

    def release(self) -> None:
        """Stop workers started ahead of need when there turns out to be nothing for them (a
        re-made briefing); a later submit starts new ones."""
        self.replace(self.generation)

    def submit(self, fn: Callable[..., T], *args: object) -> tuple[Future[T], int]:
        """Run fn(*args) on a worker; returns the future and the generation it runs in. A pool
        found broken (a worker died since the last look) is replaced first."""
        self.stopper.check()
        try:
            future = self._executor.submit(fn, *args)
        except BrokenProcessPool:
            self.replace(self.generation)
            future = self._executor.submit(fn, *args)
        self.stopper.check()  # a stop during that submit may have missed the worker it started
        return future, self.generation

    def call(self, fn: Callable[..., T], *args: object, attempts: int = 3) -> Callable[[], T]:
        """Start fn(*args) now; the returned function waits for its result, re-running it on
        fresh workers if a worker dies under it."""
        future, generation = self.submit(fn, *args)

        def result() -> T:
            nonlocal future, generation
            for attempt in range(1, attempts + 1):
                try:
                    return future.result()
                except (BrokenProcessPool, CancelledError):
                    if attempt == attempts:
                        raise
                    self.replace(generation)
                    future, generation = self.submit(fn, *args)
            raise AssertionError("unreachable")

        return result

    def replace(self, generation: int) -> None:
        """Kill the workers of that generation and start fresh ones (once per generation)."""
        if generation != self.generation:
            return
        self._kill()
        self._executor = self._new_executor()
        self.generation += 1

    def pids(self) -> list[int]:
        """Process ids of the live workers."""
        return list(self._executor._processes or {})

    def close(self, kill: bool = False) -> None:
        """Stop the workers: wait for them, or kill them."""
        if kill:
            self._kill()
        else:
            self._executor.shutdown(wait=True)

    def kill_workers(self) -> None:
        """Kill the live workers now; safe from any thread (the owner's next look finds the pool broken)."""
        for process in list((self._executor._processes or {}).values()):
            process.kill()

    def _kill(self) -> None:
        """Kill the workers, then wait for the executor's manager thread to see them gone (left
        running, it races the interpreter's exit and prints a "Bad file descriptor" traceback)."""
        self.kill_workers()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close(kill=exc_info[0] is not None)
