"""The run queue of the embedded server: show runs made on a few threads of their own
(AUDIOBRIEF_SHOW_RUN_WORKERS), off the request path. What waits is in the database too, so a
restart takes it up again; with a broker, Celery workers make the runs instead (server/broker.py)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable

STOP_WAIT_S = 5.0  #: how long stop waits for each thread (a run reading a slow source is left to end
#: with the process: its run is taken up again at the next start)


class RunQueue:
    """Runs handed over by id, made by `execute` on `threads` threads, in the order given."""

    def __init__(self, execute: Callable[[str], object], threads: int) -> None:
        self.execute = execute
        self.count = threads
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.threads: list[threading.Thread] = []

    def start(self, waiting: Iterable[str]) -> None:
        """Start the threads, the runs left waiting (or cut short) by the last process first."""
        for run_id in waiting:
            self.submit(run_id)
        for number in range(self.count):
            thread = threading.Thread(target=self._work, name=f"show-run-{number}", daemon=True)
            thread.start()
            self.threads.append(thread)

    def submit(self, run_id: str) -> None:
        """Queue a run (stored as queued already)."""
        self.queue.put(run_id)

    def stop(self) -> None:
        """Let each thread end after the run in hand."""
        for _ in self.threads:
            self.queue.put(None)
        for thread in self.threads:
            thread.join(STOP_WAIT_S)

    def _work(self) -> None:
        while (run_id := self.queue.get()) is not None:
            try:
                self.execute(run_id)
            except Exception:  # execute logged it and marked the run failed
                continue
