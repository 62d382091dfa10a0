"""Resume entries about what a candidate studied and holds: education (degrees, schools)
and certifications or licences, with their dates and whether they have lapsed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Certification, CredentialStatus, Education, Section, Span, YearMonth
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


# Words that say a credential is not finished yet, in the languages the date words cover
# (English, Spanish, French, German, Portuguese, Italian, Dutch). Read in this order: a
# line can say several ("supervised fittings in progress"), and the narrower state is
# the one an interviewer asks about.
_W = r"(?<!\w)"
_SUPERVISED = re.compile(
    _W + r"(?:under (?:the )?(?:direct |clinical |close |professional )?supervision|"
    r"supervised (?:practice|placement|period)|period of supervised|"
    r"supervised (?:\w+ ){0,2}(?:in progress|ongoing|underway|pending|outstanding|remaining|"
    r"to go|to complete)|\d[\d,]*\s*(?:of|/|out of)\s*\d[\d,]*\s+supervised|"
    r"(?:awaiting|pending|not yet) sign[- ]?off|bajo supervisi[óo]n|sob supervis[ãa]o|"
    r"sous supervision|unter (?:aufsicht|supervision)|sotto supervisione|onder supervisie)(?!\w)",
    re.I,
)
_PASSED_PART = r"(?:parts?|papers?|modules?|units?|exams?|sections?|stages?|steps?)"
_PART_NAME = r"(?:parts?|papers?|modules?|units?|exams?|sections?|stages?|steps?|levels?)"
_PART_NUMBER = r"(?:\d+|[IVX]{1,4}|one|two|three|four|[A-Z])"
_PART_LIST = rf"{_PART_NUMBER}(?:\s*(?:,|and|&|to|-|–)\s*{_PART_NUMBER})*"
_PART_QUALIFIED = re.compile(
    _W + r"(?:part[- ]qualified|part(?:ly|ially) qualified|"
    # "Part 1 cleared", "Papers 1-3 passed" (levels are often whole qualifications of
    # their own, so "Level 3 passed" is not read as part of one).
    rf"{_PASSED_PART}\s+{_PART_LIST}\s+(?:cleared|passed|complete[d]?|done|achieved)|"
    rf"(?:passed|cleared|completed|sat)\s+\d+\s+(?:of|out of|/)\s+\d+\s+{_PART_NAME}|"
    rf"\d+\s*(?:of|/|out of)\s*\d+\s+{_PART_NAME}\s+(?:passed|cleared|complete[d]?)|"
    rf"{_PART_NAME}\s+{_PART_LIST}\s+(?:pending|outstanding|remaining|to go|in progress|"
    r"scheduled|still to (?:sit|take|do|come)|not yet (?:sat|taken|passed))|"
    r"(?:parte|m[óo]dulo|teil|partie|examen|esame)\s+\d+\s+(?:aprobad[oa]|superad[oa]|"
    r"bestanden|r[ée]ussie?|aprovad[oa]|superat[oa]|behaald))(?!\w)",
    re.I,
)
_PROVISIONAL = re.compile(
    _W + r"(?:provisional(?:ly)?|conditional (?:licen[cs]e|registration|approval)|"
    r"(?:trainee|learner|student|interim|temporary|probationary|limited) "
    r"(?:licen[cs]e|registration|permit|membership)|"
    r"provis[óo]ri[oa]|provisoire|vorl[äa]ufig|provvisori[oa]|voorlopig)(?!\w)",
    re.I,
)
_PENDING = re.compile(
    _W + r"(?:(?:application|reciprocity|registration|endorsement|transfer)\b[^.;|]{0,20}?"
    r"(?:pending|submitted|in process|under review|lodged|underway)|applied for|applying for|"
    r"awaiting (?:registration|approval|results?|decision|issue|licen[cs]e|certification|"
    r"confirmation|conferral)|(?:results?|decision|outcome) (?:awaited|due|pending)|pending|"
    r"en tr[áa]mite|solicitud presentada|"
    r"pendiente|pendente|em an[áa]lise|aguardando|en attente|demande d[ée]pos[ée]e|beantragt|"
    r"ausstehend|in attesa|richiesta presentata|aangevraagd)(?!\w)",
    re.I,
)
_IN_PROGRESS = re.compile(
    _W + r"(?:in progress|under ?way|currently (?:studying|enrolled|completing|pursuing|"
    r"undertaking|working towards?)|(?:studying|working) towards?|pursuing|"
    r"enrolled (?:in|on|at|for)|expected|anticipated|projected (?:completion|graduation)|"
    r"to be (?:completed|awarded|conferred)|completion due|"
    r"due to (?:complete|finish|graduate)|graduating|candidate|"
    r"not yet (?:complete[d]?|awarded|finished|conferred)|"
    r"registered for (?:the )?(?:\w+ ){0,2}(?:exam|examination|assessment|sitting)|"
    r"(?:booked|scheduled) for|"
    r"\d+\s*(?:of|/|out of)\s*\d+\s+credits|(?:credits|modules|units) (?:remaining|left)|"
    r"en curso|cursando|en progreso|en proceso|(?:fin|finalizaci[óo]n|egreso|titulaci[óo]n) "
    r"(?:esperad|previst)[oa]|previst[oa]|esperad[oa]|candidat[oa]|em andamento|em curso|"
    r"em progresso|conclus[ãa]o prevista|previs[ãa]o de conclus[ãa]o|en cours|pr[ée]vue?|"
    r"attendue?|en pr[ée]paration|laufend|voraussichtlich|im studium|angestrebt|"
    r"in ausbildung|in corso|laureand[oa]|in via di conseguimento|lopend|verwacht|"
    r"in opleiding)(?!\w)",
    re.I,
)
_UNFINISHED = (
    (CredentialStatus.supervised, _SUPERVISED),
    (CredentialStatus.part_qualified, _PART_QUALIFIED),
    (CredentialStatus.provisional, _PROVISIONAL),
    (CredentialStatus.pending, _PENDING),
    (CredentialStatus.in_progress, _IN_PROGRESS),
)


# The question form an unfinished credential takes (core/data/question_patterns.yaml
# ``when: unfinished``): still being studied or sat, practised under someone's sign-off,
# or applied for and awaiting a decision.
UNFINISHED_FORM: dict[CredentialStatus, str] = {
    CredentialStatus.in_progress: "study",
    CredentialStatus.part_qualified: "study",
    CredentialStatus.supervised: "practice",
    CredentialStatus.provisional: "practice",
    CredentialStatus.pending: "application",
}


# How a fact's summary names a credential's state ("Certification: PMP (pending)").
STATUS_WORDS: dict[CredentialStatus, str] = {
    CredentialStatus.expired: "expired",
    CredentialStatus.in_progress: "in progress",
    CredentialStatus.part_qualified: "part-qualified",
    CredentialStatus.supervised: "under supervision",
    CredentialStatus.provisional: "provisional",
    CredentialStatus.pending: "pending",
}


def unfinished_status(text: str) -> tuple[CredentialStatus, int] | None:
    """The unfinished state a credential's words give, and where in ``text`` they start
    ("CIA: Part 1 cleared; Parts 2 and 3 pending" -> part_qualified); None when they
    say nothing of the kind (an earned or a lapsed credential)."""
    for status, pattern in _UNFINISHED:
        if m := pattern.search(text):
            return status, m.start()
    return None


def study_status(entry: Education, today: YearMonth) -> CredentialStatus:
    """Where a course of study stands on ``today``: what its words say, else unfinished
    when it ends after today (a degree "2023 – 2027" is still being studied)."""
    if entry.status is not CredentialStatus.earned:
        return entry.status
    if found := unfinished_status(entry.text):
        return found[0]
    if entry.end is not None and entry.end.index > today.index:
        return CredentialStatus.in_progress
    return CredentialStatus.earned


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
        status, status_span = CredentialStatus.earned, None
        for n, ln in enumerate(around):
            if n and (
                _degree(ln.content)
                or _INSTITUTION.search(ln.content)
                or CREDENTIAL.search(ln.content)
                or (ln.is_bullet and line.is_bullet)
            ):
                break  # the next entry: its words are not this one's
            if found := unfinished_status(ln.content):
                status = found[0]
                status_span = _clause_at(ln, found[1])
                break
        plain = strip_dates(text, dates, line)
        institution = None
        qualification = None
        others: list[str] = []
        for piece in HEADER_SPLIT.split(_first_comma_split(plain)):
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
            # A full stop after a word, not after an abbreviation ("A.A.S. Supply Chain").
            sentences = [
                p.strip(" .") for p in re.split(r"(?<=[a-z]{3})\.\s+(?=[A-Z])", qualification)
            ]
            qualification = next((p for p in sentences if _degree(p)), sentences[0])
        if qualification and status is not CredentialStatus.earned:
            qualification = _without_status(qualification)
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
                status=status,
                status_span=status_span,
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
    r"acls|osha|expired|lapsed|expires?|valid (?:until|to|through)|current to|fellowship|"
    # A step towards a credential, whatever it is called ("AM2 assessment booked for
    # February 2027", "application submitted, decision due January 2027").
    r"(?:application|exam|examination|assessment|sign-?off|decision|results?)\b[^.;]{0,20}?"
    r"\b(?:submitted|pending|booked|scheduled|due|awaited))\b",
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
        if _REFERENCES.match(text):
            continue  # a closing line under the last section, not a credential
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
        status = CredentialStatus.expired if expired else CredentialStatus.earned
        expected = None
        unfinished = None if expired else unfinished_status(text)
        if unfinished is not None:
            status = unfinished[0]
            name = _without_status(name)
        if not expired and issued is not None and issued.index > today.index:
            # A date still to come is when it is due, not when it was earned.
            expected, issued = issued, None
            if status is CredentialStatus.earned:
                status = CredentialStatus.in_progress
        certs.append(
            Certification(
                name=name,
                issued=issued,
                expires=expires,
                expired=expired,
                span=line.content_span,
                status=status,
                expected=expected,
            )
        )
    return certs


_REFERENCES = re.compile(
    r"\W*references?\s+(?:are\s+)?(?:available\s+)?(?:on|upon)\s+request\W*$", re.I
)


def _without_status(name: str) -> str:
    """The credential's name without the words about where it stands: "CFA Level I
    candidate (registered for the exam)" -> "CFA Level I", "MSc Logistics (in progress,
    expected )" -> "MSc Logistics". Kept whole when too little would be left to name it
    ("PMP candidate")."""
    found = unfinished_status(name)
    if found is None:
        return name
    head = name[: found[1]]
    if head.count("(") > head.count(")"):
        head = head[: head.rindex("(")]  # the status is a bracketed aside
    head = head.rstrip(" ,;:(–—-|")
    if len(head.split()) < 2:
        return name
    return tidy(head) or name


def _clause_at(line: Line, at: int) -> Span:
    """From the clause holding ``line.content[at]`` to the end of the line: the words
    that say where a course stands ("final-semester results awaited (expected ...)")."""
    content = line.content
    start = max(content.rfind(sep, 0, at) for sep in (",", ";", "·", "|", "—", "–", " - "))
    start = 0 if start < 0 else start + 1
    while start < at and content[start] in " -":
        start += 1
    return Span(start=line.content_span.start + start, end=line.content_span.end)


def _first_comma_split(text: str) -> str:
    """The line with its first comma outside brackets marked as a split: "BSc Logistics
    (online, part-time), Northfield College" splits before the college, not inside the
    aside."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == "," and depth == 0:
            return f"{text[:i]} | {text[i + 1 :]}"
    return text


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
