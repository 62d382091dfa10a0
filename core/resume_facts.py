"""Stage 2b: a parsed Resume -> facts worth probing, each quoting the resume exactly.

A fact is one thing an interviewer should ask about: a gap, a claim without numbers,
a skill nobody can see used, a promotion. Each keeps the exact words and span it rests
on, a plain summary, and a priority (how much it needs probing), so the generator can
put first what matters and quote only what the candidate wrote.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .models import Fact, FactKind, Resume, Role, Source, Span, YearMonth

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

_METRIC = re.compile(
    r"(?:[$£€₹¥]\s?\d[\d,.]*\s?(?:[kmb]n?|million|billion|thousand)?\b)"
    r"|(?:\b\d[\d,.]*\s?(?:%|percent\b|pp\b|x\b|×|k\b|m\b|bn\b|million\b|billion\b|thousand\b))"
    r"|(?:\b\d[\d,.]*\+?\s?(?:hours?|hrs|days?|weeks?|months?|minutes?|mins?|ms|seconds?|"
    r"users|customers|clients|people|engineers|developers|staff|employees|reports|members|"
    r"students|patients|beds|stores|sites|locations|countries|markets|projects|products|"
    r"accounts|tickets|cases|calls|transactions|requests|orders|shipments|deliveries|"
    r"vendors|suppliers|partners|teams|schools|classes|courses|papers|apps|services|"
    r"pipelines|dashboards|campaigns|leads|deals|units|pounds|lbs|kg|tons|tonnes|km|miles|"
    r"points|positions|hires|volunteers|events|attendees|languages|microservices|nodes|"
    r"servers|repos|tests|releases|features|models|records|rows|documents|contracts)\b)"
    r"|(?:\bfrom\s+\S*\d\S*\s+(?:\S+\s+){0,3}?to\s+\S*\d[\w%.,]*"
    r"(?:\s(?:ms|s|seconds?|minutes?|hours?|days?|weeks?|months?|%|percent|[kmb]n?)\b)?)"
    r"|(?:\b(?:doubled|tripled|halved)\b)"
    r"|(?:\b(?:top|rank(?:ed)?)\s+\d+\b)",
    re.IGNORECASE,
)
# Numbers that are results on their own (percentages, money, before/after, multiples)...
_STRONG_METRIC = re.compile(
    r"[$£€₹¥]\s?\d[\d,.]*\s?(?:[kmb]n?\b|million\b|billion\b|thousand\b)?"
    r"|\b\d[\d,.]*\s?(?:%|percent\b|pp\b|x\b|×)"
    r"|\bfrom\s+\S*\d.{0,30}?\bto\s+\S*\d[\w%.,]*"
    r"(?:\s(?:ms|s|seconds?|minutes?|hours?|days?|weeks?|months?|%|percent|[kmb]n?)\b)?"
    r"|\b(?:doubled|tripled|halved)\b|\b\d[\d,.]*\s?(?:k|m|bn|million|billion)\b",
    re.IGNORECASE,
)
# ...and counts that are results only next to a verb of impact ("served 40 shippers").
_IMPACT = re.compile(
    r"\b(?:(?:reduc|increas|improv|sav|rais|boost|lower|deliver|serv|process|handl|launch|"
    r"ship|generat|clos|sell|train|onboard|hir|recruit|scal|migrat|automat|publish|manag|"
    r"support|complet|achiev|exceed|secur|negotiat|creat|design|doubl|tripl|expand|grow)"
    r"(?:e|ed|es|ing|s|d)?|cut|grew|won|sold|built|ran|drove)\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"\b(?:responsible for|helped(?: to| with)?|assisted(?: with| in)?|involved in|"
    r"worked on|participated in|contributed to|duties included|tasked with|exposure to|"
    r"familiar with|supported|handled|in charge of|took part in|was part of|various|"
    r"a number of|several|etc\.?|and more|worked (?:closely )?(?:with|alongside)|"
    r"championed|fostered|drove (?:a|the) culture|culture of|transformation|best practices|"
    r"synerg\w*|thought leadership|strategic initiatives|cross-functional|"
    r"collaborated (?:closely )?with|liaised with|partnered with|exposure to|assisted|"
    r"coordinated with|interfaced with|played a (?:key )?role in)\b",
    re.IGNORECASE,
)
_LEADERSHIP = re.compile(
    r"\b(?:led|leading|lead(?=\s+(?:a|an|the|my|our|\d+|teams?|squads?|groups?|projects?|"
    r"development|engineering|design|delivery))|managed|manag(?:e|ing)|supervis(?:ed|ing)|mentor(?:ed|ing)|"
    r"coach(?:ed|ing)|head(?:ed|ing)|direct(?:ed|ing)|oversaw|overs(?:ee|aw|eeing)|"
    r"built and led|hired|line[- ]managed|chaired|spearheaded)\b(?!\s+to\b)",
    re.IGNORECASE,
)
_TEAM_SIZE = re.compile(
    r"\b(?:team|group|staff|department|squad) of (?:\d+|two|three|four|five|six|seven|eight|"
    r"nine|ten|twelve|fifteen|twenty)\b|\b\d+\s+(?:direct reports|reports|engineers|people|"
    r"staff|nurses|analysts|designers|developers|agents|volunteers|associates)\b",
    re.IGNORECASE,
)
_PROMOTED = re.compile(
    r"\b(?:(?:was|been|got|being) promoted|promoted (?:to|from|in|after)|promotion (?:to|from))\b",
    re.IGNORECASE,
)
_CHANGE_CUES = re.compile(
    r"\b(?:career change|career changer|changing careers|transition(?:ing|ed)? (?:in)?to|"
    r"pivot(?:ing|ed)? (?:in)?to|mov(?:ing|ed|e) into|switch(?:ing|ed)? (?:in)?to|"
    r"retrain(?:ing|ed)?|second career|new career|former \w+|previously (?:a|an|worked)|"
    r"after \w+ years (?:in|as|of)|now (?:designing|building|working|analysing|analyzing|"
    r"developing|applying|bringing))\b",
    re.IGNORECASE,
)
# Roles that say little about a candidate's field (a student job, a side job).
_MINOR_ROLE = re.compile(
    r"\b(?:part[- ]time|student|intern(?:ship)?|co-?op|summer|seasonal|volunteer|"
    r"weekend|casual|temporary|temp|non-executive|board member|trustee|advisor|adviser|"
    r"advisory)\b",
    re.IGNORECASE,
)
_BREAK_CUES = re.compile(
    r"\b(?:career break|sabbatical|gap year|travell?ing|relocat(?:ed|ion|ing)|"
    r"full[- ]time (?:study|student|course|bootcamp)|bootcamp|caring for|carer|"
    r"time off|break from work|parental leave|family leave)\b",
    re.IGNORECASE,
)
_EXPECTED_SHORT = re.compile(
    r"\b(?:intern(?:ship)?|contract(?:or)?|temporary|temp|seasonal|fixed[- ]term|part[- ]time|"
    r"placement|co-?op|locum|interim|freelance|volunteer|summer)\b",
    re.IGNORECASE,
)
_SOFT = {
    "communication",
    "teamwork",
    "leadership",
    "problem solving",
    "problem-solving",
    "time management",
    "interpersonal skills",
    "collaboration",
    "adaptability",
    "creativity",
    "critical thinking",
    "attention to detail",
    "work ethic",
    "multitasking",
    "organisation",
    "organization",
    "presentation skills",
    "negotiation",
    "empathy",
    "customer service",
    "flexibility",
    "self-motivated",
    "detail-oriented",
}
_SPOKEN = frozenset(
    """english spanish french german mandarin chinese cantonese hindi arabic portuguese
    italian japanese korean russian dutch swedish polish turkish urdu bengali tamil
    telugu punjabi swahili yoruba igbo hausa greek hebrew vietnamese thai tagalog""".split()
)
_ALIASES: dict[str, tuple[str, ...]] = {
    "javascript": ("js", "node.js", "nodejs", "typescript", "react"),
    "kubernetes": ("k8s", "eks", "gke", "aks"),
    "postgresql": ("postgres",),
    "postgres": ("postgresql",),
    "amazon web services": ("aws",),
    "aws": ("amazon web services", "ec2", "s3", "lambda"),
    "google cloud": ("gcp", "bigquery"),
    "gcp": ("google cloud", "bigquery"),
    "microsoft excel": ("excel",),
    "excel": ("spreadsheet", "spreadsheets", "pivot tables"),
    "machine learning": ("ml", "model", "models"),
    "ci/cd": ("continuous integration", "github actions", "jenkins", "gitlab ci", "pipeline"),
    "golang": ("go",),
    "react": ("react.js", "reactjs"),
    "node.js": ("node", "nodejs"),
}
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
    "legal": ("paralegal", "attorney", "lawyer", "legal", "law firm", "solicitor"),
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
    "people": ("recruiter", "human resources", "hr ", "talent", "people operations"),
    "military": ("army", "navy", "air force", "marine", "sergeant", "military"),
    "construction": ("construction", "site engineer", "civil", "structural", "surveyor"),
}
# Moves between these fields are a shift within one career, not a change of career.
_ADJACENT = {
    frozenset({"software", "data"}),
    frozenset({"design", "marketing"}),
    frozenset({"sales", "marketing"}),
    frozenset({"sales", "retail"}),
    frozenset({"software", "design"}),
    frozenset({"construction", "software"}),
}


MAX_TIMELINE_ROLES = 40


def fact_id(kind: FactKind, source: Source, span: Span, quote: str) -> str:
    """Stable across runs and machines: derived from what the fact quotes and where."""
    digest = hashlib.sha1(f"{source}:{span.start}:{span.end}:{quote}".encode()).hexdigest()
    return f"{kind.value}-{digest[:6]}"


def make_fact(
    kind: FactKind,
    text: str,
    span: Span,
    *,
    source: Source = Source.resume,
    priority: float,
    summary: str,
    role: Role | None = None,
    also: list[Span] | None = None,
    **data: str | int | float | bool | None,
) -> Fact | None:
    quote_span = trim_span(text, span)
    quote = text[quote_span.start : quote_span.end]
    if len(quote.strip()) < 2:
        return None
    skill = data.pop("skill", None)
    return Fact(
        id=fact_id(kind, source, quote_span, quote),
        kind=kind,
        quote=quote,
        span=quote_span,
        source=source,
        summary=summary,
        organisation=role.organisation if role else None,
        role_title=role.title if role else None,
        skill=str(skill) if skill else None,
        data=dict(data),
        priority=round(priority, 3),
        also=[trim_span(text, a) for a in also or [] if a != span],
    )


def trim_span(text: str, span: Span, limit: int = 240) -> Span:
    """Strip surrounding whitespace and bullet glyphs; keep long quotes to one sentence."""
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in "•-*–·▪◦"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind(", "))
        end = start + (cut if cut > 60 else limit)
        while end > start and text[end - 1] in " ,;":
            end -= 1
    return Span(start=start, end=end)


def month_label(ym: YearMonth | None) -> str:
    if ym is None:
        return "?"
    return f"{_MONTHS[ym.month - 1]} {ym.year}" if ym.month else str(ym.year)


def months_text(n: int) -> str:
    if n >= 24 and n % 12 == 0:
        return f"{n // 12} years"
    if n >= 18:
        return f"about {round(n / 12)} years"
    return f"{n} months" if n != 1 else "1 month"


def _role_end(role: Role, today: YearMonth) -> int | None:
    if role.current:
        return today.index
    if role.end is not None:
        return role.end.end_index
    return role.start.end_index if role.start else None


def _recency(role: Role | None, roles: list[Role], today: YearMonth) -> float:
    """Recent work matters more: +1 for the latest role, -1.5 for work over 8 years old."""
    if role is None:
        return 0.0
    if roles and role is roles[0]:
        return 1.0
    end = _role_end(role, today)
    if end is not None and today.index - end > 96:
        return -1.5
    return 0.0


def _line_of(text: str, pos: int) -> Span:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return Span(start=start, end=len(text) if end == -1 else end)


def _title_line(text: str, role: Role) -> Span:
    """The header line that names the role (not a line holding only dates)."""
    for_line = role.header_span
    pos = for_line.start
    best: Span | None = None
    while pos <= for_line.end:
        line = _line_of(text, pos)
        content = text[line.start : line.end]
        if role.date_span and line.start <= role.date_span.start < line.end:
            before = text[line.start : role.date_span.start]
            if re.search(r"[A-Za-z]{3}", before):
                return line
        elif re.search(r"[A-Za-z]{3}", content):
            return line
        pos = line.end + 1
    return best or for_line


def derive_facts(resume: Resume, text: str, today: YearMonth) -> list[Fact]:
    """Every fact the resume supports, highest priority first (ties: order in the text)."""
    # The most recent roles only: timeline checks compare roles pairwise, and no real
    # resume lists more than a few dozen (a hostile one may list thousands).
    jobs = [r for r in resume.roles if r.section == "experience" and r.start is not None]
    jobs = jobs[:MAX_TIMELINE_ROLES]
    facts: list[Fact | None] = []
    facts += _role_facts(jobs, text, today)
    facts += _bullet_facts(resume.roles, text, today)
    facts += _timeline_facts(jobs, resume, text, today)
    facts += _skill_facts(resume, text)
    facts += _credential_facts(resume, text, today, junior=_is_junior(jobs, today))
    facts += _career_change_facts(jobs, resume, text, today)
    facts += _summary_claims(resume, text)
    found = [f for f in facts if f is not None]
    # The same words can support one fact of each kind, never two of the same kind.
    unique: dict[tuple[FactKind, int, int], Fact] = {}
    for f in found:
        unique.setdefault((f.kind, f.span.start, f.span.end), f)
    return sorted(unique.values(), key=lambda f: (-f.priority, f.span.start))


def _is_junior(jobs: list[Role], today: YearMonth) -> bool:
    months = sum((r.months(today) or 0) for r in jobs if not _EXPECTED_SHORT.search(r.header))
    return months < 30


def _role_facts(jobs: list[Role], text: str, today: YearMonth) -> list[Fact | None]:
    out: list[Fact | None] = []
    for n, role in enumerate(jobs[:4]):
        span = _title_line(text, role)
        when = f"{month_label(role.start)} to {'now' if role.current else month_label(role.end)}"
        minor = 1.5 if _MINOR_ROLE.search(role.header) else 0.0
        out.append(
            make_fact(
                FactKind.role,
                text,
                span,
                priority=4.0 - n - minor,
                summary=f"{role.label} ({when})",
                role=role,
                current=role.current,
                months=role.months(today),
            )
        )
    return out


def _bullet_facts(roles: list[Role], text: str, today: YearMonth) -> list[Fact | None]:
    out: list[Fact | None] = []
    for role in roles[: MAX_TIMELINE_ROLES * 2]:
        bonus = _recency(role, roles, today) + (-1.0 if role.section == "volunteer" else 0.0)
        promoted = _PROMOTED.search(text, role.header_span.start, role.header_span.end)
        if promoted:
            out.append(
                make_fact(
                    FactKind.promotion,
                    text,
                    _line_of(text, promoted.start()),
                    priority=5.5 + bonus,
                    summary=f"Promotion to {role.label}",
                    role=role,
                )
            )
        for bullet in role.bullets:
            body = bullet.text
            team = _TEAM_SIZE.search(body)
            # The result a bullet claims is its strongest number ("cutting deploy time by
            # 60%"), not the first ("Migrated 14 services").
            metric = _STRONG_METRIC.search(body) or _METRIC.search(body)
            # A bare count ("a team of 6", "15 hours a week") is a result only when an
            # impact verb goes with it and it is not the size of a team being led.
            if metric and not _STRONG_METRIC.search(body) and (team or not _IMPACT.search(body)):
                metric = None
            where = f" at {role.organisation}" if role.organisation else ""
            if metric:
                out.append(
                    make_fact(
                        FactKind.achievement,
                        text,
                        bullet.span,
                        priority=6.0 + bonus,
                        summary=f"Quantified claim{where}: {metric.group(0).strip()}",
                        role=role,
                        metric=metric.group(0).strip(),
                    )
                )
            vague = _VAGUE.search(body)
            if vague and not metric:
                out.append(
                    make_fact(
                        FactKind.unquantified_claim,
                        text,
                        bullet.span,
                        priority=6.0 + bonus,
                        summary=f"Vague claim{where} ('{vague.group(0)}'), no measure of result",
                        role=role,
                        phrase=vague.group(0),
                    )
                )
            lead = _LEADERSHIP.search(body)
            if lead or team:
                out.append(
                    make_fact(
                        FactKind.leadership_claim,
                        text,
                        bullet.span,
                        priority=5.5 + bonus + (0.5 if team else 0.0),
                        summary=f"Leadership claim{where}"
                        + (f" ({team.group(0)})" if team else ""),
                        role=role,
                        team=team.group(0) if team else None,
                    )
                )
            if _PROMOTED.search(body):
                out.append(
                    make_fact(
                        FactKind.promotion,
                        text,
                        bullet.span,
                        priority=4.5 + bonus,
                        summary=f"Promotion{where}",
                        role=role,
                    )
                )
    return out


@lru_cache(maxsize=1024)
def _norm_org(org: str | None) -> str:
    if not org:
        return ""
    words = re.sub(r"[^\w\s]", " ", org.lower()).split()
    drop = {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "company", "the", "group"}
    return " ".join(w for w in words if w not in drop)


@dataclass(frozen=True)
class _Activity:
    """Something dated the candidate was doing: a job, study, volunteering."""

    start: int
    end: int
    label: str
    start_label: str
    end_label: str
    dates: Span
    role: Role | None = None


def _activities(resume: Resume, jobs: list[Role], today: YearMonth) -> list[_Activity]:
    """Dated activities other than the jobs themselves (they can fill a gap between jobs)."""
    out: list[_Activity] = []
    for r in resume.roles:
        end = _role_end(r, today)
        if r in jobs or r.start is None or end is None:
            continue
        out.append(
            _Activity(
                r.start.index,
                end,
                r.organisation or r.label,
                month_label(r.start),
                month_label(r.end),
                r.date_span or r.header_span,
                r,
            )
        )
    for e in resume.education:
        if e.start is None:
            continue
        end = e.end.end_index if e.end else e.start.end_index
        label = e.qualification or e.institution or "study"
        out.append(
            _Activity(
                e.start.index,
                end,
                label,
                month_label(e.start),
                month_label(e.end),
                e.date_span or e.span,
            )
        )
    return out


def _job_activity(role: Role, today: YearMonth) -> _Activity:
    assert role.start is not None
    return _Activity(
        role.start.index,
        _role_end(role, today) or role.start.index,
        role.organisation or role.label,
        month_label(role.start),
        "now" if role.current else month_label(role.end),
        role.date_span or role.header_span,
        role,
    )


def _timeline_facts(
    jobs: list[Role], resume: Resume, text: str, today: YearMonth
) -> list[Fact | None]:
    out: list[Fact | None] = []
    ordered = sorted(jobs, key=lambda r: r.start.index if r.start else 0)
    others = _activities(resume, jobs, today)
    # Gaps: time between the end of all work so far and the next start.
    latest: _Activity | None = None
    for role in ordered:
        current = _job_activity(role, today)
        if latest is not None and current.start - latest.end - 1 >= 3:
            out.extend(_gap_facts(text, latest, current, others))
        if latest is None or current.end > latest.end:
            latest = current
    if latest is not None and not any(r.current for r in jobs):
        out.extend(_gap_facts(text, latest, None, others, today=today))
    out.extend(_year_only_gaps(ordered, text))
    # Short tenures, overlaps and promotions.
    for i, role in enumerate(ordered):
        months = role.months(today)
        moved_inside = any(
            _norm_org(r.organisation)
            and _norm_org(r.organisation) == _norm_org(role.organisation)
            and r.start is not None
            and role.start is not None
            and r.start.index > role.start.index
            for r in ordered
        )
        # A short first title at an employer the candidate stayed with is a step up, not
        # a short stay.
        if months is not None and 0 < months < 12 and not role.current and not moved_inside:
            expected = bool(_EXPECTED_SHORT.search(role.header))
            out.append(
                make_fact(
                    FactKind.short_tenure,
                    text,
                    _title_line(text, role),
                    priority=(4.5 if expected else 6.0) + _recency(role, jobs, today) / 2,
                    summary=f"{months_text(months)} as {role.label}",
                    role=role,
                    months=months,
                    expected=expected,
                )
            )
        for other in ordered[:i]:
            overlap = _overlap_months(other, role, today)
            if overlap >= 2:
                out.append(
                    make_fact(
                        FactKind.overlap,
                        text,
                        _title_line(text, role),
                        priority=5.5,
                        summary=f"{role.label} overlaps {other.label} by {months_text(overlap)}",
                        role=role,
                        also=[_title_line(text, other)],
                        months=overlap,
                        other=other.label,
                    )
                )
            same_org = _norm_org(other.organisation) and _norm_org(other.organisation) == _norm_org(
                role.organisation
            )
            if same_org and other.title and role.title and other.title != role.title:
                out.append(
                    make_fact(
                        FactKind.promotion,
                        text,
                        _title_line(text, role),
                        priority=5.0 + _recency(role, jobs, today) / 2,
                        summary=f"Moved from {other.title} to {role.title} at {role.organisation}",
                        role=role,
                        also=[_title_line(text, other)],
                        previous_title=other.title,
                    )
                )
    return out


def _year_only_gaps(ordered: list[Role], text: str) -> list[Fact | None]:
    """Dates given as years alone can hide a gap: "2006 - 2011" then "2012 - 2015" may
    mean a few weeks or nearly two years. Worth one neutral question."""
    out: list[Fact | None] = []
    for prev, nxt in itertools.pairwise(ordered):
        if prev.current or prev.end is None or nxt.start is None:
            continue
        if prev.end.month is not None or nxt.start.month is not None:
            continue
        years = nxt.start.year - prev.end.year
        if years < 1:
            continue
        most = 12 * years + 10  # from January of one year to December of the next
        out.append(
            make_fact(
                FactKind.gap,
                text,
                prev.date_span or prev.header_span,
                priority=6.5,
                summary=f"Dates in years only: {prev.label} ends {prev.end.year} and "
                f"{nxt.label} starts {nxt.start.year} (a gap of up to {months_text(most)})",
                role=nxt,
                also=[nxt.date_span] if nxt.date_span else [],
                months=most,
                explained=False,
                uncertain=True,
                after=prev.organisation or prev.label,
                before=nxt.organisation or nxt.label,
                from_label=str(prev.end.year),
                to_label=str(nxt.start.year),
            )
        )
    return out


def _gap_facts(
    text: str,
    before: _Activity,
    after: _Activity | None,
    others: list[_Activity],
    today: YearMonth | None = None,
) -> list[Fact | None]:
    """Facts for the time between two jobs (or since the last one, when ``after`` is None).

    Study or volunteering inside the gap explains the part it covers; what is left
    uncovered for three months or more is an unexplained gap, bounded by the exact dates
    on either side of it."""
    g0 = before.end + 1
    g1 = (after.start if after else (today.index if today else before.end)) - 1
    # Only something begun around or after the last job ended explains the time after it:
    # volunteering kept up since years before is not what filled the gap.
    inside = sorted(
        (a for a in others if a.start <= g1 and a.end >= g0 and a.start >= before.end - 1),
        key=lambda a: a.start,
    )
    segments: list[tuple[int, int, _Activity, _Activity | None]] = []
    cursor, left = g0, before
    for act in inside:
        if act.start > cursor:
            segments.append((cursor, act.start - 1, left, act))
        if act.end + 1 > cursor:
            cursor, left = act.end + 1, act
    if cursor <= g1:
        segments.append((cursor, g1, left, after))
    total = g1 - g0 + 1
    facts: list[Fact | None] = []
    cue = None
    if after is not None and after.role is not None:
        window = text[max(0, after.role.header_span.start - 400) : after.role.header_span.start]
        cue = _BREAK_CUES.search(window)
    for s0, s1, left_act, right_act in segments:
        months = s1 - s0 + 1
        if months < 3 or cue is not None:
            continue
        facts.append(
            _gap_fact(
                text,
                left_act,
                right_act,
                months,
                explained=False,
                reason=None,
                open_ended=right_act is None,
            )
        )
    if not facts and total >= 3 and (inside or cue):
        reason = (
            cue.group(0)
            if cue
            else (f"study for the {inside[0].label}" if inside[0].role is None else inside[0].label)
        )
        fact = _gap_fact(
            text, before, after, total, explained=True, reason=reason, open_ended=after is None
        )
        if fact is not None and inside:
            # The evidence that explains the gap is part of what the question rests on.
            fact.also.extend(a.dates for a in inside[:1] if a.dates != fact.span)
        facts.append(fact)
    return facts


def _gap_fact(
    text: str,
    before: _Activity,
    after: _Activity | None,
    months: int,
    *,
    explained: bool,
    reason: str | None,
    open_ended: bool,
) -> Fact | None:
    if after is None:
        summary = (
            f"No role listed since {before.label} ended {before.end_label} ({months_text(months)})"
        )
    else:
        summary = (
            f"{months_text(months)} between {before.label} (ended {before.end_label}) and "
            f"{after.label} (started {after.start_label})"
        )
    return make_fact(
        FactKind.gap,
        text,
        before.dates,
        priority=(4.0 if explained else 8.0) + min(months, 24) / 12,
        summary=summary + (" — explained in the resume" if explained else ""),
        role=(after.role if after else None) or before.role,
        also=[after.dates] if after else [],
        months=months,
        explained=explained,
        open_ended=open_ended,
        reason=reason,
        after=before.label,
        before=after.label if after else None,
        from_label=before.end_label,
        to_label=after.start_label if after else "now",
    )


def _overlap_months(a: Role, b: Role, today: YearMonth) -> int:
    if a.start is None or b.start is None:
        return 0
    a_end, b_end = _role_end(a, today), _role_end(b, today)
    if a_end is None or b_end is None:
        return 0
    return max(0, min(a_end, b_end) - max(a.start.index, b.start.index) + 1)


def _evidence_text(resume: Resume) -> list[tuple[str, Span, Role | None]]:
    chunks: list[tuple[str, Span, Role | None]] = []
    for role in resume.roles:
        for b in role.bullets:
            chunks.append((b.text, b.span, role))
        chunks.append((role.header, role.header_span, role))
    for p in resume.projects:
        chunks.append((f"{p.name} {p.description}", p.span, None))
    return chunks


@lru_cache(maxsize=4096)
def skill_pattern(name: str) -> re.Pattern[str]:
    escaped = re.escape(name.lower())
    return re.compile(rf"(?<![\w+#.]){escaped}(?![\w+#])", re.IGNORECASE)


def _skill_stems(name: str) -> set[str]:
    """Word stems of a multi-word skill ("plant consolidation" -> {"plant", "conso"}), so
    "Led the consolidation of two plants" counts as using it. Empty for one-word skills,
    which must appear as written."""
    words = [w for w in re.findall(r"[a-z&]{3,}", name.lower()) if w not in {"and", "the"}]
    return {w[:5] for w in words} if len(words) >= 2 else set()


def _stems_of(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z&]{3,}", text.lower())}


def _skill_weight(name: str) -> float:
    """Named tools and methods are worth validating before generic activities:
    "Marketo" or "marketing mix modelling" before "lifecycle email"."""
    from .skills_lexicon import skill_lexicon

    weight = 0.0
    if skill_lexicon().names_in(name):
        weight += 0.4
    if any(c.isupper() for c in name[1:]) or (name[:1].isupper() and " " not in name):
        weight += 0.3  # a proper name (Marketo, GA4, HL7/FHIR)
    if len(name.split()) >= 3 or len(name) >= 14:
        weight += 0.2  # a specific method rather than a one-word area
    return weight


def _skill_facts(resume: Resume, text: str) -> list[Fact | None]:
    out: list[Fact | None] = []
    chunks = _evidence_text(resume)
    evidenced = 0
    for skill in resume.skills:
        key = skill.name.lower()
        if key in _SOFT or key in _SPOKEN or len(key) < 2:
            continue
        names = (key, *_ALIASES.get(key, ()))
        stems = _skill_stems(key)
        hit: tuple[str, Span, Role | None] | None = None
        for chunk in chunks:
            if any(skill_pattern(n).search(chunk[0]) for n in names) or (
                stems and stems <= _stems_of(chunk[0])
            ):
                hit = chunk
                break
        if hit is None:
            out.append(
                make_fact(
                    FactKind.skill_unevidenced,
                    text,
                    skill.span,
                    priority=6.0 + _skill_weight(skill.name),
                    summary=f"{skill.name} is listed as a skill but no role or project "
                    "shows it used",
                    skill=skill.name,
                )
            )
        elif evidenced < 10:
            evidenced += 1
            out.append(
                make_fact(
                    FactKind.skill_evidenced,
                    text,
                    hit[1],
                    priority=4.0 - evidenced * 0.05,
                    summary=f"{skill.name} used in practice"
                    + (f" at {hit[2].organisation}" if hit[2] and hit[2].organisation else ""),
                    role=hit[2],
                    skill=skill.name,
                )
            )
    return out


def _credential_facts(
    resume: Resume, text: str, today: YearMonth, junior: bool
) -> list[Fact | None]:
    out: list[Fact | None] = []
    for cert in resume.certifications:
        out.append(
            make_fact(
                FactKind.certification,
                text,
                cert.span,
                priority=6.5 if cert.expired else 4.5,
                summary=f"Certification: {cert.name}" + (" (expired)" if cert.expired else ""),
                expired=cert.expired,
                name=cert.name,
            )
        )
    for n, edu in enumerate(resume.education):
        label = edu.qualification or edu.institution or edu.text
        out.append(
            make_fact(
                FactKind.education,
                text,
                edu.span,
                priority=(5.0 if junior else 2.5) - n * 0.3,
                summary=f"Education: {label}",
                institution=edu.institution,
                qualification=edu.qualification,
            )
        )
    for n, project in enumerate(resume.projects[:6]):
        name_span = Span(start=project.span.start, end=project.span.start + len(project.name))
        out.append(
            make_fact(
                FactKind.project,
                text,
                name_span
                if text[name_span.start : name_span.end] == project.name
                else project.span,
                priority=(5.5 if junior else 3.5) - n * 0.2,
                summary=f"Project: {project.name}",
                name=project.name,
                description=project.description[:200],
            )
        )
    return out


def role_field(role: Role) -> str | None:
    # The title and employer say what field a job is in; bullets mention too much else.
    blob = f" {role.header.lower()} "
    title = f" {(role.title or '').lower()} "
    best: tuple[int, str] | None = None
    for field, cues in _FIELDS.items():
        score = sum(3 for c in cues if c in title) + sum(1 for c in cues if c in blob)
        if score and (best is None or score > best[0]):
            best = (score, field)
    return best[1] if best else None


def _summary_span(resume: Resume, text: str) -> Span | None:
    """The summary's body (its heading line left out), or the header before any heading."""
    for section in resume.sections:
        if section.kind == "summary":
            body = text.find("\n", section.span.start, section.span.end)
            return Span(start=section.span.end if body == -1 else body + 1, end=section.span.end)
    head = next((s for s in resume.sections if s.kind == "header"), None)
    return head.span if head else None


