"""Structured mode: role profiles, a fixed core per role, tailoring, coverage, rating scales."""

from __future__ import annotations

from pathlib import Path

import pytest

from secondround.core import cli
from secondround.core.errors import InvalidRequest
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.planning.role_profile import RoleProfile, derive_profile
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401

JOB = """# Senior Data Analyst, Growth

## Requirements
- 4+ years of experience with SQL and Python for analytics.
- Experience designing and reading A/B tests.
- Comfortable presenting findings to non-technical stakeholders.
- Mentoring junior analysts.

## Nice to have
- Looker or Tableau dashboards.
"""

ANALYST = """Priya Raman
Data Analyst

EXPERIENCE
Senior Data Analyst, Meridian Insurance (Boston, MA)
Jan 2022 – Present
• Built the claims dashboard in Tableau used by 40 adjusters; flagged $1.2M in duplicate payments.
• Presented quarterly loss findings to the executive team.
• Mentored two junior analysts on SQL and code review.

Data Analyst, Harbor Bank (Boston, MA)
Mar 2018 – Dec 2021
• Automated the weekly risk report with Python and SQL, cutting prep from 6 hours to 20 min.
• Helped with the data warehouse migration.

SKILLS
SQL, Python, Tableau, A/B testing, dbt
"""

COOK_TO_ANALYST = """Marco Bellini
Junior Data Analyst

EXPERIENCE
Junior Data Analyst, Lakeside Retail (Chicago, IL)
Jun 2024 – Present
• Wrote SQL reports on store sales for 12 regional managers.
• Worked closely with the merchandising team on weekly forecasts.

Sous Chef, Trattoria Verde (Chicago, IL)
Apr 2016 – Dec 2023
• Led a kitchen team of 7 and cut food waste 18% by reworking prep lists.

SKILLS
SQL, Excel, Python, Power BI
"""


@pytest.fixture()
def profile() -> RoleProfile:
    return derive_profile(JOB)


def kit_for(settings: Settings, resume: str, profile: RoleProfile, count: int | None = None):
    request = KitRequest(resume_text=resume, role=profile, count=count)
    return Engine(settings).build_kit(request)


def test_role_init_derives_3_to_4_categories_of_at_most_6(profile: RoleProfile) -> None:
    assert 3 <= len(profile.categories) <= 4
    assert all(1 <= len(c.competencies) <= 6 for c in profile.categories)
    names = [c.name for _, c in profile.competencies()]
    # Requirements become role-specific competencies, without their "4+ years of" prefix.
    assert any("SQL and Python" in n and not n.startswith("4+") for n in names)
    assert "Leading and developing others" in names  # the JD asks for mentoring
    assert {"SQL", "Python"} <= set(profile.must_have)
    assert "Looker" in profile.nice_to_have or "Tableau" in profile.nice_to_have


def test_profile_round_trips_through_yaml(profile: RoleProfile) -> None:
    again = RoleProfile.from_yaml(profile.to_yaml())
    assert again == profile


