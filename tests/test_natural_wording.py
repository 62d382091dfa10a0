"""Questions a person would ask (issue 12): an employer named once per kit and never its
city, no pasted whole lines, at most two skills per question, the candidate's "my" read
back as "your", and no follow-up, rubric or reason repeated across one kit. Plus the
"also worth asking" list: what the kit had no room for, most important first."""

from __future__ import annotations

import io
import re
from collections import Counter

import docx
import pytest

from secondround.core.analysis.job_description import is_credential
from secondround.core.generation.wording import (
    LEAD_CHARS,
    lead_for,
    org_name,
    requirement_clause,
    second_person,
)
from secondround.core.models import Fact, FactKind, InterviewKit, LeftOutReason, Span
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from secondround.plugins.exporter_docx import render_kit_docx
from secondround.plugins.exporters import (
    render_kit_html_fragment,
    render_kit_markdown,
    sentence_start,
)
from tests.index_fixture import TODAY, engine_settings  # noqa: F401

RESUME = """\
Dana Whitlock
Operations Manager

EXPERIENCE
Operations Manager, Brightline Logistics, Dayton, OH
April 2020 – Present
• Cut order-to-ship time from 52 hours to 30 hours across my two sites
• Raised on-time delivery from 88% to 97% within a year of taking over
• Led a team of 11 shift leads and about 140 associates across three shifts
• Reduced overtime spend by $310K a year by rebuilding the shift pattern
• Responsible for carrier relationships and quarterly business reviews

Shift Supervisor, Halvorsen Foods, Toledo, OH
June 2016 – February 2019
• Supervised 25 associates on inbound receiving
• Improved dock-to-stock time by 35% with a new slotting plan

SKILLS
Lean Six Sigma, Kaizen, Power BI, SQL, Tableau, SAP EWM, Python, forklift certification
"""


@pytest.fixture(scope="module")
def kit(engine_settings: Settings) -> InterviewKit:  # noqa: F811
    return Engine(engine_settings).build_kit(
        KitRequest(resume_text=RESUME, count=12, round="second", today=TODAY)
    )


def test_an_employer_is_named_in_one_question_and_its_city_in_none(kit: InterviewKit) -> None:
    texts = [q.text for q in kit.questions]
    assert any("Brightline Logistics" in t for t in texts)
    named = [t for t in texts if "Brightline Logistics" in t]
    assert len(named) == 1, named
    assert not any(re.search(r"\b(?:Dayton|Toledo)\b", t) for t in texts)
    # The "why ask" does not repeat the employer either.
    assert sum("Brightline" in q.rationale for q in kit.questions) <= 1


def test_questions_quote_a_short_clause_not_the_whole_line(kit: InterviewKit) -> None:
    for q in kit.questions:
        for quoted in re.findall(r"\"([^\"]+)\"", q.text):
            assert len(quoted) <= LEAD_CHARS, quoted
        # The full line stays available as evidence.
        assert all(e.quote for e in q.evidence)


def test_a_question_names_at_most_two_skills_and_a_follow_up_sweeps_the_rest(
    kit: InterviewKit,
) -> None:
    skills = ["Lean Six Sigma", "Kaizen", "Power BI", "SQL", "Tableau", "SAP EWM", "Python"]
    for q in kit.questions:
        assert sum(s in q.text for s in skills) <= 2, q.text
    grouped = [q for q in kit.questions if sum(s in q.text for s in skills) == 2]
    assert grouped, [q.text for q in kit.questions]
    # The listed skills the question does not name are asked about in a follow-up, and the
    # evidence holds exactly the skills the question and its follow-ups ask about.
    question = grouped[0]
    asked = " ".join([question.text, *question.follow_ups])
    for ev in question.evidence:
        if ev.kind.value == "skill_unevidenced":
            assert ev.quote in asked, ev.quote


def test_the_candidates_first_person_is_read_back_as_second() -> None:
    assert second_person("cut waste across my two sites for our team") == (
        "cut waste across your two sites for the team"
    )
    assert second_person("I rebuilt the rota") == "you rebuilt the rota"
    # A verb that agrees with "I" changes with it.
    assert second_person("I'm ready to lead, and I was the first hire") == (
        "you're ready to lead, and you were the first hire"
    )
    assert second_person("I’ve run two sites; I am moving on") == (
        "you’ve run two sites; you are moving on"
    )


def _fact(quote: str) -> Fact:
    return Fact(id="f", kind=FactKind.achievement, quote=quote, span=Span(start=0, end=len(quote)))


def test_a_first_person_line_is_reported_not_quoted_in_words_it_never_said() -> None:
    lead = lead_for(_fact("I'm ready to run a practice of my own"))
    assert "you're ready to run a practice of your own" in lead
    assert '"' not in lead  # changed pronouns inside quotes would misquote the candidate
    assert '"' in lead_for(_fact("Rota planning for 40 staff"))


