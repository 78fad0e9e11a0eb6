"""Listening while a briefing is made: its MP3 frames as one HTTP response that grows with the file
and ends when the audio does, and the cues laid out so far.

The assembler writes the frames and a journal beside its scratch MP3 (audio/live.py); both modes
make briefings in the shared briefings folder (in-process in `.work-ID`, a Celery worker in
`.work-ID-PID`), so the web process follows the same files either way, and asks the database only
whether the briefing still exists, failed or is done. A stream ends when the audio is all sent, the
briefing fails or is deleted, its maker stops, the client goes, or a time limit passes; it holds no
thread while it waits.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import Receive, Scope, Send

from ... import metrics
from ...audio.live import JOURNAL_SUFFIX, STREAM_SUFFIX, JournalReader, id3_length
from ..config import Settings
from ..jobs.runner import briefing_dir
from ..schemas import error_answers
from ..services.access import require_media_access
from ..services.quotas import client_key
from ..store.records import Record, Store
from ..urls import ID_PATTERN, get_and_head

FILE_POLL_S = 0.1  #: how often a waiting stream looks at the files
STATE_POLL_S = 0.5  #: how often it asks the database whether the briefing is still being made
BROKER_STATE_POLL_S = 1.0  #: with workers elsewhere, each question is a query over the network
STREAM_IDLE_S = 300  #: a stream that gets no new audio this long ends (a long queue, a stalled maker)
STREAM_MAX_S = 4 * 3600  #: no stream lasts longer, however slowly it is read
STREAMS_PER_CLIENT = 4  #: streams one address (an IPv6 /64) may have open at once
READ_BYTES = 64 * 1024
HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}

router = APIRouter(tags=["media"])


class StreamSlots:
    """How many streams each client has open, bounded per client."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self.open: Counter[str] = Counter()
        self.lock = threading.Lock()

    def take(self, client: str) -> bool:
        """Take one of the client's slots; False when all are taken."""
        with self.lock:
            if self.open[client] >= self.per_client:
                return False
            self.open[client] += 1
            return True

    def give_back(self, client: str) -> None:
        """Free a slot taken before."""
        with self.lock:
            self.open[client] -= 1
            if self.open[client] <= 0:
                del self.open[client]


class SlotResponse(StreamingResponse):
    """A streaming response that frees its stream slot however it ends (done, client gone, error)."""

    def __init__(self, content: AsyncIterator[bytes], release: Callable[[], None], **options: Any) -> None:
        super().__init__(content, **options)
        self.content, self.release = content, release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            with metrics.OPEN_STREAMS.track_inprogress():
                await super().__call__(scope, receive, send)
        finally:
            self.release()
            await self.content.aclose()  # type: ignore[attr-defined]


def slots_of(request: Request) -> StreamSlots:
    """The app's stream slots, made on first use."""
    state = request.app.state
    if not hasattr(state, "stream_slots"):
        state.stream_slots = StreamSlots(STREAMS_PER_CLIENT)
    return state.stream_slots


@dataclass
class LiveSource:
    """The frames file and journal of a briefing being made, held open while followed."""

    frames: BinaryIO
    journal: JournalReader

    @classmethod
    def find(cls, settings: Settings, record_id: str) -> LiveSource | None:
        """The files in the briefing's scratch folder, if the assembler has begun."""
        for journal in settings.briefings_dir.glob(f".work-{record_id}*/*{JOURNAL_SUFFIX}"):
            try:
                reader = JournalReader(journal.open("rb"))
            except FileNotFoundError:
                continue
            try:
                frames = journal.with_suffix(STREAM_SUFFIX).open("rb")
            except FileNotFoundError:
                reader.close()
                continue
            return cls(frames, reader)
        return None

    def read(self, sent: int) -> bytes:
        """Complete frames after the first sent bytes (at most READ_BYTES)."""
        self.journal.refresh()
        wanted = min(self.journal.committed - sent, READ_BYTES)
        if wanted <= 0:
            return b""
        self.frames.seek(sent)
        return self.frames.read(wanted)

    def finished(self, sent: int) -> bool:
        """Whether everything is sent."""
        return self.journal.ended and sent >= self.journal.committed

    def abandoned(self) -> bool:
        """Whether the maker deleted the files without finishing (it failed or was stopped)."""
        return not self.journal.ended and os.fstat(self.journal.handle.fileno()).st_nlink == 0

    def close(self) -> None:
        """Close both files."""
        self.frames.close()
        self.journal.close()


