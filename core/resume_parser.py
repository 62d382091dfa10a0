"""Stage 2a: extracted text -> a structured Resume (roles, education, skills, ...).

Resumes come in endless layouts, so parsing anchors on what every layout shares: a
role has a date range, sits under an experience-like heading, and has one to three
short "header" lines around its dates (title, organisation, location) followed by
bullets or a short paragraph. Everything keeps its character span in the text, so a
later stage can quote the resume exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .dates import DateRange, find_dates
from .models import (
    Bullet,
    Certification,
    ContactDetails,
    Education,
    Project,
    Resume,
    Role,
    Section,
    Skill,
    Span,
    YearMonth,
)
from .sections import Line, find_sections, lines_in, split_lines

_TITLE_WORDS = frozenset(
    """engineer developer programmer manager director analyst scientist designer consultant
    specialist coordinator assistant associate officer lead head chief president vp vice
    intern internship trainee apprentice nurse teacher lecturer professor researcher
    fellow accountant auditor controller administrator architect technician
    representative rep agent advisor adviser clerk supervisor chef cook sous server
    bartender cashier paralegal attorney lawyer counsel solicitor editor writer
    copywriter producer marketer strategist owner founder cofounder co-founder partner
    principal staff executive ceo cto cfo coo cmo cio recruiter generalist instructor
    tutor mentor buyer planner operator driver mechanic electrician pharmacist physician
    doctor therapist counselor counsellor surgeon dentist secretary receptionist
    librarian curator photographer artist freelance freelancer contractor barista
    inspector estimator surveyor dispatcher foreman superintendent sergeant lieutenant
    captain officer postdoc postdoctoral phd student graduate teaching assistant ta
    volunteer steward merchandiser housekeeper host hostess waiter waitress caregiver
    aide paramedic midwife pilot programme product owner scrum master sre devops tester
    qa ux ui marketing sales account success support operations hr bookkeeper treasurer
    chair member trustee liaison paraprofessional clinician hygienist technologist
    therapist coach facilitator handler courier porter guard attendant""".split()
)
_ORG_HINTS = frozenset(
    """inc inc. ltd ltd. llc llp plc gmbh ag sa corp corp. corporation company co co. group
    hospital clinic university college school academy bank council agency labs lab
    technologies technology solutions systems partners consulting services foundation
    institute ministry department government capital ventures studio studios restaurant
    bistro cafe café hotel hotels store stores logistics airlines airways health
    healthcare trust nhs bureau authority association society church museum library
    network media press publishing software analytics insurance pharma pharmaceuticals
    energy motors foods brewery bakery kitchen bar grill retail markets inc.,""".split()
)
_LOCATION_WORDS = frozenset(
    """remote hybrid on-site onsite usa us uk united kingdom england scotland wales ireland
    canada australia germany france india singapore netherlands spain italy japan china
    brazil mexico nigeria kenya south africa new zealand sweden norway denmark finland
    poland switzerland austria belgium portugal london berlin paris new york nyc san
    francisco seattle boston chicago austin toronto vancouver sydney melbourne dublin
    amsterdam bangalore bengaluru mumbai delhi remote-first worldwide""".split()
)
# "(self-employed)", "(part-time)", "(0.5 FTE)": how a job was held, not its title or employer.
_EMPLOYMENT_TYPE = re.compile(
    r"[(\[]\s*(?:self[- ]employed|freelance|contract(?:or)?|part[- ]time|full[- ]time|"
    r"remote|hybrid|on-?site|temporary|temp|internship|seasonal|volunteer|"
    r"[\d.]+\s*FTE|[\d]+\s*(?:hrs?|hours)(?:/|\s+a\s+|\s+per\s+)w(?:ee)?k)\s*[)\]]",
    re.IGNORECASE,
)
_NOT_AN_ORG = frozenset(
    {
        "self-employed",
        "self employed",
        "freelance",
        "independent",
        "various clients",
        "various",
        "contract",
        "sole trader",
        "own business",
    }
)
_PLACE = re.compile(r"\b([A-Z][a-z]+), ([A-Z]{2})\b")
# First words of two-word city names ("Mountain View", "San Francisco", "New York").
_CITY_PREFIX = frozenset(
    """new san los las santa salt palo mountain fort st st. saint ann grand baton cedar palm
    redwood menlo el la long sioux kansas oklahoma jersey ho rio hong kuala tel buenos sao
    cape des virginia colorado panama west east north south lake""".split()
)


def _split_flattened(line: str) -> str:
    """ "Google Mountain View, CA Software Engineer" -> "Google | Mountain View, CA |
    Software Engineer": text extraction flattens an employer line, its place and the
    title beneath into one run; a "City, ST" between words splits it."""
    for m in _PLACE.finditer(line):
        before, after = line[: m.start()].rstrip(), line[m.end() :].strip()
        if not before or not after or not _US_STATE.fullmatch(m.group(2)):
            continue
        words = before.split()
        city = m.group(1)
        if words and words[-1].lower() in _CITY_PREFIX:
            city = f"{words.pop()} {city}"
        if words and title_score(after):
            return f"{' '.join(words)} | {city}, {m.group(2)} | {after}"
    return line


_US_STATE = re.compile(
    r"\b(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|"
    r"PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\b"
)
_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?a\b|m\.?\s?a\b|b\.?\s?s\b|m\.?\s?s\b|"
    r"mba|ph\.?\s?d|doctorate|diploma|associate(?:'s)? degree|a\.?\s?a\.?s|b\.?\s?eng|"
    r"m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|bsn|msn|j\.?\s?d\b|m\.?\s?d\b|ged|high school|"
    r"a-levels?|gcses?|certificate|degree|bootcamp|b\.?\s?com|m\.?\s?com|hnd|btec|"
    r"postgraduate|undergraduate|coursework|m\.?\s?ed\b|b\.?\s?ed\b|ed\.?\s?d\b|"
    r"学士|硕士|博士)",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:university|universit[éy]|college|institute|school|academy|polytechnic|"
    r"conservatory|bootcamp|大学|学院)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w/])(?:\+?\d[\d\s().-]{7,}\d)(?![\w/])")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|"
    r"dribbble\.com|medium\.com|twitter\.com|x\.com)/[^\s|,;]*",
    re.IGNORECASE,
)
_STREET = re.compile(
    r"\b\d{1,5}\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s+(?:street|st|avenue|ave|road|rd|lane|ln|"
    r"drive|dr|boulevard|blvd|way|court|ct|place|pl|terrace|close)\b\.?",
    re.IGNORECASE,
)
_HEADER_SPLIT = re.compile(r"\s*(?:\||•|·|—|–|\s-\s|\t|\s{3,}|\s@\s|\bat\b(?=\s+[A-Z]))\s*")
_BREAK = re.compile(
    r"\b(?:career break|sabbatical|gap year|parental leave|family leave|travell?ing|"
    r"time off|break from work|caregiving|career pause)\b",
    re.IGNORECASE,
)
_SKILLS_LINE = re.compile(
    r"^(?:key |technical |core |other )?(?:skills|tools(?: i use)?|technologies|tech stack|"
    r"software|languages and tools|programming languages|stack)\s*:\s*\S",
    re.IGNORECASE,
)
_EXPIRED = re.compile(r"\b(?:expired|lapsed|inactive|no longer (?:valid|active))\b", re.I)
_EXPIRES = re.compile(
    r"\b(?:expires?|expiry|exp\.|valid (?:until|through|thru)|renew(?:s|al) due)\b", re.I
)
_SKILL_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|\s/\s|\band\b(?=\s))\s*")
_SKILL_LEVEL = re.compile(
    r"\s*[\(\[](?:expert|advanced|intermediate|beginner|basic|proficient|fluent|native|"
    r"\d+\+?\s*(?:yrs?|years?))[\)\]]\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z.'&-]*", text.lower())


def title_score(text: str) -> int:
    return sum(1 for w in _words(text) if w.strip(".") in _TITLE_WORDS)


def org_score(text: str) -> int:
    return sum(1 for w in _words(text) if w in _ORG_HINTS or w.strip(".,") in _ORG_HINTS)


def is_location(text: str) -> bool:
    """A whole piece that is a place: "Remote", "Austin, TX", "London, UK"."""
    t = text.strip(" ,()")
    if not t or len(t) > 40:
        return False
    low = t.lower()
    if low in _LOCATION_WORDS:
        return True
    parts = [p.strip() for p in t.split(",")]
    if len(parts) != 2 or len(parts[0].split()) > 3 or org_score(parts[0]):
        return False
    last = parts[-1]
    # "Kestrel Payments, Remote" is an organisation and a place, not one place.
    return bool(_US_STATE.fullmatch(last)) or (
        last.lower() in _LOCATION_WORDS and last.lower() not in {"remote", "hybrid", "on-site"}
    )


def _headerish(line: Line) -> bool:
    """Short, title-like lines: the lines around a role's dates that name it."""
    text = line.stripped
    if not text or line.is_bullet or len(text) > 90:
        return False
    if text.endswith(_SENTENCE_END) and not text.endswith(("Inc.", "Ltd.", "Co.", "Corp.")):
        return False
    words = text.split()
    if len(words) > 12:
        return False
    return text[0].isupper() or text[0].isdigit() or not text[0].isalpha()


