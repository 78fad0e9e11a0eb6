"""Speech worker pools kept from one briefing to the next (the web server's), one per engine, so
that a loaded voice model stays loaded between jobs."""

from __future__ import annotations

import threading

from ..model import Voice
from .synth import engine_pool
from .workers import WorkerPool


class KeptPools:
    """One started pool per engine, made on first use and kept until close()."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self._pools: dict[str, WorkerPool] = {}
        self._lock = threading.Lock()

    def pool_for(self, voice: Voice) -> WorkerPool:
        """The pool for briefings read mainly in voice, its engine started in every worker."""
        with self._lock:
            if voice.engine not in self._pools:
                self._pools[voice.engine] = engine_pool(voice, self.workers)
            return self._pools[voice.engine]

    def close(self) -> None:
        """Kill every pool's workers."""
        with self._lock:
            for pool in self._pools.values():
                pool.close(kill=True)
            self._pools.clear()
