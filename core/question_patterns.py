"""Question patterns: how the offline composer phrases a question for a purpose and a
kind of fact, in the candidate's own specifics.

Placeholders the composer fills (missing ones fall back to neutral words):

``{lead}`` the candidate's claim in their words ("You say you cut nightly batch time
from 6 hours to 40 minutes at Norwell Logistics"), ``{clause}`` the short quote,
``{org}`` ``{at_org}`` ``{title}`` ``{role}`` ``{tenure}``, ``{skill}`` ``{skills}``,
``{metric}``, ``{months}`` ``{gap_from}`` ``{gap_to}`` ``{after_org}`` ``{before_org}``
``{reason}``, ``{requirement}`` ``{job_title}``, ``{cert}``, ``{project}``,
``{field_from}`` ``{field_to}``, ``{other}``, ``{previous_title}``, ``{qualification}``,
``{task}`` (a practical task for the candidate's field).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from .models import FactKind, Purpose


class QuestionPattern(BaseModel):
    """A question template. Placeholders are filled from one fact (see composer.py).

    ``fact_kinds`` empty means the pattern needs no fact (general or round-level
    questions such as a group exercise brief). ``rounds`` empty means any round;
    ``asked_by`` empty means any panelist. ``when`` narrows a pattern to facts whose
    ``data`` has these values (e.g. ``{"explained": True}``).
    """

    id: str
    purpose: Purpose
    text: str
    fact_kinds: list[FactKind] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    asked_by: list[str] = Field(default_factory=list)
    when: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: str = ""
    rationale: str = ""
    minutes: float | None = None


K = FactKind
P = Purpose


def _p(
    id: str,
    purpose: Purpose,
    kinds: list[FactKind],
    text: str,
    follow_ups: list[str],
    strong: str,
    rationale: str,
    **extra: object,
) -> QuestionPattern:
    return QuestionPattern(
        id=id,
        purpose=purpose,
        fact_kinds=kinds,
        text=text,
        follow_ups=follow_ups,
        strong_answer=strong,
        rationale=rationale,
        **extra,
    )


_STAR_STRONG = (
    "A specific situation (not a habit), the candidate's own actions in the first person, "
    "and a result they can describe or measure; candid about what they would do differently."
)

BANK: list[QuestionPattern] = [
    # ------------------------------------------------------------------ deep dive
    _p(
        "deep-achievement-baseline",
        P.deep_dive,
        [K.achievement],
        "{lead}. Where did things stand before you started, how did you measure the result, "
        "and which part of it was your own work?",
        [
            "What did you try first that did not work?",
            "Who else worked on it, and what exactly did they do?",
            "How did you check that {metric} held up after the change, not just on the day?",
        ],
        "Gives a concrete baseline and how {metric} was measured; separates their own decisions "
        "from the team's; names something that did not work and what they changed because of it.",
        "Verifies a headline claim{at_org} and how much of it was the candidate's doing.",
    ),
    _p(
        "deep-achievement-reference",
        P.deep_dive,
        [K.achievement],
        "{lead}. If I asked the person you reported to then, how would they describe your part "
        "in it, and what would they say was the hardest bit?",
        [
            "What was the biggest decision you made on it, and what did you rule out?",
            "What would you do differently if you started it again tomorrow?",
            "How do you know the result came from this work and not from something else?",
        ],
        "Describes their role consistently with the claim, names a hard trade-off with its "
        "reasoning, and attributes credit fairly; the numbers survive follow-up questions.",
        "Tests whether the claim{at_org} holds up from someone else's point of view.",
    ),
    _p(
        "deep-achievement-decision",
        P.deep_dive,
        [K.achievement],
        "{lead}. What was the key decision behind that result, what options did you weigh, "
        "and what would have happened if you had chosen differently?",
        [
            "What data did you have when you decided, and what was missing?",
            "Who disagreed, and how did you bring them along?",
            "What part of that approach would transfer to this role, and what would not?",
        ],
        "Explains the options, the evidence and the reasoning; shows judgement under "
        "uncertainty; is specific about their own call rather than the team's.",
        "Moves from what was achieved to how the candidate thinks and decides.",
    ),
    _p(
        "deep-role-week",
        P.deep_dive,
        [K.role],
        "You were {title}{at_org} {tenure}. What were you accountable for that nobody else "
        "was, and what does a typical week in that job look like?",
        [
            "What is the piece of work from that role you would most like us to know about?",
            "What did you inherit when you started, and what did you leave behind?",
            "Which part of that job did you find hardest, and why?",
        ],
        "A clear picture of scope and ownership, with concrete examples and numbers; can say "
        "what changed because they were there.",
        "Establishes what the candidate actually owned in their recent role.",
    ),
    _p(
        "deep-promotion",
        P.deep_dive,
        [K.promotion],
        "You moved from {previous_title} to {title}{at_org}. What changed in what was expected of "
        "you, and what did you do that earned the move?",
        [
            "Who made the case for your promotion, and what evidence did they use?",
            "What did you have to stop doing when you stepped up?",
            "What was harder than you expected in the new role?",
        ],
        "Names concrete contributions that led to the promotion and a clear change in scope; "
        "reflects on what they had to learn.",
        "A promotion is evidence of impact; this checks what drove it.",
        when={},
    ),
    _p(
        "deep-promotion-bullet",
        P.deep_dive,
        [K.promotion],
        "{lead}. What did you do that led to that promotion, and how did your responsibilities "
        "change afterwards?",
        [
            "Who made the case for it, and what evidence did they use?",
            "What did you have to stop doing when you stepped up?",
        ],
        "Names concrete contributions that led to the promotion and a clear change in scope.",
        "A promotion is evidence of impact; this checks what drove it.",
    ),
    _p(
        "deep-project",
        P.deep_dive,
        [K.project],
        "Tell me about {project}. What problem was it solving, what did you build or decide "
        "yourself, and what would you do differently now?",
        [
            "What was the hardest technical or practical problem in it, and how did you solve it?",
            "Who used it, and what did they think?",
            "What did you leave unfinished, and why?",
        ],
        "Explains the problem and their own contribution precisely; discusses trade-offs and "
        "limits honestly; shows they learned something they still use.",
        "Projects show what the candidate chooses to do and how deep they go.",
    ),
    _p(
        "deep-leadership",
        P.deep_dive,
        [K.leadership_claim],
        "{lead}. How did you set direction for that team, and tell me about one person whose "
        "work improved because of how you led them.",
        [
            "How did you handle someone on that team who was struggling?",
            "What did the team say about you as a lead, and how do you know?",
            "Which decision did you make that the team disagreed with?",
        ],
        "Describes concrete leadership actions (goals, feedback, unblocking) with a named "
        "outcome for a person or the team; acknowledges difficulty honestly.",
        "Checks the scope and substance of a leadership claim{at_org}.",
    ),
    _p(
        "deep-education",
        P.deep_dive,
        [K.education],
        "Your resume lists {qualification}. Which piece of work from it are you proudest of, "
        "and how does it prepare you for {job_title}?",
        [
            "What was the hardest part of it for you?",
            "What did you do outside the curriculum?",
        ],
        "Points to a specific piece of work, explains their own contribution, and links it "
        "credibly to the role.",
        "For early-career candidates, study is the main evidence of how they work.",
    ),
    # ------------------------------------------------------------------ validate skill
    _p(
        "validate-unevidenced",
        P.validate_skill,
        [K.skill_unevidenced],
        "You list {skill} among your skills, but none of your roles or projects mention it. "
        "Where have you used {skill}, on what, and how recently?",
        [
            "What is the hardest problem you have solved with {skill}?",
            "What would you look up rather than know by heart?",
            "From 'read about it' to 'could teach it', where are you with {skill}, and why?",
        ],
        "Names a real task or project where {skill} was used, at a depth that matches the "
        "claim; candid about limits; mentions a pitfall only a practitioner would know.",
        "{skill} is claimed but not evidenced anywhere in the resume.",
    ),
    _p(
        "validate-unevidenced-group",
        P.validate_skill,
        [K.skill_unevidenced],
        "{skills} appear in your skills list but in none of your roles or projects. Pick the one "
        "you know best: where did you use it, what did you build, and how recently?",
        [
            "And the one you know least: what is your honest level there?",
            "What would you need to get productive with it in our team?",
            "What is a mistake people commonly make with it?",
        ],
        "Gives a concrete, recent example for at least one skill and rates the others honestly; "
        "depth matches what the resume implies.",
        "Several listed skills have no supporting evidence in the resume.",
        when={"grouped": True},
    ),
    _p(
        "validate-evidenced",
        P.validate_skill,
        [K.skill_evidenced],
        "{lead}. What did {skill} let you do there that another approach would not have, and "
        "where did it fall short?",
        [
            "What would you configure or write differently with {skill} today?",
            "How did you test or monitor that work?",
            "Who else on the team knew {skill}, and how did you share what you learned?",
        ],
        "Explains why {skill} fitted the problem, names a limitation they hit and how they "
        "worked around it; the detail matches hands-on use.",
        "Checks the depth of {skill} where the resume says it was used.",
    ),
    _p(
        "validate-requirement-met",
        P.validate_skill,
        [K.requirement_met],
        'The role asks for "{requirement}". Pick the piece of work on your resume that shows it '
        "best and explain the choices you made and why.",
        [
            "What was the most complex case of it you handled?",
            "What would you do differently with what you know now?",
            "How would you explain it to a new colleague in ten minutes?",
        ],
        "Chooses a relevant example, explains choices and trade-offs in detail, and shows depth "
        "matching the role's requirement.",
        "The job requires it and the resume suggests it: this validates the depth.",
    ),
    _p(
        "validate-certification",
        P.validate_skill,
        [K.certification],
        "You hold {cert}. How have you used what it covers in your work, and which part of it "
        "do you rely on most?",
        [
            "What did you have to learn for it that you did not know from experience?",
            "How do you keep that knowledge current?",
        ],
        "Connects the certification to concrete work; shows practical, not just exam, knowledge.",
        "A certification is a claim of knowledge; this checks it is used.",
        when={"expired": False},
    ),
    _p(
        "validate-certification-expired",
        P.validate_skill,
        [K.certification],
        "Your resume shows {cert} as expired. Is it still relevant to the work you want to do, "
        "and how have you kept that knowledge current?",
        [
            "Do you plan to renew it, and when?",
            "What has changed in that field since you certified?",
        ],
        "Is straightforward about the status, explains how the knowledge has been kept up, "
        "and has a plan if the role requires it.",
        "An expired certification may matter for the role.",
        when={"expired": True},
    ),
    # ------------------------------------------------------------------ evaluate skill
    _p(
        "evaluate-task-skill",
        P.evaluate_skill,
        [K.skill_evidenced, K.requirement_met, K.skill_unevidenced],
        "Let's make it practical: {task} Think aloud; I am more interested in how you break it "
        "down than in a perfect answer.",
        [
            "What would you check first, and why?",
            "How would you know your solution works?",
            "What would you do differently with twice the time, or half?",
        ],
        "Clarifies the problem before solving it, breaks it into steps, names trade-offs, says "
        "how they would test it, and uses {skill} the way a practitioner would.",
        "A short work sample shows the skill directly instead of relying on the resume.",
    ),
    _p(
        "evaluate-task-missing",
        P.evaluate_skill,
        [K.requirement_missing],
        'The role needs "{requirement}", which your resume does not show. Here is a short '
        "exercise: {task} Talk me through how you would approach it, and where you would need "
        "support.",
        [
            "What do you already know that transfers here?",
            "How would you get up to speed in your first month?",
            "What would you ask a colleague before starting?",
        ],
        "Reasons from first principles and related experience, asks good clarifying questions, "
        "is honest about gaps and has a realistic plan to close them.",
        "Tests a required skill the resume does not show, fairly, with a small task.",
        when={"named_skill": True},
    ),
    _p(
        "evaluate-plan-missing",
        P.evaluate_skill,
        [K.requirement_missing],
        'The role needs "{requirement}", which your resume does not show. Suppose you had to '
        "show it here in your first month: sketch your plan step by step, as you would on a "
        "whiteboard, and say where you would need support.",
        [
            "What have you done that comes closest?",
            "What would you ask a colleague before starting?",
            "How would you know after a month that it is going well?",
        ],
        "A concrete, well-ordered plan grounded in related experience, with sensible first "
        "steps and honest limits.",
        "Tests a required capability the resume does not show, fairly, through a work sample.",
        when={"named_skill": False},
    ),
    _p(
        "evaluate-achievement-sketch",
        P.evaluate_skill,
        [K.achievement],
        "{lead}. Sketch, on paper or in words, how that worked end to end, and tell me where it "
        "would break first if the volume doubled.",
        [
            "Which part of it did you design yourself?",
            "How would you find the bottleneck if it slowed down tomorrow?",
        ],
        "Gives a coherent end-to-end explanation with the right level of detail, identifies a "
        "realistic weak point, and proposes a sensible fix.",
        "Evaluates the skill behind a claimed result, not just the result.",
    ),
    _p(
        "evaluate-project-extend",
        P.evaluate_skill,
        [K.project],
        "Let's work with {project}. Suppose it had to serve ten times as many users next "
        "month: walk me through what you would change first, and how you would test it.",
        [
            "Which part of it would you rewrite, and why?",
            "What would you measure to know the change worked?",
        ],
        "Reasons from how the project actually works, prioritises the real bottleneck, and "
        "plans a test; honest about what they did not build themselves.",
        "A practical extension of the candidate's own work shows skill directly.",
    ),
    # ------------------------------------------------------------------ scenario
    _p(
        "scenario-requirement",
        P.scenario,
        [K.requirement_met, K.requirement_missing],
        'Part of this role is "{requirement}". Imagine that in your first month something in '
        "that area goes wrong just before a deadline: how would you find out what happened, "
        "who would you involve, and what would you do first?",
        [
            "What would you tell the people affected, and when?",
            "How would you stop it happening again?",
            "What would you need from your manager?",
        ],
        "Structures the problem (facts first, then options), prioritises sensibly, communicates "
        "early, and thinks about prevention, drawing on real experience.",
        "A realistic situation from the job shows problem solving and judgement in context.",
    ),
    _p(
        "scenario-role",
        P.scenario,
        [K.role],
        "Suppose that in your first three months here you take on work like you did as "
        "{title}{at_org}, but with half the team and a deadline that has just moved forward. "
        "What do you do in the first week?",
        [
            "What would you drop, and how would you explain that?",
            "How would you keep quality up?",
            "What would you escalate, and to whom?",
        ],
        "Prioritises explicitly, negotiates scope, protects quality, and communicates; refers to "
        "how they handled similar pressure before.",
        "Tests how the candidate's experience transfers under realistic pressure.",
    ),
    _p(
        "scenario-achievement",
        P.scenario,
        [K.achievement],
        "{lead}. Suppose you had to repeat that here, with half the budget and a stakeholder who "
        "doubts it is worth doing. What would you change in your approach?",
        [
            "How would you win over the sceptic?",
            "What is the smallest version that would still prove the point?",
        ],
        "Adapts rather than repeats, finds a cheaper first step, and plans how to persuade with "
        "evidence.",
        "Checks whether a past success transfers to different constraints.",
    ),
    # ------------------------------------------------------------------ behavioural
    _p(
        "behav-leadership-disagree",
        P.behavioural,
        [K.leadership_claim],
        "{lead}. Tell me about a time in that team when someone disagreed with your direction: "
        "what was the situation, what did you do, and how did it end?",
        [
            "What did you learn about that person?",
            "Would you handle it the same way today?",
            "How did the rest of the team see it?",
        ],
        _STAR_STRONG + " Shows they listened and could change course or hold firm for reasons.",
        "Leadership claims are best tested by how the candidate handled friction.",
    ),
    _p(
        "behav-unquantified",
        P.behavioural,
        [K.unquantified_claim],
        "{lead}. Take one specific time from that work: what was the situation, what did you "
        "personally do, and what changed because of it?",
        [
            "How would someone else have noticed the difference?",
            "What was the hardest part, and how did you handle it?",
            "What did you not do that, looking back, you should have?",
        ],
        _STAR_STRONG,
        "The resume describes this in general terms; a concrete example shows the real scope.",
    ),
    _p(
        "behav-achievement-setback",
        P.behavioural,
        [K.achievement],
        "{lead}. Tell me about a moment during that work when things went wrong. What did you "
        "do, and what did you learn from it?",
        [
            "Who did you have to involve, and how?",
            "What would you do differently next time?",
        ],
        _STAR_STRONG,
        "Past behaviour under difficulty is the best guide to future behaviour.",
    ),
    _p(
        "behav-overlap",
        P.behavioural,
        [K.overlap],
        "You held {title}{at_org} at the same time as {other}. Tell me about a week when both "
        "needed you at once: how did you decide what came first?",
        [
            "How did you keep both sides informed?",
            "What did you learn about managing your commitments?",
        ],
        _STAR_STRONG + " Shows deliberate prioritisation and honest communication.",
        "Concurrent roles call for evidence of how the candidate prioritises.",
    ),
    _p(
        "behav-role-team",
        P.behavioural,
        [K.role],
        "Think of a time as {title}{at_org} when your team was stuck. What did you do to get it "
        "moving, and what did the others do?",
        [
            "How did you know it was stuck?",
            "What would you do differently today?",
        ],
        _STAR_STRONG + " Credits others and shows what they did themselves.",
        "Teamwork is best judged from a specific shared difficulty.",
    ),
    _p(
        "behav-concern-notes",
        P.behavioural,
        [K.concern],
        "Coming back to {topic} from our first conversation: can you give me a specific example "
        "that shows how you have handled it in practice?",
        [
            "What did you do, step by step?",
            "What was the outcome, and how do you know?",
        ],
        _STAR_STRONG,
        "The first interview left this open; a concrete example settles it either way.",
    ),
    _p(
        "behav-promotion",
        P.behavioural,
        [K.promotion],
        "{lead}. Tell me about the first hard situation you faced after that change, and how "
        "you handled it.",
        ["What did you do that you would not have done in your previous role?"],
        _STAR_STRONG,
        "A step up in responsibility is a good source of behavioural evidence.",
    ),
    # ------------------------------------------------------------------ concerns and gaps
    _p(
        "concern-gap",
        P.concern,
        [K.gap],
        "Your resume shows about {months} between {after_org} ({gap_from}) and {before_org} "
        "({gap_to}). Could you walk me through that period and what you brought from it into "
        "your next role?",
        [
            "How did you keep your skills current during that time?",
            "What made {before_org} the right next step?",
        ],
        "A clear, comfortable account that links the period to what they bring now. The "
        "candidate does not owe personal reasons, and the interviewer should not press for them.",
        "An unexplained gap is a common open question; ask it neutrally and move on.",
        when={"explained": False, "open_ended": False, "uncertain": False},
    ),
    _p(
        "concern-gap-years",
        P.concern,
        [K.gap],
        "Your dates are given in years: {after_org} ends in {gap_from} and {before_org} starts "
        "in {gap_to}. Was there time between the two, and if so, what did you do then?",
        [
            "What made {before_org} the right next step?",
            "Roughly which months did each role start and end?",
        ],
        "A straightforward account of the transition with approximate months; no personal "
        "reasons are needed or asked for.",
        "Year-only dates can hide a gap of many months; one neutral question settles it.",
        when={"uncertain": True},
    ),
    _p(
        "concern-gap-since",
        P.concern,
        [K.gap],
        "The most recent role on your resume ended in {gap_from}. What have you been focusing on "
        "since then, and what are you looking for in your next role?",
        [
            "What have you done to stay current in your field?",
            "What would make this role the right fit after that time?",
        ],
        "A straightforward account of the recent period and a clear sense of what they want "
        "next; no personal details are needed or asked for.",
        "Recent time away from work is worth a neutral, forward-looking question.",
        when={"open_ended": True},
    ),
    _p(
        "concern-gap-explained",
        P.concern,
        [K.gap],
        "Between {after_org} and {before_org} your resume mentions {reason}. What did that time "
        "give you that is relevant to this role?",
        [
            "What was the most useful thing you learned or did in that period?",
            "How did you decide it was time to go back to work?",
        ],
        "Connects the period to concrete skills or perspective; comfortable, not defensive.",
        "The resume explains the gap; a light, forward-looking question is enough.",
        when={"explained": True},
    ),
    _p(
        "concern-short-tenure",
        P.concern,
        [K.short_tenure],
        "You were {title}{at_org} for {months}. What led you to move on, and what would you look "
        "for to make sure this role is a longer fit?",
        [
            "What did you achieve in that time?",
            "What would your manager there say about why you left?",
        ],
        "An honest, non-defensive account of why it was short, what they delivered anyway, and "
        "what they learned about the roles that suit them.",
        "A short stay is worth understanding, without assuming the worst.",
        when={"expected": False},
    ),
    _p(
        "concern-short-planned",
        P.concern,
        [K.short_tenure],
        "Your time as {title}{at_org} lasted {months}. What did you deliver in that time, and "
        "what would you have done with another six months?",
        ["What did you hand over, and to whom?"],
        "Names concrete deliverables within the engagement and a sensible view of what was next.",
        "A fixed-term role is normal; what matters is what was delivered.",
        when={"expected": True},
    ),
    _p(
        "concern-overlap",
        P.concern,
        [K.overlap],
        "Your time as {title}{at_org} overlaps with {other} by {months}. How did the two fit "
        "together, and how did you manage your commitments to both?",
        [
            "Were both roles part-time, or was one a side project?",
            "What would you keep or drop if you joined us?",
        ],
        "A clear explanation of the arrangement, showing it was managed openly and well.",
        "Overlapping dates are worth clarifying so the timeline is understood.",
    ),
    _p(
        "concern-notes",
        P.concern,
        [K.concern],
        "I'd like to go deeper today on {topic}. Can you take me through a concrete example, "
        "step by step, including what you did yourself?",
        [
            "What exactly was your part in it?",
            "What would someone who worked with you then say about it?",
            "What have you changed since?",
        ],
        "Resolves the concern with specific, verifiable detail; acknowledges any real weakness "
        "and what they are doing about it.",
        "The second round is the place to settle what the first interview or references raised.",
    ),
    _p(
        "concern-requirement-missing",
        P.concern,
        [K.requirement_missing],
        'The role needs "{requirement}", and I could not find it in your resume. Where does '
        "your experience come closest, and how would you close the gap in your first months?",
        [
            "What have you done already to learn it?",
            "What support would help you most?",
        ],
        "Points to genuinely related experience, is honest about the gap, and has a concrete, "
        "realistic plan.",
        "A stated requirement with no evidence in the resume.",
    ),
    _p(
        "concern-unquantified",
        P.concern,
        [K.unquantified_claim],
        "{lead}. What exactly was your part in that, as opposed to the team's, and what was "
        "different when you finished?",
        [
            "Can you put a number or a concrete before-and-after on it?",
            "Who would confirm your part in it?",
        ],
        "Separates personal contribution from the team's and gives concrete outcomes.",
        "Vague wording can hide a small role; a precise answer removes the doubt.",
    ),
    _p(
        "concern-unevidenced-skill",
        P.concern,
        [K.skill_unevidenced],
        "{skill} appears in your skills list, but none of your roles or projects mention it. "
        "How much have you actually used it, and what would you need to use it in your first "
        "month here?",
        [
            "When did you last use {skill}, and on what?",
            "What would you look up before using it in production?",
        ],
        "An honest, specific account of their level with a concrete example; no inflation.",
        "{skill} is claimed but not evidenced anywhere in the resume.",
    ),
    _p(
        "concern-career-change",
        P.concern,
        [K.career_change],
        "You moved from {field_from} into {field_to}. What from your earlier work carries over, "
        "and where are you still building up?",
        [
            "What have you done to learn the new field?",
            "What do people from a {field_to} background tend to miss that you notice?",
        ],
        "Names transferable skills with examples and is honest and specific about what they "
        "are still learning.",
        "A career change brings strengths and gaps; both should be explicit.",
        when={"fields_known": True},
    ),
    _p(
        "concern-career-change-said",
        P.concern,
        [K.career_change],
        "{lead}. What from your earlier work carries over to this role, and where are you "
        "still building up?",
        [
            "What have you done to learn the new field?",
            "What would a colleague from your earlier career say you are best at?",
        ],
        "Names transferable skills with examples and is honest and specific about what they "
        "are still learning.",
        "A career change brings strengths and gaps; both should be explicit.",
        when={"fields_known": False},
    ),
    _p(
        "concern-certification-expired",
        P.concern,
        [K.certification],
        "Your resume lists {cert} as expired. Does the work you want depend on it, and do you "
        "plan to renew it?",
        ["How have you kept up with changes since it lapsed?"],
        "Clear on the status and a credible plan if the role needs it.",
        "An expired credential may matter for the role.",
        when={"expired": True},
    ),
    # ------------------------------------------------------------------ motivation and fit
    _p(
        "motivation-career-change",
        P.motivation_fit,
        [K.career_change],
        "What drew you from {field_from} to {field_to}, and why is {job_title} the right next "
        "step for you?",
        [
            "What would make you regret the change?",
            "Where do you want to be in two years?",
        ],
        "A considered, specific reason for the change and for this role; realistic about what "
        "the move involves.",
        "Motivation matters most where a candidate is changing direction.",
        when={"fields_known": True},
    ),
    _p(
        "motivation-career-change-said",
        P.motivation_fit,
        [K.career_change],
        "{lead}. What made you change direction, and why is {job_title} the right next step "
        "for you?",
        [
            "What from your earlier career still helps you every week?",
            "What would make you regret the change?",
        ],
        "A considered, specific reason for the change and for this role; realistic about what "
        "the move involves.",
        "Motivation matters most where a candidate is changing direction.",
        when={"fields_known": False},
    ),
    _p(
        "motivation-role",
        P.motivation_fit,
        [K.role],
        "What do you want from your next role that you did not get as {title}{at_org}, and how "
        "does {job_title} give you that?",
        [
            "What would make you leave a job within a year?",
            "What kind of manager brings out your best work?",
        ],
        "Specific about what they want and why; links it to what they know about this role "
        "rather than generic praise.",
        "Checks that the move is a considered one and that the role can deliver it.",
    ),
    _p(
        "motivation-promotion",
        P.motivation_fit,
        [K.promotion],
        "After moving up to {title}{at_org}, what kind of responsibility do you want next, and "
        "where does {job_title} fit in that?",
        ["What would you miss about your current role?"],
        "A clear direction that fits the role; honest about trade-offs.",
        "Ambition and fit: does the candidate's direction match the role?",
    ),
    _p(
        "motivation-education",
        P.motivation_fit,
        [K.education],
        "What from {qualification} still shapes how you work, and why does {job_title} appeal "
        "to you now?",
        ["What kind of team do you learn best in?"],
        "Specific reasons grounded in their studies and in what they know about the role.",
        "For early-career candidates, motivation is a strong signal.",
    ),
    _p(
        "motivation-general",
        P.motivation_fit,
        [],
        "What do you know about how this team works, and what about it would help you do your "
        "best work, or make it hard?",
        ["What have you heard about us that gave you pause?"],
        "Has done homework on the team and role; honest about working preferences.",
        "Fit is about working conditions and goals, judged the same way for everyone.",
    ),
    # ------------------------------------------------------------------ salary
    _p(
        "salary-expectations",
        P.salary_expectations,
        [],
        "What salary range are you looking for in {job_title}, and which parts of the package "
        "(base pay, bonus, benefits, flexibility, development) matter most to you?",
        [
            "Is there anything about the timing of a start date we should know?",
            "Are there other offers or processes we should be aware of?",
        ],
        "A researched range or a clear openness to discuss; explains priorities. Ask only about "
        "expectations: current or past pay is never asked.",
        "Expectations, not history: salary-history questions are banned in many places.",
    ),
    # ------------------------------------------------------------------ variants
    # Second phrasings for the kinds that often appear several times in one kit, so
    # two questions about similar facts never read like a mail merge.
    _p(
        "behav-unquantified-hardest",
        P.behavioural,
        [K.unquantified_claim],
        "{lead}. Tell me about the hardest moment in that work: what was going on, what did "
        "you do about it yourself, and how did it turn out?",
        [
            "Who else was involved, and what did they do?",
            "How would you measure whether it went well?",
            "What would you do differently now?",
        ],
        _STAR_STRONG,
        "General wording on the resume; a specific episode shows the real scope.",
    ),
    _p(
        "behav-leadership-feedback",
        P.behavioural,
        [K.leadership_claim],
        "{lead}. Tell me about a time you had to give difficult feedback to someone in that "
        "team. What did you say, and what happened next?",
        [
            "How did you prepare for the conversation?",
            "What changed afterwards, and how did you follow up?",
        ],
        _STAR_STRONG + " Shows care for the person and clarity about the standard.",
        "Leadership claims are best tested through hard conversations.",
    ),
    _p(
        "validate-unevidenced-walkthrough",
        P.validate_skill,
        [K.skill_unevidenced],
        "{skill} is on your skills list, though no role mentions it. Walk me through the last "
        "thing you actually did with {skill}, step by step: what was it for, and what went "
        "wrong along the way?",
        [
            "How long ago was that, and how often have you used {skill} since?",
            "What would you want to refresh before using it in production here?",
        ],
        "A concrete, recent walk-through with practitioner detail; honest about how current "
        "the skill is.",
        "{skill} is claimed but not evidenced anywhere in the resume.",
    ),
    _p(
        "validate-unevidenced-group-dayone",
        P.validate_skill,
        [K.skill_unevidenced],
        "Your skills list includes {skills}, yet no role or project mentions them. Which could "
        "you use from day one, and which would need some ramp-up? Give me a real example for "
        "the first.",
        [
            "What did you build with it, and who used it?",
            "What would you need to learn first for the others?",
        ],
        "Sorts the skills honestly by depth and backs the strongest with a concrete example.",
        "Several listed skills have no supporting evidence in the resume.",
        when={"grouped": True},
    ),
    _p(
        "validate-evidenced-again",
        P.validate_skill,
        [K.skill_evidenced],
        "{lead}. If I handed you the same problem today, what would you do differently with "
        "{skill}, and why?",
        [
            "What have you learned about {skill} since then?",
            "What is a mistake you made with {skill} that you would not make again?",
        ],
        "Shows growth: names concrete improvements and the reasoning behind them.",
        "Checks the depth of {skill} where the resume says it was used.",
    ),
    _p(
        "concern-notes-open",
        P.concern,
        [K.concern],
        "Last time we touched on {topic}. What would you like us to know about it, and can you "
        "walk me through a specific example?",
        [
            "What was your own part in it?",
            "What would you do differently now?",
        ],
        "Addresses the point directly with a specific, verifiable example; open rather than "
        "defensive.",
        "The second round is the place to settle what the first interview or references raised.",
    ),
    _p(
        "concern-gap-shape",
        P.concern,
        [K.gap],
        "Between {after_org} ({gap_from}) and {before_org} ({gap_to}) there are about {months} "
        "that your resume does not cover. What did that time involve, and how did it shape "
        "what you looked for next?",
        [
            "What did you do to keep your skills current?",
            "What made {before_org} the right move?",
        ],
        "A clear, comfortable account that links the period to what they bring now. The "
        "candidate does not owe personal reasons, and the interviewer should not press for them.",
        "An unexplained gap is a common open question; ask it neutrally and move on.",
        when={"explained": False, "open_ended": False, "uncertain": False},
    ),
    _p(
        "concern-short-tenure-learned",
        P.concern,
        [K.short_tenure],
        "Your time as {title}{at_org} lasted {months}. Looking back, what did it teach you "
        "about the kind of role and team where you do your best work?",
        [
            "What did you deliver before you left?",
            "How did you decide to move on?",
        ],
        "An honest, non-defensive account of why it was short, what they delivered anyway, and "
        "what they learned about the roles that suit them.",
        "A short stay is worth understanding, without assuming the worst.",
        when={"expected": False},
    ),
    _p(
        "concern-requirement-closest",
        P.concern,
        [K.requirement_missing],
        'Your resume does not show "{requirement}", which this role needs. Tell me about the '
        "closest thing you have done, and what you would need to get fully up to speed.",
        [
            "How long do you think that would take, realistically?",
            "What have you already started on?",
        ],
        "Points to genuinely related experience, is honest about the gap, and has a concrete, "
        "realistic plan.",
        "A stated requirement with no evidence in the resume.",
    ),
    _p(
        "scenario-requirement-friday",
        P.scenario,
        [K.requirement_met, K.requirement_missing],
        'This role involves "{requirement}". Suppose a senior stakeholder asks for a result in '
        "that area by Friday, and what you need to do it is incomplete. Talk me through what "
        "you would do between now and Friday.",
        [
            "What would you tell the stakeholder on day one?",
            "What would you deliver if Friday could not move?",
        ],
        "Clarifies the real need, proposes a credible reduced scope, communicates early and "
        "honestly, and draws on similar experience.",
        "A realistic situation from the job shows judgement under pressure.",
    ),
    _p(
        "deep-role-inherited",
        P.deep_dive,
        [K.role],
        "As {title}{at_org} {tenure}, what did you inherit when you started, and what was "
        "different because you were there?",
        [
            "Which change are you proudest of, and how do you know it worked?",
            "What did you try that did not stick?",
        ],
        "A concrete before-and-after of their scope, with evidence and honest limits.",
        "Establishes what the candidate actually owned in the role.",
    ),
    # ------------------------------------------------------------------ group exercise
    _p(
        "group-exercise-watch",
        P.group_exercise,
        [K.leadership_claim, K.role, K.achievement, K.unquantified_claim],
        "Group exercise (about 30 minutes, four to six candidates): {brief} Assessors note how "
        "each person contributes ideas, listens, builds on others and helps the group finish on "
        'time. This candidate\'s resume says "{clause}": watch whether that shows in how they '
        "work with the group.",
        [
            "Afterwards: what did you contribute that the plan would have missed without you?",
            "When did you change your mind during the exercise, and why?",
            "Who was hardest to work with in the group, and what did you do about it?",
        ],
        "Offers ideas and builds on others'; brings quieter members in; handles disagreement "
        "constructively; helps the group decide in time; reflects honestly on their own part.",
        "A group exercise shows teamwork directly, which interviews can only ask about.",
        minutes=30,
    ),
    _p(
        "group-exercise",
        P.group_exercise,
        [],
        "Group exercise (about 30 minutes, four to six candidates): {brief} Assessors note how "
        "each person contributes ideas, listens, builds on others and helps the group finish on "
        "time.",
        [
            "Afterwards: what did you contribute that the plan would have missed without you?",
            "When did you change your mind during the exercise, and why?",
            "Who was hardest to work with in the group, and what did you do about it?",
        ],
        "Offers ideas and builds on others'; brings quieter members in; handles disagreement "
        "constructively; helps the group decide in time; reflects honestly on their own part.",
        "A group exercise shows teamwork directly, which interviews can only ask about.",
        minutes=30,
    ),
    # ------------------------------------------------------------------ general fallbacks
    _p(
        "behav-general-ambiguity",
        P.behavioural,
        [],
        "Tell me about a time you had to deliver something important with incomplete "
        "information. What did you do, and how did it turn out?",
        ["What did you do to reduce the uncertainty?", "What would you do differently?"],
        _STAR_STRONG,
        "A core behavioural question asked of every candidate for comparison.",
    ),
    _p(
        "scenario-general",
        P.scenario,
        [],
        "Imagine two senior colleagues give you conflicting priorities in your first month in "
        "{job_title}. How do you handle it?",
        ["What would you do if they both insisted?"],
        "Seeks clarity on goals, involves the right people openly, and does not play one "
        "against the other.",
        "A realistic situation asked of every candidate for comparison.",
    ),
]


# Candidate questions: what a candidate could ask the employer (audience "candidate").
CANDIDATE_QUESTIONS: list[str] = [
    "What would success look like in the first 90 days in {job_title}?",
    "How does this role contribute to the team's goals this year, and how is that measured?",
    "What is the biggest challenge the team faces right now that this hire would help with?",
    "How does the team share knowledge and give each other feedback?",
    "What did the last person in this role go on to do, and what does progression look like?",
    "How does {job_title} fit into the wider business?",
]
CANDIDATE_QUESTION_FOR_REQUIREMENT = (
    'The description mentions "{requirement}": what does that look like day to day here?'
)

# Practical tasks by field, for evaluate-skill questions ({task}).
TASKS: dict[str, str] = {
    "software": (
        "you are handed a 50-line change that adds caching with {skill} to a slow API endpoint, "
        "with no tests. What would you ask the author to change, and how would you test it?"
    ),
    "data": (
        "given an orders table with duplicate rows and missing dates, how would you use {skill} "
        "to report weekly revenue per region, and how would you check the numbers are right?"
    ),
    "design": (
        "a sign-up form loses a third of its users at one step. Using {skill}, what would you "
        "research, sketch and test first?"
    ),
    "finance": (
        "a month-end reconciliation is out by a small, unexplained amount the day before "
        "close. Using {skill}, how do you find the cause and what do you report?"
    ),
    "healthcare": (
        "at handover you notice two records for the same patient disagree on a medication. "
        "Walk me through what you do, in order, and how {skill} comes into it."
    ),
    "education": (
        "half of a class has not grasped last week's topic and the assessment is in two weeks. "
        "Plan the next three lessons, and say how {skill} shapes them."
    ),
    "sales": (
        "a key account says a competitor is 15% cheaper and renewal is in a month. Using "
        "{skill}, how do you prepare for the call, and what do you propose?"
    ),
    "marketing": (
        "a campaign is halfway through its budget with half the expected leads. Using {skill}, "
        "how do you diagnose it and what do you change this week?"
    ),
    "logistics": (
        "a regular shipment is late for the third week running and a customer is escalating. "
        "Using {skill}, how do you find the root cause and what do you tell the customer?"
    ),
    "legal": (
        "you are given a 30-page contract to review by tomorrow with three open issues flagged. "
        "How do you approach it with {skill}, and what do you send the lawyer?"
    ),
    "people": (
        "a hiring manager wants to fill a role in three weeks that usually takes ten. Using "
        "{skill}, what plan do you propose and what do you push back on?"
    ),
    "hospitality": (
        "a busy service is short two staff and a large booking arrives early. How do you "
        "reorganise, and how does {skill} help?"
    ),
    "construction": (
        "a site inspection finds work that does not match the drawings a week before handover. "
        "Using {skill}, what do you check and how do you decide on the fix?"
    ),
    "learning": (
        "a compliance course has a 40% completion rate and learners say it is too long. "
        "Using {skill}, how would you find out why, and what would you change first?"
    ),
    "engineering": (
        "a part you designed fails its first test on the rig a week before the design "
        "review. Using {skill}, how do you find the cause and decide between a redesign "
        "and a fix?"
    ),
    "general": (
        "take a realistic problem from this team's work that relies on {skill}: describe how you "
        "would scope it, what you would do first, and how you would know it worked."
    ),
}
