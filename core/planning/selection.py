"""Stage 3, planning: which analysed facts the kit's questions rest on, and in what order.

The analysis says how much each fact needs probing on its own; a kit of a dozen
questions must also choose among thirty or forty of them the way a hiring manager
would: open concerns and missing must-haves first, the biggest measured results before
a line that only states a scope, and a spread over the candidate's jobs and over kinds
of evidence rather than three questions on one employer's bullets. This module does
that choosing, for any generator:

- :func:`ranked_for_kit` re-ranks the analysis (the order the composer, the model prompt
  and the "also worth asking" list all follow) and sets aside facts whose own words
  would make a question touch a protected topic;
- :func:`choose_leads` gives each planned question its leading fact, spreading them
  over roles and, within a purpose, over kinds of fact.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from ..analysis.protected import question_topic
from ..models import Analysis, Fact, FactKind, PlanSlot, Purpose, Source

# A measured result ("cut decision time from 2 days to under 4 minutes", "closed $2.4M
# in new ARR", "112% of quota") says more about the candidate than a line that states a
# scope ("own cards for 1.3M customers", "carry a $900K quota"): it is the claim a second
# round verifies first. The words are general verbs of change and of winning.
_RESULT_VERB = re.compile(
    r"\b(?:cut|cutting|reduc\w*|lower\w*|decreas\w*|dropp?\w*|shrank|shrunk|shorten\w*|"
    r"grew|grow\w*|increas\w*|rais\w*|boost\w*|improv\w*|lift\w*|doubl\w*|tripl\w*|"
    r"halv\w*|sav\w*|accelerat\w*|sped|speed\w*|eliminat\w*|recover\w*|generat\w*|"
    r"clos\w*|won|win\w*|sold|sign\w*|secur\w*|exceed\w*|achiev\w*|beat|hit|landed|"
    r"delivered|rose|fell|expand\w*)\b",
    re.IGNORECASE,
)
# A share of a target, or a rate of a measured outcome, is a result even without a verb
# ("112% of quota", "99.97% balancing accuracy", "NPS of 62").
_OF_TARGET = re.compile(
    r"\d\s?%\s+(?:of|to|against|vs\.?)\s+(?:the\s+|my\s+|our\s+)?(?:annual\s+)?"
    r"(?:quota|target|goal|plan|budget|forecast)\b"
    r"|\d\s?%\s+(?:\w+\s+)?(?:accuracy|retention|satisfaction|uptime|availability|"
    r"conversion|attainment|compliance|on-time|adherence|pass rate|success rate|yield)\b"
    r"|\b(?:NPS|CSAT|satisfaction score)\s+(?:of\s+)?\d",
    re.IGNORECASE,
)
_BEFORE_AFTER = re.compile(r"\bfrom\s+\S*\d.{0,40}?\bto\s+(?:under\s+|below\s+|over\s+)?\S*\d")
_RESULT_NUMBER = re.compile(
    r"\d\s?(?:%|percent\b|pp\b|x\b|×)|[$£€₹¥]\s?\d|\b(?:doubled|tripled|halved)\b", re.I
)
RESULT_BONUS = 0.5
BEFORE_AFTER_BONUS = 0.3
SCOPE_ONLY = -0.5

# A lead from a role that already leads other questions counts for this much less per
# question: the third bullet from one job rarely tells more than the first from another.
ROLE_REPEAT = 0.35
# Within one purpose, each earlier lead of the same kind costs this much: the second
# validation question is worth more on a shown skill or a requirement than on a second
# list of unshown ones.
KIND_REPEAT = 0.6


def _kind_repeat(fact: Fact) -> float:
    # Each concern a first interviewer wrote down is its own open point, passed on for
    # this round to settle: the fourth is no less worth asking than the first, so notes
    # concerns are not spread out like a second list of unshown skills.
    return 0.0 if fact.kind is FactKind.concern and fact.source is Source.notes else KIND_REPEAT


# Kinds that speak for one job (the others are about the whole resume or the job).
_ROLE_KINDS = frozenset(
    {
        FactKind.achievement,
        FactKind.unquantified_claim,
        FactKind.leadership_claim,
        FactKind.promotion,
        FactKind.skill_evidenced,
        FactKind.role,
        FactKind.project,
    }
)


# The kinds whose questions dig into one job's work: a third on one job is what the
# spread avoids. A role's own line or its promotion leads a question about the move.
_PROBING = _ROLE_KINDS - {FactKind.role, FactKind.promotion}


def result_strength(fact: Fact) -> float:
    """How far a quantified claim reads as a measured result (up) or as a scope (down)."""
    if fact.kind is not FactKind.achievement:
        return 0.0
    quote = fact.quote
    if _OF_TARGET.search(quote):
        return RESULT_BONUS
    if not _RESULT_VERB.search(quote):
        return SCOPE_ONLY
    strength = 0.0
    if _RESULT_NUMBER.search(quote) or _BEFORE_AFTER.search(quote):
        strength += RESULT_BONUS
    if _BEFORE_AFTER.search(quote):
        strength += BEFORE_AFTER_BONUS
    return strength


def kit_priority(fact: Fact) -> float:
    """The fact's priority for a kit: the analysis's, plus what a measured result adds."""
    return round(fact.priority + result_strength(fact), 3)


def askable(fact: Fact, jurisdiction: str) -> bool:
    """Whether a question may quote or name this fact: its words touch no protected topic.
    A listed skill or note that does ("menopause clinics") would sink every question it
    joined, so it neither leads nor rides along."""
    return question_topic(f"{fact.quote} {fact.skill or ''}", jurisdiction) is None


def ranked_for_kit(analysis: Analysis, jurisdiction: str) -> tuple[Analysis, Analysis]:
    """Two views of the analysis: every fact re-ranked for the kit (what the guardrails
    and the "also worth asking" list read), and the same without the facts no question
    may rest on (what a generator is given)."""
    facts = [
        f.model_copy(update={"priority": kit_priority(f)}) if result_strength(f) else f
        for f in analysis.facts
    ]
    facts.sort(key=lambda f: (-f.priority, f.source.value, f.span.start))
    ranked = analysis.model_copy(update={"facts": facts})
    usable = [f for f in facts if askable(f, jurisdiction)]
    return ranked, analysis.model_copy(update={"facts": usable})


def role_key(fact: Fact) -> tuple[str, str] | None:
    """Which job a fact speaks for, or None for facts about the whole resume."""
    if fact.source is not Source.resume or fact.kind not in _ROLE_KINDS:
        return None
    if fact.organisation is None and fact.role_title is None:
        return None
    return (fact.organisation or "", fact.role_title or "")


# A promotion and a leadership claim from the same job are one story (what earned the
# step, what the bigger remit held): one question asks about both and quotes both, and
# the question it saves goes to other material.
_CAREER_STEP = frozenset({FactKind.promotion, FactKind.leadership_claim})
# How many facts one question carries besides its lead this way: two skills or two
# claims is what a question of about forty words can probe.
PACK_LIMIT = 1


def _lines(fact: Fact) -> set[tuple[int, int]]:
    return {(s.start, s.end) for s in [fact.span, *fact.also]}


def packs_with(lead: Fact, other: Fact) -> bool:
    """Whether ``other`` belongs in the question ``lead`` leads: the same job's step, or
    two overlaps that share a job (a side role held alongside two titles is one story,
    and one question quoting both lines asks it)."""
    if lead.kind is FactKind.overlap and other.kind is FactKind.overlap:
        return (
            lead.source is Source.resume
            and other.source is Source.resume
            and bool(_lines(lead) & _lines(other))
        )
    return (
        FactKind.promotion in (lead.kind, other.kind)
        and lead.kind in _CAREER_STEP
        and other.kind in _CAREER_STEP
        and role_key(lead) is not None
        and role_key(other) == role_key(lead)
    )


def choose_leads(
    slots: Sequence[PlanSlot],
    facts: Sequence[Fact],
    accepts: Callable[[int, Fact], bool],
    forms: Callable[[int, Fact], int] | None = None,
) -> list[tuple[Fact, list[Fact]] | None]:
    """The leading fact for each question position (``slots``: one entry per question, in
    plan order) with the facts packed into its question (:func:`packs_with`), or None
    where no fact fits. ``accepts(i, fact)`` says whether position ``i`` can ask about
    ``fact``; ``forms(i, fact)``, how many wordings it has for it: a purpose never leads
    more facts of one kind than it can word differently, since the same question with
    other numbers is a near-duplicate.

    Greedy: each fact goes to the open position whose purpose wants its kind most (then
    the purpose with most room left), so gaps and concerns land where they are asked
    best; the fact that goes next is the one that counts for most, where a fact counts
    for less the more questions its role, and its kind in that purpose, already lead.
    """
    chosen: list[tuple[Fact, list[Fact]] | None] = [None] * len(slots)
    remaining = list(facts)
    spans: set[tuple[str, int, int]] = set()
    by_role: Counter[tuple[str, str]] = Counter()
    # Counted by purpose, not by plan share: a round may split one purpose over several
    # shares (behavioural competencies) whose questions still share the same wordings.
    by_kind: Counter[tuple[Purpose, FactKind]] = Counter()
    slot_ids = [id(s) for s in slots]
    fits: dict[tuple[int, str], bool] = {}

    wordings: dict[tuple[Purpose, FactKind], int] = {}

    def fit(i: int, fact: Fact) -> bool:
        key = (i, fact.id)
        if key not in fits:
            fits[key] = accepts(i, fact)
        if not fits[key] or forms is None:
            return fits[key]
        kind_key = (slots[i].purpose, fact.kind)
        if kind_key not in wordings:
            wordings[kind_key] = forms(i, fact)
        return by_kind[kind_key] < wordings[kind_key]

    while True:
        open_ = [i for i, f in enumerate(chosen) if f is None]
        room = Counter(slot_ids[i] for i in open_)
        best: float | None = None
        pick: tuple[int, Fact] | None = None
        for fact in remaining:
            if (fact.source.value, fact.span.start, fact.span.end) in spans:
                continue
            role = role_key(fact)
            repeats = by_role[role] if role and fact.kind in _PROBING else 0
            base = fact.priority - ROLE_REPEAT * repeats
            if best is not None and base <= best:
                continue  # the penalties only lower a fact, and earlier facts win ties
            # The position that wants this kind most (then the purpose with most room):
            # where the fact would go; the penalty for its kind there decides whether it
            # goes now or after another kind of fact.
            fitting = [i for i in open_ if fit(i, fact)]
            if not fitting:
                continue
            i = min(
                fitting, key=lambda i: (slots[i].fact_kinds.index(fact.kind), -room[slot_ids[i]], i)
            )
            score = base - _kind_repeat(fact) * by_kind[(slots[i].purpose, fact.kind)]
            if best is None or score > best:
                best, pick = score, (i, fact)
        if pick is None:
            return chosen
        i, fact = pick
        remaining.remove(fact)
        packed = [f for f in remaining if packs_with(fact, f)][:PACK_LIMIT]
        for f in packed:
            remaining.remove(f)
        chosen[i] = (fact, packed)
        spans.add((fact.source.value, fact.span.start, fact.span.end))
        role = role_key(fact)
        if role:
            by_role[role] += 1
        by_kind[(slots[i].purpose, fact.kind)] += 1
