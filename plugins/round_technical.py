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
                # A measured result is a work sample of its own: how did it work end to
                # end, where would it break.
                K.achievement,
            ],
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=2,
            minutes_each=7,
            # A career changer's first work in the new field is their strongest technical
            # evidence, so it competes with their achievements for a deep dive. A step up
            # or a team led is asked about as the technical calls it brought; studies are
            # the technical work of someone with little else to show.
            fact_kinds=[
                K.achievement,
                K.project,
                K.role,
                K.career_change,
                K.unquantified_claim,
                K.leadership_claim,
                K.promotion,
                K.education,
            ],
        ),
        PurposeShare(
            purpose=Purpose.scenario,
            weight=2,
            minutes_each=7,
            fact_kinds=[
                K.requirement_met,
                K.requirement_missing,
                K.achievement,
                K.role,
                # A team led is asked as a call to make for that team; a vague claim goes
                # to a deep dive first (how the work ran), here only when those are full.
                K.leadership_claim,
                K.unquantified_claim,
            ],
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=2,
            minutes_each=5,
            fact_kinds=[
                K.concern,
                K.requirement_missing,
                K.skill_unevidenced,
                K.gap,
                K.short_tenure,
                K.overlap,
                K.career_change,
                K.certification,
            ],
            needs_facts=True,
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(TechnicalRound())
