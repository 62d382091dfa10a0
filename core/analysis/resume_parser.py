"""Stage 2a: extracted text -> a structured Resume (roles, education, skills, ...).

Resumes come in endless layouts, so parsing anchors on what every layout shares: a
role has a date range, sits under an experience-like heading, and has one to three
short "header" lines around its dates (title, organisation, location) followed by
bullets or a short paragraph. Everything keeps its character span in the text, so a
later stage can quote the resume exactly.
"""

from __future__ import annotations

import re

from ..models import Bullet, Education, Resume, Role, Section, Span, YearMonth
from .credential_entries import CREDENTIAL, education_like, parse_certifications, parse_education
from .dates import DateRange, find_dates
from .resume_entries import (
    SKILLS_LINE,
    is_contact_line,
    parse_contact,
    parse_headline,
    parse_projects,
    parse_skills,
)
from .resume_text import SENTENCE_END, DateIndex, ends_sentence, headerish
from .role_headers import (
    HEADER_SPLIT,
    is_location,
    org_score,
    qualifies_title,
    split_header,
    tidy,
    title_score,
)
from .role_lines import split_posts
from .sections import Line, find_sections, lines_in, split_lines

__all__ = ["parse_resume", "split_header"]


_BREAK = re.compile(
    r"\b(?:career break|sabbatical|gap year|parental leave|family leave|travell?ing|"
    r"time off|break from work|caregiving|career pause)\b",
    re.IGNORECASE,
)


def parse_resume(text: str, today: YearMonth) -> Resume:
    lines = split_lines(text)
    sections = find_sections(text, lines)
    dates = DateIndex(find_dates(text, today))
    sections = _fold_labels(sections, lines, dates)
    resume = Resume(sections=sections)
    resume.contact = parse_contact(text, lines, sections)
    by_kind: dict[str, list[Section]] = {}
    for s in sections:
        by_kind.setdefault(s.kind, []).append(s)

    role_sections = by_kind.get("experience", []) + by_kind.get("volunteer", [])
    if not by_kind.get("experience"):
        # No experience heading: look for dated roles anywhere outside known sections.
        role_sections += [s for s in sections if s.kind in {"header", "summary", "other", "awards"}]
    for section in role_sections:
        found = split_posts(_roles(text, lines, section, dates, today), text, dates)
        for role in _merge_nested(found):
            schools = section.kind != "experience"
            if section.kind != "volunteer" and education_like(
                role.title, role.organisation, schools
            ):
                # A degree among the dated lines (a resume without an education
                # heading) is education, never a job.
                resume.education.append(_as_education(role))
            else:
                resume.roles.append(role)
    resume.roles.sort(key=lambda r: r.start.index if r.start else -1, reverse=True)

    for section in by_kind.get("education", []):
        entries = parse_education(lines, section, dates)
        resume.education.extend(entries)
        # "Qualifications and licences": credential lines that are not a course of study
        # are certifications (an expired licence matters whatever the heading says).
        studied = {e.span.start for e in entries}

        def credential(line: Line, studied: set[int] = studied) -> bool:
            taken = any(line.start <= start < line.end for start in studied)
            return not taken and bool(CREDENTIAL.search(line.text))

        resume.certifications.extend(
            parse_certifications(lines, section, dates, today, only=credential)
        )
    for section in by_kind.get("certifications", []):
        resume.certifications.extend(parse_certifications(lines, section, dates, today))
    for section in by_kind.get("projects", []):
        resume.projects.extend(parse_projects(lines, section))
    for section in by_kind.get("skills", []):
        resume.skills.extend(parse_skills(lines, section))
    # "Tools I use: ..." or "Skills: ..." lines outside a skills section count too.
    known = {s.name.lower() for s in resume.skills}
    for line in lines:
        if SKILLS_LINE.match(line.stripped) and not any(
            s.kind == "skills" and s.span.start <= line.start < s.span.end for s in sections
        ):
            label_end = line.start + line.text.index(":") + 1
            block = Section(kind="skills", heading="", span=Span(start=line.start, end=line.end))
            extra = parse_skills([Line("", line.start), Line(line.text, line.start)], block)
            for sk in extra:
                if sk.name.lower() not in known and sk.span.start >= label_end:
                    known.add(sk.name.lower())
                    resume.skills.append(sk)
    summary = by_kind.get("summary")
    if summary:
        body = [ln.stripped for ln in lines_in(lines, summary[0].span)[1:] if ln.stripped]
        resume.summary = " ".join(body)[:1200] or None
    resume.headline = parse_headline(lines, sections)
    resume.skills = [s for s in resume.skills if not _personal_line(s.span.start, lines, resume)]
    return resume


