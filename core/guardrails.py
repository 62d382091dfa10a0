"""Stage 6: every draft question, from any generator, passes these checks.

What the kit promises holds whatever a generator returns: every evidence quote is an
exact substring of an input, every fact and passage id exists, every purpose is valid,
no question touches a protected topic or asks for salary history, no two questions
are near-duplicates, nothing is too long, and the count is not exceeded. Drafts are
repaired where that is safe (a quote with different spacing, a wrong fact id for a
real quote) and dropped otherwise; the caller fills any shortfall.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .analysis.protected import protected_spans, question_topic
from .generation.patterns import fact_specifics
from .generation.similarity import NEAR_DUPLICATE, similarity
from .models import (
    GENERAL_PURPOSES,
    Analysis,
    Evidence,
    Fact,
    FactKind,
    GuidanceRef,
    KitWarning,
    LeftOut,
    LeftOutReason,
    Passage,
    Plan,
    Purpose,
    Question,
    Source,
    Span,
)

MAX_QUESTION_CHARS = 700
MAX_FOLLOW_UP_CHARS = 300


@runtime_checkable
class QuestionCheck(Protocol):
    """An extra check from a plugin: return None to accept, or a reason to drop."""

    name: str

    def check(self, question: Question, analysis: Analysis) -> str | None: ...


@dataclass
class GuardReport:
    kept: list[Question]
    dropped: list[tuple[Question, str]] = field(default_factory=list)
    repaired: int = 0

    def reasons(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for _, reason in self.dropped:
            key = reason.split(":", 1)[0]
            counts[key] = counts.get(key, 0) + 1
        return counts


def _find_exact(text: str, quote: str) -> Span | None:
    """Where ``quote`` occurs in ``text``, allowing different whitespace; the span returned
    always slices ``text`` to the text as written."""
    at = text.find(quote)
    if at != -1:
        return Span(start=at, end=at + len(quote))
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text)
    return Span(start=m.start(), end=m.end()) if m else None


class Guard:
    """Checks a batch of drafts against one analysis; keeps state for duplicates."""

    def __init__(
        self,
        analysis: Analysis,
        passages: Sequence[Passage] = (),
        checks: Sequence[QuestionCheck] = (),
        jurisdiction: str = "US",
        blocked_spans: Sequence[Span] = (),
        allow_general: frozenset[Purpose] = GENERAL_PURPOSES,
    ) -> None:
        self.analysis = analysis
        self.facts: dict[str, Fact] = {f.id: f for f in analysis.facts}
        self.passages: dict[str, Passage] = {p.id: p for p in passages}
        self.checks = list(checks)
        self.jurisdiction = jurisdiction
        # Purposes whose questions may stand without resume evidence (general=True).
        self.allow_general = allow_general
        self.blocked = list(blocked_spans) + protected_spans(
            [p for p in analysis.protected if p.source is Source.resume]
        )
        self.accepted: list[Question] = []
        self.report = GuardReport(kept=self.accepted)
        self.warnings: list[KitWarning] = []

    # ------------------------------------------------------------------ public

    def offer(self, question: Question) -> Question | None:
        """Check one draft; return the (possibly repaired) question if it is kept."""
        reason = self._problem(question)
        if reason is not None:
            self.report.dropped.append((question, reason))
            return None
        self.accepted.append(question)
        return question

    def run(self, drafts: Sequence[Question], limit: int) -> GuardReport:
        for draft in drafts:
            if len(self.accepted) >= limit:
                self.report.dropped.append((draft, "over_count: more questions than asked for"))
                continue
            self.offer(draft)
        return self.report

    # ------------------------------------------------------------------ checks

    def _problem(self, q: Question) -> str | None:
        if not q.text.strip():
            return "empty: no question text"
        if len(q.text) > MAX_QUESTION_CHARS:
            return f"too_long: {len(q.text)} characters"
        q.follow_ups = [f for f in q.follow_ups if f.strip() and len(f) <= MAX_FOLLOW_UP_CHARS]
        topic = question_topic(
            " ".join([q.text, *q.follow_ups, q.strong_answer]), self.jurisdiction
        )
        if topic is not None:
            return f"protected_topic: {topic.value}"
        evidence = self._verified_evidence(q.evidence)
        if evidence is None:
            return "evidence_blocked: quotes a protected or hidden detail"
        q.evidence = evidence
        if not q.evidence and q.purpose not in self.allow_general:
            return "ungrounded: no evidence found in the inputs"
        q.general = not q.evidence
        q.guidance = [g for g in q.guidance if self._guidance_ok(g)]
        for other in self.accepted:
            if similarity(q.text, other.text) >= NEAR_DUPLICATE:
                return f"near_duplicate: of {other.id}"
            if (
                q.evidence
                and other.evidence
                and q.purpose is other.purpose
                and q.evidence[0].span == other.evidence[0].span
                and q.evidence[0].source == other.evidence[0].source
            ):
                return f"near_duplicate: same evidence and purpose as {other.id}"
        for check in self.checks:
            try:
                verdict = check.check(q, self.analysis)
            except Exception as exc:  # a plugin's bug must not take the kit down
                verdict = None
                self.warnings.append(
                    KitWarning(
                        code="plugin_check",
                        message=f"Question check '{getattr(check, 'name', '?')}' failed: {exc}",
                    )
                )
            if verdict:
                return f"check_{getattr(check, 'name', 'plugin')}: {verdict}"
        return None

    def _verified_evidence(self, evidence: list[Evidence]) -> list[Evidence] | None:
        kept: list[Evidence] = []
        blocked = False
        for ev in evidence:
            text = self.analysis.source_text(ev.source)
            if not ev.quote.strip() or not text:
                continue
            span = ev.span
            if span is None or text[span.start : span.end] != ev.quote:
                span = _find_exact(text, ev.quote)
                if span is None:
                    continue  # a quote that is not in the input is dropped, never shown
                self.report.repaired += 1
            quote = text[span.start : span.end]
            if ev.source is Source.resume and any(
                b.start < span.end and span.start < b.end for b in self.blocked
            ):
                blocked = True
                continue
            fact = self.facts.get(ev.fact_id)
            # A fact rests on its main span and on the other lines it names (where a
            # shown skill is listed, the second of two overlapping roles): quoting any of
            # them is grounded in that fact.
            if (
                fact is None
                or fact.source is not ev.source
                or not any(_overlaps(s, span) for s in [fact.span, *fact.also])
            ):
                fact = next(
                    (
                        f
                        for f in self.facts.values()
                        if f.source is ev.source and _overlaps(f.span, span)
                    ),
                    None,
                )
                if fact is None:
                    continue  # an unknown fact with no fact at that place: not grounded
                self.report.repaired += 1
            kept.append(
                Evidence(fact_id=fact.id, kind=fact.kind, quote=quote, source=ev.source, span=span)
            )
        if blocked and not kept:
            return None
        return kept

    def _guidance_ok(self, ref: GuidanceRef) -> bool:
        if not self.passages:
            return True
        passage = self.passages.get(ref.passage_id)
        if passage is None:
            return False
        ref.source, ref.heading = passage.source, passage.heading
        return True


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# How many left-out facts a kit lists: enough for a follow-up conversation, not a second kit.
ALSO_WORTH_ASKING = 6
# Kinds that are context rather than something to probe: a role line, a skill the resume
# shows in use, a requirement it meets.
_CONTEXT_KINDS = frozenset({FactKind.role, FactKind.skill_evidenced, FactKind.requirement_met})


def left_out(
    guard: Guard,
    questions: Sequence[Question],
    plan: Plan | None = None,
    limit: int = ALSO_WORTH_ASKING,
) -> list[LeftOut]:
    """The facts no question rests on, most in need of probing first, each with what
    asking it would tell the interviewer and why it was not asked. A fact on a protected
    or hidden line, or whose words touch a protected topic, is never listed: the list is
    advice on what to ask."""
    asked_ids = {e.fact_id for q in questions for e in q.evidence}
    # The round's purposes say which kinds of fact it asks about at all: a technical
    # round leaves a short stay to another round, whatever its priority.
    round_kinds = {k for s in plan.slots for k in s.fact_kinds} if plan else None
    by_id = {f.id: f for f in guard.analysis.facts}
    job_question: dict[str, str] = {}  # employer -> the first question probing that job
    for q in questions:
        for e in q.evidence:
            asked_fact = by_id.get(e.fact_id)
            if asked_fact is not None and asked_fact.organisation:
                job_question.setdefault(asked_fact.organisation.casefold(), q.id)
    asked = [(e.source, e.span) for q in questions for e in q.evidence if e.span is not None]
    out: list[LeftOut] = []
    for fact in sorted(guard.analysis.facts, key=lambda f: (-f.priority, f.id)):
        if len(out) >= limit:
            break
        if (
            fact.id in asked_ids
            or fact.kind in _CONTEXT_KINDS
            or any(src is fact.source and _overlaps(span, fact.span) for src, span in asked)
            or (
                fact.source is Source.resume and any(_overlaps(fact.span, b) for b in guard.blocked)
            )
            or question_topic(f"{fact.quote} {fact.summary}", guard.jurisdiction) is not None
        ):
            continue
        why = fact_specifics(fact.kind).why
        near = job_question.get((fact.organisation or "").casefold())
        if round_kinds is not None and fact.kind not in round_kinds:
            reason = LeftOutReason.not_this_round
        elif near is not None:
            reason = LeftOutReason.job_already_asked
        else:
            reason = LeftOutReason.ranked_lower
        out.append(
            LeftOut(
                fact_id=fact.id,
                kind=fact.kind,
                source=fact.source,
                quote=fact.quote,
                summary=fact.summary,
                why=why[0] if why else "",
                reason=reason,
                near_question=near if reason is LeftOutReason.job_already_asked else None,
            )
        )
    return out