def test_a_promotion_line_reads_as_something_done_to_the_candidate() -> None:
    lead = lead_for(_fact("Promoted to Head Nurse after three years"))
    assert "you were promoted to Head Nurse" in lead
    assert "you promoted" not in lead
    assert "you selected the supplier" in lead_for(_fact("Selected the supplier"))


def test_no_follow_up_strong_answer_or_reason_repeats_within_a_kit(kit: InterviewKit) -> None:
    follow_ups = Counter(f.lower() for q in kit.questions for f in q.follow_ups)
    assert all(n == 1 for n in follow_ups.values()), follow_ups.most_common(3)
    strong = Counter(q.strong_answer for q in kit.questions if q.evidence)
    assert all(n == 1 for n in strong.values()), strong.most_common(2)
    reasons = Counter(q.rationale for q in kit.questions if q.evidence)
    assert all(n == 1 for n in reasons.values()), reasons.most_common(2)


def test_a_number_gets_a_follow_up_about_how_it_was_measured(kit: InterviewKit) -> None:
    numeric = [q for q in kit.questions if any(e.kind.value == "achievement" for e in q.evidence)]
    assert numeric
    assert any(
        re.search(r"starting point|before you started|measured|would have happened anyway", f)
        for q in numeric
        for f in q.follow_ups
    )


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Brightline Logistics, Dayton, OH", "Brightline Logistics"),
        ("Northwind Health (Remote)", "Northwind Health"),
        ("Initech — Austin, TX", "Initech"),
        ("Smith, Jones & Co", "Smith, Jones & Co"),
        ("Halden HR Systems", "Halden HR Systems"),
        # A dotted legal form is not said aloud, and its full stops would run into the
        # question's own comma ("at X, S.A. de C.V., you ...").
        ("Tejidos del Valle, S.A. de C.V.", "Tejidos del Valle"),
        ("Ravenmoor Analytics Pvt. Ltd.", "Ravenmoor Analytics"),
        ("Wiślana Freight sp. z o.o.", "Wiślana Freight"),
        ("Morava Tooling s.r.o.", "Morava Tooling"),
        ("Ravenmoor Analytics Ltd", "Ravenmoor Analytics Ltd"),
        ("J.P. Morgan", "J.P. Morgan"),
    ],
)
def test_an_employer_is_named_without_its_place(line: str, name: str) -> None:
    assert org_name(line) == name


