"""POST /v1/batches: several resumes in, each kit streamed as server-sent events as it
is built, a broken file as its own error event, and a summary of every candidate."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from secondround.core.settings import Settings, get_settings
from secondround.server import routes_batches
from secondround.server.app import create_app
from secondround.server.limits import BatchLimits
from tests.conftest import LiveServer, start_live_server, stop_live_server, text_resume

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
JOB = (EXAMPLES / "jobs" / "platform-engineer.md").read_text(encoding="utf-8")
RIVERA = (EXAMPLES / "resumes" / "jordan-rivera.md").read_bytes()
RIVERA_NOTES = (EXAMPLES / "notes" / "jordan-rivera-first-interview.md").read_bytes()
BROKEN_PDF = b"%PDF-1.4\n1 0 obj garbage that is no PDF\n"
AVERY = text_resume().encode()
DANA = text_resume(name="Dana Whitfield", email="dana@example.org", phone="+44 20 7946 0958")


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings.model_copy(update={"max_concurrent_kits": 2}))) as c:
        deadline = time.monotonic() + 60
        while c.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        yield c


@pytest.fixture()
def limits(client: TestClient) -> Iterator[Any]:
    """Set this app's batch limits for one test (the defaults come back after)."""

    def set_limits(**changes: Any) -> None:
        routes_batches.configure(client.app, BatchLimits(**changes))  # type: ignore[arg-type]

    yield set_limits
    routes_batches.configure(client.app, BatchLimits())  # type: ignore[arg-type]


