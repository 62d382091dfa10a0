"""Reading and field fixes from issue 17, each on a resume written for it: a document
title above the name is not the name; the exercise fits the job being hired for (the job
description's title), else the candidate's latest job; trades have a field of their own."""

from __future__ import annotations

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
