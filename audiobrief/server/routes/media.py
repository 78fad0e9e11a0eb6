"""Media files (MP3, VTT, JSON, PNG, text) with GET and HEAD, byte ranges and ETags."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, Response

from ...audio.cover import render_cover
from ..config import Settings
from ..filenames import content_disposition, download_name
from ..http.conditional import serve_file
from ..jobs.runner import briefing_dir
from ..schemas import error_answers
from ..services.access import require_media_access
from ..urls import ID_PATTERN, get_and_head

#: public name -> (file in the briefing folder, media type)
FILES = {
    "audio.mp3": ("audio.mp3", "audio/mpeg"),
    "transcript.vtt": ("audio.vtt", "text/vtt; charset=utf-8"),
    "segments.json": ("audio.json", "application/json"),
    "chapters.json": ("audio.chapters.json", "application/json"),
    "cover.png": ("cover.png", "image/png"),
    "spoken.txt": ("spoken.txt", "text/plain; charset=utf-8"),
}
HEADERS = {"Cache-Control": "public, max-age=300"}  # nosniff and the rest: headers.SecurityHeaders
#: files web players on other sites fetch (transcripts and chapters): readable from any origin. A
#: private briefing's files answer a request without cookies only when its link carries the signed key,
#: and a request with cookies from elsewhere gets no Access-Control-Allow-Credentials, so nothing more leaks.
CROSS_ORIGIN = {"transcript.vtt", "chapters.json"}
FILE_ANSWERS = {
    206: {"description": "the requested byte ranges"},
    304: {"description": "not modified since the version named in If-None-Match or If-Modified-Since"},
    **error_answers(412, 416),
}

router = APIRouter(tags=["media"])


def channel_cover(settings: Settings) -> None:
    """Write the podcast's 1400x1400 cover into the data folder if it is not there yet."""
    path = settings.home / "cover.png"
    if not path.exists():
        scratch = path.with_name(".cover.png.part")
        scratch.write_bytes(render_cover(settings.feed_title))
        scratch.replace(path)


@get_and_head(router, "/media/cover.png", response_class=FileResponse, summary="The podcast's cover image",
              responses=FILE_ANSWERS)
def podcast_cover(request: Request) -> Response:
    """The channel cover."""
    settings: Settings = request.app.state.settings
    return serve_file(request, settings.home / "cover.png", "image/png", HEADERS)


@get_and_head(router, "/media/{briefing_id}/{name}", response_class=FileResponse,
              summary="A finished briefing's MP3, transcript, segments, chapters, cover or spoken text",
              responses={**FILE_ANSWERS, **error_answers(404)})
def media_file(briefing_id: str, name: str, request: Request) -> Response:
    """One file of a finished briefing; unfinished or unknown briefings are 404."""
    if name not in FILES or not ID_PATTERN.match(briefing_id):
        raise HTTPException(404, "no such file")
    record = request.app.state.store.get(briefing_id)
    if record is None or record.state != "done":
        raise HTTPException(404, "no such briefing, or it is not finished")
    require_media_access(request, record, name)
    filename, media_type = FILES[name]
    path = briefing_dir(request.app.state.settings, record.id) / filename
    if not path.is_file():
        raise HTTPException(404, "no such file")
    saved_as = download_name(record.display_title, name)
    headers = {**HEADERS, "Content-Disposition": content_disposition(saved_as)}
    if name in CROSS_ORIGIN:
        headers["Access-Control-Allow-Origin"] = "*"
    return serve_file(request, path, media_type, headers)
