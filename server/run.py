"""``secondround serve``: uvicorn on the app factory, settings from SECONDROUND_* / .env.

Several workers (``--workers N``) are separate processes, each with its own engine,
reader processes and limits; they share nothing but the listening socket. So they must
share the guidance index through a Chroma server (``SECONDROUND_CHROMA_HOST``): the
embedded store is one process's, and ``serve`` refuses to start several on it.
Every JSON log line carries the ``pid`` of the process that wrote it, which tells the
workers apart. See docs/deploy.md.
"""

from __future__ import annotations

import ipaddress
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import uvicorn

from secondround.core.errors import InvalidRequest
from secondround.core.settings import Settings, get_settings

from .logs import JsonFormatter, log_config

logger = logging.getLogger("secondround.server")

APP_FACTORY = "secondround.server.app:create_app"
# The same bounds as SECONDROUND_WORKERS (core/settings.py), for the --workers flag too.
MAX_WORKERS = 64


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


class ProcessJsonFormatter(JsonFormatter):
    """JSON lines with the writing process's id, so several workers' lines can be told apart."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", None)
        record.fields = {"pid": record.process, **(fields if isinstance(fields, dict) else {})}
        return super().format(record)


def serve_log_config(level: str) -> dict[str, Any]:
    config = log_config(level)
    config["formatters"] = {"json": {"()": f"{__name__}.ProcessJsonFormatter"}}
    return config


def check_workers(settings: Settings, workers: int, reload: bool) -> None:
    """Raise :class:`InvalidRequest` for a worker count this configuration cannot run."""
    if not 1 <= workers <= MAX_WORKERS:
        raise InvalidRequest(f"--workers must be between 1 and {MAX_WORKERS}, not {workers}.")
    if workers == 1 or reload or settings.chroma_host is not None:
        return
    # Each worker would open its own embedded Chroma store on the same folder: Chroma's
    # embedded mode is meant for one process, and concurrent writers (a worker bringing
    # the corpus up to date, an admin's corpus upload) can damage it.
    raise InvalidRequest(
        f"{workers} workers cannot share the embedded guidance index in "
        f"{settings.index_dir}: it belongs to one process. Run a Chroma server and point "
        "the workers at it, e.g. `chroma run --path /var/lib/secondround/chroma --host "
        "127.0.0.1 --port 8001` and SECONDROUND_CHROMA_HOST=127.0.0.1:8001, or serve "
        "with --workers 1 (see docs/deploy.md)."
    )


def serve(
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
    reload: bool | None = None,
) -> int:
    """Run the server until it is stopped; arguments left None come from the settings.

    Refuses (:class:`InvalidRequest`, before binding the port) a worker count out of
    range, or several workers on the embedded index.
    """
    settings = get_settings()
    host = host or settings.host
    port = port or settings.port
    workers = settings.workers if workers is None else workers
    check_workers(settings, workers, bool(reload))
    if reload and workers > 1:
        print("secondround: --reload runs one process; --workers is ignored.", file=sys.stderr)
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
        log_config=serve_log_config(settings.log_level),
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
