"""Stage 2b: a parsed Resume -> facts worth probing, each quoting the resume exactly.

A fact is one thing an interviewer should ask about: a gap, a claim without numbers,
a skill nobody can see used, a promotion. Each keeps the exact words and span it rests
on, a plain summary, and a priority (how much it needs probing), so the generator can
put first what matters and quote only what the candidate wrote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Fact, FactKind, Resume, Role, Span, YearMonth
from .fact_building import (
    drop_overlapping,
    line_of,
    make_fact,
    month_label,
    recency,
    skill_pattern,
    title_line,
)
from .timeline_facts import EXPECTED_SHORT, timeline_facts

__all__ = ["MAX_TIMELINE_ROLES", "derive_facts", "drop_overlapping", "role_field", "skill_pattern"]


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
    r"coordinated with|interfaced with|played a (?:key )?role in|"
    r"on time and (?:on|within|under) budget)\b",
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
    r"after \w+ years (?:in|as|of)|(?:seeking|looking for|pursuing) (?:a |an )?(?:new )?"
    r"(?:position|role|career|opportunity) (?:as|in)|"
    r"now (?:designing|building|working|analysing|analyzing|developing|applying|bringing))\b",
    re.IGNORECASE,
)
# Roles that say little about a candidate's field (a student job, a side job).
_MINOR_ROLE = re.compile(
    r"\b(?:part[- ]time|student|intern(?:ship)?|co-?op|summer|seasonal|volunteer|"
    r"weekend|casual|temporary|temp|non-executive|board member|trustee|advisor|adviser|"
    r"advisory)\b",
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


MAX_TIMELINE_ROLES = 40
# Each listed skill is looked for in every bullet; a few hundred is already far more
# than any resume lists.
MAX_SKILLS = 300


def derive_facts(resume: Resume, text: str, today: YearMonth) -> list[Fact]:
    """Every fact the resume supports, highest priority first (ties: order in the text)."""
    # The most recent roles only: timeline checks compare roles pairwise, and no real
    # resume lists more than a few dozen (a hostile one may list thousands).
    jobs = [r for r in resume.roles if r.section == "experience" and r.start is not None]
    jobs = jobs[:MAX_TIMELINE_ROLES]
    facts: list[Fact | None] = []
    facts += _role_facts(jobs, text, today)
    facts += _bullet_facts(resume.roles, text, today)
    facts += timeline_facts(jobs, resume, text, today)
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
    months = sum((r.months(today) or 0) for r in jobs if not EXPECTED_SHORT.search(r.header))
    return months < 30


def _role_facts(jobs: list[Role], text: str, today: YearMonth) -> list[Fact | None]:
    out: list[Fact | None] = []
    # A job the resume names by neither title nor employer gives a question nothing to
    # name ("You were that role from 2019 to 2021"); its dates still count elsewhere.
    named = [r for r in jobs if r.title or r.organisation]
    for n, role in enumerate(named[:4]):
        span = title_line(text, role)
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
        bonus = recency(role, roles, today) + (-1.0 if role.section == "volunteer" else 0.0)
        promoted = _PROMOTED.search(text, role.header_span.start, role.header_span.end)
        if promoted:
            out.append(
                make_fact(
                    FactKind.promotion,
                    text,
                    line_of(text, promoted.start()),
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


def _evidence_text(resume: Resume) -> list[tuple[str, Span, Role | None]]:
    chunks: list[tuple[str, Span, Role | None]] = []
    for role in resume.roles:
        for b in role.bullets:
            chunks.append((b.text, b.span, role))
        chunks.append((role.header, role.header_span, role))
    for p in resume.projects:
        chunks.append((f"{p.name} {p.description}", p.span, None))
    return chunks


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
    # Every skill is looked for in every chunk: each chunk's stems are worked out once.
    chunk_stems = [_stems_of(chunk[0]) for chunk in chunks]
    evidenced = 0
    seen: set[str] = set()
    for skill in resume.skills[:MAX_SKILLS]:
        key = skill.name.lower()
        if key in _SOFT or key in _SPOKEN or len(key) < 2 or key in seen:
            continue
        seen.add(key)
        names = (key, *_ALIASES.get(key, ()))
        stems = _skill_stems(key)
        hit: tuple[str, Span, Role | None] | None = None
        patterns = [skill_pattern(n) for n in names]
        for chunk, chunk_stem in zip(chunks, chunk_stems, strict=True):
            if any(p.search(chunk[0]) for p in patterns) or (stems and stems <= chunk_stem):
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
        # The whole entry: what the project was (dataset, users, result) is the evidence.
        out.append(
            make_fact(
                FactKind.project,
                text,
                project.span,
                priority=(5.5 if junior else 4.5) - n * 0.2,
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


def _summary_span(resume: Resume, text: str) -> Span | None:
    """The summary's body (its heading line left out), or the header before any heading."""
    for section in resume.sections:
        if section.kind == "summary":
            body = text.find("\n", section.span.start, section.span.end)
            return Span(start=section.span.end if body == -1 else body + 1, end=section.span.end)
    head = next((s for s in resume.sections if s.kind == "header"), None)
    if head is None:
        return None
    # A resume without headings is all "header": its introduction ends where the first
    # job does, so a line about colleagues ("two have since moved into QA") is not a claim
    # about the candidate's own career.
    starts = [
        r.header_span.start
        for r in resume.roles
        if head.span.start < r.header_span.start < head.span.end
    ]
    return Span(start=head.span.start, end=min(starts)) if starts else head.span


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
