"""Resume entries outside the work history: education, certifications, projects,
skills, and the contact details at the top (kept only so an LLM prompt can redact them).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ..models import (
    Certification,
    ContactDetails,
    Education,
    Project,
    Section,
    Skill,
    Span,
    YearMonth,
)
from .dates import DateRange
from .resume_text import DateIndex, headerish
from .role_headers import HEADER_SPLIT, is_location, org_score, tidy, title_score
from .sections import Line, heading_kind, lines_in
from .skill_items import JOINERS, balanced, split_joined

_DEGREE = re.compile(
    r"\b(?:bachelor|master|b\.?\s?sc|m\.?\s?sc|b\.?\s?a\b|m\.?\s?a\b|b\.?\s?s\b|m\.?\s?s\b|"
    r"mba|ph\.?\s?d|doctorate|diploma|associate(?:'s)? degree|a\.?\s?a\.?s|b\.?\s?eng|"
    r"m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|bsn|msn|j\.?\s?d\b|m\.?\s?d\b|ged|high school|"
    r"a-levels?|gcses?|certificate|degree|bootcamp|b\.?\s?com|m\.?\s?com|hnd|btec|"
    r"postgraduate|undergraduate|coursework|m\.?\s?ed\b|b\.?\s?ed\b|ed\.?\s?d\b|"
    # Degrees named by their letters outside the US pattern: pharmacy, law, medicine,
    # teaching, arts, public health and social work, and vocational qualifications.
    r"m\.?\s?pharm|pharm\.?\s?d|ll\.?\s?b|ll\.?\s?m\b|mbbs|mbchb|bds\b|pgce|pgde|nvq|"
    r"bba\b|bfa\b|mfa\b|mph\b|mpa\b|msw\b|bsw\b|dnp\b|licenciatura|diplom|apprenticeship|"
    r"baccalaur|学士|硕士|博士)",
    re.IGNORECASE,
)
# Degrees in the other languages resumes are written in, named where an entry starts
# ("Grado en Fisioterapia, Universidad de ...", "| Laurea in Economia"), not mid-sentence.
_FOREIGN_DEGREE = re.compile(
    r"(?:^|[|•·,;:(–—]\s*)(?:laurea|maestr[ií]a|m[áa]ster|grado|grau|mestrado|bacharelado|"
    r"licenciado|licenciada|magist(?:er|ra)|dipl[ôo]me|bachiller|ingenier[ií]a|ingegneria)\b",
    re.IGNORECASE,
)


def _degree(text: str) -> bool:
    return bool(_DEGREE.search(text) or _FOREIGN_DEGREE.search(text.strip()))


def education_like(title: str | None, org: str | None, schools: bool = True) -> bool:
    """A dated line that is a course of study, not a job: a degree ("BA History,
    University of Kent"), or (``schools``: outside an experience section) a school with
    no job title beside it ("A-levels, St Anne's College"). "Research Assistant,
    University of Kent" is a job."""
    text = " ".join(p for p in (title, org) if p)
    if title and title_score(title) and not _degree(title):
        return False
    school = schools and bool(_INSTITUTION.search(org or "")) and not title_score(text)
    return _degree(text) or school


_INSTITUTION = re.compile(
    r"\b(?:university|universit(?:[éyà]|ät|eit)|universidade?|college|institute|school|"
    r"academy|polytechnic|conservatory|bootcamp|instituto|istituto|institut|politecnico|"
    r"polit[ée]cnica|hochschule|fachhochschule|[ée]cole|escuela|escola|facultad|"
    r"faculdade|大学|学院)\b",
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


SKILLS_LINE = re.compile(
    r"^(?:key |technical |core |other )?(?:skills|tools(?: i use)?|technologies|tech stack|"
    r"software|languages and tools|programming languages|stack)\s*:\s*\S",
    re.IGNORECASE,
)


# Spanish too ("expiró oct 2024", "vencida"), for resumes written in it.
_EXPIRED = re.compile(
    r"\b(?:expired|lapsed|inactive|no longer (?:valid|active)|expir[oó]|expirad[oa]|"
    r"vencid[oa]|venci[oó]|caducad[oa]|caduc[oó])(?!\w)",
    re.I,
)


_EXPIRES = re.compile(
    r"\b(?:expires?|expiry|exp\.|valid (?:until|through|thru|to)|current (?:to|until|through)|"
    r"renew(?:s|al) due)\b",
    re.I,
)


_SKILL_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|\s/\s)\s*")


_SKILL_LEVEL = re.compile(
    r"\s*[\(\[](?:expert|advanced|intermediate|beginner|basic|proficient|fluent|native|"
    r"\d+\+?\s*(?:yrs?|years?))[\)\]]\s*$",
    re.IGNORECASE,
)


def parse_education(lines: list[Line], section: Section, dates: DateIndex) -> list[Education]:
    rows = [ln for ln in lines_in(lines, section.span)[1:] if ln.stripped]
    entries: list[Education] = []
    for i, line in enumerate(rows):
        text = line.content
        if not (_degree(text) or _INSTITUTION.search(text)):
            continue
        prev = entries[-1] if entries else None
        if (
            prev is not None
            and prev.span.end >= line.start - 1
            and not _degree(text)
            and (prev.institution is None or not line.is_bullet)
            and not (prev.institution and prev.qualification and "," in text)
        ):
            # An institution line right under its degree line: same entry.
            if prev.institution is None and _INSTITUTION.search(text):
                prev.institution = tidy(strip_dates(text, dates, line))
            continue
        # Dates sit on the degree line or within the next few lines of the entry.
        around = [line]
        for nxt in rows[i + 1 : i + 4]:
            if _degree(nxt.content) and not _INSTITUTION.search(nxt.content):
                break
            around.append(nxt)
        dr = next((d for ln in around for d in dates.in_span(ln.start, ln.end)), None)
        plain = strip_dates(text, dates, line)
        institution = None
        qualification = None
        others: list[str] = []
        for piece in HEADER_SPLIT.split(plain.replace(",", " | ", 1)):
            piece = piece.strip(" ,;:-")
            if not piece:
                continue
            if _INSTITUTION.search(piece) and institution is None:
                institution = piece
            elif _degree(piece) and qualification is None:
                qualification = piece
            elif re.search(r"[^\W\d_]", piece):
                others.append(piece)
        if qualification is None and institution is not None and others:
            # "BE (Hons) Mechatronics, University of X": the piece beside the
            # institution is what was studied, whatever its letters.
            qualification = others[0]
        if qualification and ". " in qualification:
            # A Markdown paragraph can join two entries into one line: keep the sentence
            # that names the qualification.
            sentences = [p.strip(" .") for p in re.split(r"\.\s+(?=[A-Z])", qualification)]
            qualification = next((p for p in sentences if _degree(p)), sentences[0])
        span = line.content_span
        entries.append(
            Education(
                institution=tidy(institution),
                qualification=tidy(qualification or (plain if not institution else None)),
                start=dr.start if dr else None,
                end=(dr.end or dr.start) if dr else None,
                text=text,
                span=span,
                date_span=dr.span if dr else None,
            )
        )
    return entries


def strip_dates(text: str, dates: DateIndex, line: Line) -> str:
    content = line.content_span
    out = text
    for d in dates.in_span(line.start, line.end):
        if d.span.start >= content.start:
            out = out.replace(d.text, " ")
    out = " ".join(out.split())
    # The separator a removed date leaves behind: "School, 1996." -> "School."
    return re.sub(r"\s*[,;:]\s*(?=[.,;:]|$)", "", out)


# A line in an education section that is a credential rather than a course of study
# ("Radiation Use Licence (Victoria), 2016 - lapsed 2023", "First Aid, current to 2027"):
# sections such as "Qualifications and licences" hold both.
CREDENTIAL = re.compile(
    r"\b(?:licen[cs]e[ds]?|licensure|certified|certification|registration|registered|"
    r"endorsement|permit|accreditation|accredited|credential|chartered|first aid|cpr|bls|"
    r"acls|osha|expired|lapsed|expires?|valid (?:until|to|through)|current to)\b",
    re.IGNORECASE,
)


def parse_certifications(
    lines: list[Line],
    section: Section,
    dates: DateIndex,
    today: YearMonth,
    only: Callable[[Line], bool] | None = None,
) -> list[Certification]:
    """Certifications in ``section``; with ``only``, just the lines it accepts."""
    certs: list[Certification] = []
    for line in lines_in(lines, section.span)[1:]:
        if not line.stripped:
            continue
        if only is not None and not only(line):
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
        name = strip_dates(text, dates, line)
        name = re.sub(
            r"\b(?:expired|expires?|issued|valid until|lapsed)\b\s*:?", " ", name, flags=re.I
        )
        name = re.sub(r"\(\s*[,;]?\s*\)", " ", name)
        name = re.sub(
            r"[,;:\s]*\b(?:valid|exp|expires?|(?:valid|current) (?:to|until|through))\.?\s*$",
            "",
            name,
            flags=re.I,
        )
        name = tidy(name) or text
        # A sentence's full stop is not part of the name ("..., not renewed."), but an
        # abbreviation's is ("Cert.", "Inc.").
        name = re.sub(r"(\b\w{4,})\.$", r"\1", name)
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


# Dates and labels around a project's name: "2021 – Present Personal Project: Stock Model".
_PROJECT_DATE = re.compile(
    r"^(?:(?:present|current|now|ongoing|since|(?:[a-z]{3,9}\.?\s+)?\d{4})\b[\s,.]*)+",
    re.IGNORECASE,
)
_PROJECT_LABEL = re.compile(
    r"^(?:personal|side|academic|capstone|course|class|school|university|open[- ]source|"
    r"research|freelance)?\s*projects?\s*[:–—-]\s*",
    re.IGNORECASE,
)


def _project_name(header: str) -> str:
    """The first piece of a project line that names something, dates and labels removed."""
    for piece in HEADER_SPLIT.split(header):
        name = _PROJECT_LABEL.sub("", _PROJECT_DATE.sub("", piece.strip(" :-–—")))
        name = name.strip(" :-–—")
        if sum(c.isalpha() for c in name) >= 3:
            return name
    return ""


_NAMED_ITEM = re.compile(r"^[^:.]{2,60}:\s")


def parse_projects(lines: list[Line], section: Section) -> list[Project]:
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
            and headerish(line)
            and len(line.stripped) <= 80
            and not describes_previous
        ):
            name = _project_name(line.content)
            projects.append(Project(name=name or line.content, span=line.content_span))
        elif projects:
            last = projects[-1]
            desc = (last.description + " " + line.content).strip()
            projects[-1] = Project(
                name=last.name,
                description=desc[:600],
                span=Span(start=last.span.start, end=line.content_span.end),
            )
        elif len(line.stripped.split()) <= 8 or _NAMED_ITEM.match(line.content):
            projects.append(Project(name=line.content[:80], span=line.content_span))
        # A longer sentence before any project, with no "Name:" label, introduces the
        # list ("Another bulleted list, this time of URLs related to work I did").
    return projects


