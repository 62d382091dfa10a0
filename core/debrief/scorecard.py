"""One interviewer's ratings of one kit, in a documented shape, and loading it safely.

A scorecard names the kit it scores by a fingerprint of the kit's questions, so a sheet
filled in for one candidate's kit is never read against another's. It comes in as JSON,
YAML or the Word scoring sheet the kit exporter writes (read by ``word_sheet``). Every
input is checked before use: size, type, the kit it belongs to, question ids and
ratings, with a message that says what to fix.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator

from ..errors import InputTooLarge, InvalidScorecard, UnsupportedFileType
from ..models import InterviewKit

SCORECARD_VERSION = "1"
# A panel's scorecard is a few kilobytes; a Word sheet with notes, a few hundred.
MAX_SCORECARD_BYTES = 2 * 1024 * 1024
MAX_NOTE_CHARS = 4_000


class Rating(StrEnum):
    """The kit's rating scale, plus "not asked" (which is not a low score)."""

    poor = "poor"
    mixed = "mixed"
    good = "good"
    excellent = "excellent"
    not_asked = "not_asked"

    @property
    def level(self) -> int | None:
        """1-4 on the scale; None for a question that was not asked."""
        return _LEVELS.get(self)


_LEVELS = {Rating.poor: 1, Rating.mixed: 2, Rating.good: 3, Rating.excellent: 4}
RATED = tuple(r for r in Rating if r is not Rating.not_asked)

# What people type in a score box or a JSON file for each rating.
_SYNONYMS = {
    "1": Rating.poor,
    "2": Rating.mixed,
    "3": Rating.good,
    "4": Rating.excellent,
    "weak": Rating.poor,
    "fair": Rating.mixed,
    "ok": Rating.mixed,
    "strong": Rating.good,
    "outstanding": Rating.excellent,
    "not asked": Rating.not_asked,
    "not-asked": Rating.not_asked,
    "n/a": Rating.not_asked,
    "na": Rating.not_asked,
    "skipped": Rating.not_asked,
}


def parse_rating(value: object) -> Rating:
    """A rating from what a person wrote ("good", "3", "Good (3)", "n/a")."""
    if isinstance(value, Rating):
        return value
    text = str(value if value is not None else "").strip().lower()
    text = text.split("(")[0].strip() if "(" in text and not text.startswith("(") else text
    if text in Rating.__members__:
        return Rating(text)
    if text in _SYNONYMS:
        return _SYNONYMS[text]
    scale = ", ".join(r.value for r in Rating)
    raise ValueError(f"'{value}' is not a rating; use one of {scale} (or 1-4)")


