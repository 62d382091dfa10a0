"""Stage 5 (offline): the grounded composer. Plan + facts + guidance -> questions.

Deterministic: the same inputs give the same kit. It works in three passes:

1. *assign*: facts, most in need of probing first, each take the open plan position
   whose purpose wants that kind of fact most, so gaps, concerns and missing
   requirements are never crowded out by easy material;
2. *attach*: related facts ride along as extra evidence (three unevidenced skills in
   one question, a short stay beside the gap before it), which is how an interviewer
   covers more ground without asking more questions;
3. *phrase*: a pattern for the purpose and fact kind is filled with the candidate's own
   words, and the best-matching guidance passage is cited.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..analysis.fact_building import month_label
from ..analysis.fact_links import PHRASE_FROM_NOTE, adjacent, collapse, note_mentions, notes_topic
from ..analysis.resume_facts import role_field
from ..models import (
    Advice,
    Analysis,
    Audience,
    Evidence,
    Fact,
    FactKind,
    GuidanceRef,
    Passage,
    PlanSlot,
    Purpose,
    Question,
    QuestionPattern,
    Role,
)
from ..settings import Settings
from .generator import GenerationRequest, GenerationResult, Generator
from .patterns import (
    bank,
    candidate_question_for_requirement,
    candidate_questions,
    cross_probes,
    group_briefs,
    probes,
    tasks,
)
from .similarity import NEAR_DUPLICATE, similarity
from .wording import _Values, lead_for, short_clause, tidy

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.'-]*")
_STOP = frozenset(
    """the a an and or of to in on for with at by from as is are was were be been you your
    what how why which who when where that this it its their them they we our i me my
    did do does have has had about into than then there these those would could should
    will can""".split()
)


@dataclass
class _Position:
    slot: PlanSlot
    slot_index: int
    fact: Fact | None = None
    extra: list[Fact] = field(default_factory=list)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _stable(*parts: str) -> int:
    return int(hashlib.sha1("|".join(parts).encode()).hexdigest()[:8], 16)


def _named_tool(skill: str) -> bool:
    """Tools and languages make a practical task; "stakeholder management" or "vendor
    negotiation" does not."""
    from ..analysis.skills_lexicon import skill_lexicon

    return (
        bool(skill_lexicon().tools_in(skill))
        # A capital inside a word names a product (GitHub, PyTorch, AWS); "P&L" does not.
        or any(w.isalnum() and any(c.isupper() for c in w[1:]) for w in skill.split())
        or (skill[:1].isupper() and " " not in skill)
    )


_SKILL_GAPS = frozenset({FactKind.skill_unevidenced, FactKind.requirement_missing})
# The kinds :func:`adjacent` can link (a gap to the stay or note beside it).
_STAY_LINKED = frozenset({FactKind.gap, FactKind.short_tenure, FactKind.concern})


