"""Benchmark ``secondround serve``: kit latency and throughput, and health while loaded.

Starts the server on loopback (one uvicorn worker, default limits, rate limit off),
generates a realistic two-page PDF resume, then posts it to ``POST /v1/kits`` (offline
generator) from 1, 4 and 8 concurrent clients, about 10 s each, while a separate
process polls ``/healthz``. Prints p50/p95 latency and throughput per level and the
health check's p50/p95; exits 1 if any request failed.

    python scripts/bench_server.py [--seconds 10] [--data-dir DIR] [--json]

Without --data-dir the index is built in a temporary folder first (about 10 s).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from secondround.eval import loopback

LEVELS = (1, 4, 8)

RESUME_PAGE_ONE = [
    "Alex Morgan",
    "alex.morgan@example.com | +1 312 555 0187 | Chicago, IL | linkedin.com/in/alexmorgan",
    "",
    "Summary",
    "Platform engineer with nine years building data and payments infrastructure. Led "
    "migrations to Kubernetes and event streaming; mentors engineers and runs incident reviews.",
    "",
    "Experience",
    "Staff Platform Engineer, Lakeshore Payments, Chicago, IL, Apr 2021 - Present",
    "- Led the migration of 120 services from VMs to Kubernetes, cutting deploy time from "
    "45 minutes to 6 minutes",
    "- Designed the Kafka event backbone handling 3 billion events a day with 99.99% availability",
    "- Introduced blameless incident reviews; pages per on-call week fell by 40%",
    "- Managed a team of 6 engineers across two time zones",
    "Senior Software Engineer, Northwind Logistics, Chicago, IL, Jun 2018 - Mar 2021",
    "- Built the route-optimisation API in Go and PostgreSQL serving 2,000 requests a second",
    "- Reduced cloud spend by $400k a year by right-sizing clusters and adding autoscaling",
    "- Improved observability with OpenTelemetry tracing across 40 services",
    "Software Engineer, Contoso Retail, Madison, WI, Aug 2015 - May 2018",
    "- Developed inventory synchronisation jobs in Python and Airflow for 300 stores",
    "- Responsible for the migration of the order database to PostgreSQL",
]
RESUME_PAGE_TWO = [
    "Career break, Jun 2014 - Jul 2015: travelled and completed an online data science course",
    "Junior Developer, Fabrikam Software, Milwaukee, WI, Jan 2013 - May 2014",
    "- Maintained internal reporting tools in C# and SQL Server",
    "",
    "Projects",
    "Open-source: maintainer of kube-budget, a cost reporting tool with 1,200 GitHub stars",
    "",
    "Skills",
    "Go, Python, SQL, Kubernetes, Terraform, Kafka, PostgreSQL, Airflow, AWS, GCP, "
    "OpenTelemetry, Prometheus, gRPC",
    "",
    "Certifications",
    "Certified Kubernetes Administrator (CKA), 2020",
    "AWS Certified Solutions Architect - Associate, 2019 (expired 2022)",
    "",
    "Education",
    "BSc Computer Science, University of Wisconsin-Madison, 2009 - 2013",
]


def make_resume_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in (RESUME_PAGE_ONE, RESUME_PAGE_TWO):
        pdf.add_page()
        for line in page:
            if line in (
                "Summary",
                "Experience",
                "Projects",
                "Skills",
                "Certifications",
                "Education",
            ):
                pdf.set_font("Helvetica", "B", 13)
                pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
                pdf.set_font("Helvetica", size=11)
            else:
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def poll_health(url: str, conn: Connection) -> None:
    """Runs in its own process so the load generator does not skew its timings."""
    samples: list[float] = []
    errors = 0
    with httpx.Client(timeout=10) as client:
        while not conn.poll():
            started = time.perf_counter()
            try:
                ok = client.get(url + "/healthz").status_code == 200
            except httpx.HTTPError:
                ok = False
            samples.append((time.perf_counter() - started) * 1000)
            errors += 0 if ok else 1
            time.sleep(0.05)
    conn.send((samples, errors))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


async def load(url: str, pdf: bytes, clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[str] = []
    deadline = time.monotonic() + seconds

    async def client_loop(client: httpx.AsyncClient) -> None:
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                response = await client.post(
                    "/v1/kits",
                    files={"resume": ("resume.pdf", pdf, "application/pdf")},
                    data={"round": "second", "count": "8", "generator": "offline"},
                )
                if response.status_code != 200:
                    failures.append(f"{response.status_code} {response.text[:160]}")
                    continue
            except httpx.HTTPError as exc:
                failures.append(type(exc).__name__)
                continue
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(failures),
        "error_samples": failures[:3],
        "throughput_rps": round(len(latencies) / elapsed, 2),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies, default=float("nan")), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="per concurrency level")
    parser.add_argument("--data-dir", type=Path, help="a data dir holding a built index")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)

    pdf = make_resume_pdf()
    with tempfile.TemporaryDirectory(prefix="secondround-bench-") as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        server, url = loopback.start_server(data_dir, Path(scratch) / "server.log")
        try:
            asyncio.run(load(url, pdf, 1, 1.0))  # warm up: first kit loads everything
            context = multiprocessing.get_context("spawn")
            parent_end, child_end = context.Pipe()
            poller = context.Process(target=poll_health, args=(url, child_end))
            poller.start()
            results = [asyncio.run(load(url, pdf, n, args.seconds)) for n in LEVELS]
            parent_end.send("stop")
            samples, health_errors = parent_end.recv()
            poller.join(timeout=10)
        finally:
            loopback.stop_server(server)
    health = {
        "samples": len(samples),
        "errors": health_errors,
        "p50_ms": round(percentile(samples, 50), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "max_ms": round(max(samples, default=float("nan")), 1),
    }
    summary = {
        "pdf_bytes": len(pdf),
        "cpus": os.cpu_count(),
        "levels": results,
        "healthz_under_load": health,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"POST /v1/kits, 2-page PDF ({len(pdf)} bytes), offline generator, 8 questions")
        print(
            f"{'clients':>7} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
            f"{'p95 ms':>7} {'max ms':>7}"
        )
        for r in results:
            print(
                f"{r['clients']:>7} {r['requests']:>8} {r['errors']:>6} "
                f"{r['throughput_rps']:>7} {r['p50_ms']:>7} {r['p95_ms']:>7} {r['max_ms']:>7}"
            )
        print(
            f"GET /healthz during the load: {health['samples']} samples, "
            f"p50 {health['p50_ms']} ms, p95 {health['p95_ms']} ms, max {health['max_ms']} ms, "
            f"{health['errors']} errors"
        )
    failed = sum(r["errors"] for r in results) + health_errors
    for r in results:
        for sample in r["error_samples"]:
            print(f"error ({r['clients']} clients): {sample}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
