"""A technical round: validate listed skills, set a practical task, talk through scenarios."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import FactKind, Purpose, PurposeShare, RoundType, hookimpl

K = FactKind


class TechnicalRound(RoundType):
    name = "technical"
    title = "Technical interview"
    description = (
        "Skill validation against the resume's own claims, a practical exercise or "
        "work-sample task drawn from the role, technical scenarios, and a deep dive into "
        "the candidate's strongest technical work."
    )
    default_count = 10
    shares = (
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=3,
            minimum=1,
            minutes_each=5,
            fact_kinds=[
                K.skill_unevidenced,
                K.skill_evidenced,
                K.requirement_met,
                K.certification,
            ],
        ),
        PurposeShare(
            purpose=Purpose.evaluate_skill,
            weight=2,
            minimum=1,
            minutes_each=15,
            fact_kinds=[
                K.requirement_met,
                K.requirement_missing,
                K.skill_unevidenced,
                K.skill_evidenced,
                K.project,
            ],
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=2,
            minutes_each=7,
            # A career changer's first work in the new field is their strongest technical
            # evidence, so it competes with their achievements for a deep dive.
            fact_kinds=[K.achievement, K.project, K.role, K.career_change, K.unquantified_claim],
        ),
        PurposeShare(
            purpose=Purpose.scenario,
            weight=2,
            minutes_each=7,
            fact_kinds=[K.requirement_met, K.requirement_missing, K.achievement, K.role],
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=1,
            minutes_each=5,
            fact_kinds=[
                K.concern,
                K.requirement_missing,
                K.skill_unevidenced,
                K.gap,
                K.short_tenure,
            ],
            needs_facts=True,
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(TechnicalRound())
