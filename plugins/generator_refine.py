"""The ``refine`` generator: the composer's kit, reworded by a chat model.

The offline composer plans, grounds and drafts the whole kit; one batched model call
then rewrites each question's wording, follow-ups and strong-answer rubric (see
:mod:`secondround.core.generation.refine` for what is locked and how a rewrite is
checked). Any rewrite that fails a check keeps the composer's words, and a model that
fails altogether leaves the composer's kit with a warning: this mode can only improve
the kit. Same model settings as the ``llm`` generator (any LangChain provider).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from collections.abc import Generator as Generator_
from typing import Any

# The refine prompt and the model layer are reached as ``sr.Name`` at call time, not
# imported with the plugin (see generator_openai).
from secondround.core import api as sr
from secondround.core.api import (
    OFFLINE_GENERAL,
    GenerationRequest,
    GenerationResult,
    Generator,
    Guard,
    OfflineComposer,
    Question,
    Settings,
    hookimpl,
)
from secondround.plugins.generator_openai import (
    LLMGenerator,
    QuestionStream,
    _is_stream_options_refusal,
    usage_tokens,
)


class RefineGenerator(LLMGenerator):
    name = "refine"
    description = (
        "The offline composer's kit, reworded by a chat model in one batched call: "
        "evidence, purpose and plan are locked; a rewrite that fails a check keeps the "
        "composer's words."
    )
    composer_drafts = True

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        stream = self.stream(request, settings)
        while True:
            try:
                next(stream)
            except StopIteration as stop:
                result: GenerationResult = stop.value
                return result

    def stream(
        self, request: GenerationRequest, settings: Settings
    ) -> Generator_[Question, None, GenerationResult]:
        drafts = OfflineComposer().generate(request, settings).questions
        if not drafts:
            return GenerationResult(questions=[])
        prompt = sr.build_refine_prompt(request, drafts)
        # The guardrails without plugin checks (the engine adds those on what is yielded),
        # fed every question in the order yielded, so duplicates are judged as the
        # engine will judge them.
        guard = Guard(
            request.analysis,
            [p for ps in request.guidance.values() for p in ps],
            jurisdiction=settings.jurisdiction,
            allow_general=OFFLINE_GENERAL,
        )
        merge = sr.Merge(prompt, lambda q: guard.offer(q) is not None)
        shown: dict[str, Question] = {}
        reading = sr.Reading()
        warnings: list[str] = []
        try:
            for alias, question in self._rewrites(prompt, merge, settings, reading, warnings):
                if alias not in shown:
                    shown[alias] = question
                    yield question
        except Exception as exc:  # the drafts are ready: a failing model changes nothing
            reason = str(exc) if isinstance(exc, sr.ModelCallFailed) else type(exc).__name__
            warnings.append(
                f"The model could not refine this kit ({reason[:160]}); the composer's "
                "wording was kept."
            )
        for alias in prompt.drafts:
            if alias not in shown:
                shown[alias] = merge.checked(alias, prompt.drafts[alias])
                yield shown[alias]
        kept = len(drafts) - merge.rewritten
        unanswered = len(drafts) - len(merge.applied)
        if unanswered and merge.applied:
            merge.kept_draft["not_rewritten"] = unanswered
        if merge.kept_draft or (kept and not warnings):
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(merge.kept_draft.items()))
            warnings.append(
                f"The model reworded {merge.rewritten} of {len(drafts)} questions; {kept} kept "
                f"the composer's wording" + (f" ({reasons})." if reasons else ".")
            )
        return GenerationResult(
            questions=list(shown.values()),
            model=reading.model or settings.resolved_llm_model,
            tokens=self._tokens(reading, prompt),
            warnings=warnings,
        )

    @staticmethod
    def _tokens(reading: sr.Reading, prompt: sr.RefinePrompt) -> dict[str, int]:
        answered = reading.content or reading.arguments or reading.prompt_tokens
        if not answered:
            return {}  # the model was never reached
        return usage_tokens(reading, prompt.estimated_tokens, reading.arguments or reading.content)

    def _rewrites(
        self,
        prompt: sr.RefinePrompt,
        merge: sr.Merge,
        settings: Settings,
        reading: sr.Reading,
        warnings: list[str],
    ) -> Iterator[tuple[str, Question]]:
        """(alias, checked question) for each rewrite, as the model's answer streams."""
        spec = sr.model_spec(settings)
        call = sr.StructuredCall(
            self.model_factory(settings),
            spec,
            prompt.schema,
            prompt.strict_schema,
            base=sr.RewriteBatch,
            name=sr.REFINE_TOOL,
        )
        attempt = 0
        while True:
            readers = (QuestionStream(), QuestionStream())
            fresh = sr.Reading()
            seen = [0, 0]
            started = time.monotonic()
            done = 0
            try:
                for _ in call.stream(prompt.messages, fresh):
                    items: list[Any] = []
                    for i, text in enumerate((fresh.content, fresh.arguments)):
                        items += readers[i].feed(text[seen[i] :])
                        seen[i] = len(text)
                    for item in items:
                        applied = merge.apply(item)
                        if applied is not None:
                            done += 1
                            yield applied[0], merge.checked(*applied)
                    if time.monotonic() - started > settings.llm_timeout_s:
                        warnings.append(
                            f"The model was still writing after {settings.llm_timeout_s:g} s "
                            "(SECONDROUND_LLM_TIMEOUT_S); the rest kept the composer's wording."
                        )
                        break
                break
            except Exception as exc:
                if done:
                    warnings.append(
                        f"The model's answer was cut short ({type(exc).__name__}); the rest "
                        "kept the composer's wording."
                    )
                    break
                if _is_stream_options_refusal(exc) and call.without_stream_usage():
                    continue
                self._after_failure(exc, attempt, settings, spec)
                attempt += 1
            finally:
                _copy_reading(fresh, reading)
        if not done:
            # An answer that did not stream as an array: what the structured-output
            # parser made of the whole of it.
            parsed = reading.parsed
            for rewrite in getattr(parsed, "rewrites", None) or []:
                applied = merge.apply(rewrite.model_dump())
                if applied is not None:
                    yield applied[0], merge.checked(*applied)


def _copy_reading(source: sr.Reading, target: sr.Reading) -> None:
    for name in (
        "model",
        "prompt_tokens",
        "completion_tokens",
        "finish_reason",
        "content",
        "arguments",
        "parsed",
    ):
        setattr(target, name, getattr(source, name))


@hookimpl
def register_generators(register: Callable[[Generator], None]) -> None:
    register(RefineGenerator())
