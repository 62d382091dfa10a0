"""Where one item of a skills list ends: "Python and SQL" is two skills, "Labor planning
and shift scheduling" is one. Kept apart from the section parsers because it is a rule
about a candidate's wording, not about a resume's layout."""

from __future__ import annotations

import re

AND = re.compile(r"\s+and\s+")
# Little words that do not make a skill's name longer ("planning and scheduling").
JOINERS = frozenset({"and", "&", "of", "the", "for", "in", "on", "to"})


def split_joined(at: int, piece: str) -> list[tuple[int, str]]:
    """Split "Python and SQL" into two skills, but keep "Commercial contracts and
    outsourcing" whole: a phrase in the candidate's own words is one competence, and only
    names joined by "and" are a list. ``at`` is the piece's offset; each part keeps its."""
    if "(" in piece or not AND.search(piece):
        return [(at, piece)]
    cuts = list(AND.finditer(piece))
    starts = [0, *(m.end() for m in cuts)]
    ends = [*(m.start() for m in cuts), len(piece)]
    parts = [(s, piece[s:e]) for s, e in zip(starts, ends, strict=True)]
    if all(names_only(p) for _, p in parts):
        return [(at + s, p) for s, p in parts]
    return [(at, piece)]


def names_only(part: str) -> bool:
    """Every word written as a name (Excel, Power BI, GA4), or the whole part a skill the
    lexicon knows (machine learning): not a lower-case phrase such as "shift scheduling"."""
    from .skills_lexicon import skill_lexicon

    words = part.split()
    if words and all(w[:1].isupper() or re.search(r"[A-Z]{2}|\d|[+#]", w) for w in words):
        return True
    found = skill_lexicon().find(part)
    return any(sp.start == 0 and sp.end >= len(part.rstrip(" .")) for _, sp in found)


def balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")