# Labels a role may carry inside its own text ("Achievements:", "Key projects:").
_LABEL_KINDS = frozenset({"awards", "projects", "skills", "summary", "other", "publications"})


def _fold_labels(sections: list[Section], lines: list[Line], dates: DateIndex) -> list[Section]:
    """A heading inside the experience that labels a part of one role ("Achievements:"
    under each job) does not end the experience: it is folded back into it. Such a label
    repeats, or sits tight under the role's lines with more dated roles after it."""
    counts: dict[str, int] = {}
    for s in sections:
        counts[s.heading.lower().strip(" :")] = counts.get(s.heading.lower().strip(" :"), 0) + 1
    row_of = {ln.start: i for i, ln in enumerate(lines)}
    out: list[Section] = []
    for s in sections:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in {"experience", "volunteer"} and s.kind in _LABEL_KINDS:
            row = row_of.get(s.span.start, 0)
            tight = row > 0 and not lines[row - 1].is_blank and s.heading.endswith(":")
            body = lines_in(lines, s.span)[1:]
            dated = any(not ln.is_bullet and dates.range_on(ln) for ln in body)
            if counts[s.heading.lower().strip(" :")] > 1 or (tight and dated):
                span = Span(start=prev.span.start, end=s.span.end)
                out[-1] = prev.model_copy(update={"span": span})
                continue
        out.append(s)
    return out


def _as_education(role: Role) -> Education:
    return Education(
        institution=role.organisation,
        qualification=role.title,
        start=role.start,
        end=role.end or role.start,
        text=role.header,
        span=role.header_span,
        date_span=role.date_span,
    )


def _personal_line(at: int, lines: list[Line], resume: Resume) -> bool:
    """Whether offset ``at`` sits on the name, the headline or a contact line: a sidebar's
    list can run on into the top of the main column, and none of those is a skill."""
    line = next((ln for ln in lines if ln.start <= at <= ln.end), None)
    if line is None:
        return False
    text = line.stripped
    own = {v for v in (resume.contact.name, resume.headline) if v}
    return text in own or is_contact_line(text)


# --------------------------------------------------------------------------- roles


