"""Stage 2b: a parsed Resume -> facts worth probing, each quoting the resume exactly.

A fact is one thing an interviewer should ask about: a gap, a claim without numbers,
a skill nobody can see used, a promotion. Each keeps the exact words and span it rests
on, a plain summary, and a priority (how much it needs probing), so the generator can
put first what matters and quote only what the candidate wrote.
"""

from __future__ import annotations

import re

from ..models import Fact, FactKind, Resume, Role, Span, YearMonth
from .career_change import MINOR_ROLE, career_change_facts, role_field
from .credential_entries import STATUS_WORDS, UNFINISHED_FORM, study_status
from .fact_building import (
    drop_overlapping,
    line_of,
    make_fact,
    month_label,
    recency,
    sentence_of,
    skill_pattern,
    summary_span,
    title_line,
    trim_span,
)
from .skill_evidence import skill_facts
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
    r"|\b(?:doubled|tripled|halved)\b|\b\d[\d,.]*\s?(?:k|m|bn|million|billion)\b"
    # A multiple written as a fold change: "5-fold higher yield", "a 3 fold drop".
    r"|\b\d[\d.]*[-\s]?fold\b"
    # A share of a whole: "contained to 12 of 1,400 endpoints", "9 out of 10 audits".
    r"|\b\d[\d,.]*\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?\d[\d,.]*\b",
    re.IGNORECASE,
)
# A count an action verb produced, whatever it counts: "Delivered 1,150 flu vaccinations",
# "Booked 14 discovery meetings", "Solved 4 crystal structures". The counted noun is any
# plural (no closed list), up to two modifier words after the number; a duration
# ("Worked 3 years") or a year ("Joined 2019 cohorts") is not a result. Weaker than a
# percentage or money, so it ranks just below them.
_COUNTED_RESULT = re.compile(
    r"\b(?:[a-z]{3,}ed|built|ran|won|sold|grew|cut|drove|wrote|taught|gave|held|hit|made|"
    r"brought|caught|met|found|kept|sent|logged|raised)\s+"
    r"(?:(?:over|more\s+than|nearly|almost|about|around|some|roughly|up\s+to)\s+)?"
    r"(?!(?:19|20)\d\d\b)(\d[\d,.]*\+?\s+(?:(?:million|thousand|hundred)\s+)?"
    r"(?:[a-z][\w/-]*\s+){0,2}?[a-z][\w-]*[a-rt-z]s)\b",
    re.IGNORECASE,
)
# Verbs of being there rather than producing something: "Attended 3 conferences" and
# "Covered 2 shifts a week" count presence, not a result.
_PRESENCE = re.compile(
    r"(?:attend|cover|work|join|visit|spent|particip|volunteer|travel|stud|need|requir|"
    r"receiv|assign|us)",
    re.IGNORECASE,
)
_NOT_COUNTED = re.compile(
    r"\b(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|times|occasions|"
    r"yrs|mins|hrs)\b",
    re.IGNORECASE,
)
COUNTED_PRIORITY = 5.8


