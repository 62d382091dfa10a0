"""The upload page: a plain HTML form that works without JavaScript.

``GET /`` shows the form; ``POST /kit`` builds the kit and shows it on the same page
(grouped by purpose or panelist, evidence highlighted, follow-ups folded); ``POST
/kit/export`` turns the kit shown back into a download (Markdown, JSON) or the print
view. The page keeps the kit's JSON in a hidden field of the export form, so a
download needs neither JavaScript nor a second upload of the resume, and renders
through the same exporter plugins as the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from pydantic import ValidationError

from secondround.core.errors import InvalidRequest, SecondRoundError
from secondround.core.models import Audience, InterviewKit
from secondround.core.pipeline import MAX_COUNT, Engine
from secondround.plugins.exporters import (
    KIT_CSS,
    KIT_PRINT_DETAILS_CSS,
    render_kit_html_fragment,
)

from .deps import EngineDep, KitServiceDep, SettingsDep, page_access
from .forms import parse_form
from .kits import KitService, input_from_form
from .limits import FORM_OVERHEAD_BYTES, megabytes, read_body
from .logs import log_fields
from .problems import slug
from .routes_kits import kit_response

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))

router = APIRouter(include_in_schema=False, dependencies=[Depends(page_access)])
assets = APIRouter(include_in_schema=False)

PAGE_FORMATS = ("md", "json", "html")
# The kit shown in a hidden field comes back for export: a kit is tens of KB.
MAX_EXPORT_BYTES = 2 * 1024 * 1024


def render_page(
    request: Request,
    engine: Engine,
    *,
    max_upload_bytes: int,
    values: dict[str, str] | None = None,
    kit: InterviewKit | None = None,
    error: dict[str, Any] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "rounds": engine.rounds_info(),
        "values": values or {},
        "max_count": MAX_COUNT,
        "max_upload": megabytes(max_upload_bytes),
        "audiences": [a.value for a in Audience],
        "error": error,
        "kit": kit,
    }
    if kit is not None:
        # Folded on screen (the print CSS unfolds them); exporter markup only, since
        # every piece of user text in the fragment is HTML-escaped.
        fragment = render_kit_html_fragment(kit, heading_level=2, details_open=False)
        context["kit_html"] = Markup(fragment)
        context["kit_json"] = engine.registry.exporter("json").export(kit)
    return templates.TemplateResponse(
        request, "index.html", context, status_code=status, headers=headers
    )


@router.get("/", response_class=HTMLResponse)
def show_form(request: Request, engine: EngineDep, settings: SettingsDep) -> HTMLResponse:
    return render_page(request, engine, max_upload_bytes=settings.max_upload_bytes)


@router.post("/kit", response_class=HTMLResponse)
async def build_kit_page(
    request: Request, engine: EngineDep, settings: SettingsDep, kits: KitServiceDep
) -> HTMLResponse:
    values: dict[str, str] = {}
    try:
        body = await read_body(request, settings.max_upload_bytes + FORM_OVERHEAD_BYTES)
        form = parse_form(body, request.headers.get("content-type", ""), settings.max_upload_bytes)
        values = {k: v for k, v in form.fields.items() if k != "resume_text"}
        kit_input = input_from_form(form)
        kit_input.format = None
        kits.check(kit_input)
        log_fields(request, round=kit_input.request.round, count=kit_input.request.count)
        kit = await kits.build(kit_input)
    except SecondRoundError as exc:
        log_fields(request, problem=slug(type(exc).__name__))
        error = {"title": exc.title, "detail": exc.message, "status": exc.http_status}
        headers = dict(getattr(exc, "headers", None) or {})
        return render_page(
            request,
            engine,
            max_upload_bytes=settings.max_upload_bytes,
            values=values,
            error=error,
            status=exc.http_status,
            headers=headers,
        )
    return render_page(
        request, engine, max_upload_bytes=settings.max_upload_bytes, values=values, kit=kit
    )


@router.post("/kit/export")
async def export_kit(request: Request, engine: EngineDep) -> Response:
    """The kit shown on the page, as a Markdown or JSON download or the print view."""
    body = await read_body(request, MAX_EXPORT_BYTES)
    form = parse_form(body, request.headers.get("content-type", ""), MAX_EXPORT_BYTES)
    fmt = form.text("format") or "md"
    if fmt not in PAGE_FORMATS:
        raise InvalidRequest(f"Choose one of {', '.join(PAGE_FORMATS)} to download the kit.")
    try:
        kit = InterviewKit.model_validate_json(form.fields.get("kit", ""))
    except ValidationError:
        raise InvalidRequest(
            "The kit to export is missing or damaged; build the kit again and download it."
        ) from None
    log_fields(request, round=kit.round, format=fmt)
    rendered = KitService.render(kit, engine.registry.exporter(fmt))
    return kit_response(rendered, attachment=fmt != "html")


@assets.get("/assets/kit.css")
def kit_stylesheet() -> Response:
    """The exporters' kit CSS, served as a file so the page needs no inline style."""
    return Response(
        KIT_CSS + KIT_PRINT_DETAILS_CSS,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


async def render_error_page(
    request: Request, problem: dict[str, Any], headers: dict[str, str]
) -> Response:
    """Errors on browser routes (a missing key, a rate limit) as the page, not JSON."""
    services = request.app.state.services
    detail = str(problem["detail"])
    if problem["status"] == 401:
        detail = (
            "This server needs an API key: reload the page and log in with any user name "
            "and the API key as the password."
        )
    error = {"title": problem["title"], "detail": detail, "status": problem["status"]}
    return render_page(
        request,
        services.engine,
        max_upload_bytes=services.settings.max_upload_bytes,
        error=error,
        status=int(problem["status"]),
        headers=headers,
    )