class Composer:
    """Builds questions for a request. One instance per kit (it tracks what is used)."""

    def __init__(
        self,
        request: GenerationRequest,
        used_fact_ids: Iterable[str] = (),
        avoid: Sequence[str] = (),
    ) -> None:
        self.request = request
        # Questions already in the kit (when filling a shortfall): never repeat them.
        self.avoid = list(avoid)
        self.analysis: Analysis = request.analysis
        self.round = request.plan.round
        self.used: set[str] = set(used_fact_ids)
        self.used_spans: set[tuple[str, int, int]] = set()
        patterns = [p for p in request.round_patterns if isinstance(p, QuestionPattern)]
        self.patterns: list[QuestionPattern] = patterns + bank()
        self.pattern_uses: dict[str, int] = defaultdict(int)
        self.kit_seed = self.analysis.document.text[:500]
        self.job_title = self._job_title()
        # The field of the latest job that says what it is (a side job may say nothing).
        fields = (role_field(r) for r in self.analysis.resume.roles[:3])
        self.field = next((f for f in fields if f), None) or "general"

    # ------------------------------------------------------------------ public

    def compose(self, slots: Sequence[PlanSlot] | None = None) -> list[Question]:
        slots = list(slots if slots is not None else self.request.plan.slots)
        positions = [
            _Position(slot=s, slot_index=i) for i, s in enumerate(slots) for _ in range(s.count)
        ]
        self._assign(positions)
        questions: list[Question] = []
        for pos in positions:
            q = self._question(pos, len(questions) + 1)
            if q is not None:
                questions.append(q)
        return questions

    def preparation(self) -> list[Advice]:
        # Retrieval falls back to any passage when candidate guidance runs short; advice
        # to a candidate must still be written for a candidate.
        passages = [
            p
            for p in self.request.guidance.get("_candidate", [])
            if p.audience in {"candidate", "both"}
        ]
        advice = []
        for p in passages[:5]:
            text = collapse(p.text)
            text = re.sub(r"^#+\s*", "", text)
            advice.append(
                Advice(
                    text=text[:600],
                    guidance=[GuidanceRef(passage_id=p.id, source=p.source, heading=p.heading)],
                )
            )
        return advice

    def questions_to_ask(self) -> list[Question]:
        values = _Values(job_title=self.job_title)
        texts = [t.format_map(values) for t in candidate_questions()[:4]]
        job = self.analysis.job
        if job:
            for req in job.requirements[:2]:
                texts.append(
                    candidate_question_for_requirement().format_map(
                        _Values(requirement=short_clause(req.text, 90))
                    )
                )
        guidance = self._guidance_refs(Purpose.candidate_question, " ".join(texts))
        return [
            Question(
                id=f"ask{n}",
                text=t,
                round=self.round,
                purpose=Purpose.candidate_question,
                general=True,
                rationale="A question for the candidate to ask the employer.",
                guidance=guidance,
                minutes=2,
            )
            for n, t in enumerate(texts, 1)
        ]

    # ------------------------------------------------------------------ assignment

    def _accepts(self, slot: PlanSlot, fact: Fact) -> bool:
        return fact.kind in slot.fact_kinds and self._pattern(slot, fact, peek=True) is not None

    def _assign(self, positions: list[_Position]) -> None:
        facts = [f for f in self.analysis.facts if f.id not in self.used]
        # Pass 1: most important facts first, each to the open position that wants it most.
        for fact in facts:
            if self._span_used(fact):
                continue
            open_ = [p for p in positions if p.fact is None and self._accepts(p.slot, fact)]
            if not open_:
                continue
            best = min(
                open_,
                key=lambda p: (p.slot.fact_kinds.index(fact.kind), -self._open_in(positions, p)),
            )
            self._take(best, fact)
        # Pass 2: attach related facts as extra evidence.
        for pos in positions:
            if pos.fact is not None:
                self._attach(pos, facts)

    def _open_in(self, positions: list[_Position], pos: _Position) -> int:
        return sum(1 for p in positions if p.slot_index == pos.slot_index and p.fact is None)

    def _span_used(self, fact: Fact) -> bool:
        return (fact.source.value, fact.span.start, fact.span.end) in self.used_spans

    def _take(self, pos: _Position, fact: Fact) -> None:
        pos.fact = fact
        self.used.add(fact.id)
        self.used_spans.add((fact.source.value, fact.span.start, fact.span.end))

    def _attach(self, pos: _Position, facts: list[Fact]) -> None:
        # Two rounds, so a fact linked through another extra (a note -> the short stay it
        # mentions -> the gap after that stay) can join too.
        for _ in range(2):
            self._attach_once(pos, facts)

    def _attach_once(self, pos: _Position, facts: list[Fact]) -> None:
        primary = pos.fact
        assert primary is not None
        # A list of unevidenced skills is asked about in one go ("which of these could
        # you use from day one?"), so that question carries more of them.
        limit = 6 if primary.kind is FactKind.skill_unevidenced else 2
        # This runs for every position against every fact: the cheap tests go first.
        where = (primary.source, primary.span.start, primary.span.end)
        skill = primary.skill.lower() if primary.skill is not None else None
        group_skills = (
            primary.kind is FactKind.skill_unevidenced
            and pos.slot.purpose is Purpose.validate_skill
        )
        for other in facts:
            if len(pos.extra) >= limit:
                return
            if other.id in self.used:
                continue
            attach = (
                (other.source, other.span.start, other.span.end) == where
                or (group_skills and other.kind is FactKind.skill_unevidenced)
                or (
                    skill is not None
                    and other.skill is not None
                    and other.kind in _SKILL_GAPS
                    and other.skill.lower() == skill
                )
                or (
                    other.kind in _STAY_LINKED
                    and any(adjacent(f, other) or adjacent(other, f) for f in [primary, *pos.extra])
                )
                or (primary.kind is FactKind.concern and note_mentions(primary, other))
            )
            if attach:
                pos.extra.append(other)
                self.used.add(other.id)

    # ------------------------------------------------------------------ phrasing

    def _patterns_for(
        self, slot: PlanSlot, fact: Fact | None, grouped: bool
    ) -> list[QuestionPattern]:
        """Every pattern that can phrase this fact (or a fact-less question) for this slot."""
        kind = fact.kind if fact else None
        return [
            p
            for p in self.patterns
            if p.purpose is slot.purpose
            and not (p.rounds and self.round not in p.rounds)
            and not (p.asked_by and slot.asked_by not in p.asked_by)
            and ((kind in p.fact_kinds) if kind is not None else not p.fact_kinds)
            and self._when_ok(p, fact, grouped)
        ]

    def _pattern(
        self, slot: PlanSlot, fact: Fact | None, peek: bool = False, grouped: bool = False
    ) -> QuestionPattern | None:
        candidates = self._patterns_for(slot, fact, grouped)
        if not candidates:
            return None
        if peek:
            return candidates[0]
        # Round-specific and narrower patterns first; among equals, the one this kit has
        # used least (so two similar facts never get the same wording while another
        # exists), the starting point differing from kit to kit.
        best_rank = min(self._rank(p) for p in candidates)
        top = [p for p in candidates if self._rank(p) == best_rank]
        key = (slot.purpose.value, fact.kind.value if fact else "-")
        offset = _stable(self.kit_seed, *key)
        chosen = min(
            enumerate(top),
            key=lambda ip: (self.pattern_uses[ip[1].id], (ip[0] - offset) % len(top)),
        )[1]
        self.pattern_uses[chosen.id] += 1
        return chosen

    def _rank(self, p: QuestionPattern) -> int:
        return (0 if p.rounds else 2) + (0 if p.asked_by else 1) - (1 if p.when else 0)

    @staticmethod
    def _when_ok(p: QuestionPattern, fact: Fact | None, grouped: bool) -> bool:
        for key, wanted in p.when.items():
            if key == "grouped":
                have: object = grouped
            elif fact is None:
                return False
            else:
                have = fact.data.get(key)
            if isinstance(wanted, bool):
                if bool(have) != wanted:
                    return False
            elif have != wanted:
                return False
        return True

    def _values(self, fact: Fact | None, extra: list[Fact]) -> _Values:
        v = _Values(job_title=self.job_title, brief=self._group_brief())
        if fact is None:
            v["task"] = (
                tasks()
                .get(self.field, tasks()["general"])
                .format_map(_Values(skill=self._job_skill() or "the main tools of the role"))
            )
            return v
        d = fact.data
        v["lead"] = lead_for(fact)
        v["clause"] = short_clause(fact.quote)
        if fact.organisation:
            v["org"] = fact.organisation
            v["at_org"] = f" at {fact.organisation}"
        if fact.role_title:
            v["title"] = fact.role_title
        elif fact.organisation:
            v["title"] = "your role"
        role = self._role_for(fact)
        if role is not None:
            start, end = month_label(role.start), month_label(role.end)
            v["tenure"] = f"since {start}" if role.current else f"from {start} to {end}"
        skill = fact.skill or self._job_skill()
        if skill:
            v["skill"] = skill
        skills = [f.skill for f in [fact, *extra] if f.skill]
        if len(skills) >= 2:
            v["skills"] = ", ".join(skills[:-1]) + f" and {skills[-1]}"
        if d.get("metric"):
            v["metric"] = str(d["metric"])
        if isinstance(d.get("months"), int):
            months = int(d["months"])  # type: ignore[arg-type]
            v["months"] = f"{months} months" if months < 24 else f"{round(months / 12)} years"
        for src, dst in (("from_label", "gap_from"), ("to_label", "gap_to")):
            if d.get(src):
                v[dst] = str(d[src])
        if d.get("after"):
            v["after_org"] = str(d["after"])
        if d.get("before"):
            v["before_org"] = str(d["before"])
        if d.get("reason"):
            v["reason"] = str(d["reason"])
        if fact.kind is FactKind.gap and d.get("open_ended"):
            v["gap_from"] = str(d.get("from_label") or "")
        if fact.kind in {FactKind.requirement_met, FactKind.requirement_missing}:
            v["requirement"] = short_clause(fact.quote, 110)
        if fact.kind is FactKind.certification:
            v["cert"] = str(d.get("name") or short_clause(fact.quote, 80))
        if fact.kind is FactKind.project:
            name = str(d.get("name") or "")
            # A "name" that is only a year or a number ("2021") names nothing.
            v["project"] = name if re.search(r"[^\W\d_]", name) else short_clause(fact.quote, 80)
        if fact.kind is FactKind.education:
            v["qualification"] = str(
                d.get("qualification") or d.get("institution") or short_clause(fact.quote, 80)
            )
        if d.get("from_field"):
            v["field_from"] = str(d["from_field"])
        if d.get("to_field"):
            v["field_to"] = str(d["to_field"])
        if d.get("other"):
            v["other"] = str(d["other"])
        if d.get("previous_title"):
            v["previous_title"] = str(d["previous_title"])
        task_skill = skill if skill and _named_tool(skill) else "the main tools of the role"
        v["task"] = (
            tasks().get(self.field, tasks()["general"]).format_map(_Values(skill=task_skill))
        )
        return v

    def _question(self, pos: _Position, number: int) -> Question | None:
        fact = pos.fact
        slot = pos.slot
        grouped = bool(
            fact is not None
            and fact.kind is FactKind.skill_unevidenced
            and any(e.kind is FactKind.skill_unevidenced for e in pos.extra)
        )
        # An interviewer's note is evidence for the interviewer, not words to read out: when
        # it points at something in the resume, the question is phrased from that.
        phrasing = fact
        if fact is not None and fact.kind is FactKind.concern:
            linked = [
                e for e in pos.extra if e.source is not fact.source and e.kind in PHRASE_FROM_NOTE
            ]
            for link in linked:
                if self._pattern(slot, link, peek=True) is not None:
                    phrasing = link
                    break
        pattern = self._pattern(slot, phrasing, grouped=grouped)
        if pattern is None:
            return None
        values = self._values(phrasing, [e for e in pos.extra if e is not phrasing])
        if fact is not None and fact.kind is FactKind.concern:
            values["topic"] = notes_topic(fact.quote)
        if self.avoid:
            # Filling a shortfall: take the first variant that does not repeat a question
            # the kit already has.
            for variant in self._patterns_for(slot, phrasing, grouped):
                text = tidy(variant.text.format_map(values))
                if all(similarity(text, other) < NEAR_DUPLICATE for other in self.avoid):
                    pattern = variant
                    break
        text = tidy(pattern.text.format_map(values))
        follow_ups = [tidy(f.format_map(values)) for f in pattern.follow_ups][:3]
        strong = tidy(pattern.strong_answer.format_map(values))
        rationale = tidy(pattern.rationale.format_map(values))
        if fact is not None and fact.summary:
            rationale = f"{fact.summary.rstrip('.')}. {rationale}"
        probe = self._probe(phrasing, pos) if phrasing is not None else None
        if probe is not None:
            probe_fact, probe_text = probe
            pos.extra.append(probe_fact)
            follow_ups = [probe_text, *follow_ups][:3]
        evidence = self._evidence(([fact] if fact else []) + pos.extra)
        return Question(
            id=f"q{number}",
            text=text,
            round=self.round,
            purpose=slot.purpose,
            evidence=evidence,
            general=not evidence,
            rationale=rationale,
            follow_ups=follow_ups,
            strong_answer=strong,
            guidance=self._guidance_refs(slot.purpose, text),
            asked_by=slot.asked_by,
            minutes=pattern.minutes or slot.minutes_each,
            rating_scale=[
                anchor.model_copy(
                    update={"description": tidy(anchor.description.format_map(values))}
                )
                for anchor in pattern.rating_scale
            ],
        )

    # ------------------------------------------------------------------ helpers

    def _evidence(self, facts: list[Fact]) -> list[Evidence]:
        evidence: list[Evidence] = []
        for f in facts:
            text = self.analysis.source_text(f.source)
            for span in [f.span, *f.also]:
                # Two facts can rest on the same words (an achievement that is also a
                # leadership claim): show the words once.
                if any(e.source is f.source and e.span == span for e in evidence):
                    continue
                evidence.append(
                    Evidence(
                        fact_id=f.id,
                        kind=f.kind,
                        quote=text[span.start : span.end],
                        source=f.source,
                        span=span,
                    )
                )
        return evidence

    def _probe(self, fact: Fact, pos: _Position) -> tuple[Fact, str] | None:
        """A follow-up on another line from the same role: how an interviewer who has read
        the resume keeps digging without asking a new question. Questions about listed
        skills probe a certification; motivation questions probe the candidate's studies."""
        cross = next(
            (
                c
                for c in cross_probes()
                if c.purpose is pos.slot.purpose and c.when_fact is fact.kind
            ),
            None,
        )
        if cross is not None:
            for other in self.analysis.facts:
                if (
                    other.kind is cross.probe_fact
                    and other.id not in self.used
                    and not self._span_used(other)
                ):
                    self.used.add(other.id)
                    self.used_spans.add((other.source.value, other.span.start, other.span.end))
                    values = _Values(clause=short_clause(other.quote, 90))
                    return other, cross.text.format_map(values)
        if fact.organisation is None or fact.source.value != "resume":
            return None
        taken = {(f.span.start, f.span.end) for f in [fact, *pos.extra]}
        for other in self.analysis.facts:
            if (
                other.id in self.used
                or other.kind not in probes()
                or other.organisation != fact.organisation
                or other.role_title != fact.role_title
                or (other.span.start, other.span.end) in taken
                or self._span_used(other)
            ):
                continue
            values = _Values(clause=short_clause(other.quote, 100), skill=other.skill or "")
            self.used.add(other.id)
            self.used_spans.add((other.source.value, other.span.start, other.span.end))
            return other, probes()[other.kind].format_map(values)
        return None

    def _guidance_refs(self, purpose: Purpose, text: str) -> list[GuidanceRef]:
        passages: list[Passage] = self.request.guidance.get(purpose.value, [])
        if not passages:
            return []
        words = _content_words(text)
        # Guidance written for this round (e.g. by the plugin that adds it) comes first.
        best = max(
            passages,
            key=lambda p: (
                len(words & _content_words(p.text))
                + 5 * p.score
                + (3 if self.round in p.rounds else 0),
                p.id,
            ),
        )
        return [GuidanceRef(passage_id=best.id, source=best.source, heading=best.heading)]

    def _role_for(self, fact: Fact) -> Role | None:
        for role in self.analysis.resume.roles:
            if role.organisation == fact.organisation and role.title == fact.role_title:
                return role
        return None

    def _job_title(self) -> str:
        job = self.analysis.job
        if job and job.title and len(job.title) <= 60 and not job.title.endswith("."):
            title = re.sub(r"^(?:job title|position|role)\s*:\s*", "", job.title, flags=re.I)
            return f"the {title} role"
        return "this role"

    def _job_skill(self) -> str | None:
        job = self.analysis.job
        return job.skills[0] if job and job.skills else None

    def _group_brief(self) -> str:
        briefs = group_briefs()
        return briefs.get(self.field, briefs["general"])


class OfflineComposer(Generator):
    """The default generator: no model, no network, deterministic."""

    name = "offline"
    description = "Grounded composer: question patterns filled with the resume's own words."

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        composer = Composer(request)
        return GenerationResult(questions=composer.compose())


def compose_fill(
    request: GenerationRequest,
    used_fact_ids: Iterable[str],
    slots: Sequence[PlanSlot],
    avoid: Sequence[str] = (),
) -> list[Question]:
    """Questions for ``slots`` that avoid facts already used and questions already asked:
    how a shortfall is filled."""
    return Composer(request, used_fact_ids, avoid).compose(slots)


def candidate_extras(request: GenerationRequest) -> tuple[list[Advice], list[Question]]:
    if request.audience is not Audience.candidate:
        return [], []
    composer = Composer(request)
    return composer.preparation(), composer.questions_to_ask()
