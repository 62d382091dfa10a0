"""Every error the API answers with is an RFC 9457 problem document.

Domain errors come from core (``SecondRoundError`` subclasses carry ``title``,
``http_status`` and a one-sentence ``message`` that says what to do); the server maps
them here, in one place. Browser routes get the same status with an HTML page instead
(see ``page_errors``), so a person at the upload form never sees JSON.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from secondround.core.errors import SecondRoundError

logger = logging.getLogger("secondround.server")

PROBLEM_MEDIA_TYPE = "application/problem+json"
# Stable identifiers, not links: RFC 9457 allows a type URI that is never fetched.
TYPE_PREFIX = "urn:secondround:problem:"

_HTTP_TITLES = {
    400: "Invalid request",
    401: "Authentication required",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Input too large",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}


def slug(name: str) -> str:
    """``UnsupportedFileType`` -> ``unsupported-file-type``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def request_id_of(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "")


def problem_body(
    request: Request,
    *,
    status: int,
    title: str,
    detail: str,
    type_name: str,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_PREFIX + type_name,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "request_id": request_id_of(request),
    }
    body.update(extra or {})
    return body


def problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        body, status_code=int(body["status"]), media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def error_headers(exc: BaseException) -> dict[str, str]:
    """Headers a client needs to act on the error: a retry delay, an auth scheme."""
    headers = dict(getattr(exc, "headers", None) or {})
    return {str(k): str(v) for k, v in headers.items()}


def _record(request: Request, type_name: str) -> None:
    # The access log says which problem it was; never the detail, which may quote a
    # resume's file name.
    request.state.log_problem = type_name


async def handle_domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SecondRoundError)
    status = exc.http_status
    type_name = slug(type(exc).__name__)
    _record(request, type_name)
    body = problem_body(
        request, status=status, title=exc.title, detail=exc.message, type_name=type_name
    )
    return await _respond(request, body, error_headers(exc))


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(e) for e in exc.errors()]
    listed = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "malformed request"
    body = problem_body(
        request,
        status=400,
        title="Invalid request",
        detail=f"Some fields are invalid ({listed}); correct them and send the request again.",
        type_name="invalid-request",
        extra={"errors": errors},
    )
    _record(request, "invalid-request")
    return await _respond(request, body, {})


async def handle_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    title = _HTTP_TITLES.get(status, "Request failed")
    detail = str(exc.detail) if exc.detail else title
    if status == 404:
        detail = f"There is nothing at {request.url.path}; see /docs for the API's routes."
    elif status == 405:
        detail = f"{request.method} is not allowed on {request.url.path}; see /docs."
    type_name = slug(title.title().replace(" ", ""))
    _record(request, type_name)
    body = problem_body(request, status=status, title=title, detail=detail, type_name=type_name)
    return await _respond(request, body, error_headers(exc))


def internal_error_body(request_id: str, path: str) -> dict[str, Any]:
    return {
        "type": TYPE_PREFIX + "internal-error",
        "title": "Internal error",
        "status": 500,
        "detail": "Something went wrong on the server; try again, and if it keeps happening "
        f"report it with the request id {request_id}.",
        "instance": path,
        "request_id": request_id,
    }


def _field_error(error: Any) -> dict[str, str]:
    location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
    return {"field": ".".join(location) or "request", "message": str(error.get("msg", ""))}


async def _respond(request: Request, body: dict[str, Any], headers: dict[str, str]) -> Response:
    renderer = getattr(request.app.state, "html_error_renderer", None)
    if renderer is not None and wants_html(request):
        response: Response = await renderer(request, body, headers)
        return response
    return problem_response(body, headers)


def wants_html(request: Request) -> bool:
    """Browser routes (outside /v1 and the health checks) answer errors with a page."""
    path = request.url.path
    if path.startswith(("/v1/", "/healthz", "/readyz", "/openapi", "/docs", "/redoc")):
        return False
    return "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    app.add_exception_handler(SecondRoundError, handle_domain_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
