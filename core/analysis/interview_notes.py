"""Stage 2d: first-interview or reference notes -> concern facts, quoted exactly.

Notes are the interviewer's own shorthand. Any sentence that flags doubt (vague
answers, something to check, a reference's worry) becomes a concern the second
round should resolve; praise and logistics are left alone.
"""

from __future__ import annotations

import re

from ..models import Fact, FactKind, Source, Span
from .fact_building import make_fact

_CONCERN = re.compile(
    r"\b(?:vague|unclear|concern(?:s|ed)?|check|probe|verify|validate|confirm|seemed|"
    r"struggl(?:ed|es|ing)|could(?:n't| not)|did(?:n't| not)|missed|weak|red flag|"
    r"follow[- ]up|dig (?:into|deeper)|not sure|unsure|hesitant|hesitated|inconsistent|"
    r"gap|worr(?:y|ied)|doubt|question(?:able|ed)?|unconvinc|thin|light on|limited|"
    r"reference (?:said|mentioned|noted|flagged)|late|deadline|conflict|left after|"
    r"why (?:did|they|she|he)|ask (?:about|more)|need(?:s)? to (?:see|hear|understand)|"
    r"rambl|defensive|over-?stat|exaggerat|inflat|no examples?|generic|ask|clarify|"
    r"would (?:he|she|they) keep|how much time)\b",
    re.IGNORECASE,
)
# A note is one bullet item or one paragraph: it may wrap across lines and hold several
# sentences ("ESG will matter. He listed it but gave no example."), which only make sense
# together. A new bullet, a blank line or a heading ends it.
_ITEM = re.compile(
    r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])?[ \t]*"
    r"((?:[^\n]|\n(?![ \t]*(?:[-*•#>]|\d+[.)]|\n)))+)"
)


def notes_facts(notes: str) -> list[Fact]:
    facts: list[Fact] = []
    for match in _ITEM.finditer(notes):
        body = match.group(1)
        stripped = body.strip()
        if len(stripped) < 12 or stripped.startswith("#"):
            continue
        if not (_CONCERN.search(stripped) or stripped.rstrip().endswith("?")):
            continue
        start = match.start(1) + (len(body) - len(body.lstrip()))
        span = Span(start=start, end=start + len(stripped))
        summary = " ".join(stripped.split())
        fact = make_fact(
            FactKind.concern,
            notes,
            span,
            source=Source.notes,
            priority=9.5 - len(facts) * 0.1,
            summary="Concern from earlier notes: " + summary[:120].rstrip(" ,;:"),
        )
        if fact is not None:
            facts.append(fact)
    return facts[:8]
