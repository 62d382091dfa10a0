"""`secondround batch`: a hiring drive's resumes run as a recruiter would run them."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from secondround.core.batch import (
    BatchOptions,
    ZipLimits,
    collect_inputs,
    run_batch,
)
from secondround.core.cli import main
from secondround.core.errors import InvalidRequest
from secondround.core.pipeline import Engine
from secondround.core.settings import Settings
from tests.conftest import text_resume
from tests.index_fixture import engine_settings  # noqa: F401

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
JOB = (EXAMPLES / "jobs" / "platform-engineer.md").read_text(encoding="utf-8")
EMAIL = "jordan.avery@example.com"
PHONE = "+1 415 555 0134"


@pytest.fixture
def engine(engine_settings: Settings) -> Engine:  # noqa: F811
    return Engine(engine_settings)


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    """Three readable resumes and one damaged PDF."""
    folder = tmp_path / "applicants"
    folder.mkdir()
    (folder / "jordan-rivera.md").write_bytes(
        (EXAMPLES / "resumes" / "jordan-rivera.md").read_bytes()
    )
    # Contact details in the header and in a bullet; a protected detail on its own line.
    avery = text_resume().replace(
        "- Led the migration",
        f"- Cut support replies by 70% as owner of the inbox {EMAIL}, phone {PHONE}\n"
        "- Led the migration",
    )
    (folder / "avery.txt").write_text(avery + "\nMarried, two children\n", encoding="utf-8")
    (folder / "nested").mkdir()
    (folder / "nested" / "dana.txt").write_text(
        text_resume(name="Dana Whitfield", email="dana@example.org", phone="+44 20 7946 0958"),
        encoding="utf-8",
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage that is no PDF\n")
    return folder


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def _run(engine: Engine, source: Path, out: Path, **options: object) -> dict[str, str]:
    inputs = collect_inputs(source, engine.settings.max_upload_bytes)
    summary = run_batch(inputs, out, BatchOptions(job_text=JOB, **options), engine=engine)  # type: ignore[arg-type]
    return {row.file: row.status for row in summary.rows}


def test_a_broken_file_is_listed_with_its_error_and_the_rest_get_kits(
    engine: Engine, drive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kits"
    statuses = _run(engine, drive, out, count=6)
    assert statuses == {
        "avery.txt": "done",
        "broken.pdf": "failed",
        "jordan-rivera.md": "done",
        "nested/dana.txt": "done",
    }
    rows = _rows(out)
    assert "damaged" in rows["broken.pdf"]["error"]
    for name in ("avery.md", "jordan-rivera.md", "dana.md"):
        kit = (out / name).read_text(encoding="utf-8")
        assert kit.startswith("# Second-round interview") and "**Questions:** 6" in kit
    assert rows["jordan-rivera.md"]["kit"] == "jordan-rivera.md"
    assert rows["jordan-rivera.md"]["top_facts"]
    summary_md = (out / "summary.md").read_text(encoding="utf-8")
    assert "3 done" in summary_md and "1 failed" in summary_md
    assert "broken.pdf" in summary_md


def test_the_summary_never_shows_contact_or_protected_details(
    engine: Engine, drive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kits"
    _run(engine, drive, out)
    for name in ("summary.csv", "summary.md"):
        text = (out / name).read_text(encoding="utf-8")
        for secret in (EMAIL, PHONE, "dana@example.org", "+44 20 7946 0958", "Married"):
            assert secret.lower() not in text.lower(), (name, secret)
        assert "415" not in text and "jordan.avery" not in text
    # The claim on the line with the contact details is still listed, without them.
    assert "Cut support replies by 70%" in (out / "summary.csv").read_text(encoding="utf-8")


def test_a_rerun_skips_kits_that_are_up_to_date_and_redoes_what_changed(
    engine: Engine, drive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kits"
    _run(engine, drive, out, count=5)
    kit = out / "avery.md"
    first = kit.stat().st_mtime_ns
    again = _run(engine, drive, out, count=5)
    assert again["avery.txt"] == again["jordan-rivera.md"] == "skipped"
    assert again["broken.pdf"] == "failed"  # a failure is retried, never remembered as done
    assert kit.stat().st_mtime_ns == first
    # The summary of a rerun still lists each candidate's facts.
    assert _rows(out)["avery.txt"]["top_facts"]
    # Another question count is another kit; so is an edited resume.
    (drive / "avery.txt").write_text(text_resume(name="Avery Quinn"), encoding="utf-8")
    changed = _run(engine, drive, out, count=5)
    assert changed["avery.txt"] == "done" and changed["jordan-rivera.md"] == "skipped"
    assert _run(engine, drive, out, count=4)["jordan-rivera.md"] == "done"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    # 2 MB of zeros compresses to a few KB: the listing gives it away.
    bomb = _zip(tmp_path / "bomb.zip", {f"r{i}.txt": b"\0" * (2 * 1024 * 1024) for i in range(3)})
    assert bomb.stat().st_size < 100_000
    with pytest.raises(InvalidRequest, match="refused"):
        collect_inputs(bomb, 5 * 1024 * 1024, ZipLimits(max_total_bytes=4 * 1024 * 1024))
    many = _zip(tmp_path / "many.zip", {f"r{i}.txt": b"x" for i in range(12)})
    with pytest.raises(InvalidRequest, match="more than the 10"):
        collect_inputs(many, 5 * 1024 * 1024, ZipLimits(max_members=10))


def test_a_zip_is_read_in_memory_with_odd_members_contained(engine: Engine, tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "drive.zip",
        {
            "../../escape.txt": text_resume().encode(),
            "__MACOSX/._escape.txt": b"resource fork",
            "big.txt": b"a" * 4096,
        },
    )
    inputs = collect_inputs(archive, max_file_bytes=2048)
    assert [i.name for i in inputs] == ["../../escape.txt", "big.txt"]
    out = tmp_path / "kits"
    summary = run_batch(inputs, out, BatchOptions(job_text=JOB, count=4), engine=engine)
    statuses = {row.file: (row.status, row.kit, row.error) for row in summary.rows}
    assert statuses["../../escape.txt"][:2] == ("done", "escape.md")
    assert statuses["big.txt"][0] == "failed" and "limit" in statuses["big.txt"][2]
    assert (out / "escape.md").is_file()
    assert not (tmp_path / "escape.md").exists() and not (tmp_path.parent / "escape.txt").exists()


def test_the_command_runs_a_pool_of_workers_and_writes_notes_into_kits(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(engine_settings.data_dir))
    monkeypatch.chdir(tmp_path)  # no developer's .env
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "jordan-rivera.pdf").write_bytes(
        (EXAMPLES / "resumes" / "jordan-rivera.pdf").read_bytes()
    )
    (folder / "avery.txt").write_text(text_resume(), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    args = [
        "batch", str(folder), "--job", str(EXAMPLES / "jobs" / "platform-engineer.md"),
        "--notes-dir", str(EXAMPLES / "notes"), "--out", str(out), "--workers", "2",
    ]  # fmt: skip
    assert main(args) == 1  # one file failed: scripts can tell
    err = capsys.readouterr().err
    assert "[3/3] 1 failing" in err and "2 kits written" in err
    rows = _rows(out)
    assert rows["empty.txt"]["status"] == "failed" and "empty" in rows["empty.txt"]["error"]
    # The notes named after the resume reached its kit: their concerns are in the summary.
    assert "Concern from earlier notes" in rows["jordan-rivera.pdf"]["concerns"]
    assert "Concern from earlier notes" not in rows["avery.txt"]["concerns"]
    # A kit from the pool is the kit `secondround questions` writes for the same inputs.
    single = tmp_path / "single.md"
    assert main(
        [
            "questions", str(folder / "jordan-rivera.pdf"),
            "--job", str(EXAMPLES / "jobs" / "platform-engineer.md"),
            "--notes", str(EXAMPLES / "notes" / "jordan-rivera-first-interview.md"),
            "--out", str(single),
        ]
    ) == 0  # fmt: skip
    assert (out / "jordan-rivera.md").read_bytes() == single.read_bytes()


def test_summary_csv_is_valid_csv_with_one_row_per_resume(
    engine: Engine, drive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kits"
    _run(engine, drive, out, count=4)
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8"))))
    assert rows[0][:3] == ["file", "candidate", "status"]
    assert len(rows) == 5


def test_the_progress_line_counts_files_done_and_failing_and_names_each_failure() -> None:
    import io

    from secondround.core.batch import BatchRow, progress_line

    log = io.StringIO()  # not a terminal: one line per file, so a log keeps every failure
    show = progress_line(log)
    show(1, 3, BatchRow(file="ana.pdf", status="done"))
    show(2, 3, BatchRow(file="broken.pdf", status="failed", error="not a PDF"))
    show(3, 3, BatchRow(file="ben.docx", status="skipped"))
    lines = log.getvalue().splitlines()
    assert lines[0].startswith("[1/3] 0 failing")
    assert lines[1].startswith("[2/3] 1 failing") and "broken.pdf (not a PDF)" in lines[1]
    assert lines[2].startswith("[3/3] 1 failing") and "skipped: ben.docx" in lines[2]
