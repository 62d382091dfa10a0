"""``GET /v1/rounds``: the round types, as `secondround rounds --json` lists them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from .deps import EngineDep, api_access
from .openapi_docs import problems
from .schemas import RoundInfo

router = APIRouter(prefix="/v1", tags=["rounds"], dependencies=[Depends(api_access)])


@router.get("/rounds", response_model=list[RoundInfo], responses=problems(401, 403, 429))
def list_rounds(engine: EngineDep) -> list[dict[str, Any]]:
    """Every round type a plugin registered, with its purposes and default count."""
    return engine.rounds_info()
