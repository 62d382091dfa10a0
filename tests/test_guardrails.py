"""The guard every draft question passes, whatever wrote it: exact quotes, known facts,
no protected topics, no near-duplicates, nothing over-long, plugin checks honoured."""

from __future__ import annotations

import pytest

from secondround.core.analysis.analyse import analyse
from secondround.core.guardrails import MAX_QUESTION_CHARS, Guard, similarity
from secondround.core.models import (
    Analysis,
    Document,
    Evidence,
    Fact,
    FactKind,
    GuidanceRef,
    Passage,
    Purpose,
    Question,
    Source,
    YearMonth,
)

RESUME = """\
Owen Price
Married, two children

Experience
Procurement Lead, Hallam Foods Ltd
Apr 2021 – Present
• Negotiated supplier contracts worth $1.2M a year
• Led a team of 6 buyers

Buyer, Hallam Foods Ltd
Jan 2018 – Mar 2021
• Cut purchase-order cycle time from 9 days to 4
• Responsible for the packaging category

Skills
SAP Ariba, Excel, Supplier negotiation
"""

NOTES = """\
- Seemed unsure about the Ariba rollout. Ask for a concrete
  example of a supplier he onboarded.
"""


@pytest.fixture
def analysis() -> Analysis:
    return analyse(Document(text=RESUME), notes_text=NOTES, today=YearMonth(year=2026, month=11))


def fact_quoting(analysis: Analysis, words: str, kind: FactKind | None = None) -> Fact:
    return next(f for f in analysis.facts if words in f.quote and (kind is None or f.kind is kind))


def draft(
    text: str,
    evidence: list[Evidence] | None = None,
    purpose: Purpose = Purpose.deep_dive,
    qid: str = "d1",
    **extra: object,
) -> Question:
    return Question(
        id=qid,
        text=text,
        round="second",
        purpose=purpose,
        evidence=evidence or [],
        **extra,
    )


def cite(fact: Fact, quote: str | None = None, fact_id: str | None = None) -> Evidence:
    return Evidence(
        fact_id=fact_id or fact.id,
        kind=fact.kind,
        quote=fact.quote if quote is None else quote,
        source=fact.source,
    )


def reason_of(guard: Guard, question: Question) -> str:
    return next(reason for q, reason in guard.report.dropped if q is question)


# --------------------------------------------------------------------------- quotes


def test_a_grounded_question_is_kept_with_its_exact_quote(analysis: Analysis) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "$1.2M")
    kept = guard.offer(draft("How did you negotiate those contracts?", [cite(fact)]))
    assert kept is not None and not kept.general
    [evidence] = kept.evidence
    assert evidence.span is not None
    assert RESUME[evidence.span.start : evidence.span.end] == evidence.quote == fact.quote


def test_a_quote_that_is_not_in_the_input_is_dropped(analysis: Analysis) -> None:
    guard = Guard(analysis)
    real = fact_quoting(analysis, "$1.2M")
    invented = cite(real, quote="Grew revenue by 300% at Globex Corporation")
    mixed = guard.offer(draft("Tell me about your negotiations.", [invented, cite(real)]))
    assert mixed is not None
    assert [e.quote for e in mixed.evidence] == [real.quote]

    only_invented = draft("Tell me how you grew revenue at Globex.", [invented], qid="d2")
    assert guard.offer(only_invented) is None
    assert reason_of(guard, only_invented).startswith("ungrounded")


def test_a_general_question_may_stand_without_evidence(analysis: Analysis) -> None:
    guard = Guard(analysis)
    real = fact_quoting(analysis, "$1.2M")
    salary = draft(
        "What salary range are you looking for in this role?",
        [cite(real, quote="Expected salary: $250,000")],
        purpose=Purpose.salary_expectations,
    )
    kept = guard.offer(salary)
    assert kept is not None
    assert kept.general and kept.evidence == []


def test_a_quote_differing_only_in_whitespace_is_repaired(analysis: Analysis) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "from 9 days to 4")
    sloppy = cite(fact, quote="Cut  purchase-order cycle\ttime from 9 days   to 4")
    kept = guard.offer(draft("What did you change to cut the cycle time?", [sloppy]))
    assert kept is not None
    [evidence] = kept.evidence
    assert evidence.quote == "Cut purchase-order cycle time from 9 days to 4"
    assert evidence.span is not None
    assert RESUME[evidence.span.start : evidence.span.end] == evidence.quote
    assert guard.report.repaired >= 1


