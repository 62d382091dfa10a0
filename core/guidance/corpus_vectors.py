"""Embeddings of the built-in corpus, computed once and shipped as package data.

Building the index on first use is mostly embedding (about 0.1 s a passage on two
cores); with these vectors, a first run only stores them. Vectors are keyed by a hash of
the exact text embedded and the model, so an edited passage is simply embedded afresh.
Regenerate after editing corpus/: ``python scripts/build_corpus_vectors.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..embeddings import DIMENSIONS, MODEL_ID

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

FILE_NAME = "corpus-vectors.json"


def vector_key(embedding_text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\n{embedding_text}".encode()).hexdigest()[:24]


@lru_cache(maxsize=1)
def shipped_vectors() -> dict[str, npt.NDArray[np.float32]]:
    """Key -> unit vector (float32), or empty when the file is missing or for another model."""
    import numpy as np

    try:
        raw = resources.files("secondround.core.data").joinpath(FILE_NAME).read_text("utf-8")
        data = json.loads(raw)
    except (OSError, ValueError):
        return {}
    if data.get("model") != MODEL_ID or data.get("dims") != DIMENSIONS:
        return {}
    keys: list[str] = data["keys"]
    matrix = np.frombuffer(base64.b64decode(data["vectors"]), dtype=np.float16)
    matrix = matrix.reshape(len(keys), DIMENSIONS).astype(np.float32)
    return dict(zip(keys, matrix, strict=True))


def write_vectors(texts: Sequence[str], path: Path) -> int:
    """Embed ``texts`` and write the file (float16: half the size, same neighbours)."""
    import numpy as np

    from ..embeddings import get_embedder

    unique = list(dict.fromkeys(texts))
    vectors = get_embedder().embed(unique).astype(np.float16)
    data = {
        "model": MODEL_ID,
        "dims": DIMENSIONS,
        "keys": [vector_key(t) for t in unique],
        "vectors": base64.b64encode(vectors.tobytes()).decode("ascii"),
    }
    path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    return len(unique)
