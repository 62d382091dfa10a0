"""Stage 7: exporters render a finished kit (Markdown, JSON, HTML, ...).

An exporter is a plugin (``register_exporters``); the CLI's ``--format`` and the
API's ``format`` field pick one by name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from .models import InterviewKit, Purpose

PURPOSE_LABELS: dict[str, str] = {
    Purpose.deep_dive: "Deeper dive into the CV",
    Purpose.validate_skill: "Validating listed skills",
    Purpose.evaluate_skill: "Evaluating skills",
    Purpose.scenario: "Scenarios",
    Purpose.behavioural: "Behavioural",
    Purpose.concern: "Concerns and gaps",
    Purpose.motivation_fit: "Motivation and fit",
    Purpose.salary_expectations: "Salary and benefits",
    Purpose.group_exercise: "Group exercise",
    Purpose.panel: "Panel",
    Purpose.candidate_question: "Questions for the employer",
}


def purpose_label(purpose: Purpose | str) -> str:
    """The plain-words heading for a purpose; unknown purposes are prettified, not dropped."""
    key = str(purpose)
    return PURPOSE_LABELS.get(key) or key.replace("_", " ").strip().capitalize()


class Exporter(ABC):
    """Renders a kit. Subclass, set the class attributes, register."""

    name: ClassVar[str]  # what users type: "md", "json", "html"
    media_type: ClassVar[str]
    extension: ClassVar[str]  # with the dot
    description: ClassVar[str] = ""

    @abstractmethod
    def export(self, kit: InterviewKit) -> str | bytes:
        """Return the rendered kit; ``str`` for text formats, ``bytes`` for binary ones."""
