"""Reading and field fixes from issue 17, each on a resume written for it: a document
title above the name is not the name; the exercise fits the job being hired for (the job
description's title), else the candidate's latest job; trades have a field of their own."""

from __future__ import annotations

import re

import pytest

from secondround.core.analysis.career_change import title_field
from secondround.core.models import Purpose
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from tests.index_fixture import TODAY, engine_settings  # noqa: F401

TEACHER = """\
{title}

Ruth Adeyemi
ruth.adeyemi@example.org | 555-0148

EMPLOYMENT HISTORY

Mathematics Teacher, Kingsmead Academy
Sep 2018 – Present
▪ Taught GCSE and A-level maths to classes of 30
▪ Built the department's Python club for 40 students

EDUCATION
BSc Mathematics, University of Leicester, 2014 – 2017

SKILLS
Python, Linux, Bash, Curriculum design
"""


@pytest.mark.parametrize("title", ["CURRICULUM VITAE", "Curriculum Vitae", "RESUME", "CV"])
def test_a_document_title_above_the_name_is_not_the_name(
    engine_settings: Settings,  # noqa: F811
    title: str,
) -> None:
    resume = Engine(engine_settings).prepare(
        KitRequest(resume_text=TEACHER.format(title=title), today=TODAY)
    )
    assert resume.resume.contact.name == "Ruth Adeyemi"


def test_the_exercise_fits_the_job_being_hired_for(engine_settings: Settings) -> None:  # noqa: F811
    job = (
        "Site Reliability Engineer\n\nRequirements:\n- On-call experience for production "
        "Linux services\n- Scripting in Python or Bash\n"
    )
    kit = Engine(engine_settings).build_kit(
        KitRequest(
            resume_text=TEACHER.format(title=""),
            job_text=job,
            round="technical",
            count=8,
            today=TODAY,
        )
    )
    practical = [q.text for q in kit.questions if q.purpose is Purpose.evaluate_skill]
    assert practical, [q.text for q in kit.questions]
    text = " ".join(practical).lower()
    # A software task (a code change to review), not a teacher's lesson plan.
    assert "lesson" not in text and "class" not in text, practical
    assert any(w in text for w in ("change", "test", "endpoint", "api")), practical


@pytest.mark.parametrize(
    ("title", "field"),
    [
        ("Electrician", "construction"),
        ("HVAC Technician", "construction"),
        ("Site Reliability Engineer", "software"),
        ("Dental Hygienist", "healthcare"),
        ("Front Office Manager", "hospitality"),
        ("HR Business Partner", "people"),
    ],
)
def test_a_job_title_says_its_field(title: str, field: str) -> None:
    assert title_field(title) == field


# --------------------------------------------------------------------------- layouts


