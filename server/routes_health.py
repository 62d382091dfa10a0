"""``GET /healthz`` (the process answers) and ``GET /readyz`` (it can build kits)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import APIRouter

from secondround.core.errors import IndexUnavailable

from .deps import ServicesDep
from .openapi_docs import problems
from .schemas import HealthResponse, ReadyResponse

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse)
async def get_health() -> HealthResponse:
    """Cheap liveness: no index, no disk, no key needed."""
    return HealthResponse(status="ok")


@router.get("/readyz", response_model=ReadyResponse, responses=problems(503))
async def get_readiness(services: ServicesDep) -> ReadyResponse:
    """Ready when the guidance index is open and answering and reader processes run."""
    if services.warming_up:
        raise _not_ready("The guidance index is still being opened or built; retry shortly.")
    index = services.engine.index
    passages = await anyio.to_thread.run_sync(_ping_and_count, index)
    if services.pool.ready == 0:
        raise _not_ready("No reader process is running yet; retry in a few seconds.")
    return ReadyResponse(
        status="ready",
        passages=passages,
        corpus_version=index.corpus_version,
        reader_processes=services.pool.ready,
    )


def _ping_and_count(index: Any) -> int:
    # Raises IndexUnavailable (503) with core's own sentence on how to fix it.
    index.ping()
    count: int = index.count()
    return count


def _not_ready(message: str) -> IndexUnavailable:
    error = IndexUnavailable(message)
    error.headers = {"Retry-After": "2"}  # type: ignore[attr-defined]
    return error
