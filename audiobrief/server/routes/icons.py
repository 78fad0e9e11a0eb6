"""The site icon: web/static/favicon.svg for browsers that take SVG, /favicon.ico (drawn with Pillow
in the same colours) for those that ask for the old address."""

from __future__ import annotations

import io
from functools import cache

from fastapi import APIRouter, Request, Response

from ..http.conditional import serve_bytes
from ..urls import get_and_head

BACKGROUND = (16, 40, 64)
BARS = (255, 200, 61)
#: (left, top, right, bottom) of each sound bar on a 64 x 64 canvas, as in favicon.svg
BAR_BOXES = ((12, 26, 20, 38), (24, 16, 32, 48), (36, 10, 44, 54), (48, 22, 56, 42))
SIZES = ((16, 16), (32, 32), (48, 48))

router = APIRouter(tags=["site"])


@cache
def favicon_ico() -> bytes:
    """The icon as a Windows ICO with 16, 32 and 48 pixel images."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 63, 63), radius=12, fill=BACKGROUND)
    for box in BAR_BOXES:
        draw.rounded_rectangle(box, radius=4, fill=BARS)
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=list(SIZES))
    return out.getvalue()


@get_and_head(router, "/favicon.ico", response_class=Response, summary="The site icon (ICO)",
              responses={200: {"content": {"image/vnd.microsoft.icon": {}}, "description": "the icon"}})
def favicon(request: Request) -> Response:
    """The site icon in ICO format."""
    return serve_bytes(request, favicon_ico(), "image/vnd.microsoft.icon",
                       {"Cache-Control": "public, max-age=86400"})
