"""Stage 2: a Document (plus optional job description and notes) -> an Analysis.

Parses the resume, derives facts, matches the job description, reads concerns from
notes, and removes from every input what must never become a question: protected
personal details, text hidden from human readers, and instructions aimed at an AI.
"""

from __future__ import annotations

import re
from datetime import date

from ..embeddings import one_vector_per_text
from ..errors import NotAResume
from ..models import (
    Analysis,
    Document,
    Fact,
    FactKind,
    KitWarning,
    ProtectedFinding,
    Resume,
    Source,
    Span,
    YearMonth,
)
from .fact_links import link_notes_by_meaning
from .protected import describe, find_protected, protected_spans
from .resume_facts import derive_facts, drop_overlapping
from .resume_parser import parse_resume
from .skill_evidence import weigh_by_job

# Text addressed to an AI screener rather than to a person reading the resume.
INJECTION = re.compile(
    r"(?:ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?)|"
    r"disregard (?:all |the )?(?:previous|prior|above) |"
    r"(?:rate|rank|score|mark|recommend) (?:this|the) (?:candidate|applicant|resume)\b.{0,40}"
    r"(?:highly|highest|top|exceptional|strong(?:ly)?|hire|10/10|perfect)|"
    r"you are (?:an? )?(?:ai|language model|assistant|chatbot)|system prompt|"
    r"as an ai\b|new instructions:|\bassistant:|\bsystem:|"
    r"this candidate (?:is|must be) (?:the best|perfect|an exceptional)|"
    r"do not (?:mention|ask about|flag)\b)",
    re.IGNORECASE,
)


def today_from(setting: date | None) -> YearMonth:
    return YearMonth.from_date(setting or date.today())


def _line_spans(text: str, pattern: re.Pattern[str]) -> list[Span]:
    """The whole lines holding a match, once each however many matches a line holds."""
    spans: dict[int, Span] = {}
    for m in pattern.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        spans.setdefault(start, Span(start=start, end=len(text) if end == -1 else end))
    return list(spans.values())


def _check_is_resume(document: Document, resume: Resume) -> None:
    kinds = {s.kind for s in resume.sections}
    substance = (
        len(resume.roles)
        + len(resume.education)
        + len(resume.skills) // 3
        + len(resume.projects)
        + len(kinds & {"experience", "education", "skills"})
    )
    letter = re.match(r"\s*(?:\S+\s+){0,40}?dear\b", document.text, re.IGNORECASE) is not None
    if substance == 0 or (letter and not resume.roles):
        raise NotAResume(
            "This file does not look like a resume: no work history, education or skills "
            "were found; upload the candidate's resume or CV rather than a cover letter or "
            "other document."
        )


def analyse(
    document: Document,
    *,
    job_text: str | None = None,
    notes_text: str | None = None,
    today: YearMonth,
    jurisdiction: str = "US",
) -> Analysis:
    # Several steps compare the same resume lines by meaning: embed each line once.
    with one_vector_per_text():
        return _analysed(document, job_text, notes_text, today, jurisdiction)


