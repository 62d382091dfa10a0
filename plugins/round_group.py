"""A group round: a workshop-style exercise with assessors, then individual follow-ups."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import FactKind, Purpose, PurposeShare, RoundType, hookimpl

K = FactKind


class GroupRound(RoundType):
    name = "group"
    title = "Group interview"
    description = (
        "A group exercise several candidates work on together, with what assessors watch "
        "for, teamwork questions, and individual follow-ups on each candidate's resume, "
        "including the occasions behind skills it claims without evidence."
    )
    default_count = 8
    shares = (
        PurposeShare(
            purpose=Purpose.group_exercise,
            weight=1,
            minimum=1,
            maximum=1,
            minutes_each=30,
            fact_kinds=[K.leadership_claim, K.role, K.achievement],
        ),
        PurposeShare(
            purpose=Purpose.behavioural,
            weight=3,
            minimum=1,
            minutes_each=5,
            fact_kinds=[K.leadership_claim, K.achievement, K.unquantified_claim, K.role],
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=2,
            minutes_each=5,
            fact_kinds=[K.achievement, K.project, K.role, K.promotion],
        ),
        # Skills and requirements the resume claims or lacks, asked as "the last time you
        # used it" rather than a self-rating, so the round still judges behaviour.
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=1.6,
            minutes_each=4,
            fact_kinds=[K.skill_unevidenced, K.requirement_missing, K.certification],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=1.2,
            minutes_each=4,
            fact_kinds=[K.concern, K.gap, K.short_tenure, K.career_change],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.motivation_fit,
            weight=1,
            minutes_each=4,
            fact_kinds=[K.career_change, K.role],
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(GroupRound())
