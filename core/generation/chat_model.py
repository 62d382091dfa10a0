"""The model layer: a LangChain chat model for the configured provider, asked for one
kit (or one batch of rewrites) with ``with_structured_output``.

Everything provider-specific lives here, so a generator only says *what* it wants (a
prompt, a JSON schema) and reads back text as it streams:

- which provider and model (``SECONDROUND_LLM_MODEL`` as ``provider:model``, or
  ``SECONDROUND_LLM_PROVIDER``; an OpenAI-compatible endpoint when neither says);
- the constructor arguments each provider's LangChain class takes for the same
  settings (key, URL, timeout, token limit, seed), with LangChain's own retries off
  because the generator retries with delays a waiting person can bear;
- the structured-output method each provider supports: native JSON schema where it is
  reliable (OpenAI, Azure, Ollama), a forced tool call where it is the safe common
  ground (Anthropic, and OpenAI-compatible servers: llama.cpp's refuses OpenAI's
  ``json_schema`` response format with HTTP 500);
- reading a streamed chunk (text, tool-call argument deltas, usage, why it stopped)
  the same way whichever provider wrote it.

LangChain and the provider packages are optional extras, imported only when a model is
actually called, so the offline path never loads them.
"""

from __future__ import annotations

import copy
import functools
import importlib
import json
import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field

from ..errors import SecondRoundError
from .llm_prompt import TOOL_NAME, DraftQuestion

if TYPE_CHECKING:
    from ..settings import Settings

# Provider -> (modules it needs, the extra that installs them).
PROVIDER_PACKAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "openai": (("langchain_openai", "openai"), "llm"),
    "azure_openai": (("langchain_openai", "openai"), "llm"),
    "anthropic": (("langchain_anthropic", "anthropic"), "anthropic"),
    "ollama": (("langchain_ollama", "ollama"), "ollama"),
}
OPENAI_FAMILY = frozenset({"openai", "azure_openai"})
# The method each provider is asked with unless SECONDROUND_LLM_STRUCTURED_OUTPUT says.
HOSTED_METHOD = {
    "openai": "json_schema",
    "azure_openai": "json_schema",
    "anthropic": "function_calling",
    "ollama": "json_schema",
}
# Settings' names for the methods -> LangChain's.
METHOD_NAMES = {
    "json_schema": "json_schema",
    "function_calling": "function_calling",
    "json_object": "json_mode",
}


class ModelCallFailed(SecondRoundError):
    """The model endpoint could not produce a usable answer. The engine catches this
    (like any generator failure) and serves the offline composer's kit with a warning."""

    title = "Model call failed"
    http_status = 502
    exit_code = 1


# Status codes worth another try: the request was fine, the server was not (yet).
RETRY_STATUSES = frozenset({408, 409, 425, 429, 500, 502, 503, 504, 529})


def transient_failure(exc: BaseException, settings: Settings) -> str | None:
    """Why a model call failed, in plain words, when another attempt may help: a
    timeout, a refused connection, or a status in :data:`RETRY_STATUSES`; None otherwise.

    Providers' SDKs differ in their exception classes but agree on their shape (a
    ``status_code``; timeouts and connection errors named as such), so a failure is
    read by shape and every provider is retried alike."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int):
        return f"HTTP {status}" if status in RETRY_STATUSES else None
    if named_failure(exc, "Timeout"):
        return f"no answer within {settings.llm_timeout_s:g} s"
    if named_failure(exc, "Connect"):
        return "could not connect"
    return None


def named_failure(exc: BaseException, word: str) -> bool:
    """True when the exception, or what caused it, is of a class named with ``word``
    (APITimeoutError, ReadTimeout, APIConnectionError, ConnectError, ...)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        if any(word in cls.__name__ for cls in type(seen).__mro__):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def is_openai_host(base_url: str | None) -> bool:
    """True for OpenAI's and Azure's own endpoints (no URL means OpenAI's), which take
    ``max_completion_tokens`` and refuse unknown fields; other OpenAI-compatible servers
    (vLLM, llama.cpp) honour ``max_tokens`` and accept a schema with ``json_object``."""
    if not base_url:
        return True
    host = (urlparse(base_url).hostname or "").lower()
    return host.endswith(("openai.com", "azure.com"))


