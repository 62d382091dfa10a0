"""FastAPI dependencies: settings, the shared services, and access checks.

Tests override :func:`get_settings` (``app.dependency_overrides``) rather than
patching a global; ``create_app(settings)`` does the same for a given Settings.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from secondround.core.pipeline import Engine
from secondround.core.settings import Settings, get_settings

from .auth import check_admin_key, check_api_key, key_matches, presented_credential
from .kits import KitService
from .limits import client_address
from .services import Services

__all__ = ["get_settings"]

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_engine(services: ServicesDep) -> Engine:
    return services.engine


def get_kit_service(services: ServicesDep) -> KitService:
    return services.kits


EngineDep = Annotated[Engine, Depends(get_engine)]
KitServiceDep = Annotated[KitService, Depends(get_kit_service)]


def rate_limit_client(request: Request, settings: Settings) -> str:
    """The bucket a request counts against: a valid key's, else the address's.

    Only a key that checks out gets its own bucket, so sending made-up keys neither
    dodges the limit nor makes guessing keys any faster.
    """
    credential = presented_credential(request)
    keys = settings.api_key_list + settings.admin_key_list
    if credential is not None and keys and key_matches(credential.key, keys):
        return credential.client_id
    return client_address(request)


def charge_rate_limit(
    request: Request, settings: Settings, services: Services, cost: int = 1
) -> None:
    """Take ``cost`` requests from the client's bucket, or raise 429."""
    services.rate_limiter.check(
        rate_limit_client(request, settings), settings.rate_limit_per_minute, cost=cost
    )


def api_access(request: Request, settings: SettingsDep, services: ServicesDep) -> None:
    """Every /v1 route: rate limit, then an API key when the server has any."""
    charge_rate_limit(request, settings, services)
    check_api_key(request, settings)


def page_access(request: Request, settings: SettingsDep, services: ServicesDep) -> None:
    """The upload page: as the API, but a browser may log in with HTTP Basic."""
    charge_rate_limit(request, settings, services)
    check_api_key(request, settings, browser=True)


def admin_access(request: Request, settings: SettingsDep, services: ServicesDep) -> None:
    """Corpus writes: rate limit, then an admin key, always."""
    charge_rate_limit(request, settings, services)
    check_admin_key(request, settings)