def parse_events(text: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for frame in text.split("\n\n"):
        lines = frame.splitlines()
        event = next((ln[7:] for ln in lines if ln.startswith("event: ")), None)
        data = next((ln[6:] for ln in lines if ln.startswith("data: ")), None)
        if event and data:
            out.append((event, json.loads(data)))
    return out


def post_batch(
    client: TestClient, files: list[tuple[str, tuple[str, bytes]]], **fields: str
) -> tuple[httpx.Response, list[tuple[str, dict[str, Any]]]]:
    with client.stream("POST", "/v1/batches", files=files, data=fields) as response:
        text = response.read().decode("utf-8")
    return response, parse_events(text) if response.status_code == 200 else []


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def assert_problem(response: httpx.Response, status: int, words: str) -> dict[str, Any]:
    body = response.json() if response.status_code != 200 else {}
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == "application/problem+json"
    assert words in body["detail"], body["detail"]
    return body


# --------------------------------------------------------------------------- results


def test_good_resumes_stream_kits_and_a_broken_file_is_only_its_own_error(
    client: TestClient,
) -> None:
    files = [
        ("resume", ("jordan-rivera.md", RIVERA)),
        ("resume", ("broken.pdf", BROKEN_PDF)),
        ("resume", ("avery.txt", AVERY)),
        ("resume", ("dana.txt", DANA.encode())),
    ]
    response, events = post_batch(client, files, job_text=JOB, count="5")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-store"

    kinds = [kind for kind, _ in events]
    assert kinds[0] == "start" and kinds[-1] == "summary"
    start = events[0][1]
    assert start["total"] == 4
    assert [f["file"] for f in start["files"]] == [
        "jordan-rivera.md",
        "broken.pdf",
        "avery.txt",
        "dana.txt",
    ]
    # Each file's result is followed by the counts so far.
    results = [(k, d) for k, d in events if k in ("kit", "error")]
    progress = [d for k, d in events if k == "progress"]
    assert len(results) == 4 and len(progress) == 4
    assert [p["done"] for p in progress] == [1, 2, 3, 4]
    assert progress[-1] == {"done": 4, "failed": 1, "total": 4}
    for position, (kind, _) in enumerate(events[1:-1]):
        assert (kind == "progress") == (position % 2 == 1)

    errors = [d for k, d in results if k == "error"]
    assert [e["file"] for e in errors] == ["broken.pdf"]
    assert errors[0]["index"] == 1 and errors[0]["status"] in (415, 422)
    assert errors[0]["title"] and errors[0]["detail"]

    kits = {d["file"]: d for k, d in results if k == "kit"}
    assert set(kits) == {"jordan-rivera.md", "avery.txt", "dana.txt"}
    # The candidate line is the kit's own (a headline, never the name or contact details).
    assert kits["dana.txt"]["candidate"] == kits["dana.txt"]["kit"]["candidate"]
    assert "Harbor Analytics" in kits["dana.txt"]["candidate"]
    for event in kits.values():
        kit = event["kit"]
        assert len(kit["questions"]) == 5
        assert any(q["evidence"] for q in kit["questions"])
        assert event["top_facts"], event["file"]
        assert "rendered" not in event or event["rendered"] is None

    summary = events[-1][1]
    assert (summary["total"], summary["kits"], summary["failed"]) == (4, 3, 1)
    rows = summary["candidates"]
    assert [r["file"] for r in rows] == [f["file"] for f in start["files"]]
    assert [r["status"] for r in rows] == ["done", "failed", "done", "done"]
    assert rows[1]["error"] == errors[0]["detail"] and rows[1]["top_facts"] == []
    for row in (rows[0], rows[2], rows[3]):
        assert row["top_facts"] == kits[row["file"]]["top_facts"]
        assert row["questions"] == 5
    # The job description was used: missing requirements show up among the concerns.
    assert any(r["concerns"] for r in rows if r["status"] == "done")
    # Contact details never reach the summary, even where a fact quotes them.
    shared = json.dumps(rows)
    for detail in ("jordan.avery@example.com", "+1 415 555 0134", "dana@example.org"):
        assert detail not in shared


def test_a_zip_of_resumes_with_a_job_file_round_and_format(client: TestClient) -> None:
    archive = make_zip(
        {
            "applicants/avery.txt": AVERY,
            "applicants/more/rivera.md": RIVERA,
            "__MACOSX/applicants/._avery.txt": b"\0\5\26\7resource fork",
            "applicants/.DS_Store": b"\0\0\0\1Bud1",
        }
    )
    files = [
        ("archive", ("drive.zip", archive)),
        ("resume", ("dana.txt", DANA.encode())),
        ("job", ("platform-engineer.md", JOB.encode())),
    ]
    response, events = post_batch(client, files, round="technical", count="4", format="md")
    assert response.status_code == 200, response.text
    start = events[0][1]
    # Uploaded files first, then the archive's resumes in name order; no hidden files.
    assert [f["file"] for f in start["files"]] == [
        "dana.txt",
        "applicants/avery.txt",
        "applicants/more/rivera.md",
    ]
    kits = [d for k, d in events if k == "kit"]
    assert len(kits) == 3
    for event in kits:
        assert event["kit"]["round"] == "technical"
        assert len(event["kit"]["questions"]) == 4
        assert event["format"] == "md" and event["media_type"].startswith("text/markdown")
        assert event["kit"]["questions"][0]["text"] in event["rendered"]
    # The job file was read: its requirements are quoted as evidence somewhere.
    sources = {e["source"] for k in kits for q in k["kit"]["questions"] for e in q["evidence"]}
    assert "job" in sources
    assert events[-1][1]["kits"] == 3


def test_each_candidates_notes_file_reaches_only_their_kit(client: TestClient) -> None:
    # The resumes in a zip, each candidate's notes beside it, paired by file name as
    # `secondround batch --notes-dir` pairs them.
    archive = make_zip({"drive/jordan-rivera.md": RIVERA, "drive/avery.txt": AVERY})
    files = [
        ("archive", ("drive.zip", archive)),
        ("notes", ("jordan-rivera-first-interview.md", RIVERA_NOTES)),
    ]
    response, events = post_batch(client, files, count="8")
    assert response.status_code == 200, response.text[:300]
    kits = {d["file"]: d["kit"] for k, d in events if k == "kit"}
    assert set(kits) == {"drive/jordan-rivera.md", "drive/avery.txt"}

    def from_notes(kit: dict[str, Any]) -> list[str]:
        return [
            e["quote"] for q in kit["questions"] for e in q["evidence"] if e["source"] == "notes"
        ]

    quotes = from_notes(kits["drive/jordan-rivera.md"])
    notes_text = " ".join(RIVERA_NOTES.decode().split())  # a quote joins wrapped lines
    assert quotes and all(q in notes_text for q in quotes)
    assert from_notes(kits["drive/avery.txt"]) == []


def test_notes_that_belong_to_no_one_or_to_everyone_are_refused(client: TestClient) -> None:
    resumes = [("resume", ("avery.txt", AVERY)), ("resume", ("dana.txt", DANA.encode()))]
    response, _ = post_batch(client, [*resumes, ("notes", ("jordan-notes.md", RIVERA_NOTES))])
    assert_problem(response, 400, "'jordan-notes.md' is named after none of the resumes")
    response, _ = post_batch(
        client,
        [
            *resumes,
            ("notes", ("avery-first.md", b"Strong on SQL.")),
            ("notes", ("avery-second.md", b"Ask about the move.")),
        ],
    )
    assert_problem(response, 400, "'avery.txt' has 2 notes files")
    response, _ = post_batch(client, resumes, notes_text="Strong on SQL")
    assert_problem(response, 400, "named after their resume")


def test_a_zip_member_over_the_file_limit_is_its_own_error(
    client: TestClient, settings: Settings
) -> None:
    archive = make_zip({"big.txt": b"a" * (settings.max_upload_bytes + 1), "avery.txt": AVERY})
    response, events = post_batch(client, [("archive", ("drive.zip", archive))])
    assert response.status_code == 200
    errors = [d for k, d in events if k == "error"]
    assert [(e["file"], e["status"]) for e in errors] == [("big.txt", 413)]
    assert [d["file"] for k, d in events if k == "kit"] == ["avery.txt"]


def test_files_that_stall_their_readers_fail_alone_and_the_service_carries_on(
    client: TestClient,
) -> None:
    pool = client.app.state.services.pool  # type: ignore[attr-defined]
    limit = pool.timeout_s
    pool.timeout_s = 0.001  # every read now overruns: its reader process is killed
    # Long resumes, so a read outlasts any pause of the waiting thread on a busy machine
    # (a short one can be done before the thread gets round to waiting for it).
    filler = b"".join(
        b"\n- Ran release %d of the billing service for the team" % i for i in range(3000)
    )
    try:
        stalling = [("resume", ("a.txt", AVERY + filler)), ("resume", ("b.md", RIVERA + filler))]
        response, events = post_batch(client, stalling)
    finally:
        pool.timeout_s = limit
    assert response.status_code == 200
    errors = [d for k, d in events if k == "error"]
    assert [e["status"] for e in errors] == [422, 422]
    assert all("longer than" in e["detail"] for e in errors)
    assert events[-1][1]["failed"] == 2
    # The killed readers are replaced; the next batch gets its kits.
    files = [("resume", ("a.txt", AVERY)), ("resume", ("b.md", RIVERA))]
    response, events = post_batch(client, files)
    assert events[-1][1]["kits"] == 2
    assert client.get("/readyz").status_code == 200


# --------------------------------------------------------------------------- refusals


def test_a_zip_whose_names_leave_the_archive_is_refused(client: TestClient) -> None:
    for name in ("../../etc/cron.d/evil.txt", "/etc/passwd", "C:\\Windows\\x.txt"):
        archive = make_zip({"ok.txt": AVERY, name: AVERY})
        response, _ = post_batch(client, [("archive", ("drive.zip", archive))])
        assert_problem(response, 400, "points outside the archive")


def test_zip_bombs_are_refused_before_they_are_unpacked(client: TestClient, limits: Any) -> None:
    limits(max_unpacked_bytes=1024 * 1024, max_zip_entries=50)
    # 3 x 600 KB of zeros: a few KB sent, 1.8 MB declared.
    bomb = make_zip({f"r{i}.txt": b"\0" * (600 * 1024) for i in range(3)})
    assert len(bomb) < 20_000
    response, _ = post_batch(client, [("archive", ("bomb.zip", bomb))])
    assert_problem(response, 400, "would unpack to")
    # Entries are counted from the directory's end record, before any is parsed.
    many = make_zip({f"d/{i}.txt": b"x" for i in range(60)})
    response, _ = post_batch(client, [("archive", ("many.zip", many))])
    assert_problem(response, 400, "more than the 50 entries")


def test_batch_limits_give_clear_problems(client: TestClient, limits: Any) -> None:
    limits(max_files=2, max_body_bytes=200_000, max_unpacked_bytes=150_000)
    three = [("resume", (f"r{i}.txt", AVERY)) for i in range(3)]
    response, _ = post_batch(client, three)
    assert_problem(response, 400, "more than the 2 one batch takes")
    # Files and archive together count against the limit.
    response, _ = post_batch(
        client,
        [("resume", ("a.txt", AVERY)), ("archive", ("d.zip", make_zip({"b": AVERY, "c": AVERY})))],
    )
    assert_problem(response, 400, "more than the 1 a batch takes")
    big = [("resume", ("a.txt", b"a" * 80_000)), ("resume", ("b.txt", b"b" * 80_000))]
    response, _ = post_batch(client, big)
    assert_problem(response, 413, "add up to more than")
    response, _ = post_batch(client, [("resume", ("a.txt", b"a" * 250_000))])
    assert_problem(response, 413, "larger than this server's limit")


def test_malformed_batches_are_problems_before_any_event(client: TestClient) -> None:
    response, _ = post_batch(client, [("archive", ("drive.zip", b"PK\3\4 not really a zip"))])
    assert_problem(response, 400, "not a zip archive")
    two = [("archive", ("a.zip", make_zip({"a": AVERY}))), ("resume", ("b.zip", make_zip({})))]
    response, _ = post_batch(client, two)
    assert_problem(response, 400, "at most one archive")
    response, _ = post_batch(client, [("job", ("job.md", JOB.encode()))])
    assert_problem(response, 400, "No resume was given")
    response, _ = post_batch(client, [("resume", ("a.txt", AVERY))], notes_text="Strong on SQL")
    assert_problem(response, 400, "takes no 'notes_text'")
    response, _ = post_batch(client, [("resume", ("a.txt", AVERY))], round="karaoke")
    assert response.status_code == 400
    response, _ = post_batch(client, [("resume", ("a.txt", AVERY))], count="99")
    assert_problem(response, 400, "count")
    elf = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256))
    response, _ = post_batch(client, [("resume", ("a.txt", AVERY)), ("job", ("job.pdf", elf))])
    assert response.status_code == 415
    response = client.post("/v1/batches", json={"resume_text": "x"})
    assert_problem(response, 415, "multipart/form-data")


