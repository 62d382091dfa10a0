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

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..analysis.career_change import title_field
from ..analysis.fact_building import month_label
from ..analysis.fact_links import PHRASE_FROM_NOTE, adjacent, note_mentions
from ..analysis.resume_facts import role_field
from ..analysis.resume_text import content_words
from ..models import (
    Analysis,
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
from ..planning.selection import choose_leads
from ..settings import Settings
from .follow_up_probes import probe_follow_up
from .generator import GenerationRequest, GenerationResult, Generator
from .patterns import (
    bank,
    fact_specifics,
    group_briefs,
    stable_offset,
    task_for,
)
from .voice import KitVoice
from .wording import _Values, named_tool, org_name, requirement_clause, short_clause, tidy

# Question words: guidance matches a question on what it is about, not on "how" or "what".
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


# A task's {skill} when no tool is named: singular, since tasks say "how {skill} helps".
_SKILL_GAPS = frozenset({FactKind.skill_unevidenced, FactKind.requirement_missing})
# Facts about one named skill from both sides: what the job asks and what the resume
# shows. A question on one carries the others for the same skill as evidence.
_SKILL_SIDES = _SKILL_GAPS | {FactKind.skill_evidenced, FactKind.requirement_met}
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
        self.analysis: Analysis = request.analysis
        self.round = request.plan.round
        self.used: set[str] = set(used_fact_ids)
        self.used_spans: set[tuple[str, int, int]] = set()
        patterns = [p for p in request.round_patterns if isinstance(p, QuestionPattern)]
        self.patterns: list[QuestionPattern] = patterns + bank()
        self.pattern_uses: dict[str, int] = defaultdict(int)
        # What the kit has said already, so later questions neither repeat an employer's
        # name nor carry the same follow-up, rubric or reason as an earlier one.
        # Questions already in the kit (when filling a shortfall) count as said.
        self.voice = KitVoice(avoid)
        self.kit_seed = self.analysis.document.text[:500]
        self.job_title = self._job_title()
        # Exercises fit the job being hired for: the job description's title says its
        # field; without one, the latest job that says what it is (a side job may not).
        job = self.analysis.job
        fields = [title_field(job.title or "")] if job else []
        fields += [role_field(r) for r in self.analysis.resume.roles[:3]]
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

    # ------------------------------------------------------------------ assignment

    def _accepts(self, slot: PlanSlot, fact: Fact) -> bool:
        return fact.kind in slot.fact_kinds and self._pattern(slot, fact, peek=True) is not None

    def _assign(self, positions: list[_Position]) -> None:
        facts = [f for f in self.analysis.facts if f.id not in self.used and not self._span_used(f)]
        # Pass 1: each position's leading fact, spread over roles and kinds (selection.py).
        leads = choose_leads(
            [p.slot for p in positions],
            facts,
            lambda i, f: self._accepts(positions[i].slot, f),
            lambda i, f: self._wordings(positions[i].slot, f),
        )
        for pos, lead in zip(positions, leads, strict=True):
            if lead is not None:
                self._take(pos, lead[0])
                for packed in lead[1]:
                    pos.extra.append(packed)
                    self.used.add(packed.id)
        # Pass 2: attach related facts as extra evidence.
        for pos in positions:
            if pos.fact is not None:
                self._attach(pos, facts)

    def _span_used(self, fact: Fact) -> bool:
        return (fact.source.value, fact.span.start, fact.span.end) in self.used_spans

    def available(self, fact: Fact) -> bool:
        return fact.id not in self.used and not self._span_used(fact)

    def claim(self, fact: Fact) -> None:
        self.used.add(fact.id)
        self.used_spans.add((fact.source.value, fact.span.start, fact.span.end))

    def follow_up_values(self, fact: Fact) -> _Values:
        return self._values(fact, [], lead=False)

    def _take(self, pos: _Position, fact: Fact) -> None:
        pos.fact = fact
        self.claim(fact)

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
        limit = 5 if primary.kind is FactKind.skill_unevidenced else 2
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
                    and other.kind
                    in (_SKILL_SIDES if primary.kind in _SKILL_SIDES else _SKILL_GAPS)
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
        offset = stable_offset(self.kit_seed, *key)
        chosen = min(
            enumerate(top),
            key=lambda ip: (self.pattern_uses[ip[1].id], (ip[0] - offset) % len(top)),
        )[1]
        self.pattern_uses[chosen.id] += 1
        return chosen

    def _wordings(self, slot: PlanSlot, fact: Fact) -> int:
        # Only the best-ranked patterns are ever chosen (_pattern).
        ranks = [self._rank(p) for p in self._patterns_for(slot, fact, False)]
        return ranks.count(min(ranks)) if ranks else 0

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

    def _values(self, fact: Fact | None, extra: list[Fact], lead: bool = True) -> _Values:
        v = _Values(job_title=self.job_title, brief=self._group_brief())
        if fact is None:
            v["task"] = task_for(self.field, self._job_skill())
            return v
        d = fact.data
        org = org_name(fact.organisation) if fact.organisation else None
        first_mention = self.voice.first_mention(fact)
        if lead:  # a follow-up's values need no opening, and must not turn the rotation
            v["lead"] = self.voice.lead(fact)
        v["clause"] = short_clause(fact.quote, 90)
        if org:
            v["org"] = org
            # Named again when the title alone would not say which job ("Software
            # Engineer" at two employers).
            same_title = sum(
                1 for r in self.analysis.resume.roles if r.title and r.title == fact.role_title
            )
            v["at_org"] = f" at {org}" if first_mention or same_title > 1 else ""
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
        # A question names at most two skills; the rest of a list goes to a follow-up.
        skills = [f.skill for f in [fact, *extra] if f.skill]
        if len(skills) >= 2:
            v["skills"] = f"{skills[0]} and {skills[1]}"
        if len(skills) > 2:
            rest = skills[2:6]
            v["other_skills"] = (
                ", ".join(rest[:-1]) + f" and {rest[-1]}" if len(rest) > 1 else rest[0]
            )
        if d.get("team"):
            v["team"] = str(d["team"])
        if d.get("metric"):
            v["metric"] = str(d["metric"])
        if isinstance(d.get("months"), int):
            months = int(d["months"])  # type: ignore[arg-type]
            v["months"] = f"{months} months" if months < 24 else f"{round(months / 12)} years"
        for src, dst in (("from_label", "gap_from"), ("to_label", "gap_to")):
            if d.get(src):
                v[dst] = str(d[src])
        # A gap's bounding employers are named unless the kit named them already; then
        # "your previous role (Feb 2019)" says it without the mail-merge.
        for src, dst in (("after", "after_org"), ("before", "before_org")):
            if d.get(src) and org_name(str(d[src])).lower() not in self.voice.named_orgs:
                v[dst] = org_name(str(d[src]))
        if d.get("reason"):
            v["reason"] = str(d["reason"])
        if fact.kind is FactKind.gap and d.get("open_ended"):
            v["gap_from"] = str(d.get("from_label") or "")
        if fact.kind in {FactKind.requirement_met, FactKind.requirement_missing}:
            v["requirement"] = requirement_clause(fact.quote)
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
        v["task"] = task_for(self.field, skill if skill and named_tool(skill) else None)
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
            # Imported here: concerns come from interview notes, which most kits lack.
            from ..analysis.note_topics import notes_topic

            values["topic"] = notes_topic(fact.quote)
        text = tidy(pattern.text.format_map(values))
        if self.voice.repeats(text):
            # Two facts of a kind (two team claims) must not get the same question with
            # other numbers: take the first form that does not repeat one the kit has.
            for variant in self._patterns_for(slot, phrasing, grouped):
                candidate = tidy(variant.text.format_map(values))
                if not self.voice.repeats(candidate):
                    pattern, text = variant, candidate
                    break
        specific = fact_specifics(phrasing.kind) if phrasing is not None else None
        own = [tidy(f.format_map(values)) for f in pattern.follow_ups]
        kind_follow_ups = self.voice.filled(specific.follow_ups if specific else [], values)
        probe = (
            probe_follow_up(self, phrasing, slot.purpose, pos.extra)
            if phrasing is not None
            else None
        )
        first: list[str] = []
        if probe is not None:
            probe_fact, probe_text = probe
            if probe_fact not in pos.extra:
                pos.extra.append(probe_fact)
            first.append(probe_text)
        # The fact's own follow-up (a number: how it was measured) goes ahead of the
        # form's generic ones; anything the kit already asked is skipped.
        follow_ups = self.voice.fresh([*first, *kind_follow_ups[:1], *own, *kind_follow_ups[1:]], 3)
        strong = self.voice.fresh_one(
            tidy(pattern.strong_answer.format_map(values)),
            self.voice.filled(specific.strong if specific else [], values),
        )
        rationale = self.voice.fresh_one(
            tidy(pattern.rationale.format_map(values)),
            self.voice.filled(specific.why if specific else [], values),
        )
        self.voice.heard(text, phrasing, self.analysis.resume.roles)
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
            guidance=self.guidance_refs(slot.purpose, text),
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

    def guidance_refs(self, purpose: Purpose, text: str) -> list[GuidanceRef]:
        passages: list[Passage] = self.request.guidance.get(purpose.value, [])
        if not passages:
            return []
        words = content_words(text, _STOP)
        # Guidance written for this round (e.g. by the plugin that adds it) comes first.
        best = max(
            passages,
            key=lambda p: (
                len(words & content_words(p.text, _STOP))
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
    composer_drafts = True

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        composer = Composer(request)
        return GenerationResult(questions=composer.compose())


def compose_fill(
    request: GenerationRequest,
    used_fact_ids: Iterable[str],
    slots: Sequence[PlanSlot],
    avoid: Sequence[str] = (),
    earlier: Sequence[Question] = (),
) -> list[Question]:
    """Questions for ``slots`` that avoid facts already used and questions already asked
    (``avoid``: their texts; ``earlier``: the questions, whose follow-ups, rubrics and
    employers are then not repeated either): how a shortfall is filled."""
    composer = Composer(request, used_fact_ids, avoid)
    composer.voice.recall(earlier, request.analysis.resume.roles)
    return composer.compose(slots)
