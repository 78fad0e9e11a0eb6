"""One rule for every JSON body the API takes: `application/json` in UTF-8 (RFC 8259), else 415; a
body that is not JSON (bad syntax, not UTF-8, nested too deeply) is 422 `json_invalid`, located at
the body, with the same words whichever route it was sent to."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic_core import from_json
from python_multipart.multipart import parse_options_header
from starlette.exceptions import HTTPException

from ..schemas import Problem

JSON_TYPE = "application/json"
JSON_CHARSETS = ("utf-8", "utf8")  #: RFC 8259: JSON exchanged between systems is UTF-8; others get 415
NOT_JSON = "send JSON (application/json)"
UNSUPPORTED = "the body is not JSON in UTF-8 (application/json)"


def body_type(request: Request) -> str:
    """The request's media type, lowercased, without parameters."""
    raw_type, _options = parse_options_header(request.headers.get("content-type", ""))
    return raw_type.decode("latin-1").strip().lower()


def check_json_charset(request: Request) -> None:
    """415 unless a JSON body's charset (if it names one) is UTF-8."""
    _raw_type, options = parse_options_header(request.headers.get("content-type", ""))
    charset = options.get(b"charset", b"utf-8").decode("latin-1").strip().lower()
    if charset not in JSON_CHARSETS:
        raise HTTPException(415, f"send JSON as UTF-8 (RFC 8259), not charset={charset}")


def parse_json(body: bytes) -> Any:
    """The JSON value of a UTF-8 body, or 422 json_invalid saying where it went wrong."""
    try:
        return from_json(body)
    except ValueError as exc:
        raise RequestValidationError([{"type": "json_invalid", "loc": ("body",),
                                       "msg": f"Invalid JSON: {exc}"}]) from None


class _CheckedRequest(Request):
    """A request whose body was read and parsed once, by the rule above."""

    def __init__(self, request: Request, body: bytes, value: Any) -> None:
        super().__init__(request.scope, request.receive)
        self._checked_body, self._value = body, value

    async def body(self) -> bytes:
        """The body as received."""
        return self._checked_body

    async def json(self) -> Any:
        """The body's JSON value, parsed by parse_json."""
        return self._value


class JsonBodyRoute(APIRoute):
    """An API route whose JSON body (if it takes one) is checked by the one rule before FastAPI reads
    it; its schema documents the 415 (and the 413, for a route class with a body limit of its own)."""

    max_body_bytes: int | None = None  #: a tighter bound than the server's, for small bodies

    def __init__(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        super().__init__(path, endpoint, **options)
        if self.body_field is not None:
            self.responses.setdefault(415, {"model": Problem, "description": UNSUPPORTED})
            if self.max_body_bytes is not None:
                self.responses.setdefault(413, {"model": Problem, "description": self._too_large()})

    def _too_large(self) -> str:
        return f"the body is over this address's {self.max_body_bytes:,} byte limit"

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, behind the content type and JSON checks for routes with a body."""
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def checked(request: Request) -> Response:
            if body_type(request) != JSON_TYPE:
                raise HTTPException(415, NOT_JSON)
            check_json_charset(request)
            body = await request.body()
            if self.max_body_bytes is not None and len(body) > self.max_body_bytes:
                raise HTTPException(413, self._too_large())
            return await handler(_CheckedRequest(request, body, parse_json(body) if body else None))

        return checked


def json_route_limited_to(max_bytes: int) -> type[JsonBodyRoute]:
    """A JsonBodyRoute class whose bodies may hold at most max_bytes (413 beyond)."""
    return type(f"JsonBodyRoute{max_bytes}", (JsonBodyRoute,), {"max_body_bytes": max_bytes})
