"""First-interview notes -> the concerns a second round must settle: every item under a
heading for doubts or open points, any item that flags doubt in its own words, never a
heading, praise or logistics."""

from __future__ import annotations

from secondround.core.analysis.interview_notes import notes_facts

NOTES = """\
First interview: Priya Anand, Clinical Lead vacancy
Panel: ward manager and practice educator. 40 minutes, video.

What went well
- Warm with patients, knows the escalation pathway by heart.
- Talked through the sepsis audit without notes.

Concerns for round two
1. Her rota planning example was about the night team only.
2. Every staffing story ended with the agency budget being approved by someone else.

Admin
- Available from March; would keep one bank shift a month.
"""

MARKDOWN_NOTES = """\
# Notes: Tomasz Wróbel, Estimator

## Summary

Knows his rates and suppliers. Good on tender timelines.

## Risks

- **Scope.** Priced the Eastgate fit-out alone but the variations went to the QS.
- **Software.** Uses CostX "mostly for take-offs".

## Other

- Lives twenty minutes from the depot.
- Mentioned a failed NRM2 exam in 2022 in passing; wants to resit next spring.
- Want to hear how he checks a subcontractor's quote against his own.
"""


def quotes(notes: str) -> list[str]:
    return [f.quote for f in notes_facts(notes)]


def test_every_item_under_a_concerns_heading_is_a_concern_and_the_heading_is_not() -> None:
    found = quotes(NOTES)
    assert any(q.startswith("Her rota planning example") for q in found)
    assert any(q.startswith("Every staffing story") for q in found)
    assert not any("Concerns for round two" in q for q in found)


def test_praise_and_logistics_under_their_own_headings_are_not_concerns() -> None:
    found = " ".join(quotes(NOTES))
    assert "Warm with patients" not in found
    assert "sepsis audit" not in found
    assert "Available from March" not in found


def test_markdown_headings_set_the_context_and_cue_words_work_outside_it() -> None:
    found = quotes(MARKDOWN_NOTES)
    joined = " ".join(found)
    # Under "## Risks": concerns without any doubt word of their own.
    assert "Priced the Eastgate fit-out alone" in joined
    assert 'Uses CostX "mostly for take-offs"' in joined
    # Under "## Other": only the items that flag something to find out.
    assert "failed NRM2 exam" in joined
    assert "Want to hear how he checks" in joined
    assert "twenty minutes from the depot" not in joined
    assert "Knows his rates" not in joined
    assert not any(q.lstrip("#* ").startswith(("Risks", "Other", "Summary")) for q in found)


def test_concerns_keep_the_order_they_were_written_in() -> None:
    facts = notes_facts(MARKDOWN_NOTES)
    assert [f.priority for f in facts] == sorted((f.priority for f in facts), reverse=True)