# Labels and headings that end up in skills lists without being skills.
_NOT_A_SKILL = frozenset(
    """additional other others misc miscellaneous various tools skills technical languages
    software technologies methods platforms frameworks general core key soft hard""".split()
) | frozenset({"best practices", "methods and tools"})


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
    return [part for at, piece in pieces for part in split_joined(at, piece)]


# "Software you know and tools you use", "what I did": a sentence about skills, not one.
_PRONOUN = re.compile(r"\b(?:I|me|my|we|our|you|your)\b", re.IGNORECASE)


def parse_skills(lines: list[Line], section: Section) -> list[Skill]:
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
        pieces = _top_level_pieces(text)
        # Chips lose every separator; a line with commas or bullets already says where
        # one name ends, so "Lean Six Sigma" between commas stays one skill.
        chip_layout = len(pieces) == 1
        for at, piece in pieces:
            raw = piece.strip()
            if not raw:
                continue
            whole = _SKILL_LEVEL.sub("", raw).strip(" .:;")
            name = whole
            if "(" in name and name.index("(") >= 2:
                name = name[: name.index("(")]
            name = name.strip(" .()[]:")
            if not name or _PRONOUN.search(name):
                continue
            base = offset + at + piece.find(name)
            if text[base - offset : base - offset + len(name)] != name:
                continue
            parts = _chips(name) if chip_layout else [(name, 0)]
            for part, part_at in parts:
                key = part.lower()
                if (
                    len(part) > 40
                    or len([w for w in part.split() if w.lower() not in JOINERS]) > 4
                    or not re.search(r"[A-Za-z]", part)
                    or key in seen
                    or key in _NOT_A_SKILL
                ):
                    continue
                seen.add(key)
                start = base + part_at
                end = start + len(part)
                # The quote is the item as the candidate wrote it, qualifier and all
                # ("Salesforce (Trailhead)", "controls (IFC) testing"): the qualifier is
                # part of the claim an interviewer checks. The name stays the bare skill.
                if len(parts) == 1 and whole.startswith(name) and balanced(whole):
                    end = start + len(whole)
                skills.append(Skill(name=part, span=Span(start=start, end=end)))
    return skills


