"""Resumes laid out in ways the readers used to get wrong (issue 17): sections under
unusual headings, lists that wrap, two titles on one line, a note in brackets after an
employer, Markdown employer headings, and education lines without a year.

Every resume here is invented for these tests; none copies an eval case."""

from __future__ import annotations

import pytest

from secondround.core.analysis.resume_parser import parse_resume
from secondround.core.analysis.sections import heading_kind
from secondround.core.models import Resume, YearMonth
from secondround.plugins.reader_text import markdown_to_text

TODAY = YearMonth(year=2026, month=6)


def read(text: str) -> Resume:
    resume = parse_resume(text, TODAY)
    for skill in resume.skills:
        # A skill's quote is the resume's own text, whatever the name was tidied to.
        quote = text[skill.span.start : skill.span.end]
        assert " ".join(quote.split()).startswith(skill.name), (skill, quote)
    return resume


@pytest.mark.parametrize(
    "heading",
    ["WHAT I CAN DO", "What I bring:", "## Things I'm good at", "Things I am good at", "TOOLKIT"],
)
def test_a_skills_list_under_a_first_person_heading_is_read_as_skills(heading: str) -> None:
    text = f"Noor Haddad\n\n{heading}\nSpreadsheet modelling; cold calling; Canva\n"
    assert heading_kind(heading) == "skills"
    assert [s.name for s in read(text).skills] == ["Spreadsheet modelling", "cold calling", "Canva"]


def test_a_sentence_that_starts_like_a_skills_heading_is_not_one() -> None:
    assert heading_kind("What I can do for your patients is listen") is None
    assert heading_kind("Things I'm good at include baking") is None


def test_a_semicolon_list_wrapped_over_lines_keeps_each_item_whole() -> None:
    text = (
        "Noor Haddad\n\nSKILLS\n"
        "Stakeholder mapping; vendor onboarding; budget\n"
        "forecasting; Excel (pivot tables,\n"
        "Power Query); risk registers;\n"
        "Tableau\n"
    )
    skills = read(text).skills
    assert [s.name for s in skills] == [
        "Stakeholder mapping",
        "vendor onboarding",
        "budget forecasting",
        "Excel",
        "risk registers",
        "Tableau",
    ]
    excel = next(s for s in skills if s.name == "Excel")
    assert text[excel.span.start : excel.span.end] == "Excel (pivot tables,\nPower Query)"


def test_separate_short_list_lines_are_not_joined() -> None:
    text = "Noor Haddad\n\nSKILLS\npython, sql\ndocker, bash\n"
    assert [s.name for s in read(text).skills] == ["python", "sql", "docker", "bash"]


def test_commas_inside_brackets_stay_with_their_skill() -> None:
    text = "Noor Haddad\n\nSkills\nExcel (pivot tables, Power Query), Xero, payroll (UK, Ireland)\n"
    assert [s.name for s in read(text).skills] == ["Excel", "Xero", "payroll"]


@pytest.mark.parametrize(
    "heading",
    ["LICENSURE", "REGISTRATIONS", "Licences & tickets", "Professional registration:", "Tickets"],
)
def test_licence_and_registration_headings_hold_credentials(heading: str) -> None:
    text = (
        "Noor Haddad\n\nSkills\nCanva, cold calling\n\n"
        f"{heading}\nForklift Operator Licence, 2021\nFirst Aid at Work certificate\n"
    )
    resume = read(text)
    assert heading_kind(heading) == "certifications"
    assert [c.name for c in resume.certifications] == [
        "Forklift Operator Licence",
        "First Aid at Work certificate",
    ]
    # The skills list above stops at the heading: credentials are not skills.
    assert [s.name for s in resume.skills] == ["Canva", "cold calling"]


def _posts(resume: Resume) -> list[tuple[str | None, str | None, int | None, bool]]:
    return [
        (r.title, r.organisation, r.start.year if r.start else None, r.current)
        for r in resume.roles
    ]