# --------------------------------------------------------------------------- access


def test_batches_need_a_key_and_count_each_resume_against_the_rate_limit(
    client: TestClient, settings: Settings
) -> None:
    app = client.app
    one = [("resume", ("avery.txt", AVERY))]
    locked = settings.model_copy(update={"api_keys": "s3cret"})
    app.dependency_overrides[get_settings] = lambda: locked  # type: ignore[attr-defined]
    try:
        response, _ = post_batch(client, one)
        assert response.status_code == 401
        with client.stream("POST", "/v1/batches", files=one, headers={"X-API-Key": "s3cret"}) as r:
            assert r.status_code == 200
        limited = settings.model_copy(update={"rate_limit_per_minute": 4})
        app.dependency_overrides[get_settings] = lambda: limited  # type: ignore[attr-defined]
        three = [("resume", (f"r{i}.txt", AVERY)) for i in range(3)]
        response, events = post_batch(client, three)
        assert response.status_code == 200 and events[-1][1]["kits"] == 3
        # Three resumes took three of the four requests a minute: one more batch of
        # three is over, though it is a single request.
        response, _ = post_batch(client, three)
        assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
    finally:
        app.dependency_overrides[get_settings] = lambda: settings  # type: ignore[attr-defined]


def test_one_batch_too_many_is_told_to_retry(client: TestClient) -> None:
    slots = client.app.state.batch_slots  # type: ignore[attr-defined]
    for _ in range(slots.size):
        slots.acquire()
    try:
        response, _ = post_batch(client, [("resume", ("avery.txt", AVERY))])
        assert_problem(response, 503, "already runs")
        assert response.headers["retry-after"]
    finally:
        for _ in range(slots.size):
            slots.release()
    response, events = post_batch(client, [("resume", ("avery.txt", AVERY))])
    assert response.status_code == 200 and events[-1][0] == "summary"