def _tool_like(word: str) -> bool:
    """NoSQL, PagerDuty, AWS, S3: a token that names a tool by its shape alone (a long
    word in capitals is a heading's word, not an acronym)."""
    core = word.strip(".,")
    if len(core) < 2:
        return False
    if core.isupper() and core.isalpha():
        return len(core) <= 5
    return bool(re.search(r"[a-z][A-Z]|[A-Z]{2}|\d", core))


def is_contact_line(text: str) -> bool:
    """An email address, a phone number, a web address or a bare place on its own line."""
    if _EMAIL.search(text) or is_location(text):
        return True
    if sum(c.isdigit() for c in text) >= 9 and _PHONE.search(text):
        return True
    if not _WEB_ADDRESS.fullmatch(text):
        return False
    # "Node.js", "ASP.NET", "Socket.io" are tools with a dot, not addresses.
    return "/" in text or not _DOTTED_TOOL.fullmatch(text)


_WEB_ADDRESS = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
_DOTTED_TOOL = re.compile(r"[\w-]+\.(?:js|net|io)", re.IGNORECASE)


def _chips(name: str) -> list[tuple[str, int]]:
    """A skills line laid out as chips loses its separators in extraction: "Go Python
    Node.js TypeScript". Split such a run at the skills it names when every word left
    over is a skill too (a run of two or more words, or a tool-shaped token); a name
    like "Microservices Architecture" stays whole."""
    from .skills_lexicon import skill_lexicon

    words = name.split()
    if len(words) < 2:
        return [(name, 0)]
    hits = [(span.start, span.end) for _, span in skill_lexicon().find(name)]
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end in hits:
        if start < cursor:
            continue
        gap = name[cursor:start].strip()
        if gap:
            gap_at = name.index(gap, cursor)
            pieces.append((gap_at, gap_at + len(gap)))
        pieces.append((start, end))
        cursor = end
    tail = name[cursor:].strip()
    if tail:
        tail_at = name.index(tail, cursor)
        pieces.append((tail_at, tail_at + len(tail)))
    # One known skill and one stray token is a single name ("MS Excel"); split only
    # runs that name two skills, or one beside a multi-word label.
    if len(pieces) < 2 or not hits or (len(hits) == 1 and len(words) < 3):
        return [(name, 0)]
    hit_set = set(hits)
    out: list[tuple[str, int]] = []
    for a, b in pieces:
        chunk = name[a:b]
        if (a, b) in hit_set:
            out.append((chunk, a))
            continue
        tokens = [(m.group(0), a + m.start()) for m in re.finditer(r"\S+", chunk)]
        # Chips are labels: a leftover run counts only when it is written like names.
        if not all(t[:1].isupper() or _tool_like(t) for t, _ in tokens):
            return [(name, 0)]
        if any(_tool_like(t) for t, _ in tokens):
            out.extend(tokens)  # "ECS Lambda S3": tool-shaped tokens are separate tools
        elif len(tokens) >= 2:
            out.append((chunk, a))  # "Feature Flags"
        else:
            return [(name, 0)]  # one plain word: "Microservices Architecture" is one name
    return out