def _career_change_facts(
    jobs: list[Role], resume: Resume, text: str, today: YearMonth
) -> list[Fact | None]:
    cue: Span | None = None
    region = _summary_span(resume, text)
    if region is not None:
        found = _CHANGE_CUES.search(text, region.start, region.end)
        if found:
            cue = _sentence_of(text, found.start(), region)
    major = [r for r in jobs if not _MINOR_ROLE.search(r.header)]
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
                        cue or _title_line(text, latest),
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


def _sentence_of(text: str, pos: int, region: Span) -> Span:
    start = max(
        region.start,
        text.rfind(".", region.start, pos) + 1,
        text.rfind("\n\n", region.start, pos) + 1,
    )
    end_dot = text.find(".", pos, region.end)
    end = region.end if end_dot == -1 else end_dot + 1
    return Span(start=start, end=end)


_SELF_CLAIM = re.compile(
    r"\b(?:I (?:build|measure|lead|turn|make|help|bring|design|deliver|drive|specialise|"
    r"specialize|focus|love|like|enjoy)|known for|expert (?:in|at)|proven track record|"
    r"specialist in|passionate about|track record of|adept at|skilled in)\b",
    re.IGNORECASE,
)


def _summary_claims(resume: Resume, text: str) -> list[Fact | None]:
    """Claims a candidate makes about themselves in the summary ("I measure whether
    training changed what people do", "known for turnarounds") are worth one probe."""
    region = _summary_span(resume, text)
    if region is None:
        return []
    out: list[Fact | None] = []
    for m in _SELF_CLAIM.finditer(text, region.start, region.end):
        out.append(
            make_fact(
                FactKind.unquantified_claim,
                text,
                _sentence_of(text, m.start(), region),
                priority=5.0 - 0.2 * len(out),
                summary="A claim in the summary with no evidence attached",
                phrase=m.group(0),
            )
        )
        if len(out) == 2:
            break
    return out


def drop_overlapping(facts: Iterable[Fact], spans: list[Span]) -> list[Fact]:
    """Facts whose quote touches a protected span are removed, whatever their kind."""
    kept = []
    for f in facts:
        if f.source is not Source.resume or not any(
            s.start < f.span.end and f.span.start < s.end for s in spans
        ):
            kept.append(f)
    return kept
