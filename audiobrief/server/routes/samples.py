"""GET /voices/NAME/sample.mp3: a few seconds of each voice, made on first request, then cached."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from ...audio.cache import ClipCache
from ...audio.sample import voice_sample
from ...errors import VoiceError
from ...presets import load_voice, preset_names
from ..config import Settings
from ..http.conditional import serve_bytes
from ..schemas import error_answers
from ..urls import get_and_head

router = APIRouter(tags=["voices"])


@get_and_head(router, "/voices/{name}/sample.mp3", response_class=Response,
              summary="A few seconds of a voice, as MP3",
              responses={200: {"content": {"audio/mpeg": {}}, "description": "the sample"},
                         304: {"description": "not modified since the version named in If-None-Match"},
                         **error_answers(404, 412)})
def sample(name: str, request: Request) -> Response:
    """The voice's sample; 404 for a voice that is not listed."""
    if name not in preset_names():
        raise HTTPException(404, "no such voice")
    settings: Settings = request.app.state.settings
    try:
        voice = load_voice(name)
    except VoiceError as exc:
        raise HTTPException(404, str(exc)) from exc
    cache = ClipCache(settings.home / "cache" / "clips", settings.cache_bytes)
    audio = voice_sample(voice, request.app.state.runner.pools.pool_for(voice), cache)
    return serve_bytes(request, audio, "audio/mpeg", {"Cache-Control": "public, max-age=86400"})
