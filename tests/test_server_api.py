"""The HTTP API through FastAPI's TestClient: every route and every error status."""

from __future__ import annotations

import asyncio
import io
import json
import re
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from secondround.core import cli
from secondround.core.errors import ServerBusy
from secondround.core.settings import Settings
from secondround.server.app import create_app
from secondround.server.limits import KitSlots

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4


def wait_ready(client: TestClient, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.1)
    raise AssertionError("the app did not get ready: " + client.get("/readyz").text)


@pytest.fixture(scope="module")
def api_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"max_concurrent_kits": 2})


@pytest.fixture(scope="module")
def client(api_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings)) as test_client:
        wait_ready(test_client)
        yield test_client


def assert_problem(response: httpx.Response, status: int, type_name: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["type"] == f"urn:secondround:problem:{type_name}"
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["instance"]
    assert body["request_id"] == response.headers["x-request-id"]
    return body


def without_timings(text: str) -> str:
    """The kit JSON with its timing values (different on every run) blanked."""
    return re.sub(r'"timings_ms": \{[^}]*\}', '"timings_ms": {}', text)


# --------------------------------------------------------------------------- kits


@pytest.mark.parametrize("kind", ["txt", "pdf"])
def test_kit_json_is_what_the_cli_writes(
    client: TestClient,
    index_data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_text_resume: Callable[..., str],
    make_pdf: Callable[..., bytes],
    kind: str,
) -> None:
    resume = make_text_resume()
    data = resume.encode() if kind == "txt" else make_pdf(resume.splitlines())
    resume_path = tmp_path / f"resume.{kind}"
    resume_path.write_bytes(data)
    out = tmp_path / "kit.json"
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(index_data_dir))
    args = [str(resume_path), "--round", "technical", "--count", "6", "--format", "json"]
    assert cli.main(["questions", *args, "--out", str(out)]) == 0

    response = client.post(
        "/v1/kits",
        files={"resume": (resume_path.name, data, "application/octet-stream")},
        data={"round": "technical", "count": "6"},
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    expected = out.read_text(encoding="utf-8")
    assert without_timings(response.text) == without_timings(expected)
    kit = response.json()
    assert len(kit["questions"]) == 6
    assert kit["meta"]["reader"] == ("pdf" if kind == "pdf" else "text")
    assert kit["meta"]["timings_ms"]["read"] > 0


def test_json_variant_takes_resume_text(
    client: TestClient, make_text_resume: Callable[..., str]
) -> None:
    response = client.post(
        "/v1/kits", json={"resume_text": make_text_resume(), "count": 4, "round": "behavioural"}
    )
    assert response.status_code == 200, response.text
    kit = response.json()
    assert kit["round"] == "behavioural"
    assert len(kit["questions"]) == 4
    quotes = [e["quote"] for q in kit["questions"] for e in q["evidence"]]
    assert quotes and all(q in make_text_resume() for q in quotes if q)


def test_json_variant_takes_a_json_resume(client: TestClient) -> None:
    json_resume = {
        "basics": {"name": "Sam Lee", "label": "Data Engineer"},
        "work": [
            {
                "name": "Northwind Logistics",
                "position": "Senior Data Engineer",
                "startDate": "2020-03",
                "highlights": [
                    "Led the migration of 40 batch pipelines to Airflow, cutting failures by 60%",
                    "Mentored three junior engineers",
                ],
            },
            {
                "name": "Contoso",
                "position": "Data Analyst",
                "startDate": "2016-01",
                "endDate": "2019-12",
                "highlights": ["Built the weekly revenue dashboard used by 12 regional teams"],
            },
        ],
        "skills": [{"name": "Data", "keywords": ["Python", "SQL", "Airflow"]}],
    }
    response = client.post("/v1/kits", json={"json_resume": json_resume, "count": 3})
    assert response.status_code == 200, response.text
    assert response.json()["meta"]["reader"] == "json_resume"


def test_markdown_by_accept_header_and_html_by_format(
    client: TestClient, make_text_resume: Callable[..., str]
) -> None:
    files = {"resume": ("cv.txt", make_text_resume().encode(), "text/plain")}
    as_json = client.post("/v1/kits", files=files, data={"count": "5"}).json()
    markdown = client.post(
        "/v1/kits", files=files, data={"count": "5"}, headers={"Accept": "text/markdown"}
    )
    assert markdown.status_code == 200
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# ")
    first_question = as_json["questions"][0]["text"]
    assert first_question.split()[0] in markdown.text

    page = client.post("/v1/kits", files=files, data={"count": "5", "format": "html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "<mark>" in page.text
    # The print page's one <style> is allowed by its hash; nothing else inline is.
    csp = page.headers["content-security-policy"]
    assert "'sha256-" in csp and "unsafe-inline" not in csp


# --------------------------------------------------------------------------- kit errors


def test_missing_resume_is_400(client: TestClient) -> None:
    response = client.post("/v1/kits", files={"job": ("job.txt", b"x" * 100, "text/plain")})
    body = assert_problem(response, 400, "invalid-request")
    assert "resume" in str(body["detail"])


@pytest.mark.parametrize("count", ["0", "99", "many"])
def test_count_out_of_range_is_400(
    client: TestClient, make_text_resume: Callable[..., str], count: str
) -> None:
    files = {"resume": ("cv.txt", make_text_resume().encode(), "text/plain")}
    response = client.post("/v1/kits", files=files, data={"count": count})
    body = assert_problem(response, 400, "invalid-request")
    assert "count" in str(body["detail"])


def test_unknown_round_and_format_are_400(
    client: TestClient, make_text_resume: Callable[..., str]
) -> None:
    files = {"resume": ("cv.txt", make_text_resume().encode(), "text/plain")}
    body = assert_problem(
        client.post("/v1/kits", files=files, data={"round": "lunch"}), 400, "unknown-name"
    )
    assert "lunch" in str(body["detail"]) and "technical" in str(body["detail"])
    assert_problem(
        client.post("/v1/kits", files=files, data={"format": "pptx"}), 400, "unknown-name"
    )


def test_bad_json_bodies_are_400(client: TestClient) -> None:
    headers = {"Content-Type": "application/json"}
    assert_problem(
        client.post("/v1/kits", content=b"{not json", headers=headers), 400, "invalid-request"
    )
    assert_problem(client.post("/v1/kits", json={"count": 3}), 400, "invalid-request")
    both = {"resume_text": "a", "json_resume": {}}
    assert_problem(client.post("/v1/kits", json=both), 400, "invalid-request")


def test_elf_named_pdf_is_415(client: TestClient) -> None:
    response = client.post(
        "/v1/kits", files={"resume": ("resume.pdf", ELF_BYTES, "application/pdf")}
    )
    assert_problem(response, 415, "unsupported-file-type")


def test_unsupported_request_type_is_415(client: TestClient) -> None:
    response = client.post(
        "/v1/kits", content=b"plain words", headers={"Content-Type": "text/plain"}
    )
    assert_problem(response, 415, "unsupported-file-type")


def scanned_pdf() -> bytes:
    """A PDF holding only a picture of a page, as a scanner makes: no text layer."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (400, 560), "white")
    draw = ImageDraw.Draw(picture)
    for y in range(40, 520, 24):
        draw.rectangle((40, y, 360, y + 10), fill="black")  # lines of "text"
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=190)
    return bytes(pdf.output())


@pytest.mark.parametrize("kind", ["blank", "scanned"])
def test_pdf_without_text_is_422(
    client: TestClient, make_pdf: Callable[..., bytes], kind: str
) -> None:
    pdf = make_pdf([]) if kind == "blank" else scanned_pdf()
    response = client.post("/v1/kits", files={"resume": ("scan.pdf", pdf, "application/pdf")})
    body = assert_problem(response, 422, "unreadable-resume")
    assert "text" in str(body["detail"])


def test_oversized_upload_is_413_declared_or_streamed(api_settings: Settings) -> None:
    small = api_settings.model_copy(update={"max_upload_bytes": 10_000, "max_concurrent_kits": 1})
    with TestClient(create_app(small)) as client:
        big = b"Experience line with enough words to look like a resume.\n" * 2000
        declared = client.post("/v1/kits", files={"resume": ("cv.txt", big, "text/plain")})
        assert_problem(declared, 413, "input-too-large")

        def chunks() -> Iterator[bytes]:
            for _ in range(200):
                yield b"x" * 1000

        # No Content-Length: the limit is enforced while counting what arrives.
        streamed = client.post(
            "/v1/kits",
            content=chunks(),
            headers={"Content-Type": "multipart/form-data; boundary=abc"},
        )
        assert "content-length" not in {k.lower() for k in streamed.request.headers}
        assert_problem(streamed, 413, "input-too-large")


def test_a_reader_that_overruns_is_killed_and_replaced(
    api_settings: Settings, make_pdf: Callable[..., bytes], make_text_resume: Callable[..., str]
) -> None:
    hasty = api_settings.model_copy(update={"parse_timeout_s": 0.001, "max_concurrent_kits": 1})
    pdf = make_pdf(make_text_resume().splitlines(), pages=2)
    with TestClient(create_app(hasty)) as client:
        wait_ready(client)
        pool = client.app.state.services.pool  # type: ignore[attr-defined]
        first_pid = next(iter(pool._processes)).process.pid
        response = client.post("/v1/kits", files={"resume": ("cv.pdf", pdf, "application/pdf")})
        body = assert_problem(response, 422, "unreadable-resume")
        assert "took longer than" in str(body["detail"])
        assert pool.restarts == 1
        # A fresh process takes its place and serves the next upload in time.
        pool.timeout_s = 10.0
        ok = client.post("/v1/kits", files={"resume": ("cv.pdf", pdf, "application/pdf")})
        assert ok.status_code == 200, ok.text
        assert next(iter(pool._processes)).process.pid != first_pid


def test_full_build_slots_answer_503_busy() -> None:
    async def scenario() -> None:
        slots = KitSlots(1, wait_s=0.05)
        async with slots.slot():
            with pytest.raises(ServerBusy) as caught:
                async with slots.slot():
                    pass
        assert caught.value.http_status == 503
        async with slots.slot():  # released again
            pass

    asyncio.run(scenario())


# --------------------------------------------------------------------------- catalog


def test_rounds_and_plugins_match_the_cli(
    client: TestClient,
    index_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(index_data_dir))
    assert cli.main(["rounds", "--json"]) == 0
    cli_rounds = json.loads(capsys.readouterr().out)
    assert cli.main(["plugins", "--json"]) == 0
    cli_plugins = json.loads(capsys.readouterr().out)

    assert client.get("/v1/rounds").json() == cli_rounds
    assert client.get("/v1/plugins").json() == cli_plugins
    assert {"second", "technical", "panel"} <= {r["name"] for r in cli_rounds}


def test_guidance_search(client: TestClient) -> None:
    response = client.get("/v1/guidance/search", params={"q": "employment gap", "k": 3})
    assert response.status_code == 200
    passages = response.json()
    assert len(passages) == 3
    assert all({"id", "text", "source", "score"} <= p.keys() for p in passages)

    filtered = client.get(
        "/v1/guidance/search", params={"q": "pay range", "k": 2, "purpose": "salary_expectations"}
    ).json()
    assert filtered and all("salary_expectations" in p["purposes"] for p in filtered)

    assert_problem(client.get("/v1/guidance/search"), 400, "invalid-request")
    assert_problem(
        client.get("/v1/guidance/search", params={"q": "x", "purpose": "gossip"}),
        400,
        "invalid-request",
    )
    assert_problem(
        client.get("/v1/guidance/search", params={"q": "x", "round": "lunch"}), 400, "unknown-name"
    )


# --------------------------------------------------------------------------- health


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready"
    assert ready["passages"] >= 100
    assert ready["reader_processes"] == 2


def test_unreachable_index_is_503(settings: Settings, make_text_resume: Callable[..., str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    unreachable = settings.model_copy(
        update={"chroma_host": "127.0.0.1", "chroma_port": closed_port, "max_concurrent_kits": 1}
    )
    with TestClient(create_app(unreachable)) as client:
        services = client.app.state.services  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while services.warming_up and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/healthz").status_code == 200
        body = assert_problem(client.get("/readyz"), 503, "index-unavailable")
        assert "Chroma server" in str(body["detail"])
        kit = client.post("/v1/kits", json={"resume_text": make_text_resume()})
        assert_problem(kit, 503, "index-unavailable")


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    assert_problem(client.get("/v1/nothing"), 404, "not-found")
    assert_problem(client.delete("/v1/rounds"), 405, "method-not-allowed")


def test_openapi_documents_both_kit_bodies(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/v1/kits"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= body.keys()
    schemas = spec["components"]["schemas"]
    assert schemas["KitJsonRequest"]["examples"]
    assert "InterviewKit" in schemas and "Problem" in schemas
    responses = spec["paths"]["/v1/kits"]["post"]["responses"]
    assert {"200", "400", "413", "415", "422", "429", "503"} <= responses.keys()
    assert "HTTPValidationError" not in schemas


def test_reader_processes_outlive_the_threads_that_waited_for_them(
    api_settings: Settings, monkeypatch: pytest.MonkeyPatch, make_text_resume: Callable[..., str]
) -> None:
    # Reader processes die with the thread that started them (PR_SET_PDEATHSIG); anyio
    # retires idle worker threads, here at once, so only the event loop may start them.
    from anyio._backends import _asyncio

    monkeypatch.setattr(_asyncio.WorkerThread, "MAX_IDLE_TIME", 0)
    with TestClient(create_app(api_settings)) as client:
        wait_ready(client)
        pool = client.app.state.services.pool  # type: ignore[attr-defined]
        deadline = time.monotonic() + 30
        while pool.ready < pool.size and time.monotonic() < deadline:
            time.sleep(0.05)
        pids = {p.process.pid for p in pool._processes}
        assert len(pids) == pool.size

        def post_kit(_: int) -> int:
            body = {"resume_text": make_text_resume(), "count": 3}
            return client.post("/v1/kits", json=body).status_code

        with ThreadPoolExecutor(4) as executor:  # several threads, then retired
            assert list(executor.map(post_kit, range(8))) == [200] * 8
        assert [post_kit(0) for _ in range(3)] == [200] * 3
        time.sleep(0.3)
        assert {p.process.pid for p in pool._processes if p.alive()} == pids
        assert pool.restarts == 0