def _roles(
    text: str, lines: list[Line], section: Section, dates: DateIndex, today: YearMonth
) -> list[Role]:
    body = lines_in(lines, section.span)
    if section.kind != "header" and body:
        body = body[1:]  # the heading line itself
    anchors: list[tuple[int, DateRange]] = []
    for i, line in enumerate(body):
        dr = dates.range_on(line)
        if line.is_bullet or (
            _starts_with_action(line.stripped) and not _closed_by_dates(line, dr)
        ):
            # "Taught grade 7 science; department head 2019–2023." describes a role; it
            # does not start one ("Salaried GP at X (2023 – Present)" does).
            continue
        if dr is None and section.kind in {"experience", "volunteer"} and len(line.stripped) < 80:
            dr = dates.single_on(line)
        if dr is not None:
            anchors.append((i, dr))
    if not anchors and section.kind in {"experience", "volunteer"}:
        # Some templates bullet the role lines themselves ("• Google  Mountain View, CA
        # Software Engineer  Oct 2016 – Present"): accept a bullet that ends in its dates.
        for i, line in enumerate(body):
            dr = dates.range_on(line)
            if (
                line.is_bullet
                and dr is not None
                and len(line.stripped) < 140
                and line.end - dr.span.end <= 3
            ):
                anchors.append((i, dr))
    if not anchors:
        return []
    # Header blocks: the anchor line plus title-like neighbours that no other anchor owns.
    blocks: list[tuple[int, int]] = []
    anchor_rows = {i for i, _ in anchors}
    for n, (i, dr) in enumerate(anchors):
        prev_end = blocks[-1][1] if blocks else -1
        top = i
        while (
            top - 1 > prev_end
            and (i - (top - 1) <= 2 or _stacked_header(body, top - 1, i))
            and (top - 1) not in anchor_rows
            and (headerish(body[top - 1]) or _long_header(body, top - 1, i, dr))
            and not _is_body_text_above(body, top - 1, prev_end)
        ):
            top -= 1
        bottom = i
        next_anchor = anchors[n + 1][0] if n + 1 < len(anchors) else len(body)
        while True:
            step = 1
            # One blank line may separate "Employer | dates" from its title line.
            if (
                bottom + 2 < next_anchor
                and body[bottom + 1].is_blank
                and bottom == i
                and not body[bottom + 2].is_bullet
                and len(body[bottom + 2].stripped) <= 60
            ):
                step = 2
            row = bottom + step
            if not (
                row < next_anchor
                and row - top < 4
                and headerish(body[row])
                and dates.range_on(body[row]) is None
                and not _starts_next_block(body, row, next_anchor)
            ):
                break
            bottom = row
        blocks.append((top, bottom))
    roles: list[Role] = []
    # The employer a run of "Title | dates" roles sits under ("### Acme Ltd, Leeds" in
    # Markdown, a bold line in Word), carried to each role of the run that names none.
    group: tuple[str | None, str | None] | None = None
    stacked: tuple[str | None, str | None] | None = None
    for n, ((top, bottom), (_row, dr)) in enumerate(zip(blocks, anchors, strict=True)):
        stop = blocks[n + 1][0] if n + 1 < len(blocks) else len(body)
        header_lines = [ln for ln in body[top : bottom + 1] if ln.stripped]
        header_text = "\n".join(ln.stripped for ln in header_lines)
        title, org, location = split_header(header_text, dr.text)
        prev_end = blocks[n - 1][1] if n else -1
        above = _group_line(body, top, prev_end, dates)
        if above is not None:
            group = _group_of(above.stripped)
        if group is not None and org is None and title is not None:
            org, location = group[0], location or group[1]
        elif group is not None and org is not None and (title is None or _sub_title(org)):
            # Under an employer heading the role's line is its title, whatever it holds:
            # "Assistant Manager – Statutory Audit", "Visiting Faculty (part-time)",
            # "Ingeniera de Calidad (Quality Engineer)" name no employer of their own.
            title = _whole_title(header_text, dr.text) or title or org
            org, location = group[0], location or group[1]
        else:
            group = None
        first = header_lines[0]
        if (
            len(header_lines) > 1
            and org is not None
            and org in first.stripped
            and not (title and title in first.stripped)
            and not dates.in_span(first.start, first.end)
        ):
            stacked = _group_of(first.stripped)  # "Employer, City" over "Title | dates"
            org, location = stacked[0] or org, location or stacked[1]
        elif org is None and title is not None and len(header_lines) == 1 and stacked:
            # A further "Title | dates" under the same employer line, with no employer
            # of its own: an earlier post with that employer.
            org, location = stacked[0], location or stacked[1]
        elif org is not None:
            stacked = None
        employer = _employer_line(body, top, dates)
        if employer is not None:
            # An unindented employer line over indented, dated titles: "Hargrove & Lyle
            # LLP, Milwaukee, WI" then "  Paralegal, Commercial Litigation  Aug 2014 – ...".
            _t, employer_org, employer_loc = split_header(employer.stripped)
            if title and org and org != employer_org and qualifies_title(title, org):
                title = _title_with_area(header_text, title, org)
            org = employer_org or _t
            location = location or employer_loc
            pieces = [p for p in (title, _t if employer_org else None) if p]
            title = title or (pieces[0] if pieces else None)
            if title is None or title == org:
                title = tidy(header_text.replace(dr.text, " ").split(",")[0])
        header_span = Span(start=header_lines[0].content_span.start, end=header_lines[-1].end)
        kind = section.kind if section.kind == "volunteer" else "experience"
        if _BREAK.search(header_text):
            kind = "break"  # a dated career break is time accounted for, not a job
        roles.append(
            Role(
                title=title,
                organisation=org,
                location=location,
                start=dr.start,
                end=None if dr.current else (dr.end or (dr.start if dr.single else None)),
                current=dr.current,
                section=kind,
                header=text[header_span.start : header_span.end],
                header_span=header_span,
                date_span=dr.span,
                bullets=_bullets(body[bottom + 1 : stop]),
            )
        )
    return roles


_ACTION = re.compile(
    r"^(?:[A-Z][a-z]+ed|Led|Ran|Built|Taught|Wrote|Made|Grew|Cut|Won|Drove|Sold|Oversaw|"
    r"Managed|Designed|Developed|Delivered|Worked|Helped|Handled|Supported)\b"
)


