"""``GET /v1/guidance/search``: the guidance passages nearest in meaning to a query."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, Query

from secondround.core.guidance.index import GuidanceQuery
from secondround.core.models import Passage, Purpose

from .deps import EngineDep, api_access
from .openapi_docs import problems

router = APIRouter(prefix="/v1", tags=["guidance"], dependencies=[Depends(api_access)])


@router.get(
    "/guidance/search",
    response_model=list[Passage],
    responses=problems(400, 401, 403, 429, 503),
)
async def search_guidance(
    engine: EngineDep,
    q: Annotated[str, Query(min_length=1, max_length=500, examples=["employment gap"])],
    k: Annotated[int, Query(ge=1, le=20)] = 5,
    purpose: Annotated[Purpose | None, Query()] = None,
    round: Annotated[str | None, Query(examples=["technical"])] = None,
) -> list[Passage]:
    """The same passages `secondround search --json` prints, best first."""
    if round is not None:
        engine.registry.round(round)  # an unknown round is a 400, not an empty answer
    query = GuidanceQuery(text=q, purpose=purpose.value if purpose else None, round=round, k=k)
    results: list[list[Passage]] = await anyio.to_thread.run_sync(engine.index.search, [query])
    return results[0]
