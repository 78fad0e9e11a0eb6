"""Probes for load balancers and orchestrators: /healthz (the process answers) and /readyz (its
database and Redis are reachable), unauthenticated and naming nothing but what failed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])
NO_STORE = {"Cache-Control": "no-store"}


@router.get("/healthz", summary="Whether the process answers (no I/O)")
async def healthz() -> JSONResponse:
    """200 while the process can answer at all."""
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


@router.get("/readyz", summary="Whether the database and Redis are reachable",
            responses={503: {"description": "a backing service is out of reach; `failed` names it"}})
def readyz(request: Request) -> JSONResponse:
    """200 when every backing service answers within a second, else 503 naming those that did not."""
    failed = request.app.state.readiness.failing()
    if failed:
        return JSONResponse({"status": "unready", "failed": failed}, status_code=503, headers=NO_STORE)
    return JSONResponse({"status": "ready"}, headers=NO_STORE)
