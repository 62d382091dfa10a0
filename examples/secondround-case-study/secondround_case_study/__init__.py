"""A case-study interview round for secondround.

The candidate works a business or technical case live, inside a stated time box, asking
for data as they need it; the rest of the round goes back to the resume to ask where
they have done this kind of work for real. The plugin contributes three things, each
through one hook:

- ``register_rounds``: the ``case_study`` round type, with its plan (purposes, counts,
  minutes), two panel roles, and question patterns that carry a scoring rubric;
- ``register_corpus_documents``: the guidance in ``guidance/*.md``, which the retrieval
  index serves for this round and which the kit cites;
- ``register_question_checks``: a case brief must tell the candidate how long they have,
  whichever generator wrote it.

It imports only ``secondround.core.api``, the names secondround keeps stable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from secondround.core.api import (
    Analysis,
    CorpusDocument,
    FactKind,
    PanelRole,
    Purpose,
    PurposeShare,
    Question,
    QuestionCheck,
    QuestionPattern,
    RatingAnchor,
    RoundType,
    hookimpl,
)

__all__ = [
    "CaseStudyRound",
    "CaseTimeBox",
    "guidance_documents",
    "register_corpus_documents",
    "register_question_checks",
    "register_rounds",
]

K = FactKind
ROUND = "case_study"
CASE_MINUTES = 35
DEBRIEF_MINUTES = 10
# How the guidance is named in the index and in the kit's citations.
SOURCE_PREFIX = "secondround-case-study/"

CASE_LEAD = PanelRole(
    id="case_lead",
    title="Case lead",
    angle="Runs the case: gives the brief, plays the client, hands over data only when "
    "asked, keeps time, and pushes back on the recommendation.",
    purposes=[Purpose.scenario, Purpose.evaluate_skill],
)
HIRING_MANAGER = PanelRole(
    id="hiring_manager",
    title="Hiring manager",
    angle="Scores the case as it happens, then takes the candidate back to the resume: "
    "where have they done this for real, and does the record hold up?",
    purposes=[Purpose.deep_dive, Purpose.validate_skill, Purpose.concern, Purpose.motivation_fit],
)


def _scale(poor: str, mixed: str, good: str, excellent: str) -> list[RatingAnchor]:
    return [
        RatingAnchor(level="poor", description=poor),
        RatingAnchor(level="mixed", description=mixed),
        RatingAnchor(level="good", description=good),
        RatingAnchor(level="excellent", description=excellent),
    ]


CASE_FOLLOW_UPS = [
    "Which piece of data changed your thinking most, and what would have changed your "
    "recommendation?",
    "The budget has just been halved: what do you drop first, and why?",
    "Which assumption are you least sure of, and how would you test it in your first week?",
]
CASE_SCALE = _scale(
    poor="Jumps to a fix without asking what the problem is; uses no numbers; ends with no "
    "recommendation, or one that ignores the constraints.",
    mixed="Asks a few sensible questions, but never compares options; the recommendation "
    "is vague or falls apart when the case changes.",
    good="Clarifies the goal, asks for the data that matters, compares two or three options "
    "with rough numbers, and recommends with first steps.",
    excellent="All of that, and names the main risk and how they would know the plan worked; "
    "adapts cleanly when the budget or the data changes.",
)

PATTERNS: list[QuestionPattern] = [
    # ------------------------------------------------------------ the case, worked live
    QuestionPattern(
        id="case-brief-requirement",
        purpose=Purpose.scenario,
        rounds=[ROUND],
        fact_kinds=[K.requirement_missing, K.requirement_met],
        text=f"Case study ({CASE_MINUTES} minutes, worked live; ask me for any data you need): "
        'this role involves "{requirement}". A team that relies on it has missed its target '
        "two quarters running, and the director wants a recommendation by Friday. Think out "
        "loud: what do you ask first, which two or three options do you compare, and what "
        "do you recommend?",
        follow_ups=CASE_FOLLOW_UPS,
        strong_answer=(
            "Clarifies the goal, the constraints and what success would look like before "
            "proposing anything\n"
            "Asks for the data that matters and says what each piece would change\n"
            "Compares real options with rough numbers, costs and risks\n"
            "Lands a clear recommendation with first steps, and adapts when the case changes"
        ),
        rationale="A stated requirement of the job, worked as a live case: it shows how the "
        "candidate structures a problem, not only what they say they did.",
        rating_scale=CASE_SCALE,
        minutes=CASE_MINUTES,
    ),
    QuestionPattern(
        id="case-brief-achievement",
        purpose=Purpose.scenario,
        rounds=[ROUND],
        fact_kinds=[K.achievement],
        text="{lead}. Case study ("
        f"{CASE_MINUTES} minutes, worked live; ask me for any data you need): suppose we "
        "asked you to get a similar result here with half the budget and six weeks. Scope it "
        "with me out loud: what do you ask first, what do you reuse from that work, what do "
        "you drop, and what do you recommend?",
        follow_ups=CASE_FOLLOW_UPS,
        strong_answer=(
            "Asks what is different here before reusing the old plan\n"
            "Separates what transfers from what only worked in that setting\n"
            "Re-scopes honestly to the smaller budget and deadline, with rough numbers\n"
            "Ends with a recommendation, first steps, and how they would measure {metric}"
        ),
        rationale="Builds the case on the candidate's own headline result{at_org}: redoing "
        "the thinking live shows whether it was theirs.",
        rating_scale=_scale(
            poor="Replays the old project step by step as if nothing were different; no "
            "re-scoping for the smaller budget; no recommendation.",
            mixed="Notices some differences, but keeps most of the old plan and cannot say "
            "what they would drop or how they would measure {metric}.",
            good="Says what transfers and what does not, re-scopes to the budget and deadline "
            "with rough numbers, and recommends with first steps.",
            excellent="All of that, and is candid about what made the original result "
            "possible (people, luck, timing) and how they would de-risk it here.",
        ),
        minutes=CASE_MINUTES,
    ),
    QuestionPattern(
        id="case-brief-field",
        purpose=Purpose.scenario,
        rounds=[ROUND],
        text=f"Case study ({CASE_MINUTES} minutes, worked live; ask me for any data you "
        "need): {task} Think out loud, and finish with a recommendation and your first three "
        "steps.",
        follow_ups=CASE_FOLLOW_UPS,
        strong_answer=(
            "Clarifies the goal and the constraints before starting\n"
            "Asks for the data that matters and works with what they get\n"
            "Weighs at least two approaches and says why one wins\n"
            "Ends with a recommendation and three concrete first steps"
        ),
        rationale="A realistic case from the candidate's field, the same for every candidate "
        "for this role, so answers can be compared.",
        rating_scale=CASE_SCALE,
        minutes=CASE_MINUTES,
    ),
    # ------------------------------------------------------------ debrief on the case
    QuestionPattern(
        id="case-debrief-skill",
        purpose=Purpose.evaluate_skill,
        rounds=[ROUND],
        fact_kinds=[K.requirement_met, K.skill_evidenced],
        text=f"Case debrief ({DEBRIEF_MINUTES} minutes): take the recommendation you just "
        "made. Using {skill}, how would you check the numbers behind it, and what would you "
        "build or run in your first two weeks to prove it right or wrong?",
        follow_ups=[
            "What result in those two weeks would make you change your recommendation?",
            "Where have you used {skill} like this before, and what went wrong?",
        ],
        strong_answer=(
            "Turns the recommendation into a small, concrete test with a clear success measure\n"
            "Uses {skill} at the depth the resume claims, naming steps, tools and pitfalls\n"
            "Says in advance which result would change their mind"
        ),
        rationale="Moves from the case to hands-on skill: can the candidate test their own "
        "recommendation with the tools they list?",
        rating_scale=_scale(
            poor="Cannot say how they would check the recommendation; {skill} stays a word "
            "on the resume.",
            mixed="Proposes a check, but it would not really test the recommendation, or the "
            "{skill} detail is thin.",
            good="Designs a small, fair test with a success measure and walks through doing "
            "it with {skill}.",
            excellent="All of that, and names the result that would change their mind and a "
            "pitfall only someone who has used {skill} would know.",
        ),
        minutes=DEBRIEF_MINUTES,
    ),
    # ------------------------------------------------------------ back to the resume
    QuestionPattern(
        id="case-probe-achievement-real",
        purpose=Purpose.deep_dive,
        rounds=[ROUND],
        fact_kinds=[K.achievement],
        text="{lead}. Compared with the case you just worked, what was different when you "
        "did it for real: what data did you actually have, who pushed back, and what did you "
        "change along the way?",
        follow_ups=[
            "What did you get wrong at first, and how did you find out?",
            "How did you measure {metric}, and where did it start from?",
        ],
        strong_answer=(
            "Describes the real constraints and data, not an idealised version\n"
            "Names who pushed back and how they handled it\n"
            "Gives a baseline and how {metric} was measured, and what was their own part"
        ),
        rationale="Checks the case performance against the record: the resume says they have "
        "done this{at_org}.",
        rating_scale=_scale(
            poor="Cannot describe the real situation beyond the resume line; no baseline, no "
            "own part.",
            mixed="Some real detail, but the account sounds like the ideal case, not what "
            "happened; their own part is unclear.",
            good="Concrete about the data, the pushback and their own decisions, with a "
            "baseline for {metric}.",
            excellent="All of that, and an honest account of a wrong turn and what they "
            "would do differently with what they know now.",
        ),
        minutes=6,
    ),
    QuestionPattern(
        id="case-probe-achievement-decision",
        purpose=Purpose.deep_dive,
        rounds=[ROUND],
        fact_kinds=[K.achievement],
        text="{lead}. Walk me through the analysis behind that result: which options did "
        "you compare, which numbers settled it, and who made the final call?",
        follow_ups=[
            "What option did you rule out that you now think was better?",
            "What would have happened if the final call had gone the other way?",
        ],
        strong_answer=(
            "Names the options and the evidence that separated them\n"
            "Is clear about who decided and what their own part was\n"
            "Connects the decision to the result and how it was measured"
        ),
        rationale="The case showed how they reason today; this shows how they reasoned when "
        "it counted{at_org}.",
        rating_scale=_scale(
            poor="No options or numbers; the result is described as something that happened "
            "to them.",
            mixed="Names the decision, but not the options or the evidence behind it.",
            good="Lays out the options, the numbers that settled it and their own role in the "
            "call.",
            excellent="All of that, and what they learned from the option they ruled out.",
        ),
        minutes=6,
    ),
    QuestionPattern(
        id="case-probe-role",
        purpose=Purpose.deep_dive,
        rounds=[ROUND],
        fact_kinds=[K.role],
        text="As {title}{at_org}, when did you last have to make a recommendation like the "
        "one in the case? Walk me through the analysis you did, who made the final call, and "
        "what happened next.",
        follow_ups=[
            "What would you do differently if you made that recommendation again?",
            "How did you bring round the people who disagreed?",
        ],
        strong_answer=(
            "Picks a real recommendation of similar weight, not a routine task\n"
            "Explains the analysis and their own part in the decision\n"
            "Says what happened afterwards and what they learned"
        ),
        rationale="Ties the case to the candidate's recent role{at_org}.",
        rating_scale=_scale(
            poor="Cannot name a comparable recommendation they made.",
            mixed="Names one, but the analysis or their own part stays vague.",
            good="A real, comparable recommendation with the analysis, their part and the outcome.",
            excellent="All of that, and an honest reflection on what they would change.",
        ),
        minutes=6,
    ),
]


class CaseStudyRound(RoundType):
    """A case worked live, a short debrief on it, then probes back into the resume."""

    name = ROUND
    title = "Case-study interview"
    description = (
        "The candidate works a business or technical case live in a stated time box, asking "
        "for data as they need it; a short debrief tests the recommendation; the rest of the "
        "round goes back to the resume: where have they done this for real?"
    )
    default_count = 6
    panel_roles = (CASE_LEAD, HIRING_MANAGER)
    # Declared order is the order of the round: the case first, always exactly one.
    shares = (
        PurposeShare(
            purpose=Purpose.scenario,
            weight=1,
            minimum=1,
            maximum=1,
            minutes_each=CASE_MINUTES,
            asked_by=CASE_LEAD.id,
            fact_kinds=[K.requirement_missing, K.requirement_met, K.achievement],
        ),
        PurposeShare(
            purpose=Purpose.evaluate_skill,
            weight=1,
            minimum=1,
            maximum=1,
            minutes_each=DEBRIEF_MINUTES,
            asked_by=CASE_LEAD.id,
            # Skills the candidate shows evidence of: the debrief tests them for real.
            fact_kinds=[K.requirement_met, K.skill_evidenced],
        ),
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=3,
            minimum=1,
            minutes_each=6,
            asked_by=HIRING_MANAGER.id,
            fact_kinds=[K.achievement, K.role, K.project, K.leadership_claim, K.promotion],
        ),
        PurposeShare(
            purpose=Purpose.validate_skill,
            weight=1.2,
            minutes_each=4,
            asked_by=HIRING_MANAGER.id,
            fact_kinds=[K.skill_unevidenced, K.requirement_met, K.skill_evidenced],
        ),
        PurposeShare(
            purpose=Purpose.concern,
            weight=1,
            minutes_each=5,
            asked_by=HIRING_MANAGER.id,
            fact_kinds=[K.concern, K.gap, K.short_tenure, K.requirement_missing, K.career_change],
            needs_facts=True,
        ),
        PurposeShare(
            purpose=Purpose.motivation_fit,
            weight=0.8,
            minimum=1,
            maximum=1,
            minutes_each=4,
            asked_by=HIRING_MANAGER.id,
            fact_kinds=[K.career_change, K.role, K.promotion],
        ),
    )

    def patterns(self) -> Sequence[QuestionPattern]:
        return PATTERNS


# "35 minutes", "10 min", "45-minute": a number with a unit of time.
_TIME_BOX = re.compile(r"\b\d{1,3}\s*-?\s*(?:minutes?|mins?)\b", re.IGNORECASE)


class CaseTimeBox:
    """A case brief must say how long the candidate has: without a time box, candidates
    pace themselves differently and their answers cannot be compared."""

    name = "case_time_box"

    def check(self, question: Question, analysis: Analysis) -> str | None:
        if question.round != ROUND or question.purpose is not Purpose.scenario:
            return None
        if _TIME_BOX.search(question.text):
            return None
        return "a case brief must tell the candidate how long they have"


def guidance_documents() -> list[CorpusDocument]:
    """The Markdown guidance shipped in this package, read as package data (works from a
    wheel, an editable install or a zip)."""
    folder = resources.files(__package__) / "guidance"
    documents = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".md"):
            documents.append(
                CorpusDocument.from_markdown(
                    item.read_text(encoding="utf-8"), source=SOURCE_PREFIX + item.name
                )
            )
    return documents


@hookimpl
def register_rounds(register: Callable[[RoundType], None]) -> None:
    register(CaseStudyRound())


@hookimpl
def register_corpus_documents(register: Callable[[CorpusDocument | Path], None]) -> None:
    for document in guidance_documents():
        register(document)


@hookimpl
def register_question_checks(register: Callable[[QuestionCheck], None]) -> None:
    register(CaseTimeBox())
