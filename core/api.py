"""The public API for plugin authors. Import from here, and only from here::

    from secondround.core.api import hookimpl, RoundType, PurposeShare, Purpose

Everything named in ``__all__`` keeps its name across minor versions.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each name is imported from its module on first use (PEP 562), not all at once: a
# plugin that needs hookimpl and RoundType should not pay for the model layer, the
# debrief or the pipeline (about 30-70 ms of start-up for every command). Type checkers
# read the imports below.
if TYPE_CHECKING:
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
        LeftOut,
        LeftOutReason,
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

_SOURCES: dict[str, str] = {
    "Rating": ".debrief.scorecard",
    "Scorecard": ".debrief.scorecard",
    "kit_fingerprint": ".debrief.scorecard",
    "NotAResume": ".errors",
    "SecondRoundError": ".errors",
    "UnreadableResume": ".errors",
    "UnsupportedFileType": ".errors",
    "Exporter": ".export",
    "PURPOSE_LABELS": ".export",
    "purpose_label": ".export",
    "ModelCallFailed": ".generation.chat_model",
    "ModelSpec": ".generation.chat_model",
    "Reading": ".generation.chat_model",
    "StructuredCall": ".generation.chat_model",
    "init_model": ".generation.chat_model",
    "model_spec": ".generation.chat_model",
    "transient_failure": ".generation.chat_model",
    "OfflineComposer": ".generation.composer",
    "compose_fill": ".generation.composer",
    "GenerationRequest": ".generation.generator",
    "GenerationResult": ".generation.generator",
    "Generator": ".generation.generator",
    "OFFLINE_GENERAL": ".generation.generator",
    "DraftReader": ".generation.llm_prompt",
    "KitPrompt": ".generation.llm_prompt",
    "PROMPT_TOKEN_BUDGET": ".generation.llm_prompt",
    "TOOL_NAME": ".generation.llm_prompt",
    "build_prompt": ".generation.llm_prompt",
    "estimate_tokens": ".generation.llm_prompt",
    "Redactor": ".generation.redaction",
    "Merge": ".generation.refine",
    "REFINE_TOOL": ".generation.refine",
    "RefinePrompt": ".generation.refine",
    "RewriteBatch": ".generation.refine",
    "build_refine_prompt": ".generation.refine",
    "Guard": ".guardrails",
    "QuestionCheck": ".guardrails",
    "CorpusDocument": ".guidance.corpus",
    "builtin_documents": ".guidance.corpus",
    "hookimpl": ".hookspecs",
    "Analysis": ".models",
    "Audience": ".models",
    "Document": ".models",
    "Evidence": ".models",
    "Fact": ".models",
    "FactKind": ".models",
    "GuidanceRef": ".models",
    "HiddenText": ".models",
    "InterviewKit": ".models",
    "LeftOut": ".models",
    "LeftOutReason": ".models",
    "PanelRole": ".models",
    "Passage": ".models",
    "Plan": ".models",
    "PlanSlot": ".models",
    "Purpose": ".models",
    "Question": ".models",
    "QuestionPattern": ".models",
    "RatingAnchor": ".models",
    "Source": ".models",
    "Span": ".models",
    "Engine": ".pipeline",
    "KitRequest": ".pipeline",
    "PurposeShare": ".planning.rounds",
    "RoundType": ".planning.rounds",
    "Registry": ".plugin_manager",
    "build_registry": ".plugin_manager",
    "ResumeReader": ".reading.readers",
    "BULLET": ".reading.text_cleanup",
    "clean_text": ".reading.text_cleanup",
    "is_private_use": ".reading.text_cleanup",
    "strip_inline_markdown": ".reading.text_cleanup",
    "Settings": ".settings",
}


def __getattr__(name: str) -> Any:
    try:
        module = _SOURCES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(module, __package__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "LeftOut",
    "LeftOutReason",
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
