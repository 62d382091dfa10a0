"""A question about a first-interview concern names the concern in neutral words,
addressed to the candidate, and never reads the interviewer's note out loud."""

from __future__ import annotations

import pytest

from secondround.core.analysis.note_topics import FALLBACK_TOPIC, notes_topic


@pytest.mark.parametrize(
    ("note", "topic"),
    [
        (
            "Seemed vague on how the stock count was reconciled.",
            "how the stock count was reconciled",
        ),
        ("Answers on the ward budget were thin; probe who signed it off.", "the ward budget"),
        (
            "Could not explain which part of the bid was her own work.",
            "which part of the bid was your own work",
        ),
        (
            "Unclear why he left the consultancy after a year.",
            "why you left the consultancy after a year",
        ),
        (
            "Referee said she missed two filing deadlines in 2023.",
            "how you handled two filing deadlines in 2023",
        ),
        ("Need to verify the 30% saving, since the team was large.", "the 30% saving"),
        ("Rapport with the panel was good; closing felt rushed.", "the closing"),
        (
            'Reference check (ex-director): "reliable, but he missed handover deadlines"',
            "how you handled handover deadlines",
        ),
        ("How much time does the weekend tutoring job take?", "the weekend tutoring job"),
        (
            "Supplier negotiation will be half of this job. Gave no example.",
            "the supplier negotiation",
        ),
        # "Label: detail" notes name their subject in the label, not in the comment.
        (
            "Moving from Harlow: said he left after a row with the owner. Didn't go into "
            "detail and looked uneasy.",
            "moving from Harlow",
        ),
        ("**Forecasting:** has only ever inherited a forecast.", "forecasting"),
        ("- Budgets: has never held a budget of her own.", "the budgets"),
        ("Concern: vague on how the pilot was costed.", "how the pilot was costed"),
    ],
)
def test_a_note_becomes_a_neutral_topic(note: str, topic: str) -> None:
    assert notes_topic(note) == topic


def test_judgement_words_and_third_person_do_not_reach_the_candidate() -> None:
    topic = notes_topic("Check whether the audit result was really his or the team's.")
    assert topic == "whether the audit result was yours or the team's"


def test_a_note_with_nothing_to_name_falls_back_to_a_neutral_phrase() -> None:
    assert notes_topic("Would she keep it?") == FALLBACK_TOPIC
