"""The Word exporter, as an interviewer opening the file sees it: headings per group, the
quotes, and a scoring sheet per question anchored by the question's own notes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.table import Table
from fastapi.testclient import TestClient

from secondround.core import pipeline
from secondround.core.cli import main
from secondround.core.models import (
    Audience,
    Evidence,
    FactKind,
    InterviewKit,
    KitMeta,
    KitWarning,
    PanelRole,
    Purpose,
    Question,
    RatingAnchor,
    Source,
)
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import Registry, build_registry
from secondround.core.settings import Settings
from secondround.plugins import exporter_docx
from secondround.plugins.exporter_docx import (
    DOCX_MEDIA_TYPE,
    DocxExporter,
    negate,
    scoring_anchors,
    strong_points,
)
from secondround.plugins.exporters import group_questions
from secondround.server.app import create_app

LEVELS = ["Poor (1)", "Mixed (2)", "Good (3)", "Excellent (4)"]
SCORING_HEADER = ["Rating", "What you hear", "Tick"]
SUMMARY_HEADER = ["#", "Question", "Score (1–4)", "Comments"]


# --------------------------------------------------------------------------- builders


def question(number: int, purpose: Purpose, **fields: object) -> Question:
    values: dict[str, object] = {
        "id": f"q{number}",
        "text": f"Question {number}: what exactly was your part in it?",
        "round": "second",
        "purpose": purpose,
        "evidence": [
            Evidence(
                fact_id=f"f{number}",
                kind=FactKind.achievement,
                quote=f"Cut report preparation from {number + 1} days to 2 hours",
            )
        ],
        "rationale": f"Rationale {number}: the line claims more than it shows.",
        "follow_ups": [f"Follow-up {number}a: who else worked on it?", f"Follow-up {number}b"],
        "strong_answer": "Gives a concrete baseline and how it was measured; separates their own "
        "decisions from the team's; names something that did not work.",
        "minutes": 5,
    }
    values.update(fields)
    return Question.model_validate(values)


def kit_of(questions: list[Question], **fields: object) -> InterviewKit:
    values: dict[str, object] = {
        "round": "second",
        "round_title": "Second-round interview",
        "candidate": "Data Analyst at Finch Analytics",
        "minutes": sum(q.minutes for q in questions),
        "questions": questions,
        "meta": KitMeta(generator="offline", corpus_version="abc123"),
    }
    values.update(fields)
    return InterviewKit.model_validate(values)


SCALE = [
    RatingAnchor(level="excellent", description="Names the metric, the baseline and the check."),
    RatingAnchor(level="poor", description="Cannot say how the number was measured."),
    RatingAnchor(level="good", description="Names the metric and the baseline."),
    RatingAnchor(level="mixed", description="Names the metric only."),
]


def sample_kit() -> InterviewKit:
    return kit_of(
        [
            question(1, Purpose.deep_dive, rating_scale=SCALE),
            question(2, Purpose.deep_dive),
            question(
                3,
                Purpose.concern,
                strong_answer="A clear account of the gap; candid about limits. The "
                "interviewer should not press for personal reasons.",
                evidence=[
                    Evidence(
                        fact_id="n1",
                        kind=FactKind.concern,
                        quote="Check the nine months after Corran Foods.",
                        source=Source.notes,
                    )
                ],
            ),
            question(4, Purpose.salary_expectations, evidence=[], general=True, strong_answer=""),
        ],
        warnings=[KitWarning(code="protected_detail", message="A date of birth was ignored.")],
    )


def open_docx(data: bytes) -> WordDocument:
    assert data[:2] == b"PK", "not a .docx (zip) file"
    return docx.Document(io.BytesIO(data))


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def tables_with_header(document: WordDocument, header: list[str]) -> list[Table]:
    return [t for t in document.tables if rows(t)[0] == header]


def styled(document: WordDocument, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def all_text(document: WordDocument) -> str:
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.footer.paragraphs]
    return "\n".join(parts)


# --------------------------------------------------------------------------- structure


def test_headings_follow_the_markdown_groups_and_number_every_question() -> None:
    kit = sample_kit()
    document = open_docx(DocxExporter().export(kit))
    assert styled(document, "Title") == ["Second-round interview"]
    groups = [heading for heading, _, _ in group_questions(kit)]
    assert styled(document, "Heading 1") == [*groups, "Summary sheet", "Warnings"]
    assert styled(document, "Heading 2") == [
        f"{n}. {q.text}" for n, q in enumerate(kit.questions, start=1)
    ]
    intro = "\n".join(p.text for p in document.paragraphs[:4])
    assert "Data Analyst at Finch Analytics" in intro and "20 min" in intro


def test_a_panel_kit_is_grouped_by_panelist() -> None:
    roles = [
        PanelRole(id="peer", title="Peer", angle="Hands-on depth."),
        PanelRole(id="lead", title="Line manager", angle="Delivery and concerns."),
    ]
    kit = kit_of(
        [
            question(1, Purpose.deep_dive, asked_by="lead"),
            question(2, Purpose.validate_skill, asked_by="peer"),
        ],
        panel_roles=roles,
    )
    document = open_docx(DocxExporter().export(kit))
    assert styled(document, "Heading 1")[:2] == ["Peer", "Line manager"]
    text = all_text(document)
    assert "Listens for: Hands-on depth." in text


def test_quotes_follow_ups_and_strong_answers_are_all_there() -> None:
    kit = sample_kit()
    document = open_docx(DocxExporter().export(kit))
    quotes = styled(document, "Quote")
    for q in kit.questions:
        for evidence in q.evidence:
            assert any(f"“{evidence.quote}”" in line for line in quotes)
    assert "“Check the nine months after Corran Foods.” — notes" in quotes
    bullets = styled(document, "List Bullet")
    for q in kit.questions:
        for follow_up in q.follow_ups:
            assert follow_up in bullets
    assert "A date of birth was ignored." in bullets


def test_every_question_has_one_scoring_table_a_score_box_and_room_for_notes() -> None:
    kit = sample_kit()
    document = open_docx(DocxExporter().export(kit))
    scoring = tables_with_header(document, SCORING_HEADER)
    assert len(scoring) == len(kit.questions)
    for table in scoring:
        assert [row[0] for row in rows(table)[1:]] == LEVELS
        assert all(row[1].strip() for row in rows(table)[1:])
        assert all(row[2] == "☐" for row in rows(table)[1:])
    boxes = [t for t in document.tables if rows(t)[0][0] == "Score (1–4)"]
    assert len(boxes) == len(kit.questions)
    for box in boxes:
        notes_row = box.rows[1]
        assert notes_row.cells[0].text == "Notes" and notes_row.cells[1].text == ""
        assert notes_row.height is not None and notes_row.height.cm >= 3


def test_the_summary_sheet_lists_every_question_with_empty_score_cells() -> None:
    kit = sample_kit()
    document = open_docx(DocxExporter().export(kit))
    [summary] = tables_with_header(document, SUMMARY_HEADER)
    body = rows(summary)[1:]
    assert [row[0] for row in body] == [str(n) for n in range(1, len(kit.questions) + 1)]
    assert [row[1] for row in body] == [q.text for q in kit.questions]
    assert all(row[2] == "" and row[3] == "" for row in body)
    assert f"of {4 * len(kit.questions)}" in all_text(document)


# --------------------------------------------------------------------------- anchors


def test_a_rating_scale_on_the_question_anchors_its_table_in_level_order() -> None:
    kit = sample_kit()
    document = open_docx(DocxExporter().export(kit))
    first = tables_with_header(document, SCORING_HEADER)[0]
    by_level = {a.level: a.description for a in SCALE}
    assert [row[1] for row in rows(first)[1:]] == [
        by_level[level] for level in ("poor", "mixed", "good", "excellent")
    ]
    assert "Anchored by this question's rating scale." in all_text(document)


def test_without_a_scale_the_anchors_come_from_the_strong_answer() -> None:
    q = question(2, Purpose.deep_dive)
    anchors = {a.level: a.description for a in scoring_anchors(q)[0]}
    # Good and excellent show what the strong answer describes...
    for level in ("good", "excellent"):
        assert "concrete baseline and how it was measured" in anchors[level]
        assert "names something that did not work" in anchors[level]
    # ...poor shows the opposite of it, and mixed falls between.
    assert anchors["poor"].startswith("Does not give a concrete baseline")
    assert "does not separate their own decisions" in anchors["poor"]
    assert anchors["mixed"].startswith("Gives a concrete baseline")
    assert "but does not name something that did not work" in anchors["mixed"]
    assert len(set(anchors.values())) == 4


def test_anchors_leave_out_notes_meant_for_the_interviewer() -> None:
    q = sample_kit().questions[2]
    assert strong_points(q.strong_answer) == ["A clear account of the gap", "candid about limits"]
    anchors = {a.level: a.description for a in scoring_anchors(q)[0]}
    assert anchors["poor"] == "Lacks a clear account of the gap; not candid about limits."
    assert "interviewer" not in " ".join(anchors.values())


def test_a_partial_scale_is_completed_from_the_strong_answer() -> None:
    q = question(2, Purpose.deep_dive, rating_scale=[SCALE[0]])
    anchors = {a.level: a.description for a in scoring_anchors(q)[0]}
    assert anchors["excellent"] == SCALE[0].description
    assert anchors["poor"].startswith("Does not give")


@pytest.mark.parametrize(
    ("point", "opposite"),
    [
        (
            "Clarifies the real need, proposes a reduced scope, communicates early and "
            "honestly, and draws on similar experience",
            "Does not clarify the real need, propose a reduced scope, communicate early and "
            "honestly, or draw on similar experience",
        ),
        (
            "Names a real task where SQL was used, at a depth that matches the claim",
            "Does not name a real task where SQL was used, at a depth that matches the claim",
        ),
        ("Offers ideas and builds on others'", "Does not offer ideas or build on others'"),
        (
            "Explains the options, and is candid about limits",
            "Does not explain the options, or is not candid about limits",
        ),
        ("Discusses trade-offs openly", "Does not discuss trade-offs openly"),
        ("Is specific about their own call", "Is not specific about their own call"),
        ("Has a realistic plan", "Does not have a realistic plan"),
        ("A researched range", "Lacks a researched range"),
        ("honest about gaps", "Not honest about gaps"),
    ],
)
def test_negation_reads_as_what_a_poor_answer_shows(point: str, opposite: str) -> None:
    assert negate(point) == opposite


def test_a_question_without_notes_gets_general_anchors_that_say_so() -> None:
    q = question(4, Purpose.salary_expectations, strong_answer="")
    anchors, basis = scoring_anchors(q)
    assert [a.level for a in anchors] == ["poor", "mixed", "good", "excellent"]
    assert "no strong-answer notes" in basis


# --------------------------------------------------------------------------- safety


def test_hostile_quotes_cannot_break_the_file() -> None:
    hostile = 'Led <script>alert("x")</script> & grew sales\x00\x07 by 30%\x1b \ufffe done'
    kit = kit_of(
        [
            question(
                1,
                Purpose.deep_dive,
                text="What happened \x0c here?",
                evidence=[Evidence(fact_id="f1", kind=FactKind.achievement, quote=hostile)],
            )
        ]
    )
    document = open_docx(DocxExporter().export(kit))
    text = all_text(document)
    assert '“Led <script>alert("x")</script> & grew sales by 30% done”' in text
    assert "What happened here?" in text


def test_protected_details_in_the_resume_never_reach_the_document(settings: Settings) -> None:
    resume = """Priya Raman
