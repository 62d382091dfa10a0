"""Each model provider the ``llm`` generator reaches, on LangChain's chat-model seam.

The generator builds the REAL provider class through ``init_chat_model`` (ChatOpenAI for
OpenAI and any OpenAI-compatible URL, AzureChatOpenAI, ChatAnthropic, ChatOllama) and
asks it with ``with_structured_output``; only the network call is scripted (see
tests/langchain_fakes.py). For each provider: the settings a user writes reach the right
class with the right limits, the structured-output method is one that provider supports,
exactly one call is made per kit, nothing personal is in it, and the kit is grounded and
complete, with tokens and model as the provider reported them. The llama.cpp server test
(tests/test_llm_server.py) covers the same path over a real socket.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytest.importorskip("langchain", reason="the LLM extra is not installed: pip install '.[llm]'")
pytest.importorskip("langchain_openai")

from secondround.core.generation.chat_model import init_model, model_spec
from secondround.core.models import InterviewKit
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import Registry, build_registry
from secondround.core.settings import Settings
from secondround.plugins import generator_openai
from tests.index_fixture import engine_settings  # noqa: F401
from tests.langchain_fakes import FakeTransport
from tests.test_llm_generator import (
    EMAIL,
    NAME,
    NOTES,
    PHONE,
    RESUME,
    answer,
    assert_sound,
)

COUNT = 6


@dataclass(frozen=True)
class Provider:
    id: str
    settings: dict[str, Any]
    module: str
    cls: str
    method: str
    shape: str


PROVIDERS = [
    Provider(
        "openai",
        {"llm_model": "openai:gpt-4.1-mini", "llm_api_key": "sk-test"},
        "langchain_openai",
        "ChatOpenAI",
        "json_schema",
        "content",
    ),
    Provider(
        "openai_compatible",
        # The settings as they were before providers existed: a URL and a model name.
        {"llm_model": "qwen2.5-1.5b-instruct", "llm_base_url": "http://127.0.0.1:9/v1"},
        "langchain_openai",
        "ChatOpenAI",
        "function_calling",
        "tool",
    ),
    Provider(
        "azure_openai",
        {
            "llm_provider": "azure_openai",
            "llm_model": "kits-gpt-4-1-mini",
            "llm_base_url": "https://example-resource.openai.azure.com",
            "llm_api_key": "azure-test-key",
        },
        "langchain_openai",
        "AzureChatOpenAI",
        "json_schema",
        "content",
    ),
    Provider(
        "anthropic",
        {"llm_model": "anthropic:claude-sonnet-4-5", "llm_api_key": "sk-ant-test"},
        "langchain_anthropic",
        "ChatAnthropic",
        "function_calling",
        "anthropic_tool",
    ),
    Provider(
        "ollama",
        # A tag with its own colon: only the first, known, prefix names the provider.
        {"llm_model": "ollama:qwen2.5:1.5b"},
        "langchain_ollama",
        "ChatOllama",
        "json_schema",
        "content",
    ),
]


def prompt_answer(user: str) -> str:
    """The scripted model's answer: a sound kit, written from the prompt it was sent."""
    return answer()({"messages": [{"content": user}]})


def settings_for(base: Settings, provider: Provider) -> Settings:
    update: dict[str, Any] = {"llm_timeout_s": 10.0, "llm_retries": 1, **provider.settings}
    if "llm_api_key" in update:
        from pydantic import SecretStr

        update["llm_api_key"] = SecretStr(update["llm_api_key"])
    return base.model_copy(update=update)


def llm_registry(settings: Settings) -> Registry:
    registry = build_registry(settings)
    if "llm" not in registry.generators:
        registry = build_registry(settings, extra=[("generator_openai", generator_openai)])
    return registry


@dataclass
class ProviderRun:
    provider: Provider
    settings: Settings
    transport: FakeTransport
    engine: Engine
    sleeps: list[float]

    def kit(self, **request: Any) -> InterviewKit:
        fields = {"resume_text": RESUME, "notes_text": NOTES, "count": COUNT, **request}
        return self.engine.build_kit(KitRequest(**fields))


