"""The site icon: web/static/favicon.svg for browsers that take SVG, /favicon.ico (drawn with Pillow
in the same colours) for those that ask for the old address, and the installed app's PNG icons."""

from __future__ import annotations

import io
from functools import cache
from typing import TYPE_CHECKING

from fastapi import APIRouter, HTTPException, Request, Response

from ..http.conditional import serve_bytes
from ..urls import get_and_head

if TYPE_CHECKING:
    import PIL.Image

BACKGROUND = (16, 40, 64)
BARS = (255, 200, 61)
#: (left, top, right, bottom) of each sound bar on a 64 x 64 canvas, as in favicon.svg
BAR_BOXES = ((12, 26, 20, 38), (24, 16, 32, 48), (36, 10, 44, 54), (48, 22, 56, 42))
SIZES = ((16, 16), (32, 32), (48, 48))
APP_ICON_SIZES = (192, 512)  #: the square PNG icons of the web app manifest, in pixels

router = APIRouter(tags=["site"])


def _drawn(side: int) -> PIL.Image.Image:
    """The icon drawn on a side x side canvas (the 64-pixel design scaled)."""
    from PIL import Image, ImageDraw

    scale = side / 64
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=round(12 * scale), fill=BACKGROUND)
    for box in BAR_BOXES:
        draw.rounded_rectangle(tuple(round(edge * scale) for edge in box), radius=round(4 * scale), fill=BARS)
    return image


@cache
def favicon_ico() -> bytes:
    """The icon as a Windows ICO with 16, 32 and 48 pixel images."""
    out = io.BytesIO()
    _drawn(64).save(out, format="ICO", sizes=list(SIZES))
    return out.getvalue()


@cache
def app_icon_png(side: int) -> bytes:
    """The icon as a side x side PNG, for the home screen and the app switcher."""
    out = io.BytesIO()
    _drawn(side).save(out, format="PNG", optimize=True)
    return out.getvalue()


@get_and_head(router, "/favicon.ico", response_class=Response, summary="The site icon (ICO)",
              responses={200: {"content": {"image/vnd.microsoft.icon": {}}, "description": "the icon"}})
def favicon(request: Request) -> Response:
    """The site icon in ICO format."""
    return serve_bytes(request, favicon_ico(), "image/vnd.microsoft.icon",
                       {"Cache-Control": "public, max-age=86400"})


@router.head("/icons/icon-{side}.png", include_in_schema=False)
@router.get("/icons/icon-{side}.png", include_in_schema=False)
def app_icon(side: str, request: Request) -> Response:
    """The web app's icon at one of APP_ICON_SIZES pixels square."""
    if side not in {str(size) for size in APP_ICON_SIZES}:
        raise HTTPException(404, f"the icons are {' and '.join(map(str, APP_ICON_SIZES))} pixels square")
    return serve_bytes(request, app_icon_png(int(side)), "image/png",
                       {"Cache-Control": "public, max-age=86400"})
