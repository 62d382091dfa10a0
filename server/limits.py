"""Limits that keep one client or one file from holding the server.

- ``read_body``: refuses a declared Content-Length over the cap before reading a
  byte, and counts while reading, so no more than the cap is ever held in memory.
- ``RateLimiter``: a token bucket per client (API key, else address); off at 0.
- ``KitSlots``: at most ``max_concurrent_kits`` kit builds at once per process;
  a request waits briefly for a slot, then gets 503 with Retry-After.
- ``BatchLimits`` / ``BatchSlots`` / ``check_zip_directory``: what one
  ``POST /v1/batches`` may send, how many batches run at once, and a zip's central
  directory bounded before ``zipfile`` parses it.
"""

from __future__ import annotations

import asyncio
import math
import struct
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

    def check(self, client: str, per_minute: int, cost: int = 1) -> None:
        """Take ``cost`` tokens (a batch of resumes costs one per resume), or 429."""
        if per_minute <= 0:
            return
        cost = max(1, min(cost, per_minute))  # never more than a full bucket holds
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
            if bucket.tokens >= cost:
                bucket.tokens -= cost
                return
            wait = math.ceil((cost - bucket.tokens) / rate)
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
    async def slot(self, wait_s: float | None = None) -> AsyncIterator[None]:
        """Hold one build slot; ``wait_s`` (default: the slots' own) bounds the wait."""
        wait = self._wait_s if wait_s is None else wait_s
        try:
            await asyncio.wait_for(self._semaphore.acquire(), timeout=wait)
        except TimeoutError:
            error = ServerBusy(
                f"All {self.size} kit builds are in use and none freed up within "
                f"{wait:g} s; try again in a few seconds."
            )
            error.headers = {"Retry-After": "2"}  # type: ignore[attr-defined]
            raise error from None
        try:
            yield
        finally:
            self._semaphore.release()


# --------------------------------------------------------------------------- batches


@dataclass(frozen=True)
class BatchLimits:
    """What one ``POST /v1/batches`` may hold; each resume also stays within
    ``max_upload_bytes``. The app keeps one in ``app.state.batch_limits``."""

    max_files: int = 50
    # The request body (files and archive as sent) and the resumes once unpacked.
    max_body_bytes: int = 25 * 1024 * 1024
    max_unpacked_bytes: int = 25 * 1024 * 1024
    # Entries in an archive's directory (folders and hidden files included).
    max_zip_entries: int = 1000
    max_concurrent: int = 2
    # Resumes of one batch read and built at once (each in one kit slot).
    parallel: int = 2
    # How long a batch's next resume waits for a kit slot before it fails with 503.
    slot_wait_s: float = 120.0


class BatchSlots:
    """At most ``size`` batches at once in this process; one more gets 503 at once.

    A plain counter, not a semaphore: nothing waits, and the event loop is the only
    thread that touches it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.active = 0

    def acquire(self) -> None:
        if self.active >= self.size:
            error = ServerBusy(
                f"This server already runs {self.size} batches, its limit; try again in a "
                "minute, or send fewer resumes to POST /v1/kits one at a time."
            )
            error.headers = {"Retry-After": "30"}  # type: ignore[attr-defined]
            raise error
        self.active += 1

    def release(self) -> None:
        self.active = max(0, self.active - 1)


_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
# A central-directory entry is 46 bytes plus its name, extra field and comment.
_MAX_DIRECTORY_BYTES_PER_ENTRY = 1024


def check_zip_directory(data: bytes, max_entries: int, label: str) -> None:
    """Refuse an archive whose directory lists more than ``max_entries`` entries, or
    takes more room than that many would, before ``zipfile`` builds an object per
    entry: a directory of a million tiny entries fits in a small upload.

    The end record is found as ``zipfile`` finds it (at the very end, else the last
    signature in the final 64 KB), zip64 sizes included, so both read the same numbers.
    """
    if len(data) >= 22 and data[-22:-18] == _EOCD and data[-2:] == b"\0\0":
        end = len(data) - 22
    else:
        start = max(0, len(data) - (65535 + 22))
        found = data.rfind(_EOCD, start)
        if found < 0 or len(data) - found < 22:
            raise InvalidRequest(
                f"'{label}' is not a zip archive; send resumes as 'resume' files, or one "
                "archive made by a zip tool as 'archive'."
            )
        end = found
    entries, directory_bytes = struct.unpack("<xxxxxxxxxxHI", data[end : end + 16])
    locator = end - 20
    if locator >= 0 and data[locator : locator + 4] == _EOCD64_LOCATOR:
        record = locator - 56
        if record >= 0 and data[record : record + 4] == _EOCD64:
            entries, directory_bytes = struct.unpack("<QQ", data[record + 32 : record + 48])
    if entries > max_entries or directory_bytes > max_entries * _MAX_DIRECTORY_BYTES_PER_ENTRY:
        raise InvalidRequest(
            f"'{label}' lists more than the {max_entries} entries an archive may hold here; "
            "split it into smaller archives."
        )
