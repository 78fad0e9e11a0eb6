"""A terminal progress bar (tqdm) fed by pipeline progress events."""

from __future__ import annotations

import sys

from tqdm import tqdm

from .pipeline import Progress


class ProgressBar:
    """Shows synthesis progress on stderr when it is a terminal; silent otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: tqdm | None = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, event: Progress) -> None:
        """Advance the bar for a synthesis event."""
        if not self.enabled or event.stage != "synthesize":
            return
        if self.bar is None:
            self.bar = tqdm(total=event.total, unit="segment", file=sys.stderr,
                            desc="Speaking", leave=False)
        self.bar.update(event.done - self.bar.n)