class _DateIndex:
    """Date expressions of the whole text, looked up by position (bisect, not a scan)."""

    def __init__(self, dates: Sequence[DateRange]) -> None:
        self.dates = sorted(dates, key=lambda d: d.span.start)
        self._starts = [d.span.start for d in self.dates]

    def _from(self, start: int, end: int) -> list[DateRange]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.dates[lo:hi]

    def in_span(self, start: int, end: int) -> list[DateRange]:
        return [d for d in self._from(start, end) if d.span.end <= end]

    def starting_on(self, line: Line) -> list[DateRange]:
        # A range may wrap onto the next line in PDF text ("2017 –\nPresent"): it belongs
        # to the line it starts on.
        return self._from(line.start, max(line.end, line.start + 1))

    def range_on(self, line: Line) -> DateRange | None:
        found = [d for d in self.starting_on(line) if (not d.single or d.current) and d.start]
        return found[0] if found else None

    def single_on(self, line: Line) -> DateRange | None:
        found = [d for d in self.starting_on(line) if d.single and not d.current and d.start]
        return found[0] if found else None


def parse_resume(text: str, today: YearMonth) -> Resume:
    lines = split_lines(text)
    sections = find_sections(text, lines)
    dates = _DateIndex(find_dates(text, today))
    resume = Resume(sections=sections)
    resume.contact = _contact(text, lines, sections)
    by_kind: dict[str, list[Section]] = {}
    for s in sections:
        by_kind.setdefault(s.kind, []).append(s)

    role_sections = by_kind.get("experience", []) + by_kind.get("volunteer", [])
    if not by_kind.get("experience"):
        # No experience heading: look for dated roles anywhere outside known sections.
        role_sections += [s for s in sections if s.kind in {"header", "summary", "other", "awards"}]
    for section in role_sections:
        resume.roles.extend(_merge_nested(_roles(text, lines, section, dates, today)))
    resume.roles.sort(key=lambda r: r.start.index if r.start else -1, reverse=True)

    for section in by_kind.get("education", []):
        resume.education.extend(_education(lines, section, dates))
    for section in by_kind.get("certifications", []):
        resume.certifications.extend(_certifications(lines, section, dates, today))
    for section in by_kind.get("projects", []):
        resume.projects.extend(_projects(lines, section))
    for section in by_kind.get("skills", []):
        resume.skills.extend(_skills(lines, section))
    # "Tools I use: ..." or "Skills: ..." lines outside a skills section count too.
    known = {s.name.lower() for s in resume.skills}
    for line in lines:
        if _SKILLS_LINE.match(line.stripped) and not any(
            s.kind == "skills" and s.span.start <= line.start < s.span.end for s in sections
        ):
            label_end = line.start + line.text.index(":") + 1
            block = Section(kind="skills", heading="", span=Span(start=line.start, end=line.end))
            extra = _skills([Line("", line.start), Line(line.text, line.start)], block)
            for sk in extra:
                if sk.name.lower() not in known and sk.span.start >= label_end:
                    known.add(sk.name.lower())
                    resume.skills.append(sk)
    summary = by_kind.get("summary")
    if summary:
        body = [ln.stripped for ln in lines_in(lines, summary[0].span)[1:] if ln.stripped]
        resume.summary = " ".join(body)[:1200] or None
    resume.headline = _headline(lines, sections)
    return resume