def _analysed(
    document: Document,
    job_text: str | None,
    notes_text: str | None,
    today: YearMonth,
    jurisdiction: str,
) -> Analysis:
    text = document.text
    resume = parse_resume(text, today)
    _check_is_resume(document, resume)
    warnings: list[KitWarning] = []

    protected: list[ProtectedFinding] = find_protected(
        text, Source.resume, has_photo=document.has_photo, jurisdiction=jurisdiction
    )
    if notes_text:
        protected += find_protected(notes_text, Source.notes, jurisdiction=jurisdiction)
    if job_text:
        # A job description may mention protected topics legitimately (equal-opportunity
        # statements); only keep its findings out of quotes, without warning about them.
        job_protected = find_protected(job_text, Source.job, jurisdiction=jurisdiction)
    else:
        job_protected = []

    injected = _line_spans(text, INJECTION)
    if injected:
        warnings.append(
            KitWarning(
                code="prompt_injection",
                message=(
                    f"The resume contains {len(injected)} line(s) addressed to an AI screener "
                    "(e.g. asking to ignore instructions or rate the candidate highly); they were "
                    "ignored. Consider asking the candidate about it."
                ),
            )
        )
    if document.hidden:
        hidden_injection = any(INJECTION.search(h.text) for h in document.hidden)
        reasons = sorted({h.reason for h in document.hidden})
        warnings.append(
            KitWarning(
                code="hidden_text",
                message=(
                    f"The file holds {len(document.hidden)} piece(s) of text a reader cannot see "
                    f"({', '.join(reasons)}); it was kept out of the analysis"
                    + (" and includes instructions aimed at an AI." if hidden_injection else ".")
                ),
            )
        )
    for note in document.warnings:
        warnings.append(KitWarning(code="reader", message=note))

    facts: list[Fact] = derive_facts(resume, text, today)
    if document.fields:
        facts = [within_one_field(f, document.fields, text) for f in facts]
    blocked = protected_spans([p for p in protected if p.source is Source.resume]) + injected
    facts = drop_overlapping(facts, blocked)

    job = None
    if job_text and job_text.strip():
        # Imported here, as the notes rules below: a resume alone never loads them.
        from .job_description import job_facts, parse_job

        job = parse_job(job_text)
        evidence = "\n".join(
            [b.text for r in resume.roles for b in r.bullets]
            + [r.header for r in resume.roles]
            + [f"{p.name} {p.description}" for p in resume.projects]
            + [c.name for c in resume.certifications]
            + [e.text for e in resume.education]
        )
        job_spans = protected_spans(job_protected)
        facts += [
            f
            for f in job_facts(job, text, evidence)
            if not any(s.start < f.span.end and f.span.start < s.end for s in job_spans)
        ]
    if notes_text and notes_text.strip():
        from .interview_notes import notes_facts

        note_spans = protected_spans([p for p in protected if p.source is Source.notes])
        facts += [
            f
            for f in notes_facts(notes_text)
            if not any(s.start < f.span.end and f.span.start < s.end for s in note_spans)
        ]

    if job is not None:
        facts = weigh_by_job(facts, job)
    link_notes_by_meaning(facts)
    seen_kinds: set[tuple[str, str]] = set()
    for finding in protected:
        key = (finding.kind.value, finding.source.value)
        if key in seen_kinds:
            continue
        seen_kinds.add(key)
        warnings.append(
            KitWarning(code="protected_detail", message=describe(finding.kind, finding.source))
        )

    facts.sort(key=lambda f: (-f.priority, f.source.value, f.span.start))
    return Analysis(
        document=document,
        resume=resume,
        facts=facts,
        protected=protected,
        job=job,
        notes_text=notes_text,
        today=today,
        warnings=warnings,
    )


_DATE_LINE = re.compile(r"[\d./-]+(?:\s*[–-]\s*(?:[\d./-]+|Present))?")


def within_one_field(fact: Fact, fields: list[Span], text: str) -> Fact:
    """The fact quoting one of the source file's values, never a line joined from several.

    A structured resume is rendered as text ("Position, Employer (City)"); a quote of the
    whole line would be text the file never holds. The fact keeps its meaning and is
    narrowed to the one whole value that says most about it: the employer for a stay's
    length or timing, the position otherwise."""
    span = fact.span
    if _DATE_LINE.fullmatch(fact.quote.strip()):
        return fact  # the file's two dates as one range: the only way to quote a span of time
    if any(f.start <= span.start and span.end <= f.end for f in fields):
        return fact
    inside = sorted(
        (f for f in fields if span.start <= f.start and f.end <= span.end and f.end - f.start > 2),
        key=lambda f: f.start,
    )
    if not inside:
        return fact
    # Which value says most about this fact: where, for a stay's length or timing; what,
    # for anything else.
    timing = fact.kind in (FactKind.overlap, FactKind.short_tenure, FactKind.gap)
    wanted = fact.organisation if timing else fact.role_title
    longest = max(inside, key=lambda f: f.end - f.start)  # "MS Health Informatics"
    pick = next((f for f in inside if text[f.start : f.end] == wanted), longest)
    return fact.model_copy(update={"span": pick, "quote": text[pick.start : pick.end]})
