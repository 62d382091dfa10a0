"""The first follow-up of a question when it reaches another line of the resume: how an
interviewer who has read the whole resume keeps digging without asking a new question.

Two kinds, both worded in ``core/data/question_patterns.yaml``:

- *cross probes*: a question of some purpose about some kind of fact probes an unused
  fact of another kind anywhere in the resume (a motivation question asks about the gap
  no other question reached, a listed-skill question about a certification);
- *same-role probes*: a question about a role's line probes a second line from the same
  role (a number: how it was measured; a team claim: how direction was set), a fact
  packed into the question first (selection.py).

A probed fact counts as covered, so the composer marks it used: no later question
repeats it.
"""

from __future__ import annotations

from typing import Protocol

from ..models import Analysis, Fact, Purpose
from ..planning.selection import packs_with
from .patterns import cross_probes, probes
from .wording import _Values, short_clause, tidy


class ProbeHost(Protocol):
    """What a probe needs from the composer building the kit."""

    analysis: Analysis
    round: str

    def available(self, fact: Fact) -> bool:
        """Neither the fact nor its words are in the kit yet."""
        ...

    def claim(self, fact: Fact) -> None:
        """Mark the fact (and its words) as used by the kit."""
        ...

    def follow_up_values(self, fact: Fact) -> _Values:
        """Placeholder values for a follow-up about ``fact`` (no question opening)."""
        ...


def probe_follow_up(
    host: ProbeHost, fact: Fact, purpose: Purpose, extra: list[Fact]
) -> tuple[Fact, str] | None:
    """The fact a question about ``fact`` (with ``extra`` evidence) should probe next, and
    the follow-up's text; None when nothing fits."""
    for cross in cross_probes():
        if not cross.applies(purpose, fact.kind, host.round):
            continue
        for other in host.analysis.facts:
            if other.kind is cross.probe_fact and host.available(other):
                host.claim(other)
                values = host.follow_up_values(other)
                values["clause"] = short_clause(other.quote, 90)
                return other, tidy(cross.text.format_map(values))
    # Same-role probes need a role to share; a note or a JD line has none.
    if (fact.organisation is None and fact.role_title is None) or fact.source.value != "resume":
        return None
    wordings = probes()
    for other in extra:
        if packs_with(fact, other) and other.kind in wordings and other.span != fact.span:
            values = _Values(clause=short_clause(other.quote, 100), skill=other.skill or "")
            return other, wordings[other.kind].format_map(values)
    taken = {(f.span.start, f.span.end) for f in [fact, *extra]}
    for other in host.analysis.facts:
        if (
            other.kind not in wordings
            or other.organisation != fact.organisation
            or other.role_title != fact.role_title
            or (other.span.start, other.span.end) in taken
            or not host.available(other)
        ):
            continue
        values = _Values(clause=short_clause(other.quote, 100), skill=other.skill or "")
        host.claim(other)
        return other, wordings[other.kind].format_map(values)
    return None
