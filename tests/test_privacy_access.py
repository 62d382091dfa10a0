"""Privacy and access: no resume on disk or in logs, keys on every route that needs one.

tests/test_server_security.py covers the basics through TestClient; here a real
uvicorn process runs with its own HOME, TMPDIR and data dir, and the file tree and the
JSON log are searched afterwards for anything from the resume. Keys are checked on
every route the app has, found by walking it, so a new route cannot be left open.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from secondround.core.settings import Settings
from secondround.server import auth
from secondround.server.app import create_app
from tests.conftest import (
    LiveServer,
    pdf_from_lines,
    start_live_server,
    stop_live_server,
    text_resume,
)

NAME = "Zephyrine Quixote-Marlowe"
EMAIL = "zephyrine.qm@privacy-probe.test"
PHONE = "+1 917 555 0172"
# What must never be found on disk or in a log line after the uploads below.
SECRETS = ("Zephyrine", "Quixote", "privacy-probe", "555 0172", "5550172", "Kestrelwood")


def probe_resume() -> str:
    return text_resume(name=NAME, email=EMAIL, phone=PHONE).replace(
        "Harbor Analytics", "Kestrelwood Analytics"
    )


def probe_docx(padding_bytes: int = 0) -> bytes:
    """The probe resume as DOCX, optionally padded with incompressible bytes."""
    import docx

    document = docx.Document()
    for line in probe_resume().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    if not padding_bytes:
        return buffer.getvalue()
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/media/padding.bin", os.urandom(padding_bytes))
    return buffer.getvalue()


def snapshot(*roots: Path) -> dict[Path, tuple[int, int]]:
    files: dict[Path, tuple[int, int]] = {}
    for root in roots:
        for folder, _, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                files[path] = (stat.st_size, stat.st_mtime_ns)
    return files


def holds_a_secret(path: Path) -> str | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le"):
            if secret.encode(encoding) in data:
                return secret
    return None


# --------------------------------------------------------------------------- no disk


@dataclass
class PrivateServer:
    server: LiveServer
    root: Path
    home: Path
    scratch: Path
    data_dir: Path


@pytest.fixture(scope="module")
def private_server(
    index_data_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrivateServer]:
    """A real server with its own HOME, TMPDIR and data dir, logging at DEBUG."""
    root = tmp_path_factory.mktemp("private")
    home, scratch, data_dir = root / "home", root / "tmp", root / "data"
    home.mkdir()
    scratch.mkdir()
    shutil.copytree(index_data_dir, data_dir)
    server = start_live_server(
        data_dir,
        root / "server.log",
        HOME=str(home),
        TMPDIR=str(scratch),
        XDG_CACHE_HOME=str(home / ".cache"),
        SECONDROUND_LOG_LEVEL="DEBUG",
    )
    try:
        yield PrivateServer(server, root, home, scratch, data_dir)
    finally:
        stop_live_server(server)


@pytest.mark.slow
def test_a_kit_build_over_http_writes_no_resume_to_disk(private_server: PrivateServer) -> None:
    server, root = private_server.server, private_server.root
    home, scratch, data_dir = private_server.home, private_server.scratch, private_server.data_dir
    system_tmp = Path(tempfile.gettempdir())
    before = snapshot(home, scratch, data_dir, system_tmp)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        uploads: list[dict[str, Any]] = [
            {"files": {"resume": ("zq-cv.pdf", pdf_from_lines(probe_resume().splitlines()))}},
            {"files": {"resume": ("zq-cv.docx", probe_docx(padding_bytes=3_000_000))}},
            {"files": {"resume": ("zq-cv.txt", probe_resume().encode())}},
            {"json": {"resume_text": probe_resume(), "notes_text": f"Call {PHONE}"}},
        ]
        for upload in uploads:
            response = client.post("/v1/kits", **upload)
            assert response.status_code == 200, response.text
            assert "Kestrelwood" in response.text  # the kit does quote the resume
        page = client.post(
            "/kit",
            files={"resume": ("zq.txt", probe_resume().encode(), "text/plain")},
            headers={"Accept": "text/html"},
        )
        assert page.status_code == 200
    after = snapshot(home, scratch, data_dir, system_tmp)
    changed = [p for p, stamp in after.items() if before.get(p) != stamp and p.name != "server.log"]
    leaks = {str(p): s for p in changed if (s := holds_a_secret(p))}
    assert not leaks, leaks
    # Only the index's own files may change; nothing appears in HOME or either temp dir.
    assert not [p for p in changed if p.is_relative_to(home) or p.is_relative_to(scratch)]
    outside_data = [
        p for p in changed if not p.is_relative_to(data_dir) and not p.is_relative_to(root)
    ]
    assert not [p for p in outside_data if holds_a_secret(p)]


def test_multipart_uploads_are_parsed_in_memory_never_spooled(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Starlette's own form parser rolls file parts over 1 MB to a temporary file; the
    # server's parser must not, whatever the size.
    spooled: list[str] = []

    def refuse(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            spooled.append(name)
            return real(*args, **kwargs)

        return wrapper

    with TestClient(create_app(settings.model_copy(update={"max_concurrent_kits": 1}))) as client:
        deadline = time.monotonic() + 60
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        for name in ("SpooledTemporaryFile", "TemporaryFile", "NamedTemporaryFile", "mkstemp"):
            monkeypatch.setattr(tempfile, name, refuse(name, getattr(tempfile, name)))
        big = probe_docx(padding_bytes=3_000_000)
        assert len(big) > 2_900_000
        response = client.post(
            "/v1/kits",
            files={"resume": ("cv.docx", big, "application/octet-stream")},
            data={"job_text": "Python engineer", "count": "4"},
        )
        assert response.status_code == 200, response.text
        page = client.post("/kit", files={"resume": ("cv.docx", big)})
        assert page.status_code == 200
    assert spooled == []


# --------------------------------------------------------------------------- logs


@pytest.mark.slow
def test_a_real_servers_log_holds_no_personal_data(private_server: PrivateServer) -> None:
    server = private_server.server
    with httpx.Client(base_url=server.url, timeout=60) as client:
        resume = probe_resume().encode()
        requests: list[tuple[str, dict[str, Any], int]] = [
            ("/v1/kits", {"files": {"resume": (f"{NAME} CV.txt", resume)}}, 200),
            ("/v1/kits", {"json": {"resume_text": probe_resume(), "round": NAME}}, 400),
            ("/v1/kits", {"files": {"resume": (f"{NAME}.pdf", resume)}}, 415),
            ("/v1/kits", {"json": {"resume_text": f"{NAME} {EMAIL} {PHONE}"}}, 422),
            ("/v1/kits", {"json": {"resume_text": probe_resume(), "count": EMAIL}}, 400),
            ("/kit", {"files": {"resume": (f"{NAME}.txt", resume)}}, 200),
        ]
        for path, kwargs, status in requests:
            response = client.post(
                path, **kwargs, headers={"X-Request-ID": f"privacy-{status}-{len(path)}"}
            )
            assert response.status_code == status, response.text
        search = client.get("/v1/guidance/search", params={"q": f"{NAME} {EMAIL}"})
        assert search.status_code == 200
    lines = server.log_lines()
    text = "\n".join(lines)
    for secret in (*SECRETS, EMAIL, NAME.split()[0].lower()):
        assert secret.lower() not in text.lower(), secret
    records = [json.loads(line) for line in lines if line.startswith("{")]
    access = [r for r in records if r.get("logger") == "secondround.server.access"]
    assert len(access) >= len(requests) + 1
    # Query strings (the search text) are never logged: the path alone is.
    assert all("?" not in r["path"] for r in access)
    assert {r["status"] for r in access} >= {200, 400, 415, 422}
    assert all(isinstance(r.get("duration_ms"), float | int) for r in access)


# --------------------------------------------------------------------------- keys

API_KEY = "privacy-api-key-" + "a" * 24
ADMIN_KEY = "privacy-admin-key-" + "b" * 24
OPEN_PATHS = {"/healthz", "/readyz", "/assets/kit.css"}


@pytest.fixture(scope="module")
def keyed_app(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    data_dir = tmp_path_factory.mktemp("privacy-keyed")
    shutil.copytree(settings.data_dir, data_dir, dirs_exist_ok=True)
    keyed = settings.model_copy(
        update={
            "data_dir": data_dir,
            "api_keys": API_KEY,
            "admin_keys": ADMIN_KEY,
            "max_concurrent_kits": 1,
        }
    )
    with TestClient(create_app(keyed)) as client:
        yield client


def app_routes(routes: list[Any]) -> Iterator[tuple[str, set[str]]]:
    """(path, methods) of every endpoint, through included routers of any FastAPI."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route.path, set(route.methods)
        contexts = getattr(route, "effective_route_contexts", None)  # FastAPI >= 0.16x
        if contexts is not None:
            for context in contexts() if callable(contexts) else contexts:
                if context.methods:
                    yield context.path, set(context.methods)


