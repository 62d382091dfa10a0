"""The pydantic models every stage shares: CLI, server, plugins and eval.

Each stage of the data flow (see DESIGN.md) reads the previous stage's model and
adds its own: Document -> Resume + Facts -> Plan -> Passages -> Questions -> Kit.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"


class Span(BaseModel):
    """A half-open character range ``[start, end)`` into an extracted text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class YearMonth(BaseModel):
    """A resume date. ``month`` is None when the resume gives a year alone."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int | None = Field(default=None, ge=1, le=12)

    @property
    def index(self) -> int:
        """Months since year 0; a bare year counts as its January."""
        return self.year * 12 + (self.month or 1) - 1

    @property
    def end_index(self) -> int:
        """Like :attr:`index`, but a bare year used as an end date means its December."""
        return self.year * 12 + (self.month or 12) - 1

    @classmethod
    def from_date(cls, d: date) -> YearMonth:
        return cls(year=d.year, month=d.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


# --------------------------------------------------------------------------- reading


class HiddenText(BaseModel):
    """Text present in a file that a human reader of it cannot see."""

    text: str
    reason: str  # e.g. "white text", "tiny font", "outside the page", "hidden Word run"
    page: int | None = None


class Document(BaseModel):
    """What a reader extracted from a file. ``text`` is the ground truth for quotes."""

    text: str
    filename: str | None = None
    media_type: str = "text/plain"
    reader: str = ""
    pages: int = 1
    page_spans: list[Span] = Field(default_factory=list)
    hidden: list[HiddenText] = Field(default_factory=list)
    has_photo: bool = False
    warnings: list[str] = Field(default_factory=list)
    # Structured sources (JSON Resume): where each of the file's own values sits in the
    # rendered text. A quote never joins two of them (see analysis.analyse).
    fields: list[Span] = Field(default_factory=list)


# --------------------------------------------------------------------------- analysis


class Source(StrEnum):
    resume = "resume"
    job = "job"
    notes = "notes"


class FactKind(StrEnum):
    """What a fact says about the candidate; each kind calls for different probing."""

    role = "role"
    gap = "gap"
    short_tenure = "short_tenure"
    overlap = "overlap"
    unquantified_claim = "unquantified_claim"
    achievement = "achievement"
    skill_evidenced = "skill_evidenced"
    skill_unevidenced = "skill_unevidenced"
    career_change = "career_change"
    promotion = "promotion"
    leadership_claim = "leadership_claim"
    certification = "certification"
    education = "education"
    project = "project"
    requirement_met = "requirement_met"
    requirement_missing = "requirement_missing"
    concern = "concern"


class Fact(BaseModel):
    """One thing in the inputs worth asking about, with the exact words it rests on."""

    id: str
    kind: FactKind
    quote: str
    span: Span
    source: Source = Source.resume
    summary: str = ""
    organisation: str | None = None
    role_title: str | None = None
    skill: str | None = None
    # Kind-specific details: months, explained, expired, metric, ...
    data: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    # How much this fact needs probing; higher first.
    priority: float = 0.0
    # Other exact places in the same source the fact rests on (a gap rests on the dates
    # either side of it; an overlap on both roles).
    also: list[Span] = Field(default_factory=list)


class Bullet(BaseModel):
    text: str
    span: Span


class Role(BaseModel):
    title: str | None = None
    organisation: str | None = None
    location: str | None = None
    start: YearMonth | None = None
    end: YearMonth | None = None
    current: bool = False
    section: str = "experience"  # experience | volunteer | ...
    # When the resume dates the employer apart from its titles ("Quokka Billing, July
    # 2012 - Ongoing" over "Support Team Lead since March 2017"): the employer's start,
    # so the years before the first listed title are not taken for a gap.
    employer_start: YearMonth | None = None
    header: str = ""
    header_span: Span
    date_span: Span | None = None
    bullets: list[Bullet] = Field(default_factory=list)

    @property
    def label(self) -> str:
        parts = [p for p in (self.title, self.organisation) if p]
        return " at ".join(parts) if parts else self.header

    def months(self, today: YearMonth) -> int | None:
        if self.start is None:
            return None
        end = today if self.current or self.end is None else self.end
        return end.end_index - self.start.index + 1


class CredentialStatus(StrEnum):
    """Where a degree, certification or licence stands. Only ``earned`` is a finished
    credential; the unfinished ones raise other questions than an earned or lapsed one
    (how far along, what is left, who signs it off, what may be done meanwhile)."""

    earned = "earned"
    expired = "expired"
    in_progress = "in_progress"  # studying, enrolled, expected, a candidate for the exam
    part_qualified = "part_qualified"  # some parts, levels or papers passed, others left
    supervised = "supervised"  # practising under supervision until signed off
    provisional = "provisional"  # a provisional, conditional or trainee licence
    pending = "pending"  # applied for, awaiting a decision

    @property
    def unfinished(self) -> bool:
        return self not in (CredentialStatus.earned, CredentialStatus.expired)


class Education(BaseModel):
    institution: str | None = None
    qualification: str | None = None
    start: YearMonth | None = None
    end: YearMonth | None = None
    text: str
    span: Span
    date_span: Span | None = None
    status: CredentialStatus = CredentialStatus.earned
    # The words that say the study is unfinished, from their clause to the end of their
    # line ("In progress, expected May 2027" under the degree line).
    status_span: Span | None = None


class Certification(BaseModel):
    name: str
    issued: YearMonth | None = None
    expires: YearMonth | None = None
    expired: bool = False
    span: Span
    status: CredentialStatus = CredentialStatus.earned
    # When an unfinished credential is due: a future exam, completion or sign-off date.
    expected: YearMonth | None = None


class Project(BaseModel):
    name: str
    description: str = ""
    span: Span


class Skill(BaseModel):
    name: str
    span: Span


class Section(BaseModel):
    kind: str  # experience, education, skills, projects, certifications, summary, other...
    heading: str
    span: Span  # the whole section, heading included


class ProtectedKind(StrEnum):
    age = "age or date of birth"
    family = "marital or family status"
    pregnancy = "pregnancy"
    religion = "religion"
    national_origin = "nationality or national origin"
    race = "race or ethnicity"
    health = "disability or health"
    sexual_orientation = "sexual orientation"
    gender_identity = "sex or gender identity"
    photo = "photograph"
    union = "union membership"
    salary_history = "salary history"
    political = "political opinion"
    criminal = "arrest or conviction record"


class ProtectedFinding(BaseModel):
    """A protected personal detail found in an input. Never quoted, never asked."""

    kind: ProtectedKind
    source: Source = Source.resume
    span: Span | None = None


class ContactDetails(BaseModel):
    """Personal identifiers, kept so the LLM path can redact them before sending."""

    name: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    address: str | None = None


class Resume(BaseModel):
    headline: str | None = None
    summary: str | None = None
    contact: ContactDetails = Field(default_factory=ContactDetails)
    sections: list[Section] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)


class Requirement(BaseModel):
    text: str
    span: Span
    must_have: bool = True
    skills: list[str] = Field(default_factory=list)


class JobDescription(BaseModel):
    text: str
    title: str | None = None
    organisation: str | None = None
    requirements: list[Requirement] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)


class KitWarning(BaseModel):
    code: str  # protected_detail, hidden_text, unreadable_section, generator_fallback, ...
    message: str


class Analysis(BaseModel):
    """Everything the engine knows about one candidate before planning."""

    document: Document
    resume: Resume
    facts: list[Fact] = Field(default_factory=list)
    protected: list[ProtectedFinding] = Field(default_factory=list)
    job: JobDescription | None = None
    notes_text: str | None = None
    today: YearMonth
    warnings: list[KitWarning] = Field(default_factory=list)

    def source_text(self, source: Source) -> str:
        if source is Source.resume:
            return self.document.text
        if source is Source.job:
            return self.job.text if self.job else ""
        return self.notes_text or ""

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)


# --------------------------------------------------------------------------- planning


class Purpose(StrEnum):
    """Why a question is asked; the purposes a second round serves."""

    deep_dive = "deep_dive"
    validate_skill = "validate_skill"
    evaluate_skill = "evaluate_skill"
    scenario = "scenario"
    behavioural = "behavioural"
    concern = "concern"
    motivation_fit = "motivation_fit"
    salary_expectations = "salary_expectations"
    group_exercise = "group_exercise"
    panel = "panel"
    candidate_question = "candidate_question"


# Purposes that are general by nature: their questions need no resume evidence.
GENERAL_PURPOSES = frozenset({Purpose.salary_expectations, Purpose.candidate_question})


class Audience(StrEnum):
    interviewer = "interviewer"
    candidate = "candidate"


class PanelRole(BaseModel):
    id: str
    title: str
    angle: str  # what this panelist listens for
    purposes: list[Purpose] = Field(default_factory=list)


class PlanSlot(BaseModel):
    purpose: Purpose
    count: int = Field(ge=0)
    minutes_each: float = 5.0
    asked_by: str | None = None  # a PanelRole id for panels
    # Fact kinds this slot prefers as evidence, strongest first.
    fact_kinds: list[FactKind] = Field(default_factory=list)
    # The most questions this purpose may have, even when filling a shortfall.
    maximum: int | None = None


class Plan(BaseModel):
    round: str
    title: str
    slots: list[PlanSlot]
    panel_roles: list[PanelRole] = Field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(s.count for s in self.slots)

    @property
    def minutes(self) -> float:
        return sum(s.count * s.minutes_each for s in self.slots)


# --------------------------------------------------------------------------- retrieval


class Passage(BaseModel):
    """A chunk of guidance from the corpus (or a user's own documents)."""

    id: str
    text: str
    source: str
    heading: str = ""
    title: str = ""
    purposes: list[str] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    audience: str = "interviewer"
    score: float = 0.0


# --------------------------------------------------------------------------- the kit


class Evidence(BaseModel):
    fact_id: str
    kind: FactKind
    quote: str
    source: Source = Source.resume
    span: Span | None = None


class GuidanceRef(BaseModel):
    passage_id: str
    source: str
    heading: str = ""


class RatingAnchor(BaseModel):
    level: Literal["poor", "mixed", "good", "excellent"]
    description: str


class Question(BaseModel):
    id: str
    text: str
    round: str
    purpose: Purpose
    evidence: list[Evidence] = Field(default_factory=list)
    # True for purposes general by nature (salary, candidate questions): no evidence needed.
    general: bool = False
    rationale: str = ""
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: str = ""
    guidance: list[GuidanceRef] = Field(default_factory=list)
    asked_by: str | None = None
    competency: str | None = None
    core: bool = False
    rating_scale: list[RatingAnchor] = Field(default_factory=list)
    minutes: float = 5.0


class Advice(BaseModel):
    """Preparation advice for a candidate rehearsing, drawn from the corpus."""

    text: str
    guidance: list[GuidanceRef] = Field(default_factory=list)


class KitMeta(BaseModel):
    schema_version: str = SCHEMA_VERSION
    generator: str
    model: str | None = None
    corpus_version: str = ""
    reader: str = ""
    count_requested: int = 0
    facts_found: int = 0
    timings_ms: dict[str, float] = Field(default_factory=dict)
    tokens: dict[str, int] = Field(default_factory=dict)
    dropped: int = 0
    filled: int = 0


class CompetencyCoverage(BaseModel):
    """Which questions measure one competency of a role profile (structured mode)."""

    category: str
    competency: str
    questions: list[str]  # question ids, core first


class LeftOutReason(StrEnum):
    """Why no question of the kit asks about a fact."""

    ranked_lower = "ranked_lower"  # the kit was full of facts that needed probing more
    not_this_round = "not_this_round"  # no purpose of this round asks about its kind
    job_already_asked = "job_already_asked"  # a question already probes the same job


class LeftOut(BaseModel):
    """A fact the kit had no room for: what an interviewer with more time would ask next.

    Kits list these ("also worth asking") so a reader sees what was ranked below the
    questions asked, rather than assuming the resume had nothing else, and why each one
    was not asked."""

    fact_id: str
    kind: FactKind
    source: Source
    quote: str
    summary: str = ""
    why: str = ""  # what asking about it would tell the interviewer
    reason: LeftOutReason = LeftOutReason.ranked_lower
    # The question already probing the same job (reason job_already_asked).
    near_question: str | None = None


class InterviewKit(BaseModel):
    round: str
    round_title: str
    role: str | None = None  # the role profile's title, in structured mode
    audience: Audience = Audience.interviewer
    candidate: str | None = None  # a display label, e.g. the current role; never contact details
    minutes: float = 0.0
    panel_roles: list[PanelRole] = Field(default_factory=list)
    questions: list[Question]
    preparation: list[Advice] = Field(default_factory=list)
    questions_to_ask: list[Question] = Field(default_factory=list)
    # Facts ranked below the questions asked, most important first.
    also_worth_asking: list[LeftOut] = Field(default_factory=list)
    # Structured mode: every competency of the role profile and the questions covering it.
    competencies: list[CompetencyCoverage] = Field(default_factory=list)
    warnings: list[KitWarning] = Field(default_factory=list)
    meta: KitMeta


class QuestionPattern(BaseModel):
    """A question template. Placeholders are filled from one fact (see generation/composer.py).

    ``fact_kinds`` empty means the pattern needs no fact (general or round-level
    questions such as a group exercise brief). ``rounds`` empty means any round;
    ``asked_by`` empty means any panelist. ``when`` narrows a pattern to facts whose
    ``data`` has these values (e.g. ``{"explained": True}``).
    """

    id: str
    purpose: Purpose
    text: str
    fact_kinds: list[FactKind] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    asked_by: list[str] = Field(default_factory=list)
    when: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: str = ""
    rationale: str = ""
    minutes: float | None = None
    # Anchors for poor/mixed/good/excellent (placeholders allowed); empty: derived from
    # the strong answer (see generation/rating.py).
    rating_scale: list[RatingAnchor] = Field(default_factory=list)
