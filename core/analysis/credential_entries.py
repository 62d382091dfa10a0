"""Resume entries about what a candidate studied and holds: education (degrees, schools)
and certifications or licences, with their dates and whether they have lapsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Certification, Education, Section, YearMonth
from .dates import DateRange
from .resume_text import DateIndex
from .role_headers import HEADER_SPLIT, tidy, title_score
from .sections import Line, lines_in

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
