"""Which facts belong together in one question: an interviewer's note and the resume
line it is about, a gap and the short stay beside it. What a note is about, said
neutrally, is note_topics.py."""

from __future__ import annotations

import re

from ..models import Fact, FactKind
from .resume_text import content_words


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
    if note.data.get("about") == other.id:
        return True
    text = note.quote.lower()
    for name in (other.organisation, other.skill):
        if name and len(name) > 2 and re.search(rf"\b{re.escape(name.lower())}\b", text):
            return other.kind is not FactKind.achievement
    # Distinctive shared words ("freelancing"/"Freelance", "event-sourcing"/"event sourcing").
    stems = {w[:7] for w in content_words(text) if len(w) >= 7}
    theirs = {w[:7] for w in content_words(other.quote) if len(w) >= 7}
    return len(stems & theirs) >= 1 and other.kind in {
        FactKind.overlap,
        FactKind.unquantified_claim,
        FactKind.short_tenure,
    }


# Cosine similarity (MiniLM) at which a note with no word in common with any resume line
# is taken to be about the closest one. Chosen on the dev split: the one unlinked note
# above it ("sandbagged forecasts" -> the listed "forecasting") is right, and the
# highest wrong pairing there scored 0.31.
NOTE_MEANING_THRESHOLD = 0.45


def link_notes_by_meaning(facts: list[Fact]) -> None:
    """For each concern from the notes that no resume fact shares a name or word with,
    record the resume fact it means (``data["about"]``), if one is close enough."""
    notes = [f for f in facts if f.kind is FactKind.concern]
    lines = [f for f in facts if f.kind in NOTE_LINKED and f.source.value == "resume"]
    alone = [n for n in notes if not any(note_mentions(n, f) for f in lines)]
    if not alone or not lines:
        return
    from ..embeddings import get_embedder

    embedder = get_embedder()
    scores = embedder.embed([n.quote for n in alone]) @ embedder.embed([f.quote for f in lines]).T
    for i, note in enumerate(alone):
        best = int(scores[i].argmax())
        if float(scores[i][best]) >= NOTE_MEANING_THRESHOLD:
            note.data["about"] = lines[best].id
