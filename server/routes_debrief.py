"""After the kit, over HTTP: scorecards, ``POST /v1/debriefs``, ``/v1/comparisons``,
``/v1/followups`` (offline, or worded by the configured model).

Every body is read under the same cap as a resume upload and parsed in memory; a Word
scoring sheet is checked as an archive before it is opened. Nothing a request carries
(scores, notes, answers, a resume) is logged or written anywhere: the logs get counts
and formats only, and the response is the only copy.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from fastapi import APIRouter, Depends, Request, Response

from secondround.core.debrief.answer_model import answer_follow_ups
from secondround.core.debrief.compare import compare
from secondround.core.debrief.debrief import build_debrief, load_debrief
from secondround.core.debrief.render import EXTENSIONS, FORMATS, MEDIA_TYPES, render
from secondround.core.debrief.scorecard import (
    blank_scorecard,
    load_kit,
    load_scorecard,
)
from secondround.core.errors import InvalidRequest, UnsupportedFileType
from secondround.core.models import Audience
from secondround.core.pipeline import KitRequest

from .deps import KitServiceDep, SettingsDep, api_access
from .forms import FormBody, media_type_of, parse_form
from .headers import style_hashes_csp
from .kits import plain_filename
from .limits import FORM_OVERHEAD_BYTES, read_body
from .logs import log_fields
from .openapi_docs import problems
from .parse_worker import PrepareJob

router = APIRouter(prefix="/v1", tags=["debrief"], dependencies=[Depends(api_access)])
ERRORS = problems(401, 403, 413, 415, 422, 429)


async def _body(request: Request, limit: int) -> tuple[str, bytes]:
    kind = media_type_of(request.headers.get("content-type"))
    if kind not in ("multipart/form-data", "application/json"):
        raise UnsupportedFileType(
            f"This route takes multipart/form-data or application/json, not "
            f"'{kind or 'no Content-Type'}'; see docs/debrief.md."
        )
    return kind, await read_body(request, limit + FORM_OVERHEAD_BYTES)


def _json(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidRequest(f"The request body is not valid JSON ({exc}).") from None
    if not isinstance(data, dict):
        raise InvalidRequest("The request body should be a JSON object; see docs/debrief.md.")
    return data


def _as_bytes(value: Any, what: str) -> bytes:
    if isinstance(value, dict | list):
        return json.dumps(value).encode()
    if isinstance(value, str):
        return value.encode()
    raise InvalidRequest(f"'{what}' should be a JSON object (or its text).")


def _format(value: str | None) -> str:
    fmt = (value or "json").strip().lower()
    if fmt not in FORMATS:
        raise InvalidRequest(f"Unknown format '{fmt}'; choose one of {', '.join(FORMATS)}.")
    return fmt


def report_response(rendered: str | bytes, fmt: str, stem: str) -> Response:
    body = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    disposition = "attachment" if fmt == "docx" else "inline"
    headers = {"Content-Disposition": f'{disposition}; filename="{stem}{EXTENSIONS[fmt]}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = style_hashes_csp(body.decode("utf-8"))
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


def _kit_from_form(form: FormBody) -> Any:
    part = form.file("kit")
    if part is None:
        raise InvalidRequest("Attach the kit's JSON as the 'kit' file field.")
    return load_kit(part.data)


@router.post("/scorecards/blank", summary="An empty scorecard for a kit", responses=ERRORS)
async def blank(request: Request, settings: SettingsDep) -> Response:
    """Body: the kit's JSON (as `secondround questions --format json` writes it), or
    `{"kit": {...}, "interviewer": "Name"}`."""
    _, body = await _body(request, settings.max_upload_bytes)
    data = _json(body)
    kit = load_kit(_as_bytes(data.get("kit", data), "kit"))
    card = blank_scorecard(kit, interviewer=str(data.get("interviewer") or "Interviewer"))
    return Response(card.model_dump_json(indent=2), media_type="application/json")


@router.post(
    "/scorecards/read", summary="Read a filled-in Word sheet or scorecard file", responses=ERRORS
)
async def read_scorecard(request: Request, settings: SettingsDep) -> Response:
    """Multipart: `kit` (the kit's JSON) and `scorecard` (the filled-in .docx, or JSON/YAML)."""
    kind, body = await _body(request, settings.max_upload_bytes)
    if kind != "multipart/form-data":
        raise UnsupportedFileType("Upload the kit and the scorecard as multipart files.")
    form = parse_form(body, request.headers.get("content-type", ""), settings.max_upload_bytes)
    kit = _kit_from_form(form)
    part = form.file("scorecard")
    if part is None:
        raise InvalidRequest("Attach the filled-in sheet as the 'scorecard' file field.")
    card = await anyio.to_thread.run_sync(
        load_scorecard, part.data, plain_filename(part.filename), kit
    )
    return Response(card.model_dump_json(indent=2), media_type="application/json")


@router.post("/debriefs", summary="The panel debrief of one kit", responses=ERRORS)
async def create_debrief(request: Request, settings: SettingsDep, kits: KitServiceDep) -> Response:
    """Multipart: `kit`, one or more `scorecard` files (JSON, YAML or filled-in .docx),
    optional `resume` file (better follow-ups; never stored), `job_text`, `notes_text`,
    `candidate`, `format` (json, md, html, docx). Or JSON with `kit`, `scorecards`
    (a list of scorecard objects) and the same optional fields."""
    kind, body = await _body(request, settings.max_upload_bytes)
    fields: dict[str, Any]
    resume: tuple[bytes, str | None] | None = None
    if kind == "multipart/form-data":
        form = parse_form(body, request.headers.get("content-type", ""), settings.max_upload_bytes)
        kit = _kit_from_form(form)
        parts = [p for name, p in form.files if name == "scorecard" and (p.filename or p.data)]
        cards = [
            await anyio.to_thread.run_sync(load_scorecard, p.data, plain_filename(p.filename), kit)
            for p in parts
        ]
        fields = {k: v for k, v in form.fields.items() if v.strip()}
        if (part := form.file("resume")) is not None:
            resume = (part.data, plain_filename(part.filename))
    else:
        fields = _json(body)
        kit = load_kit(_as_bytes(fields.get("kit"), "kit"))
        raw = fields.get("scorecards") or []
        if not isinstance(raw, list):
            raise InvalidRequest("'scorecards' should be a list of scorecard objects.")
        cards = [
            load_scorecard(_as_bytes(c, "scorecard"), f"scorecard {i}", kit)
            for i, c in enumerate(raw, 1)
        ]
        if isinstance(fields.get("resume_text"), str) and fields["resume_text"].strip():
            resume = (fields["resume_text"].encode(), "resume.txt")
    fmt = _format(fields.get("format"))
    analysis = None
    if resume is not None:
        job = KitRequest(
            resume=resume[0],
            filename=resume[1],
            job_text=fields.get("job_text") or None,
            notes_text=fields.get("notes_text") or None,
        )
        analysis = (await kits.pool.prepare(PrepareJob(job))).analysis
    debrief = await anyio.to_thread.run_sync(
        lambda: build_debrief(kit, cards, analysis=analysis, jurisdiction=settings.jurisdiction)
    )
    if isinstance(fields.get("candidate"), str) and fields["candidate"].strip():
        debrief.candidate = fields["candidate"].strip()[:200]
    log_fields(request, format=fmt)  # counts and formats only: never a score or a note
    return report_response(render(debrief, fmt), fmt, "debrief")


@router.post(
    "/comparisons", summary="Candidates side by side from their debriefs", responses=ERRORS
)
async def create_comparison(request: Request, settings: SettingsDep) -> Response:
    """Multipart: two or more `debrief` files (debrief JSON) and `format`; or JSON
    `{"debriefs": [...], "format": "md"}`."""
    kind, body = await _body(request, settings.max_upload_bytes)
    if kind == "multipart/form-data":
        form = parse_form(body, request.headers.get("content-type", ""), settings.max_upload_bytes)
        debriefs = [
            load_debrief(p.data, plain_filename(p.filename) or "debrief")
            for name, p in form.files
            if name == "debrief" and (p.filename or p.data)
        ]
        fmt = _format(form.text("format"))
    else:
        data = _json(body)
        raw = data.get("debriefs") or []
        if not isinstance(raw, list):
            raise InvalidRequest("'debriefs' should be a list of debrief objects.")
        debriefs = [
            load_debrief(_as_bytes(d, "debrief"), f"debrief {i}") for i, d in enumerate(raw, 1)
        ]
        fmt = _format(data.get("format"))
    comparison = compare(debriefs)
    log_fields(request, format=fmt)
    return report_response(render(comparison, fmt), fmt, "comparison")


@router.post("/followups", summary="Probes for what one answer lacks", responses=ERRORS)
async def create_followups(request: Request, settings: SettingsDep) -> Response:
    """JSON: `kit` (the kit's JSON), `question_id`, `answer` (text), and optional
    `audience` (`candidate` gives rehearsal feedback addressed to the candidate),
    `generator` (`offline`, the default, or `llm`: the configured model words the probes
    for the gaps the rules found, with the offline wording and a warning where it fails)
    and `candidate` (the candidate's name, replaced by a placeholder before a model sees
    the answer)."""
    _, body = await _body(request, settings.max_upload_bytes)
    data = _json(body)
    kit = load_kit(_as_bytes(data.get("kit"), "kit"))
    question = next((q for q in kit.questions if q.id == data.get("question_id")), None)
    if question is None:
        raise InvalidRequest(f"The kit has no question '{data.get('question_id')}'.")
    try:
        audience = Audience(str(data.get("audience") or "interviewer"))
    except ValueError:
        raise InvalidRequest("'audience' is interviewer or candidate.") from None
    generator = data.get("generator")
    candidate = data.get("candidate")
    result = await anyio.to_thread.run_sync(
        lambda: answer_follow_ups(
            question,
            str(data.get("answer") or ""),
            audience,
            settings,
            generator=str(generator) if generator else None,
            candidate=str(candidate)[:200] if candidate else None,
        )
    )
    log_fields(request, audience=str(audience), generator=result.generator)
    payload = {**result.model_dump(mode="json"), "probes": result.probes}
    return Response(json.dumps(payload, indent=2), media_type="application/json")
