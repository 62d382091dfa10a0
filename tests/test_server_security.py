"""Keys, rate limits, security headers, CORS and logs that hold no personal data."""

from __future__ import annotations

import base64
import json
import logging
import secrets
import shutil
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from secondround.core.settings import Settings
from secondround.server import auth, run
from secondround.server.app import create_app
from secondround.server.kits import KitInput, KitService
from secondround.server.logs import JsonFormatter

API_KEY = "test-api-key-0123456789"
OTHER_KEY = "another-api-key-9876543210"
ADMIN_KEY = "test-admin-key-abcdefghij"


def wait_ready(client: TestClient) -> None:
    deadline = time.monotonic() + 60
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, client.get("/readyz").text
        time.sleep(0.1)


@pytest.fixture(scope="module")
def keyed_settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # Corpus uploads write to the index: a copy keeps the shared one pristine.
    data_dir = tmp_path_factory.mktemp("keyed-data")
    shutil.copytree(settings.data_dir, data_dir, dirs_exist_ok=True)
    return settings.model_copy(
        update={
            "data_dir": data_dir,
            "api_keys": f"{API_KEY},{OTHER_KEY}",
            "admin_keys": ADMIN_KEY,
            "max_concurrent_kits": 1,
        }
    )


@pytest.fixture(scope="module")
def keyed(keyed_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(keyed_settings)) as client:
        wait_ready(client)
        yield client


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


# --------------------------------------------------------------------------- keys


def test_api_routes_need_a_valid_key(keyed: TestClient) -> None:
    missing = keyed.get("/v1/rounds")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert missing.json()["title"] == "Authentication required"

    wrong = keyed.get("/v1/rounds", headers=bearer("not-the-key"))
    assert wrong.status_code == 403
    assert wrong.headers["content-type"] == "application/problem+json"

    assert keyed.get("/v1/rounds", headers=bearer(API_KEY)).status_code == 200
    assert keyed.get("/v1/rounds", headers={"X-API-Key": OTHER_KEY}).status_code == 200
    assert keyed.get("/v1/rounds", headers=bearer(ADMIN_KEY)).status_code == 200
    # Health checks stay open for load balancers.
    assert keyed.get("/healthz").status_code == 200
    assert keyed.get("/readyz").status_code == 200


def test_the_page_asks_a_browser_to_log_in(keyed: TestClient) -> None:
    page = keyed.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 401
    assert page.headers["www-authenticate"].startswith("Basic")
    assert page.headers["content-type"].startswith("text/html")
    assert "API key as the password" in page.text

    login = base64.b64encode(f"anyone:{API_KEY}".encode()).decode()
    ok = keyed.get("/", headers={"Authorization": f"Basic {login}", "Accept": "text/html"})
    assert ok.status_code == 200
    assert "<form" in ok.text
    # Basic (a browser's cached login) is for the page only, not the API.
    assert keyed.get("/v1/rounds", headers={"Authorization": f"Basic {login}"}).status_code == 401


def test_keys_are_compared_in_constant_time_against_every_key(
    keyed: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[bytes] = []
    real = secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append(b)
        return real(a, b)

    monkeypatch.setattr(auth.secrets, "compare_digest", spy)
    assert keyed.get("/v1/rounds", headers=bearer(API_KEY)).status_code == 200
    # Every configured key was compared, even though the first one matched.
    assert set(compared) >= {API_KEY.encode(), OTHER_KEY.encode()}
    assert auth.key_matches(OTHER_KEY, [API_KEY, OTHER_KEY])
    assert not auth.key_matches(OTHER_KEY[:-1], [API_KEY, OTHER_KEY])


def test_corpus_writes_need_an_admin_key(keyed: TestClient) -> None:
    guide = (
        b"---\ntitle: Our panel guide\npurposes: [panel]\n---\n# Our panel guide\n\n"
        b"## Quokka protocol\n\nEvery panel ends with the quokka protocol: each panelist "
        b"writes one sentence of evidence before any discussion of the candidate begins.\n"
    )
    files = {"files": ("panel-guide.md", guide, "text/markdown")}
    assert keyed.post("/v1/corpus/documents", files=files).status_code == 401
    assert (
        keyed.post("/v1/corpus/documents", files=files, headers=bearer(API_KEY)).status_code == 403
    )

    added = keyed.post("/v1/corpus/documents", files=files, headers=bearer(ADMIN_KEY))
    assert added.status_code == 200, added.text
    stats = added.json()
    assert stats["sources"] == ["user:panel-guide.md"] and stats["added"] >= 1

    found = keyed.get(
        "/v1/guidance/search", params={"q": "quokka protocol", "k": 1}, headers=bearer(API_KEY)
    ).json()
    assert "quokka" in found[0]["text"]


@pytest.mark.parametrize(
    ("filename", "status"),
    [("../evil.md", 400), ("..\\evil.md", 400), (".env.md", 400), ("tool.exe", 415)],
)
def test_corpus_upload_refuses_paths_and_unknown_types(
    keyed: TestClient, filename: str, status: int
) -> None:
    files = {
        "files": (filename, b"# Title\n\nSome guidance text for interviewers.\n", "text/plain")
    }
    response = keyed.post("/v1/corpus/documents", files=files, headers=bearer(ADMIN_KEY))
    assert response.status_code == status, response.text


def test_corpus_writes_are_off_without_admin_keys(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"max_concurrent_kits": 1}))) as client:
        files = {"files": ("guide.md", b"# Guide\n\nText.\n", "text/markdown")}
        response = client.post("/v1/corpus/documents", files=files, headers=bearer("anything"))
        assert response.status_code == 403
        assert "SECONDROUND_ADMIN_KEYS" in response.json()["detail"]


