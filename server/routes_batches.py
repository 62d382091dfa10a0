"""``POST /v1/batches``: several resumes (files and/or one .zip) in, their kits streamed out.

The HTTP side of ``secondround batch``: one job description, round and options for
every resume; each kit arrives as a server-sent event as soon as it is built (the
same framing as ``POST /v1/kits/stream``), a broken file as an ``error`` event that
never stops the others, a ``progress`` event after each, and a ``summary`` event last
with each candidate's top facts and concerns (core's ``batch.summary_row``, the rows
of the CLI's summary.csv).

Every resume is read and analysed in the time-limited reader processes, one kit slot
each, like a single upload. Nothing is stored: archives are unpacked in memory, and
each resume's bytes are dropped once its reader process has them.
"""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import re
import time
import zipfile
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from secondround.core.batch import BatchInput, ZipLimits, notes_matching, summary_row, zip_inputs
from secondround.core.errors import (
    InputTooLarge,
    InvalidRequest,
    SecondRoundError,
    UnreadableResume,
    UnsupportedFileType,
)
from secondround.core.export import Exporter
from secondround.core.models import InterviewKit
from secondround.core.pipeline import KitRequest
from secondround.core.planning.role_profile import RoleProfile
from secondround.core.settings import Settings

from .deps import ServicesDep, SettingsDep, api_access, charge_rate_limit
from .forms import FilePart, FormBody, media_type_of, parse_form
from .kits import KitInput, KitService, options_from, plain_filename, sse
from .limits import (
    FORM_OVERHEAD_BYTES,
    BatchLimits,
    BatchSlots,
    check_zip_directory,
    megabytes,
    read_body,
)
from .logs import log_fields, safe_traceback
from .openapi_docs import REF, problems
from .parse_worker import Prepared, PrepareJob, SideFile
from .schemas import (
    BatchCandidate,
    BatchErrorEvent,
    BatchFile,
    BatchKitEvent,
    BatchMultipartRequest,
    BatchProgressEvent,
    BatchStartEvent,
    BatchSummaryEvent,
    KitOptions,
)
from .services import Services

logger = logging.getLogger("secondround.server")

router = APIRouter(prefix="/v1", tags=["batches"], dependencies=[Depends(api_access)])

HEARTBEAT_S = 15.0
# A job description file is read by the same readers as a resume, in a reader process;
# the reader needs a resume beside it, so it gets this one (its analysis is dropped).
_JOB_CARRIER = "Experience\nEngineer, Example Ltd, Jan 2019 - Present\n- Built tools\n"


def configure(app: FastAPI, limits: BatchLimits) -> None:
    """Set the batch limits of ``app`` (``create_app`` does, with the defaults)."""
    app.state.batch_limits = limits
    app.state.batch_slots = BatchSlots(limits.max_concurrent)


@dataclass
class Batch:
    """A checked batch: its resumes, the options shared by all, and how to render."""

    items: list[BatchInput]
    request: KitRequest
    exporter: Exporter | None
    job_file: SideFile | None
    # Each candidate's first-interview notes, by the index of their resume in ``items``.
    notes: dict[int, SideFile] = field(default_factory=dict)


# --------------------------------------------------------------------------- the request


def _archive_escapes(name: str) -> bool:
    """A member name that would point outside the archive if anyone unpacked it."""
    plain = name.replace("\\", "/")
    return (
        plain.startswith("/")
        or re.match(r"^[A-Za-z]:", plain) is not None
        or ".." in PurePosixPath(plain).parts
        or "\0" in plain
    )