@dataclass(frozen=True)
class ModelSpec:
    """What the settings ask for, resolved: provider, model, endpoint and method."""

    provider: str
    model: str
    base_url: str | None
    method: str  # LangChain's name: json_schema | function_calling | json_mode
    # A provider's own API rather than an OpenAI-compatible server someone runs.
    hosted: bool

    @property
    def where(self) -> str:
        return self.base_url or f"the {self.provider} API"


def model_spec(settings: Settings) -> ModelSpec:
    model = settings.resolved_llm_model
    if not model:
        raise ModelCallFailed(
            "No model is configured; set SECONDROUND_LLM_MODEL (e.g. openai:gpt-4.1-mini, "
            "anthropic:claude-sonnet-4-5, ollama:qwen2.5) and, for a server of your own, "
            "SECONDROUND_LLM_BASE_URL."
        )
    provider = settings.resolved_llm_provider
    hosted = is_openai_host(settings.llm_base_url) if provider in OPENAI_FAMILY else True
    if settings.llm_structured_output:
        method = METHOD_NAMES[settings.llm_structured_output]
    elif provider in OPENAI_FAMILY and not hosted:
        # vLLM, llama.cpp and most OpenAI-compatible servers take a forced tool call;
        # llama.cpp's server refuses OpenAI's json_schema response format outright.
        method = "function_calling"
    else:
        method = HOSTED_METHOD.get(provider, "function_calling")
    return ModelSpec(provider, model, settings.llm_base_url, method, hosted)


def require_packages(provider: str) -> None:
    """Import what the provider needs, or say in one sentence how to install it."""
    modules, extra = PROVIDER_PACKAGES.get(provider, ((), "llm"))
    for module in ("langchain", *modules):
        try:
            importlib.import_module(module)
        except ImportError:
            hint = f"pip install 'secondround[{extra}]'"
            if provider not in PROVIDER_PACKAGES:
                hint += f" and the LangChain package for '{provider}'"
            raise ModelCallFailed(
                f"The model provider '{provider}' needs the '{module}' package; install it "
                f"with {hint}."
            ) from None


def model_kwargs(spec: ModelSpec, settings: Settings) -> dict[str, Any]:
    """Constructor arguments for ``init_chat_model`` for this provider."""
    key = settings.resolved_llm_api_key
    p = spec.provider
    kwargs: dict[str, Any] = {"temperature": settings.llm_temperature}
    if p in OPENAI_FAMILY:
        kwargs.update(timeout=settings.llm_timeout_s, max_retries=0)
        if settings.llm_seed is not None:
            kwargs["seed"] = settings.llm_seed
        if spec.hosted:
            kwargs["max_tokens"] = settings.llm_max_tokens  # sent as max_completion_tokens
        else:
            # langchain-openai always sends max_completion_tokens, which llama.cpp
            # ignores (generation then runs to the context limit): send the old name.
            kwargs["extra_body"] = {"max_tokens": settings.llm_max_tokens}
        # Usage in the stream (one extra chunk); most servers support it.
        kwargs["stream_usage"] = True
        if p == "azure_openai":
            kwargs.update(
                azure_endpoint=spec.base_url,
                azure_deployment=spec.model,
                api_version=settings.llm_api_version,
            )
            if key:
                kwargs["api_key"] = key
        else:
            kwargs["base_url"] = spec.base_url
            # Local servers need no key, but the client insists on one.
            kwargs["api_key"] = key or "not-needed"
            if key and spec.base_url and "azure.com" in (urlparse(spec.base_url).hostname or ""):
                # Azure's OpenAI-compatible path, as configured before providers existed.
                kwargs["default_headers"] = {"api-key": key}
    elif p == "anthropic":
        kwargs.update(
            timeout=settings.llm_timeout_s, max_retries=0, max_tokens=settings.llm_max_tokens
        )
        if key:
            kwargs["api_key"] = key
        if spec.base_url:
            kwargs["base_url"] = spec.base_url
    elif p == "ollama":
        kwargs["num_predict"] = settings.llm_max_tokens
        if settings.llm_seed is not None:
            kwargs["seed"] = settings.llm_seed
        if spec.base_url:
            kwargs["base_url"] = spec.base_url
        kwargs["client_kwargs"] = {"timeout": settings.llm_timeout_s}
    else:
        # Any other LangChain provider: the arguments most of them share.
        kwargs.update(timeout=settings.llm_timeout_s, max_retries=0)
        kwargs["max_tokens"] = settings.llm_max_tokens
        if key:
            kwargs["api_key"] = key
        if spec.base_url:
            kwargs["base_url"] = spec.base_url
    return kwargs