# --------------------------------------------------------------------------- roles


def _roles(
    text: str, lines: list[Line], section: Section, dates: _DateIndex, today: YearMonth
) -> list[Role]:
    body = lines_in(lines, section.span)
    if section.kind != "header" and body:
        body = body[1:]  # the heading line itself
    anchors: list[tuple[int, DateRange]] = []
    for i, line in enumerate(body):
        if line.is_bullet or _starts_with_action(line.stripped):
            # "Taught grade 7 science; department head 2019–2023." describes a role; it
            # does not start one.
            continue
        dr = dates.range_on(line)
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
    for n, (i, _dr) in enumerate(anchors):
        prev_end = blocks[-1][1] if blocks else -1
        top = i
        while (
            top - 1 > prev_end
            and i - (top - 1) <= 2
            and (top - 1) not in anchor_rows
            and _headerish(body[top - 1])
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
                and _headerish(body[row])
                and dates.range_on(body[row]) is None
                and not _starts_next_block(body, row, next_anchor)
            ):
                break
            bottom = row
        blocks.append((top, bottom))
    roles: list[Role] = []
    for n, ((top, bottom), (_row, dr)) in enumerate(zip(blocks, anchors, strict=True)):
        stop = blocks[n + 1][0] if n + 1 < len(blocks) else len(body)
        header_lines = [ln for ln in body[top : bottom + 1] if ln.stripped]
        header_text = "\n".join(ln.stripped for ln in header_lines)
        title, org, location = split_header(header_text, dr.text)
        employer = _employer_line(body, top, dates)
        if employer is not None:
            # An unindented employer line over indented, dated titles: "Hargrove & Lyle
            # LLP, Milwaukee, WI" then "  Paralegal, Commercial Litigation  Aug 2014 – ...".
            _t, employer_org, employer_loc = split_header(employer.stripped)
            org = employer_org or _t
            location = location or employer_loc
            pieces = [p for p in (title, _t if employer_org else None) if p]
            title = title or (pieces[0] if pieces else None)
            if title is None or title == org:
                title = _tidy(header_text.replace(dr.text, " ").split(",")[0])
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
    return bool(_ACTION.match(text)) and len(text.split()) >= 5


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _employer_line(body: list[Line], top: int, dates: _DateIndex) -> Line | None:
    """The unindented, undated line that heads a group of indented roles, if any."""
    first = body[top] if top < len(body) else None
    if first is None or _indent(first) < 2:
        return None
    for row in range(top - 1, -1, -1):
        line = body[row]
        if line.is_blank or line.is_bullet or _indent(line) >= 2:
            continue
        if dates.in_span(line.start, line.end) or not _headerish(line):
            return None
        return line
    return None


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
                    update={"organisation": org, "location": child.location or parent.location}
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


