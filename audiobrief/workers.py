"""How worker processes start: from a clean forkserver, never forked from a busy process."""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext

PRELOAD = ["audiobrief.synth", "audiobrief.engine", "audiobrief.encode", "pyttsx3", "pydub"]


def worker_context() -> BaseContext:
    """A forkserver context with the audio modules preloaded (spawn where there is no forkserver),
    so workers start fast and never inherit threads or an engine from the parent."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context
