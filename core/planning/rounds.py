"""Stage 3: a round type turns a question count and an analysis into a Plan.

A round type is a plugin (``register_rounds``). Most round types only declare their
purpose shares; the default :meth:`RoundType.plan` allocates the count over them,
moves questions away from purposes the resume gives nothing to ask about, and keeps
the order the round declares.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar

from pydantic import BaseModel, Field

from ..models import Analysis, FactKind, PanelRole, Plan, PlanSlot, Purpose, QuestionPattern

# Facts at or above this priority (open concerns, unexplained gaps, missing requirements)
# widen the share of the purposes that address them.
URGENT = 7.0


class PurposeShare(BaseModel):
    """One line of a round's recipe: a purpose, its weight, and what evidence it wants."""

    purpose: Purpose
    weight: float = Field(gt=0)
    minimum: int = 0
    maximum: int | None = None
    minutes_each: float = 5.0
    fact_kinds: list[FactKind] = Field(default_factory=list)
    asked_by: str | None = None
    # When True, the share is dropped if the analysis holds no fact of ``fact_kinds``
    # (no gaps or concerns: no questions about gaps or concerns).
    needs_facts: bool = False


class RoundType:
    """A kind of interview round. Subclass, set the class attributes, register it."""

    name: ClassVar[str]
    title: ClassVar[str]
    description: ClassVar[str]
    shares: ClassVar[Sequence[PurposeShare]]
    panel_roles: ClassVar[Sequence[PanelRole]] = ()
    default_count: ClassVar[int] = 10

    def plan(self, count: int, analysis: Analysis) -> Plan:
        """Allocate ``count`` questions over this round's purposes."""
        kinds_present = {f.kind for f in analysis.facts}
        shares = [
            s
            for s in self.shares
            if not (s.needs_facts and not kinds_present.intersection(s.fact_kinds))
        ] or list(self.shares)
        counts = allocate(count, [self._adapted(s, analysis) for s in shares])
        slots = [
            PlanSlot(
                purpose=s.purpose,
                count=n,
                minutes_each=s.minutes_each,
                asked_by=s.asked_by,
                fact_kinds=list(s.fact_kinds),
                maximum=s.maximum,
            )
            for s, n in zip(shares, counts, strict=True)
            if n > 0
        ]
        return Plan(
            round=self.name, title=self.title, slots=slots, panel_roles=list(self.panel_roles)
        )

    @staticmethod
    def _adapted(share: PurposeShare, analysis: Analysis) -> PurposeShare:
        """A purpose gets more room when the inputs hold many facts that urgently need it
        (four open concerns deserve more than the two questions a tidy resume gets)."""
        urgent = sum(
            1 for f in analysis.facts if f.kind in share.fact_kinds and f.priority >= URGENT
        )
        if not urgent:
            return share
        return share.model_copy(update={"weight": share.weight * (1 + 0.3 * min(urgent, 5))})

    def patterns(self) -> Sequence[QuestionPattern]:
        """Question patterns this round adds to the composer's bank (none by default)."""
        return ()

    def describe(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "purposes": [s.purpose.value for s in self.shares],
            "panel_roles": [r.model_dump() for r in self.panel_roles],
            "default_count": self.default_count,
        }


def allocate(count: int, shares: Sequence[PurposeShare]) -> list[int]:
    """Split ``count`` over ``shares`` by weight (largest remainder), honouring minimums
    and maximums. When the count is smaller than the minimums, earlier shares win."""
    n = len(shares)
    result = [0] * n
    if count <= 0 or n == 0:
        return result
    remaining = count
    for i, s in enumerate(shares):
        take = min(s.minimum, remaining)
        result[i] = take
        remaining -= take
    while remaining > 0:
        open_ = [i for i, s in enumerate(shares) if s.maximum is None or result[i] < s.maximum]
        if not open_:
            # Every share is full: give the rest to the heaviest uncapped-looking share.
            open_ = [max(range(n), key=lambda i: shares[i].weight)]
        total_w = sum(shares[i].weight for i in open_)
        target_total = sum(result[i] for i in open_) + remaining
        ideal = {i: shares[i].weight / total_w * target_total for i in open_}
        deficits = {i: ideal[i] - result[i] for i in open_}
        grants = {i: max(0, math.floor(d)) for i, d in deficits.items()}
        granted = sum(grants.values())
        if granted > remaining or granted == 0:
            # Hand out one at a time to the largest deficit (ties: declared order).
            best = max(open_, key=lambda i: (deficits[i], -i))
            result[best] += 1
            remaining -= 1
            continue
        for i, g in grants.items():
            cap = shares[i].maximum
            if cap is not None:
                g = min(g, cap - result[i])
            result[i] += g
            remaining -= g
    return result