def _finished_frames(path: Path, sent: int) -> Iterator[bytes]:
    """A finished MP3's frames (after its ID3 tag), from byte sent of them on (none if it was
    deleted meanwhile)."""
    try:
        mp3 = path.open("rb")
    except FileNotFoundError:
        return
    with mp3:
        mp3.seek(id3_length(mp3.read(10)) + sent)
        while data := mp3.read(READ_BYTES):
            yield data


async def follow(request: Request, record_id: str) -> AsyncIterator[bytes]:
    """The frames of the briefing as they are written, until one of the ends in the module's note."""
    settings: Settings = request.app.state.settings
    store: Store = request.app.state.store
    state_poll = BROKER_STATE_POLL_S if settings.broker_url else STATE_POLL_S
    started = last_audio = next_check = time.monotonic()
    sent = 0
    source: LiveSource | None = None
    try:
        while (now := time.monotonic()) - started < STREAM_MAX_S and now - last_audio < STREAM_IDLE_S:
            if source is None:
                source = LiveSource.find(settings, record_id)
            if source is not None:
                if data := source.read(sent):
                    yield data
                    sent += len(data)
                    last_audio = time.monotonic()
                    continue
                if source.finished(sent) or source.abandoned():
                    return
            if now >= next_check:
                next_check = now + state_poll
                if await request.is_disconnected():
                    return
                record = await run_in_threadpool(store.get, record_id)
                if record is None or record.state == "failed":
                    return
                if record.state == "done" and source is None:
                    for data in _finished_frames(briefing_dir(settings, record_id) / "audio.mp3", sent):
                        yield data
                    return
            await asyncio.sleep(FILE_POLL_S)
    finally:
        if source is not None:
            source.close()


def _visible(request: Request, briefing_id: str, name: str) -> Record:
    """The briefing when the visitor may have this file of it, else 404."""
    record = request.app.state.store.get(briefing_id) if ID_PATTERN.match(briefing_id) else None
    if record is None:
        raise HTTPException(404, "no such briefing")
    require_media_access(request, record, name)
    return record


@get_and_head(router, "/media/{briefing_id}/stream.mp3", response_class=StreamingResponse,
              summary="A briefing's audio while it is made: one growing MP3 response",
              responses={200: {"content": {"audio/mpeg": {}},
                               "description": "the MP3 frames, sent as they are written; the response "
                                              "ends when the audio does"},
                         **error_answers(404, 429)})
def stream_audio(briefing_id: str, request: Request) -> Response:
    """The briefing's MP3 frames from the start, sent as the assembler writes them (a finished
    briefing's are sent at once). No ranges: it is one growing response, like a radio stream."""
    record = _visible(request, briefing_id, "stream.mp3")
    if record.state == "failed":
        raise HTTPException(404, f"this briefing could not be made: {record.error}")
    if request.method == "HEAD":
        return Response(media_type="audio/mpeg", headers=HEADERS)
    slots, client = slots_of(request), client_key(request)
    if not slots.take(client):
        raise HTTPException(429, f"{STREAMS_PER_CLIENT} streams are already open from your address: "
                                 "close one and try again", headers={"Retry-After": "10"})
    return SlotResponse(follow(request, record.id), lambda: slots.give_back(client),
                        media_type="audio/mpeg", headers=HEADERS)


@get_and_head(router, "/media/{briefing_id}/cues.json", response_class=JSONResponse,
              summary="The cues laid out so far (a briefing being made) or all of them",
              responses=error_answers(404))
def live_cues(briefing_id: str, request: Request, start: int = 0) -> JSONResponse:
    """`{"cues": [...], "complete": bool}`: each cue's id, start_ms, end_ms and written text, from
    the start-th on; complete once the last is known."""
    record = _visible(request, briefing_id, "cues.json")
    cues, complete = _known_cues(request.app.state.settings, record)
    return JSONResponse({"cues": cues[max(0, start):], "complete": complete},
                        headers={"Cache-Control": "no-store"})


def _known_cues(settings: Settings, record: Record) -> tuple[list[dict[str, Any]], bool]:
    if record.state == "done":
        try:
            data = json.loads((briefing_dir(settings, record.id) / "audio.json").read_text("utf-8"))
        except FileNotFoundError:
            raise HTTPException(404, "no such briefing") from None
        return [{key: s[key] for key in ("id", "start_ms", "end_ms", "written")}
                for s in data["segments"]], True
    source = LiveSource.find(settings, record.id) if record.state == "running" else None
    if source is None:
        return [], record.state == "failed"
    try:
        source.journal.refresh()
        return source.journal.cues, source.journal.ended
    finally:
        source.close()
