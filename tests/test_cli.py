"""The `secondround` command line, run in-process as a user would run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from secondround.core.cli import main
from secondround.core.models import InterviewKit
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings, private_index_copy  # noqa: F401

RESUME = """\
Dana Whitfield
Operations Manager

EXPERIENCE
Operations Manager, Brightwell Logistics (Chicago)
Mar 2021 – Present
• Cut average delivery time from 9 days to 4 across 12 regional depots
• Led a team of 6 dispatchers
• Responsible for vendor relationships

Dispatch Supervisor, Northgate Freight
Jan 2017 – Aug 2020
• Reduced fuel costs by 14% through route planning
• Helped with the quarterly budget

EDUCATION
B.S. Supply Chain Management, University of Nebraska, 2012 – 2016

SKILLS
Route optimisation, SAP, Tableau, Forklift operation
"""

BUILTIN_ROUNDS = ("second", "behavioural", "technical", "group", "panel")


@pytest.fixture
def cli_env(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """Point the CLI at the session index and work in an empty folder."""
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(engine_settings.data_dir))
    monkeypatch.delenv("SECONDROUND_DEBUG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dana.txt").write_text(RESUME, encoding="utf-8")
    return tmp_path


def one_clear_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("secondround: ")
    return lines[0]


def kit_from(capsys: pytest.CaptureFixture[str], *args: str) -> InterviewKit:
    assert main(["questions", "dana.txt", "--format", "json", *args]) == 0
    return InterviewKit.model_validate_json(capsys.readouterr().out)


# --------------------------------------------------------------------------- questions


def test_questions_prints_markdown_with_the_questions_by_default(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit = kit_from(capsys, "--count", "5")
    assert main(["questions", "dana.txt", "--count", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ")
    for question in kit.questions:
        assert question.text in out
    assert "Brightwell Logistics" in out


def test_questions_json_is_a_valid_kit(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = kit_from(capsys)
    assert kit.round == "second"
    assert len(kit.questions) == 12  # the round's default
    resume = RESUME
    for question in kit.questions:
        for evidence in question.evidence:
            assert " ".join(evidence.quote.split()) in " ".join(resume.split())


def test_questions_out_writes_the_file_and_keeps_stdout_clean(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["questions", "dana.txt", "--format", "json", "--count", "4", "--out", "kit.json"])
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "kit.json" in captured.err
    kit = InterviewKit.model_validate_json((cli_env / "kit.json").read_text(encoding="utf-8"))
    assert len(kit.questions) == 4


def test_a_panel_round_with_a_count(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kit = kit_from(capsys, "--round", "panel", "--count", "6")
    assert kit.round == "panel" and len(kit.questions) == 6
    assert all(q.asked_by for q in kit.questions)


def test_an_unknown_round_is_one_line_naming_the_valid_rounds(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["questions", "dana.txt", "--round", "speed-dating"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = one_clear_line(captured.err)
    assert "speed-dating" in line
    for name in BUILTIN_ROUNDS:
        assert name in line


@pytest.mark.parametrize(
    ("filename", "content", "words"),
    [
        ("missing.txt", None, "does not exist"),
        ("empty.txt", b"", "empty"),
        ("resume.pdf", bytes(range(256)) * 12, "pdf"),
    ],
    ids=["missing", "empty", "binary-pdf"],
)
def test_a_bad_resume_file_is_one_clear_sentence(
    cli_env: Path,
    capsys: pytest.CaptureFixture[str],
    filename: str,
    content: bytes | None,
    words: str,
) -> None:
    if content is not None:
        (cli_env / filename).write_bytes(content)
    assert main(["questions", filename]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = one_clear_line(captured.err)
    assert words in line.lower()
    assert line.endswith(".")


# --------------------------------------------------------------------------- listings


def test_rounds_lists_the_five_built_in_rounds(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rounds"]) == 0
    out = capsys.readouterr().out
    listed = {line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")}
    assert set(BUILTIN_ROUNDS) <= listed
    assert main(["rounds", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_name = {r["name"]: r for r in data}
    assert set(BUILTIN_ROUNDS) <= set(by_name)
    assert by_name["panel"]["plugin"] == "round_panel"
    assert by_name["panel"]["panel_roles"]


def test_plugins_lists_the_built_ins_with_their_hooks(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    assert "round_second" in out and "(built-in)" in out and "register_rounds" in out
    assert main(["plugins", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    plugins = {p["name"]: p for p in data["plugins"]}
    for name in ("round_second", "round_panel", "generator_offline", "exporters", "readers_pdf"):
        assert plugins[name]["builtin"] is True
        assert plugins[name]["hooks"]
    assert "round:panel" in plugins["round_panel"]["registered"]
    assert data["problems"] == []


# --------------------------------------------------------------------------- search and index


def test_search_prints_passages_with_their_sources(
    cli_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "salary expectations", "-k", "3"]) == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("[")]
    assert len(headers) == 3
    assert all(".md" in h for h in headers)
    assert "salary" in out.lower()


def test_index_adds_guidance_that_search_then_finds(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    private = private_index_copy(engine_settings, tmp_path)
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(private.data_dir))
    monkeypatch.chdir(tmp_path)
    guide = tmp_path / "welding.md"
    guide.write_text(
        "---\ntitle: Shipyard welding checks\npurpose: validate_skill\n---\n"
        "# Shipyard welding checks\n\n"
        "Ask the welder how they inspect a hull seam for porosity before the dye "
        "penetrant test, and which defects make them stop and re-weld.\n",
        encoding="utf-8",
    )
    assert main(["search", "inspect a hull seam for porosity", "-k", "1"]) == 0
    assert "dye penetrant" not in capsys.readouterr().out
    assert main(["index", str(guide)]) == 0
    assert "Indexed 1 document" in capsys.readouterr().out
    assert main(["search", "inspect a hull seam for porosity", "-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "welding.md" in out and "dye penetrant" in out


def test_eval_takes_its_own_options_first(cli_env: Path) -> None:
    # "secondround eval --report" is what the docs say; argparse's REMAINDER once refused
    # any option that came straight after the command.
    args = ["--case", "chef-to-ux", "--rounds", "second", "--generators", "composer"]
    assert main(["eval", "--quiet", *args, "--json", "scores.json"]) == 0
    scores = json.loads((cli_env / "scores.json").read_text(encoding="utf-8"))
    assert scores["totals"]["composer"]["kits"] == 1


# --------------------------------------------------------------------------- settings


def test_a_year_month_today_pins_present_to_that_month(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date

    from secondround.core.settings import load_settings

    monkeypatch.setenv("SECONDROUND_TODAY", "2026-11")
    assert load_settings().today == date(2026, 11, 1)
    kit = kit_from(capsys, "--count", "3")
    assert len(kit.questions) == 3


@pytest.mark.parametrize("value", ["2026-13", "soon", "11/2026"])
def test_a_bad_setting_is_one_line_naming_the_variable(
    cli_env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SECONDROUND_TODAY", value)
    assert main(["questions", "dana.txt"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    line = one_clear_line(captured.err)
    assert "SECONDROUND_TODAY" in line and value in line
    assert "YYYY-MM" in line
    assert "internal error" not in line
