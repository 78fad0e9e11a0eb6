"""Accepting a checked briefing request: within the rate limits and quotas, stored and queued."""

from __future__ import annotations

import uuid

from fastapi import Request

from .intake import Intake
from .quotas import admit


def accept(request: Request, intake: Intake) -> str:
    """Store and queue a checked request; returns the new id (raises QueueFull, or 429/403 over a limit)."""
    admission = admit(request, intake.public)
    record_id = uuid.uuid4().hex
    request.app.state.runner.submit(record_id, intake.title, intake.voice, intake.rate, intake.pronunciations,
                                    intake.sources, admission.owner_id, admission.public)
    return record_id
