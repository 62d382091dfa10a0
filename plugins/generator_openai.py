"""The ``openai`` generator: a kit written by any OpenAI-compatible model.

OpenAI, Azure OpenAI, vLLM, Ollama, a llama.cpp server: anything that speaks the chat
completions API. One call per kit; the candidate's identifiers are replaced by
placeholders before the request leaves the machine; the answer is streamed, read
question by question, and every draft still passes the engine's guardrails (the
composer fills whatever the model got wrong). A model that fails, times out or is
rate-limited is retried a few times, then the offline composer writes the kit.

The ``openai`` package is an optional extra (``pip install 'secondround[llm]'``) and is
imported only when this generator runs, so the CLI and the offline path never load it.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from collections.abc import Generator as Generator_
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from secondround.core.api import (
    PROMPT_TOKEN_BUDGET,
    TOOL_NAME,
    DraftReader,
    GenerationRequest,
    GenerationResult,
    Generator,
    KitPrompt,
    Question,
    SecondRoundError,
    Settings,
    build_prompt,
    estimate_tokens,
    hookimpl,
)

# Status codes worth another try: the request was fine, the server was not (yet).
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
INSTALL_HINT = "pip install 'secondround[llm]'"


class ModelCallFailed(SecondRoundError):
    """The model endpoint could not produce a usable answer. The engine catches this
    (like any generator failure) and serves the offline composer's kit with a warning."""

    title = "Model call failed"
    http_status = 502
    exit_code = 1


ClientFactory = Callable[[Settings], Any]


def _openai() -> Any:
    try:
        import openai
    except ImportError:
        raise ModelCallFailed(
            f"The 'openai' generator needs the OpenAI client library; install it with "
            f"{INSTALL_HINT}."
        ) from None
    return openai


def is_openai_host(base_url: str | None) -> bool:
    """True for OpenAI's and Azure's own endpoints, which want ``max_completion_tokens``
    and refuse unknown fields; every other OpenAI-compatible server (vLLM, Ollama,
    llama.cpp) honours ``max_tokens`` and accepts a schema with ``json_object``."""
    if not base_url:
        return True
    host = (urlparse(base_url).hostname or "").lower()
    return host.endswith(("openai.com", "azure.com"))


def default_client(settings: Settings) -> Any:
    """An ``openai.OpenAI`` client for these settings, with its own retries off (the
    generator retries, with small delays it controls)."""
    openai = _openai()
    key = settings.resolved_llm_api_key
    headers = (
        {"api-key": key}
        if key
        and settings.llm_base_url
        and "azure.com" in (urlparse(settings.llm_base_url).hostname or "")
        else None
    )
    return openai.OpenAI(
        base_url=settings.llm_base_url,
        # Local servers need no key, but the client insists on one.
        api_key=key or "not-needed",
        timeout=settings.llm_timeout_s,
        max_retries=0,
        default_headers=headers,
    )


def request_body(prompt: KitPrompt, settings: Settings, stream: bool) -> dict[str, Any]:
    """The chat completions request for one kit, shaped for the structured-output
    method in the settings."""
    hosted = is_openai_host(settings.llm_base_url)
    body: dict[str, Any] = {
        "model": settings.llm_model,
        "messages": prompt.messages,
        "temperature": settings.llm_temperature,
        # OpenAI's newer models refuse max_tokens; most other servers ignore its successor.
        ("max_completion_tokens" if hosted else "max_tokens"): settings.llm_max_tokens,
    }
    if settings.llm_seed is not None:
        body["seed"] = settings.llm_seed
    method = settings.llm_structured_output
    if method == "function_calling":
        body["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": TOOL_NAME,
                    "description": "Record the interview questions for this kit.",
                    "parameters": prompt.schema,
                },
            }
        ]
        body["tool_choice"] = {"type": "function", "function": {"name": TOOL_NAME}}
    elif method == "json_schema":
        body["response_format"] = {
            "type": "json_schema",
            "json_schema": {
                "name": "interview_kit",
                "strict": True,
                "schema": prompt.strict_schema,
            },
        }
    else:
        response_format: dict[str, Any] = {"type": "json_object"}
        if not hosted:
            # vLLM and llama.cpp constrain output to a schema given here; OpenAI would
            # refuse the extra field, and gets the shape from the prompt alone.
            response_format["schema"] = prompt.schema
        body["response_format"] = response_format
    if stream:
        body["stream"] = True
        body["stream_options"] = {"include_usage": True}
    return body


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
    """What one call brought back, beyond the drafts themselves."""

    model: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    content: QuestionStream = field(default_factory=QuestionStream)
    arguments: QuestionStream = field(default_factory=QuestionStream)
    cut_off: str | None = None

    def feed(self, content: str | None, arguments: str | None) -> list[Any]:
        items: list[Any] = []
        if content:
            items += self.content.feed(content)
        if arguments:
            items += self.arguments.feed(arguments)
        return items

    def leftovers(self) -> list[Any]:
        return self.arguments.leftovers() or self.content.leftovers()

    @property
    def readable(self) -> bool:
        return self.arguments.complete or self.content.complete

    @property
    def output(self) -> str:
        return self.arguments.text or self.content.text


