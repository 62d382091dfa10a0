"""Listed skills read as the candidate wrote them, headings a reader strips of their marks,
resumes written in Spanish, and shown skills the job rests on (issue 12).

Every resume here is invented for these tests; none copies an eval case."""

from __future__ import annotations

import pytest

from secondround.core.analysis.analyse import analyse
from secondround.core.analysis.sections import heading_kind
from secondround.core.generation.wording import requirement_clause, short_clause, tidy
from secondround.core.models import Analysis, Document, Fact, FactKind, YearMonth
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401

TODAY = YearMonth(year=2026, month=11)
K = FactKind


def analysed(text: str, job: str | None = None) -> Analysis:
    analysis = analyse(Document(text=text), job_text=job, today=TODAY)
    for fact in analysis.facts:
        source = analysis.source_text(fact.source)
        # Every quote stays an exact piece of its input.
        assert fact.quote == source[fact.span.start : fact.span.end], fact
    return analysis


def skill_facts(analysis: Analysis) -> dict[str, Fact]:
    kinds = (K.skill_unevidenced, K.skill_evidenced)
    return {str(f.skill): f for f in analysis.facts if f.kind in kinds and f.skill}


LIBRARIAN = """\
Priya Castellanos
Reference Librarian

EXPERIENCE
Reference Librarian, Harrowgate Public Library
Mar 2020 - Present
• Answered about 40 research queries a week at the central desk
• Ran the Saturday family reading hour for 3 years

SKILLS
Collection development and weeding | Koha (admin console) | Python and SQL
Grant writing, MARC cataloguing (basic), Excel and Power BI
"""


def test_a_phrase_joined_by_and_stays_one_skill_while_named_tools_split() -> None:
    skills = skill_facts(analysed(LIBRARIAN))
    # A competence in the candidate's own words is one skill, asked about as written.
    assert "Collection development and weeding" in skills
    assert "Collection development" not in skills
    # Tools listed with "and" are separate skills.
    assert {"Python", "SQL", "Excel", "Power BI"} <= skills.keys()


def test_a_skill_is_quoted_with_the_qualifier_the_candidate_gave_it() -> None:
    skills = skill_facts(analysed(LIBRARIAN))
    # The interviewer sees what was claimed: admin console, not just "Koha".
    assert skills["Koha"].quote == "Koha (admin console)"
    assert skills["Koha"].skill == "Koha"
    # A proficiency level is not part of the claim's wording.
    assert skills["MARC cataloguing"].quote == "MARC cataloguing"


def test_short_headings_a_reader_left_unmarked_still_open_their_sections() -> None:
    assert heading_kind("Laboratory skills") == "skills"
    assert heading_kind("Practice areas") == "skills"
    assert heading_kind("Education and admission") == "education"
    assert heading_kind("Perfil / Profile") == "summary"
    # A sentence about skills is not a heading.
    assert heading_kind("Strong written communication skills") is None


VETERINARIAN = """\
Tomás Ibarra Quintero

Experiencia profesional

Veterinario Clínico (Clinical Veterinarian) - Clínica Los Álamos, Monterrey
ago 2021 – actual
- Atendí unas 25 consultas diarias de pequeñas especies

Veterinario Residente (Resident Veterinarian) - Hospital Veterinario del Norte, Saltillo
ene 2019 – jul 2021
- Guardias nocturnas de urgencias dos veces por semana

Certificaciones

- Certificación en ultrasonido veterinario — expiró mar 2024

Habilidades

- Cirugía de tejidos blandos
- Ecografía abdominal
"""


def test_a_resume_written_in_spanish_gives_roles_skills_and_an_expired_credential() -> None:
    analysis = analysed(VETERINARIAN)
    roles = analysis.resume.roles
    assert len(roles) == 2
    current = [r for r in roles if r.current]
    assert len(current) == 1 and current[0].start == YearMonth(year=2021, month=8)
    assert any(r.end == YearMonth(year=2021, month=7) for r in roles)
    assert "Ecografía abdominal" in skill_facts(analysis)
    [cert] = [f for f in analysis.facts if f.kind is K.certification]
    assert cert.data.get("expired") is True


ANALYST = """\
Jonah Whitfield
Operations Analyst

EXPERIENCE
Operations Analyst, Brackwater Freight
Jan 2021 - Present
• Built the weekly demand forecasting model used to set depot staffing
• Wrote the quarterly newsletter for the depot teams

SKILLS
Demand forecasting, Newsletter writing, Tableau
"""

ANALYST_JOB = """\
Senior Operations Analyst

Requirements
- Experience building demand forecasts for staffing decisions
- Comfortable presenting to regional managers
"""


def test_a_shown_skill_the_job_asks_for_ranks_above_one_it_never_mentions() -> None:
    alone = skill_facts(analysed(ANALYST))
    with_job = skill_facts(analysed(ANALYST, ANALYST_JOB))
    forecasting, newsletter = with_job["Demand forecasting"], with_job["Newsletter writing"]
    assert forecasting.kind is newsletter.kind is K.skill_evidenced
    # The job rests on forecasting, so the kit digs into it before a side skill.
    assert forecasting.priority > newsletter.priority
    assert forecasting.priority > alone["Demand forecasting"].priority
    assert newsletter.priority == alone["Newsletter writing"].priority


def test_quoted_words_inside_a_clause_cannot_leave_a_question_with_a_stray_quote() -> None:
    line = 'Resilience: you take a "no" in your stride, and keep calling through a slow week'
    for clause in (short_clause(line, 40), requirement_clause(line)):
        assert '"' not in clause
    assert tidy("Tell me about Excel , and then SQL .") == "Tell me about Excel, and then SQL."
    assert short_clause("Key accounts:") == "Key accounts"


@pytest.fixture(scope="module")
def engine(engine_settings: Settings) -> Engine:  # noqa: F811
    return Engine(engine_settings)


def test_a_kit_validates_the_shown_skill_the_job_rests_on_quoting_both_lines(
    engine: Engine,
) -> None:
    kit = engine.build_kit(
        KitRequest(resume_text=ANALYST, job_text=ANALYST_JOB, count=12, generator="offline")
    )
    quoting = [q for q in kit.questions if any(e.quote == "Demand forecasting" for e in q.evidence)]
    assert quoting, [q.text for q in kit.questions]
    # The question rests on where it is listed and on the line that shows it in use.
    quotes = [e.quote for e in quoting[0].evidence]
    assert any("demand forecasting model" in quote for quote in quotes)