def init_model(settings: Settings) -> Any:
    """The LangChain chat model for these settings (``init_chat_model``)."""
    spec = model_spec(settings)
    require_packages(spec.provider)
    from langchain.chat_models import init_chat_model

    return init_chat_model(spec.model, model_provider=spec.provider, **model_kwargs(spec, settings))


# --------------------------------------------------------------------------- the call


class DraftKit(BaseModel):
    """The answer for one kit: read leniently (a weak model's extra fields, odd types),
    checked question by question afterwards."""

    model_config = ConfigDict(extra="ignore")

    questions: list[DraftQuestion] = Field(default_factory=list)


def planned_model(
    base: type[BaseModel], schema: dict[str, Any], name: str = TOOL_NAME
) -> type[BaseModel]:
    """``base`` under the plan's own JSON schema (fact ids as enums, counts, length limits)
    so ``with_structured_output`` sends that schema while validating with ``base``'s
    lenient reading. Named after the tool the prompt tells the model to call."""
    sent = {"title": name, "description": "Record the interview questions.", **schema}

    def model_json_schema(cls: type[BaseModel], *args: Any, **kwargs: Any) -> dict[str, Any]:
        return copy.deepcopy(sent)

    return type(name, (base,), {"model_json_schema": classmethod(model_json_schema)})


@dataclass
class Reading:
    """What a call has brought back so far, besides the items a generator reads."""

    model: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    content: str = ""
    arguments: str = ""
    parsed: Any = None
    _usage_seen: bool = field(default=False, repr=False)

    # Providers' words for "stopped at the token limit", mapped onto OpenAI's.
    LENGTH: ClassVar[frozenset[str]] = frozenset({"length", "max_tokens", "MAX_TOKENS"})

    def add(self, message: Any) -> tuple[str, str]:
        """Take one chunk (or a whole message); return its new text and argument text."""
        text = _text_of(getattr(message, "content", ""))
        # A streamed chunk carries argument deltas; a whole message, parsed tool calls.
        chunks = getattr(message, "tool_call_chunks", None)
        args = "".join(c.get("args") or "" for c in chunks) if chunks else _whole_arguments(message)
        self.content += text
        self.arguments += args
        usage = getattr(message, "usage_metadata", None)
        if usage:
            # Chunks' usage adds up (Anthropic: input tokens first, output at the end).
            self.prompt_tokens = (self.prompt_tokens or 0) + int(usage.get("input_tokens", 0))
            self.completion_tokens = (self.completion_tokens or 0) + int(
                usage.get("output_tokens", 0)
            )
        meta = getattr(message, "response_metadata", None) or {}
        self.model = meta.get("model_name") or meta.get("model") or self.model
        reason = meta.get("finish_reason") or meta.get("stop_reason") or meta.get("done_reason")
        if reason:
            self.finish_reason = "length" if reason in self.LENGTH else str(reason)
        return text, args


def _is_model(step: Any) -> bool:
    """True for a chat model, bound or not (rather than a parsing step)."""
    from langchain_core.language_models import BaseChatModel

    return isinstance(getattr(step, "bound", step), BaseChatModel)


