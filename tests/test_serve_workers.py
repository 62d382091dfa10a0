"""``secondround serve --workers N``: several real worker processes on one `chroma run` server.

The main test starts a real Chroma server and a real ``secondround serve --workers 2`` on
loopback, sends kit requests at once, and checks what an operator would: every kit is
grounded in the resume and in the shared index, more than one worker process built them
(each JSON log line names its process, ``pid``), and SIGTERM stops the lot, reader
processes included. The others check that several workers on the embedded index, which
belongs to one process, are refused before anything listens.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from secondround.core import cli
from secondround.core.settings import Settings
from secondround.server import run
from tests.chroma_server import ChromaServer, chroma_server, free_port

__all__ = ["chroma_server"]  # the fixture, imported for the tests below

RESUMES = Path(__file__).resolve().parent.parent / "examples" / "resumes"
WORKERS = 2
BATCH = 6  # kit requests sent at once, more than one worker's build slots
ATTEMPTS = 5  # per kit, when the server answers 503 busy
COLLECTION = "serve-workers-guidance"
MAX_BATCHES = 3  # more only while a single worker has answered them all
STARTUP_TIMEOUT_S = 120.0
SHUTDOWN_TIMEOUT_S = 45.0


# --------------------------------------------------------------------------- helpers


def clean_environment(**env: str) -> dict[str, str]:
    """This environment without any SECONDROUND_* of the developer's, plus ``env``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    return {**base, **env}


def serve_command(port: int, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "secondround.core.cli", "serve"]
    return [*command, "--host", "127.0.0.1", "--port", str(port), *extra]


def log_entries(path: Path) -> list[dict[str, Any]]:
    entries = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("{"):
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
    return entries


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (Linux /proc), e.g. the workers and their readers."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_for(condition: Callable[[], bool], timeout: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            tail = log.read_text(errors="replace").splitlines()[-30:]
            raise AssertionError(f"timed out waiting for {what}:\n" + "\n".join(tail))
        time.sleep(0.2)


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def normalised(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- on a Chroma server


@pytest.fixture()
def served(
    chroma_server: ChromaServer, tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[bytes], str, Path]]:
    """``secondround serve --workers 2`` on the Chroma server; killed whatever happens."""
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = clean_environment(
        SECONDROUND_DATA_DIR=str(tmp_path / "data"),
        SECONDROUND_CHROMA_HOST="127.0.0.1",
        SECONDROUND_CHROMA_PORT=str(chroma_server.port),
        SECONDROUND_COLLECTION=COLLECTION,
        SECONDROUND_GENERATOR="offline",
        SECONDROUND_RATE_LIMIT_PER_MINUTE="0",
        SECONDROUND_MAX_CONCURRENT_KITS="2",
        # Two cold workers, their readers and Chroma on a small shared machine: give a
        # first read more than the default 10 s before it counts as a stalled file.
        SECONDROUND_PARSE_TIMEOUT_S="60",
    )
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            serve_command(port, "--workers", str(WORKERS)),
            env=env,
            cwd=tmp_path,  # no .env from the working tree
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so nothing outlives the test
        )
    try:
        yield process, f"http://127.0.0.1:{port}", log_path
    finally:
        if process.poll() is None:
            with_group = [process.pid, *descendants(process.pid)]
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
            for pid in with_group:  # readers that left the group, if any
                if running(pid):
                    os.kill(pid, signal.SIGKILL)


def request_kit(url: str, number: int, resume: tuple[str, bytes, str]) -> httpx.Response:
    """POST one kit as a well-behaved client does: after a 503 (every build slot of the
    worker busy), wait the Retry-After it gives and try again, a few times at most."""
    name, data, media_type = resume
    for attempt in range(ATTEMPTS):
        # A client of its own per attempt: a new connection, which either worker may accept.
        with httpx.Client(base_url=url, timeout=120) as client:
            response = client.post(
                "/v1/kits",
                files={"resume": (name, data, media_type)},
                data={"round": "second", "count": "5"},
                headers={"X-Request-ID": f"workers-{number}-{attempt}"},
            )
        if response.status_code != 503:
            break
        time.sleep(float(response.headers.get("retry-after", "2")))
    return response


