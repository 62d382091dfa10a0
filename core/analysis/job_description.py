"""Stage 2c: a job description -> requirements, matched against the resume.

Requirements the resume meets become ``requirement_met`` facts (worth validating in
depth); those it lacks become ``requirement_missing`` facts (worth asking about
honestly). Both quote the job description, so the evidence is exact.
"""

from __future__ import annotations

import re

from ..models import Fact, FactKind, JobDescription, Requirement, Source
from ..reading.front_matter import split_front_matter
from .fact_building import make_fact, skill_pattern
from .resume_text import content_words
from .sections import split_lines
from .skills_lexicon import skill_lexicon

_REQUIREMENT_HEADINGS = re.compile(
    r"\b(?:requirements?|qualifications?|what you(?:'ll| will)? (?:need|bring|have)|"
    r"you (?:have|bring|are)|must[- ]haves?|skills|experience|about you|who you are|"
    r"what we(?:'re| are) looking for|ideal candidate|minimum|basic|essential|"
    r"what we (?:need|ask|expect)|you(?:'ll| will) need|we need|what it takes|"
    r"person specification|selection criteria|key criteria|criteria|must have)\b",
    re.IGNORECASE,
)
_NICE_HEADINGS = re.compile(
    r"\b(?:nice[- ]to[- ]haves?|preferred|bonus|desirable|plus(?:es)?|pluses|"
    r"good to have|extra credit)\b",
    re.IGNORECASE,
)
_OTHER_HEADINGS = re.compile(
    r"\b(?:responsibilities|what you(?:'ll| will) do|the role|about (?:us|the team|the company)|"
    r"benefits|perks|compensation|salary|how to apply|our values|why join)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(\d+)\s*\+?\s*(?:years?|yrs)", re.IGNORECASE)
_STOP = frozenset(
    """a an the and or of to in on for with at by from as is are be you your our we will
    ability able experience experienced strong excellent good proven solid working
    knowledge understanding skills skill years year plus preferred including such using
    use etc""".split()
)


def _strip_markup(raw: str) -> str:
    _meta, body = split_front_matter(raw)
    body = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", body, flags=re.DOTALL)
    return body


def parse_job(raw: str) -> JobDescription:
    """Requirements with spans into ``raw`` (the text quotes are checked against)."""
    text = raw
    lines = split_lines(text)
    body_start = len(raw) - len(_strip_markup(raw)) if raw.startswith("---") else 0
    mode = "unknown"
    requirements: list[Requirement] = []
    title = None
    for line in lines:
        if line.end <= body_start:
            continue
        content = line.content.strip("#*_ ").rstrip(":")
        if not content:
            continue
        if title is None and len(content) < 90:
            title = content
        is_heading = (len(content) < 60 and not line.is_bullet) and (
            line.stripped.startswith("#")
            or line.stripped.endswith(":")
            or content.isupper()
            or len(content.split()) <= 6
        )
        if is_heading:
            if _NICE_HEADINGS.search(content):
                mode = "nice"
                continue
            if _REQUIREMENT_HEADINGS.search(content):
                mode = "must"
                continue
            if _OTHER_HEADINGS.search(content):
                mode = "other"
                continue
        if mode == "other":
            continue
        lexicon_hits = skill_lexicon().names_in(content)
        looks_like_requirement = (
            line.is_bullet
            or bool(_YEARS.search(content))
            or (mode in {"must", "nice"} and len(content) > 15)
        )
        if not looks_like_requirement or (mode == "unknown" and not lexicon_hits):
            continue
        nice = mode == "nice" or bool(_NICE_HEADINGS.search(content))
        requirements.append(
            Requirement(
                text=content, span=line.content_span, must_have=not nice, skills=lexicon_hits
            )
        )
    skills: dict[str, None] = {}
    for r in requirements:
        for s in r.skills:
            skills.setdefault(s, None)
    return JobDescription(
        text=text, title=title, requirements=requirements[:40], skills=list(skills)
    )


def _stem(word: str) -> str:
    return word.lower()[:6]


# Letters only: a requirement's share of words the resume also has counts its topics,
# not its figures ("5+ years", "24/7" are never words a resume must repeat).
_LETTER_WORD = re.compile(r"[a-z][a-z+#.-]{2,}")


def _content_words(text: str) -> set[str]:
    # Six-letter stems, so "restaurant" meets "restaurants" and "analytics" "analytical".
    return content_words(text, _STOP, pattern=_LETTER_WORD, stem=6)


_ALTERNATIVES = re.compile(r"\bor\b", re.IGNORECASE)


# Cosine similarity (MiniLM) at which a resume line comes near a requirement that names
# no skill, when their words differ ("people leadership" / "Led a team of 7
# accountants"). Nearness in meaning shows the same topic, not the same thing: "Mentor
# one associate PM" is close to "managing a team of product managers (direct reports)"
# and does not meet it. So a requirement reached only this way is "partly shown": asked
# about as a requirement to confirm, never taken as met. Chosen on the dev split.
REQUIREMENT_MEANING_THRESHOLD = 0.50


