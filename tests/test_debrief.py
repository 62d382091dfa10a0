"""After the kit: scorecards in (JSON, YAML, a filled-in Word sheet), the panel debrief,
the side-by-side comparison and answer-aware follow-ups, from the CLI and over HTTP."""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
import yaml
from fastapi.testclient import TestClient

from secondround.core import cli
from secondround.core.analysis.protected import question_topic
from secondround.core.debrief.answers import follow_up_answer
from secondround.core.debrief.compare import compare
from secondround.core.debrief.debrief import Debrief, build_debrief
from secondround.core.debrief.render import render
from secondround.core.debrief.scorecard import (
    Scorecard,
    blank_scorecard,
    kit_fingerprint,
    load_scorecard,
    parse_rating,
)
from secondround.core.errors import InputTooLarge, InvalidScorecard, UnsupportedFileType
from secondround.core.models import (
    Audience,
    Evidence,
    FactKind,
    InterviewKit,
    ProtectedKind,
    Purpose,
    Question,
)
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.planning.role_profile import derive_profile
from secondround.core.settings import Settings
from secondround.plugins.exporter_docx import render_kit_docx
from secondround.server.app import create_app
from tests.index_fixture import engine_settings  # noqa: F401
from tests.test_structured import ANALYST, COOK_TO_ANALYST, JOB

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RESUME = EXAMPLES / "resumes" / "jordan-rivera.pdf"
JOB_FILE = EXAMPLES / "jobs" / "platform-engineer.md"
PROTECTED_NOTE = "She mentioned she is 52 and her kids are grown up"


@pytest.fixture(scope="module")
def engine(engine_settings: Settings) -> Engine:  # noqa: F811
    return Engine(engine_settings)


@pytest.fixture(scope="module")
def kit(engine: Engine) -> InterviewKit:
    request = KitRequest(
        resume=RESUME.read_bytes(), filename=RESUME.name, job_text=JOB_FILE.read_text()
    )
    return engine.build_kit(request)


def card(kit: InterviewKit, name: str, ratings: dict[int, tuple[str, str]]) -> Scorecard:
    """A scorecard rating kit question N (1-based) with (rating, note)."""
    blank = blank_scorecard(kit, name)
    for number, (rating, note) in ratings.items():
        score = blank.scores[number - 1]
        update = {"rating": parse_rating(rating), "notes": note}
        blank.scores[number - 1] = score.model_copy(update=update)
    return blank


def filled_word_sheet(kit: InterviewKit, ticks: dict[int, str], notes: dict[int, str]) -> bytes:
    """The kit's Word export filled in the way an interviewer does it in Word."""
    document = docx.Document(io.BytesIO(render_kit_docx(kit)))
    sheet = 0
    for table in document.tables:
        header = table.rows[0].cells[0].text.strip().lower()
        if header == "rating":
            sheet += 1
            for row in table.rows[1:]:
                if sheet in ticks and row.cells[0].text.lower().startswith(ticks[sheet]):
                    row.cells[-1].text = "☒"
        elif header.startswith("score") and sheet in notes:
            table.rows[1].cells[-1].text = notes[sheet]
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("Interviewer:"):
            for run in paragraph.runs:
                run.text = ""
            paragraph.runs[0].text = "Interviewer: Dana Ortiz   Date: 2026-12-01"
        elif paragraph.text.startswith("Overall notes:"):
            paragraph.add_run("Strong on systems, thin on people leadership")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def panel(kit: InterviewKit) -> list[Scorecard]:
    ann = card(
        kit,
        "Ann Lee",
        {
            1: ("good", "Walked through the Kafka cut-over with timings"),
            2: ("excellent", "Knew the matching rules cold"),
            3: ("excellent", "Deep Terraform module detail"),
            4: ("good", PROTECTED_NOTE),
        },
    )
    ben = card(kit, "Ben Roy", {1: ("excellent", "Clear"), 2: ("good", ""), 3: ("mixed", "Thin")})
    word = filled_word_sheet(
        kit, ticks={1: "good", 2: "good", 3: "poor"}, notes={1: "Numbers held up", 3: "Vague"}
    )
    dana = load_scorecard(word, "dana.docx", kit)
    return [ann, ben, dana]