def test_a_quote_across_a_line_break_is_repaired_to_the_text_as_written(
    analysis: Analysis,
) -> None:
    guard = Guard(analysis)
    [concern] = [f for f in analysis.facts if f.kind is FactKind.concern]
    one_line = cite(concern, quote="Ask for a concrete example of a supplier he onboarded.")
    kept = guard.offer(draft("Which supplier onboarding are you proudest of?", [one_line]))
    assert kept is not None
    [evidence] = kept.evidence
    assert evidence.source is Source.notes
    assert evidence.quote == "Ask for a concrete\n  example of a supplier he onboarded."
    assert evidence.quote in NOTES


def test_a_wrong_fact_id_for_a_real_quote_is_repaired(analysis: Analysis) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "Responsible for the packaging category")
    wrong = cite(fact, fact_id="achievement-000000")
    kept = guard.offer(draft("What did owning the packaging category involve?", [wrong]))
    assert kept is not None
    [evidence] = kept.evidence
    repaired = analysis.fact(evidence.fact_id)
    assert repaired is not None and evidence.fact_id != "achievement-000000"
    assert repaired.quote == fact.quote and evidence.kind is repaired.kind


def test_a_question_quoting_a_protected_detail_is_dropped(analysis: Analysis) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "$1.2M")
    family = cite(fact, quote="Married, two children")
    question = draft("How do you balance your workload?", [family])
    assert guard.offer(question) is None
    assert reason_of(guard, question).startswith("evidence_blocked")


# --------------------------------------------------------------------------- topics


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("Do you have children?", ""),
        ("What is your current salary?", ""),
        ("Tell me about the contracts you negotiated.", "And what were you earning at Hallam?"),
    ],
)
def test_a_protected_topic_question_is_dropped(
    analysis: Analysis, text: str, follow_up: str
) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "$1.2M")
    question = draft(text, [cite(fact)], follow_ups=[follow_up] if follow_up else [])
    assert guard.offer(question) is None
    assert reason_of(guard, question).startswith("protected_topic")


@pytest.mark.parametrize(
    ("text", "purpose"),
    [
        ("What are your salary expectations?", Purpose.salary_expectations),
        ("Are you legally authorised to work in the UK?", Purpose.motivation_fit),
    ],
)
def test_lawful_questions_pass(analysis: Analysis, text: str, purpose: Purpose) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "Procurement Lead, Hallam Foods Ltd", FactKind.role)
    assert guard.offer(draft(text, [cite(fact)], purpose=purpose)) is not None


def test_a_work_question_about_medication_errors_passes() -> None:
    text = RESUME.replace(
        "Cut purchase-order cycle time from 9 days to 4",
        "Cut medication errors on the ward by 30%",
    )
    analysis = analyse(Document(text=text), today=YearMonth(year=2026, month=11))
    fact = fact_quoting(analysis, "medication errors")
    question = draft("How did you cut medication errors on the ward?", [cite(fact)])
    assert Guard(analysis).offer(question) is not None


# --------------------------------------------------------------------------- duplicates and length


def test_a_near_duplicate_is_dropped_but_a_different_question_is_kept(
    analysis: Analysis,
) -> None:
    guard = Guard(analysis)
    money = fact_quoting(analysis, "$1.2M")
    team = fact_quoting(analysis, "team of 6", FactKind.leadership_claim)
    first = draft("How did you negotiate supplier contracts worth $1.2M a year?", [cite(money)])
    again = draft(
        "So how did you negotiate the supplier contracts worth $1.2M each year?",
        [cite(team)],
        qid="d2",
    )
    other = draft("How did you coach the six buyers in your team?", [cite(team)], qid="d3")
    assert similarity(first.text, again.text) >= 0.6 > similarity(first.text, other.text)
    assert guard.offer(first) is not None
    assert guard.offer(again) is None
    assert reason_of(guard, again).startswith("near_duplicate")
    assert guard.offer(other) is not None


