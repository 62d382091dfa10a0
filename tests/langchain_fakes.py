"""LangChain's chat-model seam for the provider tests: the REAL provider class (ChatOpenAI,
AzureChatOpenAI, ChatAnthropic, ChatOllama), built by the generator through
``init_chat_model``, with only its transport (``_stream`` / ``_generate``) replaced by a
scripted one. So ``with_structured_output``, the tool or schema binding and the parsers
are the provider package's own; the fake model only decides what text comes back, in the
shape that provider streams it (tool-call deltas, Anthropic's content blocks, Ollama's
JSON content), and records what it was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

# The JSON answer for a prompt (the user message's text), or an exception to raise.
Script = Callable[[str], "str | Exception"]


@dataclass
class Call:
    messages: list[BaseMessage]
    kwargs: dict[str, Any]

    @property
    def text(self) -> str:
        return "\n".join(str(m.content) for m in self.messages)

    @property
    def user(self) -> str:
        return str(self.messages[-1].content)


@dataclass
class FakeTransport:
    """Replaces a provider class's network calls for one test."""

    script: Script
    shape: str  # "tool" | "anthropic_tool" | "content"
    model_name: str = "fake-provider-model"
    usage: tuple[int, int] = (900, 210)
    finish: str = "stop"
    chunk_chars: int = 40
    calls: list[Call] = field(default_factory=list)

    def install(self, monkeypatch: pytest.MonkeyPatch, cls: type) -> None:
        transport = self

        def _stream(
            model: Any,
            messages: list[BaseMessage],
            stop: list[str] | None = None,
            run_manager: Any = None,
            **kwargs: Any,
        ) -> Iterator[ChatGenerationChunk]:
            yield from transport.chunks(messages, kwargs)

        def _generate(
            model: Any,
            messages: list[BaseMessage],
            stop: list[str] | None = None,
            run_manager: Any = None,
            **kwargs: Any,
        ) -> ChatResult:
            merged: AIMessageChunk | None = None
            for chunk in transport.chunks(messages, kwargs):
                message = chunk.message
                assert isinstance(message, AIMessageChunk)
                merged = message if merged is None else merged + message
            assert merged is not None
            whole = AIMessage(
                content=merged.content,
                tool_calls=merged.tool_calls,
                invalid_tool_calls=merged.invalid_tool_calls,
                usage_metadata=merged.usage_metadata,
                response_metadata={"model_name": transport.model_name},
            )
            return ChatResult(generations=[ChatGeneration(message=whole)])

        monkeypatch.setattr(cls, "_stream", _stream)
        monkeypatch.setattr(cls, "_generate", _generate)

    def chunks(
        self, messages: list[BaseMessage], kwargs: dict[str, Any]
    ) -> Iterator[ChatGenerationChunk]:
        call = Call(list(messages), dict(kwargs))
        self.calls.append(call)
        reply = self.script(call.user)
        if isinstance(reply, Exception):
            raise reply
        pieces = [reply[i : i + self.chunk_chars] for i in range(0, len(reply), self.chunk_chars)]
        prompt_tokens, completion_tokens = self.usage
        tools = kwargs.get("tools") or [{}]
        name = (tools[0].get("function") or {}).get("name") or tools[0].get("name")
        for i, piece in enumerate(pieces):
            first, last = i == 0, i == len(pieces) - 1
            meta: dict[str, Any] = {}
            usage = None
            if self.shape == "anthropic_tool":
                # Anthropic: input tokens on the first event, output tokens on the last,
                # the tool input as content blocks and as tool-call chunks.
                if first:
                    meta["model_name"] = self.model_name
                    usage = _usage(prompt_tokens, 0)
                if last:
                    meta["stop_reason"] = "max_tokens" if self.finish == "length" else "end_turn"
                    usage = _usage(0 if not first else prompt_tokens, completion_tokens)
                message = AIMessageChunk(
                    content=[{"type": "tool_use", "partial_json": piece, "index": 0}],
                    tool_call_chunks=[_tool_chunk(piece, first, name)],
                    usage_metadata=usage,
                    response_metadata=meta,
                )
            else:
                if last:
                    meta = {
                        "finish_reason": self.finish,
                        "done_reason": self.finish,
                        "model_name": self.model_name,
                    }
                    usage = _usage(prompt_tokens, completion_tokens)
                if self.shape == "tool":
                    message = AIMessageChunk(
                        content="",
                        tool_call_chunks=[_tool_chunk(piece, first, name)],
                        usage_metadata=usage,
                        response_metadata=meta,
                    )
                else:
                    message = AIMessageChunk(
                        content=piece, usage_metadata=usage, response_metadata=meta
                    )
            yield ChatGenerationChunk(message=message)


def _usage(prompt: int, completion: int) -> Any:
    return {
        "input_tokens": prompt,
        "output_tokens": completion,
        "total_tokens": prompt + completion,
    }


def _tool_chunk(piece: str, first: bool, name: str | None) -> Any:
    return {
        "name": (name or "write_interview_kit") if first else None,
        "args": piece,
        "id": "call_1" if first else None,
        "index": 0,
        "type": "tool_call_chunk",
    }
