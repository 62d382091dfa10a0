"""Settings: ``SECONDROUND_*`` environment variables or a ``.env`` file; CLI flags on top.

Defaults need no key, no server and no network.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import InvalidSetting

# Provider prefixes recognised in SECONDROUND_LLM_MODEL ("anthropic:claude-..."): the
# ones LangChain's init_chat_model knows by name. Anything else is part of the model name
# (an Ollama tag such as "qwen2.5:0.5b" has a colon too).
KNOWN_PROVIDERS = frozenset(
    {
        "anthropic",
        "azure_ai",
        "azure_openai",
        "bedrock",
        "bedrock_converse",
        "cohere",
        "deepseek",
        "fireworks",
        "google_anthropic_vertex",
        "google_genai",
        "google_vertexai",
        "groq",
        "huggingface",
        "ibm",
        "mistralai",
        "nvidia",
        "ollama",
        "openai",
        "openrouter",
        "perplexity",
        "together",
        "xai",
    }
)
KEYLESS_PROVIDERS = frozenset({"ollama"})
# Where each provider's own SDK looks for its key, used when SECONDROUND_LLM_API_KEY is
# not set (so an existing OPENAI_API_KEY or ANTHROPIC_API_KEY just works).
PROVIDER_KEY_VARIABLES = {
    "openai": "OPENAI_API_KEY",
    "azure_openai": "AZURE_OPENAI_API_KEY",
    "anthropic": "ANTHROPIC_API_KEY",
    "mistralai": "MISTRAL_API_KEY",
    "groq": "GROQ_API_KEY",
    "google_genai": "GOOGLE_API_KEY",
}


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("secondround", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SECONDROUND_", env_file=".env", extra="ignore", validate_default=True
    )

    # Where the embedded guidance index lives (the only thing written to disk).
    data_dir: Path = Field(default_factory=_default_data_dir)
    # A Chroma server for a shared index; empty means the embedded store in data_dir.
    chroma_host: str | None = None
    chroma_port: int = 8000
    chroma_ssl: bool = False
    collection: str = "secondround-guidance"

    # Generator: empty picks "llm" when a model is configured, else "offline".
    generator: str | None = None
    # The model, as LangChain's init_chat_model names it: "gpt-4.1-mini", or with its
    # provider in front ("anthropic:claude-...", "ollama:qwen2.5"). A provider prefix
    # wins over llm_provider; with neither, an OpenAI-compatible endpoint is assumed
    # (OpenAI itself, or whatever llm_base_url points at: vLLM, llama.cpp, ...).
    llm_provider: str | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    # Azure OpenAI only: the API version its deployments are called with.
    llm_api_version: str = "2024-10-21"
    # Empty picks what the provider does best (see core/generation/chat_model.py).
    llm_structured_output: Literal["json_schema", "function_calling", "json_object"] | None = None
    llm_timeout_s: float = Field(default=60.0, gt=0)
    llm_max_tokens: int = Field(default=3000, gt=0)
    llm_temperature: float = Field(default=0.2, ge=0, le=2)
    llm_seed: int | None = 7
    llm_retries: int = Field(default=2, ge=0, le=10)

    # Plugins: comma-separated names to load; empty string loads built-ins only;
    # unset loads every installed plugin.
    load_plugins: str | None = None
    trace_plugins: bool = False

    # Compliance rules (protected topics, salary-history bans) by jurisdiction.
    jurisdiction: str = "US"
    # "Today" for present/ongoing dates; fixed in eval for reproducible numbers.
    today: date | None = None

    # Server.
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    api_keys: str = ""  # comma-separated; when set, every API route needs one
    admin_keys: str = ""  # comma-separated; corpus writes need one of these
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, gt=0)
    parse_timeout_s: float = Field(default=10.0, gt=0)
    max_concurrent_kits: int = Field(default=4, ge=1)
    rate_limit_per_minute: int = Field(default=120, ge=0)  # per client; 0 disables
    cors_origins: str = ""  # comma-separated; empty means CORS off
    log_level: str = "INFO"

    @field_validator(
        "chroma_host",
        "generator",
        "llm_provider",
        "llm_base_url",
        "llm_model",
        "llm_seed",
        "llm_structured_output",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("today", mode="before")
    @classmethod
    def _year_month_is_a_date(cls, value: object) -> object:
        # Resume dates are months, so "2026-11" is the natural way to pin "present";
        # it means the first of that month. Blank means the real date.
        if isinstance(value, str):
            text = value.strip()
            if not text:
                return None
            year, _, month = text.partition("-")
            if len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12 and len(month) == 2:
                return f"{text}-01"
        return value

    @property
    def api_key_list(self) -> list[str]:
        return [k.strip() for k in self.api_keys.split(",") if k.strip()]

    @property
    def admin_key_list(self) -> list[str]:
        return [k.strip() for k in self.admin_keys.split(",") if k.strip()]

    @property
    def cors_origin_list(self) -> list[str]:
        return [o.strip() for o in self.cors_origins.split(",") if o.strip()]

    @property
    def plugin_allowlist(self) -> set[str] | None:
        if self.load_plugins is None:
            return None
        return {p.strip() for p in self.load_plugins.split(",") if p.strip()}

    @property
    def resolved_llm_provider(self) -> str:
        """The LangChain provider the model is reached through ("openai" for any
        OpenAI-compatible endpoint)."""
        prefix, _ = self._split_model()
        provider = prefix or self.llm_provider or "openai"
        return provider.strip().lower().replace("-", "_")

    @property
    def resolved_llm_model(self) -> str | None:
        """The model name without its provider prefix."""
        return self._split_model()[1]

    def _split_model(self) -> tuple[str | None, str | None]:
        model = self.llm_model
        if model and ":" in model:
            prefix, rest = model.split(":", 1)
            if prefix.strip().lower().replace("-", "_") in KNOWN_PROVIDERS and rest:
                return prefix, rest
        return None, model

    @property
    def llm_configured(self) -> bool:
        if not self.resolved_llm_model:
            return False
        # A local Ollama needs neither a key nor a URL (it listens on its own port).
        return bool(
            self.llm_base_url
            or self.resolved_llm_api_key
            or self.resolved_llm_provider in KEYLESS_PROVIDERS
        )

    @property
    def resolved_llm_api_key(self) -> str | None:
        import os

        if self.llm_api_key is not None:
            return self.llm_api_key.get_secret_value()
        variable = PROVIDER_KEY_VARIABLES.get(self.resolved_llm_provider, "OPENAI_API_KEY")
        return os.environ.get(variable) or None

    @property
    def default_generator(self) -> str:
        if self.generator:
            return self.generator
        return "llm" if self.llm_configured else "offline"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment with ``overrides`` on top; a bad value raises
    InvalidSetting naming the variable, instead of pydantic's report."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise InvalidSetting(describe_invalid_settings(exc)) from None


# What a valid value looks like, where pydantic's own message does not say.
_SETTING_HINTS = {"today": " (give a date as YYYY-MM-DD or a month as YYYY-MM)"}


def describe_invalid_settings(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "?"
        given = error.get("input")
        shown = f"={given!r}" if isinstance(given, str | int | float) else ""
        hint = _SETTING_HINTS.get(field, "")
        problems.append(f"SECONDROUND_{field.upper()}{shown}: {error['msg']}{hint}")
    return "Bad setting: " + "; ".join(problems) + ". Fix or unset it and try again."


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