# --------------------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def live(index_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_live_server(index_data_dir, tmp_path_factory.mktemp("live") / "server.log")
    try:
        yield server
    finally:
        stop_live_server(server)


def test_over_real_http_events_arrive_before_the_batch_ends_and_a_client_may_leave(
    live: LiveServer,
) -> None:
    files = [("resume", (f"r{i}.txt", AVERY)) for i in range(4)]
    # Clients that hang up after the first result must not keep the batch slots (two).
    for _ in range(3):
        with httpx.stream("POST", live.url + "/v1/batches", files=files, timeout=60) as response:
            assert response.status_code == 200
            seen = []
            for line in response.iter_lines():
                if line.startswith("event: "):
                    seen.append(line[7:])
                if "kit" in seen:
                    break  # leave while the other resumes are still being built
        assert seen[0] == "start" and "summary" not in seen
    deadline = time.monotonic() + 30
    while True:
        response = httpx.post(live.url + "/v1/batches", files=files[:1], timeout=60)
        if response.status_code != 503 or time.monotonic() > deadline:
            break
        time.sleep(0.5)  # the last hung-up batch may still be finishing its file in flight
    assert response.status_code == 200
    assert parse_events(response.text)[-1][1]["kits"] == 1
    assert httpx.get(live.url + "/healthz").status_code == 200