def test_a_short_kit_lists_what_it_left_out_most_important_first(
    engine_settings: Settings,  # noqa: F811
) -> None:
    short = Engine(engine_settings).build_kit(
        KitRequest(resume_text=RESUME, count=4, round="second", today=TODAY)
    )
    assert short.also_worth_asking
    asked = {e.fact_id for q in short.questions for e in q.evidence}
    assert not {item.fact_id for item in short.also_worth_asking} & asked
    markdown = render_kit_markdown(short)
    assert "## Also worth asking" in markdown
    assert "4-question kit" in markdown
    assert short.also_worth_asking[0].quote in markdown
    assert "Also worth asking" in render_kit_html_fragment(short)
    document = docx.Document(io.BytesIO(render_kit_docx(short)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Also worth asking" in paragraphs
    assert any(short.also_worth_asking[0].quote in p for p in paragraphs)


def test_each_left_out_fact_says_why_it_was_not_asked(
    engine_settings: Settings,  # noqa: F811
) -> None:
    resume = RESUME + "\nEDUCATION\nBS Supply Chain Management, Ohio Valley University, 2016\n"
    request = KitRequest(resume_text=resume, count=4, round="technical", today=TODAY)
    engine = Engine(engine_settings)
    short = engine.build_kit(request)
    analysis = engine.analyse(engine.read(request), request)
    plan_kinds = {k for s in engine.plan(analysis, request).slots for k in s.fact_kinds}
    reasons = {item.reason for item in short.also_worth_asking}
    assert LeftOutReason.not_this_round in reasons or LeftOutReason.job_already_asked in reasons
    by_id = {q.id: q for q in short.questions}
    facts = {f.id: f for f in analysis.facts}
    markdown = render_kit_markdown(short)
    for item in short.also_worth_asking:
        fact = facts[item.fact_id]
        if item.reason is LeftOutReason.not_this_round:
            # A technical round does not take, say, a gap or a degree: the list says so
            # rather than implying it ranked below the four questions.
            assert item.kind not in plan_kinds
            assert "keep it for another round" in markdown
        elif item.reason is LeftOutReason.job_already_asked:
            assert item.near_question in by_id
            asked = [facts[e.fact_id].organisation for e in by_id[item.near_question].evidence]
            assert fact.organisation in asked
        else:
            assert item.kind in plan_kinds
    assert "unless an item says otherwise" in markdown


@pytest.mark.parametrize(
    ("text", "start"),
    [("gRPC is listed", "gRPC is listed"), ("iOS apps", "iOS apps"), ("python", "Python")],
)
def test_a_note_starts_with_a_capital_without_respelling_a_name(text: str, start: str) -> None:
    assert sentence_start(text) == start


def test_what_was_left_out_never_holds_a_protected_detail(
    engine_settings: Settings,  # noqa: F811
) -> None:
    resume = RESUME.replace(
        "SKILLS", "PERSONAL\nDate of birth: 14/03/1979. Married, two children.\n\nSKILLS"
    )
    short = Engine(engine_settings).build_kit(
        KitRequest(resume_text=resume, count=4, round="second", today=TODAY)
    )
    listed = " ".join(f"{i.quote} {i.summary}" for i in short.also_worth_asking)
    assert short.also_worth_asking
    assert not re.search(r"1979|birth|married|children", listed, re.IGNORECASE)


JOB = """\
Warehouse Operations Lead

What you'll need
- Working knowledge of a WMS such as Manhattan or Blue Yonder, including slotting and counts
- Experience of running peak-season hiring (temporary staff, agency partners, onboarding at scale)
- 5+ years leading shift teams in a distribution centre, ideally in food or chilled goods
"""


def test_a_job_requirement_is_named_without_its_detail(engine_settings: Settings) -> None:  # noqa: F811
    kit = Engine(engine_settings).build_kit(
        KitRequest(resume_text=RESUME, job_text=JOB, count=12, round="second", today=TODAY)
    )
    job_lines = [line[2:] for line in JOB.splitlines() if line.startswith("- ")]
    asked = [q for q in kit.questions if any(e.source.value == "job" for e in q.evidence)]
    assert asked, [q.text for q in kit.questions]
    for q in asked:
        quoted = re.findall(r"\"([^\"]+)\"", q.text)
        # The question quotes what is needed, never the whole line; the evidence keeps it.
        assert not any(line in q.text for line in job_lines), q.text
        assert all(len(part) <= 80 for part in quoted), q.text
        assert any(e.quote in job_lines for e in q.evidence if e.source.value == "job")


@pytest.mark.parametrize(
    ("line", "named"),
    [
        (
            "Working knowledge of a WMS, including slotting rules and cycle counts",
            "Working knowledge of a WMS",
        ),
        (
            "Running structured reviews (SRs) with clients, in person or online",
            "Running structured reviews (SRs) with clients",
        ),
        # A comma inside brackets is not where the requirement ends.
        (
            "Hazmat knowledge (placarding, segregation) for mixed loads",
            "Hazmat knowledge (placarding, segregation) for mixed loads",
        ),
        ("SQL, Python", "SQL, Python"),
    ],
)
def test_a_requirement_is_cut_where_its_detail_begins(line: str, named: str) -> None:
    assert requirement_clause(line) == named


def test_no_scenario_is_built_on_time_served_or_a_credential() -> None:
    assert is_credential("3+ years of CDL driving experience")
    assert is_credential("A degree in civil engineering or equivalent")
    assert is_credential("Registered with the nursing council")
    assert not is_credential("Experience coordinating 30 or more drivers across two shifts")
    assert not is_credential("Able to build weekly KPIs in Excel")


# A resume whose kit has a practical task with nothing to name: no job description, a
# field the task bank has no scenario for, and skills that are not tools.
NO_TOOL_RESUME = """Morgan Ellery
Experience
Events Coordinator, Harrowgate Civic Trust, Apr 2020 - Present
- Organised 40 community events a year for up to 600 guests.
- Recruited and briefed a pool of 25 volunteers.
Membership Assistant, Harrowgate Civic Trust, Jan 2017 - Mar 2020
- Answered member enquiries and kept the renewals list.
Education
BA History, University of Leeds, 2016
Skills
Patience, Public speaking, Planning
"""


def test_a_practical_task_with_nothing_to_name_still_reads_as_a_task(
    engine_settings: Settings,  # noqa: F811
) -> None:
    kit = Engine(engine_settings).build_kit(
        KitRequest(resume_text=NO_TOOL_RESUME, count=12, round="technical", today=TODAY)
    )
    tasks = [q.text for q in kit.questions if "realistic problem" in q.text]
    assert tasks, [q.text for q in kit.questions]
    for text in tasks:
        # "a problem that relies on your usual approach" asks about nothing in particular.
        assert "relies on your usual approach" not in text, text