def parse_contact(text: str, lines: list[Line], sections: list[Section]) -> ContactDetails:
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
    contact.name = _name(lines, sections)
    return contact


# Sections whose lines are items, never the candidate's name ("Graphic Design", "English").
_LIST_SECTIONS = frozenset({"skills", "languages", "education", "certifications", "interests"})


def _name(lines: list[Line], sections: list[Section]) -> str | None:
    """The candidate's name: a name-shaped line near the top, outside any list section.

    A sidebar read first can push the name below it ("SKILLS ... CONTACT ... Maya Okafor
    / PRODUCT DESIGNER"), so past the first lines a name-shaped line still counts when
    the line under it says what the candidate does."""
    listed = [s.span for s in sections if s.kind in _LIST_SECTIONS]

    def usable(line: Line, anywhere: bool = False) -> str | None:
        candidate = line.stripped.strip("# ")
        if not anywhere and any(sp.start <= line.start < sp.end for sp in listed):
            return None
        if _looks_like_name(candidate):
            return candidate
        # "Dr Aoife Byrne MB BCh MICGP", "Jane Doe, CPA, PMP": the name without the
        # letters after it (what is left is the start of the line, so still its text).
        bare = _POST_NOMINALS.sub("", candidate)
        honorific = _HONORIFIC.match(bare)
        core = bare[honorific.end() :] if honorific else bare
        return bare if bare != candidate and _looks_like_name(core) else None

    for line in lines[:8]:
        if found := usable(line):
            return found
    # A sidebar's last list runs on into the main column when it has no heading, so a
    # name with the headline under it counts wherever it sits.
    texts = [ln for ln in lines[:80] if ln.stripped]
    for line, below in pairwise(texts):
        found = usable(line, anywhere=True)
        if found and title_score(below.stripped) and len(below.stripped) < 60:
            return found
    return None


