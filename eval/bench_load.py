"""Speed profile, part two: the HTTP API under load and a batch run (see bench.py).

Both are bounded and talk only to loopback:

* ``api_load``: a real ``secondround serve`` on a free 127.0.0.1 port, ``clients``
  concurrent clients posting the same PDF for ``seconds`` (at most ``max_requests``
  kits), ``/healthz`` polled five times a second meanwhile; the server is stopped at
  the end whatever happens. A single client's sequential latency, measured against the
  same server just before, is the baseline beside the in-process kit.
* ``batch_run``: ``secondround batch`` over ``count`` generated resumes (distinct names
  and lengths, see ``bench_resumes.drive_resumes``) with one worker and with two, each
  into its own output folder, each process killed after ``timeout`` seconds.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .loopback import start_server, stop_server

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
JOB = EXAMPLES / "jobs" / "platform-engineer.md"


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100), nearest rank; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank]


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the server's reader workers)."""
    total = 0
    try:
        pids = [pid] + [
            int(p)
            for p in os.listdir("/proc")
            if p.isdigit() and _ppid(int(p)) == pid  # one level: uvicorn -> parse workers
        ]
    except OSError:
        return 0.0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live children."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid] + [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == pid]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total


def _ppid(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


async def _load(
    url: str, pdf: bytes, clients: int, seconds: float, max_requests: int
) -> dict[str, Any]:
    import httpx

    files = {"resume": ("resume.pdf", pdf, "application/pdf")}
    form = {"count": "12"}
    kits: list[float] = []
    errors: list[str] = []
    health: list[float] = []
    issued = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients + 2, max_keepalive_connections=clients + 2)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def one_client() -> None:
            nonlocal issued
            while time.perf_counter() < stop_at and issued < max_requests:
                issued += 1
                started = time.perf_counter()
                try:
                    response = await client.post("/v1/kits", files=files, data=form)
                    if response.status_code == 200:
                        kits.append((time.perf_counter() - started) * 1000)
                    else:
                        errors.append(str(response.status_code))
                except httpx.HTTPError as exc:
                    errors.append(type(exc).__name__)

        async def poll_health() -> None:
            while time.perf_counter() < stop_at and issued < max_requests:
                started = time.perf_counter()
                try:
                    response = await client.get("/healthz")
                    if response.status_code == 200:
                        health.append((time.perf_counter() - started) * 1000)
                    else:
                        errors.append(f"healthz {response.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"healthz {type(exc).__name__}")
                await asyncio.sleep(0.2)

        started = time.perf_counter()
        await asyncio.gather(poll_health(), *(one_client() for _ in range(clients)))
        wall = time.perf_counter() - started
    return {"kits_ms": kits, "errors": errors, "health_ms": health, "wall_s": wall}


def api_load(
    data_dir: Path,
    pdf: Path,
    env: dict[str, str],
    *,
    clients: int = 16,
    seconds: float = 30.0,
    max_requests: int = 2000,
    single: int = 10,
) -> dict[str, Any]:
    """Latency of ``POST /v1/kits`` with ``clients`` concurrent clients, on loopback."""
    import httpx

    data = pdf.read_bytes()
    # The bench's clients share one address: a per-client limit would refuse them.
    server_env = {**env, "SECONDROUND_RATE_LIMIT_PER_MINUTE": "0"}
    process, url = start_server(data_dir, data_dir.parent / "api-server.log", server_env, 120)
    try:
        files = {"resume": ("resume.pdf", data, "application/pdf")}
        with httpx.Client(base_url=url, timeout=60) as client:
            for _ in range(3):  # warm-up: reader workers, model, guidance cache
                client.post("/v1/kits", files=files, data={"count": "12"}).raise_for_status()
            one = []
            for _ in range(single):
                started = time.perf_counter()
                client.post("/v1/kits", files=files, data={"count": "12"}).raise_for_status()
                one.append((time.perf_counter() - started) * 1000)
            idle_health = []
            for _ in range(20):
                started = time.perf_counter()
                client.get("/healthz").raise_for_status()
                idle_health.append((time.perf_counter() - started) * 1000)
        rss_before = _tree_rss_mb(process.pid)
        cpu_before = _tree_cpu_s(process.pid)
        loaded = asyncio.run(_load(url, data, clients, seconds, max_requests))
        cpu_after = _tree_cpu_s(process.pid)
        rss_after = _tree_rss_mb(process.pid)
    finally:
        stop_server(process)
    kits = loaded["kits_ms"]
    return {
        "clients": clients,
        "seconds": seconds,
        "wall_s": loaded["wall_s"],
        "requests": len(kits) + len(loaded["errors"]),
        "ok": len(kits),
        "errors": len(loaded["errors"]),
        "error_kinds": sorted(set(loaded["errors"])),
        "p50_ms": percentile(kits, 50),
        "p99_ms": percentile(kits, 99),
        "kits_per_s": len(kits) / loaded["wall_s"] if loaded["wall_s"] else 0.0,
        # The server's CPU (with its reader workers) per kit served during the load.
        "server_cpu_ms_per_kit": (cpu_after - cpu_before) * 1000 / max(1, len(kits)),
        "single_p50_ms": statistics.median(one),
        "healthz_idle_p99_ms": percentile(idle_health, 99),
        "healthz_p50_ms": percentile(loaded["health_ms"], 50),
        "healthz_p99_ms": percentile(loaded["health_ms"], 99),
        "healthz_n": len(loaded["health_ms"]),
        "rss_before_mb": rss_before,
        "rss_after_mb": rss_after,
    }


def batch_run(
    data_dir: Path,
    work: Path,
    env: dict[str, str],
    *,
    count: int = 100,
    worker_counts: tuple[int, ...] = (1, 2),
    timeout: float = 900,
    log: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """``secondround batch`` over ``count`` resumes, once per worker count."""
    from .bench_resumes import drive_resumes

    source = work / "drive"
    source.mkdir(parents=True, exist_ok=True)
    resumes = drive_resumes(count)
    for name, data in resumes:
        (source / name).write_bytes(data)
    runs = []
    for workers in worker_counts:
        out = work / f"kits-{workers}"
        shutil.rmtree(out, ignore_errors=True)  # a rerun would skip every kit
        log(f"batch of {count} resumes, {workers} worker(s)")
        command = [sys.executable, "-m", "secondround.core.cli", "batch", str(source)]
        command += ["--job", str(JOB), "--out", str(out), "--workers", str(workers)]
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            env={**env, "SECONDROUND_DATA_DIR": str(data_dir)},
            timeout=timeout,
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # The command and its pool workers (reaped by it, so counted as its children).
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        kits = len([p for p in out.glob("*.md") if p.name != "summary.md"])
        # The command's own figure (workers started, kits, summary), without its own start-up.
        inner = re.search(r" in ([\d.]+) s; summary", done.stderr)
        runs.append(
            {
                "workers": workers,
                "code": done.returncode,
                "wall_s": wall,
                "kits": kits,
                "kits_per_min": kits / wall * 60 if wall else 0.0,
                "run_s": float(inner.group(1)) if inner else wall,
                "cpu_s": cpu,
                "stderr_tail": done.stderr[-300:],
            }
        )
    pages = sorted({_pages(d) for _, d in resumes})
    return {"count": count, "pages": pages, "runs": runs}


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()