# --------------------------------------------------------------------------- scorecards


def test_a_filled_in_word_sheet_reads_back_as_that_interviewers_scorecard(
    kit: InterviewKit, panel: list[Scorecard]
) -> None:
    dana = panel[2]
    assert dana.interviewer == "Dana Ortiz"
    assert dana.kit == kit_fingerprint(kit)
    assert [s.rating.value for s in dana.scores[:4]] == ["good", "good", "poor", "not_asked"]
    assert dana.scores[0].notes == "Numbers held up"
    assert dana.overall == "Strong on systems, thin on people leadership"


def test_a_typed_score_counts_and_a_tick_that_contradicts_it_is_refused(kit: InterviewKit) -> None:
    document = docx.Document(io.BytesIO(filled_word_sheet(kit, {1: "good"}, {})))
    score_boxes = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Score")]
    score_boxes[1].rows[0].cells[-1].text = "4"  # question 2: typed, no tick
    score_boxes[0].rows[0].cells[-1].text = "poor"  # question 1: ticked good, typed poor
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(InvalidScorecard, match="ticks good but the score box says poor"):
        load_scorecard(out.getvalue(), "sheet.docx", kit)
    score_boxes[0].rows[0].cells[-1].text = ""
    out = io.BytesIO()
    document.save(out)
    read = load_scorecard(out.getvalue(), "sheet.docx", kit)
    assert [s.rating.value for s in read.scores[:2]] == ["good", "excellent"]


def test_two_ticks_on_one_sheet_are_an_error_not_a_guess(kit: InterviewKit) -> None:
    document = docx.Document(io.BytesIO(render_kit_docx(kit)))
    first = next(t for t in document.tables if t.rows[0].cells[0].text == "Rating")
    first.rows[1].cells[-1].text = "✓"
    first.rows[4].cells[-1].text = "x"
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(InvalidScorecard, match="excellent and poor ticked"):
        load_scorecard(out.getvalue(), "sheet.docx", kit)


