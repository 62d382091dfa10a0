"""Structured logs: one JSON line per request, and never a resume in them.

The access line carries the request id, method, path (no query string), status,
duration and byte counts, plus the round and count a kit route recorded. Nothing a
client sent as content is logged: no file names, no text, no exception messages
(a parser's message may quote the file); unexpected errors log their stack frames
and exception type only.
"""

from __future__ import annotations

import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import PROBLEM_MEDIA_TYPE, internal_error_body

logger = logging.getLogger("secondround.server")
access_logger = logging.getLogger("secondround.server.access")

REQUEST_ID_HEADER = "x-request-id"
# A client's own id is echoed only when it is short and plain, so it cannot smuggle
# text (or a line break) into the logs.
_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Request attributes a route may record for the access line (see ``log_fields``).
LOGGED_FIELDS = ("round", "count", "format", "audience", "generator", "problem", "reader")


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON object: time, level, logger, message, fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.exc_info[1] is not None:
            entry["error"] = safe_traceback(record.exc_info[1])
        return json.dumps(entry, default=str)


def safe_traceback(exc: BaseException) -> str:
    """The stack and the exception's type, without its message (it may quote input)."""
    frames = traceback.TracebackException.from_exception(exc, capture_locals=False)
    lines = list(frames.stack.format())
    return "".join(lines) + f"{type(exc).__module__}.{type(exc).__qualname__}"


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A logging dictConfig for uvicorn: JSON lines on stderr for ours and uvicorn's."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "secondround.server.logs.JsonFormatter"}},
        "handlers": {"default": handler},
        "loggers": {
            "secondround": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            # Our access line replaces uvicorn's, which would log query strings.
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            # Its parse warnings quote bytes of the body, which may be a resume's.
            "python_multipart": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


def new_request_id(given: str | None) -> str:
    if given and _SAFE_REQUEST_ID.match(given):
        return given
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Outermost middleware: request id, access log line, and the last-resort 500.

    Written as plain ASGI (not ``BaseHTTPMiddleware``) so it sees the real byte
    counts and can answer an unexpected exception itself: Starlette's own error
    middleware would re-raise it to the server, which logs its message.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        request_id = new_request_id(headers.get(REQUEST_ID_HEADER))
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        counts = {"in": 0, "out": 0, "status": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                counts["in"] += len(message.get("body", b""))
            return message

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                counts["status"] = message["status"]
                raw = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"
                ]
                raw.append((b"x-request-id", request_id.encode()))
                message["headers"] = raw
            elif message["type"] == "http.response.body":
                counts["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, send_with_id)
        except Exception as exc:
            # Frames and type only: the exception's message may quote the upload.
            logger.error(
                "unhandled error in request %s:\n%s",
                request_id,
                safe_traceback(exc),
                extra={"fields": {"request_id": request_id, "path": scope.get("path", "")}},
            )
            if counts["status"] == 0:
                await _send_internal_error(send_with_id, request_id, scope.get("path", ""))
            counts["status"] = counts["status"] or 500
        finally:
            fields: dict[str, Any] = {
                "request_id": request_id,
                "method": scope.get("method", ""),
                "path": scope.get("path", ""),
                "status": counts["status"],
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_bytes": counts["in"],
                "response_bytes": counts["out"],
            }
            for name in LOGGED_FIELDS:
                value = state.get(f"log_{name}")
                if value is not None:
                    fields[name] = value
            access_logger.info("request", extra={"fields": fields})


async def _send_internal_error(send: Send, request_id: str, path: str) -> None:
    body = json.dumps(internal_error_body(request_id, path)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def log_fields(request: Any, **values: Any) -> None:
    """Record safe request attributes (round, count, format...) for the access line."""
    for name, value in values.items():
        if name in LOGGED_FIELDS and value is not None:
            setattr(request.state, f"log_{name}", value)
