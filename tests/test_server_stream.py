"""POST /v1/kits/stream: checked questions as server-sent events, then the kit."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from secondround.core.settings import Settings
from secondround.server.app import create_app


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def events(lines: Iterator[str]) -> list[tuple[str, str]]:
    out, event = [], None
    for line in lines:
        if line.startswith("event: "):
            event = line[len("event: ") :]
        elif line.startswith("data: ") and event:
            out.append((event, line[len("data: ") :]))
            event = None
    return out


def test_questions_arrive_one_by_one_then_the_kit(client: TestClient, make_text_resume) -> None:
    body = {"resume_text": make_text_resume(), "count": 6}
    with client.stream("POST", "/v1/kits/stream", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        got = events(response.iter_lines())
    kinds = [e for e, _ in got]
    assert kinds[-1] == "kit" and kinds.count("question") == 6
    kit = json.loads(got[-1][1])
    streamed = {json.loads(d)["text"] for e, d in got if e == "question"}
    assert streamed == {q["text"] for q in kit["questions"]}


def test_a_bad_upload_is_an_ordinary_problem_before_any_event(client: TestClient) -> None:
    files = {"resume": ("cv.pdf", b"\x7fELF\x02\x01\x01" + b"\0" * 64, "application/pdf")}
    response = client.post("/v1/kits/stream", files=files)
    assert response.status_code == 415
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_stream_needs_a_key_when_keys_are_set(settings: Settings, make_text_resume) -> None:
    locked = settings.model_copy(update={"api_keys": "s3cret"})
    with TestClient(create_app(locked)) as c:
        body = {"resume_text": make_text_resume()}
        assert c.post("/v1/kits/stream", json=body).status_code == 401
        with c.stream("POST", "/v1/kits/stream", json=body, headers={"X-API-Key": "s3cret"}) as ok:
            assert ok.status_code == 200
