"""``secondround serve``: uvicorn on the app factory, settings from SECONDROUND_* / .env."""

from __future__ import annotations

import ipaddress
import logging
import sys
from pathlib import Path
from types import ModuleType

import uvicorn

from secondround.core.settings import Settings, get_settings

from .logs import log_config

logger = logging.getLogger("secondround.server")

APP_FACTORY = "secondround.server.app:create_app"


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: assume it is reachable from elsewhere


def exposure_warning(settings: Settings, host: str) -> str | None:
    """The loud warning for a server others can reach that asks no key, else None."""
    if is_loopback(host) or settings.api_key_list:
        return None
    bar = "!" * 78
    return (
        f"\n{bar}\n"
        f"WARNING: secondround is listening on {host}, reachable from other machines,\n"
        "and SECONDROUND_API_KEYS is empty: ANYONE who can reach this address can upload\n"
        "resumes and read the kits. Set SECONDROUND_API_KEYS=<long random key> (and\n"
        "SECONDROUND_ADMIN_KEYS for corpus uploads), or bind to 127.0.0.1.\n"
        f"{bar}\n"
    )


def serve(
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
    reload: bool | None = None,
) -> int:
    """Run the server until it is stopped; arguments left None come from the settings."""
    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    warning = exposure_warning(settings, host)
    if warning:
        print(warning, file=sys.stderr, flush=True)
        logger.warning("listening on a non-loopback address without API keys")
    # The folders of core, plugins and server (siblings in a source tree, not always).
    source_dirs = sorted({str(Path(m.__file__ or "").resolve().parent) for m in _packages()})
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=None if reload else workers,
        reload=bool(reload),
        reload_dirs=source_dirs if reload else None,
        log_config=log_config(settings.log_level),
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=30,
    )
    return 0


def _packages() -> list[ModuleType]:
    import secondround.core
    import secondround.plugins
    import secondround.server

    return [secondround.core, secondround.plugins, secondround.server]
