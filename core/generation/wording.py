"""How a question opens: the candidate's claim in their own words, tidied and cut at a
clause boundary, and the neutral words a template falls back on. Kept apart from the
composer's assignment logic because wording is what changes most often."""

from __future__ import annotations

import re

from ..analysis.fact_links import collapse
from ..analysis.role_headers import legal_form_only
from ..analysis.skills_lexicon import skill_lexicon
from ..models import Fact
from .patterns import leads

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
    """Collapse whitespace and the doubled full stop an "Inc." before "." leaves, and
    drop a space a filled-in value leaves before a comma, semicolon or colon."""
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", collapse(text)).replace(" .", ".")
    return re.sub(r"(?<=\w)\s+([,;:])(?=\s|$)", r"\1", text)


_DANGLING = frozenset(
    """a an the to of and or with by for in on at from into than as that which who your my
    our""".split()
)


def short_clause(quote: str, limit: int = 150) -> str:
    """The quote, whitespace collapsed, cut at a clause boundary when it is long."""
    # A template puts the clause in double quotes, so quotes inside it become single
    # ones: cut at a clause boundary, an inner pair could otherwise lose its closing mark.
    # A line ending in a colon or dash ("Key accounts:") would meet the template's own
    # full stop; those endings go too.
    text = collapse(quote).rstrip(" .;,:–—-").replace('"', "'")
    if len(text) <= limit:
        return text
    for sep in (", ", "; ", " – ", " - ", " and ", " through ", " by "):
        cut = text.find(sep, 50, limit)
        if cut != -1:
            return text[:cut].rstrip(" .;,")
    cut = text.rfind(" ", 0, limit)
    clause = text[: cut if cut > 40 else limit].rstrip(" .;,")
    # Cut between words, the clause must not end on one that needs the next
    # ("... moving rate calculation to an").
    while (last := clause.rsplit(" ", 1))[-1].lower() in _DANGLING and len(last) == 2:
        clause = last[0].rstrip(" .;,")
    return clause


# Where a job description's requirement turns from what is needed to its detail.
_REQUIREMENT_DETAIL = re.compile(
    r",\s|;\s|\s\((?![A-Z][A-Za-z0-9&/-]{0,7}s?\))|\s(?:including|such as|e\.g\.|for example|"
    r"ideally|preferably|in person or|whether)\s|\s[–—-]\s"
)


def requirement_clause(quote: str, limit: int = 80) -> str:
    """A requirement as a question names it: what is needed, without its detail.

    "Working knowledge of EMIS Web or SystmOne, including coding and issuing prescriptions"
    -> "Working knowledge of EMIS Web or SystmOne". A short acronym in brackets stays
    ("structured medication reviews (SMRs)"); the whole line stays in the evidence."""
    text = collapse(quote).rstrip(" .;,")
    for m in _REQUIREMENT_DETAIL.finditer(text):
        head = text[: m.start()].rstrip(" .;,")
        # Never inside brackets: "Hazmat knowledge (placarding, ...)" is kept whole.
        if len(head.split()) >= 3 and head.count("(") == head.count(")"):
            text = head
            break
    return short_clause(text, limit)


def _verb_first(clause: str) -> bool:
    first = clause.split(" ", 1)[0].lower().strip(",.")
    return (
        (first.endswith("ed") and len(first) > 4)
        or first in _IRREGULAR_PAST
        or first in _PRESENT_VERBS
    )


# Resume lines that open on a participle of something done to the candidate.
_PASSIVE_START = re.compile(
    r"^(?:promoted|selected|appointed|named|elected|invited|chosen|nominated|recognised|"
    r"recognized|shortlisted|seconded|commended|headhunted|re-?hired)\s+"
    r"(?:to|as|for|by|into|from|after|within|onto)\b",
    re.I,
)
# A lead quotes the candidate's line; past this many characters it is cut at a clause
# boundary, so the question stays one breath and the full line stays in the evidence.
LEAD_CHARS = 90
# The candidate's own first person, read back to them.
_FIRST_PERSON = [
    # Verbs that agree with "I" first, so "I'm ready" never reads "you'm ready".
    (re.compile(r"\bI(?:'|’)m\b"), "you're"),
    (re.compile(r"\bI am\b"), "you are"),
    (re.compile(r"\bI was\b"), "you were"),
    (re.compile(r"\bI(?=(?:'|’)(?:ve|d|ll)\b)"), "you"),
    (re.compile(r"\bmy\b"), "your"),
    (re.compile(r"\bMy\b"), "Your"),
    (re.compile(r"\bmyself\b", re.I), "yourself"),
    (re.compile(r"\bI\b"), "you"),
    (re.compile(r"\bme\b"), "you"),
    (re.compile(r"\b[Oo]ur\b"), "the"),
]
# What may follow an employer's name on a role line and is not part of it: a city, a
# state or country, "Remote".
_PLACE_TAIL = re.compile(
    r"\s*(?:,|\||·|–|—|\s-\s|\()\s*(?:remote|hybrid|on-?site|"
    r"(?:[A-Z][\w.'-]*\s?){1,3}(?:,\s*[A-Z]{2,3}\b|,\s*[A-Z][a-z]+)?)\)?\s*$"
)
_COMPANY_WORDS = re.compile(
    r"\b(?:inc|ltd|llc|llp|plc|gmbh|co|corp|corporation|company|group|partners|"
    r"associates|sons|trust|foundation)\b\.?",
    re.I,
)


