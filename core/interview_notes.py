"""Stage 2d: first-interview or reference notes -> concern facts, quoted exactly.

Notes are the interviewer's own shorthand. Any sentence that flags doubt (vague
answers, something to check, a reference's worry) becomes a concern the second
round should resolve; praise and logistics are left alone.
"""

from __future__ import annotations

import re

from .models import Fact, FactKind, Source, Span
from .resume_facts import make_fact

_CONCERN = re.compile(
    r"\b(?:vague|unclear|concern(?:s|ed)?|check|probe|verify|validate|confirm|seemed|"
    r"struggl(?:ed|es|ing)|could(?:n't| not)|did(?:n't| not)|missed|weak|red flag|"
    r"follow[- ]up|dig (?:into|deeper)|not sure|unsure|hesitant|hesitated|inconsistent|"
    r"gap|worr(?:y|ied)|doubt|question(?:able|ed)?|unconvinc|thin|light on|limited|"
    r"reference (?:said|mentioned|noted|flagged)|late|deadline|conflict|left after|"
    r"why (?:did|they|she|he)|ask (?:about|more)|need(?:s)? to (?:see|hear|understand)|"
    r"rambl|defensive|over-?stat|exaggerat|inflat|no examples?|generic)\b",
    re.IGNORECASE,
)
# A sentence may wrap across lines, but a new bullet, a blank line or a heading ends it.
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?![ \t]*(?:[-*•#>]|\d+[.)]|\n)))+[.!?]?")


def notes_facts(notes: str) -> list[Fact]:
    facts: list[Fact] = []
    for match in _SENTENCE.finditer(notes):
        raw = match.group(0)
        lead = len(raw) - len(raw.lstrip(" \t-*•#>"))
        body = raw.strip(" \t-*•#>")
        if len(body) < 12 or not _CONCERN.search(body):
            continue
        start = match.start() + lead
        span = Span(start=start, end=start + len(raw[lead:].rstrip()))
        fact = make_fact(
            FactKind.concern,
            notes,
            span,
            source=Source.notes,
            priority=9.5 - len(facts) * 0.1,
            summary="Concern from earlier notes: " + " ".join(body.split())[:120].rstrip(" ,;:"),
        )
        if fact is not None:
            facts.append(fact)
    return facts[:8]