@pytest.mark.parametrize(
    "text, complaint",
    [
        ("title: Analyst\ncategories: []\n", "categories"),
        ("- just\n- a list\n", "mapping"),
        ("title: [unclosed\n", "not valid YAML"),
        (
            "title: Analyst\ncategories:\n"
            + "".join(f"- name: C{i}\n  competencies: [{{name: Skill {i}}}]\n" for i in range(5)),
            "at most 4 categories",
        ),
    ],
)
def test_invalid_profiles_get_one_clear_sentence(text: str, complaint: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        RoleProfile.from_yaml(text)
    assert complaint in str(caught.value)
    assert "\n" not in str(caught.value)


def test_core_set_is_identical_for_every_candidate_of_the_role(
    engine_settings: Settings,  # noqa: F811
    profile: RoleProfile,
) -> None:
    first = kit_for(engine_settings, ANALYST, profile)
    second = kit_for(engine_settings, COOK_TO_ANALYST, profile)
    core_a = [
        (q.id, q.text, [a.model_dump() for a in q.rating_scale]) for q in first.questions if q.core
    ]
    core_b = [
        (q.id, q.text, [a.model_dump() for a in q.rating_scale]) for q in second.questions if q.core
    ]
    assert core_a == core_b
    assert len(core_a) == len(profile.competencies())
    # ... and reproducible from the profile alone, in profile order.
    assert [q[0] for q in core_a] == [f"core-{c.id}" for _, c in profile.competencies()]
    # The tailored part differs: it digs into each resume.
    tailored_a = {q.text for q in first.questions if not q.core}
    tailored_b = {q.text for q in second.questions if not q.core}
    assert tailored_a and tailored_b and tailored_a != tailored_b
    assert any("Trattoria Verde" in t or "Sous Chef" in t or "chef" in t for t in tailored_b)


def test_core_questions_get_follow_ups_from_this_candidates_resume(
    engine_settings: Settings,  # noqa: F811
    profile: RoleProfile,
) -> None:
    # Two tailored questions beside the core set leave lines of this short resume over.
    kit = kit_for(engine_settings, ANALYST, profile, count=len(profile.competencies()) + 2)
    tailored_core = [q for q in kit.questions if q.core and q.evidence]
    # A line the tailored questions already lead with is not offered again; the lines
    # left over give core questions follow-ups of their own.
    assert tailored_core
    asked = {q.evidence[0].quote for q in kit.questions if not q.core and q.evidence}
    assert not {q.evidence[0].quote for q in tailored_core} & asked
    for q in tailored_core:
        assert q.follow_ups[0].startswith("Your resume mentions")
        assert all(e.quote in ANALYST for e in q.evidence)


def test_every_question_maps_to_a_competency_and_coverage_is_reported(
    engine_settings: Settings,  # noqa: F811
    profile: RoleProfile,
) -> None:
    n = len(profile.competencies())
    kit = kit_for(engine_settings, ANALYST, profile, count=2 * n)
    assert kit.role == profile.title
    names = {c.name for _, c in profile.competencies()}
    assert all(q.competency in names for q in kit.questions)
    assert len(kit.questions) == 2 * n
    covered = {c.competency: len(c.questions) for c in kit.competencies}
    assert set(covered) == names
    assert min(covered.values()) >= 1
    # With twice as many questions as competencies, most are covered twice.
    assert sum(1 for v in covered.values() if v >= 2) >= n // 2
    ids = {q.id for q in kit.questions}
    assert all(set(c.questions) <= ids for c in kit.competencies)


def test_every_question_has_a_question_specific_anchored_scale(
    engine_settings: Settings,  # noqa: F811
    profile: RoleProfile,
) -> None:
    kit = kit_for(engine_settings, ANALYST, profile)
    for q in kit.questions:
        assert [a.level for a in q.rating_scale] == ["poor", "mixed", "good", "excellent"]
        assert all(a.description.strip() for a in q.rating_scale)
    # Tailored questions' anchors name what they probe.
    tailored = [q for q in kit.questions if not q.core and q.evidence]
    assert any(
        any(word in q.rating_scale[0].description for word in ("“", "SQL", "Python", "dbt"))
        for q in tailored
    )


def test_same_inputs_same_structured_kit(
    engine_settings: Settings,  # noqa: F811
    profile: RoleProfile,
) -> None:
    a = kit_for(engine_settings, ANALYST, profile).model_dump(exclude={"meta"})
    b = kit_for(engine_settings, ANALYST, profile).model_dump(exclude={"meta"})
    assert a == b


def test_a_competency_that_targets_a_protected_topic_is_refused() -> None:
    bad = RoleProfile.from_yaml(
        "title: Analyst\ncategories:\n- name: Fit\n  competencies:\n"
        "  - name: Marital status and family plans\n"
    )
    from secondround.core.generation.structured import core_questions

    with pytest.raises(InvalidRequest) as caught:
        core_questions(bad, "second")
    assert "protected" in str(caught.value)


def test_cli_role_init_and_questions_with_role(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(engine_settings.data_dir))
    job = tmp_path / "job.md"
    job.write_text(JOB, encoding="utf-8")
    resume = tmp_path / "resume.txt"
    resume.write_text(ANALYST, encoding="utf-8")
    role = tmp_path / "role.yaml"
    assert cli.main(["role", "init", "--job", str(job), "--out", str(role)]) == 0
    assert RoleProfile.load(role).title.startswith("Senior Data Analyst")
    # Refuses to overwrite without --force.
    assert cli.main(["role", "init", "--job", str(job), "--out", str(role)]) == 2
    capsys.readouterr()
    assert cli.main(["questions", str(resume), "--role", str(role)]) == 0
    out = capsys.readouterr().out
    assert "Competency coverage" in out
    assert "Core question (ask every candidate)" in out
    assert "| Poor |" in out
