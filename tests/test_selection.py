"""Which facts a kit's dozen questions rest on: measured results before scope lines, a
spread over the candidate's jobs and kinds of evidence, concerns where they are asked
best, and nothing that would make a question touch a protected topic."""

from __future__ import annotations

from itertools import count

import pytest

from secondround.core.models import Fact, FactKind, PlanSlot, Purpose, Source, Span
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.planning.selection import askable, choose_leads, kit_priority
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401

_ids = count()


def fact(
    kind: FactKind,
    quote: str,
    priority: float,
    org: str | None = None,
    title: str | None = None,
    source: Source = Source.resume,
) -> Fact:
    n = next(_ids)
    return Fact(
        id=f"f{n}",
        kind=kind,
        quote=quote,
        span=Span(start=n * 100, end=n * 100 + len(quote)),
        source=source,
        priority=priority,
        organisation=org,
        role_title=title,
    )


def positions(*slots: tuple[PlanSlot, int]) -> list[PlanSlot]:
    return [slot for slot, n in slots for _ in range(n)]


def lead_facts(slots: list[PlanSlot], facts: list[Fact]) -> list[Fact | None]:
    """The leading fact of each position, for positions that take their slot's kinds."""
    leads = choose_leads(slots, facts, lambda i, f: f.kind in slots[i].fact_kinds)
    return [lead[0] if lead else None for lead in leads]


# --------------------------------------------------------------------------- results


def test_a_measured_change_outranks_a_line_that_only_states_a_scope() -> None:
    scope = fact(FactKind.achievement, "Own billing for 2.1M households; team of 8", 6.0)
    change = fact(
        FactKind.achievement, "Cut invoice disputes from 9% to 3% with a new dunning flow", 6.0
    )
    share = fact(FactKind.achievement, "Reached 118% of annual quota in 2024", 6.0)
    assert kit_priority(change) > kit_priority(share) > kit_priority(scope)


def test_only_quantified_claims_are_re_weighed() -> None:
    claim = fact(FactKind.unquantified_claim, "Improved the onboarding experience", 6.0)
    assert kit_priority(claim) == 6.0


# --------------------------------------------------------------------------- spread


def test_the_questions_spread_over_jobs_rather_than_all_on_one() -> None:
    deep = PlanSlot(purpose=Purpose.deep_dive, count=3, fact_kinds=[FactKind.achievement])
    slots = positions((deep, 3))
    latest = [
        fact(FactKind.achievement, f"Grew renewals by {n}% at the latest job", 7.0, "Orrin Ltd")
        for n in (10, 20, 30)
    ]
    earlier = fact(FactKind.achievement, "Halved report time at the earlier job", 6.5, "Pell Co")
    leads = lead_facts(slots, [*latest, earlier])
    assert earlier in leads
    assert sum(f in latest for f in leads) == 2


def test_a_second_question_of_a_purpose_prefers_another_kind_of_evidence() -> None:
    validate = PlanSlot(
        purpose=Purpose.validate_skill,
        count=2,
        fact_kinds=[FactKind.skill_unevidenced, FactKind.skill_evidenced],
    )
    slots = positions((validate, 2))
    unshown = [fact(FactKind.skill_unevidenced, name, 6.2) for name in ("Kafka", "Flink")]
    shown = fact(FactKind.skill_evidenced, "Built the ingest service in Go", 5.8, "Orrin Ltd")
    leads = lead_facts(slots, [*unshown, shown])
    assert shown in leads and unshown[0] in leads


def test_interview_concerns_land_in_the_concern_questions_first() -> None:
    behavioural = PlanSlot(
        purpose=Purpose.behavioural,
        count=1,
        fact_kinds=[FactKind.leadership_claim, FactKind.concern],
    )
    concern = PlanSlot(purpose=Purpose.concern, count=2, fact_kinds=[FactKind.concern])
    slots = positions((behavioural, 1), (concern, 2))
    notes = [
        fact(FactKind.concern, text, 9.5 - n / 10, source=Source.notes)
        for n, text in enumerate(["Vague on the budget", "Unsure about on-call"])
    ]
    lead = fact(FactKind.leadership_claim, "Led a team of 5", 6.0, "Orrin Ltd")
    leads = lead_facts(slots, [*notes, lead])
    assert leads == [lead, *notes]


def test_every_notes_concern_leads_before_a_gap_of_lower_priority() -> None:
    # Four open points from a first interview and one unexplained gap, four concern
    # questions: the fourth note is as much this round's to settle as the first.
    concern = PlanSlot(
        purpose=Purpose.concern, count=4, fact_kinds=[FactKind.concern, FactKind.gap]
    )
    slots = positions((concern, 4))
    notes = [
        fact(FactKind.concern, text, 9.5 - n / 10, source=Source.notes)
        for n, text in enumerate(
            ["Vague on the budget", "Unsure about on-call", "Reference: late reports", "Thin CA"]
        )
    ]
    gap = fact(FactKind.gap, "Mar 2021 - Jan 2022", 8.8)
    leads = lead_facts(slots, [gap, *notes])
    assert leads == notes


