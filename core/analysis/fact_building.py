"""Building facts: stable ids, exact quotes, and the small helpers every fact deriver uses.

Shared by the resume, timeline, job-description and notes fact modules, so that every
fact is made the same way: its quote is the exact text at its span, trimmed of bullet
glyphs and cut to one sentence when long, and its id derives from what it quotes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from ..models import Fact, FactKind, Resume, Role, Source, Span, YearMonth

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


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


def role_end(role: Role, today: YearMonth) -> int | None:
    if role.current:
        return today.index
    if role.end is not None:
        return role.end.end_index
    return role.start.end_index if role.start else None


def recency(role: Role | None, roles: list[Role], today: YearMonth) -> float:
    """Recent work matters more: +1 for the latest role, -1.5 for work over 8 years old."""
    if role is None:
        return 0.0
    if roles and role is roles[0]:
        return 1.0
    end = role_end(role, today)
    if end is not None and today.index - end > 96:
        return -1.5
    return 0.0


def line_of(text: str, pos: int) -> Span:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return Span(start=start, end=len(text) if end == -1 else end)


def title_line(text: str, role: Role) -> Span:
    """The header line that names the role (not a line holding only dates).

    When the employer and the title sit on separate lines ("Acme Ltd, Leeds" then
    "Senior Buyer   2019 - present"), the line with the title is the one a question
    about the role quotes; the employer line is :func:`employer_line`."""
    lines = _header_lines(text, role)
    title = (role.title or "").lower()
    if title:
        for line in lines:
            if title in text[line.start : line.end].lower():
                return line
    return lines[0] if lines else role.header_span


def employer_line(text: str, role: Role) -> list[Span]:
    """The header line naming the employer when it is not the title line, so evidence
    for a short stay or a promotion shows where it happened as well as what it was."""
    org = (role.organisation or "").lower()
    if not org:
        return []
    title = title_line(text, role)
    return [
        line
        for line in _header_lines(text, role)
        if line != title and org in text[line.start : line.end].lower()
    ][:1]


def _header_lines(text: str, role: Role) -> list[Span]:
    """The header's lines that hold words (a line of dates alone is left out)."""
    out: list[Span] = []
    pos = role.header_span.start
    while pos <= role.header_span.end:
        line = line_of(text, pos)
        content = text[line.start : line.end]
        if role.date_span and line.start <= role.date_span.start < line.end:
            if re.search(r"[A-Za-z]{3}", text[line.start : role.date_span.start]):
                out.append(line)
        elif re.search(r"[A-Za-z]{3}", content):
            out.append(line)
        if line.end <= pos:
            break
        pos = line.end + 1
    return out


@lru_cache(maxsize=1024)
def norm_org(org: str | None) -> str:
    if not org:
        return ""
    words = re.sub(r"[^\w\s]", " ", org.lower()).split()
    drop = {"inc", "ltd", "llc", "plc", "corp", "corporation", "co", "company", "the", "group"}
    return " ".join(w for w in words if w not in drop)


@lru_cache(maxsize=4096)
def skill_pattern(name: str) -> re.Pattern[str]:
    escaped = re.escape(name.lower())
    return re.compile(rf"(?<![\w+#.]){escaped}(?![\w+#])", re.IGNORECASE)


def drop_overlapping(facts: Iterable[Fact], spans: list[Span]) -> list[Fact]:
    """Facts whose quote touches a protected span are removed, whatever their kind."""
    kept = []
    for f in facts:
        if f.source is not Source.resume or not any(
            s.start < f.span.end and f.span.start < s.end for s in spans
        ):
            kept.append(f)
    return kept


def summary_span(resume: Resume, text: str) -> Span | None:
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


def sentence_of(text: str, pos: int, region: Span) -> Span:
    start = max(
        region.start,
        text.rfind(".", region.start, pos) + 1,
        text.rfind("\n\n", region.start, pos) + 1,
    )
    end_dot = text.find(".", pos, region.end)
    end = region.end if end_dot == -1 else end_dot + 1
    return Span(start=start, end=end)