# A result claimed without a measure ("which reduced wastage and saved the hospital
# money", "improved morale"): worth "by how much, and how do you know?".
_UNMEASURED_RESULT = re.compile(
    r"\b(?:reduc(?:ed|ing)|sav(?:ed|ing)|improv(?:ed|ing)|increas(?:ed|ing)|boost(?:ed|ing)|"
    r"lower(?:ed|ing)|streamlin(?:ed|ing)|enhanc(?:ed|ing)|optimi[sz](?:ed|ing)|"
    r"strengthen(?:ed|ing)|transform(?:ed|ing)|"
    # The same verbs in Spanish, as bilingual CVs write them ("Mejoré el programa").
    r"mejor[ée]|reduj[eo]|aument[ée]|optimic[ée]|increment[ée]|fortalec[íi]|agilic[ée]|"
    r"transform[ée])(?!\w)",
    re.IGNORECASE,
)
# ...and counts that are results only next to a verb of impact ("served 40 shippers").
_IMPACT = re.compile(
    r"\b(?:(?:reduc|increas|improv|sav|rais|boost|lower|deliver|serv|process|handl|launch|"
    r"ship|generat|clos|sell|train|onboard|hir|recruit|scal|migrat|automat|publish|manag|"
    r"support|complet|achiev|exceed|secur|negotiat|creat|design|doubl|tripl|expand|grow|"
    r"contain|resolv|restor|recover|prevent|detect|remediat|review|audit|inspect|treat)"
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
    r"coordinated with|interfaced with|"
    # Credit for a shared result, with no own part named: "played a key part in launching
    # X", "instrumental in", "influenced the roadmap".
    r"played (?:a|an) (?:\w+ )?(?:part|role) in|instrumental in|influenced|"
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
# Words before a team size that make the candidate a member of it, not its lead.
_MEMBER_OF = re.compile(
    r"\b(?:top|one|member|part|in|on|within|joined|among|with|across)\s+(?:of\s+)?(?:a|an|the)\s*$",
    re.IGNORECASE,
)
# People whose bare count is a team on its own ("14 engineers"); _CREW_SIZE adds trades.
_OFFICE_STAFF = r"engineers|people|staff|nurses|analysts|designers|developers|agents"
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
_TEAM_SIZE = re.compile(
    r"\b(?:team|group|staff|department|squad|crew|unit|workforce|division) of "
    rf"(?:about |around |over |up to |nearly )?{_COUNT}\b"
    rf"|\b{_COUNT}[- ](?:person|people|member|strong|FTE)\s+(?:\w+\s+)?"
    r"(?:team|crew|unit|department|group|workforce|squad|division)\b"
    rf"|\b\d+\s+(?:direct reports|reports|volunteers|associates|{_OFFICE_STAFF})\b",
    re.IGNORECASE,
)
# People of a trade or rank, counted: a team size only beside a word of leading or of
# being in charge ("Line-managed four technicians", "In charge of 11 chefs"), since
# "Worked alongside 4 consultants" is company, not a team the candidate ran.
_CREW_SIZE = re.compile(
    rf"\b{_COUNT}\+?\s+(?:(?:junior|senior|graduate|trainee|shift|field|site|sales|support|"
    r"care|PhD|doctoral|research|part-time|full-time|contract)\s+)?(?:technicians|"
    r"apprentices|operatives|operators|drivers|chefs|cooks|teachers|tutors|trainees|interns|"
    r"leads|managers|supervisors|officers|consultants|contractors|accountants|lawyers|"
    r"solicitors|paralegals|clerks|clinicians|therapists|carers|caregivers|assistants|"
    r"scientists|researchers|specialists|coordinators|representatives|reps|advis[eo]rs|"
    rf"cashiers|servers|students|doctoral candidates|{_OFFICE_STAFF})\b",
    re.IGNORECASE,
)
_IN_CHARGE = re.compile(
    r"\b(?:responsible for|in charge of|head of|accountable for|looked after)\b", re.IGNORECASE
)
# "Promoted" alone may be marketing ("promoted the spring range"): it counts when a step
# follows it (to, from, a year, a bracket's end) or a verb of being goes before it. Other
# words for the same step: moving or stepping up, progressing, being elevated.
_PROMOTED = re.compile(
    r"\b(?:(?:was|been|got|being|twice|quickly|later) promoted|"
    r"promoted(?: twice| early)?"
    r"(?= (?:to|from|in|after|within|into|ahead)\b|,? ?(?:19|20)\d\d|\)|$)|"
    r"promotions? (?:to|from)|(?:earned|received|won) (?:a |two |my )?promotions?|"
    r"(?:moved|stepped) up (?:from|to|into|as)|progressed (?:from|to)|elevated to|"
    r"rose through the ranks)",
    re.IGNORECASE | re.MULTILINE,
)
# A header that shows the step in its title: "Buyer → Senior Buyer", "Analyst -> Lead".
_TITLE_STEP = re.compile(r"\w\)?\s*(?:→|->|⟶|»)\s*\(?[A-Z]")


MAX_TIMELINE_ROLES = 40


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
    facts += skill_facts(resume, text)
    facts += _credential_facts(resume, text, today, junior=_is_junior(jobs, today))
    facts += career_change_facts(jobs, resume, text, today)
    facts += _summary_claims(resume, text)
    found = _one_promotion_per_role([f for f in facts if f is not None])
    # The same words can support one fact of each kind, never two of the same kind.
    unique: dict[tuple[FactKind, int, int], Fact] = {}
    for f in found:
        unique.setdefault((f.kind, f.span.start, f.span.end), f)
    return sorted(unique.values(), key=lambda f: (-f.priority, f.span.start))


def _one_promotion_per_role(facts: list[Fact]) -> list[Fact]:
    """A promotion the titles show and a bullet also states ("Promoted to Head Nurse after
    three years") is one promotion: one fact, resting on both lines, so a kit never asks
    about it twice. The bullet's words lead (they read as a sentence; a title line does
    not), and the titles' details (the previous title) are kept."""

    def key(f: Fact) -> tuple[str, str]:
        return ((f.organisation or "").lower(), (f.role_title or "").lower())

    promotions: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        if f.kind is FactKind.promotion and any(key(f)):
            promotions.setdefault(key(f), []).append(f)
    dropped: set[str] = set()
    for same in promotions.values():
        if len(same) < 2:
            continue
        # A bullet's quote carries no "previous_title": the title-sequence fact does.
        same.sort(key=lambda f: ("previous_title" in f.data, -f.priority))
        first, rest = same[0], same[1:]
        first.priority = max(f.priority for f in same)
        for f in rest:
            dropped.add(f.id)
            for name, value in f.data.items():
                first.data.setdefault(name, value)
            first.also.extend(
                a for a in [f.span, *f.also] if a != first.span and a not in first.also
            )
    return [f for f in facts if f.id not in dropped]


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
        minor = 1.5 if MINOR_ROLE.search(role.header) else 0.0
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
        header = role.header_span
        promoted = _PROMOTED.search(text, header.start, header.end) or _TITLE_STEP.search(
            text, header.start, header.end
        )
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
            lead = _LEADERSHIP.search(body)
            team = _TEAM_SIZE.search(body)
            if team is None and (lead or _IN_CHARGE.search(body)):
                team = _CREW_SIZE.search(body)
            if team and _MEMBER_OF.search(body[: team.start()]):
                team = None  # "top of a team of 9" is a place in the team, not its lead
            # The result a bullet claims is its strongest number ("cutting deploy time by
            # 60%"), not the first ("Migrated 14 services").
            metric = _STRONG_METRIC.search(body) or _METRIC.search(body)
            # A bare count ("a team of 6", "15 hours a week") is a result only when an
            # impact verb goes with it and it is not the size of a team being led.
            if metric and not _STRONG_METRIC.search(body) and (team or not _IMPACT.search(body)):
                metric = None
            priority, measure = 6.0, metric.group(0).strip() if metric else ""
            if metric is None and not team:
                metric = _counted_result(body)
                if metric:
                    priority, measure = COUNTED_PRIORITY, metric.group(1).strip()
            where = f" at {role.organisation}" if role.organisation else ""
            if metric:
                out.append(
                    make_fact(
                        FactKind.achievement,
                        text,
                        bullet.span,
                        priority=priority + bonus,
                        summary=f"Quantified claim{where}: {measure}",
                        role=role,
                        metric=measure,
                    )
                )
            vague = _VAGUE.search(body) or (None if metric else _UNMEASURED_RESULT.search(body))
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


def _counted_result(body: str) -> re.Match[str] | None:
    """The first count an action verb produced, unless it is a span of time or the size
    of a group the candidate leads ("Mentored 2 graduate students" is leadership)."""
    for m in _COUNTED_RESULT.finditer(body):
        verb = body[m.start() : m.start(1)]
        if not (
            _NOT_COUNTED.search(m.group(1)) or _LEADERSHIP.match(verb) or _PRESENCE.match(verb)
        ):
            return m
    return None


def _credential_facts(
    resume: Resume, text: str, today: YearMonth, junior: bool
) -> list[Fact | None]:
    out: list[Fact | None] = []
    for cert in resume.certifications:
        unfinished = UNFINISHED_FORM.get(cert.status)
        # An unfinished credential is a question of timing and scope (what may the
        # candidate do today, and when will that change): as pressing as a lapsed one.
        priority = 6.6 if unfinished else 6.5 if cert.expired else 4.5
        note = f" ({STATUS_WORDS[cert.status]})" if cert.status in STATUS_WORDS else ""
        out.append(
            make_fact(
                FactKind.certification,
                text,
                cert.span,
                priority=priority,
                summary=f"Certification: {cert.name}{note}",
                expired=cert.expired,
                name=cert.name,
                status=cert.status.value,
                unfinished=unfinished,
                expected=month_label(cert.expected) if cert.expected else None,
            )
        )
    latest_study = True
    for n, edu in enumerate(resume.education):
        label = edu.qualification or edu.institution or edu.text
        status = study_status(edu, today)
        unfinished = UNFINISHED_FORM.get(status)
        priority = (5.0 if junior else 2.5) - n * 0.3
        also = []
        if unfinished:
            # The candidate's latest study, still under way, bears on timing and
            # commitment whatever their seniority; an older unfinished one less so.
            priority = max(priority, 6.0 if latest_study else 5.0)
            latest_study = False
            # The words that say so, when the quote leaves them out (they sit on the
            # line under the entry, or past where a long line is cut).
            quoted = trim_span(text, edu.span)
            where = edu.status_span or edu.date_span
            if where is not None and not quoted.start <= where.start < where.end <= quoted.end:
                also.append(where)
        note = f" ({STATUS_WORDS[status]})" if unfinished else ""
        out.append(
            make_fact(
                FactKind.education,
                text,
                edu.span,
                priority=priority,
                summary=f"Education: {label}{note}",
                also=also,
                institution=edu.institution,
                qualification=edu.qualification,
                status=status.value,
                unfinished=unfinished,
                expected=month_label(edu.end) if unfinished and edu.end else None,
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


_SELF_CLAIM = re.compile(
    r"\b(?:I (?:build|measure|lead|turn|make|help|bring|design|deliver|drive|specialise|"
    r"specialize|focus|love|like|enjoy)|known for|expert (?:in|at)|proven track record|"
    r"specialist in|passionate about|track record of|adept at|skilled in|proven ability)\b",
    re.IGNORECASE,
)


def _summary_claims(resume: Resume, text: str) -> list[Fact | None]:
    """Claims a candidate makes about themselves in the summary ("I measure whether
    training changed what people do", "known for turnarounds") are worth one probe."""
    region = summary_span(resume, text)
    if region is None:
        return []
    out: list[Fact | None] = []
    for m in _SELF_CLAIM.finditer(text, region.start, region.end):
        out.append(
            make_fact(
                FactKind.unquantified_claim,
                text,
                sentence_of(text, m.start(), region),
                priority=5.0 - 0.2 * len(out),
                summary="A claim in the summary with no evidence attached",
                phrase=m.group(0),
            )
        )
        if len(out) == 2:
            break
    return [*out, _summary_result(text, region)]


def _summary_result(text: str, region: Span) -> Fact | None:
    """The first measured result a summary states ("I have logged 1.2 million accident-free
    miles", "ATPL holder with 6,900 hours"): a headline figure to check against the roles.
    A tenure ("18 months in retail") or a team size is not a result."""
    body = text[region.start : region.end]
    found = _STRONG_METRIC.search(body) or _counted_result(body)
    if found is None:
        found = next(
            (
                m
                for m in _METRIC.finditer(body)
                if not re.search(r"months?|weeks?|days?", m.group(0), re.I)
                and not _TEAM_SIZE.match(body, m.start())
            ),
            None,
        )
    if found is None:
        return None
    start = sentence_of(text, region.start + found.start(), region).start
    end = sentence_of(text, region.start + found.end(), region).end
    return make_fact(
        FactKind.achievement,
        text,
        Span(start=start, end=end),
        priority=COUNTED_PRIORITY,
        summary=f"A headline figure in the summary: {found.group(0).strip()}",
        metric=found.group(0).strip(),
    )