def split_header(header: str, date_text: str = "") -> tuple[str | None, str | None, str | None]:
    """Title, organisation and location from a role's header lines."""
    cleaned = header.replace(date_text, " ") if date_text else header
    cleaned = _EMPLOYMENT_TYPE.sub(" ", cleaned)
    # "(Boulder, CO)" is a piece of its own, usually the place.
    bracketed = [b.strip() for b in re.findall(r"[(\[]([^()\[\]\n]*)[)\]]", cleaned)]
    cleaned = re.sub(r"\s*[(\[]([^()\[\]\n]*)[)\]]", r" | \1 | ", cleaned)
    cleaned = re.sub(r"[()\[\]]", " ", cleaned)
    parts: list[str] = []
    # Text extraction can flatten "Org   City, ST" and the title beneath into one run:
    # "Google Mountain View, CA Software Engineer". A "City, ST" in the middle splits it.
    for line in cleaned.split("\n"):
        line = _split_flattened(re.sub(r"^\s*[•\-*]\s+", "", line).strip())
        for piece in _HEADER_SPLIT.split(line):
            piece = piece.strip(" ,;:-–—|")
            if not piece or not re.search(r"[A-Za-z]", piece):
                continue
            parts.append(piece)
    # Comma-joined pieces: "Title, Organisation", "Organisation, City, ST", "Org, Remote",
    # and all of them at once: "Title, Organisation, City, ST".
    expanded: list[str] = []
    for piece in parts:
        expanded.extend(_split_commas(piece))
    location = next((p for p in expanded if is_location(p)), None) or next(
        (p for p in bracketed if p in expanded and _place_like(p)), None
    )
    rest = [p for p in expanded if p != location]
    title: str | None = None
    org: str | None = None
    titled = [p for p in rest if title_score(p) > org_score(p)] or [
        p for p in rest if title_score(p) > 0
    ]
    if titled:
        title = max(titled, key=lambda p: title_score(p) - org_score(p))
        rest.remove(title)
    # "Self-employed" says who paid, not where: it is not an organisation to ask about.
    rest = [p for p in rest if p.lower().strip(". ") not in _NOT_AN_ORG]
    if rest:
        named = [p for p in rest if org_score(p) > 0 and title_score(p) == 0]
        org = named[0] if named else rest[0]
        if title is None and len(rest) >= 2:
            # Neither names itself: the common "Title / Organisation" order, unless one
            # of them names an organisation.
            others = [p for p in rest if p != org]
            title = others[0] if named else rest[0]
            org = org if named else rest[1]
    return _tidy(title), _tidy(org), _tidy(location)


