"""A real ``secondround serve`` (uvicorn) process on loopback, spoken to over HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.slow


def test_real_server_builds_a_kit_over_http(
    live_server: Any, make_pdf: Callable[..., bytes], make_text_resume: Callable[..., str]
) -> None:
    resume = make_text_resume(email="casey.lin@mailhost.test", phone="+1 206 555 0199")
    pdf = make_pdf(resume.splitlines())
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
        response = client.post(
            "/v1/kits",
            files={"resume": ("casey-lin.pdf", pdf, "application/pdf")},
            data={"round": "second", "count": "5"},
            headers={"X-Request-ID": "live-1"},
        )
        assert response.status_code == 200, response.text
        assert response.headers["x-request-id"] == "live-1"
        assert response.headers["x-content-type-options"] == "nosniff"
        kit = response.json()
        assert len(kit["questions"]) == 5
        assert kit["meta"]["reader"] == "pdf"
        assert any(e["quote"] for q in kit["questions"] for e in q["evidence"])

        markdown = client.post(
            "/v1/kits",
            json={"resume_text": resume, "count": 3},
            headers={"Accept": "text/markdown"},
        )
        assert markdown.headers["content-type"].startswith("text/markdown")

        problem = client.post("/v1/kits", files={"resume": ("x.pdf", b"\x7fELF" + b"\0" * 64)})
        assert problem.status_code == 415
        assert problem.headers["content-type"] == "application/problem+json"

    # The server's log is JSON lines, with the request and none of the resume.
    lines = [json.loads(line) for line in live_server.log_lines() if line.startswith("{")]
    access = [line for line in lines if line.get("request_id") == "live-1"]
    assert access and access[0]["status"] == 200 and access[0]["path"] == "/v1/kits"
    text = "\n".join(live_server.log_lines())
    assert "mailhost" not in text and "555 0199" not in text and "casey" not in text.lower()
