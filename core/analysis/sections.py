"""Split extracted resume text into lines and sections (experience, education, ...).

Resumes signal sections with short heading lines ("EXPERIENCE", "Work history:",
"## Education"). We recognise them by vocabulary, and accept longer headings
("PROFESSIONAL EXPERIENCE & LEADERSHIP") only when the line is visibly a heading, so a
job title such as "Customer Experience Manager" never splits a section.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..models import Section, Span


def _vocabulary(spec: str) -> dict[str, str]:
    """Parse ``kind: heading | heading`` lines into a heading -> kind table."""
    table: dict[str, str] = {}
    kind = ""
    for row in spec.strip().splitlines():
        names = row
        if not row.startswith(" "):  # indented rows continue the previous kind
            kind, names = row.split(":", 1)
        for name in names.split("|"):
            if name.strip():
                table[" ".join(name.split())] = kind.strip()
    return table


# Whole-line headings, lower case, "&" spelled "and".
_HEADING_KIND = _vocabulary(
    """
experience: experience | work experience | professional experience | employment |
 employment history | work history | career history | relevant experience |
 professional history | career | positions held | work | industry experience |
 teaching experience | clinical experience | research experience | professional background |
 selected experience | additional experience | other experience | military experience | jobs |
 internships | internship experience | employment experience | experience summary |
 recent experience | earlier experience | previous experience | leadership experience |
 experience and leadership | 工作经历 | 工作经验 | experiencia | experiencia profesional |
 experiencia laboral | expérience professionnelle | expérience | experiência profissional |
 berufserfahrung | where i ve worked | where i have worked | work record | positions |
 appointments | professional appointments | roles | recent roles | previous roles |
 selected roles | key roles | placements | clinical placements |
 esperienza professionale | esperienza lavorativa | esperienze professionali | werkervaring |
 arbeitserfahrung | beruflicher werdegang | expériences professionnelles |
 trayectoria profesional | experiência | experiencia profesional y laboral
volunteer: volunteer | volunteering | volunteer experience | volunteer work |
 community involvement | community service | civic engagement | extracurricular |
 extracurricular activities | activities | leadership and activities | activities and leadership |
 board and advisory | board positions | boards | advisory | advisory roles | board memberships
memberships: affiliations | memberships | professional affiliations | professional memberships |
 professional bodies | membership
education: education | academic background | qualifications | academic qualifications |
 education and training | training | academic history | studies | degrees |
 educational background | education and certifications | 教育经历 | 教育背景 | study |
 academic record | education history | schooling | professional qualifications |
 istruzione | formazione | opleiding | formação acadêmica | educação | studium | bildung |
 formation académique | études | educación y formación |
 formación | formación académica | educación | estudios | formation | formação | ausbildung
skills: skills | technical skills | core skills | key skills | skills and tools |
 core competencies | competencies | expertise | areas of expertise | technologies | tools |
 tools and technologies | technical proficiencies | skills summary | skill set | skillset |
 programming languages | languages and tools | technical expertise | software |
 computer skills | it skills | specialties | strengths | professional skills | hard skills |
 soft skills | skills and interests | skills and certifications | 技能 | 专业技能 |
 practice areas | areas of practice | specialisms | specialist areas | capabilities |
 habilidades | competencias | conocimientos | compétences | competências | kenntnisse |
 toolkit | technical toolkit | tool kit | tech stack | stack | competenze | vaardigheden |
 fähigkeiten | kompetenzen | aptitudes | conhecimentos | what i can do | what i bring |
 what i offer | what i do well | what i know | things i m good at | things i am good at |
 what i m good at | what i am good at | my skills | my toolkit | skills i bring
certifications: certifications | certificates | certification | licenses | licences |
 licenses and certifications | licences and certifications | certifications and licenses |
 certifications and licences | credentials | professional development | accreditations |
 bar admissions | bar admission | admissions to practice |
 courses | courses and certifications | certifications and training | certificaciones |
 certificados | certifications professionnelles | certificações | zertifikate | licensure |
 registrations | professional registration | professional registrations | registration |
 licences and tickets | licenses and tickets | tickets | tickets and licences |
 tickets and licenses | registrations and licences | registrations and licenses
projects: projects | personal projects | selected projects | key projects | side projects |
 open source | open source projects | portfolio | project experience | academic projects |
 research projects | selected work | work samples | writing samples | 项目经历 | 项目经验
