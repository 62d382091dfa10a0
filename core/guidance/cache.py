"""Guidance already looked up, kept per index state, in memory and on disk.

A kit's retrieval queries name a purpose and the kinds of fact a resume brings to it
(never resume text), so the same few hundred queries recur across candidates. When the
index has not changed (same state token, see ``GuidanceIndex.state_token``), their
answers can be reused: a command-line run then needs neither chromadb nor the embedding
model, which is most of its start-up time. The cache file holds corpus passages only.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..models import Passage

if TYPE_CHECKING:
    from .index import GuidanceQuery

MAX_ENTRIES = 512


def query_key(query: GuidanceQuery) -> str:
    return json.dumps(
        [query.text, query.purpose, query.round, query.audience, query.k], ensure_ascii=False
    )


class GuidanceCache:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.token: str | None = None
        self.entries: dict[str, list[Passage]] = {}
        self._loaded = False
        self._dirty = False
        # A server builds kits on several threads at once.
        self._lock = threading.RLock()

    def _load(self, token: str) -> None:
        if self._loaded and self.token == token:
            return
        self.entries, self.token, self._loaded = {}, token, True
        if self.path is None:
            return
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict) or raw.get("token") != token:
            return
        try:
            self.entries = {
                k: [Passage.model_validate(p) for p in v] for k, v in raw["entries"].items()
            }
        except (KeyError, TypeError, ValueError):
            self.entries = {}

    def get(
        self, token: str | None, queries: Sequence[GuidanceQuery]
    ) -> list[list[Passage]] | None:
        """All answers, or None if any query is not cached for this index state."""
        if token is None:
            return None
        self._load(token)
        found = [self.entries.get(query_key(q)) for q in queries]
        if any(f is None for f in found):
            return None
        return [f for f in found if f is not None]

    def put(
        self, token: str | None, queries: Sequence[GuidanceQuery], answers: Sequence[list[Passage]]
    ) -> None:
        if token is None:
            return
        self._load(token)
        for q, a in zip(queries, answers, strict=True):
            self.entries[query_key(q)] = list(a)
        while len(self.entries) > MAX_ENTRIES:
            self.entries.pop(next(iter(self.entries)))
        self._dirty = True

    def clear(self) -> None:
        with self._lock:
            self.entries, self.token, self._loaded = {}, None, False
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def save(self) -> None:
        with self._lock:
            if not self._dirty or self.path is None or self.token is None:
                return
            data = {
                "token": self.token,
                "entries": {k: [p.model_dump() for p in v] for k, v in self.entries.items()},
            }
        tmp = self.path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError:
            tmp.unlink(missing_ok=True)
