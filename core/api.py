"""The public API for plugin authors. Import from here, and only from here::

    from secondround.core.api import hookimpl, RoundType, PurposeShare, Purpose

Everything named in ``__all__`` keeps its name across minor versions.
"""

from __future__ import annotations

from .composer import OfflineComposer, compose_fill
from .corpus import CorpusDocument, builtin_documents
from .errors import NotAResume, SecondRoundError, UnreadableResume, UnsupportedFileType
from .export import Exporter
from .generation import GenerationRequest, GenerationResult, Generator
from .guardrails import QuestionCheck
from .hookspecs import hookimpl
from .models import (
    Analysis,
    Audience,
    Document,
    Evidence,
    Fact,
    FactKind,
    GuidanceRef,
    HiddenText,
    InterviewKit,
    PanelRole,
    Passage,
    Plan,
    PlanSlot,
    Purpose,
    Question,
    RatingAnchor,
    Source,
    Span,
)
from .planning import PurposeShare, RoundType
from .question_patterns import QuestionPattern
from .reading import ResumeReader
from .settings import Settings
from .text_cleanup import BULLET, clean_text, is_private_use, strip_inline_markdown

__all__ = [
    "BULLET",
    "Analysis",
    "Audience",
    "CorpusDocument",
    "Document",
    "Evidence",
    "Exporter",
    "Fact",
    "FactKind",
    "GenerationRequest",
    "GenerationResult",
    "Generator",
    "GuidanceRef",
    "HiddenText",
    "InterviewKit",
    "NotAResume",
    "OfflineComposer",
    "PanelRole",
    "Passage",
    "Plan",
    "PlanSlot",
    "Purpose",
    "PurposeShare",
    "Question",
    "QuestionCheck",
    "QuestionPattern",
    "RatingAnchor",
    "ResumeReader",
    "RoundType",
    "SecondRoundError",
    "Settings",
    "Source",
    "Span",
    "UnreadableResume",
    "UnsupportedFileType",
    "builtin_documents",
    "clean_text",
    "compose_fill",
    "hookimpl",
    "is_private_use",
    "strip_inline_markdown",
]