priya.raman@example.com | +44 7700 900123
Date of birth: 14/03/1979 | Married, two children

EXPERIENCE
Data Analyst, Finch Analytics Ltd
Mar 2019 – Present
• Built weekly sales dashboards in Tableau for 40 stores, cutting prep from 2 days to 2 hours
• Led the migration of 120 reports from Excel to Power BI

SKILLS
SQL, Tableau, Power BI, Python
"""
    engine = Engine(settings)
    kit = engine.build_kit(KitRequest(resume_text=resume, count=6))
    assert any(w.code == "protected_detail" for w in kit.warnings)
    text = all_text(open_docx(DocxExporter().export(kit)))
    assert "40 stores" in text
    for private in ("1979", "14/03", "Married", "children", "priya.raman@", "7700"):
        assert private not in text


# --------------------------------------------------------------------------- registration


def registry_with_docx(settings: Settings) -> Registry:
    """The registry the CLI and server build, with the docx exporter whether or not its
    entry point is installed yet."""
    registry = build_registry(settings)
    if "docx" in registry.exporters:
        return registry
    return build_registry(settings, extra=[("exporter_docx", exporter_docx)])


def test_the_exporter_is_found_by_name_with_its_media_type(tmp_path: Path) -> None:
    registry = registry_with_docx(
        Settings(_env_file=None, data_dir=tmp_path, load_plugins="")  # type: ignore[call-arg]
    )
    exporter = registry.exporter("docx")
    assert isinstance(exporter, DocxExporter)
    assert (exporter.media_type, exporter.extension) == (DOCX_MEDIA_TYPE, ".docx")
    assert registry.owner_of(exporter) == "exporter_docx"
    assert isinstance(exporter.export(sample_kit()), bytes)


@pytest.fixture
def docx_cli(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("SECONDROUND_DEBUG", raising=False)
    monkeypatch.setattr(pipeline, "get_registry", registry_with_docx)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume.txt").write_text(
        "Sam Okafor\n\nEXPERIENCE\nCommercial Analyst, Larkfield Retail Group\n"
        "Mar 2021 – Present\n• Cut stock write-offs by 18% across 60 stores\n"
        "• Built the pricing model used for the spring range review\n\n"
        "SKILLS\nSQL, Python, Excel\n",
        encoding="utf-8",
    )
    yield tmp_path


def test_the_cli_writes_a_docx_with_out(docx_cli: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["questions", "resume.txt", "--count", "4", "--format", "docx", "--out", "kit.docx"])
        == 0
    )
    captured = capsys.readouterr()
    assert captured.out == "" and "kit.docx" in captured.err
    document = open_docx((docx_cli / "kit.docx").read_bytes())
    assert len(tables_with_header(document, SCORING_HEADER)) == 4
    assert "Cut stock write-offs by 18% across 60 stores" in all_text(document)


def test_the_cli_refuses_to_print_a_docx_to_the_terminal(
    docx_cli: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["questions", "resume.txt", "--count", "2", "--format", "docx"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = [line for line in captured.err.splitlines() if line.strip()]
    assert line.startswith("secondround: ") and "binary" in line and "--out" in line


def test_the_api_serves_a_docx_as_an_attachment(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "get_registry", registry_with_docx)
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/kits",
            json={
                "resume_text": "Sam Okafor\n\nEXPERIENCE\nCommercial Analyst, Larkfield Retail\n"
                "2021 – Present\n• Cut stock write-offs by 18% across 60 stores\n",
                "count": 3,
                "format": "docx",
                "audience": Audience.interviewer.value,
            },
        )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == DOCX_MEDIA_TYPE
    assert response.headers["content-disposition"].startswith("attachment;")
    assert ".docx" in response.headers["content-disposition"]
    document = open_docx(response.content)
    assert len(tables_with_header(document, SCORING_HEADER)) == 3
