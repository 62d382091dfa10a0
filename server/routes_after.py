"""The page after the kit: score an interview, follow up an answer, debrief a panel,
compare candidates.

Plain HTML forms that work without JavaScript, like the upload page. ``GET /after``
shows the forms; a kit (the JSON the kit page downloads, or the kit shown there) opens a
scoring form whose answers come back as the interviewer's scorecard file, or the
follow-up form: pick a question, paste the answer, get the probes for what it lacks (in
candidate mode, rehearsal feedback), offline or worded by the configured model. The
debrief and compare forms take those files and show the result on the page or as a
download. Nothing is stored: every file is read in memory for the one response.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from secondround.core.debrief.answer_model import MODEL_GENERATORS, answer_follow_ups
from secondround.core.debrief.compare import compare
from secondround.core.debrief.debrief import build_debrief, load_debrief
from secondround.core.debrief.render import FORMATS, render, render_fragment
from secondround.core.debrief.scorecard import (
    RATED,
    QuestionScore,
    Rating,
    Scorecard,
    kit_fingerprint,
    load_kit,
    load_scorecard,
    parse_rating,
)
from secondround.core.errors import InvalidRequest, SecondRoundError
from secondround.core.models import Audience, InterviewKit
from secondround.core.pipeline import KitRequest
from secondround.core.settings import Settings

from .deps import KitServiceDep, SettingsDep, page_access
from .forms import FormBody, parse_form
from .kits import plain_filename
from .limits import FORM_OVERHEAD_BYTES, read_body
from .logs import log_fields
from .parse_worker import PrepareJob
from .problems import slug
from .routes_debrief import report_response

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False, dependencies=[Depends(page_access)])


def _page(
    request: Request, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    context.setdefault("ratings", [r.value for r in RATED])
    return templates.TemplateResponse(
        request, "after.html", context, status_code=status, headers=headers
    )


def _error_page(request: Request, exc: SecondRoundError) -> HTMLResponse:
    log_fields(request, problem=slug(type(exc).__name__))
    error = {"title": exc.title, "detail": exc.message, "status": exc.http_status}
    headers = dict(getattr(exc, "headers", None) or {})
    return _page(request, status=exc.http_status, headers=headers, error=error)


async def _form(request: Request, limit: int) -> FormBody:
    body = await read_body(request, limit + FORM_OVERHEAD_BYTES)
    return parse_form(body, request.headers.get("content-type", ""), limit)


def _kit_of(form: FormBody) -> InterviewKit:
    part = form.file("kit")
    if part is not None:
        return load_kit(part.data)
    text = form.text("kit_json")
    if text is None:
        raise InvalidRequest("Choose the kit's JSON file (the kit page's “Download JSON”).")
    return load_kit(text.encode())


@router.get("/after", response_class=HTMLResponse)
def show_after(request: Request) -> HTMLResponse:
    return _page(request)


@router.post("/scorecard/open", response_class=HTMLResponse)
async def open_scorecard(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The scoring form for one kit: a rating and notes per question."""
    try:
        kit = _kit_of(await _form(request, settings.max_upload_bytes))
    except SecondRoundError as exc:
        return _error_page(request, exc)
    return _page(request, kit=kit, kit_json=kit.model_dump_json(), fingerprint=kit_fingerprint(kit))


