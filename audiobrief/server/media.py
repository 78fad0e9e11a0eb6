"""Media files (MP3, VTT, JSON, PNG, text) with GET and HEAD, byte ranges and ETags."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse

from ..audio.cover import render_cover
from .config import Settings
from .jobs import briefing_dir
from .urls import get_and_head

ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
#: public name -> (file in the briefing folder, media type)
FILES = {
    "audio.mp3": ("audio.mp3", "audio/mpeg"),
    "transcript.vtt": ("audio.vtt", "text/vtt; charset=utf-8"),
    "segments.json": ("audio.json", "application/json"),
    "chapters.json": ("audio.chapters.json", "application/json"),
    "cover.png": ("cover.png", "image/png"),
    "spoken.txt": ("spoken.txt", "text/plain; charset=utf-8"),
}
HEADERS = {"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"}

router = APIRouter(tags=["media"])


def channel_cover(settings: Settings) -> None:
    """Write the podcast's 1400x1400 cover into the data folder if it is not there yet."""
    path = settings.home / "cover.png"
    if not path.exists():
        scratch = path.with_name(".cover.png.part")
        scratch.write_bytes(render_cover(settings.feed_title))
        scratch.replace(path)


@get_and_head(router, "/media/cover.png", response_class=FileResponse, summary="The podcast's cover image")
def podcast_cover(request: Request) -> FileResponse:
    """The channel cover."""
    settings: Settings = request.app.state.settings
    return FileResponse(settings.home / "cover.png", media_type="image/png", headers=HEADERS)


@get_and_head(router, "/media/{briefing_id}/{name}", response_class=FileResponse,
              summary="A finished briefing's MP3, transcript, segments, chapters, cover or spoken text")
def media_file(briefing_id: str, name: str, request: Request) -> FileResponse:
    """One file of a finished briefing; unfinished or unknown briefings are 404."""
    if name not in FILES or not ID_PATTERN.match(briefing_id):
        raise HTTPException(404, "no such file")
    record = request.app.state.store.get(briefing_id)
    if record is None or record.state != "done":
        raise HTTPException(404, "no such briefing, or it is not finished")
    filename, media_type = FILES[name]
    path = briefing_dir(request.app.state.settings, record.id) / filename
    if not path.is_file():
        raise HTTPException(404, "no such file")
    return FileResponse(path, media_type=media_type, headers=HEADERS)
