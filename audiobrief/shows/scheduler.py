"""The scheduler: a thread in each web process that queues the runs of the shows that are due, and
queues again the runs of a process that died. Slots are taken through the database, so with several
web processes (broker mode) each run is queued once."""

from __future__ import annotations

import logging
import threading

from .service import ShowService

log = logging.getLogger("audiobrief.shows")

STOP_WAIT_S = 5.0  #: the loop only queues work: it ends at once, unless a database call is under way


class Scheduler:
    """Looks for due shows every `interval_s` seconds until stopped."""

    def __init__(self, service: ShowService, interval_s: float) -> None:
        self.service = service
        self.interval_s = interval_s
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Start looking (the first look is at once: a run missed while the server was down is made)."""
        self.stopping.clear()
        self.thread = threading.Thread(target=self._loop, name="show-scheduler", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop looking."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(STOP_WAIT_S)

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                for run in self.service.run_due():
                    log.info("show %s is due: run %s queued", run.show, run.id)
                for run_id in self.service.revive_runs():
                    log.warning("show run %s was cut short by a process that died, or its message was lost: "
                                "queued again", run_id)
                self.service.prune_all()
            except Exception:
                log.exception("the show scheduler failed; it tries again in %s s", self.interval_s)
            self.stopping.wait(self.interval_s)