def test_the_same_evidence_for_the_same_purpose_is_a_duplicate(analysis: Analysis) -> None:
    guard = Guard(analysis)
    money = fact_quoting(analysis, "$1.2M")
    assert guard.offer(draft("Who were the suppliers?", [cite(money)])) is not None
    repeat = draft("What made the negotiation hard?", [cite(money)], qid="d2")
    assert guard.offer(repeat) is None


def test_an_over_long_question_is_dropped(analysis: Analysis) -> None:
    guard = Guard(analysis)
    fact = fact_quoting(analysis, "$1.2M")
    rambling = "Tell me about the contracts you negotiated, " * 20
    assert len(rambling) > MAX_QUESTION_CHARS
    question = draft(rambling, [cite(fact)])
    assert guard.offer(question) is None
    assert reason_of(guard, question).startswith("too_long")


def test_run_stops_at_the_limit(analysis: Analysis) -> None:
    guard = Guard(analysis)
    money = fact_quoting(analysis, "$1.2M")
    team = fact_quoting(analysis, "team of 6", FactKind.leadership_claim)
    report = guard.run(
        [
            draft("Which supplier was hardest to negotiate with?", [cite(money)]),
            draft("How did you coach your buyers?", [cite(team)], qid="d2"),
        ],
        limit=1,
    )
    assert len(report.kept) == 1
    assert report.reasons() == {"over_count": 1}


def test_guidance_that_is_not_a_retrieved_passage_is_removed(analysis: Analysis) -> None:
    passage = Passage(
        id="p1", text="Probe the numbers.", source="corpus/probes.md", heading="Numbers"
    )
    guard = Guard(analysis, passages=[passage])
    fact = fact_quoting(analysis, "$1.2M")
    question = draft(
        "How was the $1.2M measured?",
        [cite(fact)],
        guidance=[
            GuidanceRef(passage_id="p1", source="made-up.md"),
            GuidanceRef(passage_id="invented", source="x.md"),
        ],
    )
    kept = guard.offer(question)
    assert kept is not None
    assert [(g.passage_id, g.source, g.heading) for g in kept.guidance] == [
        ("p1", "corpus/probes.md", "Numbers")
    ]


# --------------------------------------------------------------------------- plugin checks


class BansWord:
    name = "no_synergy"

    def check(self, question: Question, analysis: Analysis) -> str | None:
        return "uses the word synergy" if "synergy" in question.text.lower() else None


class Crashes:
    name = "flaky"

    def check(self, question: Question, analysis: Analysis) -> str | None:
        raise RuntimeError("lookup service down")


def test_a_plugin_check_that_returns_a_reason_drops_the_question(analysis: Analysis) -> None:
    guard = Guard(analysis, checks=[BansWord()])
    fact = fact_quoting(analysis, "$1.2M")
    banned = draft("Where did you find synergy with suppliers?", [cite(fact)])
    assert guard.offer(banned) is None
    assert reason_of(guard, banned) == "check_no_synergy: uses the word synergy"
    team = fact_quoting(analysis, "team of 6", FactKind.leadership_claim)
    assert guard.offer(draft("How did you coach your buyers?", [cite(team)], qid="d2"))


def test_a_plugin_check_that_raises_warns_and_does_not_crash(analysis: Analysis) -> None:
    guard = Guard(analysis, checks=[Crashes(), BansWord()])
    fact = fact_quoting(analysis, "$1.2M")
    kept = guard.offer(draft("Which supplier was hardest to negotiate with?", [cite(fact)]))
    assert kept is not None
    warnings = [w for w in guard.warnings if w.code == "plugin_check"]
    assert warnings and "flaky" in warnings[0].message
    # The checks after the broken one still run.
    banned = draft("Where was the synergy?", [cite(fact_quoting(analysis, "team of 6"))], qid="d2")
    assert guard.offer(banned) is None


def test_similarity_is_symmetric_and_ignores_filler_words() -> None:
    a = "How did you cut the cycle time?"
    b = "Tell me how you cut the cycle time."
    assert similarity(a, b) == similarity(b, a) == 1.0
    assert similarity(a, "What salary range are you looking for?") == 0.0
    assert similarity(a, "") == 0.0