def _starts_with_action(text: str) -> bool:
    """A sentence that opens with a verb. Only words count towards its length, so a
    title line such as "Articled Assistant | 02-11-2015 – 01-11-2018" is not one."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return bool(_ACTION.match(text)) and len(words) >= 5 and not _SEPARATED.search(text)


def _closed_by_dates(line: Line, dr: DateRange | None) -> bool:
    """A short line that ends in its dates ("Articled Assistant at X (2015 – 2018)") is a
    role's header even when its first word looks like a verb; a sentence ends in a stop."""
    if dr is None:
        return False
    tail = line.text[dr.span.end - line.start :].strip()
    words = line.text[: dr.span.start - line.start].split()
    return tail in {"", ")", "]"} and len(words) <= 12


# A role line's separators: a sentence does not hold them.
_SEPARATED = re.compile(r"\s[|·•]\s|\t|\s{3,}")


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _employer_line(body: list[Line], top: int, dates: DateIndex) -> Line | None:
    """The unindented, undated line that heads a group of indented roles, if any."""
    first = body[top] if top < len(body) else None
    if first is None or _indent(first) < 2:
        return None
    for row in range(top - 1, -1, -1):
        line = body[row]
        if line.is_blank or line.is_bullet or _indent(line) >= 2:
            continue
        if dates.in_span(line.start, line.end) or not headerish(line):
            return None
        return line
    return None


def _group_of(line: str) -> tuple[str | None, str | None]:
    """The employer and place an employer heading names."""
    _t, org, place = split_header(line)
    org = org or _t
    # An employer heading is "Employer, Place" far more often than not.
    head, _, tail = (org or "").rpartition(", ")
    if head and not place and len(tail.split()) <= 3 and not org_score(tail):
        org, place = head, tail
    return org, place


def _sub_title(piece: str) -> bool:
    """A second piece of a role line that names no employer: a department, a specialty or
    the title in another language (no organisation word, no place)."""
    return not org_score(piece) and not is_location(piece)


def _title_with_area(header: str, title: str, area: str) -> str:
    """ "Paralegal, Commercial Litigation" under an employer line: the area the line
    names after the title is part of it, as written (comma or dash)."""
    for line in header.split("\n"):
        at, end = line.find(title), line.find(area)
        if 0 <= at < end:
            return tidy(line[at : end + len(area)]) or title
    return title


def _whole_title(header: str, date_text: str) -> str | None:
    """The role's header line without its dates and the separators left at its ends."""
    first = header.replace(date_text, " ").split("\n")[0]
    value = tidy(first.strip(" \t|·•—–-,;:"))
    return value if value and title_score(value) + len(value.split()) <= 14 else None


def _group_line(body: list[Line], top: int, prev_end: int, dates: DateIndex) -> Line | None:
    """A standalone, undated line in title case two rows above a role's header (a blank
    line between): the employer heading a run of roles, as Markdown "###" lines and bold
    Word paragraphs do. The heading may carry one line under it that describes the
    employer ("Tier 1 supplier, 900 staff"). Lines of the previous role's text are never
    taken (they are not standalone, or not in title case)."""
    row = top - 2
    if row <= prev_end or row < 0 or not body[top - 1].is_blank:
        return None
    under = body[row]
    if is_contact_line(under.stripped):
        return None  # the candidate's own name and contact lines head the page
    if row - 1 > prev_end and not body[row - 1].is_blank and not under.is_bullet:
        if dates.in_span(under.start, under.end):
            return None
        row -= 1  # "Employer — Place" over a line about the employer
    line = body[row]
    if row > 0 and not body[row - 1].is_blank:
        return None
    if not headerish(line) or dates.in_span(line.start, line.end) or title_score(line.stripped):
        return None
    # The name before any separator is in title case; a place after it may not be
    # ("Acme Health — remote").
    name = HEADER_SPLIT.split(line.stripped, maxsplit=1)[0]
    words = [w for w in re.split(r"[\s,]+", name) if w]
    small = {"of", "and", "the", "for", "de", "del", "la", "du", "y", "&", "at", "in"}
    # Separators ("—", "·", "/") are not words: only words need a capital.
    capital = [w for w in words if w.lower() not in small and any(c.isalnum() for c in w)]
    if (
        len(line.stripped.split()) > 12
        or not capital
        or not all(w[:1].isupper() or w[:1].isdigit() for w in capital)
    ):
        return None
    return line


