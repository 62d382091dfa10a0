"""Limits that keep one client or one file from holding the server.

- ``read_body``: refuses a declared Content-Length over the cap before reading a
  byte, and counts while reading, so no more than the cap is ever held in memory.
- ``RateLimiter``: a token bucket per client (API key, else address); off at 0.
- ``KitSlots``: at most ``max_concurrent_kits`` kit builds at once per process;
  a request waits briefly for a slot, then gets 503 with Retry-After.
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from starlette.requests import ClientDisconnect, Request

from secondround.core.errors import InputTooLarge, InvalidRequest, ServerBusy, TooManyRequests

# Room for multipart framing and the small form fields beside a file at the cap.
FORM_OVERHEAD_BYTES = 64 * 1024
# How long a kit request waits for a free build slot before 503.
KIT_SLOT_WAIT_S = 5.0
# Buckets kept before idle, full ones are forgotten.
MAX_TRACKED_CLIENTS = 10_000


def megabytes(n: int) -> str:
    value = n / (1024 * 1024)
    return f"{value:.1f} MB" if value < 10 else f"{value:.0f} MB"


def too_large(limit: int) -> InputTooLarge:
    return InputTooLarge(
        f"The upload is larger than this server's limit of {megabytes(limit)}; send a "
        "smaller file (a resume rarely needs more than 1 MB)."
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, or InputTooLarge as soon as it is known to pass ``limit``."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise InvalidRequest("The Content-Length header is not a number; fix the client.")
        if int(declared) > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > limit:
                raise too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise InvalidRequest("The client closed the connection before the upload ended.") from None
    return b"".join(chunks)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets: ``per_minute`` requests a minute per client, bursts up to that."""

    def __init__(self) -> None:
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def check(self, client: str, per_minute: int) -> None:
        if per_minute <= 0:
            return
        now = time.monotonic()
        rate = per_minute / 60.0
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= MAX_TRACKED_CLIENTS:
                    self._forget_full(now, rate, per_minute)
                bucket = self._buckets[client] = _Bucket(float(per_minute), now)
            bucket.tokens = min(float(per_minute), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return
            wait = math.ceil((1.0 - bucket.tokens) / rate)
        error = TooManyRequests(
            f"This client sent more than {per_minute} requests in a minute; wait {wait} s "
            "and try again."
        )
        error.headers = {"Retry-After": str(wait)}  # type: ignore[attr-defined]
        raise error

    def _forget_full(self, now: float, rate: float, capacity: int) -> None:
        full = [
            k for k, b in self._buckets.items() if b.tokens + (now - b.updated) * rate >= capacity
        ]
        for key in full:
            del self._buckets[key]
        if len(self._buckets) >= MAX_TRACKED_CLIENTS:
            self._buckets.clear()


def client_address(request: Request) -> str:
    return "ip:" + (request.client.host if request.client else "unknown")


class KitSlots:
    """Caps concurrent kit builds in this process (each uvicorn worker has its own)."""

    def __init__(self, size: int, wait_s: float = KIT_SLOT_WAIT_S) -> None:
        self.size = size
        self._semaphore = asyncio.Semaphore(size)
        self._wait_s = wait_s

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        try:
            await asyncio.wait_for(self._semaphore.acquire(), timeout=self._wait_s)
        except TimeoutError:
            error = ServerBusy(
                f"All {self.size} kit builds are in use and none freed up within "
                f"{self._wait_s:g} s; try again in a few seconds."
            )
            error.headers = {"Retry-After": "2"}  # type: ignore[attr-defined]
            raise error from None
        try:
            yield
        finally:
            self._semaphore.release()
