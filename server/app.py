"""Assembles the app: middleware, error handlers, routers, static files, lifespan.

``create_app`` is the factory uvicorn runs (``secondround serve``, or
``uvicorn --factory secondround.server.app:create_app``); routes live in the
``routes_*`` modules, one per resource.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import metadata
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

from secondround.core.settings import Settings, get_settings

from . import (
    openapi_docs,
    problems,
    routes_after,
    routes_batches,
    routes_corpus,
    routes_debrief,
    routes_guidance,
    routes_health,
    routes_kits,
    routes_page,
    routes_plugins,
    routes_rounds,
    routes_stream,
)
from .headers import SecurityHeadersMiddleware
from .limits import BatchLimits
from .logs import RequestContextMiddleware
from .services import start_services, stop_services

DESCRIPTION = """\
Tailored, grounded second-round interview kits from a candidate's resume.

Upload a resume to `POST /v1/kits` and get the kit: each question tied to the exact
resume line it probes, with its purpose, follow-ups, what a strong answer shows and
the guidance it rests on. Errors are RFC 9457 problem documents
(`application/problem#json`). When the server has API keys, send one as
`Authorization: Bearer KEY` or `X-API-Key: KEY`.
""".replace("#json", "+json")


def _version() -> str:
    try:
        return metadata.version("secondround")
    except metadata.PackageNotFoundError:
        return "0"


def _settings_for(app: FastAPI) -> Settings:
    provider = app.dependency_overrides.get(get_settings, get_settings)
    settings = provider()
    assert isinstance(settings, Settings)
    return settings


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.services = await start_services(_settings_for(app))
    try:
        yield
    finally:
        await stop_services(app.state.services)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The ASGI app. ``settings`` defaults to ``SECONDROUND_*`` variables and ``.env``."""
    app = FastAPI(
        title="secondround",
        version=_version(),
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    if settings is not None:
        app.dependency_overrides[get_settings] = lambda: settings
    effective = settings or get_settings()

    problems.install(app)
    app.state.html_error_renderer = routes_page.render_error_page
    openapi_docs.install(app)

    for module in (
        routes_kits,
        routes_stream,
        routes_batches,
        routes_debrief,
        routes_rounds,
        routes_plugins,
        routes_guidance,
        routes_corpus,
        routes_health,
        routes_page,
        routes_after,
    ):
        app.include_router(module.router)
    app.include_router(routes_page.assets)
    routes_batches.configure(app, BatchLimits())
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")

    # Added innermost first: CORS, then request context, then security headers outermost
    # so that even the last-resort 500 carries them.
    if effective.cors_origin_list:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=effective.cors_origin_list,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After"],
            max_age=600,
        )
    app.add_middleware(RequestContextMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
