"""The panel debrief: every interviewer's rating per question, purpose and competency,
the evidence behind each, what is still unknown, and the questions that would settle it.

A debrief is built from one kit and the scorecards of the people who used it. It lays
the ratings side by side and marks where the panel disagrees by two levels or more
(poor against good is a different reading of the same answer, not noise). Each rating
carries its evidence: the interviewer's own note and the resume line the question
probed. Notes are checked for protected topics like resumes are: a note that touches
one is flagged by kind and its text is left out of every summary, so a remark about a
candidate's age or family never travels into the hiring discussion. Nothing here adds
the ratings into a verdict; the debrief never says hire or reject.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from pydantic import BaseModel, Field, ValidationError

from ..analysis.protected import describe, find_protected
from ..errors import InvalidScorecard
from ..export import purpose_label
from ..models import Analysis, InterviewKit, ProtectedKind, Question, Source
from .scorecard import MAX_SCORECARD_BYTES, Rating, Scorecard, check_against, kit_fingerprint

DEBRIEF_VERSION = "1"
# Two levels apart (poor vs good, mixed vs excellent) is a disagreement worth talking
# through; one level is the ordinary spread of any panel.
DISAGREEMENT_LEVELS = 2
MAX_SCORECARDS = 12
UNKNOWN_ORDER = ("disagreement", "competency_unrated", "not_asked", "no_notes")
LEVEL_NAMES = {1: "poor", 2: "mixed", 3: "good", 4: "excellent"}

STANCE = (
    "This debrief lays out the panel's ratings and the evidence behind them; it does not "
    "recommend hiring or rejecting anyone. Settle the open points below before deciding."
)


class RatingEntry(BaseModel):
    interviewer: str
    rating: Rating
    notes: str = ""  # empty when none was written or it was left out (see note_left_out)
    note_left_out: list[ProtectedKind] = Field(default_factory=list)


class QuestionDebrief(BaseModel):
    question_id: str
    number: int
    text: str
    purpose: str
    competency: str | None = None
    core: bool = False
    probed: str = ""  # the resume (or job, notes) line the question probed
    probed_source: Source | None = None
    ratings: list[RatingEntry]
    spread: int | None = None  # levels between the lowest and highest rating
    disagreement: bool = False
    median_level: float | None = None

    @property
    def rated(self) -> list[RatingEntry]:
        return [r for r in self.ratings if r.rating.level is not None]


class GroupSummary(BaseModel):
    """The ratings of one purpose or competency, per interviewer."""

    kind: str  # purpose | competency
    key: str
    label: str
    question_ids: list[str]
    by_interviewer: dict[str, list[Rating]]
    median_level: float | None = None
    spread: int | None = None
    disagreements: list[str] = Field(default_factory=list)  # question ids
    rated: int = 0  # ratings given (not "not asked")


class Unknown(BaseModel):
    kind: str  # not_asked | no_notes | disagreement | competency_unrated
    message: str
    question_id: str | None = None
    competency: str | None = None


class FlaggedNote(BaseModel):
    interviewer: str
    question_id: str | None = None  # None: the overall note
    kinds: list[ProtectedKind]
    message: str


class FollowUp(BaseModel):
    """A question for a next call or a reference check that would settle an unknown."""

    text: str
    use: str  # next_call | reference_check
    settles: str  # the unknown it answers, in words
    question_id: str | None = None
    competency: str | None = None
    purpose: str = ""
    probes: str = ""  # the resume line it rests on
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: str = ""


class Debrief(BaseModel):
    debrief_version: str = DEBRIEF_VERSION
    kit: str  # the kit's fingerprint
    round: str
    round_title: str
    role: str | None = None
    candidate: str | None = None
    interviewers: list[str]
    questions: list[QuestionDebrief]
    by_purpose: list[GroupSummary]
    by_competency: list[GroupSummary] = Field(default_factory=list)
    unknowns: list[Unknown] = Field(default_factory=list)
    flagged_notes: list[FlaggedNote] = Field(default_factory=list)
    overall_notes: dict[str, str] = Field(default_factory=dict)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    stance: str = STANCE


def level_name(level: float | None) -> str:
    """ "good", or "between good and excellent" for a median that falls between."""
    if level is None:
        return "no rating"
    if level == int(level):
        return LEVEL_NAMES[int(level)]
    return f"between {LEVEL_NAMES[int(level)]} and {LEVEL_NAMES[int(level) + 1]}"


def build_debrief(
    kit: InterviewKit,
    cards: Sequence[Scorecard],
    *,
    analysis: Analysis | None = None,
    jurisdiction: str = "US",
) -> Debrief:
    """The debrief of ``kit`` from the panel's ``cards``; follow-ups from ``analysis``
    (the candidate's resume, analysed) when given, else from the kit's own evidence."""
    if not cards:
        raise InvalidScorecard("A debrief needs at least one scorecard for the kit.")
    if len(cards) > MAX_SCORECARDS:
        raise InvalidScorecard(
            f"{len(cards)} scorecards for one interview; a debrief takes up to {MAX_SCORECARDS}."
        )
    for card in cards:
        check_against(card, kit)
    names = _distinct_names([c.interviewer for c in cards])
    flagged: list[FlaggedNote] = []
    questions = [
        _question(number, q, cards, names, flagged, jurisdiction)
        for number, q in enumerate(kit.questions, start=1)
    ]
    overall: dict[str, str] = {}
    for card, name in zip(cards, names, strict=True):
        kinds = _protected_kinds(card.overall, jurisdiction)
        if kinds:
            flagged.append(_flag(name, None, kinds))
        elif card.overall.strip():
            overall[name] = card.overall.strip()
    by_purpose = _groups(questions, "purpose", names)
    by_competency = _groups(questions, "competency", names)
    unknowns = _unknowns(kit, questions, by_competency)
    debrief = Debrief(
        kit=kit_fingerprint(kit),
        round=kit.round,
        round_title=kit.round_title,
        role=kit.role,
        candidate=kit.candidate,
        interviewers=names,
        questions=questions,
        by_purpose=by_purpose,
        by_competency=by_competency,
        unknowns=unknowns,
        flagged_notes=flagged,
        overall_notes=overall,
    )
    from .followups import follow_ups_for

    debrief.follow_ups = follow_ups_for(debrief, kit, analysis, jurisdiction=jurisdiction)
    return debrief


def load_debrief(data: bytes, name: str) -> Debrief:
    """A debrief from the JSON `secondround debrief --format json` wrote."""
    if len(data) > MAX_SCORECARD_BYTES * 4:
        raise InvalidScorecard(f"'{name}' is far larger than a debrief; give the debrief's JSON.")
    try:
        return Debrief.model_validate_json(data)
    except ValidationError:
        raise InvalidScorecard(
            f"'{name}' is not a secondround debrief; write one with "
            "`secondround debrief KIT SCORECARD... --format json --out debrief.json`."
        ) from None


# --------------------------------------------------------------------------- parts


def _distinct_names(names: list[str]) -> list[str]:
    """Interviewer names, numbered when two sheets carry the same one ("Interviewer")."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if names.count(name) == 1 else f"{name} ({seen[name]})")
    return out


def _protected_kinds(text: str, jurisdiction: str) -> list[ProtectedKind]:
    if not text.strip():
        return []
    kinds = {f.kind for f in find_protected(text, Source.notes, jurisdiction=jurisdiction)}
    return sorted(kinds, key=lambda k: k.value)


def _flag(
    name: str, question: Question | None, kinds: list[ProtectedKind], number: int = 0
) -> FlaggedNote:
    where = f"note on question {number}" if question else "overall note"
    topics = ", ".join(k.value for k in kinds)
    return FlaggedNote(
        interviewer=name,
        question_id=question.id if question else None,
        kinds=kinds,
        message=(
            f"{name}'s {where} touches a protected topic ({topics}); it is left out of this "
            f"debrief. {describe(kinds[0], Source.notes)}"
        ),
    )


def _question(
    number: int,
    q: Question,
    cards: Sequence[Scorecard],
    names: list[str],
    flagged: list[FlaggedNote],
    jurisdiction: str,
) -> QuestionDebrief:
    entries = []
    for card, name in zip(cards, names, strict=True):
        score = card.score(q.id)
        rating = score.rating if score else Rating.not_asked
        notes = score.notes.strip() if score else ""
        kinds = _protected_kinds(notes, jurisdiction)
        if kinds:
            flagged.append(_flag(name, q, kinds, number))
            notes = ""
        entries.append(
            RatingEntry(interviewer=name, rating=rating, notes=notes, note_left_out=kinds)
        )
    levels = [e.rating.level for e in entries if e.rating.level is not None]
    spread = max(levels) - min(levels) if levels else None
    probed = next((e for e in q.evidence if e.source is Source.resume), None) or (
        q.evidence[0] if q.evidence else None
    )
    return QuestionDebrief(
        question_id=q.id,
        number=number,
        text=q.text,
        purpose=str(q.purpose),
        competency=q.competency,
        core=q.core,
        probed=probed.quote if probed else "",
        probed_source=probed.source if probed else None,
        ratings=entries,
        spread=spread,
        disagreement=spread is not None and spread >= DISAGREEMENT_LEVELS,
        median_level=float(median(levels)) if levels else None,
    )


def _groups(questions: list[QuestionDebrief], kind: str, names: list[str]) -> list[GroupSummary]:
    order: dict[str, list[QuestionDebrief]] = {}
    for q in questions:
        key = q.purpose if kind == "purpose" else q.competency
        if key:
            order.setdefault(key, []).append(q)
    groups = []
    for key, members in order.items():
        levels = [e.rating.level for q in members for e in q.rated if e.rating.level is not None]
        groups.append(
            GroupSummary(
                kind=kind,
                key=key,
                label=purpose_label(key) if kind == "purpose" else key,
                question_ids=[q.question_id for q in members],
                by_interviewer={
                    name: [q.ratings[i].rating for q in members] for i, name in enumerate(names)
                },
                median_level=float(median(levels)) if levels else None,
                spread=max(levels) - min(levels) if levels else None,
                disagreements=[q.question_id for q in members if q.disagreement],
                rated=len(levels),
            )
        )
    return groups


def _unknowns(
    kit: InterviewKit, questions: list[QuestionDebrief], competencies: list[GroupSummary]
) -> list[Unknown]:
    unknowns: list[Unknown] = []
    for q in questions:
        label = f"Question {q.number} ({_short(q.text)})"
        if not q.rated:
            unknowns.append(
                Unknown(
                    kind="not_asked",
                    question_id=q.question_id,
                    competency=q.competency,
                    message=f"{label} was not asked or not rated by anyone.",
                )
            )
            continue
        bare = [e for e in q.rated if not e.notes]
        if bare:
            who = ", ".join(f"{e.interviewer} ({e.rating.value})" for e in bare)
            unknowns.append(
                Unknown(
                    kind="no_notes",
                    question_id=q.question_id,
                    competency=q.competency,
                    message=f"{label}: rated without a usable note by {who}; the rating has "
                    "no recorded evidence behind it.",
                )
            )
        if q.disagreement:
            split = ", ".join(f"{e.interviewer} {e.rating.value}" for e in q.rated)
            unknowns.append(
                Unknown(
                    kind="disagreement",
                    question_id=q.question_id,
                    competency=q.competency,
                    message=f"{label}: the panel is {q.spread} levels apart ({split}); talk "
                    "through what each heard before weighing it.",
                )
            )
    rated = {g.key for g in competencies if g.rated}
    for coverage in kit.competencies:
        if coverage.competency not in rated:
            unknowns.append(
                Unknown(
                    kind="competency_unrated",
                    competency=coverage.competency,
                    message=f"Nobody rated {coverage.competency} ({coverage.category}); the "
                    "panel has no evidence on it yet.",
                )
            )
    # What most needs talking through first: a split panel, then what nobody covered.
    return sorted(unknowns, key=lambda u: UNKNOWN_ORDER.index(u.kind))


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
