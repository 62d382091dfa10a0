"""Resume entries outside the work history that are not credentials: projects, skills,
the headline, and the contact details at the top (kept only so an LLM prompt can redact
them). Education and certifications are read in ``credential_entries``.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..models import ContactDetails, Project, Section, Skill, Span
from .resume_text import headerish
from .role_headers import HEADER_SPLIT, is_location, org_score, title_score
from .sections import Line, heading_kind, lines_in
from .skill_items import JOINERS, balanced, split_joined

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


_SKILL_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|\s/\s)\s*")


_SKILL_LEVEL = re.compile(
    r"\s*[\(\[](?:expert|advanced|intermediate|beginner|basic|proficient|fluent|native|"
    r"\d+\+?\s*(?:yrs?|years?))[\)\]]\s*$",
    re.IGNORECASE,
)


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
    for line in wrapped_rows(lines_in(lines, section.span)[1:]):
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
                # A wrapped item keeps its line break in the quote, not in its name.
                name_text = " ".join(part.split())
                skills.append(Skill(name=name_text, span=Span(start=start, end=end)))
    return skills


# A list line ending on a separator, or a conjunction, has finished its last item.
_ITEM_CLOSED = re.compile(r"(?:[,;|•·/]|\band|&)\s*$")
# A line this long was probably wrapped by the writer's editor, not ended by them.
_WRAP_WIDTH = 35


def wrapped_rows(rows: list[Line]) -> list[Line]:
    """Join a list line to the next when an item runs over the line break: a bracket
    still open ("Excel (pivot tables," / "Power Query)") or a long line that stops
    mid-item before a line that goes on in lower case ("...; budget" / "forecasting;").
    The joined row is the resume's own text, line break included, so quotes stay exact."""
    out: list[Line] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and _continues(prev, row):
            out[-1] = Line(prev.text + "\n" + row.text, prev.start)
        else:
            out.append(row)
    return out


def _continues(prev: Line, row: Line) -> bool:
    nxt = row.stripped
    if not nxt or row.is_bullet or not prev.stripped or prev.text.count("\n") >= 5:
        return False
    before = prev.stripped
    if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
        return True
    return (
        len(before.rsplit("\n", 1)[-1].strip()) >= _WRAP_WIDTH
        and bool(_SKILL_SPLIT.search(before))
        and not _ITEM_CLOSED.search(before)
        and nxt[:1].islower()
    )


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