def _followup_form(
    request: Request,
    settings: Settings,
    kit: InterviewKit,
    status: int = 200,
    values: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    model = settings.resolved_llm_model if settings.llm_configured else None
    explicit = (settings.generator or "").lower() in MODEL_GENERATORS
    defaults = {
        "question_id": kit.questions[0].id if kit.questions else "",
        "answer": "",
        "audience": "interviewer",
        "generator": "llm" if model and explicit else "offline",
        "candidate": "",
    }
    context.update(
        kit=kit,
        kit_json=kit.model_dump_json(),
        model=model,
        values={**defaults, **(values or {})},
        audiences=[a.value for a in Audience],
    )
    return templates.TemplateResponse(request, "followup.html", context, status_code=status)


@router.post("/followup/open", response_class=HTMLResponse)
async def open_followup(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The follow-up form for one kit: a question, the answer, who it is for."""
    try:
        kit = _kit_of(await _form(request, settings.max_upload_bytes))
    except SecondRoundError as exc:
        return _error_page(request, exc)
    return _followup_form(request, settings, kit)


@router.post("/followup", response_class=HTMLResponse)
async def followup_page(request: Request, settings: SettingsDep) -> HTMLResponse:
    """Probes (or rehearsal feedback) for one answer, shown above the same form so the
    next answer can follow."""
    try:
        form = await _form(request, settings.max_upload_bytes)
        kit = _kit_of(form)
    except SecondRoundError as exc:
        return _error_page(request, exc)
    values = {k: form.fields.get(k, "") for k in ("question_id", "answer", "audience")}
    values["generator"] = form.text("generator") or "offline"
    values["candidate"] = (form.text("candidate") or "").strip()[:200]
    question = next((q for q in kit.questions if q.id == values["question_id"]), None)
    try:
        if question is None:
            raise InvalidRequest("Choose one of the kit's questions.")
        try:
            audience = Audience(values["audience"] or "interviewer")
        except ValueError:
            raise InvalidRequest("Choose who the follow-ups are for.") from None
        result = await anyio.to_thread.run_sync(
            lambda: answer_follow_ups(
                question,
                values["answer"],
                audience,
                settings,
                generator=values["generator"],
                candidate=values["candidate"] or None,
            )
        )
    except SecondRoundError as exc:
        log_fields(request, problem=slug(type(exc).__name__))
        error = {"title": exc.title, "detail": exc.message, "status": exc.http_status}
        return _followup_form(
            request, settings, kit, status=exc.http_status, values=values, error=error
        )
    log_fields(request, audience=str(audience), generator=result.generator)
    number = kit.questions.index(question) + 1
    return _followup_form(
        request, settings, kit, values=values, result=result, question=question, number=number
    )


@router.post("/scorecard/save")
async def save_scorecard(request: Request, settings: SettingsDep) -> Response:
    """One interviewer's ratings as a scorecard file, for the debrief."""
    try:
        form = await _form(request, settings.max_upload_bytes)
        kit = _kit_of(form)
        scores = []
        for q in kit.questions:
            rating = parse_rating(form.fields.get(f"rating-{q.id}") or Rating.not_asked)
            notes = (form.fields.get(f"notes-{q.id}") or "").strip()
            scores.append(QuestionScore(question_id=q.id, rating=rating, notes=notes))
        card = Scorecard(
            kit=kit_fingerprint(kit),
            interviewer=(form.text("interviewer") or "Interviewer").strip()[:120],
            candidate=kit.candidate,
            scores=scores,
            overall=(form.fields.get("overall") or "").strip(),
        )
    except ValueError as exc:
        return _error_page(request, InvalidRequest(str(exc)))
    except SecondRoundError as exc:
        return _error_page(request, exc)
    stem = "scorecard-" + "".join(c if c.isalnum() else "-" for c in card.interviewer.lower())
    return Response(
        card.model_dump_json(indent=2),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{stem[:60]}.json"'},
    )


def _show_or_download(request: Request, report: Any, fmt: str, stem: str) -> Response:
    if fmt == "page":
        return _page(request, report=Markup(render_fragment(report)), report_kind=stem)
    if fmt not in FORMATS:
        raise InvalidRequest(f"Choose the page or one of {', '.join(FORMATS)}.")
    return report_response(render(report, fmt), fmt, stem)


@router.post("/debrief", response_class=HTMLResponse)
async def debrief_page(request: Request, settings: SettingsDep, kits: KitServiceDep) -> Response:
    try:
        form = await _form(request, settings.max_upload_bytes)
        kit = _kit_of(form)
        parts = [p for name, p in form.files if name == "scorecard" and (p.filename or p.data)]
        if not parts:
            raise InvalidRequest(
                "Choose at least one scorecard file (JSON, YAML or the Word sheet)."
            )
        cards = [
            await anyio.to_thread.run_sync(load_scorecard, p.data, plain_filename(p.filename), kit)
            for p in parts
        ]
        analysis = None
        if (resume := form.file("resume")) is not None:
            job = KitRequest(resume=resume.data, filename=plain_filename(resume.filename))
            analysis = (await kits.pool.prepare(PrepareJob(job))).analysis
        report = await anyio.to_thread.run_sync(
            lambda: build_debrief(kit, cards, analysis=analysis, jurisdiction=settings.jurisdiction)
        )
        if candidate := form.text("candidate"):
            report.candidate = candidate.strip()[:200]
        fmt = form.text("format") or "page"
        log_fields(request, format=fmt)
        return _show_or_download(request, report, fmt, "debrief")
    except SecondRoundError as exc:
        return _error_page(request, exc)


@router.post("/compare", response_class=HTMLResponse)
async def compare_page(request: Request, settings: SettingsDep) -> Response:
    try:
        form = await _form(request, settings.max_upload_bytes)
        debriefs = [
            load_debrief(p.data, plain_filename(p.filename) or "debrief")
            for name, p in form.files
            if name == "debrief" and (p.filename or p.data)
        ]
        fmt = form.text("format") or "page"
        log_fields(request, format=fmt)
        return _show_or_download(request, compare(debriefs), fmt, "comparison")
    except SecondRoundError as exc:
        return _error_page(request, exc)