def _split_commas(piece: str) -> list[str]:
    bits = [b.strip() for b in piece.split(",") if b.strip()]
    if len(bits) < 2 or is_location(piece):
        return [piece]
    if len(bits) >= 3 and is_location(", ".join(bits[-2:])):
        return [*_split_commas(", ".join(bits[:-2])), ", ".join(bits[-2:])]
    if is_location(bits[-1]) or bits[-1].lower() in {"remote", "hybrid", "on-site"}:
        return [*_split_commas(", ".join(bits[:-1])), bits[-1]]
    head, rest = bits[0], ", ".join(bits[1:])
    if title_score(head) and not title_score(rest):
        return [head, rest]
    if org_score(rest) and not org_score(head):
        return [head, rest]  # "Personal Banker, First Harbor Bank"
    return [piece]


def _place_like(piece: str) -> bool:
    """A bracketed "(Leeds)" after an employer: a place, unless it names a job or firm."""
    words = piece.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not title_score(piece)
        and not org_score(piece)
        and not any(ch.isdigit() for ch in piece)
    )


def _tidy(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" ,;:-–—|")
    letters = [c for c in value if c.isalpha()]
    if len(letters) > 5 and all(c.isupper() for c in letters) and " " in value:
        # "KESTREL PAYMENTS" reads as shouting in a question; short acronyms stay.
        value = " ".join(w if len(w) <= 3 else w.capitalize() for w in value.split())
    return value[:120] or None


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
            return line.text[: current[1] - line.start].rstrip().endswith(_SENTENCE_END)
    return True


def _bullet(rows: list[Line], span: tuple[int, int]) -> Bullet:
    first = rows[0].start
    joined = "\n".join(ln.text for ln in rows)
    text = joined[span[0] - first : span[1] - first]
    return Bullet(text=text, span=Span(start=span[0], end=span[1]))


# --------------------------------------------------------------------------- other sections


def _education(lines: list[Line], section: Section, dates: _DateIndex) -> list[Education]:
    rows = [ln for ln in lines_in(lines, section.span)[1:] if ln.stripped]
    entries: list[Education] = []
    for i, line in enumerate(rows):
        text = line.content
        if not (_DEGREE.search(text) or _INSTITUTION.search(text)):
            continue
        if entries and entries[-1].span.end >= line.start - 1 and not _DEGREE.search(text):
            # An institution line right under its degree line: same entry.
            prev = entries[-1]
            if prev.institution is None and _INSTITUTION.search(text):
                prev.institution = _tidy(_strip_dates(text, dates, line))
            continue
        # Dates sit on the degree line or within the next few lines of the entry.
        around = [line]
        for nxt in rows[i + 1 : i + 4]:
            if _DEGREE.search(nxt.content) and not _INSTITUTION.search(nxt.content):
                break
            around.append(nxt)
        dr = next((d for ln in around for d in dates.in_span(ln.start, ln.end)), None)
        plain = _strip_dates(text, dates, line)
        institution = None
        qualification = None
        for piece in _HEADER_SPLIT.split(plain.replace(",", " | ", 1)):
            piece = piece.strip(" ,;:-")
            if not piece:
                continue
            if _INSTITUTION.search(piece) and institution is None:
                institution = piece
            elif _DEGREE.search(piece) and qualification is None:
                qualification = piece
        span = line.content_span
        entries.append(
            Education(
                institution=_tidy(institution),
                qualification=_tidy(qualification or (plain if not institution else None)),
                start=dr.start if dr else None,
                end=(dr.end or dr.start) if dr else None,
                text=text,
                span=span,
                date_span=dr.span if dr else None,
            )
        )
    return entries


