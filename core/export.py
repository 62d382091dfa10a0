"""Stage 7: exporters render a finished kit (Markdown, JSON, HTML, ...).

An exporter is a plugin (``register_exporters``); the CLI's ``--format`` and the
API's ``format`` field pick one by name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from .models import InterviewKit


class Exporter(ABC):
    """Renders a kit. Subclass, set the class attributes, register."""

    name: ClassVar[str]  # what users type: "md", "json", "html"
    media_type: ClassVar[str]
    extension: ClassVar[str]  # with the dot
    description: ClassVar[str] = ""

    @abstractmethod
    def export(self, kit: InterviewKit) -> str | bytes:
        """Return the rendered kit; ``str`` for text formats, ``bytes`` for binary ones."""
