"""How a question opens: the candidate's claim in their own words, tidied and cut at a
clause boundary, and the neutral words a template falls back on. Kept apart from the
composer's assignment logic because wording is what changes most often."""

from __future__ import annotations

import re

from ..analysis.fact_links import collapse
from ..models import Fact

_IRREGULAR_PAST = frozenset(
    """led built ran grew cut won drove made wrote set took sold taught brought began kept
    met got gave oversaw shipped spent sent found held paid bought rebuilt rewrote
    undertook overhauled brought""".split()
)
_PRESENT_VERBS = frozenset(
    """lead build run grow cut win drive make write set take sell teach own manage design
    develop deliver create maintain implement support coordinate oversee plan handle
    mentor coach train analyse analyze prepare review administer operate deploy launch
    negotiate research conduct produce write edit""".split()
)


def tidy(text: str) -> str:
    """Collapse whitespace and the doubled full stop an "Inc." before "." leaves."""
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", collapse(text)).replace(" .", ".")


def short_clause(quote: str, limit: int = 150) -> str:
    """The quote, whitespace collapsed, cut at a clause boundary when it is long."""
    text = collapse(quote).rstrip(" .;,")
    if len(text) <= limit:
        return text
    for sep in (", ", "; ", " – ", " - ", " and ", " through ", " by "):
        cut = text.find(sep, 50, limit)
        if cut != -1:
            return text[:cut].rstrip(" .;,")
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 40 else limit].rstrip(" .;,")


def _verb_first(clause: str) -> bool:
    first = clause.split(" ", 1)[0].lower().strip(",.")
    return (
        (first.endswith("ed") and len(first) > 4)
        or first in _IRREGULAR_PAST
        or first in _PRESENT_VERBS
    )


def lead_for(fact: Fact) -> str:
    """The candidate's claim in their own words, as the opening of a question."""
    clause = short_clause(fact.quote)
    org = fact.organisation
    mentions_org = bool(org) and org is not None and org.lower() in clause.lower()
    if fact.source.value == "job":
        return f'The role asks for "{clause}"'
    if fact.source.value == "notes":
        return f'Notes from the first interview say "{clause}"'
    if _verb_first(clause):
        lead = f"You say you {clause[0].lower()}{clause[1:]}"
        if org and not mentions_org:
            lead += f" at {org}"
        return lead
    if org and not mentions_org:
        return f'At {org}, your resume says "{clause}"'
    return f'Your resume says "{clause}"'


class _Values(dict[str, str]):
    """Template values; a missing placeholder reads as neutral words, never a KeyError."""

    def __missing__(self, key: str) -> str:
        return {
            "org": "that organisation",
            "title": "that role",
            "skill": "that skill",
            "skills": "these skills",
            "metric": "the result",
            "months": "several months",
            "requirement": "this requirement",
            "job_title": "this role",
            "cert": "that certification",
            "project": "that project",
            "field_from": "your previous field",
            "field_to": "your current field",
            "other": "another role",
            "previous_title": "your previous role",
            "qualification": "your studies",
            "reason": "time away from employment",
            "gap_from": "then",
            "gap_to": "later",
            "after_org": "your previous role",
            "before_org": "your next role",
            "tenure": "",
            "brief": "",
        }.get(key, "")
