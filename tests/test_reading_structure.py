"""Resume structure read right whatever the layout (issue 17): roles (title, employer,
dates), education and the name, on resumes invented for each rule. Each test asserts
what a user sees read back: the roles and dates, not the parser's internals."""

from __future__ import annotations

import pytest

from secondround.core.analysis.dates import find_dates
from secondround.core.analysis.resume_parser import parse_resume
from secondround.core.analysis.sections import heading_kind
from secondround.core.models import Resume, Role, YearMonth
from secondround.plugins.reader_text import markdown_to_text

TODAY = YearMonth(year=2026, month=11)


def _ym(role: Role) -> tuple[str, str]:
    def one(value: YearMonth | None) -> str:
        if value is None:
            return ""
        return f"{value.year}-{value.month:02d}" if value.month else str(value.year)

    return one(role.start), "present" if role.current else one(role.end)


def _roles(resume: Resume) -> list[tuple[str | None, str | None, tuple[str, str]]]:
    return [(r.title, r.organisation, _ym(r)) for r in resume.roles]


def test_employer_heading_over_titles_in_markdown():
    """An employer heading (with a place after a dash, a line about the firm under it)
    over "Title – department | dates" lines: every title gets that employer."""
    md = """# Nandini Iyer

## Work history

### Pellucid Optics Pvt Ltd — Pune
Precision lenses, 300 staff

**Process Engineer – Coating Line** | 01-08-2021 – Present

- Ran the vacuum coating line

**Graduate Engineer Trainee** | 16-07-2019 – 31-07-2021

- Rotations in moulding and QA

### Saffron Polymers — remote

**Visiting Consultant (part-time)** | 03-2018 – 06-2019

- Audited two extrusion lines
"""
    resume = parse_resume(markdown_to_text(md), TODAY)
    assert _roles(resume) == [
        ("Process Engineer – Coating Line", "Pellucid Optics Pvt Ltd", ("2021-08", "present")),
        ("Graduate Engineer Trainee", "Pellucid Optics Pvt Ltd", ("2019-07", "2021-07")),
        ("Visiting Consultant (part-time)", "Saffron Polymers", ("2018-03", "2019-06")),
    ]


def test_day_first_numeric_dates_follow_the_resume():
    """One "25-03-2020" makes every "DD-MM-YYYY" of that resume day first; dotted dates
    are day first too."""
    text = "Worked 25-03-2020 – 04-06-2021 and 01-07-2022 – 05-01-2023; 01.02.2019 – 03.04.2019"
    found = [(str(d.start), str(d.end)) for d in find_dates(text, TODAY)]
    assert found == [
        ("2020-03", "2021-06"),
        ("2022-07", "2023-01"),
        ("2019-02", "2019-04"),
    ]
    us = [(str(d.start), str(d.end)) for d in find_dates("01/07/2022 – 03/15/2023", TODAY)]
    assert us == [("2022-01", "2023-03")]


@pytest.mark.parametrize(
    "text, start, end, current",
    [
        ("janv. 2019 – août 2021", "2019-01", "2021-08", False),
        ("März 2018 – heute", "2018-03", None, True),
        ("MÄRZ 2018 – Dezember 2020", "2018-03", "2020-12", False),
        ("outubro 2017 – atual", "2017-10", None, True),
        ("mrt 2016 – heden", "2016-03", None, True),
        ("giugno 2015 – in corso", "2015-06", None, True),
        ("abril de 2019 – enero de 2021", "2019-04", "2021-01", False),
        ("seit 2020", "2020", None, True),
        ("desde marzo 2021", "2021-03", None, True),
        ("Since 2020", "2020", None, True),
        ("Summer 2012", "2012-06", "2012-08", False),
        ("03/2019 – present", "2019-03", None, True),
        ("2019 – present", "2019", None, True),
    ],
)
def test_date_forms(text, start, end, current):
    (found,) = find_dates(text, TODAY)
    assert (str(found.start), None if found.end is None else str(found.end)) == (start, end)
    assert found.current is current


def test_english_words_are_not_foreign_months():
    assert not any(d.start and d.start.month for d in find_dates("Set 2019 targets", TODAY))


def test_role_lines_in_any_order_and_separator():
    text = """Aroha Tane
aroha@example.nz

EXPERIENCE

Kiwi Drones | Senior Engineer | 2021 – present
• Led firmware for the flight controller

Umbra Games — Head of Growth (2019–2021)
• Grew signups threefold

2017 – 2019: Account Manager, Tallow & Finch Ltd
• Managed 40 accounts

Jan 2015 – Dec 2016
Product Owner
Harbourline Ferries
• Ran the booking backlog

Quality Analyst, Tier 2 – Ponga Telecom | Mar 2013 – Dec 2014
• Call audits

Senior Physiotherapist, Kauri Sports Clinic (Napier)
2011-02 – 2013-02
• Outpatient caseload

EDUCATION
BE (Hons) Mechatronics, University of Waitaha, 2006 – 2009
"""
    resume = parse_resume(text, TODAY)
    assert _roles(resume) == [
        ("Senior Engineer", "Kiwi Drones", ("2021", "present")),
        ("Head of Growth", "Umbra Games", ("2019", "2021")),
        ("Account Manager", "Tallow & Finch Ltd", ("2017", "2019")),
        ("Product Owner", "Harbourline Ferries", ("2015-01", "2016-12")),
        ("Quality Analyst, Tier 2", "Ponga Telecom", ("2013-03", "2014-12")),
        ("Senior Physiotherapist", "Kauri Sports Clinic", ("2011-02", "2013-02")),
    ]
    assert [(e.qualification, e.institution) for e in resume.education] == [
        ("BE (Hons) Mechatronics", "University of Waitaha")
    ]


