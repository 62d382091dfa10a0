"""What one server process holds: the engine, reader processes, limits, templates.

Built once in the app's lifespan from the settings and shared by every request; each
uvicorn worker process builds its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

import anyio.to_thread

from secondround.core.guidance.index import GuidanceQuery
from secondround.core.pipeline import Engine
from secondround.core.settings import Settings

from .kits import KitService
from .limits import KitSlots, RateLimiter
from .parsing import ParsePool

logger = logging.getLogger("secondround.server")


@dataclass
class Services:
    settings: Settings
    engine: Engine
    pool: ParsePool
    slots: KitSlots
    rate_limiter: RateLimiter
    kits: KitService
    warm_up: asyncio.Task[Exception | None]

    @property
    def warming_up(self) -> bool:
        return not self.warm_up.done()

    @property
    def warm_up_error(self) -> Exception | None:
        if not self.warm_up.done() or self.warm_up.cancelled():
            return None
        return self.warm_up.result()


def _warm_up_engine(engine: Engine) -> None:
    """Open (or build) the index and load the embedder before the first kit needs them."""
    engine.registry  # noqa: B018 - loads the plugins
    engine.ensure_index()
    engine.index.search([GuidanceQuery(text="probing achievements on the resume", k=1)])


async def _warm_up(engine: Engine) -> Exception | None:
    try:
        await anyio.to_thread.run_sync(_warm_up_engine, engine)
    except Exception as exc:
        # /readyz reports it; kit requests retry opening the index themselves.
        logger.error("warm-up failed", exc_info=exc)
        return exc
    finally:
        # Core prints repairs (a damaged index moved aside and rebuilt) on stderr as plain
        # text; the operator reads the JSON log, so say it there too. Notes name the data
        # dir, never an upload.
        for note in engine.index.notes if engine._index is not None else []:
            logger.warning(note, extra={"fields": {"event": "index_repaired"}})
    return None


async def start_services(settings: Settings) -> Services:
    engine = Engine(settings)
    pool = ParsePool(
        settings, size=settings.max_concurrent_kits, timeout_s=settings.parse_timeout_s
    )
    pool.start()
    slots = KitSlots(settings.max_concurrent_kits)
    warm_up = asyncio.get_running_loop().create_task(_warm_up(engine))
    return Services(
        settings=settings,
        engine=engine,
        pool=pool,
        slots=slots,
        rate_limiter=RateLimiter(),
        kits=KitService(engine, pool, slots),
        warm_up=warm_up,
    )


async def stop_services(services: Services) -> None:
    if not services.warm_up.done():
        services.warm_up.cancel()
        with contextlib.suppress(BaseException):
            await services.warm_up
    await services.pool.close()
