"""The Celery app's broker options (no Redis needed: the app is only configured here)."""

from __future__ import annotations

import pytest

from audiobrief.server.jobs.broker import RESTORE_SCAN_S, celery_app


@pytest.mark.parametrize(("visibility_s", "scan_s"), [(3600, RESTORE_SCAN_S), (20, 10), (6, 3), (1, 1)])
def test_a_dead_workers_briefing_is_looked_for_within_half_the_visibility_timeout(
        visibility_s: int, scan_s: int) -> None:
    options = celery_app("redis://127.0.0.1:9/0", visibility_s).conf.broker_transport_options
    assert options["visibility_timeout"] == visibility_s
    assert (options["unacked_restore_interval"], options["unacked_restore_throttle"]) == (scan_s, 1)
