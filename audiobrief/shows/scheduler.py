"""The scheduler: a thread in each web process that runs the shows that are due. Slots are taken
through the database, so with several web processes (broker mode) each run is made once."""

from __future__ import annotations

import logging
import threading

from .service import ShowService

log = logging.getLogger("audiobrief.shows")


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
        """Stop looking; a run in progress finishes its current source first."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(self.service.settings.fetch_deadline_s + 5)

    def _loop(self) -> None:
        while not self.stopping.is_set():
            try:
                for result in self.service.run_due():
                    made = result.episode.briefing_id if result.episode else "nothing new"
                    log.info("show %s ran: %s; %d sources failed", result.show, made, len(result.failures))
                self.service.prune_all()
            except Exception:
                log.exception("the show scheduler failed; it tries again in %s s", self.interval_s)
            self.stopping.wait(self.interval_s)
