"""GET /metrics in the Prometheus text format, for loopback clients and admin API tokens."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST

from ..services.metrics import exposition, may_read_metrics

router = APIRouter(tags=["health"])


@router.get("/metrics", response_class=Response, summary="Metrics in the Prometheus text format",
            responses={200: {"content": {"text/plain": {}}, "description": "the metrics"},
                       403: {"description": "not from loopback and no admin API token"}})
def metrics(request: Request) -> Response:
    """Counters, gauges and histograms of this process and the queue."""
    if not may_read_metrics(request):
        raise HTTPException(403, "metrics are for loopback clients and admin API tokens")
    return Response(exposition(request.app.state.store), media_type=CONTENT_TYPE_LATEST,
                    headers={"Cache-Control": "no-store"})
