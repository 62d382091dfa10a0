"""Facts from the resume's timeline: gaps, short stays, overlapping roles, promotions.

Dates are compared as month indexes. Only the most recent roles are compared pairwise
(see ``resume_facts.MAX_TIMELINE_ROLES``), and a gap counts as explained only by what
filled it: study, volunteering or a stated break that began once the last job ended.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ..models import Fact, FactKind, Resume, Role, Span, YearMonth
from .fact_building import (
    employer_line,
    make_fact,
    month_label,
    months_text,
    norm_org,
    recency,
    role_end,
    title_line,
)

_BREAK_CUES = re.compile(
    r"\b(?:career break|sabbatical|gap year|travell?ing|relocat(?:ed|ion|ing)|"
    r"full[- ]time (?:study|student|course|bootcamp)|bootcamp|caring for|carer|"
    r"time off|break from work|parental leave|family leave)\b",
    re.IGNORECASE,
)


EXPECTED_SHORT = re.compile(
    r"\b(?:intern(?:ship)?|contract(?:or)?|temporary|temp|seasonal|fixed[- ]term|part[- ]time|"
    r"placement|co-?op|locum|interim|freelance|volunteer|summer)\b",
    re.IGNORECASE,
)


# Degrees, as opposed to certificates and courses; dated by completion only, a degree is
# taken to have run for the two years before it (a conservative share of a bachelor's).
_DEGREE = re.compile(
    r"\b(?:B\.?S\.?c?|B\.?A|B\.?Eng|BEng|Bachelor|M\.?S\.?c?|M\.?A|M\.?Eng|MEng|Master|"
    r"MBA|Ph\.?D|Doctor|Associate|A\.A|A\.S)\b",
    re.IGNORECASE,
)
DEGREE_MONTHS = 24


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
        end = role_end(r, today)
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
        start = e.start.index
        label = e.qualification or e.institution or "study"
        if (e.end is None or e.end == e.start) and _DEGREE.search(label):
            # A degree dated by its completion alone ("BS in Computer Science, May 2014"):
            # the study ran before it, so the months before graduation are not a gap.
            start = end - DEGREE_MONTHS + 1
        out.append(
            _Activity(
                start,
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
        role_end(role, today) or role.start.index,
        role.organisation or role.label,
        month_label(role.start),
        "now" if role.current else month_label(role.end),
        role.date_span or role.header_span,
        role,
    )


def timeline_facts(
    jobs: list[Role], resume: Resume, text: str, today: YearMonth
) -> list[Fact | None]:
    out: list[Fact | None] = []
    ordered = sorted(jobs, key=lambda r: r.start.index if r.start else 0)
    # Gaps follow the time at each employer, which may begin before the first listed title.
    by_employment = sorted(
        ordered, key=lambda r: (r.employer_start or r.start).index if r.start else 0
    )
    others = _activities(resume, jobs, today)
    # Gaps: time between the end of all work so far and the next start.
    latest: _Activity | None = None
    for role in by_employment:
        current = _job_activity(role, today)
        if role.employer_start is not None and role.employer_start.index < current.start:
            # Time with the same employer before this title is work, not a gap.
            current = replace(
                current,
                start=role.employer_start.index,
                start_label=month_label(role.employer_start),
            )
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
            norm_org(r.organisation)
            and norm_org(r.organisation) == norm_org(role.organisation)
            and r.start is not None
            and role.start is not None
            and r.start.index > role.start.index
            for r in ordered
        )
        # A short first title at an employer the candidate stayed with is a step up, not
        # a short stay.
        if months is not None and 0 < months < 12 and not role.current and not moved_inside:
            expected = bool(EXPECTED_SHORT.search(role.header))
            out.append(
                make_fact(
                    FactKind.short_tenure,
                    text,
                    title_line(text, role),
                    priority=(4.5 if expected else 6.0) + recency(role, jobs, today) / 2,
                    summary=f"{months_text(months)} as {role.label}",
                    role=role,
                    also=employer_line(text, role),
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
                        title_line(text, role),
                        priority=5.5,
                        summary=f"{role.label} overlaps {other.label} by {months_text(overlap)}",
                        role=role,
                        also=[title_line(text, other), *employer_line(text, role)],
                        months=overlap,
                        other=other.label,
                    )
                )
            same_org = norm_org(other.organisation) and norm_org(other.organisation) == norm_org(
                role.organisation
            )
            if same_org and other.title and role.title and other.title != role.title:
                out.append(
                    make_fact(
                        FactKind.promotion,
                        text,
                        title_line(text, role),
                        priority=5.0 + recency(role, jobs, today) / 2,
                        summary=f"Moved from {other.title} to {role.title} at {role.organisation}",
                        role=role,
                        also=[title_line(text, other), *employer_line(text, role)],
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
    # Study is different: a degree under way during a summer internship explains the
    # months between the internship and graduation.
    inside = sorted(
        (
            a
            for a in others
            if a.start <= g1 and a.end >= g0 and (a.role is None or a.start >= before.end - 1)
        ),
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
    first, second = (a, b) if a.start.index <= b.start.index else (b, a)
    if (
        first.end is not None
        and second.start is not None
        and first.end.month is None
        and second.start.month is None
        and first.end.year == second.start.year
    ):
        return 0  # "2019 - 2021" then "2021 - now": years alone say nothing about overlap
    a_end, b_end = role_end(a, today), role_end(b, today)
    if a_end is None or b_end is None:
        return 0
    return max(0, min(a_end, b_end) - max(a.start.index, b.start.index) + 1)
