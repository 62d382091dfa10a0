"""A bounded loopback load test of ``secondround serve``: errors, latency and memory.

Starts a real server (uvicorn, one worker) on 127.0.0.1 over a data dir with a built
index, then runs N concurrent clients for a fixed time, each sending a mix of resumes
(plain text, PDF, DOCX, JSON Resume; multipart and JSON) across the round types, with
a few guidance searches and health checks in between. The server's resident memory is
sampled every few seconds from /proc.

It passes (exit 0) when no response is a 5xx or a transport error, and the server's
memory at the end is at most 10% above what it was after the first minute (or, for a
run shorter than two minutes, after the first third of it).

    python scripts/load_test.py                      # 2 minutes, 16 clients
    python scripts/load_test.py --seconds 20 --clients 8 --json report.json

Only loopback addresses are used; every loop is bounded by the duration.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from secondround.eval import loopback

ROUNDS = ["second", "technical", "behavioural", "panel", "group"]
NAMES = ["Jordan Avery", "Priya Raman", "Tomás Ibarra", "Mei Chen", "Olu Adeyemi"]
EMPLOYERS = ["Harbor Analytics", "Bluefin Payments", "Northwind", "Kestrel Health", "Arbor Labs"]
BULLETS = [
    "Led the migration of 40 batch jobs to Airflow, cutting failed runs by 60%",
    "Mentored three junior engineers and ran the on-call rotation",
    "Designed a Kafka ingestion service handling 2 billion events a day",
    "Built the refunds API in Python and PostgreSQL used by 300 merchants",
    "Improved test coverage across the payments codebase",
    "Responsible for vendor relationships",
    "Cut average delivery time from 9 days to 4 across 12 depots",
]


def resume_lines(rng: random.Random) -> list[str]:
    name = rng.choice(NAMES)
    first, second = rng.sample(EMPLOYERS, 2)
    start = rng.randint(2012, 2019)
    return [
        name,
        f"{name.split()[0].lower()}@example.com | +1 415 555 01{rng.randint(10, 99)}",
        "",
        "Experience",
        f"Senior Engineer, {first}, Mar {start + 3} - Present",
        *(f"- {b}" for b in rng.sample(BULLETS, 3)),
        f"Engineer, {second}, Jan {start} - Aug {start + 2}",
        *(f"- {b}" for b in rng.sample(BULLETS, 2)),
        "",
        "Skills",
        "Python, SQL, PostgreSQL, Kafka, Airflow, Kubernetes",
        "",
        "Education",
        f"BSc Computer Science, University of Washington, {start - 4} - {start}",
    ]


def as_pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in lines:
        text = line.encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def as_docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_json_resume(lines: list[str]) -> dict[str, Any]:
    return {
        "basics": {"name": lines[0], "email": "someone@example.com"},
        "work": [
            {
                "name": lines[4].split(", ")[1],
                "position": "Senior Engineer",
                "startDate": "2020-03",
                "highlights": [b.removeprefix("- ") for b in lines[5:8]],
            }
        ],
        "skills": [{"name": "Python"}, {"name": "Kafka"}],
    }


def build_inputs(count: int = 8) -> list[tuple[str, dict[str, Any]]]:
    """(kind, httpx keyword arguments) for a mix of uploads, made once up front."""
    rng = random.Random(7)
    inputs: list[tuple[str, dict[str, Any]]] = []
    for n in range(count):
        lines = resume_lines(rng)
        text = "\n".join(lines)
        inputs += [
            ("txt", {"files": {"resume": (f"cv{n}.txt", text.encode(), "text/plain")}}),
            ("pdf", {"files": {"resume": (f"cv{n}.pdf", as_pdf(lines), "application/pdf")}}),
            (
                "docx",
                {"files": {"resume": (f"cv{n}.docx", as_docx(lines), "application/octet-stream")}},
            ),
            ("json", {"json": {"json_resume": as_json_resume(lines)}}),
            ("text-json", {"json": {"resume_text": text, "job_text": "Python and Kafka engineer"}}),
        ]
    return inputs


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    transport_errors: list[str] = field(default_factory=list)
    server_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, status: int, seconds: float, detail: str = "") -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status >= 500:
                self.server_errors.append(f"{kind} {status} {detail[:200]}")


def client_loop(url: str, deadline: float, seed: int, inputs: list[Any], results: Results) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=60) as client:
        while time.monotonic() < deadline:
            roll = rng.random()
            try:
                started = time.perf_counter()
                if roll < 0.08:
                    response = client.get("/healthz")
                    kind = "healthz"
                elif roll < 0.16:
                    response = client.get(
                        "/v1/guidance/search", params={"q": rng.choice(BULLETS), "k": 3}
                    )
                    kind = "search"
                else:
                    kind, request = rng.choice(inputs)
                    options = {"round": rng.choice(ROUNDS), "count": str(rng.randint(3, 10))}
                    if "json" in request:
                        body = {**request["json"], **options, "count": int(options["count"])}
                        response = client.post("/v1/kits", json=body)
                    else:
                        response = client.post("/v1/kits", files=request["files"], data=options)
                    kind = f"kit-{kind}"
                results.record(kind, response.status_code, time.perf_counter() - started,
                               response.text if response.status_code >= 500 else "")  # fmt: skip
            except httpx.HTTPError as exc:
                with results.lock:
                    results.transport_errors.append(f"{type(exc).__name__}: {exc}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_server(data_dir: Path, log_path: Path, slots: int) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "SECONDROUND_MAX_CONCURRENT_KITS": str(slots)}
    return loopback.start_server(data_dir, log_path, env)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(
    seconds: float, clients: int, data_dir: Path | None, slots: int, sample_s: float
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="secondround-load-") as scratch:
        if data_dir is None:
            data_dir = Path(scratch) / "data"
            from secondround.core.pipeline import Engine
            from secondround.core.settings import Settings

            print("building the guidance index ...", file=sys.stderr)
            Engine(Settings(data_dir=data_dir)).ensure_index()  # type: ignore[call-arg]
        log_path = Path(scratch) / "server.log"
        process, url = start_server(data_dir, log_path, slots)
        try:
            inputs = build_inputs()
            # Warm up: lexicons, the embedder, and each reader process once.
            with httpx.Client(base_url=url, timeout=60) as warm:
                for _, request in inputs[:5] * max(1, slots):
                    if "json" in request:
                        warm.post("/v1/kits", json=request["json"])
                    else:
                        warm.post("/v1/kits", files=request["files"])
            results = Results()
            started = time.monotonic()
            deadline = started + seconds
            threads = [
                threading.Thread(target=client_loop, args=(url, deadline, n, inputs, results))
                for n in range(clients)
            ]
            for thread in threads:
                thread.start()
            samples: list[tuple[float, float]] = []
            while any(t.is_alive() for t in threads):
                samples.append(
                    (round(time.monotonic() - started, 1), round(rss_mb(process.pid), 1))
                )
                time.sleep(sample_s)
            for thread in threads:
                thread.join(timeout=120)
            samples.append((round(time.monotonic() - started, 1), round(rss_mb(process.pid), 1)))
            elapsed = time.monotonic() - started
        finally:
            loopback.stop_server(process)
        logged_errors = [
            line for line in log_path.read_text().splitlines() if '"level": "error"' in line
        ]
    settle = 60.0 if seconds >= 120 else seconds / 3
    after_settle = [mb for t, mb in samples if t >= settle]
    reference = after_settle[0] if after_settle else samples[0][1]
    final = samples[-1][1]
    kits = [v for k, vs in results.latencies.items() if k.startswith("kit-") for v in vs]
    every = [v for vs in results.latencies.values() for v in vs]
    report: dict[str, Any] = {
        "seconds": round(elapsed, 1),
        "clients": clients,
        "requests": len(every),
        "throughput_rps": round(len(every) / elapsed, 1),
        "statuses": {str(k): v for k, v in sorted(results.statuses.items())},
        "server_errors": results.server_errors[:10],
        "transport_errors": results.transport_errors[:10],
        "logged_errors": logged_errors[:5],
        "kit_ms": {
            "count": len(kits),
            "p50": round(percentile(kits, 0.5) * 1000, 1) if kits else None,
            "p99": round(percentile(kits, 0.99) * 1000, 1) if kits else None,
            "mean": round(statistics.fmean(kits) * 1000, 1) if kits else None,
        },
        "per_kind_p50_ms": {
            k: round(percentile(v, 0.5) * 1000, 1) for k, v in sorted(results.latencies.items())
        },
        "rss_mb": {
            "samples": samples,
            "reference_at_s": settle,
            "reference": reference,
            "final": final,
            "growth_pct": round((final - reference) / reference * 100, 1) if reference else None,
        },
    }
    report["passed"] = (
        not results.server_errors
        and not results.transport_errors
        and bool(kits)
        and final <= reference * 1.10
    )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--slots", type=int, default=4, help="SECONDROUND_MAX_CONCURRENT_KITS")
    parser.add_argument("--sample", type=float, default=5.0, help="seconds between RSS samples")
    parser.add_argument("--data-dir", type=Path, help="a data dir with a built index (else built)")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("load_test.py measures memory through /proc: run it on Linux.", file=sys.stderr)
        return 2
    report = run(args.seconds, args.clients, args.data_dir, args.slots, args.sample)
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
