"""Baseline (a): the untailored questions career sites list, in the project's own words.

An interviewer without secondround might prepare a second round from a list like this.
The baseline fills the same plan the engine makes for each case (same purposes, counts
and panelist roles) from this bank, in order, so it is scored on exactly the same
footing: only the tailoring differs. The questions cite no evidence, so grounding does
not apply to them (the report says n/a, not 100%).
"""

from __future__ import annotations

from collections.abc import Sequence

from secondround.core.models import (
    InterviewKit,
    KitMeta,
    Plan,
    Purpose,
    Question,
)

P = Purpose

BANK: tuple[tuple[Purpose, str], ...] = (
    (P.deep_dive, "Walk me through your current role and what you are responsible for."),
    (P.deep_dive, "Which achievement in your career are you proudest of, and why?"),
    (P.deep_dive, "Tell me about a project you saw through from beginning to end."),
    (P.deep_dive, "What does an ordinary week in your present job look like?"),
    (P.deep_dive, "Describe the hardest problem you have had to solve at work."),
    (P.validate_skill, "What would you say are your greatest strengths?"),
    (P.validate_skill, "Which tools and methods are you most at home with?"),
    (P.validate_skill, "How do you keep your skills current?"),
    (P.evaluate_skill, "If we handed you a typical task from this job, how would you tackle it?"),
    (P.evaluate_skill, "Show us a piece of your work and talk us through the choices you made."),
    (P.evaluate_skill, "Explain something complex from your field as you would to a newcomer."),
    (P.scenario, "What would you do if you disagreed with a decision your manager made?"),
    (P.scenario, "How would you cope with several urgent deadlines landing at once?"),
    (P.scenario, "What would you do if a colleague was not doing their share?"),
    (P.behavioural, "Tell me about a time you worked with others to reach a shared goal."),
    (P.behavioural, "Describe a situation where you had to deal with a difficult person."),
    (P.behavioural, "Tell me about a mistake you made and what you learned from it."),
    (P.behavioural, "Give an example of a time you took the lead."),
    (P.behavioural, "Tell me about a time you had to adapt to a big change at work."),
    (P.concern, "What is your greatest weakness?"),
    (P.concern, "Why are you looking to leave your current job?"),
    (P.concern, "Can you explain any gaps in your employment history?"),
    (P.motivation_fit, "Why do you want to work here?"),
    (P.motivation_fit, "Where do you see yourself in five years?"),
    (P.motivation_fit, "What motivates you at work?"),
    (P.motivation_fit, "Why should we hire you rather than another candidate?"),
    (P.salary_expectations, "What are your salary expectations?"),
    (
        P.group_exercise,
        "As a group, plan the launch of a new service on a fixed budget and present your plan.",
    ),
    (P.group_exercise, "Together, rank these five priorities and agree on one recommendation."),
    (P.candidate_question, "Do you have any questions for us?"),
)

# When the bank has no question left for a purpose, these purposes lend theirs.
_FALLBACK = (P.behavioural, P.deep_dive, P.motivation_fit, P.scenario, P.validate_skill)


def generic_kit(plan: Plan, bank: Sequence[tuple[Purpose, str]] = BANK) -> InterviewKit:
    """Fill ``plan`` from the bank, slot by slot, never repeating a question."""
    used: set[int] = set()
    questions: list[Question] = []

    def take(purpose: Purpose) -> int | None:
        for i, (p, _) in enumerate(bank):
            if p is purpose and i not in used:
                return i
        return None

    for slot in plan.slots:
        for _ in range(slot.count):
            index = take(slot.purpose)
            for fallback in _FALLBACK:
                if index is not None:
                    break
                index = take(fallback)
            if index is None:
                break
            used.add(index)
            purpose, text = bank[index]
            questions.append(
                Question(
                    id=f"q{len(questions) + 1}",
                    text=text,
                    round=plan.round,
                    purpose=purpose,
                    general=True,
                    asked_by=slot.asked_by,
                )
            )
    return InterviewKit(
        round=plan.round,
        round_title=plan.title,
        questions=questions,
        panel_roles=plan.panel_roles,
        meta=KitMeta(generator="generic-bank", count_requested=plan.total),
    )