# Degrees and memberships written after a name: "MB BCh BAO", "PhD", "CPA", "RN".
_POST_NOMINALS = re.compile(
    r"(?:,?\s+(?:[A-Z][A-Za-z]{0,5}(?<=[A-Z][A-Z])|[A-Z][a-z]?[A-Z][A-Za-z]{0,4}|PhD|MD|Hons?"
    r"|\(Hons?\)))+\s*$"
)
_HONORIFIC = re.compile(r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Ing|Eng|Lic|Dra)\.?\s+")


# A document's own title, or a heading, set above the name ("CURRICULUM VITAE").
_DOCUMENT_TITLES = frozenset(
    " ".join(t.split())
    for t in """curriculum vitae|resume|résumé|cv|personal details|personal information|
    personal profile|professional profile|contact details|contact information|career
    summary|professional summary|career profile|career objective""".split("|")
)


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > 40:
        return False
    plain = " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())
    if plain in _DOCUMENT_TITLES or heading_kind(text):
        return False
    if any(ch.isdigit() or ch in "@|:/" for ch in text):
        return False
    if title_score(text) or org_score(text) or is_location(text):
        return False
    return all(w[0].isupper() for w in words if w[0].isalpha())


def parse_headline(lines: list[Line], sections: list[Section]) -> str | None:
    """The line under the name that says what the candidate does ("Senior Data Analyst")."""
    if not sections or sections[0].kind != "header":
        return None
    for line in lines_in(lines, sections[0].span)[:6]:
        text = line.stripped
        if text and title_score(text) and len(text) < 80 and not _EMAIL.search(text):
            return text
    return None
