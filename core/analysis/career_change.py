"""What field a job is in, and whether the latest job moved the candidate into a new one.

A change of career is worth its own question (why the move, what carried over), but a
shift between neighbouring fields is not, so fields and their neighbours live here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Fact, FactKind, Resume, Role, Span, YearMonth
from .fact_building import make_fact, sentence_of, summary_span, title_line

_CHANGE_CUES = re.compile(
    r"\b(?:career change|career changer|changing careers|transition(?:ing|ed)? (?:in)?to|"
    r"pivot(?:ing|ed)? (?:in)?to|switch(?:ing|ed)? (?:in)?to|"
    # "moving from the teller line into credit analysis", "ready to step into management"
    r"(?:mov(?:ing|ed|e)|transition(?:ing|ed)?|shift(?:ing|ed)?) from [^.;\n]{3,60}? (?:in)?to|"
    r"mov(?:ing|ed|e) into|step(?:ping|ped)? (?:up )?into|break(?:ing)? into|"
    r"make the (?:move|jump|switch|leap) (?:in)?to|"
    r"retrain(?:ing|ed)?|second career|new career|former \w+|previously (?:a|an|worked)|"
    r"after \w+ years (?:in|as|of)|(?:seeking|looking for|pursuing) (?:a |an )?(?:new )?"
    r"(?:position|role|career|opportunity) (?:as|in)|"
    r"now (?:designing|building|working|analysing|analyzing|developing|applying|bringing))\b",
    re.IGNORECASE,
)


# Roles that say little about a candidate's field (a student job, a side job).
MINOR_ROLE = re.compile(
    r"\b(?:part[- ]time|student|intern(?:ship)?|co-?op|summer|seasonal|volunteer|"
    r"weekend|casual|temporary|temp|non-executive|board member|trustee|advisor|adviser|"
    r"advisory)\b",
    re.IGNORECASE,
)


_FIELDS: dict[str, tuple[str, ...]] = {
    "hospitality": (
        "chef",
        "cook",
        "restaurant",
        "kitchen",
        "bartender",
        "hotel",
        "barista",
        "hospitality",
        "catering",
        "sous",
        "waiter",
        "waitress",
        "bistro",
        "cafe",
        "front office",
        "front desk",
        "concierge",
        "housekeep",
        "banquet",
    ),
    "healthcare": (
        "nurse",
        "nursing",
        "clinic",
        "hospital",
        "patient",
        "medical",
        "pharmacy",
        "clinical",
        "caregiver",
        "ward",
        "paramedic",
        "midwife",
        "physician",
        "dental",
        "hygienist",
        "pharmacist",
        "therapist",
        "care home",
        "care assistant",
        "radiograph",
        "physiotherap",
        "doctor",
        "dentist",
    ),
    "education": (
        "teacher",
        "teaching",
        "school",
        "lecturer",
        "tutor",
        "classroom",
        "curriculum",
        "pupils",
        "professor",
        "instructor",
    ),
    "software": (
        "software",
        "developer",
        "programmer",
        "devops",
        "sre",
        "frontend",
        "backend",
        "full-stack",
        "full stack",
        "web developer",
        "platform engineer",
        "data engineer",
        "qa engineer",
        "test engineer",
        "api",
        "site reliability",
        "reliability engineer",
        "cloud engineer",
        "infrastructure engineer",
        "security engineer",
        "mobile developer",
        "ios developer",
        "android developer",
    ),
    "engineering": (
        "mechanical",
        "electrical",
        "manufacturing",
        "solidworks",
        "cad",
        "product engineer",
        "design engineer",
        "process engineer",
        "hardware",
        "aerospace",
        "automotive",
    ),
    "data": ("data", "analytics", "analyst", "machine learning", "scientist", "bi "),
    "design": ("designer", "ux", "ui", "design", "graphic", "product design"),
    "sales": ("sales", "account executive", "business development", "account manager"),
    "retail": ("retail", "store", "cashier", "merchandis", "shop"),
    "finance": (
        "accountant",
        "accounting",
        "finance",
        "financial",
        "auditor",
        "bookkeep",
        "controller",
        "treasury",
        "payroll",
        "bank",
        "teller",
        "loan",
        "credit union",
        "mortgage",
        "underwriter",
    ),
    "legal": (
        "paralegal",
        "attorney",
        "lawyer",
        "legal",
        "law firm",
        "solicitor",
        "counsel",
        "barrister",
    ),
    "logistics": (
        "logistics",
        "warehouse",
        "supply chain",
        "dispatcher",
        "fleet",
        "distribution",
        "freight",
    ),
    "marketing": ("marketing", "brand", "seo", "social media", "campaign", "content"),
    "people": (
        "recruiter",
        "human resources",
        "hr ",
        "talent",
        "people operations",
        "people partner",
        "hr business partner",
    ),
    "military": ("army", "navy", "air force", "marine", "sergeant", "military"),
    "construction": (
        "construction",
        "site engineer",
        "civil",
        "structural",
        "surveyor",
        "electrician",
        "plumber",
        "carpenter",
        "welder",
        "hvac",
        "joiner",
        "bricklayer",
        "foreman",
        "site manager",
        "pipefitter",
        "fabricator",
        "apprentice electrician",
    ),
    "support": (
        "customer support",
        "support agent",
        "support team",
        "support lead",
        "help desk",
        "helpdesk",
        "service desk",
        "customer service",
        "call-center",
        "call center",
        "contact center",
        "contact centre",
    ),
}


# Moves between these fields are a shift within one career, not a change of career.
_ADJACENT = {
    frozenset({"software", "data"}),
    frozenset({"design", "marketing"}),
    frozenset({"sales", "marketing"}),
    frozenset({"sales", "retail"}),
    frozenset({"software", "design"}),
    frozenset({"construction", "software"}),
    frozenset({"support", "sales"}),
    frozenset({"support", "software"}),
}


def role_field(role: Role) -> str | None:
    # The title and employer say what field a job is in; bullets mention too much else.
    return title_field(role.title or "", role.header)


def title_field(title_text: str, context: str = "") -> str | None:
    """The field a job title is in ("Site Reliability Engineer" -> software); cues in
    ``context`` (the rest of a role line, an employer) count for less."""
    blob = f" {title_text.lower()} {context.lower()} "
    title = f" {title_text.lower()} "
    best: tuple[int, str] | None = None
    for field, cues in _field_cues().items():
        # The substring test is cheap and nearly always false; the pattern then checks
        # that the cue starts a word.
        score = sum(3 for c, p in cues if c in title and p.search(title)) + sum(
            1 for c, p in cues if c in blob and p.search(blob)
        )
        if score and (best is None or score > best[0]):
            best = (score, field)
    return best[1] if best else None


@lru_cache(maxsize=1)
def _field_cues() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """Each cue from a word's start ("merchandis" finds "merchandiser"); a cue of three
    letters or fewer is a whole word, so "seo" is not found in "Seoul" nor "api" in
    "capital"."""
    return {
        field: [
            (
                c,
                re.compile(
                    rf"(?<![a-z]){re.escape(c)}" + (r"(?![a-z])" if len(c.strip()) <= 3 else "")
                ),
            )
            for c in cues
        ]
        for field, cues in _FIELDS.items()
    }


def career_change_facts(
    jobs: list[Role], resume: Resume, text: str, today: YearMonth
) -> list[Fact | None]:
    cue: Span | None = None
    region = summary_span(resume, text)
    if region is not None:
        found = _CHANGE_CUES.search(text, region.start, region.end)
        if found:
            cue = sentence_of(text, found.start(), region)
    major = [r for r in jobs if not MINOR_ROLE.search(r.header)]
    if len(major) >= 2:
        latest = major[0]
        latest_field = role_field(latest)
        earlier = [(role_field(r), r.months(today) or 0) for r in major[1:]]
        months_by_field: dict[str, int] = {}
        for field_name, months in earlier:
            if field_name:
                months_by_field[field_name] = months_by_field.get(field_name, 0) + months
        if latest_field and months_by_field:
            dominant = max(months_by_field, key=lambda f: months_by_field[f])
            changed = (
                dominant != latest_field
                and frozenset({dominant, latest_field}) not in _ADJACENT
                and months_by_field[dominant] >= 18
            )
            if changed:
                return [
                    make_fact(
                        FactKind.career_change,
                        text,
                        cue or title_line(text, latest),
                        priority=7.5,
                        summary=f"Moved from {dominant} into {latest_field} ({latest.label})",
                        role=latest,
                        from_field=dominant,
                        to_field=latest_field,
                        fields_known=True,
                    )
                ]
    if cue is not None:
        return [
            make_fact(
                FactKind.career_change,
                text,
                cue,
                priority=7.0,
                summary="The resume describes a change of career",
                role=jobs[0] if jobs else None,
            )
        ]
    return []
