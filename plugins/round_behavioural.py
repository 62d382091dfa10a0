"""A behavioural round: past behaviour as evidence of future behaviour, with STAR probes."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import FactKind, Purpose, PurposeShare, RoundType, hookimpl

K = FactKind


class BehaviouralRound(RoundType):
    name = "behavioural"
    title = "Behavioural interview"
    description = (
        "Questions about what the candidate actually did in situations their resume "
        "describes, probed for situation, action and result; the occasions behind skills "
        "it claims without evidence; and the concerns and motivation a behavioural round "
        "should settle."
    )
    default_count = 10
    shares = (
        PurposeShare(
            purpose=Purpose.behavioural,
            weight=6,
            minimum=2,
            minutes_each=6,
            fact_kinds=[
                K.leadership_claim,
                K.achievement,
                K.unquantified_claim,
                K.overlap,
                K.promotion,
                K.role,
                K.concern,
            ],
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=1.5,
            minutes_each=6,
            fact_kinds=[K.achievement, K.project, K.role],
        ),
        # Skills and requirements the resume claims or lacks, asked as "the last time you
        # used it" rather than a self-rating, so the round still judges behaviour.
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=2.4,
            minutes_each=5,
            fact_kinds=[K.skill_unevidenced, K.requirement_missing, K.certification],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=1.8,
            minutes_each=5,
            fact_kinds=[K.concern, K.gap, K.short_tenure, K.career_change, K.overlap],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.motivation_fit,
            weight=1,
            minutes_each=4,
            fact_kinds=[K.career_change, K.role, K.promotion],
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(BehaviouralRound())
