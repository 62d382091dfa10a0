"""Reading and matching rules that held on the resumes the engine was tuned on and failed
on fresh ones (issue 12): each test is a small resume of a kind not in eval/, written for
the rule, checking what an interviewer would see go wrong."""

from __future__ import annotations

from secondround.core.analysis.job_description import job_facts, parse_job
from secondround.core.analysis.protected import question_topic
from secondround.core.analysis.resume_parser import parse_resume
from secondround.core.analysis.sections import heading_kind
from secondround.core.models import FactKind, YearMonth

TODAY = YearMonth(year=2026, month=11)

# Markdown as many people write it: "### Employer, Place" over "**Title** | dates", two
# titles under one employer, and one section holding a diploma and two licences.
PHARMACY = """\
Tomasz Wren
tomasz.wren@example.com

Work history

Harbourside Pharmacy Group, Plymouth

Senior Pharmacist | Apr 2021 – Current

- Run the dispensary for a team of six and sign off 300 items a day.
- Set up a minor ailments service that now sees 40 patients a week.

Pharmacist | Aug 2018 – Mar 2021

- Dispensed and checked prescriptions; ran flu clinics each autumn.

Moorland Chemists, Tavistock

Pre-registration Pharmacist | Jul 2017 – Jul 2018

- Rotated through dispensing, care home supply and stock control.

Qualifications and registrations

- MPharm Pharmacy, University of Bath, 2017
- GPhC registration 2071834, current
- Vaccination licence (travel clinic), 2019 – lapsed 2024
"""


def test_an_employer_line_above_a_run_of_titles_names_each_of_them() -> None:
    resume = parse_resume(PHARMACY, TODAY)
    employers = [(r.title, r.organisation, r.location) for r in resume.roles]
    assert employers == [
        ("Senior Pharmacist", "Harbourside Pharmacy Group", "Plymouth"),
        ("Pharmacist", "Harbourside Pharmacy Group", "Plymouth"),
        ("Pre-registration Pharmacist", "Moorland Chemists", "Tavistock"),
    ]


def test_a_promotion_quotes_both_titles_not_the_employer_line() -> None:
    from secondround.core.analysis.timeline_facts import timeline_facts

    resume = parse_resume(PHARMACY, TODAY)
    facts = [f for f in timeline_facts(resume.roles, resume, PHARMACY, TODAY) if f is not None]
    promotion = next(f for f in facts if f.kind is FactKind.promotion)
    assert "Senior Pharmacist" in promotion.quote
    quoted = [PHARMACY[s.start : s.end] for s in promotion.also]
    assert any(q.startswith("Pharmacist | Aug 2018") for q in quoted)


def test_a_joined_heading_and_the_licences_under_it_are_read() -> None:
    assert heading_kind("Qualifications and registrations") == "education"
    assert heading_kind("Licences & Registrations") == "certifications"
    # A line of two ordinary words joined by "and" is not a heading.
    assert heading_kind("Work and play") is None
    resume = parse_resume(PHARMACY, TODAY)
    assert [e.qualification for e in resume.education] == ["MPharm Pharmacy"]
    certs = {c.name: c.expired for c in resume.certifications}
    assert certs.get("Vaccination licence (travel clinic)") is True
    assert any(name.startswith("GPhC registration") for name in certs)


def test_requirements_under_what_we_need_are_read_after_the_duties() -> None:
    job = parse_job(
        "# Dispatcher\n\n## What you'll do\n\n- Plan loads for the board.\n\n"
        "## What we need\n\n- Experience coordinating 30 or more drivers across shifts.\n"
        "- Weekly fleet KPIs in Excel (pivot tables).\n"
    )
    texts = [r.text for r in job.requirements]
    assert texts == [
        "Experience coordinating 30 or more drivers across shifts.",
        "Weekly fleet KPIs in Excel (pivot tables).",
    ]
    assert all(r.must_have for r in job.requirements)


def test_a_general_skill_word_does_not_meet_a_specific_requirement() -> None:
    job = parse_job(
        "Requirements\n\n- Hands-on knowledge of B2B payments compliance: merchant KYB "
        "and card scheme rules.\n"
    )
    evidence = "Owned consumer onboarding; worked with compliance on identity checks."
    facts = job_facts(job, evidence, evidence)
    assert [f.kind for f in facts] == [FactKind.requirement_missing]
    assert facts[0].data["partial"] is True


def test_records_work_is_not_a_health_question() -> None:
    assert question_topic("This role needs medical records review: how have you done it?") is None
    assert question_topic("May we see your medical records?") is not None


def test_a_certificate_whose_dates_are_taken_out_reads_without_doubled_commas() -> None:
    # The dates go into issued/expires; the words between them must not leave ",," in
    # the name every certification question quotes.
    text = PHARMACY.replace(
        "- Vaccination licence (travel clinic), 2019 – lapsed 2024",
        "- Controlled drugs accountable officer, renewed 2019, lapsed March 2024, NHS England",
    )
    certs = parse_resume(text, TODAY).certifications
    named = [c for c in certs if c.name.startswith("Controlled drugs")]
    assert named and named[0].expired
    assert ",," not in named[0].name and ", ," not in named[0].name
    assert named[0].name.endswith("NHS England")