def org_name(org: str) -> str:
    """The employer without the place the role line gives after it: "Brightline
    Logistics, Dayton, OH" -> "Brightline Logistics". "Smith, Jones & Co" stays whole."""
    name = org.strip()
    while True:
        cut = _PLACE_TAIL.search(name)
        if cut is None or cut.start() < 3 or _COMPANY_WORDS.search(name[cut.start() :]):
            return without_dotted_legal_form(name)
        if "&" in name[cut.start() :]:
            return name
        name = name[: cut.start()].rstrip(" ,|·–—-(")


# A dotted legal form at the end of a name: "S.A. de C.V.", "S. de R.L.", "Pvt. Ltd.",
# "sp. z o.o.".
_DOTTED_TAIL = re.compile(r"(?:,?\s+(?:[A-Za-z]{1,4}\.(?:\s?[A-Za-z]{1,4}\.)*|de|y|z|&))+\s*$")


def without_dotted_legal_form(name: str) -> str:
    """ "Componentes del Bajío, S.A. de C.V." -> "Componentes del Bajío": nobody says the
    legal form aloud, and its full stops collide with the sentence's own punctuation
    ("at X, S.A. de C.V., you ..."). Undotted forms ("Acme Ltd") read fine and stay."""
    cut = _DOTTED_TAIL.search(name)
    if cut is None or not legal_form_only(name[cut.start() :].lstrip(" ,")):
        return name
    head = name[: cut.start()].rstrip(" ,")
    return head if len(head) >= 3 else name


def second_person(text: str) -> str:
    for pattern, repl in _FIRST_PERSON:
        text = pattern.sub(repl, text)
    return text


def lead_for(fact: Fact, name_org: bool = True, variant: int = 0) -> str:
    """The candidate's claim in their own words, as the opening of a question.

    ``name_org``: say where it was (the first question about that employer does; later
    ones need not repeat it). ``variant`` picks among the data file's forms, so a kit
    does not open every question the same way."""
    forms = leads()
    own = short_clause(fact.quote, LEAD_CHARS)
    clause = second_person(own)
    org = org_name(fact.organisation) if fact.organisation else None
    if fact.source.value == "job":
        return _pick(forms.job, variant).format(clause=clause)
    if fact.source.value == "notes":
        return _pick(forms.notes, variant).format(clause=clause)
    mentions_org = bool(org) and org is not None and org.lower() in clause.lower()
    where = f" at {org}" if org and name_org and not mentions_org else ""
    if _verb_first(clause):
        clause = f"{clause[0].lower()}{clause[1:]}"
        if _PASSIVE_START.match(clause):
            # "Promoted to Head Nurse" is something done to them: "you were promoted".
            clause = f"were {clause}"
        return _pick(forms.verb, variant).format(clause=clause) + where
    if clause != own:
        # First person read back: reported in the second person, not quoted.
        clause = f"{clause[0].lower()}{clause[1:]}" if clause.startswith("Your") else clause
        lead = _pick(forms.reported, variant).format(clause=clause)
    else:
        lead = _pick(forms.quote, variant).format(clause=clause)
    return f"At {org}, {lead[0].lower()}{lead[1:]}" if where else lead


def opens_on_verb(fact: Fact) -> bool:
    """Whether :func:`lead_for` opens on the candidate's verb ("You say you ...")."""
    return _verb_first(second_person(short_clause(fact.quote, LEAD_CHARS)))


def _pick(forms: list[str], variant: int) -> str:
    return forms[variant % len(forms)]


def named_tool(skill: str) -> bool:
    """Tools and languages make a practical task; "stakeholder management" or "vendor
    negotiation" does not."""
    return (
        bool(skill_lexicon().tools_in(skill))
        # A capital inside a word names a product (GitHub, PyTorch, AWS); "P&L" does not.
        or any(w.isalnum() and any(c.isupper() for c in w[1:]) for w in skill.split())
        or (skill[:1].isupper() and " " not in skill)
    )


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