def _merge_nested(roles: list[Role]) -> list[Role]:
    """An employer line with its own overall dates and no bullets, followed by titled roles
    without an employer inside those dates, is the parent of those roles."""
    merged: list[Role] = []
    i = 0
    while i < len(roles):
        parent = roles[i]
        children: list[Role] = []
        j = i + 1
        while (
            not parent.bullets
            and j < len(roles)
            and roles[j].organisation is None
            and roles[j].title is not None
            and _within(roles[j], parent)
            and not _SELF_EMPLOYED.search(roles[j].header)
            # Titles under one employer run newest first; an older-looking order ends it.
            and (not children or _starts_before(roles[j], children[-1]))
        ):
            children.append(roles[j])
            j += 1
        if not children:
            merged.append(parent)
            i += 1
            continue
        org = parent.organisation or parent.title
        for child in children:
            merged.append(
                child.model_copy(
                    update={
                        "organisation": org,
                        "location": child.location or parent.location,
                        "employer_start": parent.start,
                    }
                )
            )
        i = j
    return merged


_SELF_EMPLOYED = re.compile(r"\b(?:freelance|self[- ]employed|independent)\b", re.IGNORECASE)


def _starts_before(a: Role, b: Role) -> bool:
    return a.start is not None and b.start is not None and a.start.index <= b.start.index


def _within(inner: Role, outer: Role) -> bool:
    if inner.start is None or outer.start is None:
        return False
    if inner.start.index < outer.start.index:
        return False
    if outer.current or outer.end is None:
        return True
    inner_end = inner.start if inner.end is None else inner.end
    return inner_end.end_index <= outer.end.end_index + 1 and not inner.current


def _stacked_header(body: list[Line], row: int, anchor: int) -> bool:
    """Title, employer and place on three short lines of their own above the dates, the
    block standing alone (a blank line or the heading above it)."""
    block = body[row:anchor]
    return (
        anchor - row == 3
        and (row == 0 or body[row - 1].is_blank)
        and all(headerish(ln) and len(ln.stripped) <= 60 for ln in block)
    )


def _long_header(body: list[Line], row: int, anchor: int, dr: DateRange) -> bool:
    """A long line right above a line that holds only the dates is still the role's
    header: "Sales Intern - Acme Payroll (payroll software for small firms), Austin, TX"."""
    line, dated = body[row], body[anchor]
    alone = len(dated.stripped) - len(dr.text) < 3 or dated.stripped.startswith(dr.text)
    return (
        row == anchor - 1
        and alone
        and not line.is_bullet
        and len(line.stripped) <= 160
        and not ends_sentence(line.stripped)
        and line.stripped[:1].isupper()
    )


def _is_body_text_above(body: list[Line], row: int, prev_end: int) -> bool:
    """A line right under the previous role's bullets that continues them, not a header."""
    above = body[row - 1] if row - 1 > prev_end else None
    return above is not None and above.is_bullet and body[row].stripped[:1].islower()


def _starts_next_block(body: list[Line], row: int, next_anchor: int) -> bool:
    """True when ``row`` is the title line sitting just above the next role's dates."""
    return (
        next_anchor < len(body)
        and row >= next_anchor - 2
        and row > 0
        and (body[row - 1].is_bullet or body[row - 1].is_blank)
    )


def _bullets(rows: list[Line]) -> list[Bullet]:
    """Bullets, with wrapped continuation lines joined; paragraph lines count too."""
    bullets: list[Bullet] = []
    current: tuple[int, int] | None = None
    for line in rows:
        if line.is_blank:
            if current:
                bullets.append(_bullet(rows, current))
                current = None
            continue
        span = line.content_span
        continues = (
            current is not None
            and not line.is_bullet
            and (line.stripped[:1].islower() or not _ends_sentence(rows, current))
            and heading_like(line) is False
        )
        if continues and current is not None:
            current = (current[0], span.end)
        else:
            if current:
                bullets.append(_bullet(rows, current))
            current = (span.start, span.end)
    if current:
        bullets.append(_bullet(rows, current))
    return [b for b in bullets if len(b.text) >= 12]


def heading_like(line: Line) -> bool:
    text = line.stripped
    return len(text) < 40 and text.endswith(":")


def _ends_sentence(rows: list[Line], current: tuple[int, int]) -> bool:
    for line in rows:
        if line.start <= current[1] <= line.end:
            return line.text[: current[1] - line.start].rstrip().endswith(SENTENCE_END)
    return True


def _bullet(rows: list[Line], span: tuple[int, int]) -> Bullet:
    first = rows[0].start
    joined = "\n".join(ln.text for ln in rows)
    text = joined[span[0] - first : span[1] - first]
    return Bullet(text=text, span=Span(start=span[0], end=span[1]))


# --------------------------------------------------------------------------- other sections


# --------------------------------------------------------------------------- header
