"""One value per query parameter: a request naming a parameter twice (`?start=1&start=9`) is
refused with 400, rather than answered from whichever value the framework happens to keep."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from .errors import error_response

SHOWN_NAME_CHARS = 40  #: a repeated name is quoted in the answer up to this length


def repeated_parameter(query_string: bytes) -> str | None:
    """The first parameter named more than once in this query string, or None."""
    counts = Counter(name for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return next((name for name, count in counts.items() if count > 1), None)


class SingleQueryValues:
    """ASGI middleware answering 400 to a query string that names a parameter more than once."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a repeated parameter here; pass everything else on."""
        name = repeated_parameter(scope.get("query_string", b"")) if scope["type"] == "http" else None
        if name is None:
            await self.app(scope, receive, send)
            return
        shown = name[:SHOWN_NAME_CHARS] + ("…" if len(name) > SHOWN_NAME_CHARS else "")
        response = error_response(scope, 400, f"The query parameter {shown!r} is given more than once: "
                                              "give it once.")
        await response(scope, receive, send)
