"""Answer-aware follow-ups worded by a chat model, for the gaps the rules found.

The offline reading (``answers.py``) decides what an answer lacks against its question's
rubric; the model never does. With ``generator="llm"`` the model is asked, in ONE call
(through the same LangChain layer and settings as the ``llm`` and ``refine`` kit
generators), to word one probe for each gap that reading found (1 to 3), as structured
output (``answer_prompt``). So a complete answer is left alone without a call, and a
small model can word a gap badly but cannot invent one.

Each probe is checked (``ProbeCheck``) before it replaces the offline wording. A gap
whose probe fails keeps the offline wording; a model that fails, times out or has every
probe set aside leaves the offline probes. Either way a warning says so, and only then.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..errors import UnknownName
from ..generation.chat_model import (
    ModelCallFailed,
    Reading,
    StructuredCall,
    init_model,
    model_spec,
    transient_failure,
)
from ..generation.llm_prompt import estimate_tokens
from ..models import Audience, KitWarning, Question
from ..settings import Settings, load_settings
from .answer_prompt import (
    FOLLOWUP_TOOL,
    FollowupPrompt,
    ProbeBatch,
    ProbeCheck,
    build_followup_prompt,
    drafts_in,
)
from .answers import AnswerFeedback, candidate_note, follow_up_answer

# Names that mean "through the model" here, as they do for kits.
MODEL_GENERATORS = frozenset({"llm", "openai", "refine"})
# A few probes need few tokens; a model looping inside a string stops here.
MAX_TOKENS = 400

ModelFactory = Callable[[Settings], Any]


def answer_follow_ups(
    question: Question,
    answer: str,
    audience: Audience = Audience.interviewer,
    settings: Settings | None = None,
    *,
    generator: str | None = None,
    candidate: str | None = None,
    model_factory: ModelFactory | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> AnswerFeedback:
    """Follow-ups for one answer, offline (the default) or worded by the configured model.

    ``generator``: ``offline`` or ``llm`` (``openai`` and ``refine`` mean ``llm``); unset
    takes ``SECONDROUND_GENERATOR`` when it is set, else offline: a configured model alone
    does not switch follow-ups to it. ``candidate`` is the candidate's name, replaced by a
    placeholder before anything is sent."""
    settings = settings or load_settings()
    offline = follow_up_answer(question, answer, audience, settings.jurisdiction)
    asked = (generator or "").strip().lower()
    if asked not in MODEL_GENERATORS | {"", "offline"}:
        raise UnknownName(f"Unknown generator '{asked}'; follow-ups take offline or llm.")
    # A kit generator set in SECONDROUND_GENERATOR that is no model's (a plugin's) leaves
    # follow-ups offline.
    if (asked or (settings.generator or "").strip().lower()) not in MODEL_GENERATORS:
        return offline
    result = offline.model_copy(update={"generator": "llm"}, deep=True)
    if not offline.lacks:
        return result  # nothing is missing: nothing to ask a model
    if not settings.llm_configured:
        result.warnings.append(
            KitWarning(
                code="generator_unavailable",
                message="The 'llm' generator is not configured (SECONDROUND_LLM_MODEL, see "
                "docs/llm.md); the offline rules worded these probes.",
            )
        )
        return result
    prompt = build_followup_prompt(
        question,
        answer,
        offline.lacks,
        audience,
        candidate=candidate,
        jurisdiction=settings.jurisdiction,
    )
    check = ProbeCheck(prompt, question, audience, settings.jurisdiction)
    try:
        reading, text = _call(prompt, settings, model_factory, sleep)
    except Exception as exc:  # the offline probes are ready: a failing model changes nothing
        reason = str(exc) if isinstance(exc, ModelCallFailed) else type(exc).__name__
        result.warnings.append(
            KitWarning(
                code="generator_fallback",
                message=f"The model could not word these probes ({reason[:200]}); the "
                "offline rules' probes are shown.",
            )
        )
        return result
    for draft in drafts_in(text, reading.parsed):
        check.offer(draft)
    result.model = reading.model or settings.resolved_llm_model
    if reading.prompt_tokens is not None and reading.completion_tokens is not None:
        result.tokens = {"prompt": reading.prompt_tokens, "completion": reading.completion_tokens}
    else:
        completion = estimate_tokens(text)
        result.tokens = {
            "prompt": prompt.estimated_tokens,
            "completion": completion,
            "estimated": 1,
        }
    return _merge(result, prompt, check)


def _merge(result: AnswerFeedback, prompt: FollowupPrompt, check: ProbeCheck) -> AnswerFeedback:
    """The model's accepted probes in their gaps' places; the offline wording elsewhere."""
    lacks = [
        lack.model_copy(update={"probe": check.accepted[a], "worded_by": "model"})
        if a in check.accepted
        else lack
        for a, lack in prompt.gaps.items()
    ]
    kept = len(lacks) - len(check.accepted)
    missing = len(prompt.gaps) - len(check.accepted) - sum(check.set_aside.values())
    reasons = dict(check.set_aside)
    if missing > 0:
        reasons["not_written"] = missing
    why = ", ".join(f"{n} {r}" for r, n in sorted(reasons.items()))
    if kept and not check.accepted:
        result.warnings.append(
            KitWarning(
                code="generator_fallback",
                message=f"Every probe the model wrote was set aside ({why}); the offline "
                "rules' probes are shown.",
            )
        )
    elif kept:
        result.warnings.append(
            KitWarning(
                code="generator_output_repaired",
                message=f"The model worded {len(check.accepted)} of {len(lacks)} probes; "
                f"{kept} kept the offline wording ({why}).",
            )
        )
    result.lacks = lacks
    if result.audience is Audience.candidate:
        result.feedback = candidate_note(result.has, lacks)
    return result


def _call(
    prompt: FollowupPrompt,
    settings: Settings,
    model_factory: ModelFactory | None,
    sleep: Callable[[float], None],
) -> tuple[Any, str]:
    """One structured-output call (retried like the kit generators' on a timeout, a
    connection error, 429 or 5xx); the reading and the answer's JSON text."""
    bounded = settings.model_copy(
        update={"llm_max_tokens": min(settings.llm_max_tokens, MAX_TOKENS)}
    )
    spec = model_spec(bounded)
    model = (model_factory or init_model)(bounded)
    call = StructuredCall(
        model, spec, prompt.schema, prompt.strict_schema, base=ProbeBatch, name=FOLLOWUP_TOOL
    )
    attempts = settings.llm_retries + 1
    for attempt in range(attempts):
        reading = Reading()
        try:
            whole = call.invoke(prompt.messages, reading)
            return reading, reading.arguments or reading.content or whole
        except Exception as exc:
            reason = transient_failure(exc, settings)
            if reason is None and not isinstance(getattr(exc, "status_code", None), int):
                raise
            if reason is None or attempt + 1 >= attempts:
                status = getattr(exc, "status_code", None)
                raise ModelCallFailed(
                    f"{spec.where} failed after {attempt + 1} attempt(s): "
                    f"{reason or f'HTTP {status}'}"
                ) from exc
            sleep(min(0.5 * 2**attempt, 4.0))
    raise AssertionError("unreachable")


__all__ = ["MAX_TOKENS", "MODEL_GENERATORS", "ModelFactory", "answer_follow_ups"]