def test_two_facts_on_the_same_words_never_lead_two_questions() -> None:
    deep = PlanSlot(
        purpose=Purpose.deep_dive,
        count=2,
        fact_kinds=[FactKind.achievement, FactKind.leadership_claim],
    )
    slots = positions((deep, 2))
    one = fact(FactKind.achievement, "Led 6 engineers to cut costs by 20%", 7.0, "Orrin Ltd")
    same = one.model_copy(update={"id": "same-words", "kind": FactKind.leadership_claim})
    leads = lead_facts(slots, [one, same])
    assert leads == [one, None]


def test_a_fact_whose_words_touch_a_protected_topic_is_not_askable() -> None:
    assert not askable(fact(FactKind.skill_unevidenced, "Maternity cover planning", 6.0), "US")
    assert askable(fact(FactKind.skill_unevidenced, "Capacity planning", 6.0), "US")


# --------------------------------------------------------------------------- whole kits

RESUME = """\
Tomasz Wren
Operations Lead

EXPERIENCE
Operations Lead, Harrow Freight (Leeds)
Mar 2022 - Present
- Promoted from Shift Manager to Operations Lead in March 2022
- Lead a team of 12 shift managers across two depots
- Raised on-time dispatch from 88% to 97% by re-planning the loading bays
- Run weekly route planning in Excel for 40 drivers

Shift Manager, Harrow Freight (Leeds)
Jan 2019 - Feb 2022
- Cut overtime hours by 30% by rebuilding the rota
- Supervised 25 warehouse staff on nights

Warehouse Operative, Tillbrook Foods
Jun 2015 - Dec 2018
- Reduced picking errors by 40% by proposing a scan-to-confirm check

SKILLS
Route planning, Excel, SAP, Lean, Forklift safety, Maternity cover planning

EDUCATION
BTEC Business, Leeds City College, 2013 - 2015
"""


@pytest.fixture(scope="module")
def kit(engine_settings: Settings):  # type: ignore[no-untyped-def]  # noqa: F811
    engine = Engine(engine_settings)
    return engine.build_kit(KitRequest(resume_text=RESUME, count=12))


def test_no_question_names_a_listed_skill_that_touches_a_protected_topic(kit) -> None:  # type: ignore[no-untyped-def]
    blob = " ".join(
        " ".join([q.text, *q.follow_ups, *(e.quote for e in q.evidence)]) for q in kit.questions
    )
    assert "Maternity" not in blob
    assert len(kit.questions) == 12


def test_a_promotion_and_its_leadership_claim_are_asked_in_one_question(kit) -> None:  # type: ignore[no-untyped-def]
    promoted = [
        q
        for q in kit.questions
        if any(e.quote.startswith("Promoted from Shift Manager") for e in q.evidence)
    ]
    assert len(promoted) == 1
    question = promoted[0]
    assert any("team of 12" in e.quote for e in question.evidence)
    # Both are asked, not only quoted: the question names one, a follow-up the other.
    asked = " ".join([question.text, *question.follow_ups])
    assert "team of 12" in asked and "Promoted from Shift Manager" in asked


def test_the_earliest_job_still_gets_a_question_on_its_measured_result(kit) -> None:  # type: ignore[no-untyped-def]
    quoted = [e.quote for q in kit.questions for e in q.evidence]
    assert any("picking errors by 40%" in quote for quote in quoted)


def test_two_overlaps_on_one_side_job_are_asked_in_one_question() -> None:
    # A made-up side job held alongside two titles at one employer: one story, one
    # question quoting both lines, and the second concern question goes to a short stay.
    concern = PlanSlot(
        purpose=Purpose.concern,
        count=2,
        fact_kinds=[FactKind.overlap, FactKind.short_tenure],
    )
    slots = positions((concern, 2))
    side = Span(start=5000, end=5030)
    senior = fact(FactKind.overlap, "Lead Surveyor, Pellmark Ltd", 5.5, "Pellmark Ltd")
    senior = senior.model_copy(update={"also": [side]})
    earlier = fact(FactKind.overlap, "Weekend tutor, Quillby College", 5.5, "Quillby College")
    earlier = earlier.model_copy(update={"span": side, "also": [Span(start=6000, end=6020)]})
    short = fact(FactKind.short_tenure, "Surveyor, Dunmore Works", 5.2, "Dunmore Works")
    leads = choose_leads(slots, [senior, earlier, short], lambda i, f: True)
    assert leads[0] == (senior, [earlier])
    assert leads[1] == (short, [])
