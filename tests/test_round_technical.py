"""What a 12-question technical kit covers besides skills and tasks: the concerns a first
interviewer wrote down, an unexplained gap, a step up with a team led, and the studies of
someone whose degree is part of the technical story. A technical interviewer asks about
those too, in the round's own technical terms."""

from __future__ import annotations

import pytest

from secondround.core.models import FactKind, InterviewKit, Purpose, Source
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401

# A made-up profile: an embedded-firmware engineer with a promotion, a team led, a gap
# between jobs, a degree and a long skills list.
RESUME = """\
Tomasz Wierzbicki
Lead Firmware Engineer
tomasz.w@example.com

EXPERIENCE
Lead Firmware Engineer, Harrowgate Instruments
Apr 2022 – Present
• Promoted from Firmware Engineer to Lead Firmware Engineer in April 2022
• Led a team of 5 engineers porting the sensor stack to a new microcontroller
• Cut boot time of the field logger from 9 seconds to 2 seconds
• Responsible for the over-the-air update pipeline

Firmware Engineer, Harrowgate Instruments
Jan 2019 – Mar 2022
• Wrote the power-management driver that doubled battery life on the handheld meter
• Helped with the move from bare metal to an RTOS

Embedded Developer, Quillby Controls
Jun 2014 – Feb 2017
• Built the CAN bus diagnostics tool used by 40 service technicians
• Maintained the bootloader for three product lines

EDUCATION
M.Eng. Electronic Engineering, University of Leeds, 2010 – 2014

SKILLS
C, C++, Rust, FreeRTOS, Zephyr, Yocto, Python, JTAG debugging, Bluetooth Low Energy
"""

NOTES = """\
First interview
- Seemed unsure how the update pipeline handles a failed install; ask how rollback works.
- Vague about code review practice on the team; ask who approves merges.
"""

JOB = """\
Senior Firmware Engineer, Petrel Devices

Requirements
- 6+ years writing C for microcontrollers
- Experience with Zephyr or FreeRTOS
- Experience with safety certification (IEC 61508)
"""


@pytest.fixture(scope="module")
def engine(engine_settings: Settings) -> Engine:  # noqa: F811
    return Engine(engine_settings)


@pytest.fixture(scope="module")
def kit(engine: Engine) -> InterviewKit:
    return engine.build_kit(
        KitRequest(resume_text=RESUME, job_text=JOB, notes_text=NOTES, round="technical", count=12)
    )


def _kinds(kit: InterviewKit) -> list[FactKind]:
    return [e.kind for q in kit.questions for e in q.evidence]


def test_every_first_interview_concern_is_probed(kit: InterviewKit) -> None:
    notes = {e.quote for q in kit.questions for e in q.evidence if e.source is Source.notes}
    assert any("rollback" in n or "failed install" in n for n in notes), notes
    assert any("code review" in n or "approves merges" in n for n in notes), notes


def test_the_gap_between_jobs_is_asked_about(kit: InterviewKit) -> None:
    assert FactKind.gap in _kinds(kit), [q.text for q in kit.questions]


def test_the_step_up_and_the_team_led_are_asked_about(kit: InterviewKit) -> None:
    kinds = _kinds(kit)
    assert FactKind.leadership_claim in kinds, [q.text for q in kit.questions]
    assert FactKind.promotion in kinds, [q.text for q in kit.questions]


def test_the_degree_is_part_of_the_kit(kit: InterviewKit) -> None:
    assert FactKind.education in _kinds(kit), [q.text for q in kit.questions]


def test_the_missing_must_have_is_asked_about(kit: InterviewKit) -> None:
    assert FactKind.requirement_missing in _kinds(kit), [q.text for q in kit.questions]


def test_the_round_stays_technical(kit: InterviewKit) -> None:
    # The extra ground is covered without turning the round into a second round: most
    # questions still validate, evaluate or dig into the work, and none asks about pay.
    technical = {Purpose.validate_skill, Purpose.evaluate_skill, Purpose.deep_dive}
    technical |= {Purpose.scenario}
    share = sum(q.purpose in technical for q in kit.questions) / len(kit.questions)
    assert share >= 0.6, [q.purpose.value for q in kit.questions]
    assert all(q.purpose is not Purpose.salary_expectations for q in kit.questions)
    assert len(kit.questions) == 12
