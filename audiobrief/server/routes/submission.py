"""Reading a briefing request from JSON, a form or multipart: the fields, then the articles themselves."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from python_multipart.multipart import parse_options_header
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..config import Settings
from ..http.csrf import FORM_TYPES
from ..http.json_body import JSON_TYPE, check_json_charset
from ..http.uploads import check_form_body
from ..schemas import BriefingRequest
from ..services.intake import MAX_MESSAGES_PER_FIELD, Intake, from_form, from_json
from ..services.precheck import check_sources


async def read_request(request: Request) -> Intake:
    """Parse and check the body by its content type: the fields, then the articles themselves.

    Raises InvalidRequest (422/413), HTTPException 400 for a cut-short form, 415 for other types."""
    settings: Settings = request.app.state.settings
    raw_type, options = parse_options_header(request.headers.get("content-type", ""))
    content_type = raw_type.decode("latin-1").strip().lower()
    if content_type in FORM_TYPES:
        await run_in_threadpool(check_form_body, content_type, options, await request.body())
        async with request.form(max_part_size=settings.max_request_bytes) as form:
            intake = await from_form(form, settings)
    elif content_type == JSON_TYPE:
        check_json_charset(request)
        intake = from_json(_parsed(await request.body()), settings)
    else:
        raise HTTPException(415, "send JSON (application/json) or a form (multipart/form-data)")
    return await run_in_threadpool(check_sources, intake, settings)


def _parsed(body: bytes) -> BriefingRequest:
    """The JSON body as a BriefingRequest, or 422 listing (the first few of) its problems."""
    try:
        return BriefingRequest.model_validate_json(body)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_context=False, include_input=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])}
                                      for e in errors[:MAX_MESSAGES_PER_FIELD]]) from None
