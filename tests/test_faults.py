"""Faults in what the service depends on: it bends, says so, and recovers by itself.

- the model endpoint down, stalling or talking nonsense: the kit is still served, by
  the offline composer, with a warning;
- the Chroma server stopped mid-run: 503 with a clear sentence, then answers again as
  soon as it is back, with no restart of ours;
- a damaged or half-written embedded index: detected, moved aside, rebuilt, and the
  user told; two indexing processes at once; a ``kill -9`` in the middle of indexing;
- and the retrieval and API behaviour run against both backends: the embedded store
  and a real ``chroma run`` on loopback.
"""

from __future__ import annotations

import http.server
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from secondround.core import cli
from secondround.core.errors import IndexUnavailable
from secondround.core.guidance.corpus import builtin_documents, chunk_documents
from secondround.core.guidance.index import GuidanceIndex, GuidanceQuery
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import Registry, build_registry
from secondround.core.settings import Settings
from secondround.server.app import create_app
from tests.chroma_server import ChromaServer, chroma_server, free_port  # noqa: F401
from tests.conftest import text_resume

# Rebuilding the whole built-in corpus embeds ~100 passages (10-15 s on two cores); the
# fault tests that rebuild use the first few documents, which is the same code path.
SMALL_CORPUS = builtin_documents()[:3]


def small_corpus_registry(settings: Settings) -> Registry:
    registry = build_registry(settings)
    registry.corpus_documents = list(SMALL_CORPUS)
    return registry


