"""The ``llm`` generator: a kit written by a chat model, through LangChain.

Any provider LangChain's ``init_chat_model`` reaches: OpenAI, Azure OpenAI, Anthropic,
Ollama, or any OpenAI-compatible server (vLLM, llama.cpp) by its base URL. One call per
kit, asked for with ``with_structured_output`` on the plan's schema; the candidate's
identifiers are replaced by placeholders before the request leaves the machine; the
answer is streamed, read question by question, and every draft still passes the
engine's guardrails (the composer fills whatever the model got wrong). A model that
fails, times out or is rate-limited is retried a few times, then the offline composer
writes the kit.

``openai`` is the same generator under its earlier name, so existing settings
(``SECONDROUND_GENERATOR=openai``) keep working.

LangChain and the provider packages are optional extras (``pip install
'secondround[llm]'``) imported only when this generator runs, so the CLI and the offline
path never load them.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from collections.abc import Generator as Generator_
from dataclasses import dataclass, field
from typing import Any

# The model layer (chat_model, llm_prompt: ~50 ms of imports) is reached through the
# module, ``sr.Name``, at call time: every command loads this plugin to register the
# generator, but only a kit written by a model uses it.
from secondround.core import api as sr
from secondround.core.api import (
    GenerationRequest,
    GenerationResult,
    Generator,
    Question,
    Settings,
    hookimpl,
)

ModelFactory = Callable[[Settings], Any]


class QuestionStream:
    """Finds each complete question object in a JSON answer that arrives in pieces.

    Feed it text as it comes (message content or a tool call's argument deltas); each
    call returns the question objects completed by that text. It understands
    ``{"questions": [{...}, ...]}`` and a bare ``[{...}, ...]``, tolerates text before
    the JSON (a code fence), and never waits for the whole answer to start yielding."""

    def __init__(self) -> None:
        self.text = ""
        self._pos = 0
        self._stack: list[str] = []
        self._in_string = False
        self._escape = False
        self._started = False
        self._target: int | None = None  # stack depth of the questions array
        self._item_start: int | None = None
        self.bad_items = 0

    @property
    def complete(self) -> bool:
        """True once the top-level JSON value has closed."""
        return self._started and not self._stack

    def feed(self, chunk: str) -> list[Any]:
        self.text += chunk
        found: list[Any] = []
        text = self.text
        for i in range(self._pos, len(text)):
            c = text[i]
            if self._in_string:
                if self._escape:
                    self._escape = False
                elif c == "\\":
                    self._escape = True
                elif c == '"':
                    self._in_string = False
                continue
            if self.complete:
                break
            if c == '"':
                # Quotes in prose before the JSON starts are not strings to skip.
                self._in_string = self._started
            elif c in "{[":
                if not self._started:
                    self._started = True
                self._stack.append(c)
                depth = len(self._stack)
                if c == "[" and self._target is None and self._is_questions_array(depth):
                    self._target = depth
                elif c == "{" and self._target is not None and depth == self._target + 1:
                    self._item_start = i
            elif c in "}]" and self._stack:
                depth = len(self._stack)
                self._stack.pop()
                if c == "}" and self._item_start is not None and depth == (self._target or 0) + 1:
                    try:
                        found.append(json.loads(text[self._item_start : i + 1]))
                    except ValueError:
                        self.bad_items += 1
                    self._item_start = None
                if self._target is not None and depth == self._target and c == "]":
                    self._target = -1  # done with the array; ignore anything after
        self._pos = len(text)
        return found

    def _is_questions_array(self, depth: int) -> bool:
        # A bare array of questions, or the first array directly inside the top object
        # (``questions``, or whatever name a model chose for it).
        return depth == 1 or (depth == 2 and self._stack[0] == "{")

    def leftovers(self) -> list[Any]:
        """Question objects in an answer that was not streamed as an array (a single
        question object, or a questions value nested somewhere unusual)."""
        start = min((i for i in (self.text.find("{"), self.text.find("[")) if i >= 0), default=-1)
        if start < 0:
            return []
        try:
            value = json.loads(self.text[start:])
        except ValueError:
            return []
        if isinstance(value, dict) and "text" in value and "purpose" in value:
            return [value]
        if isinstance(value, dict):
            for inner in value.values():
                if isinstance(inner, list) and inner and all(isinstance(v, dict) for v in inner):
                    return list(inner)
        return []


@dataclass
class _Answer:
    """What one call brought back: the stream readers and the call's own facts."""

    reading: sr.Reading = field(default_factory=lambda: sr.Reading())
    content: QuestionStream = field(default_factory=QuestionStream)
    arguments: QuestionStream = field(default_factory=QuestionStream)
    cut_off: str | None = None

    def feed(self, content: str, arguments: str) -> list[Any]:
        items: list[Any] = []
        if content:
            items += self.content.feed(content)
        if arguments:
            items += self.arguments.feed(arguments)
        return items

    def leftovers(self) -> list[Any]:
        found = self.arguments.leftovers() or self.content.leftovers()
        if found:
            return found
        # What the structured-output parser made of the whole answer, when the stream
        # readers found no question array in it (a provider that does not stream).
        parsed = self.reading.parsed
        questions = getattr(parsed, "questions", None)
        if isinstance(parsed, dict):
            questions = parsed.get("questions")
        if isinstance(questions, list):
            return [q.model_dump() if hasattr(q, "model_dump") else q for q in questions]
        return []

    @property
    def readable(self) -> bool:
        return self.arguments.complete or self.content.complete

    @property
    def output(self) -> str:
        return self.arguments.text or self.content.text


class LLMGenerator(Generator):
    name = "llm"
    description = (
        "A chat model through LangChain (OpenAI, Azure OpenAI, Anthropic, Ollama, or any "
        "OpenAI-compatible server such as vLLM or llama.cpp): one call per kit, personal "
        "details redacted, output held to the same guardrails."
    )
    # Delays between attempts: short, because a kit is waited on by a person.
    backoff_s = 0.5
    max_backoff_s = 4.0
    # Estimated prompt tokens (schema included). A deployment on a small local model
    # may lower it for speed: fewer facts and passages are sent, least needed first.
    # None: the model layer's PROMPT_TOKEN_BUDGET, looked up when a prompt is built.
    _prompt_budget: int | None = None

    @property
    def prompt_budget(self) -> int:
        budget = self._prompt_budget
        return sr.PROMPT_TOKEN_BUDGET if budget is None else budget

    @prompt_budget.setter
    def prompt_budget(self, value: int) -> None:
        self._prompt_budget = value

    def __init__(
        self,
        model_factory: ModelFactory | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.model_factory = model_factory or default_model
        self.sleep = sleep

    def available(self, settings: Settings) -> bool:
        return settings.llm_configured

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        """One non-streamed call; the drafts all at once."""
        prompt, reader, call = self._prepare(request, settings)
        answer = _Answer()
        for attempt in range(settings.llm_retries + 1):
            try:
                answer = _Answer()
                whole = call.invoke(prompt.messages, answer.reading)
                break
            except Exception as exc:
                self._after_failure(exc, attempt, settings, call.spec)
        questions: list[Question] = []
        content, arguments = answer.reading.content, answer.reading.arguments
        if whole and not (content or arguments):
            content = whole
        for item in answer.feed(content, arguments):
            draft = reader.question(item)
            if draft is not None:
                questions.append(draft)
        questions += self._leftovers(answer, reader)
        return self._result(questions, answer, prompt, reader, settings)

    def stream(
        self, request: GenerationRequest, settings: Settings
    ) -> Generator_[Question, None, GenerationResult]:
        """One streamed call; each draft is yielded as soon as its JSON object closes."""
        prompt, reader, call = self._prepare(request, settings)
        attempt = 0
        while True:
            answer = _Answer()
            yielded: list[Question] = []
            try:
                for draft in self._stream_once(call, prompt, answer, reader, settings):
                    yielded.append(draft)
                    yield draft
                break
            except Exception as exc:
                if yielded:
                    # Drafts already shown stand; the composer fills what is missing.
                    answer.cut_off = f"the connection failed ({type(exc).__name__})"
                    break
                if _is_stream_options_refusal(exc) and call.without_stream_usage():
                    continue  # an older server: no usage in the stream
                self._after_failure(exc, attempt, settings, call.spec)
                attempt += 1
                reader = sr.DraftReader(prompt, request.analysis)
        leftovers = self._leftovers(answer, reader)
        yield from leftovers
        return self._result(yielded + leftovers, answer, prompt, reader, settings)

    # ------------------------------------------------------------------ the call

    def _prepare(
        self, request: GenerationRequest, settings: Settings
    ) -> tuple[sr.KitPrompt, sr.DraftReader, sr.StructuredCall]:
        spec = sr.model_spec(settings)
        model = self.model_factory(settings)
        prompt = sr.build_prompt(request, budget=self.prompt_budget)
        call = sr.StructuredCall(model, spec, prompt.schema, prompt.strict_schema)
        return prompt, sr.DraftReader(prompt, request.analysis), call

    def _stream_once(
        self,
        call: sr.StructuredCall,
        prompt: sr.KitPrompt,
        answer: _Answer,
        reader: sr.DraftReader,
        settings: Settings,
    ) -> Iterator[Question]:
        started = time.monotonic()
        reading = answer.reading
        chunks = call.stream(prompt.messages, reading)
        try:
            content_seen, args_seen = 0, 0
            for _ in chunks:
                content = reading.content[content_seen:]
                arguments = reading.arguments[args_seen:]
                content_seen, args_seen = len(reading.content), len(reading.arguments)
                for item in answer.feed(content, arguments):
                    draft = reader.question(item)
                    if draft is not None:
                        yield draft
                if time.monotonic() - started > settings.llm_timeout_s:
                    answer.cut_off = (
                        f"it was still writing after {settings.llm_timeout_s:g} s "
                        "(SECONDROUND_LLM_TIMEOUT_S)"
                    )
                    return
        finally:
            chunks.close()

    @staticmethod
    def _leftovers(answer: _Answer, reader: sr.DraftReader) -> list[Question]:
        """Drafts from an answer that was not an array of questions as it streamed."""
        if reader.read:
            return []
        return [d for d in (reader.question(i) for i in answer.leftovers()) if d is not None]

    def _after_failure(
        self, exc: Exception, attempt: int, settings: Settings, spec: sr.ModelSpec
    ) -> None:
        """Wait before the next attempt, or raise the failure in one plain sentence."""
        if isinstance(exc, sr.ModelCallFailed):
            raise exc
        status = getattr(exc, "status_code", None)
        detail = _error_detail(exc) if isinstance(status, int) else ""
        reason = sr.transient_failure(exc, settings)
        if reason is None:
            if not isinstance(status, int):
                raise exc
            raise sr.ModelCallFailed(_status_message(status, detail, settings, spec)) from exc
        if detail:
            reason += f": {detail}"
        if attempt >= settings.llm_retries:
            raise sr.ModelCallFailed(
                f"{spec.where} failed after {attempt + 1} attempt(s): {reason}"
            ) from exc
        self.sleep(self._delay(attempt, exc))

    def _delay(self, attempt: int, exc: Exception) -> float:
        delay = min(self.backoff_s * 2**attempt, self.max_backoff_s)
        response = getattr(exc, "response", None)
        headers = getattr(response, "headers", None)
        retry_after = headers.get("retry-after") if headers is not None else None
        if retry_after:
            # Honour the server's wish, within reason: a person is waiting.
            with contextlib.suppress(ValueError):
                delay = min(max(float(retry_after), delay), self.max_backoff_s * 2)
        return delay

    # ------------------------------------------------------------------ the result

    def _result(
        self,
        questions: list[Question],
        answer: _Answer,
        prompt: sr.KitPrompt,
        reader: sr.DraftReader,
        settings: Settings,
    ) -> GenerationResult:
        warnings: list[str] = []
        reading = answer.reading
        if not questions and not reader.read:
            if reading.finish_reason == "length":
                raise sr.ModelCallFailed(
                    f"the model stopped at the token limit ({settings.llm_max_tokens}, "
                    "SECONDROUND_LLM_MAX_TOKENS) before finishing a question"
                )
            if answer.cut_off:
                raise sr.ModelCallFailed(f"the model gave no question before {answer.cut_off}")
            raise sr.ModelCallFailed(
                "the model's answer held no readable questions (not the JSON asked for); "
                "try another SECONDROUND_LLM_STRUCTURED_OUTPUT method"
            )
        if reader.dropped:
            reasons = ", ".join(f"{n} {r}" for r, n in sorted(reader.dropped.items()))
            warnings.append(
                f"The model wrote {sum(reader.dropped.values())} question(s) the plan could not "
                f"use ({reasons}); the offline composer filled their places."
            )
        bad = answer.content.bad_items + answer.arguments.bad_items
        if bad:
            warnings.append(f"{bad} question object(s) in the model's answer were not valid JSON.")
        if answer.cut_off:
            warnings.append(
                f"The model's answer was cut short: {answer.cut_off}; the offline composer "
                "filled the rest."
            )
        elif reading.finish_reason == "length":
            warnings.append(
                f"The model stopped at the token limit ({settings.llm_max_tokens}, "
                f"SECONDROUND_LLM_MAX_TOKENS) after {reader.read} question(s); the offline "
                "composer filled the rest."
            )
        elif not answer.readable and reader.read and reading.parsed is None:
            warnings.append(
                "The model's answer was not complete JSON; the questions before the break "
                "were kept."
            )
        return GenerationResult(
            questions=questions,
            model=reading.model or settings.resolved_llm_model,
            tokens=usage_tokens(reading, prompt.estimated_tokens, answer.output),
            warnings=warnings,
        )


def default_model(settings: Settings) -> Any:
    """The chat model the settings name (``init_model``, imported on first use)."""
    return sr.init_model(settings)


def usage_tokens(reading: sr.Reading, estimated_prompt: int, output: str) -> dict[str, int]:
    """Tokens as the provider reported them, or an estimate marked as one (some servers
    report no usage while streaming)."""
    if reading.prompt_tokens is not None and reading.completion_tokens is not None:
        return {"prompt": reading.prompt_tokens, "completion": reading.completion_tokens}
    return {"prompt": estimated_prompt, "completion": sr.estimate_tokens(output), "estimated": 1}


class OpenAIGenerator(LLMGenerator):
    """The ``llm`` generator under the name it had before LangChain, so settings and
    scripts that say ``openai`` keep working."""

    name = "openai"
    description = "Same as 'llm' (its earlier name, kept for existing settings)."


def _error_detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = str(inner.get("message", "") if isinstance(inner, dict) else inner)
    message = message or str(getattr(exc, "message", "") or getattr(exc, "error", "") or "")
    return " ".join(message.split())[:100]


def _status_message(status: int, detail: str, settings: Settings, spec: sr.ModelSpec) -> str:
    where = spec.where
    if status in (401, 403):
        return (
            f"{where} refused the API key (HTTP {status}); set SECONDROUND_LLM_API_KEY or "
            "the provider's own key variable (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...)"
        )
    if status == 404:
        return (
            f"{where} has no model '{spec.model}' or no such path (HTTP 404); check "
            "SECONDROUND_LLM_MODEL and SECONDROUND_LLM_BASE_URL (it usually ends in /v1)"
        )
    return (
        f"{where} rejected the request (HTTP {status}{': ' + detail if detail else ''}); try "
        "another SECONDROUND_LLM_STRUCTURED_OUTPUT method"
    )


def _is_stream_options_refusal(exc: Exception) -> bool:
    status = getattr(exc, "status_code", None)
    return status in (400, 422) and "stream_options" in str(exc)


@hookimpl
def register_generators(register: Callable[[Generator], None]) -> None:
    register(LLMGenerator())
    register(OpenAIGenerator())
