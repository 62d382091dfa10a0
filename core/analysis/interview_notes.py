"""Stage 2d: first-interview or reference notes -> concern facts, quoted exactly.

Notes are the interviewer's own shorthand. Any item that flags doubt (vague answers,
something to check, a reference's worry) becomes a concern the second round should
resolve; praise and logistics are left alone. Notes are often laid out under their own
headings ("Concerns", "For round two", "What went well"): an item under a heading that
says it is a doubt or a thing to take forward is a concern whatever its words, and a
heading is never a concern itself.
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
    r"would (?:he|she|they) keep|how much time|"
    # What the interviewer still wants from the candidate, and accounts left unfinished.
    r"(?:want|wants|wanted|would like|'d like) to (?:know|hear|see|understand|get)|"
    r"(?:want|wants|wanted) (?:his|her|their|an?) (?:own )?(?:account|example|view)|"
    r"in passing|moved (?:straight )?on|deferred|put (?:it|this|that) down to|blamed|"
    # Something that went wrong or got worse, as a first interviewer records it.
    r"re-?sits?|resat|failed|fail(?:s|ing)? to|fell|dropped|declin(?:ed|ing))\b",
    re.IGNORECASE,
)
# A heading naming doubts, open points or what the next round should take up: every
# item under it is a concern.
_CONCERN_HEADING = re.compile(
    r"\b(?:concerns?|worr(?:y|ies)|risks?|red flags?|doubts?|reservations?|watch[- ]?outs?|"
    r"gaps?|weak(?:ness(?:es)?)?|to (?:probe|check|explore|cover|verify|follow up)|"
    r"probe|follow[- ]?ups?|open (?:points?|questions?|items?)|"
    r"for (?:the )?(?:next|second|final|following)[ -](?:round|interview|stage)|"
    r"for round (?:two|2)|take (?:forward|into)|"
    r"questions? for|areas? (?:to|for)|development areas?|cons)\b",
    re.IGNORECASE,
)
# A heading for praise, a summary or logistics: items under it need their own cue.
_OTHER_HEADING = re.compile(
    r"\b(?:went well|strengths?|positives?|highlights?|pros|summary|overall|admin|"
    r"logistics|next steps?|availability)\b",
    re.IGNORECASE,
)
# A note is one bullet item or one paragraph: it may wrap across lines and hold several
# sentences ("ESG will matter. He listed it but gave no example."), which only make sense
# together. A new bullet, a blank line or a heading ends it.
_ITEM = re.compile(
    r"(?:^|\n)[ \t]*((?:[-*•]|\d+[.)])[ \t]+)?[ \t]*"
    r"((?:[^\n]|\n(?![ \t]*(?:[-*•#>]|\d+[.)]|\n)))+)"
)
_BOLD_ONLY = re.compile(r"^(\*\*|__)[^*_\n]+\1:?$")
HEADING_WORDS = 8


def _heading(body: str, bulleted: bool) -> bool:
    """Whether a notes item is a heading: a Markdown heading, a bold-only line, or a
    short unbulleted line with no sentence end ("Concerns for round two", "Admin:")."""
    if body.startswith("#") or _BOLD_ONLY.match(body):
        return True
    if bulleted or "\n" in body:
        return False
    return len(body.split()) <= HEADING_WORDS and not body.endswith((".", "?", "!", ";", ","))


def notes_facts(notes: str) -> list[Fact]:
    facts: list[Fact] = []
    under_concerns = False
    for match in _ITEM.finditer(notes):
        body = match.group(2)
        stripped = body.strip()
        if _heading(stripped, match.group(1) is not None):
            title = stripped.lstrip("#*_ ").rstrip("*_: ")
            under_concerns = bool(
                _CONCERN_HEADING.search(title) and not _OTHER_HEADING.search(title)
            )
            continue
        if len(stripped) < 12:
            continue
        if not (under_concerns or _CONCERN.search(stripped) or stripped.endswith("?")):
            continue
        start = match.start(2) + (len(body) - len(body.lstrip()))
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