def test_four_line_role_header_and_legal_forms():
    text = """Thabo Nkosi

CAREER
Sales Manager
Indlovu Beverages (Pty) Ltd
Durban, South Africa
March 2018 to date
Grew the distributor network from 12 to 31.

Technician de Calidad
Componentes Norteños, S.A. de C.V. — Monterrey, N.L.
ene 2014 – feb 2018
Inspected castings.
"""
    resume = parse_resume(text, TODAY)
    roles = _roles(resume)
    assert roles[0] == ("Sales Manager", "Indlovu Beverages Pty Ltd", ("2018-03", "present"))
    assert roles[1][1:] == ("Componentes Norteños, S.A. de C.V.", ("2014-01", "2018-02"))


def test_later_title_under_the_same_employer_line():
    """ "Employer, City" over "Title | dates", then another "Title | dates" with no
    employer line: an earlier post with the same employer."""
    text = """Ingrid Solberg

EXPERIENCE
Fjordside Architects, Bergen
Project Architect | March 2019 – Present
Led the library extension.
Architectural Designer | August 2015 – February 2019
Drew the construction details.
Nordvik & Lie, Oslo
Junior Designer | June 2013 – July 2015
Models and renderings.
"""
    resume = parse_resume(text, TODAY)
    assert [(t, o) for t, o, _ in _roles(resume)] == [
        ("Project Architect", "Fjordside Architects"),
        ("Architectural Designer", "Fjordside Architects"),
        ("Junior Designer", "Nordvik & Lie"),
    ]


def test_label_inside_a_role_does_not_end_the_experience():
    text = """Rachel Amsel

EXPERIENCE

Finance Manager, Corvid Retail Group
April 2020 – Present
Achievements:
• Closed the books in 5 days instead of 9

Management Accountant, Pennine Water Ltd
May 2016 – March 2020
Achievements:
• Built the capex tracker

EDUCATION
BA Accounting, University of Leeds, 2012 – 2015
"""
    resume = parse_resume(text, TODAY)
    assert [o for _, o, _ in _roles(resume)] == ["Corvid Retail Group", "Pennine Water Ltd"]


def test_education_is_never_a_role_without_headings():
    text = """Grace Whitfield
grace.whitfield@example.com

Store Manager, Fenwick Grocers                         2021 – Present
Ran a 60-person store.

Department Supervisor, Holloway Markets                2016 – 2021
Supervised produce and bakery.

BA Business Management, University of Kent             2012 – 2015
A-levels, St Anne's Sixth Form College                 2010 – 2012
"""
    resume = parse_resume(text, TODAY)
    assert [t for t, _, _ in _roles(resume)] == ["Store Manager", "Department Supervisor"]
    assert [e.qualification for e in resume.education] == ["BA Business Management", "A-levels"]


def test_research_job_at_a_university_stays_a_role():
    text = """Omar Haddad

EXPERIENCE
Research Assistant, University of Kent, 2019 – 2021
• Ran the lab's survey panel
"""
    resume = parse_resume(text, TODAY)
    assert [(t, o) for t, o, _ in _roles(resume)] == [("Research Assistant", "University of Kent")]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("2. Experience", "experience"),
        ("Work Experience (selected)", "experience"),
        ("E X P E R I E N C E", "experience"),
        ("Esperienza professionale", "experience"),
        ("Study", "education"),
        ("Education/Training", "education"),
        ("Professional Qualifications", "education"),
        ("Technical Toolkit", "skills"),
        ("Professional memberships", "memberships"),
        ("Customer Experience Manager", None),
    ],
)
def test_headings_in_any_style(heading, kind):
    assert heading_kind(heading) == kind


def test_headings_and_letters_after_a_name_are_not_the_name():
    text = """CURRICULUM VITAE

Dr Siobhan Reilly-Byrne MB BCh BAO MRCPI

Dublin · 087 555 0101

EXPERIENCE
Registrar, St Fintan's Hospital, Jul 2020 – Jun 2024
"""
    resume = parse_resume(text, TODAY)
    assert resume.contact.name == "Dr Siobhan Reilly-Byrne"


def test_surname_ending_like_a_job_is_still_a_name():
    resume = parse_resume("Astrid Holmqvist\nastrid@example.se\n\nEXPERIENCE\n", TODAY)
    assert resume.contact.name == "Astrid Holmqvist"


def test_foreign_language_resume_reads_titles_employers_and_school():
    text = """Léa Fontaine
Lyon · lea.fontaine@example.fr

EXPÉRIENCE PROFESSIONNELLE

Chargée de communication — Maison Orvelle, Paris
septembre 2020 – aujourd'hui
• Relations presse

FORMATION
Master Communication — Université Lumière Lyon 2 — 2016 – 2018
"""
    resume = parse_resume(text, TODAY)
    assert _roles(resume) == [
        ("Chargée de communication", "Maison Orvelle", ("2020-09", "present"))
    ]
    assert [e.institution for e in resume.education] == ["Université Lumière Lyon 2"]
