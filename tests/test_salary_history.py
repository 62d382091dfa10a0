"""Salary history never becomes a question, from any input (issue 17): a figure the
candidate volunteered in the first interview, written into the notes, is reported by
kind and never quoted, while the notes' real concerns are still probed."""

from __future__ import annotations

import re

import pytest

from secondround.core.analysis.protected import find_protected
from secondround.core.models import ProtectedKind, Source
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from tests.index_fixture import TODAY, engine_settings  # noqa: F401

RESUME = """\
Priya Raman
Operations Coordinator

EXPERIENCE
Operations Coordinator, Fenwick Freight, Leeds
March 2021 – Present
• Scheduled 40 drivers across two depots
• Cut missed collections from 30 a month to 8

Warehouse Supervisor, Northgate Stores
June 2016 – February 2021
• Supervised a night shift of 12 pickers

SKILLS
Route planning, Excel, SAP
"""


@pytest.mark.parametrize(
    "note",
    [
        "She volunteered that her current base is $92,000; we did not ask and must not use it.",
        "Mentioned he earns about 58k now. Not asked, not to be used.",
        "Told us 85k base plus bonus at the moment.",
        "Her current package is INR 18 LPA.",
        "Volunteered what she earns at Fenwick; we moved on.",
        "Current salary is £41,500 (she raised it, we did not ask).",
    ],
)
def test_volunteered_pay_in_notes_is_salary_history(note: str) -> None:
    notes = f"- Good on scheduling.\n- {note}\n- Probe the depot budget."
    kinds = {f.kind for f in find_protected(notes, Source.notes)}
    assert kinds == {ProtectedKind.salary_history}


@pytest.mark.parametrize(
    "note",
    [
        "Makes 40 calls a day and hit 120% of quota.",
        "Asked what the salary range for this role is; we said the band is on the advert.",
        "Earned a promotion after 18 months.",
    ],
)
def test_ordinary_notes_with_numbers_are_not_salary_history(note: str) -> None:
    assert find_protected(f"- {note}\n", Source.notes) == []


def test_a_job_advert_asking_for_current_salary_is_flagged_but_its_pay_range_is_not() -> None:
    job = (
        "Operations Lead\nSalary: £45,000 - £50,000 plus pension.\n"
        "Please state your current salary in your cover letter.\n"
    )
    findings = find_protected(job, Source.job)
    assert [f.span.slice(job) for f in findings if f.span] == [
        "Please state your current salary in your cover letter."
    ]


def test_no_question_quotes_or_asks_about_volunteered_pay(
    engine_settings: Settings,  # noqa: F811
) -> None:
    notes = (
        "- Answers on the depot budget were vague; probe who owned it.\n"
        "- She volunteered that her current base is $41,000; we did not ask and must "
        "not use it.\n"
    )
    job = (
        "Operations Lead\nPlease state your current salary in your cover letter.\n"
        "Requirements:\n- Budget ownership for a multi-site operation\n"
    )
    engine = Engine(engine_settings)
    kit = engine.build_kit(
        KitRequest(resume_text=RESUME, notes_text=notes, job_text=job, count=10, today=TODAY)
    )
    blobs = [
        " ".join([q.text, q.rationale, *q.follow_ups, *(e.quote for e in q.evidence)])
        for q in kit.questions
    ]
    money = re.compile(r"41,000|current base|current salary", re.IGNORECASE)
    assert not any(money.search(b) for b in blobs)
    # The real concern in the same notes is still asked about.
    assert any("depot budget" in b for b in blobs)
    flagged = {w.code for w in kit.warnings}
    assert any("protected" in code for code in flagged), flagged
