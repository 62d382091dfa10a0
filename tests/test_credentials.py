"""Credentials that are not finished yet (in progress, expected, part-qualified, under
supervision, provisional, applied for) are read as such, kept apart from earned and
expired ones, and asked about in their own words: how far along, what is left and by
when, who supervises, what the candidate may do alone today."""

from __future__ import annotations

import pytest

from secondround.core.analysis.analyse import analyse
from secondround.core.generation.composer import Composer
from secondround.core.generation.generator import GenerationRequest
from secondround.core.models import (
    Analysis,
    CredentialStatus,
    Document,
    Fact,
    FactKind,
    Plan,
    PlanSlot,
    Purpose,
    Question,
    YearMonth,
)

TODAY = YearMonth(year=2026, month=11)
S = CredentialStatus

RESUME = """\
Priya Ramanathan
Logistics Coordinator

EXPERIENCE
Logistics Coordinator, Harbour Freight Partners
March 2021 - Present
- Planned daily routes for a fleet of 30 vans across two depots
- Cut missed delivery slots from 9% to 4% by re-sequencing stops

Dispatcher, Ridgeway Couriers
June 2017 - February 2021
- Handled inbound calls and booked collections for business accounts

EDUCATION
B.Sc. Operations Management - Northfield Polytechnic
    In progress, expected June 2028 (72 of 120 credits complete)
Diploma in Business - Eastgate College, 2016

CERTIFICATIONS
{certs}
References available on request
"""


def analysed(certs: str) -> tuple[Analysis, str]:
    text = RESUME.format(certs=certs)
    return analyse(Document(text=text), today=TODAY), text


def cert_fact(analysis: Analysis, words: str) -> Fact:
    found = [f for f in analysis.facts if f.kind is FactKind.certification and words in f.quote]
    assert len(found) == 1, [f.quote for f in analysis.facts if f.kind is FactKind.certification]
    return found[0]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        (
            "Certified Supply Chain Analyst - Part 1 passed 2025; Parts 2 and 3 pending",
            S.part_qualified,
        ),
        ("Hazardous goods handling - under supervision (8 of 15 supervised loads)", S.supervised),
        ("Provisional HGV driving licence, 2026", S.provisional),
        ("Customs broker licence - application submitted October 2026", S.pending),
        ("Project management associate - candidate, exam booked for 03/2027", S.in_progress),
        ("Transport manager certificate, May 2027", S.in_progress),
        ("Forklift operator certificate, 2019", S.earned),
        ("Fleet safety certificate, expired 2022", S.expired),
    ],
)
def test_a_credential_line_says_where_it_stands(line: str, status: CredentialStatus) -> None:
    analysis, _ = analysed(line)
    cert = next(
        c for c in analysis.resume.certifications if c.span.start > 0 and line[:12] in c.name
    )
    assert cert.status is status
    assert cert.expired is (status is S.expired)


def test_a_future_date_on_a_certificate_is_when_it_is_due_not_when_it_was_earned() -> None:
    analysis, _ = analysed("Transport manager certificate, May 2027")
    cert = analysis.resume.certifications[0]
    assert cert.issued is None
    assert cert.expected == YearMonth(year=2027, month=5)


def test_the_name_of_an_unfinished_credential_leaves_out_its_status_words() -> None:
    analysis, _ = analysed(
        "Certified Supply Chain Analyst - Part 1 passed 2025; Parts 2 and 3 pending"
    )
    assert analysis.resume.certifications[0].name == "Certified Supply Chain Analyst"


def test_a_closing_line_under_the_last_section_is_not_a_certification() -> None:
    analysis, _ = analysed("Forklift operator certificate, 2019")
    assert all("request" not in c.name.lower() for c in analysis.resume.certifications)


def test_a_degree_still_being_studied_is_read_from_the_line_under_it() -> None:
    analysis, text = analysed("Forklift operator certificate, 2019")
    degree = next(f for f in analysis.facts if f.kind is FactKind.education and "B.Sc." in f.quote)
    assert degree.data["status"] == "in_progress"
    assert degree.data["unfinished"] == "study"
    # The words that say so are evidence too, so a question can show them.
    assert any("expected June 2028" in text[a.start : a.end] for a in degree.also)
    diploma = next(
        f for f in analysis.facts if f.kind is FactKind.education and "Diploma" in f.quote
    )
    assert diploma.data["unfinished"] is None
    # The latest study still under way outranks a finished one.
    assert degree.priority > diploma.priority


