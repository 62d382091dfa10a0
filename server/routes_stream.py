"""``POST /v1/kits/stream``: the kit as server-sent events, question by question.

Same body as ``POST /v1/kits``. Useful with a model-based generator, where a kit takes
seconds: each question arrives as soon as the guardrails have checked it.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from .deps import KitServiceDep, SettingsDep, api_access
from .logs import log_fields
from .openapi_docs import KIT_REQUEST_BODY, KIT_RESPONSES
from .routes_kits import read_kit_input

router = APIRouter(prefix="/v1", tags=["kits"], dependencies=[Depends(api_access)])


@router.post(
    "/kits/stream",
    summary="Build an interview kit, streamed as server-sent events",
    response_class=StreamingResponse,
    responses={
        **{code: spec for code, spec in KIT_RESPONSES.items() if code != 200},
        200: {
            "description": "Events: `question` (each checked question, JSON), then `kit` "
            "(the whole kit, final order and ids) or `error` (title, status, detail).",
            "content": {"text/event-stream": {}},
        },
    },
    openapi_extra=KIT_REQUEST_BODY,
)
async def stream_kit(
    request: Request, settings: SettingsDep, kits: KitServiceDep
) -> StreamingResponse:
    """Errors in the upload (size, type, unreadable file, unknown round) are ordinary
    problem responses; once events start, a failure arrives as an `error` event."""
    kit_input = await read_kit_input(request, settings.max_upload_bytes)
    kits.check(kit_input, "application/json")
    log_fields(request, round=kit_input.request.round, count=kit_input.request.count, stream=True)
    events = await kits.stream(kit_input)
    return StreamingResponse(
        events,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
