"""Health of the embedded index on disk: damage checks, file stamps, error triage, and
the progress bar shown while indexing."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CORRUPTION_SIGNS = ("malformed", "not a database", "corrupt", "disk image", "no such table")


def file_stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def sqlite_damage(path: Path) -> str | None:
    """A reason when the embedded store's SQLite file is damaged, else None.

    ``quick_check`` reads every page (a few ms for a corpus-sized index) and catches a
    truncated or overwritten file before Chroma trips over it mid-query. Only errors
    that say the file is corrupt count: "locked" or "busy" mean another process is
    writing, and a journal left by a crashed writer is for Chroma to roll back.
    """
    if not path.exists():
        return None
    if path.stat().st_size == 0:
        return "empty database file"
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return str(exc) if looks_corrupt(exc) else None
    if rows and rows[0][0] == "ok":
        return None
    return str(rows[0][0]) if rows else "integrity check returned nothing"


def looks_corrupt(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(sign in text for sign in CORRUPTION_SIGNS)


def is_connection_error(exc: BaseException) -> bool:
    """Refused, reset, timed out or unresolvable: chromadb and httpx word these variously."""
    if isinstance(exc, (OSError, TimeoutError)):
        return True
    names = " ".join(cls.__name__ for cls in type(exc).__mro__)
    text = str(exc).lower()
    return any(n in names for n in ("ConnectError", "Timeout", "RemoteProtocolError")) or any(
        t in text for t in ("could not connect", "connection refused", "connection reset")
    )


def short_error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


@contextlib.contextmanager
def progress_bar(enabled: bool, total: int) -> Iterator[Any]:
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "Indexing guidance",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("embed", total=total)
        yield lambda n: bar.advance(task, n)
