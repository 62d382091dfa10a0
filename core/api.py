"""The public API for plugin authors. Import from here, and only from here::

    from secondround.core.api import hookimpl, RoundType, PurposeShare, Purpose

Everything named in ``__all__`` keeps its name across minor versions.
"""

from __future__ import annotations

from .debrief.scorecard import Rating, Scorecard, kit_fingerprint
from .errors import NotAResume, SecondRoundError, UnreadableResume, UnsupportedFileType
from .export import PURPOSE_LABELS, Exporter, purpose_label
from .generation.chat_model import (
    ModelCallFailed,
    ModelSpec,
    Reading,
    StructuredCall,
    init_model,
    model_spec,
    transient_failure,
)
from .generation.composer import OfflineComposer, compose_fill
from .generation.generator import (
    OFFLINE_GENERAL,
    GenerationRequest,
    GenerationResult,
    Generator,
)
from .generation.llm_prompt import (
    PROMPT_TOKEN_BUDGET,
    TOOL_NAME,
    DraftReader,
    KitPrompt,
    build_prompt,
    estimate_tokens,
)
from .generation.redaction import Redactor
from .generation.refine import (
    REFINE_TOOL,
    Merge,
    RefinePrompt,
    RewriteBatch,
    build_refine_prompt,
)
from .guardrails import Guard, QuestionCheck
from .guidance.corpus import CorpusDocument, builtin_documents
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
    QuestionPattern,
    RatingAnchor,
    Source,
    Span,
)
from .pipeline import Engine, KitRequest
from .planning.rounds import PurposeShare, RoundType
from .plugin_manager import Registry, build_registry
from .reading.readers import ResumeReader
from .reading.text_cleanup import BULLET, clean_text, is_private_use, strip_inline_markdown
from .settings import Settings

__all__ = [
    "BULLET",
    "OFFLINE_GENERAL",
    "PROMPT_TOKEN_BUDGET",
    "PURPOSE_LABELS",
    "REFINE_TOOL",
    "TOOL_NAME",
    "Analysis",
    "Audience",
    "CorpusDocument",
    "Document",
    "DraftReader",
    "Engine",
    "Evidence",
    "Exporter",
    "Fact",
    "FactKind",
    "GenerationRequest",
    "GenerationResult",
    "Generator",
    "Guard",
    "GuidanceRef",
    "HiddenText",
    "InterviewKit",
    "KitPrompt",
    "KitRequest",
    "Merge",
    "ModelCallFailed",
    "ModelSpec",
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
    "Rating",
    "RatingAnchor",
    "Reading",
    "Redactor",
    "RefinePrompt",
    "Registry",
    "ResumeReader",
    "RewriteBatch",
    "RoundType",
    "Scorecard",
    "SecondRoundError",
    "Settings",
    "Source",
    "Span",
    "StructuredCall",
    "UnreadableResume",
    "UnsupportedFileType",
    "build_prompt",
    "build_refine_prompt",
    "build_registry",
    "builtin_documents",
    "clean_text",
    "compose_fill",
    "estimate_tokens",
    "hookimpl",
    "init_model",
    "is_private_use",
    "kit_fingerprint",
    "model_spec",
    "purpose_label",
    "strip_inline_markdown",
    "transient_failure",
]
