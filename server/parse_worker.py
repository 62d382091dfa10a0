"""The child side of the reader processes: read and analyse one upload at a time.

Runs in a separate process (see ``parsing.ParsePool``) so that a file built to stall
or crash a reader costs that process, which the server kills and replaces, and never
a server worker. This module imports core only: a child starts in about a second.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from secondround.core.errors import SecondRoundError, UnreadableResume
from secondround.core.models import Analysis
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.reading.readers import read_document
from secondround.core.settings import Settings

# Address space for one reader process: far above what a 5 MB resume needs, low
# enough that a decompression bomb fails with MemoryError instead of the machine.
WORKER_MEMORY_BYTES = 1536 * 1024 * 1024

_WARM_UP_RESUME = """Experience
Engineer, Example Ltd, Jan 2019 - Present
- Built reporting tools in Python and SQL used by 40 analysts
Education
BSc Computer Science, Example University, 2015 - 2018
"""


@dataclass
class SideFile:
    """A job description or notes file, read with the same readers as a resume."""

    filename: str | None
    data: bytes


@dataclass
class PrepareJob:
    request: KitRequest
    job_file: SideFile | None = None
    notes_file: SideFile | None = None


@dataclass
class Prepared:
    """What the reader process hands back: the analysis and how long each step took."""

    analysis: Analysis
    job_text: str | None
    notes_text: str | None
    read_ms: float
    analyse_ms: float


def prepare(engine: Engine, job: PrepareJob) -> Prepared:
    """Read the resume (and side files), then analyse it: the work a hostile file can stall."""
    started = time.perf_counter()
    document = engine.read(job.request)
    read_ms = (time.perf_counter() - started) * 1000
    readers = engine.registry.readers
    job_text = job.request.job_text
    if job.job_file is not None:
        job_text = read_document(job.job_file.data, job.job_file.filename, readers).text
    notes_text = job.request.notes_text
    if job.notes_file is not None:
        notes_text = read_document(job.notes_file.data, job.notes_file.filename, readers).text
    request = replace(job.request, job_text=job_text, notes_text=notes_text)
    started = time.perf_counter()
    analysis = engine.analyse(document, request)
    analyse_ms = (time.perf_counter() - started) * 1000
    return Prepared(analysis, job_text, notes_text, round(read_ms, 2), round(analyse_ms, 2))


def _limit_memory() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = (
            WORKER_MEMORY_BYTES
            if hard == resource.RLIM_INFINITY
            else min(hard, WORKER_MEMORY_BYTES)
        )
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _bug_report(exc: BaseException) -> str:
    # The type and frames of an unexpected failure; not its message, which may quote input.
    frames = traceback.TracebackException.from_exception(exc)
    return "".join(frames.stack.format()) + type(exc).__qualname__


def _die_with_parent() -> None:
    """Linux: have the kernel kill this process when the server dies, even mid-parse.

    The signal follows the thread that started this process, so the server starts
    reader processes from its event loop's thread, never from a short-lived worker.
    """
    with contextlib.suppress(Exception):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def worker_main(conn: Connection, settings: Settings) -> None:
    """Serve jobs from ``conn`` until it closes or sends None."""
    _die_with_parent()
    _limit_memory()
    engine = Engine(settings)
    # Load the readers, lexicons and patterns now, not on the first upload.
    with contextlib.suppress(SecondRoundError):
        prepare(engine, PrepareJob(KitRequest(resume_text=_WARM_UP_RESUME)))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            reply: tuple[str, object] = ("ok", prepare(engine, job))
        except SecondRoundError as exc:
            reply = ("error", exc)
        except MemoryError:
            reply = (
                "error",
                UnreadableResume(
                    "The file needs more memory to read than a resume ever should; it may be "
                    "damaged: export it again as PDF, DOCX or plain text and upload that."
                ),
            )
        except Exception as exc:
            reply = ("bug", _bug_report(exc))
        try:
            conn.send(reply)
        except Exception as exc:  # e.g. an exception from a plugin that will not pickle
            conn.send(("bug", _bug_report(exc)))


def main(argv: list[str]) -> int:
    """``python -m secondround.server.parse_worker FD``: FD is this end of a socket pair."""
    conn = Connection(int(argv[1]))
    try:
        settings = conn.recv()
    except (EOFError, OSError):
        return 1
    if not isinstance(settings, Settings):
        return 2
    worker_main(conn, settings)
    return 0


if __name__ == "__main__":
    # Run from the module's real name, so what it pickles back unpickles in the server.
    from secondround.server import parse_worker

    raise SystemExit(parse_worker.main(sys.argv))