def test_blank_scorecards_round_trip_through_json_and_yaml(kit: InterviewKit) -> None:
    blank = blank_scorecard(kit, "Sam")
    assert [s.question_id for s in blank.scores] == [q.id for q in kit.questions]
    as_yaml = yaml.safe_dump(blank.model_dump(mode="json")).encode()
    assert load_scorecard(as_yaml, "sam.yaml", kit) == blank
    assert load_scorecard(blank.model_dump_json().encode(), "sam.json", kit) == blank


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kit": "0123456789ab"}, "filled in for another kit"),
        ({"scores": [{"question_id": "q99", "rating": "good"}]}, "does not have (q99)"),
        ({"scores": [{"question_id": "q1", "rating": "superb"}]}, "'superb' is not a rating"),
        (
            {"scores": [{"question_id": "q1", "rating": "good"}] * 2},
            "rates question q1 twice",
        ),
    ],
)
def test_hostile_scorecards_get_a_sentence_saying_what_to_fix(
    kit: InterviewKit, change: dict[str, object], message: str
) -> None:
    data = {**blank_scorecard(kit, "Eve").model_dump(mode="json"), **change}
    with pytest.raises(InvalidScorecard, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_scorecard(json.dumps(data).encode(), "eve.json", kit)


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def test_a_word_file_that_is_a_zip_bomb_is_refused_without_expanding_it(
    kit: InterviewKit,
) -> None:
    bomb = zip_bomb()
    assert len(bomb) < 1024 * 1024
    with pytest.raises(UnsupportedFileType, match="expands to far more data"):
        load_scorecard(bomb, "sheet.docx", kit)
    with pytest.raises(InputTooLarge):
        load_scorecard(b"{" + b" " * (3 * 1024 * 1024) + b"}", "huge.json", kit)


# --------------------------------------------------------------------------- debrief


@pytest.fixture(scope="module")
def debrief(kit: InterviewKit, panel: list[Scorecard], engine: Engine) -> Debrief:
    analysis = engine.prepare(
        KitRequest(resume=RESUME.read_bytes(), filename=RESUME.name, job_text=JOB_FILE.read_text())
    )
    return build_debrief(kit, panel, analysis=analysis)


def test_the_debrief_finds_where_the_panel_disagrees_by_two_levels(debrief: Debrief) -> None:
    by_number = {q.number: q for q in debrief.questions}
    # Question 3: excellent, mixed, poor.
    assert by_number[3].disagreement and by_number[3].spread == 3
    # Question 1: good, excellent, good is ordinary spread.
    assert not by_number[1].disagreement
    split = [u for u in debrief.unknowns if u.kind == "disagreement"]
    assert [u.question_id for u in split] == [by_number[3].question_id]
    assert "Ann Lee excellent" in split[0].message and "Dana Ortiz poor" in split[0].message
    purpose = next(g for g in debrief.by_purpose if by_number[3].question_id in g.question_ids)
    assert by_number[3].question_id in purpose.disagreements


def test_each_rating_carries_its_note_and_the_resume_line_it_probed(
    debrief: Debrief, kit: InterviewKit, engine: Engine
) -> None:
    first = debrief.questions[0]
    assert first.probed and first.probed in kit.questions[0].evidence[0].quote
    notes = {e.interviewer: e.notes for e in first.ratings}
    assert notes["Ann Lee"] == "Walked through the Kafka cut-over with timings"


def test_missing_evidence_is_listed(debrief: Debrief, kit: InterviewKit) -> None:
    kinds = {(u.kind, u.question_id) for u in debrief.unknowns}
    # Nobody asked questions 5 onwards.
    assert ("not_asked", kit.questions[4].id) in kinds
    # Ben rated question 2 without a note; the others wrote one, so it is listed but the
    # panel still has evidence.
    assert ("no_notes", kit.questions[1].id) in kinds
    # Ann's protected note on question 4 is not usable evidence.
    assert ("no_notes", kit.questions[3].id) in kinds


def test_a_protected_note_is_flagged_by_kind_and_left_out_everywhere(debrief: Debrief) -> None:
    assert len(debrief.flagged_notes) == 1
    flag = debrief.flagged_notes[0]
    assert flag.interviewer == "Ann Lee"
    assert {ProtectedKind.age, ProtectedKind.family} <= set(flag.kinds)
    assert "age or date of birth" in flag.message
    for fmt in ("md", "json", "html"):
        rendered = render(debrief, fmt)
        assert isinstance(rendered, str)
        assert PROTECTED_NOTE not in rendered and "kids" not in rendered


def test_follow_ups_are_grounded_and_never_on_a_protected_topic(
    debrief: Debrief, kit: InterviewKit, engine: Engine
) -> None:
    resume_text = engine.read(KitRequest(resume=RESUME.read_bytes(), filename=RESUME.name)).text
    assert debrief.follow_ups
    split = next(q for q in debrief.questions if q.disagreement)
    settling = [f for f in debrief.follow_ups if f.question_id == split.question_id]
    assert settling, "the disagreement gets a follow-up"
    kit_texts = {q.text for q in kit.questions}
    for follow_up in debrief.follow_ups:
        assert question_topic(" ".join([follow_up.text, *follow_up.follow_ups])) is None
        if follow_up.probes:
            job = JOB_FILE.read_text()
            assert follow_up.probes in resume_text or follow_up.probes in job
    # The disagreement is asked from a new angle, not in the kit's own words.
    assert any(f.text not in kit_texts for f in settling)
    asked_again = {f.question_id for f in debrief.follow_ups if f.text in kit_texts}
    assert kit.questions[6].id in asked_again  # not asked: asked next time


def test_the_debrief_never_gives_a_verdict(debrief: Debrief) -> None:
    text = str(render(debrief, "md")).lower()
    assert "does not recommend hiring or rejecting" in text
    for verdict in ("we recommend", "should be hired", "do not proceed", "strong hire"):
        assert verdict not in text


def test_debrief_exports_in_four_formats_with_the_chart(debrief: Debrief) -> None:
    html = str(render(debrief, "html"))
    assert "<svg" in html and "Median rating per area" in html
    md = str(render(debrief, "md"))
    assert "█" in md and "## Still unknown" in md
    document = docx.Document(io.BytesIO(render(debrief, "docx")))  # type: ignore[arg-type]
    assert document.inline_shapes, "the Word debrief carries the chart"
    assert any("Still unknown" in p.text for p in document.paragraphs)
    assert Debrief.model_validate_json(render(debrief, "json")) == debrief


# --------------------------------------------------------------------------- compare


@pytest.fixture(scope="module")
def structured_debriefs(engine: Engine) -> list[Debrief]:
    profile = derive_profile(JOB)
    out = []
    for resume, grade in ((ANALYST, "excellent"), (COOK_TO_ANALYST, "good")):
        kit = engine.build_kit(KitRequest(resume_text=resume, role=profile))
        ratings = {i: (grade, "Specific example") for i in range(1, len(kit.questions) + 1)}
        ratings[1] = ("poor", "")
        cards = [card(kit, "Ann", ratings), card(kit, "Ben", {1: ("good", "ok")})]
        out.append(build_debrief(kit, cards))
    return out


def test_candidates_on_different_kits_are_compared_on_shared_core_questions_only(
    structured_debriefs: list[Debrief],
) -> None:
    comparison = compare(structured_debriefs)
    core = [q.question_id for q in structured_debriefs[0].questions if q.core]
    assert comparison.shared_questions == core
    assert "only on the" in comparison.scope and "core questions" in comparison.scope
    assert len(comparison.candidates) == 2
    row = comparison.rows[0]
    first, second = (row.cells[c] for c in comparison.candidates)
    # Question 1 was rated poor by Ann and good by Ben for both: a disagreement to settle.
    assert first.disagreement and second.disagreement
    assert any("disagreed" in point for point in comparison.settle)
    page = str(render(comparison, "html"))
    assert "<svg" in page and html.escape(comparison.scope) in page


def test_tailored_kits_without_a_shared_core_are_not_compared(
    debrief: Debrief, structured_debriefs: list[Debrief]
) -> None:
    with pytest.raises(InvalidScorecard, match="different role profiles"):
        compare([debrief, structured_debriefs[0]])
    other = debrief.model_copy(update={"kit": "ffffffffffff", "questions": debrief.questions})
    with pytest.raises(InvalidScorecard, match="no question in common"):
        compare([debrief, other])


# --------------------------------------------------------------------------- answers


def question(kind: FactKind, quote: str, text: str) -> Question:
    return Question(
        id="q1",
        text=text,
        round="second",
        purpose=Purpose.deep_dive,
        evidence=[Evidence(fact_id="f1", kind=kind, quote=quote)],
    )


ACHIEVEMENT = question(
    FactKind.achievement,
    "Cut pick errors by 38% across two warehouses",
    "How did you cut pick errors by 38%?",
)


def test_a_we_answer_without_a_result_gets_probes_for_own_part_and_result() -> None:
    answer = (
        "We brought in scan-to-confirm on every tote and the team retrained the night shift. "
        "Our supervisors ran the sessions and we kept at it for a few months."
    )
    result = follow_up_answer(ACHIEVEMENT, answer)
    kinds = [lack.kind for lack in result.lacks]
    assert "own_part" in kinds and "result" in kinds and len(kinds) <= 3
    assert all("pick errors" in lack.probe for lack in result.lacks)


def test_a_complete_answer_gets_no_probes() -> None:
    answer = (
        "In March 2023 errors were running at 2.1% of lines, measured from returns. I "
        "proposed scan-to-confirm, wrote the training and coached the night shift myself. "
        "By September we were at 1.3%, and the client renewed. I learned to pilot on one "
        "shift first."
    )
    assert follow_up_answer(ACHIEVEMENT, answer).lacks == []


def test_candidate_mode_gives_rehearsal_feedback_addressed_to_the_candidate() -> None:
    answer = "I always double-check my work and I usually get good results, I'm a team player."
    result = follow_up_answer(ACHIEVEMENT, answer, Audience.candidate)
    assert result.feedback.startswith(("Your answer", "Already there"))
    assert "one real occasion" in result.feedback


# --------------------------------------------------------------------------- CLI and HTTP


def test_the_whole_loop_from_the_command_line(
    tmp_path: Path,
    kit: InterviewKit,
    panel: list[Scorecard],
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(engine_settings.data_dir))
    kit_file = tmp_path / "kit.json"
    kit_file.write_text(kit.model_dump_json())
    assert cli.main(["scorecard", "blank", str(kit_file), "--out", str(tmp_path / "b.json")]) == 0
    (tmp_path / "ann.json").write_text(panel[0].model_dump_json())
    (tmp_path / "ben.yaml").write_text(yaml.safe_dump(panel[1].model_dump(mode="json")))
    word = filled_word_sheet(kit, {1: "good", 3: "poor"}, {1: "Numbers held up"})
    (tmp_path / "dana.docx").write_bytes(word)
    cards = [str(tmp_path / n) for n in ("ann.json", "ben.yaml", "dana.docx")]
    out = tmp_path / "debrief.json"
    args = ["debrief", str(kit_file), *cards, "--format", "json", "--out", str(out)]
    assert cli.main([*args, "--candidate", "Jordan"]) == 0
    assert cli.main([*args[:-1], str(tmp_path / "other.json"), "--candidate", "Sam"]) == 0
    made = Debrief.model_validate_json(out.read_text())
    assert made.interviewers == ["Ann Lee", "Ben Roy", "Dana Ortiz"] and made.flagged_notes
    capsys.readouterr()
    assert cli.main(["compare", str(out), str(tmp_path / "other.json")]) == 0
    shown = capsys.readouterr().out
    assert "Jordan" in shown and "Sam" in shown and "one kit" in shown
    (tmp_path / "answer.txt").write_text("We just did it as a team, we always do.")
    followup = ["followup", "--kit", str(kit_file), "--question", kit.questions[0].id]
    assert cli.main([*followup, "--answer", str(tmp_path / "answer.txt")]) == 0
    assert "personally" in capsys.readouterr().out
    assert cli.main([*followup[:-1], "q404", "--answer", str(tmp_path / "answer.txt")]) == 2
    assert "has no question 'q404'" in capsys.readouterr().err


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_two_candidates_on_one_role_compare_over_http(
    client: TestClient, structured_debriefs: list[Debrief]
) -> None:
    files = [
        ("debrief", (f"d{i}.json", d.model_dump_json().encode(), "application/json"))
        for i, d in enumerate(structured_debriefs)
    ]
    reply = client.post("/v1/comparisons", files=files, data={"format": "json"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert len(body["candidates"]) == 2 and "core questions" in body["scope"]
    assert all(len(row["cells"]) == 2 for row in body["rows"])


def test_the_loop_over_http_with_a_word_sheet(client: TestClient, kit: InterviewKit) -> None:
    kit_json = kit.model_dump_json().encode()
    word = filled_word_sheet(kit, {1: "good", 3: "poor"}, {1: "Numbers held up"})
    ann = card(kit, "Ann", {1: ("excellent", "Great"), 3: ("excellent", "Deep")})
    files = [
        ("kit", ("kit.json", kit_json, "application/json")),
        ("scorecard", ("ann.json", ann.model_dump_json().encode(), "application/json")),
        ("scorecard", ("dana.docx", word, "application/octet-stream")),
    ]
    response = client.post("/v1/debriefs", files=files, data={"format": "json"})
    assert response.status_code == 200, response.text
    made = Debrief.model_validate(response.json())
    assert made.interviewers == ["Ann", "Dana Ortiz"]
    assert any(u.kind == "disagreement" for u in made.unknowns)
    html = client.post("/v1/debriefs", files=files, data={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "<svg" in html.text
    docx_reply = client.post("/v1/debriefs", files=files, data={"format": "docx"})
    assert docx_reply.headers["content-disposition"].startswith("attachment")
    other = made.model_copy(update={"candidate": "Sam"}).model_dump(mode="json")
    compared = client.post(
        "/v1/comparisons", json={"debriefs": [made.model_dump(mode="json"), other], "format": "md"}
    )
    assert compared.status_code == 200 and "Sam" in compared.text
    followup = client.post(
        "/v1/followups",
        json={
            "kit": json.loads(kit_json),
            "question_id": kit.questions[0].id,
            "answer": "We always do it together as a team.",
            "audience": "candidate",
        },
    )
    assert followup.status_code == 200 and followup.json()["feedback"]


def test_the_follow_up_form_works_without_javascript(client: TestClient, kit: InterviewKit) -> None:
    kit_json = kit.model_dump_json()
    opened = client.post(
        "/followup/open", files={"kit": ("kit.json", kit_json.encode(), "application/json")}
    )
    assert opened.status_code == 200 and 'name="question_id"' in opened.text
    assert opened.text.count("<option value=") == len(kit.questions)
    assert "The configured model" not in opened.text  # no model here: no choice offered
    question = kit.questions[1]
    answer = "We just did it as a team, we always do."
    form = {"kit_json": kit_json, "question_id": question.id, "answer": answer}
    shown = client.post("/followup", data={**form, "audience": "interviewer"})
    assert shown.status_code == 200
    page = html.unescape(shown.text)
    expected = follow_up_answer(question, answer)
    assert expected.probes and all(probe in page for probe in expected.probes)
    assert f"Question 2: “{question.text}”" in page
    # The same form stays up on the same question, with the answer, for the next one.
    assert f'<option value="{question.id}" selected>' in shown.text and answer in page
    rehearsal = client.post("/followup", data={**form, "audience": "candidate"})
    feedback = follow_up_answer(question, answer, Audience.candidate).feedback
    assert "Feedback on your answer" in rehearsal.text
    assert feedback in html.unescape(rehearsal.text)
    empty = client.post("/followup", data={**form, "answer": "  ", "audience": "interviewer"})
    assert empty.status_code == 400 and "The answer is empty" in empty.text
    assert 'name="question_id"' in empty.text  # the form, not a dead end
    stray = client.post("/followup", data={**form, "question_id": "q404"})
    assert stray.status_code == 400 and "Choose one of the kit" in stray.text
    not_a_kit = client.post("/followup", data={"kit_json": "{}", "answer": answer})
    assert not_a_kit.status_code >= 400 and 'role="alert"' in not_a_kit.text
    after = client.get("/after")
    assert "Follow up an answer" in after.text and '/followup/open"' in after.text


def test_hostile_debrief_requests_get_4xx_and_the_service_stays_up(
    client: TestClient, kit: InterviewKit
) -> None:
    kit_json = kit.model_dump_json().encode()
    huge = b"{" + b" " * (50 * 1024 * 1024) + b"}"
    assert (
        client.post(
            "/v1/debriefs", content=huge, headers={"content-type": "application/json"}
        ).status_code
        == 413
    )
    bomb = [
        ("kit", ("kit.json", kit_json, "application/json")),
        ("scorecard", ("bomb.docx", zip_bomb(), "application/octet-stream")),
    ]
    assert client.post("/v1/debriefs", files=bomb).status_code == 415
    wrong = {
        "kit": json.loads(kit_json),
        "scorecards": [{"kit": "0123456789ab", "interviewer": "X"}],
    }
    reply = client.post("/v1/debriefs", json=wrong)
    assert reply.status_code == 422 and "another kit" in reply.json()["detail"]
    bad = blank_scorecard(kit, "X").model_dump(mode="json")
    bad["scores"][0]["rating"] = "10/10"
    reply = client.post("/v1/debriefs", json={"kit": json.loads(kit_json), "scorecards": [bad]})
    assert reply.status_code == 422 and "not a rating" in reply.json()["detail"]
    not_a_kit = client.post(
        "/v1/followups", json={"kit": {"x": 1}, "question_id": "q1", "answer": "a"}
    )
    assert not_a_kit.status_code == 422
    assert client.get("/healthz").status_code == 200