class OpenAIGenerator(Generator):
    name = "openai"
    description = (
        "Any OpenAI-compatible model (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp): one "
        "call per kit, personal details redacted, output held to the same guardrails."
    )
    # Delays between attempts: short, because a kit is waited on by a person.
    backoff_s = 0.5
    max_backoff_s = 4.0
    # Estimated prompt tokens (schema included). A deployment on a small local model
    # may lower it for speed: fewer facts and passages are sent, least needed first.
    prompt_budget = PROMPT_TOKEN_BUDGET

    def __init__(
        self,
        client_factory: ClientFactory | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client_factory = client_factory or default_client
        self.sleep = sleep

    def available(self, settings: Settings) -> bool:
        return settings.llm_configured

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        """One non-streamed call; the drafts all at once."""
        prompt, reader, client = self._prepare(request, settings)
        body = request_body(prompt, settings, stream=False)
        try:
            for attempt in range(settings.llm_retries + 1):
                try:
                    response = client.chat.completions.create(**body)
                    break
                except Exception as exc:
                    self._after_failure(exc, attempt, settings)
        finally:
            _close(client)
        answer = _Answer(model=getattr(response, "model", None))
        usage = getattr(response, "usage", None)
        if usage is not None:
            answer.prompt_tokens = usage.prompt_tokens
            answer.completion_tokens = usage.completion_tokens
        questions: list[Question] = []
        for choice in response.choices[:1]:
            answer.finish_reason = choice.finish_reason
            message = choice.message
            calls = message.tool_calls or []
            arguments = "".join(c.function.arguments or "" for c in calls if c.function)
            for item in answer.feed(message.content, arguments):
                draft = reader.question(item)
                if draft is not None:
                    questions.append(draft)
        questions += self._leftovers(answer, reader)
        return self._result(questions, answer, prompt, reader, settings)

    def stream(
        self, request: GenerationRequest, settings: Settings
    ) -> Generator_[Question, None, GenerationResult]:
        """One streamed call; each draft is yielded as soon as its JSON object closes."""
        prompt, reader, client = self._prepare(request, settings)
        body = request_body(prompt, settings, stream=True)
        attempt = 0
        try:
            while True:
                answer = _Answer()
                yielded: list[Question] = []
                try:
                    for draft in self._stream_once(client, body, answer, reader, settings):
                        yielded.append(draft)
                        yield draft
                    break
                except Exception as exc:
                    if yielded:
                        # Drafts already shown stand; the composer fills what is missing.
                        answer.cut_off = f"the connection failed ({type(exc).__name__})"
                        break
                    if _is_stream_options_refusal(exc) and "stream_options" in body:
                        body.pop("stream_options")  # an older server: no usage in the stream
                        continue
                    self._after_failure(exc, attempt, settings)
                    attempt += 1
                    reader = DraftReader(prompt, request.analysis)
        finally:
            _close(client)
        leftovers = self._leftovers(answer, reader)
        yield from leftovers
        return self._result(yielded + leftovers, answer, prompt, reader, settings)

    # ------------------------------------------------------------------ the call

    def _prepare(
        self, request: GenerationRequest, settings: Settings
    ) -> tuple[KitPrompt, DraftReader, Any]:
        if not settings.llm_model:
            raise ModelCallFailed(
                "No model is configured; set SECONDROUND_LLM_MODEL (and SECONDROUND_LLM_BASE_URL "
                "for a server other than OpenAI)."
            )
        client = self.client_factory(settings)
        prompt = build_prompt(request, budget=self.prompt_budget)
        return prompt, DraftReader(prompt, request.analysis), client

    def _stream_once(
        self,
        client: Any,
        body: dict[str, Any],
        answer: _Answer,
        reader: DraftReader,
        settings: Settings,
    ) -> Iterator[Question]:
        started = time.monotonic()
        chunks = client.chat.completions.create(**body)
        try:
            for chunk in chunks:
                answer.model = getattr(chunk, "model", None) or answer.model
                usage = getattr(chunk, "usage", None)
                if usage is not None:
                    answer.prompt_tokens = usage.prompt_tokens
                    answer.completion_tokens = usage.completion_tokens
                for choice in chunk.choices or []:
                    if choice.finish_reason:
                        answer.finish_reason = choice.finish_reason
                    delta = choice.delta
                    if delta is None:
                        continue
                    arguments = "".join(
                        c.function.arguments or ""
                        for c in (delta.tool_calls or [])
                        if c.function is not None
                    )
                    for item in answer.feed(delta.content, arguments):
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
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    @staticmethod
    def _leftovers(answer: _Answer, reader: DraftReader) -> list[Question]:
        """Drafts from an answer that was not an array of questions as it streamed."""
        if reader.read:
            return []
        return [d for d in (reader.question(i) for i in answer.leftovers()) if d is not None]

    def _after_failure(self, exc: Exception, attempt: int, settings: Settings) -> None:
        """Wait before the next attempt, or raise the failure in one plain sentence."""
        openai = _openai()
        where = settings.llm_base_url or "the OpenAI API"
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            detail = _error_detail(exc)
            if status not in RETRY_STATUSES:
                raise ModelCallFailed(_status_message(status, detail, settings)) from exc
            reason = f"HTTP {status}{': ' + detail if detail else ''}"
        elif isinstance(exc, openai.APITimeoutError):
            reason = f"no answer within {settings.llm_timeout_s:g} s"
        elif isinstance(exc, openai.APIConnectionError):
            reason = "could not connect"
        else:
            raise exc
        if attempt >= settings.llm_retries:
            raise ModelCallFailed(
                f"{where} failed after {attempt + 1} attempt(s): {reason}"
            ) from exc
        self.sleep(self._delay(attempt, exc))

    def _delay(self, attempt: int, exc: Exception) -> float:
        delay = min(self.backoff_s * 2**attempt, self.max_backoff_s)
        response = getattr(exc, "response", None)
        retry_after = response.headers.get("retry-after") if response is not None else None
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
        prompt: KitPrompt,
        reader: DraftReader,
        settings: Settings,
    ) -> GenerationResult:
        warnings: list[str] = []
        if not questions and not reader.read:
            if answer.finish_reason == "length":
                raise ModelCallFailed(
                    f"the model stopped at the token limit ({settings.llm_max_tokens}, "
                    "SECONDROUND_LLM_MAX_TOKENS) before finishing a question"
                )
            if answer.cut_off:
                raise ModelCallFailed(f"the model gave no question before {answer.cut_off}")
            raise ModelCallFailed(
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
        elif answer.finish_reason == "length":
            warnings.append(
                f"The model stopped at the token limit ({settings.llm_max_tokens}, "
                f"SECONDROUND_LLM_MAX_TOKENS) after {reader.read} question(s); the offline "
                "composer filled the rest."
            )
        elif not answer.readable and reader.read:
            warnings.append(
                "The model's answer was not complete JSON; the questions before the break "
                "were kept."
            )
        tokens: dict[str, int] = {}
        if answer.prompt_tokens is not None and answer.completion_tokens is not None:
            tokens = {"prompt": answer.prompt_tokens, "completion": answer.completion_tokens}
        else:
            # The server reported no usage (some do not while streaming): estimate it.
            tokens = {
                "prompt": prompt.estimated_tokens,
                "completion": estimate_tokens(answer.output),
                "estimated": 1,
            }
        return GenerationResult(
            questions=questions,
            model=answer.model or settings.llm_model,
            tokens=tokens,
            warnings=warnings,
        )


def _close(client: Any) -> None:
    close = getattr(client, "close", None)
    if callable(close):
        close()


def _error_detail(exc: Any) -> str:
    body = getattr(exc, "body", None)
    message = ""
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = str(inner.get("message", "") if isinstance(inner, dict) else inner)
    message = message or str(getattr(exc, "message", "") or "")
    return " ".join(message.split())[:100]


def _status_message(status: int, detail: str, settings: Settings) -> str:
    where = settings.llm_base_url or "the OpenAI API"
    if status in (401, 403):
        return (
            f"{where} refused the API key (HTTP {status}); set SECONDROUND_LLM_API_KEY or "
            "OPENAI_API_KEY"
        )
    if status == 404:
        return (
            f"{where} has no model '{settings.llm_model}' or no such path (HTTP 404); check "
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
    register(OpenAIGenerator())
