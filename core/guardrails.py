"""Stage 6: every draft question, from any generator, passes these checks."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .models import Analysis, Question


@runtime_checkable
class QuestionCheck(Protocol):
    """An extra check from a plugin: return None to accept, or a reason to drop."""

    name: str

    def check(self, question: Question, analysis: Analysis) -> str | None: ...