def wait_ready(client: TestClient, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, client.get("/readyz").text
        time.sleep(0.1)


def problem(response: Any, status: int, type_name: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"urn:secondround:problem:{type_name}"
    return str(body["detail"])


# --------------------------------------------------------------------------- the model


class FakeModelServer:
    """A tiny local HTTP server that fails the way model endpoints fail.

    ``slow``: answers only after ``delay`` seconds (past the client's timeout);
    ``garbage``: answers at once with broken JSON (plain and as a server-sent stream).
    """

    def __init__(self, mode: str, delay: float = 5.0) -> None:
        self.requests = 0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                outer.requests += 1
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                if mode == "slow":
                    time.sleep(delay)
                streamed = b'"stream": true' in body or b'"stream":true' in body
                if streamed:
                    payload = b'data: {"choices": [{"delta": {"content": "{\\"questions\\": [{"\n\n'
                    payload += b"data: {not json at all\n\ndata: [DONE]\n\n"
                    content_type = "text/event-stream"
                else:
                    payload, content_type = (
                        b'{"id": "x", "choices": [{"message": ',
                        "application/json",
                    )
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting, as it should

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def registry_with_openai(settings: Settings) -> Registry:
    """The registry, with the ``llm`` generator even before it has an entry point."""
    registry = build_registry(settings)
    if "llm" in registry.generators:
        return registry
    try:
        from secondround.plugins import generator_openai
    except ImportError:
        pytest.skip("the openai generator (plugins/generator_openai.py) is not there yet")
    return build_registry(settings, extra=[("generator_openai", generator_openai)])


@pytest.fixture(params=["down", "slow", "garbage"])
def model_endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    pytest.importorskip("openai", reason="the openai package (the llm extra) is not installed")
    if request.param == "down":
        yield f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
        return
    server = FakeModelServer(request.param)
    try:
        yield server.base_url
    finally:
        server.close()


def llm_settings(settings: Settings, base_url: str) -> Settings:
    return settings.model_copy(
        update={
            "llm_base_url": base_url,
            "llm_model": "tiny-test-model",
            "llm_timeout_s": 1.0,
            "llm_retries": 1,
            "generator": None,
            "today": None,
        }
    )


def test_a_failing_model_still_gives_a_kit_with_a_warning(
    settings: Settings, model_endpoint: str
) -> None:
    configured = llm_settings(settings, model_endpoint)
    assert configured.default_generator == "llm"
    engine = Engine(configured, registry=registry_with_openai(configured))
    started = time.perf_counter()
    kit = engine.build_kit(KitRequest(resume_text=text_resume(), count=6))
    elapsed = time.perf_counter() - started
    assert len(kit.questions) == 6
    assert all(e.quote for q in kit.questions for e in q.evidence)
    fallback = [w for w in kit.warnings if w.code == "generator_fallback"]
    assert fallback, [w.model_dump() for w in kit.warnings]
    assert "offline composer" in fallback[0].message
    # Two attempts of at most 1 s each, a short backoff: the person waiting is not kept.
    assert elapsed < 10, elapsed


def test_a_garbage_model_over_http_still_serves_the_kit(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("openai", reason="the openai package (the llm extra) is not installed")
    server = FakeModelServer("garbage")
    try:
        configured = llm_settings(settings, server.base_url).model_copy(
            update={"max_concurrent_kits": 1}
        )
        registry = registry_with_openai(configured)
        monkeypatch.setattr("secondround.core.pipeline.get_registry", lambda _: registry)
        with TestClient(create_app(configured)) as client:
            wait_ready(client)
            response = client.post("/v1/kits", json={"resume_text": text_resume(), "count": 5})
        assert response.status_code == 200, response.text
        kit = response.json()
        assert len(kit["questions"]) == 5
        assert any(w["code"] == "generator_fallback" for w in kit["warnings"])
        assert server.requests >= 1
    finally:
        server.close()


# --------------------------------------------------------------------------- Chroma server


@pytest.mark.chroma_server
@pytest.mark.slow
def test_a_chroma_server_stopped_mid_run_gives_503_then_recovers(
    chroma_server: ChromaServer,  # noqa: F811
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("secondround.core.pipeline.get_registry", small_corpus_registry)
    remote = settings.model_copy(
        update={
            "data_dir": tmp_path / "data",
            "chroma_host": "127.0.0.1",
            "chroma_port": chroma_server.port,
            "max_concurrent_kits": 1,
        }
    )
    body = {"resume_text": text_resume(), "count": 4}
    with TestClient(create_app(remote)) as client:
        wait_ready(client)
        assert client.post("/v1/kits", json=body).status_code == 200

        chroma_server.stop()
        assert client.get("/healthz").status_code == 200
        detail = problem(client.post("/v1/kits", json=body), 503, "index-unavailable")
        assert f"127.0.0.1:{chroma_server.port} is not answering" in detail
        assert "chroma run" in detail
        problem(client.get("/v1/guidance/search", params={"q": "gap"}), 503, "index-unavailable")
        problem(client.get("/readyz"), 503, "index-unavailable")

        chroma_server.start()  # same port, same data: the operator brought it back
        deadline = time.monotonic() + 30
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, client.get("/readyz").text
            time.sleep(0.2)
        kit = client.post("/v1/kits", json=body)
        assert kit.status_code == 200, kit.text
        assert any(q["guidance"] for q in kit.json()["questions"])
        assert client.get("/v1/guidance/search", params={"q": "gap"}).status_code == 200


# --------------------------------------------------------------------------- damaged index


def damaged_copy(source: Path, target: Path, how: str) -> Path:
    shutil.copytree(source, target)
    database = target / "index" / "chroma.sqlite3"
    if how == "overwritten":
        # A crash or a bad disk mid-write: pages in the middle turn to noise.
        size = database.stat().st_size
        with database.open("r+b") as handle:
            for offset in range(4096, size - 4096, size // 8):
                handle.seek(offset)
                handle.write(os.urandom(2048))
    elif how == "empty":
        database.write_bytes(b"")  # created, never written
    elif how == "half-written":
        with database.open("r+b") as handle:
            handle.truncate(database.stat().st_size // 2)
    return target


@pytest.mark.parametrize("how", ["overwritten", "empty", "half-written"])
def test_a_damaged_index_is_rebuilt_and_the_cli_user_told(
    index_data_dir: Path,
    tmp_path: Path,
    how: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = damaged_copy(index_data_dir, tmp_path / "data", how)
    monkeypatch.setattr("secondround.core.pipeline.get_registry", small_corpus_registry)
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(data_dir))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.txt").write_text(text_resume(), encoding="utf-8")
    (data_dir / "guidance-cache.json").unlink(missing_ok=True)

    assert cli.main(["questions", "cv.txt", "--format", "json", "--count", "5"]) == 0
    captured = capsys.readouterr()
    kit = json.loads(captured.out)
    assert len(kit["questions"]) == 5
    assert "was damaged" in captured.err and "rebuilt" in captured.err
    assert len(list(data_dir.glob("index.damaged-*"))) == 1
    index = GuidanceIndex(Settings(data_dir=data_dir), SMALL_CORPUS)  # type: ignore[call-arg]
    assert index.count() == len(chunk_documents(SMALL_CORPUS))


def test_a_damaged_index_is_rebuilt_at_server_start_and_logged(
    settings: Settings,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("secondround.core.pipeline.get_registry", small_corpus_registry)
    data_dir = damaged_copy(settings.data_dir, tmp_path / "data", "overwritten")
    (data_dir / "guidance-cache.json").unlink(missing_ok=True)
    caplog.set_level(logging.WARNING, logger="secondround.server")
    damaged = settings.model_copy(update={"data_dir": data_dir, "max_concurrent_kits": 1})
    with TestClient(create_app(damaged)) as client:
        wait_ready(client)
        assert client.get("/readyz").json()["passages"] == len(chunk_documents(SMALL_CORPUS))
        kit = client.post("/v1/kits", json={"resume_text": text_resume(), "count": 4})
        assert kit.status_code == 200, kit.text
    repaired = [r for r in caplog.records if "was damaged" in r.getMessage()]
    assert repaired and repaired[0].levelno == logging.WARNING


def test_a_garbled_state_file_is_ignored(settings: Settings, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(settings.data_dir, data_dir)
    (data_dir / "index-state.json").write_text('{"generation": "many", "managed_hash"')
    (data_dir / "guidance-cache.json").write_text("[1, 2")
    engine = Engine(settings.model_copy(update={"data_dir": data_dir}))
    kit = engine.build_kit(KitRequest(resume_text=text_resume(), count=4))
    assert len(kit.questions) == 4 and any(q.guidance for q in kit.questions)


# --------------------------------------------------------------------------- processes

INDEX_SLOWLY = """
    import sys
    from pathlib import Path
    from secondround.core.guidance import index as retrieval
    from secondround.core.guidance.corpus import builtin_documents
    from secondround.core.embeddings import get_embedder
    from secondround.core.settings import Settings

    # Small batches, each announced, so the parent can kill us between two of them; no
    # shipped vectors, so every batch goes through the (announcing) embedder.
    retrieval._UPSERT_BATCH = 4
    retrieval.shipped_vectors = lambda: {}
    embedder = get_embedder()
    real_embed = embedder.embed

    def announced(texts):
        print("batch", flush=True)
        return real_embed(texts)

    embedder.embed = announced
    documents = builtin_documents()[: int(sys.argv[2])]
    index = retrieval.GuidanceIndex(Settings(data_dir=Path(sys.argv[1])), documents)
    index.ensure_ready()
    print("done", flush=True)
"""


@pytest.mark.slow
def test_kill_9_during_indexing_leaves_a_consistent_index(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(INDEX_SLOWLY), str(tmp_path), "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    batches = 0
    for line in process.stdout:
        batches += line.strip() == "batch"
        if batches == 2:  # some passages written, most not
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    documents = builtin_documents()[:4]
    chunks = chunk_documents(documents)
    index = GuidanceIndex(Settings(data_dir=tmp_path), documents)  # type: ignore[call-arg]
    # The half-done run left no "corpus indexed" mark, so the next start finishes it.
    stats = index.ensure_ready()
    assert stats is not None and stats.added > 0
    assert 0 < stats.unchanged < len(chunks)
    collection = index._open()
    stored = collection.get(include=[])["ids"]
    assert sorted(stored) == sorted(c.id for c in chunks)  # none missing, none twice
    [found] = index.search([GuidanceQuery("asking about an employment gap", k=2)])
    assert len(found) == 2
    assert index.ensure_ready() is None  # and it now knows it is current


INDEX_CLI = [sys.executable, "-m", "secondround.core.cli", "index", "guidance"]


@pytest.mark.slow
def test_two_secondround_index_runs_at_once_add_each_passage_once(
    settings: Settings, tmp_path: Path
) -> None:
    # Like tests/test_retrieval.py's two processes, through the command people run.
    data_dir = tmp_path / "data"
    shutil.copytree(settings.data_dir, data_dir)
    folder = tmp_path / "guidance"
    folder.mkdir()
    for n in range(3):
        (folder / f"guide-{n}.md").write_text(
            f"# Guide {n}\n\n" + f"Rule {n}: write notes within {n + 1} hours. " * 12 + "\n"
        )
    before = GuidanceIndex(settings.model_copy(update={"data_dir": data_dir}), []).count()
    env = {**os.environ, "SECONDROUND_DATA_DIR": str(data_dir)}
    runs = [
        subprocess.Popen(INDEX_CLI, cwd=tmp_path, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    index = GuidanceIndex(settings.model_copy(update={"data_dir": data_dir}), [])
    from secondround.core.guidance.corpus import load_user_documents

    expected = len(chunk_documents(load_user_documents([folder]), "user"))
    assert index.count() == before + expected
    [found] = index.search([GuidanceQuery("write notes within 2 hours", k=1)])
    assert found[0].source.startswith("user:guidance/guide-")


# --------------------------------------------------------------------------- both backends


@pytest.fixture(scope="module", params=["embedded", "chroma-server"])
def backend(
    request: pytest.FixtureRequest,
    settings: Settings,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Settings]:
    """Settings over the built-in corpus in the embedded store, or in a `chroma run`."""
    if request.param == "embedded":
        data_dir = tmp_path_factory.mktemp("embedded")
        shutil.copytree(settings.data_dir, data_dir, dirs_exist_ok=True)
        yield settings.model_copy(update={"data_dir": data_dir, "max_concurrent_kits": 1})
        return
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "data")
    try:
        remote = settings.model_copy(
            update={
                "data_dir": tmp_path_factory.mktemp("client"),
                "chroma_host": "127.0.0.1",
                "chroma_port": server.port,
                "max_concurrent_kits": 1,
            }
        )
        copy_index(settings, remote)
        yield remote
    finally:
        server.stop()


def managed_documents(settings: Settings) -> list:
    """What the engine indexes: built-in guidance plus any installed plugin's."""
    return build_registry(settings).corpus_documents


def copy_index(source: Settings, target: Settings) -> None:
    """Load the built embedded index into the server as-is (embedding again takes ~15 s)."""
    documents = managed_documents(source)
    stored = GuidanceIndex(source, documents)._open()
    rows = stored.get(include=["embeddings", "documents", "metadatas"])
    collection = GuidanceIndex(target, documents)._open()
    for start in range(0, len(rows["ids"]), 64):
        end = start + 64
        collection.add(
            ids=rows["ids"][start:end],
            embeddings=rows["embeddings"][start:end],
            documents=rows["documents"][start:end],
            metadatas=rows["metadatas"][start:end],
        )
    collection.modify(metadata=dict(stored.metadata or {}))


@pytest.fixture(scope="module")
def backend_client(backend: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(backend)) as client:
        wait_ready(client)
        yield client


def test_backend_index_is_current_and_answers_by_purpose(backend: Settings) -> None:
    documents = managed_documents(backend)
    index = GuidanceIndex(backend, documents)
    assert index.ensure_ready() is None  # built once, current for the next process
    assert index.count() == len(chunk_documents(documents))
    [salary, gap] = index.search(
        [
            GuidanceQuery("what pay range do you expect", purpose="salary_expectations", k=2),
            GuidanceQuery("a year-long gap between jobs", purpose="concern", k=3),
        ]
    )
    assert len(salary) == 2 and all("salary_expectations" in p.purposes for p in salary)
    assert len(gap) == 3 and all("concern" in p.purposes for p in gap)
    assert salary[0].score >= salary[1].score


def test_backend_user_documents_are_added_once_and_replaced(backend: Settings) -> None:
    from secondround.core.guidance.corpus import CorpusDocument

    index = GuidanceIndex(backend, managed_documents(backend))
    own = CorpusDocument(
        source="user:backend-rules.md",
        text="# Backend rules\n\nEvery ocelot interview ends with a written scorecard.",
    )
    before = index.count()
    first = index.add_documents([own])
    again = index.add_documents([own])
    assert (first.added, again.added, again.unchanged) == (1, 0, 1)
    revised = own.model_copy(update={"text": own.text.replace("scorecard", "score sheet")})
    stats = index.add_documents([revised])
    assert (stats.added, stats.removed, index.count()) == (1, 1, before + 1)
    [found] = index.search([GuidanceQuery("ocelot interview scorecard", k=1)])
    assert found[0].source == "user:backend-rules.md" and "score sheet" in found[0].text


def test_backend_serves_kits_and_search_over_the_api(backend_client: TestClient) -> None:
    kit = backend_client.post("/v1/kits", json={"resume_text": text_resume(), "count": 6})
    assert kit.status_code == 200, kit.text
    questions = kit.json()["questions"]
    assert len(questions) == 6
    assert any(q["guidance"] for q in questions)
    found = backend_client.get(
        "/v1/guidance/search", params={"q": "pay range", "k": 2, "purpose": "salary_expectations"}
    )
    assert found.status_code == 200
    assert [len(found.json())] == [2]
    assert all("salary_expectations" in p["purposes"] for p in found.json())
    ready = backend_client.get("/readyz").json()
    assert ready["passages"] >= len(chunk_documents(builtin_documents()))


def test_unreachable_backend_is_reported_in_one_sentence(settings: Settings) -> None:
    # The error a user sees when SECONDROUND_CHROMA_HOST points at nothing.
    remote = settings.model_copy(
        update={"chroma_host": f"127.0.0.1:{free_port()}", "data_dir": settings.data_dir}
    )
    with pytest.raises(IndexUnavailable) as caught:
        GuidanceIndex(remote, builtin_documents()).ensure_ready()
    message = str(caught.value)
    assert message.count(". ") == 0 and message.endswith(".")
    assert "not answering" in message and "SECONDROUND_CHROMA_HOST" in message
