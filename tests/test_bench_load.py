"""The speed profile's API-load and batch rows: bounded, loopback only, rendered."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from secondround.eval.bench_load import api_load, batch_run, percentile
from secondround.eval.bench_report import render
from secondround.eval.bench_resumes import drive_resumes


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) == 0.0


def test_drive_resumes_are_distinct_and_deterministic() -> None:
    first = drive_resumes(4)
    assert [name for name, _ in first] == [name for name, _ in drive_resumes(4)]
    assert len({name for name, _ in first}) == 4
    assert len({data for _, data in first}) == 4
    assert all(name.endswith(".pdf") and data.startswith(b"%PDF") for name, data in first)


def _results() -> dict[str, object]:
    kit = {
        "chars": 5000,
        "warm_ms": {"total": 80.0, "cpu": 80.0},
        "cold_ms": {"total": 130.0},
        "extract_ms": 3.0,
        "embed_queries_ms": 50.0,
        "queries": 8,
        "memory_warm": {},
        "memory_cold": {},
        "rss_hwm_mb": 300.0,
    }
    return {
        "quick": True,
        "machine": "test",
        "load_before": (1.0, 1.0, 1.0),
        "load_after": (1.0, 1.0, 1.0),
        "index": {"index_s": 3.0, "total_s": 3.6, "import_s": 0.6, "chunks": 124},
        "kits": {"1": kit, "2": kit, "5": kit},
        "cli": {
            "python": [0.05, 0.04],
            "import": [0.07, 0.07],
            "help": [0.1, 0.1],
            "warm_cache": [1.0, 1.0],
            "no_cache": [2.0, 2.0],
            "first": [4.0, 4.0],
        },
        "corpus": [],
        "api": {
            "clients": 16,
            "seconds": 30.0,
            "wall_s": 30.0,
            "requests": 100,
            "ok": 100,
            "errors": 0,
            "error_kinds": [],
            "p50_ms": 400.0,
            "p99_ms": 900.0,
            "kits_per_s": 3.3,
            "single_p50_ms": 200.0,
            "healthz_idle_p99_ms": 2.0,
            "healthz_p50_ms": 5.0,
            "healthz_p99_ms": 30.0,
            "healthz_n": 150,
            "rss_before_mb": 900.0,
            "rss_after_mb": 910.0,
        },
        "batch": {
            "count": 100,
            "pages": [1, 2, 3],
            "runs": [
                {"workers": 1, "code": 0, "wall_s": 60.0, "run_s": 58.0, "kits": 100,
                 "kits_per_min": 100.0},
                {"workers": 2, "code": 0, "wall_s": 40.0, "run_s": 38.0, "kits": 100,
                 "kits_per_min": 150.0, "cpu_s": 25.0},
            ],
        },
    }  # fmt: skip


def test_report_has_the_issue_15_rows() -> None:
    results = _results()
    results["index"].update(embed_all_s=5.4, rss_hwm_mb=700.0)  # type: ignore[attr-defined]
    text = render(results)
    assert "`secondround --help` <= 0.2 s wall | 0.10 s (2.0x `python -c pass`) | yes" in text
    assert "| API p50 with 16 clients <= 120 ms | 400 ms (5.0x the in-process kit) | **no** |" in (
        text
    )
    assert "| `/healthz` p99 during the load < 20 ms | 30 ms | **no** |" in text
    assert "## Batch run (100 resumes, 2 cores)" in text
    assert "| 2 | 100 | 0 | 40.0 | 38.0 | 150 | 1.50 | 0.20 | 25.0 | 250 |" in text
    assert "| 1 | 100 | 0 | 60.0 | 58.0 | 100 | 1.00 | 0.13 | - | - |" in text
    assert "| queueing alone at that rate: 16 clients / kits per s, ms | 4848 |" in text
    # Without the new runs (an older raw file, or --api-seconds 0) the report still renders.
    for key in ("api", "batch"):
        del results[key]
    results["cli"].pop("help")  # type: ignore[attr-defined]
    assert "HTTP API under load" not in render(results)


@pytest.mark.slow
def test_api_load_and_batch_are_bounded_and_loopback(index_data_dir: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    data_dir = tmp_path / "data"
    shutil.copytree(index_data_dir, data_dir)
    pdf = tmp_path / "resume.pdf"
    pdf.write_bytes(drive_resumes(1)[0][1])
    api = api_load(data_dir, pdf, env, clients=2, seconds=2, max_requests=6, single=1)
    assert api["errors"] == 0 and 1 <= api["ok"] <= 6
    assert api["healthz_n"] >= 1 and api["p99_ms"] >= api["p50_ms"] > 0
    assert api["server_cpu_ms_per_kit"] > 0
    batch = batch_run(data_dir, tmp_path, env, count=3, worker_counts=(2,), timeout=300)
    (run,) = batch["runs"]
    assert run["code"] == 0 and run["kits"] == 3 and run["kits_per_min"] > 0
    assert run["cpu_s"] > 0
