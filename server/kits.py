"""The kit service: one upload in, one rendered kit out, within the server's limits.

Routes hand it a :class:`KitInput`; it takes a build slot, has a reader process read
and analyse the upload (``parsing.ParsePool``), then runs ``Engine.build_kit`` on the
result in a thread. The kit is rendered by the same exporter plugins the CLI uses, so
``format=json`` is exactly ``secondround questions --format json``.
"""

from __future__ import annotations

import asyncio
import functools
import json
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import Any

import anyio.to_thread
from pydantic import ValidationError

from secondround.core.errors import InvalidRequest, SecondRoundError
from secondround.core.export import Exporter
from secondround.core.models import InterviewKit, Question
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.planning.role_profile import RoleProfile
from secondround.core.plugin_manager import Registry

from .forms import FormBody
from .limits import KitSlots
from .parse_worker import Prepared, PrepareJob, SideFile
from .parsing import ParsePool
from .schemas import KitJsonRequest, KitOptions


@dataclass
class KitInput:
    request: KitRequest
    job_file: SideFile | None = None
    notes_file: SideFile | None = None
    format: str | None = None


@dataclass
class RenderedKit:
    body: bytes
    media_type: str
    filename: str
    binary: bool


def options_from(data: dict[str, Any], model: type[KitOptions] = KitOptions) -> KitOptions:
    """Validate options; pydantic's errors become one 400 sentence naming the fields."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidRequest(
            f"Some fields are invalid ({problems}); correct them and retry."
        ) from None


def _role_from(options: KitOptions) -> RoleProfile | None:
    if isinstance(options, KitJsonRequest) and options.role_profile is not None:
        return RoleProfile.parse_data(options.role_profile)
    return RoleProfile.from_yaml(options.role) if options.role else None


def _request_from(options: KitOptions, **resume: Any) -> KitRequest:
    return KitRequest(
        role=_role_from(options),
        job_text=options.job_text,
        notes_text=options.notes_text,
        round=options.round,
        count=options.count,
        audience=options.audience,
        generator=options.generator,
        **resume,
    )


def input_from_form(form: FormBody) -> KitInput:
    """A multipart upload: ``resume`` file, optional ``job``/``notes`` files or text."""
    values = {k: v for k, v in form.fields.items() if k in KitOptions.model_fields and v.strip()}
    role_file = form.file("role")
    if role_file is not None and "role" not in values:
        values["role"] = role_file.data.decode("utf-8", errors="replace")
    options = options_from(values)
    resume = form.file("resume")
    if resume is None:
        pasted = form.text("resume_text")
        if pasted is None:
            raise InvalidRequest(
                "No resume was given; attach the resume as the 'resume' file field."
            )
        request = _request_from(options, resume_text=pasted)
    else:
        request = _request_from(
            options,
            resume=resume.data,
            filename=plain_filename(resume.filename),
            media_type=resume.content_type or None,
        )
    return KitInput(
        request=request,
        job_file=_side_file(form, "job") if options.job_text is None else None,
        notes_file=_side_file(form, "notes") if options.notes_text is None else None,
        format=options.format,
    )


def _side_file(form: FormBody, name: str) -> SideFile | None:
    part = form.file(name)
    return SideFile(plain_filename(part.filename), part.data) if part is not None else None


def plain_filename(name: str | None) -> str | None:
    """The upload's name without control or format characters, or None when blank.

    Core quotes the name in its error sentences; a right-to-left override in it
    ("cv\u202efdp.exe") would make the message read differently than the file is.
    """
    cleaned = "".join(ch for ch in name or "" if unicodedata.category(ch) not in ("Cc", "Cf"))
    return cleaned.strip() or None


def input_from_json(body: bytes) -> KitInput:
    """The JSON variant: ``resume_text`` or ``json_resume`` plus the same options."""
    if not body.strip():
        raise InvalidRequest("The JSON body is empty; send resume_text or json_resume.")
    try:
        options = KitJsonRequest.model_validate_json(body)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidRequest(
            f"The JSON body is invalid ({problems}); correct it and retry."
        ) from None
    assert isinstance(options, KitJsonRequest)
    request = _request_from(
        options, resume_text=options.resume_text, json_resume=options.json_resume
    )
    return KitInput(request=request, format=options.format)


def _accepted(accept: str | None) -> list[str]:
    """Media types in the Accept header, most preferred first (q=0 left out)."""
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def choose_exporter(registry: Registry, fmt: str | None, accept: str | None) -> Exporter:
    """``format`` wins; else the first Accept type an exporter produces; else JSON."""
    if fmt:
        return registry.exporter(fmt)
    for media in _accepted(accept):
        if media in ("*/*", "application/*"):
            break
        for exporter in registry.exporters.values():
            if exporter.media_type == media:
                return exporter
    return registry.exporter("json")


class KitService:
    def __init__(self, engine: Engine, pool: ParsePool, slots: KitSlots) -> None:
        self.engine = engine
        self.pool = pool
        self.slots = slots

    def check(self, kit_input: KitInput, accept: str | None = None) -> Exporter:
        """Fail fast on names (round, generator, format) before any parsing work."""
        registry = self.engine.registry
        registry.round(kit_input.request.round)
        if kit_input.request.generator:
            registry.generator(kit_input.request.generator)
        return choose_exporter(registry, kit_input.format, accept)

    async def build(self, kit_input: KitInput) -> InterviewKit:
        async with self.slots.slot():
            prepared = await self.pool.prepare(
                PrepareJob(kit_input.request, kit_input.job_file, kit_input.notes_file)
            )
            # The bytes have been read; the build does not need them in this process.
            request = replace(
                kit_input.request,
                resume=None,
                job_text=prepared.job_text,
                notes_text=prepared.notes_text,
            )
            build = functools.partial(self.engine.build_kit, request, analysis=prepared.analysis)
            kit = await anyio.to_thread.run_sync(build)
        return _with_reader_timings(kit, prepared)

    async def stream(self, kit_input: KitInput) -> AsyncIterator[bytes]:
        """Server-sent events: each question as soon as it is checked, then the kit.

        Reading and analysis run (and fail, as ordinary problem responses) before the
        first byte; the build slot is held until the last event."""
        slot = self.slots.slot()
        await slot.__aenter__()
        try:
            prepared = await self.pool.prepare(
                PrepareJob(kit_input.request, kit_input.job_file, kit_input.notes_file)
            )
        except BaseException:
            await slot.__aexit__(None, None, None)
            raise
        request = replace(
            kit_input.request,
            resume=None,
            job_text=prepared.job_text,
            notes_text=prepared.notes_text,
        )

        def build(on_question: Callable[[Question], None]) -> InterviewKit:
            kit = self.engine.build_kit(request, on_question, analysis=prepared.analysis)
            return _with_reader_timings(kit, prepared)

        async def events() -> AsyncIterator[bytes]:
            try:
                async for frame in kit_events(build):
                    yield frame
            finally:
                await slot.__aexit__(None, None, None)

        return events()

    @staticmethod
    def render(kit: InterviewKit, exporter: Exporter) -> RenderedKit:
        rendered = exporter.export(kit)
        binary = isinstance(rendered, bytes)
        body = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
        media_type = exporter.media_type
        if not binary and "charset" not in media_type:
            media_type += "; charset=utf-8"
        filename = f"interview-kit-{_safe_name(kit.round)}{exporter.extension}"
        return RenderedKit(body, media_type, filename, binary)


def sse(event: str, data: str) -> bytes:
    return f"event: {event}\ndata: {data}\n\n".encode()


async def kit_events(
    build: Callable[[Callable[[Question], None]], InterviewKit], heartbeat_s: float = 15.0
) -> AsyncIterator[bytes]:
    """Run ``build`` in a worker thread and turn its progress into SSE frames:
    ``question`` per checked question, then ``kit`` (or ``error``), with a keep-alive
    comment while a slow model is thinking."""
    frames: asyncio.Queue[bytes | None] = asyncio.Queue()
    loop = asyncio.get_running_loop()

    def put(frame: bytes | None) -> None:
        loop.call_soon_threadsafe(frames.put_nowait, frame)

    def run() -> None:
        try:
            kit = build(lambda q: put(sse("question", q.model_dump_json())))
            put(sse("kit", kit.model_dump_json()))
        except SecondRoundError as exc:
            body = {"title": exc.title, "status": exc.http_status, "detail": exc.message}
            put(sse("error", json.dumps(body)))
        except Exception:
            body = {"title": "Internal error", "status": 500, "detail": "The kit failed."}
            put(sse("error", json.dumps(body)))
        finally:
            put(None)

    worker = asyncio.ensure_future(anyio.to_thread.run_sync(run))
    try:
        while True:
            try:
                frame = await asyncio.wait_for(frames.get(), timeout=heartbeat_s)
            except TimeoutError:
                yield b": keep-alive\n\n"
                continue
            if frame is None:
                return
            yield frame
    finally:
        await worker


def _with_reader_timings(kit: InterviewKit, prepared: Prepared) -> InterviewKit:
    """Report the reader process's read/analyse times, as the CLI's kit would."""
    timings = kit.meta.timings_ms
    before = timings.get("read", 0.0) + timings.get("analyse", 0.0)
    timings["read"] = prepared.read_ms
    timings["analyse"] = prepared.analyse_ms
    if "total" in timings:
        timings["total"] = round(
            timings["total"] - before + prepared.read_ms + prepared.analyse_ms, 2
        )
    return kit


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)[:40] or "kit"