class QuestionScore(BaseModel):
    question_id: str = Field(min_length=1, max_length=64)
    rating: Rating = Rating.not_asked
    notes: str = Field(default="", max_length=MAX_NOTE_CHARS)

    @field_validator("rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> Rating:
        return parse_rating(value)


class Scorecard(BaseModel):
    """One interviewer's view of one interview. ``kit`` is :func:`kit_fingerprint`."""

    scorecard_version: str = SCORECARD_VERSION
    kit: str = Field(min_length=6, max_length=64)
    interviewer: str = Field(min_length=1, max_length=120)
    candidate: str | None = Field(default=None, max_length=200)
    scores: list[QuestionScore] = Field(default_factory=list, max_length=200)
    overall: str = Field(default="", max_length=MAX_NOTE_CHARS)

    def score(self, question_id: str) -> QuestionScore | None:
        return next((s for s in self.scores if s.question_id == question_id), None)


def kit_fingerprint(kit: InterviewKit) -> str:
    """Twelve hex digits that change when any question of the kit changes.

    Question ids alone repeat across kits ("q1"), so the texts are hashed too: a sheet
    for one candidate's kit does not match another candidate's."""
    digest = hashlib.sha256()
    for q in kit.questions:
        digest.update(f"{q.id}\x1f{q.text}\x1e".encode())
    return digest.hexdigest()[:12]


def blank_scorecard(kit: InterviewKit, interviewer: str = "Interviewer") -> Scorecard:
    """An empty scorecard for ``kit``: every question present, not asked yet."""
    return Scorecard(
        kit=kit_fingerprint(kit),
        interviewer=interviewer,
        candidate=kit.candidate,
        scores=[QuestionScore(question_id=q.id) for q in kit.questions],
    )


def check_against(card: Scorecard, kit: InterviewKit) -> Scorecard:
    """The scorecard if it belongs to ``kit``; a clear error naming the mismatch if not."""
    if card.kit != kit_fingerprint(kit):
        raise InvalidScorecard(
            f"{card.interviewer}'s scorecard was filled in for another kit (kit {card.kit}, "
            f"this one is {kit_fingerprint(kit)}); use the kit it came from, or "
            "`secondround scorecard blank KIT` for a fresh one."
        )
    known = {q.id for q in kit.questions}
    unknown = [s.question_id for s in card.scores if s.question_id not in known]
    if unknown:
        raise InvalidScorecard(
            f"{card.interviewer}'s scorecard rates questions this kit does not have "
            f"({', '.join(unknown[:5])}); question ids come from the kit's JSON."
        )
    seen: set[str] = set()
    for s in card.scores:
        if s.question_id in seen:
            raise InvalidScorecard(
                f"{card.interviewer}'s scorecard rates question {s.question_id} twice; "
                "keep one rating per question."
            )
        seen.add(s.question_id)
    return card


def load_kit(data: bytes, what: str = "kit") -> InterviewKit:
    """A kit from the JSON ``secondround questions --format json`` wrote."""
    if len(data) > MAX_SCORECARD_BYTES * 4:
        raise InputTooLarge(f"The {what} file is larger than a kit can be; give the kit's JSON.")
    try:
        return InterviewKit.model_validate_json(data)
    except ValidationError as exc:
        raise InvalidScorecard(
            f"The {what} is not a secondround kit ({_first_error(exc)}); write one with "
            "`secondround questions RESUME --format json --out kit.json`."
        ) from None


def load_scorecard(data: bytes, filename: str | None, kit: InterviewKit) -> Scorecard:
    """A scorecard from JSON, YAML or a filled-in Word sheet, checked against ``kit``."""
    if len(data) > MAX_SCORECARD_BYTES:
        raise InputTooLarge(
            f"The scorecard '{filename or 'upload'}' is over "
            f"{MAX_SCORECARD_BYTES // (1024 * 1024)} MB; a scorecard is a few kilobytes."
        )
    name = (filename or "").lower()
    if data[:2] == b"PK" or name.endswith(".docx"):
        from .word_sheet import read_word_sheet

        return check_against(read_word_sheet(data, kit), kit)
    if name.endswith((".pdf", ".doc", ".odt", ".xlsx")) or data[:4] == b"%PDF":
        raise UnsupportedFileType(
            f"'{filename}' is not a scorecard format; fill in the kit's Word sheet (.docx) "
            "or the JSON/YAML from `secondround scorecard blank`."
        )
    raw = _parse_text(data, filename)
    try:
        card = Scorecard.model_validate(raw)
    except ValidationError as exc:
        raise InvalidScorecard(
            f"The scorecard '{filename or 'upload'}' is not valid: {_first_error(exc)}."
        ) from None
    return check_against(card, kit)


def _parse_text(data: bytes, filename: str | None) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsupportedFileType(
            f"'{filename or 'upload'}' is not text; a scorecard is JSON, YAML or a .docx sheet."
        ) from None
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidScorecard(
                f"The scorecard '{filename or 'upload'}' is not valid JSON (line {exc.lineno}: "
                f"{exc.msg})."
            ) from None
    import yaml

    try:
        # Safe loading, and an alias bomb stays small: the file is capped above.
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidScorecard(
            f"The scorecard '{filename or 'upload'}' is neither JSON nor valid YAML ({exc})."
        ) from None
    if not isinstance(loaded, dict):
        raise InvalidScorecard(
            f"The scorecard '{filename or 'upload'}' should be a mapping with kit, "
            "interviewer and scores; see docs/debrief.md."
        )
    return loaded


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    message = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
