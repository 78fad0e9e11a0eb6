"""The runner's reading and making stages: a briefing waiting for a making slot can be cancelled,
and one deleted while it is being put in place leaves nothing behind (no row, no folder)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from support.server import STORIES

from audiobrief.cancel import Cancelled, CancelToken
from audiobrief.server.config import Settings
from audiobrief.server.jobs.runner import JobRunner, Slots, remove_files
from audiobrief.server.store.records import Source, Store

WAIT_S = 30.0  #: the longest any step here may take before the test gives up


def test_a_briefing_waiting_for_a_making_slot_stops_waiting_when_cancelled() -> None:
    slots = Slots(1)
    outcome: list[str] = []
    token = CancelToken()

    def wait_for_the_slot() -> None:
        try:
            with slots.held(token):
                outcome.append("made")
        except Cancelled:
            outcome.append("cancelled")

    with slots.held(CancelToken()):
        waiter = threading.Thread(target=wait_for_the_slot)
        waiter.start()
        while not slots.changed._waiters:  # type: ignore[attr-defined]  # it is waiting now
            time.sleep(0.01)
        token.cancel()
        waiter.join(WAIT_S)
        assert outcome == ["cancelled"], "it stopped waiting while the slot was still taken"
    with slots.held(CancelToken()):
        outcome.append("next")
    assert outcome == ["cancelled", "next"] and slots.free == 1


class DeletedRightAfterItsLastLook(JobRunner):
    """A runner whose briefing is deleted (as DELETE does: the row, then the files) right after it
    looked whether the briefing is still there, before it moves the finished folder into place."""

    def _still_mine(self, record_id: str) -> bool:
        mine = super()._still_mine(record_id)
        self.store.delete(record_id)
        remove_files(self.settings, record_id)
        return mine


@pytest.mark.slow
def test_a_briefing_deleted_as_it_is_put_in_place_is_not_brought_back(tmp_path: Path) -> None:
    """The folder moved into place after the deletion removed the files is removed by the runner
    when it finds the row gone (marking it done changes nothing)."""
    settings = Settings(home=tmp_path, workers=1)
    store = Store(settings.database)
    runner = DeletedRightAfterItsLastLook(settings, store)
    settings.briefings_dir.mkdir(parents=True)
    article = Source("text", "article 1", STORIES["ferry"].encode())
    store.add("late" * 8, "", "en-us-espeak", None, {}, [article])
    assert store.start("late" * 8)
    try:
        runner.make_claimed(store.get("late" * 8), CancelToken())  # type: ignore[arg-type]
    finally:
        runner.pools.close()
    assert store.get("late" * 8) is None
    assert list(settings.briefings_dir.iterdir()) == []