def _met_by_meaning(job: JobDescription, resume_evidence: str, resume_words: set[str]) -> set[int]:
    """Start offsets of the skill-less requirements a resume line means, though the
    words differ."""
    reqs = [
        r
        for r in job.requirements
        if not r.skills
        and len(words := _content_words(r.text)) >= 2
        and len(words & resume_words) / len(words) < 0.5
    ]
    lines = [line for line in resume_evidence.splitlines() if len(line.split()) >= 3]
    if not reqs or not lines:
        return set()
    from ..embeddings import get_embedder

    embedder = get_embedder()
    scores = embedder.embed([r.text for r in reqs]) @ embedder.embed(lines).T
    return {
        r.span.start
        for i, r in enumerate(reqs)
        if float(scores[i].max()) >= REQUIREMENT_MEANING_THRESHOLD
    }


def job_facts(job: JobDescription, resume_text: str, resume_evidence: str) -> list[Fact]:
    """Facts for each requirement, met or missing. ``resume_evidence`` is the resume's
    role and project text (a skill named only in a skills list does not count as met)."""
    lexicon = skill_lexicon()
    facts: list[Fact | None] = []
    met = missing = 0
    resume_words = _content_words(resume_evidence)
    by_meaning = _met_by_meaning(job, resume_evidence, resume_words)
    for req in job.requirements:
        if req.skills:
            present = [
                s
                for s in req.skills
                if any(skill_pattern(a).search(resume_evidence) for a in lexicon.aliases(s))
            ]
            listed = [
                s
                for s in req.skills
                if s not in present
                and any(skill_pattern(a).search(resume_text) for a in lexicon.aliases(s))
            ]
            absent = [s for s in req.skills if s not in present and s not in listed]
            # "Playwright or Cypress with TypeScript": one of the alternatives is enough.
            either = _ALTERNATIVES.search(req.text) is not None
            is_met = bool(present) and (either or len(present) >= len(req.skills) / 2)
            partial = False
            if is_met and not any(lexicon.tools_in(s) for s in present):
                # "B2B payments compliance: KYB, safeguarding" is not met by the word
                # "compliance" alone: a general skill needs the requirement's own words.
                words = _content_words(req.text) - {_stem(s) for s in req.skills}
                if len(words) >= 2 and len(words & resume_words) / len(words) < 0.5:
                    is_met, partial = False, True
        else:
            words = _content_words(req.text)
            if len(words) < 2:
                continue
            share = len(words & resume_words) / len(words)
            present, listed, absent = [], [], []
            is_met = share >= 0.5
            partial = not is_met and req.span.start in by_meaning
        weight = 1.0 if req.must_have else -1.5
        if is_met and met < 6:
            met += 1
            facts.append(
                make_fact(
                    FactKind.requirement_met,
                    job.text,
                    req.span,
                    source=Source.job,
                    priority=5.5 + weight / 2,
                    summary="The resume shows this requirement"
                    + (f" ({', '.join(present)})" if present else ""),
                    skill=present[0] if present else None,
                    must_have=req.must_have,
                    credential=is_credential(req.text),
                )
            )
        elif not is_met and missing < 8:
            missing += 1
            names = absent or listed
            facts.append(
                make_fact(
                    FactKind.requirement_missing,
                    job.text,
                    req.span,
                    source=Source.job,
                    # Each further gap matters a little less than the one before; one
                    # the resume comes near is a little less urgent than one it never
                    # touches.
                    priority=7.5 + weight - 0.4 * (missing - 1) - (0.3 if partial else 0.0),
                    summary=(
                        (
                            "The resume comes near this requirement without clearly showing it"
                            if partial
                            else "The resume does not show this requirement"
                        )
                        + (f" ({', '.join(names)})" if names else "")
                        + ("; listed as a skill only" if listed and not absent else "")
                    ),
                    skill=names[0] if names else None,
                    must_have=req.must_have,
                    listed_only=bool(listed) and not absent,
                    named_skill=bool(names),
                    partial=partial,
                    credential=is_credential(req.text),
                )
            )
    return [f for f in facts if f is not None]


# A requirement for time served or a credential ("3+ years of CDL driving", "A degree in
# nursing", "Registered with the GPhC") is checked, not acted out: no scenario is built on it.
_CREDENTIAL = re.compile(
    r"^\W*(?:(?:at least|minimum(?: of)?|over|more than)\s+)?"
    r"(?:\d+\s*\+?|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*(?:years?|yrs)\b"
    r"|\b(?:degree|licen[cs]e[ds]?|certified|certification|certificate|registration|registered|"
    r"qualified|qualification|diploma|bachelor'?s?|master'?s|ph\.?d|clearance|right to work|"
    r"endorsement|accreditation|accredited|chartered)\b",
    re.I,
)


def is_credential(requirement: str) -> bool:
    return bool(_CREDENTIAL.search(requirement))