def _text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        # Content blocks (Anthropic): text blocks only; a tool call's input arrives as
        # tool_call_chunks too, and would be counted twice.
        return "".join(
            str(b.get("text", "")) if isinstance(b, dict) and b.get("type") == "text" else ""
            for b in content
        )
    return ""


def _whole_arguments(message: Any) -> str:
    """A non-streamed message's tool-call arguments as JSON text (invalid ones as sent)."""
    calls = getattr(message, "tool_calls", None) or []
    if calls:
        return "".join(json.dumps(c.get("args") or {}) for c in calls[:1])
    invalid = getattr(message, "invalid_tool_calls", None) or []
    return "".join(str(c.get("args") or "") for c in invalid[:1])


class StructuredCall:
    """One ``with_structured_output`` request: the bound model streams (so drafts can be
    read as they arrive), and the structured-output parser reads the whole answer."""

    def __init__(
        self,
        model: Any,
        spec: ModelSpec,
        schema: dict[str, Any],
        strict_schema: dict[str, Any],
        base: type[BaseModel] = DraftKit,
        name: str = TOOL_NAME,
    ) -> None:
        self.spec = spec
        self.call_kwargs: dict[str, Any] = {}
        kwargs: dict[str, Any] = {"method": spec.method}
        sent = schema
        if spec.method == "json_schema" and spec.provider in OPENAI_FAMILY:
            # OpenAI's strict mode: every field required, no length keywords.
            sent = strict_schema
            kwargs["strict"] = True
        structured = model.with_structured_output(planned_model(base, sent, name), **kwargs)
        # ``with_structured_output`` is the bound model (schema, tool choice or response
        # format) followed by parsing steps: the model is streamed on its own so drafts
        # are read as they arrive, and the parsing steps then read the whole answer.
        steps = list(getattr(structured, "steps", None) or [])
        if len(steps) >= 2 and _is_model(steps[0]):
            self.bound: Any = steps[0]
            self.parser: Any = functools.reduce(operator.or_, steps[1:])
        else:  # a provider that shapes it otherwise: no streaming, its own parsing
            self.bound, self.parser = structured, None
        if spec.method == "json_mode" and spec.provider in OPENAI_FAMILY and not spec.hosted:
            # vLLM and llama.cpp constrain output to a schema given with json_object;
            # OpenAI would refuse the extra field, and gets the shape from the prompt.
            extra = dict(getattr(model, "extra_body", None) or {})
            extra["response_format"] = {"type": "json_object", "schema": schema}
            self.call_kwargs["extra_body"] = extra

    def stream(self, messages: list[dict[str, str]], reading: Reading) -> Iterator[str]:
        """Yield each new piece of answer text (content or tool arguments) as it comes."""
        full: Any = None
        for chunk in self.bound.stream(messages, **self.call_kwargs):
            if self.parser is None:
                reading.parsed = chunk
                continue
            full = chunk if full is None else full + chunk
            text, args = reading.add(chunk)
            if text or args:
                yield text + args
        self._parse(full, reading)

    def invoke(self, messages: list[dict[str, str]], reading: Reading) -> str:
        message = self.bound.invoke(messages, **self.call_kwargs)
        if self.parser is None:
            reading.parsed = message
            return ""
        text, args = reading.add(message)
        self._parse(message, reading)
        return text + args

    def without_stream_usage(self) -> bool:
        """Stop asking for usage in the stream (an older server refuses the field);
        False when that was not the problem."""
        if self.spec.provider not in OPENAI_FAMILY or "stream_usage" in self.call_kwargs:
            return False
        self.call_kwargs["stream_usage"] = False
        return True

    def _parse(self, message: Any, reading: Reading) -> None:
        if message is None or self.parser is None:
            return
        try:
            reading.parsed = self.parser.invoke(message)
        except Exception:  # the lenient stream reader has already read what it could
            reading.parsed = None


__all__ = [
    "DraftKit",
    "ModelCallFailed",
    "ModelSpec",
    "Reading",
    "StructuredCall",
    "init_model",
    "is_openai_host",
    "model_kwargs",
    "model_spec",
    "planned_model",
    "require_packages",
]
