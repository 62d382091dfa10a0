"""Shared fixtures: settings over a guidance index built once per session, and inputs.

The real corpus index takes several seconds to build, so one session-wide data dir
holds it; tests that write to an index (corpus uploads) copy it first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from secondround.core.settings import Settings


@pytest.fixture(scope="session")
def index_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose guidance index already holds the built-in corpus."""
    from secondround.core.pipeline import Engine

    data_dir = tmp_path_factory.mktemp("secondround-data")
    Engine(Settings(data_dir=data_dir)).ensure_index()  # type: ignore[call-arg]
    return data_dir


@pytest.fixture(scope="session")
def settings(index_data_dir: Path) -> Settings:
    """Settings on the pre-built index: no .env, no keys, no CORS, no rate limit.

    Derive variants with ``settings.model_copy(update={...})``.
    """
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        data_dir=index_data_dir,
        api_keys="",
        admin_keys="",
        cors_origins="",
        rate_limit_per_minute=0,
    )


def text_resume(
    name: str = "Jordan Avery",
    email: str = "jordan.avery@example.com",
    phone: str = "+1 415 555 0134",
) -> str:
    """A small but realistic plain-text resume with contact details to look for in logs."""
    return f"""{name}
{email} | {phone} | San Francisco, CA

Experience
Senior Backend Engineer, Harbor Analytics, Mar 2021 - Present
- Led the migration of 40 batch jobs to Airflow, cutting failed runs by 60%
- Mentored three junior engineers and ran the on-call rotation
- Designed a Kafka ingestion service handling 2 billion events a day
Backend Engineer, Bluefin Payments, Jan 2017 - Aug 2020
- Built the refunds API in Python and PostgreSQL used by 300 merchants
- Improved test coverage across the payments codebase

Skills
Python, SQL, PostgreSQL, Kafka, Airflow, Kubernetes, Terraform

Education
BSc Computer Science, University of Washington, 2012 - 2016
"""


@pytest.fixture()
def make_text_resume() -> Callable[..., str]:
    return text_resume


def pdf_from_lines(lines: list[str], pages: int = 1) -> bytes:
    """A PDF with a real text layer, the lines repeated over ``pages`` pages."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.fixture()
def make_pdf() -> Callable[..., bytes]:
    return pdf_from_lines


# --------------------------------------------------------------------------- live server


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_live_server(data_dir: Path, log_path: Path, **env: str) -> LiveServer:
    """``secondround serve`` in a subprocess on a free loopback port, once it is ready."""
    port = free_port()
    environment = {
        **os.environ,
        "SECONDROUND_DATA_DIR": str(data_dir),
        "SECONDROUND_RATE_LIMIT_PER_MINUTE": "0",
        "SECONDROUND_MAX_CONCURRENT_KITS": "2",
        **env,
    }
    command = [sys.executable, "-m", "secondround.core.cli", "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    log = open(log_path, "wb")  # noqa: SIM115 - the server writes to it until stopped
    process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited:\n" + "\n".join(server.log_lines()[-30:]))
        try:
            if httpx.get(server.url + "/readyz", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_live_server(server)
    raise RuntimeError("the server did not get ready:\n" + "\n".join(server.log_lines()[-30:]))


def stop_live_server(server: LiveServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=10)


@pytest.fixture(scope="module")
def live_server(
    index_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    server = start_live_server(index_data_dir, tmp_path_factory.mktemp("live") / "server.log")
    try:
        yield server
    finally:
        stop_live_server(server)
