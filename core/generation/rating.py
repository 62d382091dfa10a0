"""Anchored rating scales: what a poor, mixed, good and excellent answer looks like.

Every question in a kit carries four anchors specific to it: "good" is the question's own
strong-answer note, and the other levels name what the question probes (the claim, the
skills, the gap), so interviewers score the same answer the same way.
"""

from __future__ import annotations

from ..models import Purpose, Question, RatingAnchor

# Per purpose: (poor, mixed, excellent). {subject} is what the question probes.
_ANCHORS: dict[Purpose, tuple[str, str, str]] = {
    Purpose.deep_dive: (
        "Cannot go beyond the resume line on {subject}: no baseline, no numbers they can "
        "explain, or their own part stays unclear.",
        "Describes {subject} in some detail, but the starting point, the measure or their "
        "own decisions remain vague under follow-up.",
        "Everything a good answer shows about {subject}, plus the trade-offs, what did not "
        "work and what they would change; the figures hold up under probing.",
    ),
    Purpose.validate_skill: (
        "No concrete use of {subject} they can describe; answers stay at the level of "
        "definitions, or the claim turns out not to hold.",
        "A real but shallow or dated example with {subject}; limits and pitfalls are not "
        "mentioned.",
        "A recent, specific example with {subject} at the depth the resume implies, plus a "
        "pitfall or trade-off only a practitioner would know, and honest limits.",
    ),
    Purpose.evaluate_skill: (
        "Jumps to an answer on {subject} without clarifying the problem, or cannot structure "
        "an approach; no way to check the result.",
        "A workable approach to {subject}, but key steps, trade-offs or testing are missing.",
        "Clarifies, structures and tests an approach to {subject}; names trade-offs and "
        "would know whether it worked; asks for help where it makes sense.",
    ),
    Purpose.scenario: (
        "Acts before understanding {subject}, ignores the people involved, or has no plan.",
        "A reasonable plan for {subject}, but priorities, communication or prevention are "
        "left out.",
        "Gets the facts first, prioritises explicitly, involves and informs the right "
        "people early, and thinks about prevention, drawing on real experience.",
    ),
    Purpose.behavioural: (
        "No specific situation for {subject}: talks in generalities ('I always...'), or the "
        "example shows no action of their own.",
        "A real situation for {subject}, but their own actions or the result are thin, or "
        "the credit is unclear.",
        "A specific situation for {subject} with their own actions in the first person, a "
        "result they can show, credit shared fairly, and what they would do differently.",
    ),
    Purpose.concern: (
        "Avoids {subject} or answers defensively; the account does not fit the resume.",
        "Addresses {subject} but stays general; some doubt remains.",
        "Addresses {subject} openly and specifically; what they learned is clear and "
        "relevant to this role. (Personal reasons are never required.)",
    ),
    Purpose.motivation_fit: (
        "Generic reasons that would fit any job; no sign they know {subject}.",
        "Some specific reasons about {subject}, partly rehearsed or vague about what they want.",
        "Specific, considered reasons grounded in what they know about {subject}, and "
        "honest about trade-offs.",
    ),
    Purpose.salary_expectations: (
        "Refuses any range or gives one far outside the band with no reasoning.",
        "Gives a range without reasoning or without saying what matters in the package.",
        "A researched range or clear flexibility, and clear priorities in the package.",
    ),
    Purpose.group_exercise: (
        "Dominates or withdraws; ignores others' ideas; no contribution to the outcome.",
        "Contributes ideas but rarely builds on others or helps the group decide.",
        "Offers and builds on ideas, brings quieter people in, handles disagreement well "
        "and helps the group finish on time; reflects honestly afterwards.",
    ),
}


def _subject(question: Question) -> str:
    if question.purpose is Purpose.motivation_fit:
        return "the role and the team"
    if question.purpose is Purpose.group_exercise:
        return "the exercise"
    quotes = [e.quote for e in question.evidence if e.source.value == "resume"]
    skills = [e.quote for e in question.evidence if e.kind.value == "skill_unevidenced"]
    if len(skills) >= 2:
        return ", ".join(" ".join(s.split()) for s in skills[:3]) + (
            " and the other skills listed" if len(skills) > 3 else ""
        )
    source = quotes[0] if quotes else (question.evidence[0].quote if question.evidence else "")
    if source:
        clause = " ".join(source.split())
        if len(clause) > 70:
            cut = clause.rfind(" ", 0, 70)
            clause = clause[: cut if cut > 30 else 70] + "…"
        return f"“{clause}”"
    if question.competency:
        return question.competency.lower()
    return "the question"


# A requirement the resume does not show is judged by how close and honest the nearest
# occasion is, not by use of a skill the candidate never claimed.
_MISSING_REQUIREMENT = (
    "No related occasion they can describe for {subject}; the gap is denied or glossed over.",
    "A loosely related occasion for {subject}; what carries over and what does not stays vague.",
    "A specific, recent occasion close to {subject}, told with their own actions and result, "
    "a clear account of what transfers and a realistic plan for the rest.",
)


def rating_scale(question: Question) -> list[RatingAnchor]:
    """Four anchors specific to ``question`` (its own strong answer is the 'good' level)."""
    poor, mixed, excellent = _ANCHORS.get(question.purpose, _ANCHORS[Purpose.behavioural])
    first = question.evidence[0].kind.value if question.evidence else ""
    if question.purpose is Purpose.validate_skill and first == "requirement_missing":
        poor, mixed, excellent = _MISSING_REQUIREMENT
    subject = _subject(question)
    good = question.strong_answer.strip() or excellent
    return [
        RatingAnchor(level="poor", description=poor.format(subject=subject)),
        RatingAnchor(level="mixed", description=mixed.format(subject=subject)),
        RatingAnchor(level="good", description=good),
        RatingAnchor(level="excellent", description=excellent.format(subject=subject)),
    ]


def with_rating_scales(questions: list[Question]) -> list[Question]:
    """Give every question without one an anchored scale (core questions bring their own)."""
    for q in questions:
        if not q.rating_scale and q.purpose is not Purpose.candidate_question:
            q.rating_scale = rating_scale(q)
    return questions
