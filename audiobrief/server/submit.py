"""Accepting a briefing request from JSON, a form or multipart: check it, store it, queue it."""

from __future__ import annotations

import uuid

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from .config import Settings
from .intake import Intake, from_form, from_json
from .quotas import admit
from .schemas import BriefingRequest

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


async def read_request(request: Request) -> Intake:
    """Parse and check the body by its content type; raises InvalidRequest or a 422/415."""
    settings: Settings = request.app.state.settings
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in FORM_TYPES:
        async with request.form(max_part_size=settings.max_request_bytes) as form:
            return await from_form(form, settings)
    if content_type != "application/json":
        raise HTTPException(415, "send JSON (application/json) or a form (multipart/form-data)")
    try:
        body = BriefingRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None
    return from_json(body, settings)


def accept(request: Request, intake: Intake) -> str:
    """Store and queue a checked request; returns the new id (raises QueueFull, or 429/403 over a limit)."""
    admission = admit(request, intake.public)
    record_id = uuid.uuid4().hex
    request.app.state.runner.submit(record_id, intake.title, intake.voice, intake.rate, intake.pronunciations,
                                    intake.sources, admission.owner_id, admission.public)
    return record_id
