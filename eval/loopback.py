"""A real ``secondround serve`` on a free loopback port, for the load benches.

eval/bench_load.py, scripts/load_test.py and scripts/bench_server.py all measure the
HTTP API from outside, the way a client sees it: each starts the server in its own
process, waits until ``/readyz`` answers, and stops it when done.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    data_dir: Path,
    log_path: Path,
    env: Mapping[str, str] | None = None,
    ready_s: float = 180,
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the server and return it with its URL once ``/readyz`` says ready.

    ``env`` is the server's whole environment (this process's when None). The benches'
    clients all come from one address, so the per-client rate limit is off unless
    ``env`` sets it. Raises RuntimeError with the end of the server's log if it exits
    or never gets ready."""
    import httpx

    port = free_port()
    environment = {"SECONDROUND_RATE_LIMIT_PER_MINUTE": "0", **(os.environ if env is None else env)}
    environment["SECONDROUND_DATA_DIR"] = str(data_dir)
    command = [sys.executable, "-m", "secondround.core.cli", "serve"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ready_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log_path.read_text()[-2000:]}")
        try:
            if httpx.get(url + "/readyz", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(
        f"the server did not get ready in {ready_s:g} s:\n{log_path.read_text()[-2000:]}"
    )


def stop_server(process: subprocess.Popen[bytes], grace_s: float = 30) -> None:
    """Ask the server to stop; kill it if it has not within ``grace_s`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