def _strip_dates(text: str, dates: _DateIndex, line: Line) -> str:
    content = line.content_span
    out = text
    for d in dates.in_span(line.start, line.end):
        if d.span.start >= content.start:
            out = out.replace(d.text, " ")
    return " ".join(out.split())


def _certifications(
    lines: list[Line], section: Section, dates: _DateIndex, today: YearMonth
) -> list[Certification]:
    certs: list[Certification] = []
    for line in lines_in(lines, section.span)[1:]:
        if not line.stripped:
            continue
        text = line.content
        found = dates.in_span(line.start, line.end)
        if certs and found and _only_dates(text, found):
            # A line holding only a date belongs to the certification above it.
            certs[-1] = _with_date(certs[-1], text, found[0], today)
            continue
        issued: YearMonth | None = None
        expires: YearMonth | None = None
        for d in found:
            before = line.text[: d.span.start - line.start]
            if _EXPIRES.search(before[-25:]) or _EXPIRED.search(before[-25:]):
                expires = d.end or d.start
            elif d.single:
                issued = issued or d.start
            else:
                issued, expires = d.start, (None if d.current else d.end)
        expired = bool(_EXPIRED.search(text)) or (
            expires is not None and expires.end_index < today.index
        )
        name = _strip_dates(text, dates, line)
        name = re.sub(
            r"\b(?:expired|expires?|issued|valid until|lapsed)\b\s*:?", " ", name, flags=re.I
        )
        name = re.sub(r"\(\s*[,;]?\s*\)", " ", name)
        name = re.sub(r"[,;:\s]*\b(?:valid|exp|expires?)\.?\s*$", "", name, flags=re.I)
        name = _tidy(name) or text
        certs.append(
            Certification(
                name=name,
                issued=issued,
                expires=expires,
                expired=expired,
                span=line.content_span,
            )
        )
    return certs


_DATE_WORDS = re.compile(
    r"\b(?:issued|expire[sd]?|expiry|valid until|renewed|since|from|until|exp)\b", re.I
)


def _only_dates(text: str, found: list[DateRange]) -> bool:
    rest = text
    for d in found:
        rest = rest.replace(d.text, " ")
    rest = _EXPIRED.sub(" ", _DATE_WORDS.sub(" ", rest))
    return not re.search(r"[A-Za-z]{3}", rest)


def _with_date(cert: Certification, text: str, d: DateRange, today: YearMonth) -> Certification:
    about_expiry = bool(_EXPIRED.search(text) or _EXPIRES.search(text))
    expires = (d.end or d.start) if about_expiry else cert.expires
    issued = cert.issued if about_expiry else (d.start or cert.issued)
    expired = (
        cert.expired
        or bool(_EXPIRED.search(text))
        or (expires is not None and expires.end_index < today.index)
    )
    return cert.model_copy(update={"issued": issued, "expires": expires, "expired": expired})


