"""``POST /v1/kits``: a resume in (multipart upload or JSON), an interview kit out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response

from secondround.core.errors import UnsupportedFileType

from .deps import KitServiceDep, SettingsDep, api_access
from .forms import media_type_of, parse_form
from .headers import style_hashes_csp
from .kits import KitInput, KitService, RenderedKit, input_from_form, input_from_json
from .limits import FORM_OVERHEAD_BYTES, read_body
from .logs import log_fields
from .openapi_docs import KIT_REQUEST_BODY, KIT_RESPONSES

router = APIRouter(prefix="/v1", tags=["kits"], dependencies=[Depends(api_access)])


async def read_kit_input(request: Request, max_upload_bytes: int) -> KitInput:
    """Dispatch on Content-Type: a multipart upload or the JSON variant."""
    content_type = request.headers.get("content-type", "")
    kind = media_type_of(content_type)
    if kind not in ("multipart/form-data", "application/json"):
        raise UnsupportedFileType(
            f"POST /v1/kits takes multipart/form-data or application/json, not "
            f"'{kind or 'no Content-Type'}'; upload the resume with curl -F resume=@FILE."
        )
    body = await read_body(request, max_upload_bytes + FORM_OVERHEAD_BYTES)
    if kind == "application/json":
        return input_from_json(body)
    return input_from_form(parse_form(body, content_type, max_upload_bytes))


@router.post(
    "/kits",
    summary="Build an interview kit from a resume",
    response_class=Response,
    responses=KIT_RESPONSES,
    openapi_extra=KIT_REQUEST_BODY,
)
async def create_kit(request: Request, settings: SettingsDep, kits: KitServiceDep) -> Response:
    """Upload a resume (multipart, field `resume`) or send `resume_text` / `json_resume`
    as JSON, with the round, count, audience and format. The JSON kit is exactly what
    `secondround questions --format json` writes; `Accept: text/markdown` or
    `format=md` gives Markdown, `format=html` the print-ready page."""
    kit_input = await read_kit_input(request, settings.max_upload_bytes)
    exporter = kits.check(kit_input, request.headers.get("accept"))
    log_fields(
        request,
        round=kit_input.request.round,
        count=kit_input.request.count,
        format=exporter.name,
        audience=str(kit_input.request.audience),
    )
    kit = await kits.build(kit_input)
    log_fields(request, reader=kit.meta.reader)
    return kit_response(KitService.render(kit, exporter), attachment=False)


def kit_response(rendered: RenderedKit, *, attachment: bool) -> Response:
    """The rendered kit; print HTML gets a CSP allowing exactly its own <style>."""
    disposition = "attachment" if attachment or rendered.binary else "inline"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{rendered.filename}"',
        "Vary": "Accept",
    }
    if rendered.media_type.startswith("text/html"):
        headers["Content-Security-Policy"] = style_hashes_csp(rendered.body.decode("utf-8"))
    return Response(rendered.body, media_type=rendered.media_type, headers=headers)
