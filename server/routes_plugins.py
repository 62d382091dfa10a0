"""``GET /v1/plugins``: loaded plugins, as `secondround plugins --json` lists them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from .deps import EngineDep, api_access
from .openapi_docs import problems
from .schemas import PluginsResponse

router = APIRouter(prefix="/v1", tags=["plugins"], dependencies=[Depends(api_access)])


@router.get("/plugins", response_model=PluginsResponse, responses=problems(401, 403, 429))
def list_plugins(engine: EngineDep) -> dict[str, Any]:
    """Built-in and installed plugins side by side, with versions, hooks and what each
    registered, plus any problem met while loading them."""
    return engine.plugins_info()
