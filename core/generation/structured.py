"""Structured mode: the same core questions and scale for every candidate of a role, with
follow-ups tailored to each candidate's resume, and every question mapped to a competency.

The core set is built from the role profile alone (same text, order and rubric for every
candidate: reproducible from the profile), so candidates can be compared fairly; the
tailored part is where the kit digs into this resume. Interview research favours exactly
this mix: structured core questions, behavioural and situational, with follow-ups and
anchored scales.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..analysis.protected import question_topic
from ..errors import InvalidRequest
from ..models import (
    Analysis,
    CompetencyCoverage,
    Evidence,
    Fact,
    FactKind,
    Purpose,
    Question,
    RatingAnchor,
)
from ..planning.role_profile import Competency, RoleProfile


@dataclass(frozen=True)
class _CoreTemplate:
    text: str
    follow_ups: tuple[str, ...]
    poor: str
    mixed: str
    good: str
    excellent: str
    purpose: Purpose = Purpose.behavioural


# Well-tried core questions for the competencies every profile derived by
# ``role init`` contains; any other competency gets a question built from its name.
_LIBRARY: dict[str, _CoreTemplate] = {
    "problem-solving": _CoreTemplate(
        "Tell me about a problem at work where the first thing you tried did not work. How "
        "did you find the real cause, and what did you do next?",
        ("How did you know you had found the real cause?", "What would you do sooner now?"),
        "No real example, or the problem was solved by someone else; no sense of method.",
        "A real problem, but the diagnosis is thin or the candidate's own part is unclear.",
        "A specific problem, a clear method to find the cause, their own actions and a "
        "checked result.",
        "All of that, plus alternatives weighed, how they confirmed the fix held, and what "
        "they changed so it would not recur.",
    ),
    "ownership-and-delivery": _CoreTemplate(
        "Describe a time you were responsible for delivering something important and it "
        "was at risk of slipping. What did you do, and what happened?",
        ("When did you first see the risk, and who did you tell?", "What did you cut, and why?"),
        "Blames others or circumstances; no action of their own to recover the delivery.",
        "Took some action, but late, or without telling the people affected.",
        "Spotted the risk early, acted (scope, help, sequencing), kept people informed, and "
        "delivered or reset expectations honestly.",
        "All of that, plus a clear trade-off made deliberately and a change they made so it "
        "would not happen again.",
    ),
    "communication": _CoreTemplate(
        "Tell me about a time you had to explain something complex to someone without your "
        "background. How did you make sure it landed?",
        ("What did you leave out, and why?", "How did you check they understood?"),
        "Cannot recall a specific case, or describes talking at people without checking.",
        "A real case, but the adaptation to the audience or the check that it landed is vague.",
        "Chose the level and format for the audience, checked understanding, and the person "
        "could act on it.",
        "All of that, plus adjusting in the moment from feedback and a lasting result (a "
        "decision made, a document others reused).",
    ),
    "collaboration": _CoreTemplate(
        "Tell me about a time you disagreed with a colleague about how to do a piece of "
        "work. How did you handle it, and what was the outcome?",
        ("What did you learn about their point of view?", "Would you handle it the same way?"),
        "Describes winning an argument or avoiding the person; no resolution.",
        "Resolved, but mainly by escalation or giving in, with little reflection.",
        "Understood the other view, argued with evidence, and reached a decision both could "
        "work with.",
        "All of that, plus a better outcome than either starting position and a working "
        "relationship that improved.",
    ),
    "leading-and-developing-others": _CoreTemplate(
        "Tell me about someone whose work improved because of your support. What did you "
        "do, and what changed for them?",
        ("How did you adapt your approach to them?", "What did you find hardest?"),
        "No specific person, or 'support' means doing the work for them.",
        "A real case, but the actions are generic (regular one-to-ones) and the change is vague.",
        "A specific person, tailored actions (feedback, stretch work, coaching) and a visible "
        "change in their work.",
        "All of that, plus how they handled a setback in that person's progress and what "
        "they learned as a lead.",
    ),
    "learning-and-adaptability": _CoreTemplate(
        "Suppose you joined us and found the team relies on a tool or method you have never "
        "used. How would you get productive in your first month?",
        ("What would you ask for on day one?", "How would you know you were on track?"),
        "Waits to be trained; no plan of their own.",
        "A plan, but generic (read the documentation) and without checkpoints.",
        "A concrete plan: small real tasks early, people to learn from, ways to check "
        "progress; draws on a time they learned fast before.",
        "All of that, plus how they would contribute back (notes, fixes) while learning.",
        Purpose.scenario,
    ),
    "motivation-for-the-role": _CoreTemplate(
        "If you joined, what would you want to have achieved after six months, and what "
        "makes this role the right next step for you?",
        ("What would make you leave a role early?", "What kind of support helps you most?"),
        "Generic goals that fit any job; no link to this role.",
        "Some specific goals, loosely connected to the role.",
        "Concrete goals that fit the role and a clear reason this is the right step.",
        "All of that, plus realistic awareness of the role's challenges and how they would "
        "meet them.",
        Purpose.motivation_fit,
    ),
}


def _topic(name: str) -> str:
    """A competency name inside a sentence: lower case, unless it starts with a name
    ("Kafka and Kubernetes", "SQL reporting")."""
    from ..analysis.skills_lexicon import skill_lexicon

    first = name.split(" ", 1)[0]
    proper = (
        (first.isupper() and len(first) > 1)
        or any(c.isupper() for c in first[1:])
        or bool(skill_lexicon().names_in(first))
    )
    return name if proper else name[0].lower() + name[1:]


def _generic(competency: Competency) -> _CoreTemplate:
    topic = _topic(competency.name)
    if competency.style == "situational":
        return _CoreTemplate(
            f"Imagine that in your first month here, {topic} became the thing standing "
            "between the team and an important deadline. What would you do, step by step?",
            ("What would you check first?", "Who would you involve, and when?"),
            f"No plan for {topic}; acts without understanding the problem.",
            f"A plausible plan for {topic}, but thin on priorities or on checking the result.",
            f"A clear, prioritised plan for {topic}, with the right people involved and a "
            "way to know it worked.",
            "All of that, plus trade-offs made explicit and experience from a similar case.",
            Purpose.scenario,
        )
    return _CoreTemplate(
        f"Tell me about the most demanding piece of work you have done involving {topic}. "
        "What was at stake, what did you do yourself, and how did it turn out?",
        ("What would you do differently now?", "How did you know it had worked?"),
        f"No specific example of {topic}, or the candidate's own part is unclear.",
        f"A real example of {topic}, but thin on their own actions or on the result.",
        f"A specific example of {topic} with clear actions of their own and a result "
        "they can show.",
        f"All of that, at the depth this role needs in {topic}: trade-offs, a measurable "
        "result and what they would change.",
    )


def core_questions(profile: RoleProfile, round_name: str) -> list[Question]:
    """The core set: one question per competency, from the profile alone."""
    questions: list[Question] = []
    for category, competency in profile.competencies():
        template = _LIBRARY.get(competency.id) or _generic(competency)
        topic = question_topic(" ".join([template.text, competency.name]))
        if topic is not None:
            raise InvalidRequest(
                f"The competency '{competency.name}' leads to a question about a protected "
                f"topic ({topic.value}); rename or remove it in the role profile."
            )
        questions.append(
            Question(
                id=f"core-{competency.id}",
                text=template.text,
                round=round_name,
                purpose=template.purpose,
                general=True,
                rationale=(
                    f"Core question for {category.name}: {competency.name}. Asked of every "
                    f"candidate for {profile.title} in the same words and scored on the same "
                    "scale."
                ),
                follow_ups=list(template.follow_ups),
                strong_answer=template.good,
                competency=competency.name,
                core=True,
                rating_scale=[
                    RatingAnchor(level="poor", description=template.poor),
                    RatingAnchor(level="mixed", description=template.mixed),
                    RatingAnchor(level="good", description=template.good),
                    RatingAnchor(level="excellent", description=template.excellent),
                ],
                minutes=6,
            )
        )
    return questions


# --------------------------------------------------------------------------- mapping

# Kinds of fact that speak to a competency whatever its keywords say.
_KIND_AFFINITY: dict[FactKind, tuple[str, ...]] = {
    FactKind.leadership_claim: ("lead", "mentor", "manag", "coach", "develop"),
    FactKind.achievement: ("deliver", "ownership", "result", "impact"),
    FactKind.unquantified_claim: ("deliver", "ownership", "collaborat", "communicat"),
    FactKind.gap: ("motivat", "growth", "learn"),
    FactKind.short_tenure: ("motivat", "growth", "learn"),
    FactKind.career_change: ("motivat", "learn", "adapt"),
    FactKind.overlap: ("deliver", "ownership"),
}
_PURPOSE_AFFINITY: dict[Purpose, tuple[str, ...]] = {
    Purpose.motivation_fit: ("motivat",),
    Purpose.salary_expectations: ("motivat",),
    Purpose.scenario: ("problem", "judgement", "deliver"),
    Purpose.group_exercise: ("collaborat", "communicat"),
}
_WORD = re.compile(r"[a-z][a-z0-9+#/.-]{2,}")


def _terms(competency: Competency) -> set[str]:
    words = {w[:7] for w in _WORD.findall(competency.name.lower())}
    for keyword in competency.keywords:
        words |= {w[:7] for w in _WORD.findall(keyword.lower())}
    return words - {"and", "the", "for", "with", "experie", "product", "skills"}


def _score(question: Question, competency: Competency, facts: dict[str, Fact]) -> float:
    blob = " ".join([question.text, *(e.quote for e in question.evidence)]).lower()
    stems = {w[:7] for w in _WORD.findall(blob)}
    skills = {
        (facts[e.fact_id].skill or "").lower() for e in question.evidence if e.fact_id in facts
    }
    score = float(len(_terms(competency) & stems))
    score += 2.0 * sum(1 for k in competency.keywords if k.lower() in skills)
    name = competency.name.lower()
    for e in question.evidence:
        for stem in _KIND_AFFINITY.get(e.kind, ()):
            if stem in name:
                score += 1.5
    for stem in _PURPOSE_AFFINITY.get(question.purpose, ()):
        if stem in name:
            score += 2.0
    return score


def assign_competencies(
    questions: list[Question], profile: RoleProfile, analysis: Analysis
) -> list[CompetencyCoverage]:
    """Map every non-core question to its best competency (ties and no-match go to the
    least covered one, so coverage spreads) and report the coverage."""
    pairs = profile.competencies()
    counts = {c.id: 0 for _, c in pairs}
    members: dict[str, list[str]] = {c.id: [] for _, c in pairs}
    facts = {f.id: f for f in analysis.facts}
    by_name = {c.name: c for _, c in pairs}
    for q in questions:
        if q.core and q.competency in by_name:
            cid = by_name[q.competency].id
            counts[cid] += 1
            members[cid].append(q.id)
    for q in questions:
        if q.core or q.purpose is Purpose.candidate_question:
            continue
        ranked = sorted(
            pairs, key=lambda cc: (-_score(q, cc[1], facts), counts[cc[1].id], pairs.index(cc))
        )
        best = ranked[0][1]
        if _score(q, best, facts) <= 0:
            best = min(pairs, key=lambda cc: (counts[cc[1].id], pairs.index(cc)))[1]
        q.competency = best.name
        counts[best.id] += 1
        members[best.id].append(q.id)
    return [
        CompetencyCoverage(category=cat.name, competency=comp.name, questions=members[comp.id])
        for cat, comp in pairs
    ]


def tailor_core(
    core: list[Question], profile: RoleProfile, analysis: Analysis, used: set[str]
) -> None:
    """Add to each core question one follow-up on this candidate's own evidence for the
    competency (the core text itself never changes)."""
    comps = {c.name: c for _, c in profile.competencies()}
    for q in core:
        competency = comps.get(q.competency or "")
        if competency is None:
            continue
        fact = _best_fact(competency, analysis, used)
        if fact is None:
            continue
        used.add(fact.id)
        clause = " ".join(fact.quote.split())
        if len(clause) > 100:
            cut = clause.rfind(" ", 0, 100)
            clause = clause[: cut if cut > 40 else 100] + "…"
        q.follow_ups = [
            f"Your resume mentions “{clause}”: is that a good example here? Walk me through it.",
            *q.follow_ups,
        ][:3]
        q.evidence = [
            Evidence(
                fact_id=fact.id,
                kind=fact.kind,
                quote=fact.quote,
                source=fact.source,
                span=fact.span,
            )
        ]
        q.general = False


_PROBE_KINDS = frozenset(
    {
        FactKind.achievement,
        FactKind.leadership_claim,
        FactKind.unquantified_claim,
        FactKind.skill_evidenced,
        FactKind.project,
        FactKind.role,
        FactKind.career_change,
        FactKind.education,
    }
)


def _best_fact(competency: Competency, analysis: Analysis, used: set[str]) -> Fact | None:
    terms = _terms(competency)
    keywords = {k.lower() for k in competency.keywords}
    best: tuple[float, float, int, Fact] | None = None
    for f in analysis.facts:
        if f.id in used or f.kind not in _PROBE_KINDS or f.source.value != "resume":
            continue
        stems = {w[:7] for w in _WORD.findall(f.quote.lower())}
        score = len(terms & stems) + (2.0 if (f.skill or "").lower() in keywords else 0.0)
        if score <= 0:
            continue  # a line must be about the competency, not merely of a fitting kind
        name = competency.name.lower()
        score += sum(1.5 for stem in _KIND_AFFINITY.get(f.kind, ()) if stem in name)
        key = (score, f.priority, -f.span.start, f)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None


def coverage_warnings(coverage: list[CompetencyCoverage], total: int) -> list[str]:
    """Competencies asked about fewer than twice when the count would have allowed it."""
    if total < 2 * len(coverage):
        return []
    thin = [c.competency for c in coverage if len(c.questions) < 2]
    if not thin:
        return []
    return [
        f"These competencies have only one question: {', '.join(thin)}; add notes or a job "
        "description, or raise the count, for a second question on each."
    ]


__all__ = [
    "assign_competencies",
    "core_questions",
    "coverage_warnings",
    "tailor_core",
]