# --------------------------------------------------------------------------- limits


def test_rate_limit_answers_429_with_retry_after(settings: Settings) -> None:
    limited = settings.model_copy(update={"rate_limit_per_minute": 3, "max_concurrent_kits": 1})
    with TestClient(create_app(limited)) as client:
        statuses = [client.get("/v1/rounds").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.get("/v1/rounds")
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["retry-after"]) >= 1
        assert client.get("/healthz").status_code == 200  # not rate limited


# --------------------------------------------------------------------------- headers


@pytest.fixture(scope="module")
def open_client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"max_concurrent_kits": 1}))) as client:
        wait_ready(client)
        yield client


@pytest.mark.parametrize("path", ["/", "/v1/rounds", "/healthz", "/v1/nothing", "/static/page.css"])
def test_security_headers_on_every_response(open_client: TestClient, path: str) -> None:
    headers = open_client.get(path).headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-request-id"]


def test_request_id_is_echoed_when_plain(open_client: TestClient) -> None:
    assert (
        open_client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    odd = open_client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert odd.headers["x-request-id"] != "bad id\twith spaces"


def test_no_cors_unless_configured(open_client: TestClient, settings: Settings) -> None:
    origin = {"Origin": "https://hr.example.com"}
    assert (
        "access-control-allow-origin" not in open_client.get("/v1/rounds", headers=origin).headers
    )
    cors = settings.model_copy(
        update={"cors_origins": "https://hr.example.com", "max_concurrent_kits": 1}
    )
    with TestClient(create_app(cors)) as client:
        allowed = client.get("/v1/rounds", headers=origin)
        assert allowed.headers["access-control-allow-origin"] == "https://hr.example.com"
        preflight = client.options(
            "/v1/kits",
            headers={**origin, "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
        other = client.get("/v1/rounds", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


# --------------------------------------------------------------------------- logs


def _formatted(records: list[logging.LogRecord]) -> str:
    formatter = JsonFormatter()
    return "\n".join(formatter.format(r) for r in records)


def test_logs_hold_no_personal_data(
    open_client: TestClient,
    make_text_resume: Callable[..., str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    resume = make_text_resume(
        name="Marguerite Okonkwo-Lindqvist",
        email="m.okonkwo@mailhost.test",
        phone="+44 20 7946 0958",
    )
    caplog.set_level(logging.DEBUG)
    response = open_client.post(
        "/v1/kits",
        files={"resume": ("Marguerite_Okonkwo_CV.txt", resume.encode(), "text/plain")},
        data={"count": "4", "job_text": "We need a Kafka expert for the Okonkwo account."},
        headers={"X-Request-ID": "req-logs-1"},
    )
    assert response.status_code == 200
    logged = _formatted(caplog.records) + "\n" + caplog.text
    for secret in ("Okonkwo", "Marguerite", "mailhost", "7946", "Kafka", "Airflow", "_CV"):
        assert secret not in logged
    access = [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name.endswith("access")
    ]
    line = next(a for a in access if a.get("request_id") == "req-logs-1")
    assert line["status"] == 200 and line["method"] == "POST" and line["path"] == "/v1/kits"
    assert line["count"] == 4 and line["round"] == "second"
    assert line["request_bytes"] > len(resume) and line["response_bytes"] == len(response.content)
    assert line["duration_ms"] > 0


def test_unexpected_errors_are_a_500_problem_without_details(
    open_client: TestClient,
    make_text_resume: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(self: KitService, kit_input: KitInput) -> None:
        # A bug whose message quotes the upload, as a parser's error might.
        raise RuntimeError(f"cannot parse {kit_input.request.resume_text!r}")

    monkeypatch.setattr(KitService, "build", broken)
    caplog.set_level(logging.DEBUG)
    response = open_client.post("/v1/kits", json={"resume_text": make_text_resume()})
    assert response.status_code == 500
    body = response.json()
    assert body["title"] == "Internal error" and body["request_id"] in body["detail"]
    assert "Jordan" not in response.text
    logged = _formatted(caplog.records) + caplog.text
    assert "RuntimeError" in logged and "Jordan" not in logged


# --------------------------------------------------------------------------- serve


def test_serve_warns_loudly_when_exposed_without_keys(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, object]] = []
    monkeypatch.setattr(run.uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(
        run,
        "get_settings",
        lambda: Settings(api_keys="", chroma_host="127.0.0.1:8001"),  # type: ignore[call-arg]
    )
    assert run.serve(host="0.0.0.0", port=8123, workers=2, reload=False) == 0
    assert "WARNING" in capsys.readouterr().err
    assert calls[0]["app"] == run.APP_FACTORY and calls[0]["factory"] is True
    assert calls[0]["workers"] == 2 and calls[0]["port"] == 8123

    assert run.serve(host="127.0.0.1") == 0
    assert "WARNING" not in capsys.readouterr().err
    monkeypatch.setattr(run, "get_settings", lambda: Settings(api_keys="k1"))  # type: ignore[call-arg]
    assert run.serve(host="0.0.0.0") == 0
    assert "WARNING" not in capsys.readouterr().err