def provider_run(
    base: Settings, provider: Provider, monkeypatch: pytest.MonkeyPatch, **transport: Any
) -> ProviderRun:
    module = pytest.importorskip(provider.module)
    settings = settings_for(base, provider)
    fake = FakeTransport(transport.pop("script", prompt_answer), provider.shape, **transport)
    fake.install(monkeypatch, getattr(module, provider.cls))
    registry = llm_registry(settings)
    generator = registry.generator("llm")
    sleeps: list[float] = []
    generator.sleep = sleeps.append  # type: ignore[attr-defined]
    return ProviderRun(provider, settings, fake, Engine(settings, registry), sleeps)


@pytest.fixture(params=PROVIDERS, ids=[p.id for p in PROVIDERS])
def run(
    request: pytest.FixtureRequest,
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[ProviderRun]:
    yield provider_run(engine_settings, request.param, monkeypatch)


def test_settings_reach_the_providers_own_class(run: ProviderRun) -> None:
    settings, p = run.settings, run.provider
    assert settings.llm_configured and settings.default_generator == "llm"
    model = init_model(settings)
    assert type(model).__name__ == p.cls
    assert model_spec(settings).method == p.method
    limits = settings.llm_max_tokens
    if p.id == "openai":
        assert (model.model_name, model.max_tokens, model.max_retries) == (
            "gpt-4.1-mini",
            limits,
            0,
        )
    elif p.id == "openai_compatible":
        assert model.openai_api_base == "http://127.0.0.1:9/v1"
        # llama.cpp ignores max_completion_tokens: the old name travels in the body.
        assert model.extra_body == {"max_tokens": limits} and model.max_tokens is None
    elif p.id == "azure_openai":
        assert model.deployment_name == "kits-gpt-4-1-mini"
        assert model.azure_endpoint == "https://example-resource.openai.azure.com"
        assert model.openai_api_version == settings.llm_api_version
    elif p.id == "anthropic":
        assert (model.model, model.max_tokens, model.max_retries) == (
            "claude-sonnet-4-5",
            limits,
            0,
        )
    elif p.id == "ollama":
        assert (model.model, model.num_predict, model.seed) == ("qwen2.5:1.5b", limits, 7)


def test_one_call_per_kit_grounded_and_reported(run: ProviderRun) -> None:
    kit = run.kit()
    assert_sound(kit)
    assert len(run.transport.calls) == 1
    assert (kit.meta.generator, kit.meta.model) == ("llm", "fake-provider-model")
    assert kit.meta.tokens == {"prompt": 900, "completion": 210}
    assert (kit.meta.filled, kit.meta.dropped) == (0, 0)
    assert not [w for w in kit.warnings if w.code.startswith("generator")]


def test_the_provider_is_asked_with_a_method_it_supports(run: ProviderRun) -> None:
    run.kit()
    kwargs = run.transport.calls[0].kwargs
    p = run.provider
    if p.method == "function_calling":
        tools = json.dumps(kwargs["tools"])
        assert "write_interview_kit" in tools and '"questions"' in tools
        assert kwargs.get("tool_choice")
    elif p.id == "ollama":
        # Ollama's native structured output: the plan's schema as `format`.
        assert kwargs["format"]["required"] == ["questions"]
    else:
        # OpenAI's native structured output on the plan's schema, in its strict form
        # (no length keywords; the strict flag in the HTTP body is checked in
        # tests/test_llm_generator.py).
        schema = kwargs["response_format"].model_json_schema()
        assert schema["required"] == ["questions"] and "maxLength" not in json.dumps(schema)


def test_nothing_personal_reaches_any_provider(run: ProviderRun) -> None:
    run.kit()
    sent = run.transport.calls[0].text
    for personal in (NAME, "Okafor", EMAIL, PHONE, "Married with two children"):
        assert personal not in sent, personal
    assert "[EMAIL_1]" in sent
    # Resume text is data inside a delimited block, never instructions.
    assert sent.count("</candidate_data>") == 1


@pytest.mark.parametrize("provider", PROVIDERS, ids=[p.id for p in PROVIDERS])
def test_a_providers_overload_is_retried_then_falls_back(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    provider: Provider,
) -> None:
    class Overloaded(Exception):
        """The shape every provider SDK's status errors share."""

        status_code = 529 if provider.id == "anthropic" else 503

    run = provider_run(
        engine_settings, provider, monkeypatch, script=lambda _: Overloaded("overloaded")
    )
    kit = run.kit()
    assert_sound(kit)
    assert len(run.transport.calls) == 2 and len(run.sleeps) == 1
    fallback = " ".join(w.message for w in kit.warnings if w.code == "generator_fallback")
    assert "failed after 2 attempt(s): HTTP" in fallback
    assert kit.meta.filled == COUNT


def test_a_local_ollama_that_is_not_running_falls_back(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ollama = next(p for p in PROVIDERS if p.id == "ollama")
    run = provider_run(
        engine_settings,
        ollama,
        monkeypatch,
        script=lambda _: ConnectionError("Failed to connect to Ollama"),
    )
    kit = run.kit()
    assert_sound(kit)
    assert "could not connect" in " ".join(w.message for w in kit.warnings)


def test_a_cut_off_answer_keeps_what_was_complete(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    anthropic = next(p for p in PROVIDERS if p.id == "anthropic")

    def truncated(user: str) -> str:
        text = prompt_answer(user)
        return text[: text.index('{"purpose"', text.index('{"purpose"') + 1) + 40]

    run = provider_run(engine_settings, anthropic, monkeypatch, script=truncated, finish="length")
    kit = run.kit()
    assert_sound(kit)
    assert kit.meta.filled == COUNT - 1
    assert "token limit" in " ".join(w.message for w in kit.warnings if w.code == "generator")


def test_missing_provider_package_says_which_extra(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    anthropic = next(p for p in PROVIDERS if p.id == "anthropic")
    settings = settings_for(engine_settings, anthropic)
    monkeypatch.setitem(sys.modules, "langchain_anthropic", None)
    kit = Engine(settings, llm_registry(settings)).build_kit(
        KitRequest(resume_text=RESUME, count=COUNT)
    )
    assert len(kit.questions) == COUNT
    assert "pip install 'secondround[anthropic]'" in " ".join(w.message for w in kit.warnings)


def test_provider_settings_resolve_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AZURE_OPENAI_API_KEY"):
        monkeypatch.delenv(variable, raising=False)

    def make(**values: Any) -> Settings:
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    # No model: the composer, whatever else is set.
    assert make(llm_provider="ollama").default_generator == "offline"
    # Ollama runs locally: no key, no URL needed.
    local = make(llm_model="ollama:llama3.2")
    assert (local.resolved_llm_provider, local.resolved_llm_model) == ("ollama", "llama3.2")
    assert local.llm_configured
    # A hosted provider needs its key; its own variable is read when ours is unset.
    assert not make(llm_model="anthropic:claude-haiku-4-5").llm_configured
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-x")
    hosted = make(llm_model="claude-haiku-4-5", llm_provider="anthropic")
    assert hosted.llm_configured and hosted.resolved_llm_api_key == "sk-ant-x"
    # A colon that is not a provider's is part of the model name (an Ollama tag).
    tagged = make(llm_model="qwen2.5:0.5b", llm_provider="ollama")
    assert tagged.resolved_llm_model == "qwen2.5:0.5b"
    # The settings from before providers: an OpenAI-compatible URL, a forced tool call.
    legacy = make(llm_model="smollm2", llm_base_url="http://127.0.0.1:8080/v1")
    assert legacy.resolved_llm_provider == "openai"
    assert model_spec(legacy).method == "function_calling"
    explicit = make(
        llm_model="smollm2", llm_base_url="http://x/v1", llm_structured_output="json_object"
    )
    assert model_spec(explicit).method == "json_mode"
