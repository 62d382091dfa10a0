"""Candidates side by side: the ratings of each on the questions they were all asked.

Two candidates' kits are tailored to two resumes, so most of their questions differ and
comparing those would compare the questions, not the people. A comparison therefore
uses only the questions every candidate was asked in the same words: all of them when
the candidates shared one kit, otherwise the core questions of the role profile that
structured mode asks everyone (and the view says which it used). It shows each
competency's ratings per candidate, where a candidate's evidence is thin, and what a
final conversation should settle. It ranks nobody.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from pydantic import BaseModel, Field

from ..errors import InvalidScorecard
from ..export import purpose_label
from .debrief import Debrief, QuestionDebrief, level_name

MAX_CANDIDATES = 12
# Medians this close are a tie the panel's ratings cannot break.
TIE_LEVELS = 0.5
STANCE = (
    "This comparison lays the candidates' ratings side by side on the questions they "
    "were all asked; it does not rank them or recommend anyone."
)


class Cell(BaseModel):
    """One candidate on one competency."""

    median_level: float | None = None
    ratings: list[str] = Field(default_factory=list)  # "Ann: good"
    rated: int = 0
    interviewers: int = 0
    disagreement: bool = False
    without_notes: int = 0
    thin: list[str] = Field(default_factory=list)  # why the evidence is thin, in words

    @property
    def summary(self) -> str:
        return level_name(self.median_level)


class Row(BaseModel):
    key: str
    label: str
    question_ids: list[str]
    cells: dict[str, Cell]  # by candidate label


class Comparison(BaseModel):
    role: str | None = None
    round: str
    candidates: list[str]
    scope: str  # which questions were compared, and why
    shared_questions: list[str]
    rows: list[Row]
    settle: list[str] = Field(default_factory=list)
    stance: str = STANCE


def compare(debriefs: Sequence[Debrief]) -> Comparison:
    if len(debriefs) < 2:
        raise InvalidScorecard("A comparison needs the debriefs of at least two candidates.")
    if len(debriefs) > MAX_CANDIDATES:
        raise InvalidScorecard(f"Compare up to {MAX_CANDIDATES} candidates at a time.")
    roles = {d.role for d in debriefs}
    if len(roles) > 1:
        named = ", ".join(sorted(r or "no role profile" for r in roles))
        raise InvalidScorecard(
            f"These debriefs come from different role profiles ({named}); compare candidates "
            "interviewed for one role."
        )
    labels = _labels(debriefs)
    same_kit = len({d.kit for d in debriefs}) == 1
    shared = _shared(debriefs)
    if not shared:
        raise InvalidScorecard(
            "These candidates were asked no question in common, so their ratings cannot be "
            "compared fairly. Interview them in structured mode (`--role PROFILE`) so every "
            "candidate gets the role's core questions."
        )
    if same_kit:
        scope = (
            f"All candidates were interviewed on one kit: compared on all {len(shared)} questions."
        )
    else:
        scope = (
            f"The candidates' kits differ, so they are compared only on the {len(shared)} core "
            "questions every one of them was asked in the same words; each candidate's "
            "tailored questions are in their own debrief."
        )
    rows = _rows(debriefs, labels, shared)
    return Comparison(
        role=debriefs[0].role,
        round=debriefs[0].round,
        candidates=labels,
        scope=scope,
        shared_questions=shared,
        rows=rows,
        settle=_settle(rows, labels, debriefs, shared),
    )


def _labels(debriefs: Sequence[Debrief]) -> list[str]:
    labels = []
    for i, d in enumerate(debriefs, start=1):
        label = d.candidate or f"Candidate {i}"
        labels.append(label if label not in labels else f"{label} ({i})")
    return labels


def _shared(debriefs: Sequence[Debrief]) -> list[str]:
    """Question ids every debrief has with the same text, in the first one's order."""
    first = debriefs[0].questions
    common = set.intersection(*({(q.question_id, q.text) for q in d.questions} for d in debriefs))
    if len({d.kit for d in debriefs}) > 1:
        # Tailored questions can share an id ("q1") by chance; only core ones are comparable.
        core = {(q.question_id, q.text) for q in first if q.core}
        common &= core
    return [q.question_id for q in first if (q.question_id, q.text) in common]


def _rows(debriefs: Sequence[Debrief], labels: list[str], shared: list[str]) -> list[Row]:
    groups: dict[str, list[str]] = {}
    first = {q.question_id: q for q in debriefs[0].questions}
    for qid in shared:
        q = first[qid]
        groups.setdefault(q.competency or q.purpose, []).append(qid)
    rows = []
    for key, ids in groups.items():
        q0 = first[ids[0]]
        cells = {
            label: _cell([q for q in d.questions if q.question_id in ids])
            for label, d in zip(labels, debriefs, strict=True)
        }
        rows.append(
            Row(
                key=key,
                label=key if q0.competency else purpose_label(key),
                question_ids=ids,
                cells=cells,
            )
        )
    return rows


def _cell(questions: list[QuestionDebrief]) -> Cell:
    rated = [e for q in questions for e in q.rated]
    levels = [e.rating.level for e in rated if e.rating.level is not None]
    people = {e.interviewer for e in rated}
    cell = Cell(
        median_level=float(median(levels)) if levels else None,
        ratings=[f"{e.interviewer}: {e.rating.value}" for e in rated],
        rated=len(rated),
        interviewers=len(people),
        disagreement=any(q.disagreement for q in questions),
        without_notes=sum(1 for e in rated if not e.notes),
    )
    if not rated:
        cell.thin.append("nobody rated it")
    elif len(people) < 2:
        cell.thin.append("one interviewer's rating only")
    if cell.disagreement:
        cell.thin.append("the panel disagreed by two levels or more")
    if rated and cell.without_notes == len(rated):
        cell.thin.append("no rating has a note behind it")
    return cell


def _settle(
    rows: list[Row], labels: list[str], debriefs: Sequence[Debrief], shared: list[str]
) -> list[str]:
    """The few points a final conversation should settle, most decisive first."""
    points = []
    empty = [r.label for r in rows if all(c.median_level is None for c in r.cells.values())]
    if empty:
        points.append(f"No candidate has a rating yet on {_names(empty)}.")
    for row in rows:
        scored = [(n, c.median_level) for n, c in row.cells.items() if c.median_level is not None]
        scored.sort(key=lambda item: -(item[1] or 0))
        if len(scored) >= 2 and (scored[0][1] or 0) - (scored[1][1] or 0) <= TIE_LEVELS:
            top = scored[0][1] or 0
            tied = [n for n, level in scored if top - (level or 0) <= TIE_LEVELS]
            points.append(
                f"{row.label}: {_names(tied)} are rated alike ({level_name(top)}); ask each the "
                "same specific question on it and compare the answers."
            )
        for label, cell in row.cells.items():
            if cell.disagreement:
                points.append(
                    f"{row.label} for {label}: the panel disagreed by two levels or more; "
                    "hear what each interviewer saw before comparing."
                )
    for label, d in zip(labels, debriefs, strict=True):
        extra = [f for f in d.follow_ups if f.question_id in shared and f.use == "next_call"]
        for follow_up in extra[:2]:
            points.append(f"Ask {label}: {follow_up.text}")
    return points


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
