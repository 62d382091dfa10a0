"""OpenAPI pieces the routes share: problem responses and the extra schemas.

``POST /v1/kits`` reads its body itself (to cap its size and keep uploads in memory),
so its two request shapes are declared here for /docs rather than inferred.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from secondround.core.models import InterviewKit

from .problems import PROBLEM_MEDIA_TYPE
from .schemas import KitJsonRequest, KitMultipartRequest, Problem

REF = "#/components/schemas/{model}"
EXTRA_MODELS: tuple[type[BaseModel], ...] = (KitJsonRequest, KitMultipartRequest, Problem)

_DESCRIPTIONS = {
    400: "Invalid request: a missing resume, a bad field, an unknown round or format.",
    401: "No API key was sent and this server needs one.",
    403: "The key sent is not valid here (or not an admin key).",
    413: "The upload is over the size limit.",
    415: "The file's content is not a format secondround reads.",
    422: "The file could not be read as a resume (no text, damaged, too slow to read).",
    429: "Too many requests from this client; see Retry-After.",
    503: "The guidance index is unavailable or the server is busy; see Retry-After.",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {
        code: {
            "description": _DESCRIPTIONS.get(code, "Problem"),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": REF.format(model="Problem")}}},
        }
        for code in codes
    }


KIT_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {"$ref": REF.format(model="KitMultipartRequest")},
                "encoding": {"resume": {"contentType": "application/octet-stream"}},
            },
            "application/json": {
                "schema": {"$ref": REF.format(model="KitJsonRequest")},
            },
        },
    }
}

KIT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The interview kit: JSON by default, Markdown or HTML on request.",
        "content": {
            "application/json": {"schema": {"$ref": REF.format(model="InterviewKit")}},
            "text/markdown": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
        },
    },
    **problems(400, 401, 403, 413, 415, 422, 429, 503),
}


def install(app: FastAPI) -> None:
    """Generate the schema once, with the models only referenced by hand added."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        _drop_default_validation_responses(schema, components)
        models: tuple[type[BaseModel], ...] = (*EXTRA_MODELS, InterviewKit)
        for model in models:
            generated = model.model_json_schema(ref_template=REF)
            for name, definition in generated.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components.setdefault(model.__name__, generated)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _drop_default_validation_responses(schema: dict[str, Any], components: dict[str, Any]) -> None:
    """FastAPI documents a 422 for bad parameters; this API answers those with a 400 problem."""
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.get("responses", {}) if isinstance(operation, dict) else {}
            answer = responses.get("422", {})
            if "HTTPValidationError" in str(answer):
                responses.pop("422")
                responses.setdefault("400", problems(400)[400])
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