def guarded_routes(client: TestClient) -> list[tuple[str, str]]:
    routes = app_routes(client.app.routes)  # type: ignore[attr-defined]
    return sorted(
        {(method, path) for path, methods in routes if path not in OPEN_PATHS for method in methods}
    )


def test_every_route_but_health_needs_a_key(keyed_app: TestClient) -> None:
    routes = guarded_routes(keyed_app)
    paths = {path for _, path in routes}
    # The walk found the API and the page, so the loop below really checks them.
    assert {"/v1/kits", "/v1/rounds", "/v1/corpus/documents", "/", "/kit"} <= paths
    for method, path in routes:
        missing = keyed_app.request(method, path)
        assert missing.status_code == 401, (method, path, missing.status_code)
        assert "www-authenticate" in missing.headers
        wrong = keyed_app.request(method, path, headers={"X-API-Key": API_KEY[:-1] + "x"})
        assert wrong.status_code in (401, 403), (method, path, wrong.status_code)
        assert wrong.status_code == 403 or path == "/v1/corpus/documents"
    for path in OPEN_PATHS:  # open, though /readyz may say 503 while warming up
        assert keyed_app.get(path).status_code in (200, 503), path


def test_corpus_writes_take_only_an_admin_key_in_a_header(keyed_app: TestClient) -> None:
    files = {"files": ("rules.md", b"# Rules\n\nScore each answer before the debrief.\n")}
    basic = base64.b64encode(f"admin:{ADMIN_KEY}".encode()).decode()
    attempts = {
        "api key": {"Authorization": f"Bearer {API_KEY}"},
        "api key as x-api-key": {"X-API-Key": API_KEY},
        "admin key over basic": {"Authorization": f"Basic {basic}"},
        "admin key prefix": {"Authorization": f"Bearer {ADMIN_KEY[:-1]}"},
        "admin key with a suffix": {"Authorization": f"Bearer {ADMIN_KEY}x"},
        "empty bearer": {"Authorization": "Bearer "},
    }
    for name, headers in attempts.items():
        response = keyed_app.post("/v1/corpus/documents", files=files, headers=headers)
        assert response.status_code in (401, 403), name
        assert response.headers["content-type"] == "application/problem+json", name
    ok = keyed_app.post("/v1/corpus/documents", files=files, headers={"X-API-Key": ADMIN_KEY})
    assert ok.status_code == 200, ok.text


