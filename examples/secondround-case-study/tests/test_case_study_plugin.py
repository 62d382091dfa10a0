"""The case-study plugin, tested the two ways a plugin author tests theirs: registered
directly with ``build_registry(..., extra=...)``, and through its installed entry point.

Run with ``pytest`` after ``pip install -e .`` in this folder. Only the public API
(``secondround.core.api``) is used, as in the plugin itself.
"""

from __future__ import annotations

from datetime import date
from importlib import metadata
from pathlib import Path

import pytest
import secondround_case_study as plugin

from secondround.core.api import (
    Engine,
    KitRequest,
    Purpose,
    Question,
    Settings,
    build_registry,
)

RESUME = """\
Sam Okafor
Commercial Analyst

EXPERIENCE
Commercial Analyst, Larkfield Retail Group
Mar 2021 – Present
• Cut stock write-offs by 18% across 60 stores by re-forecasting weekly orders in SQL
• Built the pricing model used for the spring range review
• Presented monthly trading packs to the board

Junior Analyst, Corran Foods
Jan 2018 – Feb 2021
• Automated the weekly sales report in Python, saving 6 hours a week

SKILLS
SQL, Python, Excel, Tableau, forecasting
"""

JOB = """\
Senior Commercial Analyst

Requirements
- Experience building pricing and promotion models
- Strong SQL and Python
- Presenting recommendations to senior stakeholders
"""


TODAY = date(2026, 6, 1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # Built-ins only from entry points, so the test sees exactly the plugin it registers,
    # whether or not this package is also installed.
    return Settings(_env_file=None, data_dir=tmp_path, load_plugins="")  # type: ignore[call-arg]


@pytest.fixture
def engine(settings: Settings) -> Engine:
    registry = build_registry(settings, extra=[("case_study", plugin)])
    assert registry.problems == []
    # No guidance retrieval: this test is about the round, not about the index.
    return Engine(settings, registry=registry, use_retrieval=False)


def build(engine: Engine, count: int | None = None) -> list[Question]:
    request = KitRequest(
        resume_text=RESUME, job_text=JOB, round="case_study", count=count, today=TODAY
    )
    return engine.build_kit(request).questions


# --------------------------------------------------------------------------- the round


def test_the_round_plans_one_timed_case_first_then_resume_probes(engine: Engine) -> None:
    round_type = engine.registry.round("case_study")
    assert engine.registry.owner_of(round_type) == "case_study"
    questions = build(engine)
    assert len(questions) == round_type.default_count
    case, *rest = questions
    assert case.purpose is Purpose.scenario and case.asked_by == "case_lead"
    assert case.minutes == plugin.CASE_MINUTES
    assert f"{plugin.CASE_MINUTES} minutes" in case.text
    assert not [q for q in rest if q.purpose is Purpose.scenario]
    assert {q.asked_by for q in rest if q.purpose is Purpose.deep_dive} == {"hiring_manager"}


def test_a_one_question_kit_is_just_the_case(engine: Engine) -> None:
    [case] = build(engine, count=1)
    assert case.purpose is Purpose.scenario and "Case study" in case.text


def test_every_case_question_carries_a_filled_four_level_rubric(engine: Engine) -> None:
    questions = build(engine)
    own = [q for q in questions if q.text.startswith(("Case study", "Case debrief"))]
    assert {q.purpose for q in own} == {Purpose.scenario, Purpose.evaluate_skill}
    for question in own:
        levels = [anchor.level for anchor in question.rating_scale]
        assert levels == ["poor", "mixed", "good", "excellent"], question.text
        for anchor in question.rating_scale:
            assert "{" not in anchor.description, anchor.description
    [debrief] = [q for q in own if q.purpose is Purpose.evaluate_skill]
    # The rubric names the skill the debrief is about, the one its evidence shows.
    assert debrief.evidence and "that skill" not in debrief.rating_scale[0].description
    assert "SQL" in debrief.text and "SQL" in debrief.rating_scale[0].description


def test_the_case_is_built_on_the_job_or_the_resume(engine: Engine) -> None:
    case = build(engine)[0]
    inputs = " ".join((JOB + RESUME).split())
    assert case.evidence
    for evidence in case.evidence:
        assert " ".join(evidence.quote.split()) in inputs


def test_the_round_is_described_with_its_panel(engine: Engine) -> None:
    described = engine.registry.round("case_study").describe()
    assert [role["id"] for role in described["panel_roles"]] == [  # type: ignore[index]
        "case_lead",
        "hiring_manager",
    ]
    assert described["purposes"][0] == "scenario"  # type: ignore[index]


# --------------------------------------------------------------------------- the check


def _question(text: str, *, round_name: str = "case_study") -> Question:
    return Question(id="q1", text=text, round=round_name, purpose=Purpose.scenario)


def test_a_case_brief_without_a_time_box_is_dropped(engine: Engine) -> None:
    check = plugin.CaseTimeBox()
    analysis = engine.prepare(KitRequest(resume_text=RESUME))
    assert check.check(_question("Case study: price the spring range."), analysis)
    assert check.check(_question("Case study (40 minutes): price the range."), analysis) is None
    assert check.check(_question("A 45-minute case: price the range."), analysis) is None
    # Other rounds and other purposes are left alone.
    assert check.check(_question("Price the range.", round_name="second"), analysis) is None


def test_every_case_pattern_passes_the_plugins_own_check() -> None:
    for pattern in plugin.PATTERNS:
        assert pattern.rounds == ["case_study"]
        if pattern.purpose is Purpose.scenario:
            assert plugin._TIME_BOX.search(pattern.text), pattern.id


# --------------------------------------------------------------------------- guidance


def test_the_guidance_ships_as_package_data_with_front_matter() -> None:
    documents = plugin.guidance_documents()
    assert len(documents) >= 3
    for document in documents:
        assert document.source.startswith("secondround-case-study/")
        assert document.title and document.rounds == ["case_study"]
        assert document.text.lstrip().startswith("# ")
        assert "---" not in document.text.splitlines()[0]
    assert {d.audience for d in documents} == {"interviewer", "candidate"}


def test_the_registry_records_the_guidance_and_the_check(settings: Settings) -> None:
    registry = build_registry(settings, extra=[("case_study", plugin)])
    sources = {d.source for d in registry.corpus_documents}
    assert {d.source for d in plugin.guidance_documents()} <= sources
    assert [c.name for c in registry.question_checks] == ["case_time_box"]
    [info] = [p for p in registry.plugins if p.name == "case_study"]
    assert info.hooks == [
        "register_rounds",
        "register_corpus_documents",
        "register_question_checks",
    ]


# --------------------------------------------------------------------------- installed


def test_the_installed_entry_point_loads_the_plugin(tmp_path: Path) -> None:
    entry_points = {ep.name: ep for ep in metadata.entry_points(group="secondround")}
    if "case_study" not in entry_points:
        pytest.skip("not installed: run `pip install -e .` in examples/secondround-case-study")
    assert entry_points["case_study"].value == "secondround_case_study"
    # The allow-list names the distribution, as a user would.
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, data_dir=tmp_path, load_plugins="secondround-case-study"
    )
    registry = build_registry(settings)
    assert registry.owner_of(registry.round("case_study")) == "case_study"
    [info] = [p for p in registry.plugins if p.name == "case_study"]
    assert info.version == metadata.version("secondround-case-study")
    assert info.builtin is False