summary: summary | profile | professional summary | about | about me | objective |
 career objective | personal statement | overview | career summary | introduction |
 executive summary | professional profile | highlights | summary of qualifications | 个人简介 |
 perfil | perfil profesional | resumen | profil | perfil profissional
awards: awards | honors | honours | awards and honors | awards and honours | achievements |
 accomplishments | recognition | scholarships | honors and awards | honours and awards
publications: publications | papers | talks | presentations | patents |
 publications and talks | selected publications | research
languages: languages | language skills | spoken languages | idiomas | langues | sprachen
interests: interests | hobbies | hobbies and interests | personal interests
references: references | referees
other: additional | additional information | other | other information | miscellaneous |
 misc | additional details | further information
contact: contact | contact information | contact details | personal details |
 personal information | details | personal | contact info | links
"""
)

# Keywords that mark a longer, visibly formatted heading, checked in this order.
_KEYWORD_KINDS = (
    ("experience", "experience"),
    ("employment", "experience"),
    ("education", "education"),
    ("skills", "skills"),
    ("competencies", "skills"),
    ("projects", "projects"),
    ("certifications", "certifications"),
    ("certificates", "certifications"),
    ("licenses", "certifications"),
    ("licences", "certifications"),
    ("summary", "summary"),
    ("profile", "summary"),
    ("volunteer", "volunteer"),
    ("volunteering", "volunteer"),
    ("awards", "awards"),
    ("publications", "publications"),
    ("interests", "interests"),
)
# Words that make a line a job title rather than a heading ("CUSTOMER EXPERIENCE MANAGER",
# "GUEST EXPERIENCE HOST", "SKILLS TRAINER").
_TITLE_WORDS = frozenset(
    """manager designer engineer director lead officer analyst specialist consultant
    coordinator associate architect head intern assistant researcher strategist host
    trainer instructor teacher advisor adviser representative agent executive supervisor
    technician nurse developer administrator owner partner president chef clerk writer
    editor producer recruiter coach tutor scientist accountant auditor planner buyer
    ambassador champion liaison steward operator""".split()
)

_STRIP_HEADING = re.compile(r"^[#=\-_*•\s]+|[:#=\-_*\s]+$")
_NON_WORD = re.compile(r"[^\w\s/]+")
_BULLET_MARK = re.compile(r"(?:•|-|\*|–|·|▪|◦|o(?=\s))\s*")


@dataclass(frozen=True)
class Line:
    """One line of the text: its content without the newline, and where it starts."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    @property
    def is_bullet(self) -> bool:
        return self.text.lstrip().startswith(("•", "- ", "* ", "– ", "· ", "o ", "▪", "◦"))

    @property
    def content_span(self) -> Span:
        """The line without surrounding spaces or a leading bullet glyph."""
        text = self.text
        left = len(text) - len(text.lstrip())
        if self.is_bullet:
            marker = _BULLET_MARK.match(text, left)
            if marker:
                left = marker.end()
        right = len(text.rstrip())
        return Span(start=self.start + left, end=self.start + max(left, right))

    @property
    def content(self) -> str:
        span = self.content_span
        return self.text[span.start - self.start : span.end - self.start]


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append(Line(raw, pos))
        pos += len(raw) + 1
    return lines


def heading_kind(line: str) -> str | None:
    """The section kind a line announces, or None if it is not a heading."""
    stripped = line.strip()
    if not stripped or stripped.startswith("•"):
        return None
    marked = stripped.startswith("#") or stripped.endswith(":")
    # Decoration ("-- Education -----", "=== Skills ===") does not count towards length.
    core = _STRIP_HEADING.sub("", stripped)
    if not core or len(core) > 60:
        return None
    core = _plain_heading(core)
    words = _NON_WORD.sub(" ", core.lower().replace("&", " and ")).split()
    normalised = " ".join(words)
    if normalised in _HEADING_KIND:
        return _HEADING_KIND[normalised]
    compound = _compound_kind(normalised)
    if compound is not None:
        return compound
    # A bilingual heading ("Perfil / Profile", "Formación / Education"): either half.
    if "/" in normalised:
        halves = [_HEADING_KIND.get(h.strip()) for h in normalised.split("/")]
        found = next((k for k in halves if k), None)
        if found is not None:
            return found
    # "Clinical skills", "Laboratory skills": a line of two words ending in
    # "skills" heads a skills list even when the reader dropped its heading marks.
    if (
        len(words) == 2
        and words[-1] in {"skills", "competencies"}
        and not _TITLE_WORDS.intersection(words)
        and not any(ch.isdigit() for ch in core)
    ):
        return "languages" if words[0] == "language" else "skills"
    letters = [c for c in core if c.isalpha()]
    shouty = len(letters) >= 4 and all(c.isupper() for c in letters)
    # "Professional Experience & Leadership": every word capitalised, a short line.
    titled = all(w[:1].isupper() or w in {"&", "and", "of"} for w in core.split())
    if (shouty or marked or titled) and len(words) <= 6 and not any(ch.isdigit() for ch in core):
        if _TITLE_WORDS.intersection(words):
            return None
        for keyword, kind in _KEYWORD_KINDS:
            if keyword in words:
                return kind
    return None