def test_admin_keys_are_compared_in_constant_time_too(
    keyed_app: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.secrets, "compare_digest", spy)
    wrong = "z" * len(ADMIN_KEY)
    response = keyed_app.post(
        "/v1/corpus/documents",
        files={"files": ("rules.md", b"# Rules\n\nText.\n")},
        headers={"Authorization": f"Bearer {wrong}"},
    )
    assert response.status_code == 403
    assert (wrong.encode(), ADMIN_KEY.encode()) in compared


# --------------------------------------------------------------------------- page headers


@pytest.fixture(scope="module")
def open_app(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"max_concurrent_kits": 1}))) as client:
        deadline = time.monotonic() + 60
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield client


def assert_page_headers(response: httpx.Response) -> str:
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"
    return csp


def test_the_page_and_its_kit_views_send_security_headers(open_app: TestClient) -> None:
    form = open_app.get("/", headers={"Accept": "text/html"})
    assert_page_headers(form)
    # The policy forbids inline script, so the page must not need any.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", form.text)
    assert " on" not in re.sub(r"<[^>]*>", "", form.text) or "onclick=" not in form.text

    built = open_app.post(
        "/kit",
        files={"resume": ("cv.txt", probe_resume().encode(), "text/plain")},
        headers={"Accept": "text/html"},
    )
    assert built.status_code == 200
    assert_page_headers(built)
    kit_json = re.search(r'name="kit" value="([^"]*)"', built.text)
    assert kit_json, "the page carries the kit for its downloads"
    import html

    printed = open_app.post(
        "/kit/export", data={"format": "html", "kit": html.unescape(kit_json.group(1))}
    )
    assert printed.status_code == 200
    csp = assert_page_headers(printed)
    assert "style-src 'self' 'sha256-" in csp  # exactly its own <style>, by hash
    refused = open_app.post("/kit", files={"resume": ("cv.pdf", b"\x7fELF" + b"\0" * 64)},
                            headers={"Accept": "text/html"})  # fmt: skip
    assert refused.status_code == 415
    assert_page_headers(refused)


def test_cors_is_off_by_default_and_exact_when_configured(
    open_app: TestClient, settings: Settings
) -> None:
    preflight = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    off = open_app.options("/v1/kits", headers=preflight)
    assert "access-control-allow-origin" not in off.headers
    assert off.status_code >= 400

    allowed = "https://hr.example.com"
    configured = settings.model_copy(update={"cors_origins": allowed, "max_concurrent_kits": 1})
    with TestClient(create_app(configured)) as client:
        ok = client.options("/v1/kits", headers={**preflight, "Origin": allowed})
        assert ok.headers["access-control-allow-origin"] == allowed
        # Keys travel in headers, never cookies: no credentialed cross-site calls.
        assert "access-control-allow-credentials" not in ok.headers
        for origin in ("https://evil.example", "https://hr.example.com.evil.example", "null"):
            denied = client.options("/v1/kits", headers={**preflight, "Origin": origin})
            assert "access-control-allow-origin" not in denied.headers, origin
            simple = client.get("/v1/rounds", headers={"Origin": origin})
            assert "access-control-allow-origin" not in simple.headers, origin
