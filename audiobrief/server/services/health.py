"""Health and readiness: whether the process answers, and whether the database and (in broker
mode) Redis can be reached within CHECK_S. Answers name what failed and nothing more."""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..config import Settings

CHECK_S = 1.0  #: how long a readiness check waits for each backing service


class _Attempt:
    """One check running on a thread of its own; done is set when it has an answer."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.ok = False

    def run(self, check: Callable[[], None]) -> None:
        try:
            check()
            self.ok = True
        except Exception:  # any failure means out of reach; the probe's answer gives no details
            self.ok = False
        finally:
            self.done.set()


class Probe:
    """A check bounded in time: a call waits at most timeout_s for it; a check that hangs (a paused
    server) is not started again while it runs, so probes never pile up threads."""

    def __init__(self, check: Callable[[], None]) -> None:
        self.check = check
        self.lock = threading.Lock()
        self.attempt: _Attempt | None = None

    def reachable(self, timeout_s: float = CHECK_S) -> bool:
        """Whether the check passes within timeout_s."""
        with self.lock:
            attempt = self.attempt
            if attempt is None or attempt.done.is_set():
                attempt = self.attempt = _Attempt()
                threading.Thread(target=attempt.run, args=(self.check,), name="readiness-check",
                                 daemon=True).start()
        return attempt.done.wait(timeout_s) and attempt.ok


class Readiness:
    """The backing services this process needs, each checked by name."""

    def __init__(self, checks: dict[str, Callable[[], None]]) -> None:
        self.probes = {name: Probe(check) for name, check in checks.items()}

    @property
    def names(self) -> list[str]:
        """What is checked, in order."""
        return list(self.probes)

    def failing(self) -> list[str]:
        """The names of the services out of reach now (all checked at once, each within CHECK_S)."""
        outcomes: dict[str, bool] = {}
        threads = [threading.Thread(target=lambda n=name, p=probe: outcomes.__setitem__(n, p.reachable()))
                   for name, probe in self.probes.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return [name for name in self.probes if not outcomes.get(name)]


def readiness(settings: Settings, database: Callable[[], None]) -> Readiness:
    """The checks for these settings: the database (database() raises when it is out of reach)
    always, Redis in broker mode."""
    checks: dict[str, Callable[[], None]] = {"database": database}
    if settings.broker_url:
        from ..jobs.broker import redis_ping

        checks["redis"] = lambda: redis_ping(settings.broker_url, CHECK_S)
    return Readiness(checks)
