"""A panel round: each question is asked by a panelist, from that panelist's angle."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import (
    FactKind,
    PanelRole,
    Purpose,
    PurposeShare,
    RoundType,
    hookimpl,
)

K = FactKind

DIRECTOR = PanelRole(
    id="director",
    title="Director",
    angle="Impact on the business, judgement, ambition and long-term fit.",
    purposes=[Purpose.motivation_fit, Purpose.scenario, Purpose.deep_dive],
)
LINE_MANAGER = PanelRole(
    id="line_manager",
    title="Line manager",
    angle="Day-to-day delivery, how the candidate works, and the open concerns.",
    purposes=[Purpose.deep_dive, Purpose.behavioural, Purpose.concern, Purpose.salary_expectations],
)
PEER = PanelRole(
    id="peer",
    title="Peer",
    angle="Hands-on depth in the skills the team relies on, and collaboration.",
    purposes=[Purpose.validate_skill, Purpose.evaluate_skill, Purpose.behavioural],
)


class PanelRound(RoundType):
    name = "panel"
    title = "Panel interview"
    description = (
        "Several interviewers, each asking from their own angle: a director on impact and "
        "motivation, the line manager on delivery and concerns, a peer on hands-on skills. "
        "One lead keeps time; questions are assigned so nobody piles on."
    )
    default_count = 12
    panel_roles = (DIRECTOR, LINE_MANAGER, PEER)
    # Minimums give every panelist at least one question whatever the count.
    shares = (
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=2,
            minimum=1,
            asked_by="line_manager",
            minutes_each=6,
            fact_kinds=[K.achievement, K.role, K.promotion, K.project],
        ),
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=2,
            minimum=1,
            asked_by="peer",
            minutes_each=4,
            fact_kinds=[K.skill_unevidenced, K.requirement_met, K.skill_evidenced, K.certification],
        ),
        PurposeShare(
            purpose=Purpose.motivation_fit,
            weight=1.2,
            minimum=1,
            asked_by="director",
            minutes_each=4,
            fact_kinds=[K.career_change, K.role, K.promotion],
        ),
        PurposeShare(
            purpose=Purpose.scenario,
            weight=1.3,
            asked_by="director",
            minutes_each=6,
            fact_kinds=[K.requirement_met, K.requirement_missing, K.achievement, K.role],
        ),
        PurposeShare(
            purpose=Purpose.evaluate_skill,
            weight=1,
            asked_by="peer",
            minutes_each=8,
            fact_kinds=[
                K.requirement_missing,
                K.skill_unevidenced,
                K.skill_evidenced,
                K.requirement_met,
            ],
        ),
        PurposeShare(
            purpose=Purpose.behavioural,
            weight=1.5,
            asked_by="peer",
            minutes_each=5,
            fact_kinds=[K.leadership_claim, K.unquantified_claim, K.achievement],
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=2,
            asked_by="line_manager",
            minutes_each=5,
            fact_kinds=[
                K.concern,
                K.gap,
                K.short_tenure,
                K.requirement_missing,
                K.overlap,
                K.unquantified_claim,
                K.career_change,
            ],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=1,
            asked_by="director",
            minutes_each=5,
            fact_kinds=[K.leadership_claim, K.achievement, K.promotion],
        ),
        PurposeShare(
            purpose=Purpose.salary_expectations,
            weight=0.5,
            maximum=1,
            asked_by="line_manager",
            minutes_each=3,
        ),
    )


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(PanelRound())