def _projects(lines: list[Line], section: Section) -> list[Project]:
    rows = lines_in(lines, section.span)[1:]
    projects: list[Project] = []
    for line in rows:
        if not line.stripped:
            continue
        letters = sum(c.isalpha() for c in line.stripped)
        if letters < 3:
            continue
        # A short title-like line starts a project, unless the project above has no
        # description yet and this line reads like one ("Portfolio piece: a course ...").
        describes_previous = (
            bool(projects)
            and not projects[-1].description
            and (len(line.stripped.split()) >= 6 or line.stripped[:1].islower())
        )
        if (
            not line.is_bullet
            and _headerish(line)
            and len(line.stripped) <= 80
            and not describes_previous
        ):
            name = _HEADER_SPLIT.split(line.content)[0].strip(" :-–—")
            projects.append(Project(name=name or line.content, span=line.content_span))
        elif projects:
            last = projects[-1]
            desc = (last.description + " " + line.content).strip()
            projects[-1] = Project(
                name=last.name,
                description=desc[:600],
                span=Span(start=last.span.start, end=line.content_span.end),
            )
        else:
            projects.append(Project(name=line.content[:80], span=line.content_span))
    return projects


# Labels and headings that end up in skills lists without being skills.
_NOT_A_SKILL = frozenset(
    """additional other others misc miscellaneous various tools skills technical languages
    software technologies methods platforms frameworks general core key soft hard""".split()
)


def _top_level_pieces(text: str) -> list[tuple[int, str]]:
    """Split a skills line on separators outside parentheses: "paid social (Meta,
    TikTok), SEO" is two skills, not three."""
    pieces: list[tuple[int, str]] = []
    depth = start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SKILL_SPLIT.match(text, i)
            if m and m.end() > i:
                pieces.append((start, text[start:i]))
                start = i = m.end()
                continue
        i += 1
    pieces.append((start, text[start:]))
    return pieces


def _skills(lines: list[Line], section: Section) -> list[Skill]:
    skills: list[Skill] = []
    seen: set[str] = set()
    for line in lines_in(lines, section.span)[1:]:
        if not line.stripped:
            continue
        span = line.content_span
        text = line.text[span.start - line.start : span.end - line.start]
        offset = span.start
        # "Tools: a, b" or a table row "Tools | a, b": the label is not a skill.
        label = re.match(r"^[^:|]{2,40}(?::|\s\|)\s*", text)
        if label and ("," in text[label.end() :] or label.group(0).rstrip().endswith(":")):
            offset += label.end()
            text = text[label.end() :]
        for at, piece in _top_level_pieces(text):
            raw = piece.strip()
            if not raw:
                continue
            name = _SKILL_LEVEL.sub("", raw)
            if "(" in name and name.index("(") >= 2:
                name = name[: name.index("(")]
            name = name.strip(" .()[]:")
            if (
                not name
                or len(name) > 40
                or len(name.split()) > 4
                or not re.search(r"[A-Za-z]", name)
            ):
                continue
            key = name.lower()
            if key in seen or key in _NOT_A_SKILL:
                continue
            seen.add(key)
            start = offset + at + piece.find(name)
            if text[start - offset : start - offset + len(name)] != name:
                continue
            skills.append(Skill(name=name, span=Span(start=start, end=start + len(name))))
    return skills


# --------------------------------------------------------------------------- header


def _contact(text: str, lines: list[Line], sections: list[Section]) -> ContactDetails:
    head_end = min(len(text), 1500)
    head = text[:head_end]
    contact = ContactDetails(
        emails=sorted(set(_EMAIL.findall(text))),
        phones=sorted(
            {p.strip() for p in _PHONE.findall(head) if sum(c.isdigit() for c in p) >= 9}
        ),
        urls=sorted({u.rstrip(".)") for u in _URL.findall(head)}),
    )
    street = _STREET.search(head)
    if street:
        line = next(ln for ln in lines if ln.start <= street.start() <= ln.end)
        contact.address = line.stripped
    for line in lines[:8]:
        candidate = line.stripped.strip("# ")
        if _looks_like_name(candidate):
            contact.name = candidate
            break
    return contact


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40:
        return False
    if any(ch.isdigit() or ch in "@|:/" for ch in text):
        return False
    if title_score(text) or org_score(text):
        return False
    return all(w[0].isupper() for w in words if w[0].isalpha())


def _headline(lines: list[Line], sections: list[Section]) -> str | None:
    """The line under the name that says what the candidate does ("Senior Data Analyst")."""
    if not sections or sections[0].kind != "header":
        return None
    for line in lines_in(lines, sections[0].span)[:6]:
        text = line.stripped
        if text and title_score(text) and len(text) < 80 and not _EMAIL.search(text):
            return text
    return None