@pytest.mark.slow
@pytest.mark.chroma_server
def test_two_workers_share_one_chroma_server_and_stop_cleanly(
    served: tuple[subprocess.Popen[bytes], str, Path], chroma_server: ChromaServer
) -> None:
    process, url, log_path = served

    # Both workers have started their app (each says so in its own log lines) ...
    def worker_pids() -> set[int]:
        if process.poll() is not None:
            raise AssertionError("serve exited:\n" + log_path.read_text(errors="replace"))
        lines = log_entries(log_path)
        return {e["pid"] for e in lines if e["message"] == "Application startup complete."}

    wait_for(lambda: len(worker_pids()) == WORKERS, STARTUP_TIMEOUT_S, "both workers", log_path)
    workers = worker_pids()
    assert workers <= descendants(process.pid) and process.pid not in workers
    assert httpx.get(url + "/healthz", timeout=5).json() == {"status": "ok"}
    # ... and the index they built in the Chroma server answers.
    # (Each check is answered by whichever worker accepts it: keep the first "ready".)
    readiness: list[dict[str, Any]] = []

    def ready_answer() -> bool:
        try:
            response = httpx.get(url + "/readyz", timeout=5)
        except httpx.HTTPError:
            return False
        if response.status_code == 200:
            readiness.append(response.json())
        return bool(readiness)

    wait_for(ready_answer, STARTUP_TIMEOUT_S, "/readyz", log_path)
    ready = readiness[0]
    assert ready["status"] == "ready" and ready["passages"] > 100

    markdown = (RESUMES / "jordan-rivera.md").read_bytes()
    resumes = [
        ("jordan-rivera.md", markdown, "text/markdown"),
        ("jordan-rivera.pdf", (RESUMES / "jordan-rivera.pdf").read_bytes(), "application/pdf"),
    ]
    responses: dict[str, httpx.Response] = {}
    served_by: dict[str, int] = {}
    with ThreadPoolExecutor(max_workers=BATCH) as pool:
        for batch in range(MAX_BATCHES):
            numbers = range(batch * BATCH, (batch + 1) * BATCH)
            futures = [pool.submit(request_kit, url, n, resumes[n % 2]) for n in numbers]
            for future in futures:
                response = future.result()
                responses[response.headers["x-request-id"]] = response

            # Which process built each kit: the access line written under its request id.
            def logged() -> bool:
                access = [e for e in log_entries(log_path) if e.get("path") == "/v1/kits"]
                served_by.update({e["request_id"]: e["pid"] for e in access})
                return served_by.keys() >= responses.keys()

            wait_for(logged, 10, "the kits' access lines", log_path)
            if len(set(served_by.values())) > 1:
                break

    # Every kit was built, grounded in the resume and in the Chroma server's guidance.
    cited: set[str] = set()
    for request_id, response in responses.items():
        assert response.status_code == 200, (request_id, response.text)
        kit = response.json()
        assert len(kit["questions"]) == 5
        assert kit["meta"]["corpus_version"] == ready["corpus_version"]
        quotes = [e["quote"] for q in kit["questions"] for e in q["evidence"]]
        assert quotes and all(quotes)
        if kit["meta"]["reader"] != "pdf":
            resume_text = normalised(markdown.decode())
            assert all(normalised(quote) in resume_text for quote in quotes), quotes
        refs = [ref for q in kit["questions"] for ref in q["guidance"]]
        assert refs, request_id
        cited.update(ref["passage_id"] for ref in refs)
    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=chroma_server.port)
    stored = client.get_collection(COLLECTION).get(ids=sorted(cited), include=[])
    assert set(stored["ids"]) == cited  # the passages cited are the shared index's

    # More than one worker built kits, and only workers did (not the supervisor).
    pids = {served_by[request_id] for request_id in responses}
    assert len(pids) > 1, f"all {len(responses)} kits came from one process"
    assert pids <= workers
    # The log names no one from the uploads.
    log_text = log_path.read_text(errors="replace")
    assert "jordan.rivera@example.com" not in log_text and "Rivera" not in log_text

    # SIGTERM to the supervisor, as a service manager sends it: all processes end, exit 0.
    family = descendants(process.pid)
    assert workers < family  # the workers and their reader processes
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=SHUTDOWN_TIMEOUT_S) == 0
    wait_for(lambda: not any(map(running, family)), 10, "every child to exit", log_path)
    finished = [e for e in log_entries(log_path) if e["message"].startswith("Finished server")]
    assert {e["pid"] for e in finished} == workers  # each worker shut down, none was killed


# --------------------------------------------------------------------------- refusals


def test_several_workers_on_the_embedded_index_are_refused_before_listening(
    tmp_path: Path,
) -> None:
    port = free_port()
    env = clean_environment(SECONDROUND_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        serve_command(port, "--workers", "2"),
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "secondround: 2 workers cannot share the embedded guidance index" in done.stderr
    assert "SECONDROUND_CHROMA_HOST" in done.stderr and "--workers 1" in done.stderr
    assert not (tmp_path / "data" / "index").exists()  # nothing was opened or built
    assert not answers(f"http://127.0.0.1:{port}/healthz")


def test_worker_counts_serve_accepts_and_refuses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(run.uvicorn, "run", lambda app, **kw: calls.append(kw))

    def use(**values: Any) -> None:
        settings = Settings(_env_file=None, data_dir=tmp_path, **values)
        monkeypatch.setattr(run, "get_settings", lambda: settings)

    use(workers=3, chroma_host=None)  # SECONDROUND_WORKERS=3, embedded index
    assert cli.main(["serve"]) == 2
    assert "3 workers cannot share the embedded guidance index" in capsys.readouterr().err
    assert cli.main(["serve", "--workers", "0"]) == 2
    assert "--workers must be between 1 and 64, not 0" in capsys.readouterr().err
    assert calls == []

    assert cli.main(["serve", "--workers", "1"]) == 0  # one process owns the embedded index
    assert cli.main(["serve", "--reload", "--workers", "4"]) == 0  # reload is one process
    assert "--workers is ignored" in capsys.readouterr().err
    assert [c["workers"] for c in calls] == [1, None]

    use(chroma_host="127.0.0.1:8001")
    assert cli.main(["serve", "--workers", "4"]) == 0
    assert calls[-1]["workers"] == 4
    formatter = calls[-1]["log_config"]["formatters"]["json"]["()"]
    assert formatter == "secondround.server.run.ProcessJsonFormatter"
