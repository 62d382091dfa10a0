"""Question patterns: how the offline composer phrases a question for a purpose and a
kind of fact, in the candidate's own specifics."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .models import FactKind, Purpose


class QuestionPattern(BaseModel):
    """A question template. Placeholders are filled from one fact (see composer.py).

    ``fact_kinds`` empty means the pattern needs no fact (general or round-level
    questions such as a group exercise brief). ``rounds`` empty means any round;
    ``asked_by`` empty means any panelist.
    """

    id: str
    purpose: Purpose
    text: str
    fact_kinds: list[FactKind] = Field(default_factory=list)
    rounds: list[str] = Field(default_factory=list)
    asked_by: list[str] = Field(default_factory=list)
    follow_ups: list[str] = Field(default_factory=list)
    strong_answer: str = ""
    rationale: str = ""
    minutes: float | None = None
