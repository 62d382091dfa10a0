"""Stage 5: generators turn a plan, facts and guidance into draft questions.

A generator is a plugin (``register_generators``). The offline composer is the
default; an LLM generator is another. Drafts from any generator pass through the
guardrails afterwards, so a generator may be wrong without the kit being wrong.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Generator as Generator_
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ..models import GENERAL_PURPOSES, Analysis, Audience, Passage, Plan, Purpose, Question

if TYPE_CHECKING:
    from ..settings import Settings

# Offline kits may carry a few round-level questions asked of every candidate, including
# the field's work sample when the resume and job name no skill to build one on.
OFFLINE_GENERAL = GENERAL_PURPOSES | {
    Purpose.group_exercise,
    Purpose.behavioural,
    Purpose.scenario,
    Purpose.motivation_fit,
    Purpose.evaluate_skill,
}


class GenerationRequest(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    analysis: Analysis
    plan: Plan
    # Retrieved guidance, keyed by purpose value ("deep_dive", ...).
    guidance: dict[str, list[Passage]] = Field(default_factory=dict)
    audience: Audience = Audience.interviewer
    # Round-specific question patterns contributed by the round type.
    round_patterns: list[object] = Field(default_factory=list)
    # The round type's own description: instructions a model-based generator can follow.
    round_description: str = ""


class GenerationResult(BaseModel):
    questions: list[Question]
    model: str | None = None
    tokens: dict[str, int] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


class Generator(ABC):
    """Writes draft questions. Subclass, set ``name`` and ``description``, register."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    # True when every draft is the offline composer's (whatever wording a model added):
    # the round-level questions it asks of every candidate are then welcome without
    # resume evidence, as they are in an offline kit.
    composer_drafts: ClassVar[bool] = False

    def available(self, settings: Settings) -> bool:
        """False when this generator cannot run with these settings (e.g. no model)."""
        return True

    @abstractmethod
    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        """Return drafts for the whole plan in one go."""

    def stream(
        self, request: GenerationRequest, settings: Settings
    ) -> Generator_[Question, None, GenerationResult]:
        """Yield drafts as they become available and *return* the full result (model,
        tokens, warnings). The engine guards each draft as it arrives, so a front end can
        show checked questions while a model is still writing. By default: all at once."""
        result = self.generate(request, settings)
        yield from result.questions
        return result