def test_two_posts_on_one_line_are_two_roles_at_one_employer() -> None:
    text = (
        "Imogen Vale\n\nExperience\n"
        "Tallow & Finch Ltd - Stock Planner (2015-2019); Senior Stock Planner (2019-present)\n"
        "- Planned replenishment for 60 stores.\n\n"
        "Quillon Hardware\nCounter Assistant 2011-2013, Branch Supervisor 2013-2015\n"
        "- Opened the branch on Sundays.\n"
    )
    resume = read(text)
    assert _posts(resume) == [
        ("Senior Stock Planner", "Tallow & Finch Ltd", 2019, True),
        ("Stock Planner", "Tallow & Finch Ltd", 2015, False),
        ("Branch Supervisor", "Quillon Hardware", 2013, False),
        ("Counter Assistant", "Quillon Hardware", 2011, False),
    ]
    for role in resume.roles:
        # Each post quotes its own words and dates, as written.
        assert role.title and role.title in role.header
        assert role.date_span and role.header.endswith(
            text[role.date_span.start : role.date_span.end]
        )
    # The duties under the line go with the post held last.
    assert [len(r.bullets) for r in resume.roles] == [1, 0, 1, 0]


def test_two_spells_of_one_post_on_one_line_stay_one_role() -> None:
    text = "Imogen Vale\n\nExperience\nRelief Cook, Marram Inn (2010-2012, 2014-2016)\n"
    resume = read(text)
    assert [(r.title, r.start.year if r.start else None) for r in resume.roles] == [
        ("Relief Cook", 2010)
    ]


@pytest.mark.parametrize(
    "header, title, org, place",
    [
        # right after a title, a bracketed word says which post it was
        (
            "Radio Operator (Night Desk), Pellow Coastguard",
            "Radio Operator (Night Desk)",
            None,
            None,
        ),
        # after the employer, a bracketed town is still the place
        (
            "Radio Operator, Pellow Coastguard (Truro)",
            "Radio Operator",
            "Pellow Coastguard",
            "Truro",
        ),
        # how the post was held is not part of the employer's name
        (
            "Dispensing Chemist, Ormside Pharmacy (Locum)",
            "Dispensing Chemist",
            "Ormside Pharmacy",
            None,
        ),
        ("Kitchen Porter, Dunmere Hotel (Agency)", "Kitchen Porter", "Dunmere Hotel", None),
    ],
)
def test_a_bracketed_word_qualifies_the_piece_it_follows(
    header: str, title: str, org: str | None, place: str | None
) -> None:
    text = f"Imogen Vale\n\nExperience\n{header} | 2019 - 2022\n- Kept the log.\n"
    (role,) = read(text).roles
    assert role.title == title
    if org is not None:
        assert role.organisation == org
    assert role.location == place


def test_an_installer_under_its_employer_line_is_the_title() -> None:
    text = "Imogen Vale\n\nExperience\nPenhale Heating, Bodmin\nInstaller, 03/2018 - 06/2021\n"
    (role,) = read(text).roles
    assert (role.title, role.organisation) == ("Installer", "Penhale Heating")


def test_short_markdown_lines_stay_lines_and_wrapped_prose_still_joins() -> None:
    source = (
        "## Training\n\nDiploma of Community Care\nWestfold Institute, 2017\n\n"
        "## Profile\n\nI have spent nine years supporting older people at home and in\n"
        "residential care, and I now coordinate a team of eleven support workers who\n"
        "Cover three rural districts.\n"
    )
    lines = markdown_to_text(source).split("\n")
    assert "Diploma of Community Care" in lines
    assert "Westfold Institute, 2017" in lines
    # Long lines are an editor's wrapping: one paragraph, whatever the next word's case.
    assert any(ln.startswith("I have spent") and ln.endswith("rural districts.") for ln in lines)
