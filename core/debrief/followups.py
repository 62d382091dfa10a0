"""Questions for what the panel failed to find out, written like kit questions.

Every unknown in a debrief gets at most one question for a next call, and a claim the
panel could not settle also gets one for a reference check:
- a question nobody asked is asked next time in the kit's own words (it was grounded
  and checked when the kit was made);
- a question the panel split on, or rated without any note, is asked again from another
  angle: the composer writes it on the same resume line with a different purpose, and
  the guardrails check it as they check kit questions (grounded in a real quote, never
  a protected topic, not a rewording of the kit's own question);
- a competency nobody rated gets its core question.
The composer needs the candidate's facts: the analysed resume when the caller gives it,
otherwise the kit's own evidence rebuilt into a small analysis (every quote in a kit is
a verbatim line, so nothing new is invented).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from ..analysis.analyse import today_from
from ..analysis.protected import question_topic
from ..generation.composer import compose_fill
from ..generation.generator import GenerationRequest
from ..generation.similarity import NEAR_DUPLICATE, similarity
from ..generation.wording import short_clause
from ..guardrails import Guard
from ..models import (
    Analysis,
    Document,
    Fact,
    FactKind,
    InterviewKit,
    JobDescription,
    Plan,
    PlanSlot,
    Purpose,
    Question,
    Resume,
    Source,
    Span,
)
from .debrief import Debrief, FollowUp, Unknown

# Another angle on the same line: the purposes tried in turn after the question's own.
ANGLES = (
    Purpose.deep_dive,
    Purpose.behavioural,
    Purpose.evaluate_skill,
    Purpose.validate_skill,
    Purpose.concern,
    Purpose.scenario,
)
# Claims a former manager or colleague can speak to first-hand.
REFERENCE_KINDS = frozenset(
    {
        FactKind.achievement,
        FactKind.unquantified_claim,
        FactKind.leadership_claim,
        FactKind.role,
        FactKind.promotion,
    }
)
UNSETTLED = ("disagreement", "no_notes")


@cache
def wordings() -> dict[str, dict[str, object]]:
    text = (resources.files("secondround.core.data") / "debrief.yaml").read_text("utf-8")
    loaded: dict[str, dict[str, object]] = yaml.safe_load(text)
    return loaded


def follow_ups_for(
    debrief: Debrief,
    kit: InterviewKit,
    analysis: Analysis | None,
    *,
    jurisdiction: str = "US",
) -> list[FollowUp]:
    questions = {q.id: q for q in kit.questions}
    analysis = analysis or analysis_from_kit(kit)
    guard = Guard(analysis, jurisdiction=jurisdiction)
    kit_texts = [q.text for q in kit.questions]
    out: list[FollowUp] = []
    done: set[str] = set()
    for unknown in debrief.unknowns:
        q = questions.get(unknown.question_id or "")
        if unknown.kind == "competency_unrated":
            coverage = next(c for c in kit.competencies if c.competency == unknown.competency)
            first = next((questions[i] for i in coverage.questions if i in questions), None)
            if first is not None and first.id not in done:
                done.add(first.id)
                out.append(_ask_again(first, _reason(unknown, debrief)))
            continue
        if q is None or q.id in done:
            continue
        if unknown.kind == "not_asked":
            done.add(q.id)
            out.append(_ask_again(q, _reason(unknown, debrief)))
        elif unknown.kind in UNSETTLED and _unsettled(debrief, q.id, unknown.kind):
            done.add(q.id)
            angle = _new_angle(q, analysis, guard, kit_texts, kit.round, kit.round_title)
            if angle is not None:
                out.append(angle.model_copy(update={"settles": _reason(unknown, debrief)}))
            reference = _reference_check(q, analysis, jurisdiction)
            if reference is not None:
                out.append(reference.model_copy(update={"settles": _reason(unknown, debrief)}))
    return out


def analysis_from_kit(kit: InterviewKit) -> Analysis:
    """A small analysis holding only the lines the kit quotes, by source."""
    texts: dict[Source, list[str]] = {s: [] for s in Source}
    facts: dict[str, Fact] = {}
    for q in kit.questions:
        for ev in q.evidence:
            if ev.fact_id in facts:
                continue
            lines = texts[ev.source]
            start = sum(len(line) + 1 for line in lines)
            lines.append(ev.quote)
            facts[ev.fact_id] = Fact(
                id=ev.fact_id,
                kind=ev.kind,
                quote=ev.quote,
                span=Span(start=start, end=start + len(ev.quote)),
                source=ev.source,
                # A skill line's quote is the skill's name, which its wordings need.
                skill=ev.quote if ev.kind.value.startswith("skill") else None,
            )
    job = "\n".join(texts[Source.job])
    return Analysis(
        document=Document(text="\n".join(texts[Source.resume]), reader="kit evidence"),
        resume=Resume(),
        facts=list(facts.values()),
        job=JobDescription(text=job) if job else None,
        notes_text="\n".join(texts[Source.notes]) or None,
        today=today_from(None),
    )


def _reason(unknown: Unknown, debrief: Debrief) -> str:
    """The unknown a follow-up settles, in a few words (the full sentence is listed
    once, under "still unknown")."""
    number = next(
        (q.number for q in debrief.questions if q.question_id == unknown.question_id), None
    )
    return {
        "disagreement": f"the panel's split on question {number}",
        "no_notes": f"question {number}, rated without notes",
        "not_asked": f"question {number}, which nobody asked",
    }.get(unknown.kind, f"{unknown.competency}, which nobody rated")


def _unsettled(debrief: Debrief, question_id: str, kind: str) -> bool:
    """A disagreement always is; a missing note only when nobody wrote one."""
    if kind == "disagreement":
        return True
    entry = next(q for q in debrief.questions if q.question_id == question_id)
    return not any(e.notes for e in entry.rated)


def _ask_again(q: Question, settles: str) -> FollowUp:
    return FollowUp(
        text=q.text,
        use="next_call",
        settles=settles,
        question_id=q.id,
        competency=q.competency,
        purpose=str(q.purpose),
        probes=q.evidence[0].quote if q.evidence else "",
        follow_ups=list(q.follow_ups),
        strong_answer=q.strong_answer,
    )


def _facts_of(q: Question, analysis: Analysis) -> list[Fact]:
    """The analysis's facts behind ``q``: by id, else by the quote (a re-read resume
    numbers its facts the same way, but a different upload of it may not)."""
    found = []
    for ev in q.evidence:
        fact = analysis.fact(ev.fact_id)
        if fact is None or fact.quote != ev.quote:
            fact = next((f for f in analysis.facts if f.quote == ev.quote), None)
        if fact is not None:
            found.append(fact)
    return found


def _new_angle(
    q: Question,
    analysis: Analysis,
    guard: Guard,
    kit_texts: Sequence[str],
    round_name: str,
    round_title: str,
) -> FollowUp | None:
    facts = _facts_of(q, analysis)
    if not facts:
        return None
    lead = facts[0]
    # Every other fact counts as used, so the composer writes about this one.
    used = [f.id for f in analysis.facts if f.id != lead.id]
    for purpose in (q.purpose, *[p for p in ANGLES if p is not q.purpose]):
        slot = PlanSlot(purpose=purpose, count=1, fact_kinds=[lead.kind])
        request = GenerationRequest(
            analysis=analysis, plan=Plan(round=round_name, title=round_title, slots=[slot])
        )
        for draft in compose_fill(request, used, [slot], avoid=kit_texts):
            if not draft.evidence or draft.evidence[0].fact_id != lead.id:
                continue
            if any(similarity(draft.text, t) >= NEAR_DUPLICATE for t in kit_texts):
                continue
            kept = guard.offer(draft)
            if kept is not None:
                return FollowUp(
                    text=kept.text,
                    use="next_call",
                    settles="",
                    question_id=q.id,
                    competency=q.competency,
                    purpose=str(kept.purpose),
                    probes=kept.evidence[0].quote,
                    follow_ups=list(kept.follow_ups),
                    strong_answer=kept.strong_answer,
                )
    return None


def _reference_check(q: Question, analysis: Analysis, jurisdiction: str) -> FollowUp | None:
    facts = _facts_of(q, analysis)
    resume = [f for f in facts if f.source is Source.resume]
    if not resume or resume[0].kind not in REFERENCE_KINDS:
        return None
    fact = resume[0]
    checks = wordings()["reference_checks"]
    template = str(checks.get(fact.kind.value) or checks["default"])
    text = " ".join(template.format(detail=short_clause(fact.quote, 90)).split())
    if question_topic(text, jurisdiction) is not None:
        return None
    return FollowUp(
        text=text,
        use="reference_check",
        settles="",
        question_id=q.id,
        competency=q.competency,
        purpose=str(q.purpose),
        probes=fact.quote,
    )