_NUMBERING = re.compile(r"^(?:[0-9]{1,2}|[IVX]{1,4}|[A-H])[.)]\s+")
_TRAILING_NOTE = re.compile(r"\s*[(\[][^()\[\]]{1,30}[)\]]$")


def _plain_heading(core: str) -> str:
    """A heading without its numbering ("2. Experience", "IV. EDUCATION"), a note in
    brackets ("Work experience (selected)") or letter spacing ("E X P E R I E N C E")."""
    core = _NUMBERING.sub("", core)
    core = _TRAILING_NOTE.sub("", core) or core
    tokens = core.split(" ")
    if len(tokens) >= 4 and all(len(t) <= 1 for t in tokens):
        core = " ".join("".join(word.split()) for word in re.split(r"\s{2,}|\s\|\s", core))
    return core


def _compound_kind(normalised: str) -> str | None:
    """Headings that join known headings ("Qualifications and licences", "Skills, tools
    and languages", "Licences and registrations") take the kind of the first part, as
    long as every part is a heading on its own (so "Work and play" is not one)."""
    parts = [p.strip() for p in re.split(r"\s+and\s+|\s*,\s*", normalised) if p.strip()]
    if len(parts) < 2 or len(parts) > 4:
        return None
    kinds = [_HEADING_KIND.get(p) or _EXTRA_PARTS.get(p) for p in parts]
    if any(k is None for k in kinds):
        return None
    return kinds[0]


# Words that name a section only beside another heading ("Licences and registrations",
# "Training and development"): too vague to start a section alone.
_EXTRA_PARTS = {
    "registrations": "certifications",
    "registration": "certifications",
    "professional registration": "certifications",
    "tickets": "certifications",
    "permits": "certifications",
    "endorsements": "certifications",
    "licensure": "certifications",
    "admission": "certifications",  # a lawyer's "Education and admission"
    "admissions": "certifications",
    "bar admission": "certifications",
    "bar admissions": "certifications",
    "development": "certifications",
    "accomplishments": "awards",
    "tools": "skills",
    "technologies": "skills",
    "abilities": "skills",
    "interests": "interests",
    "cards": "certifications",
    "memberships": "certifications",
}


def find_sections(text: str, lines: list[Line] | None = None) -> list[Section]:
    """Sections in order. Text before the first heading is a 'header' section."""
    lines = lines if lines is not None else split_lines(text)
    starts = [
        (i, kind, ln.stripped) for i, ln in enumerate(lines) if (kind := heading_kind(ln.text))
    ]
    sections: list[Section] = []
    first = starts[0][0] if starts else len(lines)
    if first > 0:
        sections.append(
            Section(kind="header", heading="", span=Span(start=0, end=lines[first - 1].end))
        )
    for n, (i, kind, heading) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        end = lines[stop - 1].end
        sections.append(
            Section(kind=kind, heading=heading, span=Span(start=lines[i].start, end=end))
        )
    return sections


def lines_in(lines: list[Line], span: Span) -> list[Line]:
    """The lines inside ``span`` (``lines`` are in text order, so this is a bisect)."""
    lo = bisect.bisect_left(lines, span.start, key=lambda ln: ln.start)
    hi = bisect.bisect_right(lines, span.end, key=lambda ln: ln.start)
    return [ln for ln in lines[lo:hi] if ln.end <= span.end]