def _unpack(data: bytes, label: str, max_file_bytes: int, limits: ZipLimits) -> list[BatchInput]:
    """The archive's resumes (core's zip reader), after its names are checked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if _archive_escapes(info.filename):
                    shown = plain_filename(info.filename) or "?"
                    raise InvalidRequest(
                        f"'{label}' holds a file named '{shown[:120]}' that points outside "
                        "the archive; it is refused: zip the resumes again from their folder."
                    )
        return list(zip_inputs(io.BytesIO(data), label, max_file_bytes, limits))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise InvalidRequest(
            f"'{label}' is not a readable zip archive; make it again with a zip tool."
        ) from None


def _parts(form: FormBody, name: str) -> list[FilePart]:
    return [part for key, part in form.files if key == name and (part.filename or part.data)]


def _options(form: FormBody) -> tuple[KitOptions, RoleProfile | None]:
    if form.text("notes_text") is not None:
        raise InvalidRequest(
            "A batch takes no 'notes_text': notes are about one candidate. Attach each "
            "candidate's notes as a 'notes' file named after their resume "
            "(jordan-rivera-first-interview.md for jordan-rivera.pdf)."
        )
    values = {k: v for k, v in form.fields.items() if k in KitOptions.model_fields and v.strip()}
    role_files = _parts(form, "role")
    if role_files and "role" not in values:
        values["role"] = role_files[0].data.decode("utf-8", errors="replace")
    options = options_from(values)
    return options, RoleProfile.from_yaml(options.role) if options.role else None


async def read_batch(
    request: Request, settings: Settings, limits: BatchLimits, kits: KitService
) -> Batch:
    """The upload, checked: options and names first, then the files, then the archive."""
    content_type = request.headers.get("content-type", "")
    if media_type_of(content_type) != "multipart/form-data":
        raise UnsupportedFileType(
            "POST /v1/batches takes multipart/form-data: attach each resume with "
            "curl -F resume=@FILE (repeat it), or a zip of them with -F archive=@FILE."
        )
    body = await read_body(request, limits.max_body_bytes + FORM_OVERHEAD_BYTES)
    form = parse_form(body, content_type, limits.max_body_bytes)
    del body
    options, role = _options(form)
    base = KitRequest(
        role=role,
        job_text=options.job_text,
        round=options.round,
        count=options.count,
        audience=options.audience,
        generator=options.generator,
    )
    exporter = kits.check(KitInput(request=base, format=options.format))
    job_parts = _parts(form, "job")
    job_file = None
    if options.job_text is None and job_parts:
        job_file = SideFile(plain_filename(job_parts[0].filename), job_parts[0].data)

    uploads = _parts(form, "resume")
    archives = _parts(form, "archive") + [
        p for p in uploads if (p.filename or "").lower().endswith(".zip")
    ]
    uploads = [p for p in uploads if p not in archives]
    if len(archives) > 1:
        raise InvalidRequest("Send at most one archive per batch; put every resume in it.")
    if len(uploads) > limits.max_files:
        raise InvalidRequest(
            f"The batch has {len(uploads)} resumes, more than the {limits.max_files} one "
            "batch takes; send them in several batches."
        )
    items: list[BatchInput] = []
    unpacked = 0
    for part in uploads:
        item = BatchInput(name=plain_filename(part.filename) or f"resume-{len(items) + 1}")
        if len(part.data) > settings.max_upload_bytes:
            item.error = too_large_file(settings.max_upload_bytes)
        else:
            item.data = part.data
            unpacked += len(part.data)
        items.append(item)
    if unpacked > limits.max_unpacked_bytes:
        raise InputTooLarge(
            f"The resumes add up to more than the {megabytes(limits.max_unpacked_bytes)} "
            "one batch takes; send them in several batches."
        )
    if archives:
        archive = archives[0]
        label = plain_filename(archive.filename) or "archive"
        check_zip_directory(archive.data, limits.max_zip_entries, label)
        zip_limits = ZipLimits(
            max_members=limits.max_files - len(items),
            max_total_bytes=limits.max_unpacked_bytes - unpacked,
        )
        members = await anyio.to_thread.run_sync(
            _unpack, archive.data, label, settings.max_upload_bytes, zip_limits
        )
        for member in members:
            member.name = plain_filename(member.name) or "resume"
        items += members
    notes = _pair_notes(items, _parts(form, "notes"), settings.max_upload_bytes)
    form.files.clear()  # the bytes live on in the items only, until each is read
    if not items:
        raise InvalidRequest(
            "No resume was given; attach each resume as a 'resume' file (repeat the field) "
            "or a zip of them as 'archive'."
        )
    return Batch(items, base, exporter if options.format else None, job_file, notes)


def _pair_notes(
    items: list[BatchInput], parts: list[FilePart], max_file_bytes: int
) -> dict[int, SideFile]:
    """Each notes file to the one resume it is named after (the CLI's ``--notes-dir``
    rule). A notes file that fits no resume, or several, is refused rather than dropped:
    the interviewer sent it for someone and would otherwise never learn it went unused."""
    by_name: dict[str, FilePart] = {}
    for i, part in enumerate(parts, 1):
        name = plain_filename(part.filename)
        if not name:
            raise InvalidRequest(
                f"Notes file {i} has no file name; name it after the candidate's resume "
                "(jordan-rivera-notes.md for jordan-rivera.pdf)."
            )
        if len(part.data) > max_file_bytes:
            raise InputTooLarge(
                f"The notes file '{name}' is larger than this server's limit of "
                f"{megabytes(max_file_bytes)} a file; send a shorter one."
            )
        by_name[name] = part
    owners: dict[str, list[int]] = {name: [] for name in by_name}
    notes: dict[int, SideFile] = {}
    for index, item in enumerate(items):
        mine = notes_matching(item.name, list(by_name))
        if len(mine) > 1:
            raise InvalidRequest(
                f"'{item.name}' has {len(mine)} notes files ({', '.join(mine)}); send one "
                "file per candidate."
            )
        for name in mine:
            owners[name].append(index)
            notes[index] = SideFile(name, by_name[name].data)
    for name, indexes in owners.items():
        if not indexes:
            raise InvalidRequest(
                f"The notes file '{name}' is named after none of the resumes; name it after "
                "the candidate's resume file (jordan-rivera-notes.md for jordan-rivera.pdf)."
            )
        if len(indexes) > 1:
            raise InvalidRequest(
                f"The notes file '{name}' fits several resumes "
                f"({', '.join(items[i].name for i in indexes)}); name it after one of them."
            )
    return notes


def too_large_file(limit: int) -> str:
    return (
        f"The file is larger than this server's limit of {megabytes(limit)} a resume; "
        "send a smaller file (a resume rarely needs more than 1 MB)."
    )


def _charge_rate_limit(request: Request, settings: Settings, services: Services, n: int) -> None:
    """A batch of ``n`` resumes counts as ``n`` requests (the route's own is already taken),
    against the same client bucket ``api_access`` uses; never more than a full bucket,
    so a batch within the limits can always run once the client has waited."""
    extra = min(n, settings.rate_limit_per_minute) - 1
    if extra > 0:
        charge_rate_limit(request, settings, services, cost=extra)


# --------------------------------------------------------------------------- the stream

Result = tuple[BatchKitEvent | BatchErrorEvent, BatchCandidate]


class BatchBug(SecondRoundError):
    """An unexpected failure on one file: its ``error`` event says 500, nothing more."""

    title = "Internal error"
    http_status = 500


def _failure(index: int, item: BatchInput, error: SecondRoundError) -> Result:
    event = BatchErrorEvent(
        index=index,
        file=item.name,
        title=error.title,
        status=error.http_status,
        detail=error.message,
    )
    row = BatchCandidate(index=index, file=item.name, status="failed", error=error.message)
    return event, row


def _render(kit: InterviewKit, exporter: Exporter | None) -> dict[str, Any]:
    if exporter is None or exporter.name == "json":
        return {}
    rendered = KitService.render(kit, exporter)
    text = (
        base64.b64encode(rendered.body).decode("ascii")
        if rendered.binary
        else rendered.body.decode("utf-8")
    )
    return {
        "format": exporter.name,
        "media_type": rendered.media_type,
        "rendered": text,
        "encoding": "base64" if rendered.binary else None,
    }


class BatchRunner:
    """Runs one batch on the app's services: ``limits.parallel`` resumes at a time."""

    def __init__(self, services: Services, batch: Batch, limits: BatchLimits) -> None:
        self.services = services
        self.batch = batch
        self.limits = limits

    def _finish(self, index: int, item: BatchInput, prepared: Prepared) -> Result:
        """In a worker thread: the kit, its summary line and its rendering."""
        request = replace(
            self.batch.request, job_text=prepared.job_text, notes_text=prepared.notes_text
        )
        kit = self.services.engine.build_kit(request, analysis=prepared.analysis)
        # The reader process's times, as the CLI's kit reports them.
        timings = kit.meta.timings_ms
        timings["read"], timings["analyse"] = prepared.read_ms, prepared.analyse_ms
        row = summary_row(item.name, kit, prepared.analysis)
        event = BatchKitEvent(
            index=index,
            file=item.name,
            candidate=row.candidate,
            top_facts=row.top_facts,
            concerns=row.concerns,
            kit=kit,
            **_render(kit, self.batch.exporter),
        )
        candidate = BatchCandidate(
            index=index,
            file=item.name,
            status="done",
            candidate=row.candidate,
            questions=row.questions,
            top_facts=row.top_facts,
            concerns=row.concerns,
        )
        return event, candidate

    async def one(self, index: int, item: BatchInput) -> Result:
        """One resume's result; whatever goes wrong is this file's error event."""
        notes = self.batch.notes.pop(index, None)  # held no longer than its resume
        if item.error:
            error: SecondRoundError = (
                InputTooLarge(item.error)
                if "larger than" in item.error
                else UnreadableResume(item.error)
            )
            return _failure(index, item, error)
        try:
            async with self.services.slots.slot(wait_s=self.limits.slot_wait_s):
                request = replace(
                    self.batch.request,
                    resume=item.read(),
                    filename=PurePosixPath(item.name).name,
                )
                item.data = None
                prepared = await self.services.pool.prepare(PrepareJob(request, notes_file=notes))
                del request
                return await anyio.to_thread.run_sync(self._finish, index, item, prepared)
        except SecondRoundError as exc:
            return _failure(index, item, exc)
        except Exception as exc:  # one odd file must never stop the batch
            logger.error("a batch resume failed unexpectedly:\n%s", safe_traceback(exc))
            return _failure(index, item, BatchBug("The kit failed on the server; report it."))
        finally:
            item.data = None

    async def events(self) -> AsyncGenerator[bytes, None]:
        started = time.perf_counter()
        items = self.batch.items
        total = len(items)
        files = [BatchFile(index=i, file=item.name) for i, item in enumerate(items)]
        yield sse("start", BatchStartEvent(total=total, files=files).model_dump_json())
        results: asyncio.Queue[Result] = asyncio.Queue()
        pending = iter(enumerate(items))

        async def worker() -> None:
            for index, item in pending:  # shared: each file goes to exactly one worker
                results.put_nowait(await self.one(index, item))

        tasks = [asyncio.create_task(worker()) for _ in range(max(1, self.limits.parallel))]
        rows: list[BatchCandidate | None] = [None] * total
        done = failed = 0
        try:
            while done < total:
                try:
                    event, row = await asyncio.wait_for(results.get(), timeout=HEARTBEAT_S)
                except TimeoutError:
                    yield b": keep-alive\n\n"
                    continue
                done += 1
                failed += row.status == "failed"
                rows[row.index] = row
                name = "kit" if isinstance(event, BatchKitEvent) else "error"
                yield sse(name, event.model_dump_json())
                progress = BatchProgressEvent(done=done, failed=failed, total=total)
                yield sse("progress", progress.model_dump_json())
            summary = BatchSummaryEvent(
                total=total,
                kits=done - failed,
                failed=failed,
                seconds=round(time.perf_counter() - started, 2),
                candidates=[r for r in rows if r is not None],
            )
            yield sse("summary", summary.model_dump_json())
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


# --------------------------------------------------------------------------- the route

_REQUEST_SCHEMA = BatchMultipartRequest.model_json_schema(ref_template=REF)
_REQUEST_SCHEMA.pop("$defs", None)  # Audience: already a component (the kit request's)

_EVENTS = (
    "Server-sent events: `start` (total, files), then per file `kit` (index, file, "
    "candidate, top_facts, concerns, kit) or `error` (index, file, title, status, "
    "detail), each followed by `progress` (done, failed, total); last `summary` (total, "
    "kits, failed, seconds, candidates). See docs/api.md."
)


@router.post(
    "/batches",
    summary="Build kits for several resumes, streamed as each one finishes",
    response_class=StreamingResponse,
    responses={
        200: {"description": _EVENTS, "content": {"text/event-stream": {}}},
        **problems(400, 401, 403, 413, 415, 422, 429, 503),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": _REQUEST_SCHEMA,
                    "encoding": {
                        "resume": {"contentType": "application/octet-stream"},
                        "archive": {"contentType": "application/zip"},
                    },
                }
            },
        }
    },
)
async def create_batch(
    request: Request, settings: SettingsDep, services: ServicesDep
) -> StreamingResponse:
    """Upload resumes (field `resume`, repeated) and/or one zip (`archive`), with one
    job description (`job` or `job_text`), round and options for all. Problems with
    the request itself (limits, a bad archive, an unknown round) are ordinary problem
    responses; once events start, a file that fails is an `error` event and the rest
    go on."""
    limits: BatchLimits = request.app.state.batch_limits
    slots: BatchSlots = request.app.state.batch_slots
    slots.acquire()  # before the body is read: it bounds the memory batches hold
    try:
        batch = await read_batch(request, settings, limits, services.kits)
        _charge_rate_limit(request, settings, services, len(batch.items))
        log_fields(
            request,
            round=batch.request.round,
            count=batch.request.count,
            format=batch.exporter.name if batch.exporter else None,
            audience=str(batch.request.audience),
        )
        if batch.job_file is not None:
            # Read once, in a reader process, before any event: an unreadable job
            # description is the request's problem, not every file's.
            carrier = KitRequest(resume_text=_JOB_CARRIER)
            async with services.slots.slot():
                prepared = await services.pool.prepare(PrepareJob(carrier, batch.job_file))
            batch.request.job_text = prepared.job_text
            batch.job_file = None
    except BaseException:
        slots.release()
        raise

    return BatchResponse(
        BatchRunner(services, batch, limits).events(),
        slots.release,
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


class BatchResponse(StreamingResponse):
    """Frees the batch slot however the response ends: finished, client gone (even
    before the first event), or failed; and stops the batch's work with it."""

    def __init__(
        self, events: AsyncGenerator[bytes, None], release: Callable[[], None], **kw: Any
    ) -> None:
        super().__init__(events, **kw)
        self._events = events
        self._release: Callable[[], None] | None = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            try:
                await self._events.aclose()
            finally:
                release, self._release = self._release, None
                if release is not None:
                    release()
