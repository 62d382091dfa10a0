"""A small pool of pre-started reader processes, each killable on its own.

``concurrent.futures.ProcessPoolExecutor`` cannot stop one task: killing its worker
breaks the whole pool and fails every other request in flight. Here each request
checks out one process, sends it the upload over a pipe and waits up to
``parse_timeout_s``; a process that overruns or dies is killed and replaced in the
background, and only that request fails, with 422 (the file is the problem:
retrying the same file would stall again).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio.to_thread

from secondround.core.errors import SecondRoundError, ServerBusy, UnreadableResume
from secondround.core.settings import Settings

from .parse_worker import Prepared, PrepareJob

logger = logging.getLogger("secondround.server")

# A fresh process imports core and warms up in about a second; allow for a busy machine.
STARTUP_TIMEOUT_S = 60.0
# How long a request waits for a free reader process before 503.
CHECKOUT_WAIT_S = 15.0
RESPAWN_DELAY_S = 1.0


@dataclass
class _Outcome:
    kind: str  # ok | error | bug | timeout | crashed
    value: Any = None


class _ReaderProcess:
    """One reader process, talking over a socket pair.

    Started as ``python -m secondround.server.parse_worker`` rather than through
    multiprocessing: a spawned multiprocessing child re-imports the parent's main
    script, and a fork would copy the server's threads (Chroma, onnxruntime) in an
    unknown state.
    """

    def __init__(self, settings: Settings) -> None:
        parent_end, child_end = socket.socketpair()
        with child_end:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "secondround.server.parse_worker", str(child_end.fileno())],
                pass_fds=[child_end.fileno()],
                stdin=subprocess.DEVNULL,
            )
        self.conn = Connection(parent_end.detach())
        self.conn.send(settings)

    def wait_ready(self, timeout: float) -> bool:
        try:
            if self.conn.poll(timeout):
                message = self.conn.recv()
                return isinstance(message, tuple) and message[0] == "ready"
        except (EOFError, OSError):
            pass
        return False

    def call(self, job: PrepareJob, timeout: float) -> _Outcome:
        """Blocking: send one job and wait for its reply (run it in a thread)."""
        try:
            self.conn.send(job)
            if not self.conn.poll(timeout):
                return _Outcome("timeout")
            kind, value = self.conn.recv()
            return _Outcome(kind, value)
        except (EOFError, OSError):
            return _Outcome("crashed")

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.wait(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
            self.process.wait(timeout=2)
        if self.alive():
            self.kill()
        with contextlib.suppress(Exception):
            self.conn.close()


class ParsePool:
    """``size`` reader processes; :meth:`prepare` runs one job on one of them."""

    def __init__(self, settings: Settings, size: int, timeout_s: float) -> None:
        self.settings = settings
        self.size = size
        self.timeout_s = timeout_s
        self._idle: asyncio.Queue[_ReaderProcess] = asyncio.Queue()
        self._processes: set[_ReaderProcess] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.restarts = 0

    @property
    def ready(self) -> int:
        """Processes started and answering (busy or idle)."""
        return sum(1 for p in self._processes if p.alive())

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn_soon()

    def _spawn_soon(self, delay: float = 0.0) -> None:
        task = asyncio.get_running_loop().create_task(self._spawn(delay))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _spawn(self, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if self._closed:
            return
        # Started from the event loop's thread, which lives as long as the server: the
        # child asks the kernel to kill it when its parent thread ends (see parse_worker).
        process = _ReaderProcess(self.settings)
        ready = await anyio.to_thread.run_sync(process.wait_ready, STARTUP_TIMEOUT_S)
        if not ready:
            process.kill()
            logger.error("a reader process did not start; retrying")
            self._spawn_soon(RESPAWN_DELAY_S * 5)
            return
        if self._closed:
            process.stop()
            return
        self._processes.add(process)
        self._idle.put_nowait(process)

    async def wait_until_ready(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.ready < self.size and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return self.ready >= self.size

    async def _checkout(self) -> _ReaderProcess:
        deadline = time.monotonic() + CHECKOUT_WAIT_S
        while True:
            remaining = deadline - time.monotonic()
            try:
                process = await asyncio.wait_for(self._idle.get(), timeout=max(remaining, 0.001))
            except TimeoutError:
                error = ServerBusy(
                    "No reader process was free within "
                    f"{CHECKOUT_WAIT_S:g} s; try again in a few seconds."
                )
                error.headers = {"Retry-After": "2"}  # type: ignore[attr-defined]
                raise error from None
            if process.alive():
                return process
            self._replace(process)

    def _replace(self, process: _ReaderProcess) -> None:
        self._processes.discard(process)
        process.kill()
        self.restarts += 1
        self._spawn_soon(RESPAWN_DELAY_S if self.restarts > self.size else 0.0)

    async def prepare(self, job: PrepareJob) -> Prepared:
        """Read and analyse in a reader process, within the time limit."""
        process = await self._checkout()
        outcome: _Outcome | None = None
        try:
            outcome = await anyio.to_thread.run_sync(process.call, job, self.timeout_s)
        finally:
            if outcome is not None and outcome.kind in ("ok", "error", "bug"):
                self._idle.put_nowait(process)
            else:
                # Timed out, died, or the wait was cancelled mid-reply: start afresh.
                self._replace(process)
        assert outcome is not None
        return self._unwrap(outcome)

    def _unwrap(self, outcome: _Outcome) -> Prepared:
        if outcome.kind == "ok":
            assert isinstance(outcome.value, Prepared)
            return outcome.value
        if outcome.kind == "error":
            assert isinstance(outcome.value, SecondRoundError)
            raise outcome.value
        if outcome.kind == "timeout":
            logger.warning("reader process stopped after the time limit")
            raise UnreadableResume(
                f"Reading the file took longer than {self.timeout_s:g} s, so it was stopped; "
                "the file may be damaged or built to stall readers: export it again as PDF, "
                "DOCX or plain text and upload that."
            )
        if outcome.kind == "crashed":
            logger.warning("reader process died while reading an upload")
            raise UnreadableResume(
                "The reader stopped unexpectedly on this file; it may be damaged: export it "
                "again as PDF, DOCX or plain text and upload that."
            )
        logger.error("reader process failed", extra={"fields": {"error": str(outcome.value)}})
        raise RuntimeError("a reader process failed unexpectedly")

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        processes = list(self._processes)
        self._processes.clear()

        def stop_all() -> None:
            for process in processes:
                process.stop()

        await anyio.to_thread.run_sync(stop_all)
