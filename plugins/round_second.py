"""The standard second round: every purpose a second interview serves, in one plan."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import FactKind, Purpose, PurposeShare, RoundType, hookimpl

K = FactKind


class SecondRound(RoundType):
    name = "second"
    title = "Second-round interview"
    description = (
        "A deeper look at the resume: verify the main claims, validate and evaluate listed "
        "skills, a scenario, behavioural evidence, open concerns and gaps, motivation and "
        "fit, and salary expectations."
    )
    default_count = 12
    shares = (
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=3,
            minimum=1,
            minutes_each=6,
            fact_kinds=[K.achievement, K.role, K.promotion, K.project, K.leadership_claim],
        ),
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=2,
            minutes_each=4,
            # Certifications come up as follow-ups here, and expired ones as concerns.
            fact_kinds=[K.skill_unevidenced, K.requirement_met, K.skill_evidenced],
        ),
        PurposeShare(
            purpose=Purpose.evaluate_skill,
            weight=1.5,
            minutes_each=8,
            fact_kinds=[
                K.requirement_missing,
                K.requirement_met,
                K.skill_unevidenced,
                K.skill_evidenced,
                K.achievement,
            ],
        ),
        PurposeShare(
            purpose=Purpose.scenario,
            weight=1.2,
            minutes_each=6,
            fact_kinds=[K.requirement_met, K.requirement_missing, K.role, K.achievement],
        ),
        PurposeShare(
            purpose=Purpose.behavioural,
            weight=2,
            minutes_each=5,
            fact_kinds=[
                K.leadership_claim,
                K.unquantified_claim,
                K.achievement,
                K.overlap,
                K.concern,
            ],
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=2.3,
            minutes_each=5,
            fact_kinds=[
                K.concern,
                K.gap,
                K.short_tenure,
                K.requirement_missing,
                K.overlap,
                K.unquantified_claim,
                K.career_change,
                K.certification,
            ],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.motivation_fit,
            weight=1,
            minimum=1,
            minutes_each=4,
            fact_kinds=[K.career_change, K.role, K.promotion, K.education],
        ),
        PurposeShare(
            purpose=Purpose.salary_expectations, weight=0.6, minimum=1, maximum=1, minutes_each=3
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(SecondRound())