@pytest.mark.parametrize(
    "line",
    [
        "Máster en Logística - Universidad de Levante (en curso, fin previsto jun 2028)",
        "Master Logistik - Hochschule Nord, voraussichtlich 2028",
        "MSc Logistics - Northfield Polytechnic, 2025 - 2028",
    ],
)
def test_study_in_progress_is_read_in_other_languages_and_from_future_end_dates(line: str) -> None:
    text = RESUME.format(certs="Forklift operator certificate, 2019").replace(
        "Diploma in Business - Eastgate College, 2016", line
    )
    analysis = analyse(Document(text=text), today=TODAY)
    fact = next(f for f in analysis.facts if f.kind is FactKind.education and line[:10] in f.quote)
    assert fact.data["unfinished"] == "study"


def test_an_earned_credential_is_not_read_as_unfinished() -> None:
    analysis, _ = analysed(
        "Enrolled agent, 2018\nLevel 3 Diploma in Freight Forwarding, passed 2020"
    )
    assert {c.status for c in analysis.resume.certifications} == {S.earned}


def ask(analysis: Analysis, purpose: Purpose, kind: FactKind) -> list[Question]:
    plan = Plan(
        round="second",
        title="Second round",
        slots=[PlanSlot(purpose=purpose, count=1, fact_kinds=[kind])],
    )
    return Composer(GenerationRequest(analysis=analysis, plan=plan)).compose()


def test_supervised_practice_is_asked_who_supervises_and_what_may_be_done_alone() -> None:
    analysis, _ = analysed(
        "Hazardous goods handling - under supervision (8 of 15 supervised loads)"
    )
    [question] = ask(analysis, Purpose.concern, FactKind.certification)
    assert "supervises" in question.text and "on your own today" in question.text
    assert "expired" not in question.text and "renew" not in question.text
    assert any("8 of 15 supervised" in e.quote for e in question.evidence)


def test_a_part_qualified_exam_is_asked_what_is_left_and_by_when() -> None:
    analysis, _ = analysed(
        "Certified Supply Chain Analyst - Part 1 passed 2025; Parts 2 and 3 pending"
    )
    [question] = ask(analysis, Purpose.concern, FactKind.certification)
    assert "how far along" in question.text.lower() and "by when" in question.text
    assert any("carry over" in f for f in question.follow_ups)


def test_an_application_is_asked_where_it_stands() -> None:
    analysis, _ = analysed("Customs broker licence - application submitted October 2026")
    [question] = ask(analysis, Purpose.concern, FactKind.certification)
    assert "applied for" in question.text and "application stand" in question.text


def test_an_expired_credential_keeps_its_own_form() -> None:
    analysis, _ = analysed("Fleet safety certificate, expired 2022")
    [question] = ask(analysis, Purpose.concern, FactKind.certification)
    assert "expired" in question.text
    assert "how far along" not in question.text.lower()


def test_an_earned_credential_is_not_asked_what_is_left() -> None:
    analysis, _ = analysed("Forklift operator certificate, 2019")
    [question] = ask(analysis, Purpose.validate_skill, FactKind.certification)
    assert "You hold" in question.text
    assert "working towards" not in question.text


def test_the_latest_study_in_progress_gets_its_own_motivation_question() -> None:
    analysis, _ = analysed("Forklift operator certificate, 2019")
    [question] = ask(analysis, Purpose.motivation_fit, FactKind.education)
    assert "still studying for" in question.text and "by when" in question.text
    assert any("expected June 2028" in e.quote for e in question.evidence)


def test_a_finished_course_does_not_take_the_status_of_the_credential_under_it() -> None:
    text = RESUME.format(certs="Forklift operator certificate, 2019").replace(
        "Diploma in Business - Eastgate College, 2016",
        "Diploma in Business - Eastgate College, 2016\n"
        "Chartered Fellowship of the Freight Society: application submitted, decision due"
        " March 2027",
    )
    analysis = analyse(Document(text=text), today=TODAY)
    diploma = next(
        f for f in analysis.facts if f.kind is FactKind.education and "Diploma" in f.quote
    )
    assert diploma.data["unfinished"] is None
    fellowship = next(c for c in analysis.resume.certifications if "Fellowship" in c.name)
    assert fellowship.status is S.pending


def test_a_degree_awaiting_its_results_is_asked_what_it_waits_on() -> None:
    text = (
        RESUME.format(certs="Forklift operator certificate, 2019")
        .replace("    In progress, expected June 2028 (72 of 120 credits complete)\n", "")
        .replace(
            "Northfield Polytechnic", "Northfield Polytechnic, 2022 - 2026, final results awaited"
        )
    )
    analysis = analyse(Document(text=text), today=TODAY)
    [question] = ask(analysis, Purpose.motivation_fit, FactKind.education)
    assert "not awarded yet" in question.text and "waiting on" in question.text