def sidebar_pdf(side: list[str], main: list[str]) -> bytes:
    """A two-column page: ``side`` down a narrow left column, ``main`` beside it."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for column, x, width in ((side, 10, 55), (main, 75, 120)):
        y = 15
        for line in column:
            pdf.set_xy(x, y)
            pdf.cell(width, 5, line)
            y += 6
    return bytes(pdf.output())


MAIN_COLUMN = [
    "Tomasz Wierzbicki",
    "LOGISTICS COORDINATOR",
    "",
    "EXPERIENCE",
    "Logistics Coordinator",
    "Vistula Freight | Mar 2021 - Present",
    "- Cut late deliveries from 9% to 4% by re-planning the Friday runs",
    "",
    "Warehouse Operative",
    "Baltic Stores | Jan 2017 - Feb 2021",
    "- Trained 6 new starters on the scanners",
]


@pytest.mark.parametrize(
    "side",
    [
        # Skills first, contact details under their own heading, the name in the main column.
        [
            "SKILLS",
            "SAP",
            "Route planning",
            "",
            "CONTACT",
            "Gdansk, Poland",
            "tomasz.w@example.com",
            "+48 500 100 200",
            "tomaszw.example.net",
        ],
        # Contact details with no heading, then lists that run on into the main column.
        ["Gdansk, Poland", "tomasz.w@example.com", "", "SKILLS", "SAP", "Route planning"],
    ],
)
def test_a_sidebar_read_first_keeps_the_name_and_no_contact_detail_is_a_skill(
    engine_settings: Settings,  # noqa: F811
    side: list[str],
) -> None:
    data = sidebar_pdf(side, MAIN_COLUMN)
    analysis = Engine(engine_settings).prepare(KitRequest(resume=data, filename="cv.pdf"))
    resume = analysis.resume
    assert resume.contact.name == "Tomasz Wierzbicki"
    skills = {s.name for s in resume.skills}
    assert {"SAP", "Route planning"} <= skills
    for detail in ("Gdansk", "example.com", "example.net", "+48", "Tomasz"):
        assert not any(detail in s for s in skills), skills
    assert [(r.title, r.organisation) for r in resume.roles] == [
        ("Logistics Coordinator", "Vistula Freight"),
        ("Warehouse Operative", "Baltic Stores"),
    ]


def test_a_place_that_lost_its_gap_is_split_from_the_employer() -> None:
    from secondround.core.analysis.role_headers import split_header

    # Right-aligned places lose their spacing in text extraction.
    assert split_header("Nurse Practitioner\nRiverside Clinic Portland, OR") == (
        "Nurse Practitioner",
        "Riverside Clinic",
        "Portland, OR",
    )
    assert split_header("Sous Chef\nThe Copper Pot Leeds, UK") == (
        "Sous Chef",
        "The Copper Pot",
        "Leeds, UK",
    )
    # An employer named with a comma and its city stays as written.
    assert split_header("Store Manager\nLumen Hotels, Chicago")[1] == "Lumen Hotels"


@pytest.mark.parametrize(
    "header, title, employer, place",
    [
        ("Norvale Serviços Ltda., Recife", None, "Norvale Serviços Ltda.", "Recife"),
        ("Brightwater Foods GmbH, Hamburg", None, "Brightwater Foods GmbH", "Hamburg"),
        ("Estimator, Harbin Tooling Ltd, Tamworth", "Estimator", "Harbin Tooling Ltd", "Tamworth"),
        # a legal form after the comma is still part of the name
        ("Acme Componentes, S.A. de C.V.", None, "Acme Componentes, S.A. de C.V.", None),
    ],
)
def test_a_town_after_a_company_s_legal_name_is_its_place(
    header: str, title: str | None, employer: str, place: str | None
) -> None:
    from secondround.core.analysis.role_headers import split_header

    # A town no list of places knows, after "Ltd," or "GmbH,": the name ended at the
    # legal form, so a question about the employer does not carry the town along.
    assert split_header(header) == (title, employer, place)


def test_a_skills_line_laid_out_as_chips_is_split_into_its_skills(
    engine_settings: Settings,  # noqa: F811
) -> None:
    text = "\n".join(
        [
            "Ines Carvalho",
            "ines@example.com",
            "",
            "EXPERIENCE",
            "Data Engineer, Tagus Analytics",
            "Jan 2020 - Present",
            "- Moved the nightly loads to Airflow",
            "",
            "SKILLS",
            "Python SQL Airflow",
            "dbt Snowflake AWS S3",
            "Data Modelling Feature Stores",
            "Stakeholder Communication",
            "MS Excel",
        ]
    )
    analysis = Engine(engine_settings).prepare(KitRequest(resume_text=text))
    skills = [s.name for s in analysis.resume.skills]
    for expected in ("Python", "SQL", "Airflow", "Snowflake", "AWS", "S3"):
        assert expected in skills, skills
    assert "Stakeholder Communication" in skills and "MS Excel" in skills
    assert not any(len(s.split()) > 3 for s in skills), skills
    for skill in analysis.resume.skills:
        assert analysis.document.text[skill.span.start : skill.span.end] == skill.name


JSON_RESUME = {
    "basics": {"name": "Aiyana Redcloud", "label": "Care Coordinator", "email": "a@example.org"},
    "work": [
        {
            "position": "Care Coordinator",
            "name": "Prairie Home Health",
            "location": "Regina, SK",
            "startDate": "2023-02",
            "highlights": [
                "Cut missed home visits from 14 a month to 3 by rebuilding the rota",
                "Led a team of 6 support workers",
            ],
        },
        {
            "position": "Support Worker",
            "name": "Northgate Living",
            "startDate": "2022-03",
            "endDate": "2022-11",
            "summary": "Helped with medication rounds for 20 residents.",
        },
    ],
    "skills": [{"name": "Care", "keywords": ["Care planning", "MS Excel", "Rostering"]}],
}


def _values(value: object) -> list[str]:
    if isinstance(value, dict):
        return [v for item in value.values() for v in _values(item)]
    if isinstance(value, list):
        return [v for item in value for v in _values(item)]
    return [value] if isinstance(value, str) else []


def test_json_resume_evidence_quotes_one_value_of_the_file(
    engine_settings: Settings,  # noqa: F811
) -> None:
    values = _values(JSON_RESUME)
    dated = re.compile(r"^\d{4}(?:-\d{2})?(?: – (?:\d{4}(?:-\d{2})?|Present))?$")
    analysis = Engine(engine_settings).prepare(KitRequest(json_resume=JSON_RESUME))
    quoted = [f for f in analysis.facts if f.source.value == "resume"]
    assert quoted, "the resume yields facts"
    for fact in quoted:
        if dated.match(fact.quote):
            continue  # a date line: the file's dates, as the file writes them
        assert any(fact.quote in v for v in values), fact.quote
    # The short stay is still about that job, named in the question by its fields.
    short = [f for f in quoted if f.kind.value == "short_tenure"]
    assert short and short[0].organisation == "Northgate Living"
