"""Stage 5, for candidates rehearsing: preparation advice from the guidance corpus and
questions to ask the employer. Kept apart from the composer, which phrases the
interview questions themselves."""

from __future__ import annotations

import re

from ..analysis.fact_links import collapse
from ..models import Advice, Audience, GuidanceRef, Purpose, Question
from .composer import Composer
from .generator import GenerationRequest
from .patterns import candidate_question_for_requirement, candidate_questions
from .wording import _Values, short_clause


def preparation(composer: Composer) -> list[Advice]:
    """Up to five passages of candidate guidance, as advice."""
    # Retrieval falls back to any passage when candidate guidance runs short; advice
    # to a candidate must still be written for a candidate.
    passages = [
        p
        for p in composer.request.guidance.get("_candidate", [])
        if p.audience in {"candidate", "both"}
    ]
    advice = []
    for p in passages[:5]:
        text = collapse(p.text)
        text = re.sub(r"^#+\s*", "", text)
        advice.append(
            Advice(
                text=text[:600],
                guidance=[GuidanceRef(passage_id=p.id, source=p.source, heading=p.heading)],
            )
        )
    return advice


def questions_to_ask(composer: Composer) -> list[Question]:
    """General questions for the employer, plus two on the job's own requirements."""
    values = _Values(job_title=composer.job_title)
    texts = [t.format_map(values) for t in candidate_questions()[:4]]
    job = composer.analysis.job
    if job:
        for req in job.requirements[:2]:
            texts.append(
                candidate_question_for_requirement().format_map(
                    _Values(requirement=short_clause(req.text, 90))
                )
            )
    guidance = composer.guidance_refs(Purpose.candidate_question, " ".join(texts))
    return [
        Question(
            id=f"ask{n}",
            text=t,
            round=composer.round,
            purpose=Purpose.candidate_question,
            general=True,
            rationale="A question for the candidate to ask the employer.",
            guidance=guidance,
            minutes=2,
        )
        for n, t in enumerate(texts, 1)
    ]


def candidate_extras(request: GenerationRequest) -> tuple[list[Advice], list[Question]]:
    if request.audience is not Audience.candidate:
        return [], []
    composer = Composer(request)
    return preparation(composer), questions_to_ask(composer)
