"""Which facts belong together in one question: an interviewer's note and the resume
line it is about, a gap and the short stay beside it; and what a note is about, said
neutrally, so a question never reads an interviewer's note out loud."""

from __future__ import annotations

import re

from ..models import Fact, FactKind

_WORD = re.compile(r"[a-z0-9][a-z0-9+#.'-]*")


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 2}


def collapse(text: str) -> str:
    return " ".join(text.split())


NOTE_LINKED = frozenset(
    {
        FactKind.gap,
        FactKind.short_tenure,
        FactKind.overlap,
        FactKind.unquantified_claim,
        FactKind.skill_unevidenced,
        FactKind.skill_evidenced,
        FactKind.achievement,
        FactKind.requirement_missing,
    }
)


# A note about a stay, a gap or an overlap is best asked through that resume line; a note
# about anything else keeps its own topic ("She left abruptly; check the reasons" must
# not turn into a question about an audit she supported).
PHRASE_FROM_NOTE = frozenset({FactKind.short_tenure, FactKind.gap, FactKind.overlap})


def adjacent(gap: Fact, stay: Fact) -> bool:
    """A gap and a short stay (or a note about it) at the organisation either side of it."""
    return (
        gap.kind is FactKind.gap
        and stay.kind in {FactKind.short_tenure, FactKind.concern}
        and stay.organisation is not None
        and stay.organisation in {gap.data.get("after"), gap.data.get("before")}
    )


def note_mentions(note: Fact, other: Fact) -> bool:
    """Does an interviewer's note talk about the thing ``other`` quotes?"""
    if other.kind not in NOTE_LINKED or other.source is note.source:
        return False
    text = note.quote.lower()
    for name in (other.organisation, other.skill):
        if name and len(name) > 2 and re.search(rf"\b{re.escape(name.lower())}\b", text):
            return other.kind is not FactKind.achievement
    # Distinctive shared words ("freelancing"/"Freelance", "event-sourcing"/"event sourcing").
    stems = {w[:7] for w in _content_words(text) if len(w) >= 7}
    theirs = {w[:7] for w in _content_words(other.quote) if len(w) >= 7}
    return len(stems & theirs) >= 1 and other.kind in {
        FactKind.overlap,
        FactKind.unquantified_claim,
        FactKind.short_tenure,
    }


_NOTE_CUE = re.compile(
    r"^(?:(?:he|she|they|candidate)\s+)?(?:seemed|was|were|is|looked|sounded)?\s*"
    r"(?:vague|unclear|hesitant|weak|light|thin|unsure|shaky|evasive)\s+(?:on|about|when)\s+"
    r"|^(?:need(?:s)? to\s+)?(?:check|probe|verify|validate|confirm|dig into|ask(?: about)?|"
    r"follow up on|explore|test)\s+(?:the\s+(?=depth|level))?(?:depth of\s+|level of\s+)?"
    r"|^(?:concern|worry|question|flag)\s*(?:about|over|:)\s*",
    re.IGNORECASE,
)
# A topic reads well after "go deeper on ...": a short noun phrase, or a how/what clause.
_CLAUSE_TOPIC = re.compile(r"^(?:how|what|why|when|whether|which|who|where)\b", re.I)
FALLBACK_TOPIC = "something from our first conversation"


def notes_topic(note: str) -> str:
    """What a note is about, said neutrally: "Seemed vague on how X was tested; ..." -> "how
    X was tested". Used so a question never reads an interviewer's note out loud."""
    text = collapse(note)
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        m = _NOTE_CUE.match(sentence)
        if not m:
            continue
        topic = re.split(r"[;:.!?]| - | – ", sentence[m.end() :], maxsplit=1)[0]
        topic = topic.strip(" ,\"'“”‘’")
        words = topic.split()
        if 1 <= len(words) <= 8 or (_CLAUSE_TOPIC.match(topic) and len(words) <= 16):
            return topic
    return FALLBACK_TOPIC
