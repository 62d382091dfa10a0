"""The guidance index: corpus passages in a Chroma collection, searched by meaning.

The embedded store (``chromadb.PersistentClient`` in the user data dir) is the
default; a Chroma server (``SECONDROUND_CHROMA_HOST``) shares one index between
machines through the same code path. chromadb is imported on first use, not at
module import: it costs about a second and the CLI's other commands do not need it.

Chunk ids are content hashes, so re-indexing adds what is new and deletes what is
gone, and two processes indexing at once upsert the same ids rather than duplicates.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..embeddings import MODEL_ID, get_embedder
from ..errors import IndexUnavailable, SecondRoundError
from ..models import Passage
from ..settings import Settings
from .corpus import (
    MANAGED_ORIGINS,
    ORIGIN_USER,
    Chunk,
    CorpusDocument,
    chunk_documents,
    documents_hash,
)
from .corpus_vectors import shipped_vectors, vector_key
from .health import (
    file_stamp,
    is_connection_error,
    looks_corrupt,
    progress_bar,
    short_error,
    sqlite_damage,
)
from .queries import (
    LEVELS,
    GuidanceQuery,
    chunk_metadata,
    passages_of,
    settle,
    where_filter,
)

__all__ = ["GuidanceIndex", "GuidanceQuery", "IndexStats"]

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from chromadb.api.models.Collection import Collection

__all__ = ["GuidanceIndex", "GuidanceQuery", "IndexStats"]

_UPSERT_BATCH = 64


@dataclass
class IndexStats:
    added: int
    removed: int
    unchanged: int
    total: int
    seconds: float


class GuidanceIndex:
    """Opens (or builds) the guidance collection and answers guidance queries.

    :param documents: the managed documents, built-in and plugin-contributed. A
        user's own documents are added with :meth:`add_documents` and survive any
        re-index of the managed ones.
    """

    def __init__(self, settings: Settings, documents: Sequence[CorpusDocument]) -> None:
        self._settings = settings
        self._documents = list(documents)
        self._managed_hash = documents_hash(self._documents) + ":" + MODEL_ID
        self._client: ClientAPI | None = None
        self._collection: Collection | None = None
        self._ready = False
        self._generation = 0
        self._lock = threading.RLock()
        self._holds_file_lock = False
        # How many nearest passages the first, unfiltered search call fetches per query.
        self.candidates = 16
        # Messages already printed on stderr (e.g. a damaged index was rebuilt), kept so
        # a server can pass them on as kit warnings.
        self.notes: list[str] = []

    # ----------------------------------------------------------------- properties

    @property
    def corpus_version(self) -> str:
        """A short hash of the managed corpus content and the embedding model."""
        import hashlib

        return hashlib.sha256(self._managed_hash.encode()).hexdigest()[:12]

    @property
    def embedded(self) -> bool:
        return self._settings.chroma_host is None

    def count(self) -> int:
        with self._guard("count the guidance passages"):
            return self._open().count()

    def ping(self) -> None:
        """Raise :class:`IndexUnavailable` unless the store answers."""
        with self._guard("reach the guidance index"):
            self._open()
            assert self._client is not None
            self._client.heartbeat()

    # ----------------------------------------------------------------- state
    #
    # A small JSON file beside the embedded index says which managed corpus it holds and
    # a generation that changes whenever its content does (documents added, a rebuild).
    # It lets a process know the index is current, and reuse guidance it already looked
    # up (see pipeline.py), without importing chromadb or loading the embedding model.

    @property
    def _state_path(self) -> Path:
        return self._settings.data_dir / "index-state.json"

    def _read_state(self) -> dict[str, Any]:
        try:
            state = json.loads(self._state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _write_state(self, *, bump: bool, managed_hash: str | None = None) -> None:
        if not self.embedded:
            return
        old = self._read_state()
        generation = int(old.get("generation", 0)) + (1 if bump else 0)
        state = {
            "managed_hash": self._managed_hash if managed_hash is None else managed_hash,
            "generation": generation,
        }
        if state == old:
            return
        tmp = self._state_path.with_suffix(f".{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(state), encoding="utf-8")
            os.replace(tmp, self._state_path)
        except OSError:
            tmp.unlink(missing_ok=True)

    def state_token(self) -> str | None:
        """A token naming the index's current content, or None when it is unknown
        (a Chroma server, no index yet, or one built from another corpus)."""
        if not self.embedded or not (self._settings.index_dir / "chroma.sqlite3").exists():
            return None
        state = self._read_state()
        if state.get("managed_hash") != self._managed_hash:
            return None
        return f"{self.corpus_version}-{state.get('generation', 0)}"

    # ----------------------------------------------------------------- indexing

    def ensure_ready(self, progress: bool = False) -> IndexStats | None:
        """Bring the managed documents' passages up to date; None when nothing changed.

        Cheap when nothing changed: one read of the collection's metadata, compared
        with a hash of the documents' raw text (no chunking, no embedding).
        """
        with self._lock:
            try:
                return self._ensure_ready(progress)
            except SecondRoundError:
                raise
            except Exception as exc:
                if not self._recover_from(exc):
                    raise self._unavailable("open the guidance index", exc) from exc
            with self._guard("rebuild the guidance index"):
                return self._ensure_ready(progress)

    def _ensure_ready(self, progress: bool) -> IndexStats | None:
        collection = self._open()
        if self._indexed_hash(collection) == self._managed_hash:
            self._ready = True
            self._write_state(bump=False)
            return None
        with self._file_lock():
            # Another process may have finished the same update while we waited.
            collection = self._reopen()
            if self._indexed_hash(collection) == self._managed_hash:
                self._ready = True
                self._write_state(bump=False)
                return None
            started = time.perf_counter()
            chunks = chunk_documents(self._documents)
            stats = self._sync(
                collection, chunks, {"origin": {"$in": list(MANAGED_ORIGINS)}}, progress
            )
            metadata = dict(collection.metadata or {})
            metadata.update(corpus_hash=self._managed_hash, embedder=MODEL_ID)
            collection.modify(metadata=metadata)
            self._note_own_write()
            stats.seconds = time.perf_counter() - started
            self._write_state(bump=True)
        self._ready = True
        return stats

    def add_documents(
        self, documents: Sequence[CorpusDocument], origin: str = ORIGIN_USER, progress: bool = False
    ) -> IndexStats:
        """Index documents beside the managed ones; re-adding a source replaces its passages."""
        started = time.perf_counter()
        chunks = chunk_documents(documents, origin)
        sources = sorted({d.source for d in documents})
        with self._lock, self._guard("add documents to the guidance index"):
            if not sources:
                return IndexStats(0, 0, 0, self._open().count(), 0.0)
            with self._file_lock():
                collection = self._reopen()
                scope = {"$and": [{"origin": origin}, {"source": {"$in": sources}}]}
                stats = self._sync(collection, chunks, scope, progress)
                self._write_state(bump=True)
            stats.seconds = time.perf_counter() - started
            return stats

    def _sync(
        self, collection: Collection, chunks: list[Chunk], scope: dict[str, Any], progress: bool
    ) -> IndexStats:
        """Make the passages within ``scope`` exactly ``chunks``: add new, delete gone."""
        existing = set(collection.get(where=scope, include=[])["ids"])
        wanted = {c.id: c for c in chunks}
        new = [c for cid, c in wanted.items() if cid not in existing]
        gone = sorted(existing - wanted.keys())
        for start in range(0, len(gone), 500):
            collection.delete(ids=gone[start : start + 500])
        if new:
            self._upsert(collection, new, progress)
        self._note_own_write()
        return IndexStats(
            added=len(new),
            removed=len(gone),
            unchanged=len(wanted) - len(new),
            total=collection.count(),
            seconds=0.0,
        )

    def _upsert(self, collection: Collection, chunks: list[Chunk], progress: bool) -> None:
        import numpy as np

        shipped = shipped_vectors()
        with progress_bar(progress, len(chunks)) as advance:
            for start in range(0, len(chunks), _UPSERT_BATCH):
                batch = chunks[start : start + _UPSERT_BATCH]
                # The built-in corpus comes with its vectors; only new text is embedded.
                known = [shipped.get(vector_key(c.embedding_text)) for c in batch]
                todo = [c.embedding_text for c, v in zip(batch, known, strict=True) if v is None]
                fresh = iter(get_embedder().embed(todo)) if todo else iter(())
                vectors = np.stack([v if v is not None else next(fresh) for v in known])
                collection.upsert(
                    ids=[c.id for c in batch],
                    embeddings=vectors,
                    documents=[c.text for c in batch],
                    metadatas=[chunk_metadata(c) for c in batch],
                )
                advance(len(batch))

    # ----------------------------------------------------------------- search

    def search(self, queries: Sequence[GuidanceQuery]) -> list[list[Passage]]:
        """The ``k`` best passages for each query, in the order of ``queries``.

        Each query is answered first within its purpose, round and audience; when that
        finds fewer than ``k``, the filters are relaxed (round, then purpose, then all)
        and the best of the rest fill the gap, after the filtered matches.
        """
        if not queries:
            return []
        if not self._ready:
            self.ensure_ready()
        vectors = get_embedder().embed([q.text for q in queries])
        try:
            return self._search(queries, vectors)
        except SecondRoundError:
            raise
        except Exception as exc:
            if not self._recover_from(exc):
                raise self._unavailable("search the guidance index", exc) from exc
            self.ensure_ready()
            with self._guard("search the guidance index"):
                return self._search(queries, vectors)

    def _search(self, queries: Sequence[GuidanceQuery], vectors: Any) -> list[list[Passage]]:
        collection = self._open()
        found: list[dict[str, Passage]] = [{} for _ in queries]
        # One unfiltered call for the whole batch usually settles every query: when
        # the nearest passages overall include k that pass a query's filter, those
        # are exactly the k nearest within it. Each Chroma call costs ~2.5 ms.
        wanted = [q.k for q in queries if q.k > 0]
        start_level = [LEVELS] * len(queries)
        if wanted:
            n = max(self.candidates, max(wanted))
            nearest = collection.query(
                query_embeddings=vectors,
                n_results=n,
                include=["documents", "metadatas", "distances"],
            )
            for i, query in enumerate(queries):
                candidates = list(passages_of(nearest, i))
                start_level[i] = settle(query, candidates, len(candidates) < n, found[i])
        # What the first call could not settle: one call per distinct filter, level by
        # level, each carrying every query that uses that filter.
        done_filters: list[set[str]] = [set() for _ in queries]
        for level in range(LEVELS):
            groups: dict[str, list[int]] = {}
            filters: dict[str, dict[str, Any] | None] = {}
            for i, query in enumerate(queries):
                if start_level[i] > level or len(found[i]) >= query.k:
                    continue
                where = where_filter(query, level)
                key = json.dumps(where, sort_keys=True)
                if key in done_filters[i]:
                    continue
                done_filters[i].add(key)
                groups.setdefault(key, []).append(i)
                filters[key] = where
            for key, members in groups.items():
                result = collection.query(
                    query_embeddings=vectors[members],
                    n_results=max(queries[i].k + len(found[i]) for i in members),
                    where=filters[key],
                    include=["documents", "metadatas", "distances"],
                )
                for row, i in enumerate(members):
                    for passage in passages_of(result, row):
                        if len(found[i]) >= queries[i].k:
                            break
                        found[i].setdefault(passage.id, passage)
        return [list(f.values()) for f in found]

    # ----------------------------------------------------------------- opening

    def _open(self) -> Collection:
        if self.embedded:
            self._drop_if_stale()
        if self._collection is None:
            # A store that does not exist yet is created under the file lock: Chroma
            # runs its schema migrations when a client opens a new database, and two
            # processes doing that at once fail with "table ... already exists".
            creating = self.embedded and not (self._settings.index_dir / "chroma.sqlite3").exists()
            with self._file_lock() if creating else contextlib.nullcontext():
                client = self._connect()
                from .. import embeddings

                # Chroma types the parameter for any embeddable input; ours embeds text only.
                self._collection = client.get_or_create_collection(
                    self._settings.collection,
                    embedding_function=embeddings.ChromaEmbeddingFunction(),  # type: ignore[arg-type]
                )
        return self._collection

    def _reopen(self) -> Collection:
        """The collection with fresh metadata (another process may have changed it)."""
        self._collection = None
        return self._open()

    def _connect(self) -> ClientAPI:
        if self._client is not None:
            return self._client
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False)
        if self._settings.chroma_host is not None:
            host, port, ssl = _server_address(self._settings)
            try:
                self._client = chromadb.HttpClient(
                    host=host, port=port, ssl=ssl, settings=chroma_settings
                )
            except Exception as exc:
                raise self._unavailable("accept the connection", exc) from exc
            return self._client
        index_dir = self._settings.index_dir
        index_dir.mkdir(parents=True, exist_ok=True)
        if sqlite_damage(index_dir / "chroma.sqlite3") is not None:
            with self._file_lock():
                # Another process may have moved it aside and rebuilt it meanwhile.
                damage = sqlite_damage(index_dir / "chroma.sqlite3")
                if damage is not None:
                    self._move_aside(damage)
                    index_dir.mkdir(parents=True, exist_ok=True)
        self._client = chromadb.PersistentClient(path=str(index_dir), settings=chroma_settings)
        self._note_own_write()
        return self._client

    def _recover_from(self, exc: Exception) -> bool:
        """Move a damaged embedded index aside so the next open rebuilds it."""
        if not self.embedded or not looks_corrupt(exc):
            return False
        with self._file_lock():
            self._move_aside(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return True

    def _move_aside(self, reason: str) -> None:
        index_dir = self._settings.index_dir
        self._forget_client()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}")
        suffix = 1
        while target.exists():
            target = index_dir.with_name(f"{index_dir.name}.damaged-{stamp}-{suffix}")
            suffix += 1
        if index_dir.exists():
            index_dir.rename(target)
        self._write_state(bump=True, managed_hash="")
        note = (
            f"The guidance index in {index_dir} was damaged ({reason}); it was moved to "
            f"{target.name} and is being rebuilt (re-add your own documents with "
            "`secondround index`)."
        )
        self.notes.append(note)
        print(note, file=sys.stderr)

    def _drop_if_stale(self) -> None:
        """Reload the embedded store when another process has written to it.

        Chroma's embedded store keeps its vector index in memory and does not see other
        processes' writes (a ``secondround index`` run beside a server, several server
        workers): its SQLite file changing under us is the sign, and one ``stat`` per
        call is the cost. A reload takes ~0.1 s and happens only after such a write.
        """
        key = str(self._settings.index_dir)
        stamp = file_stamp(self._settings.index_dir / "chroma.sqlite3")
        with _PROCESS_LOCK:
            known = _KNOWN_STAMPS.get(key)
            if known is not None and known != stamp:
                # Dropped, not stopped: a query in flight on another thread may still
                # hold the old system, which is freed when the last reference goes.
                from chromadb.api.shared_system_client import SharedSystemClient

                SharedSystemClient._identifier_to_system.pop(key, None)
                SharedSystemClient._identifier_to_refcount.pop(key, None)
                _GENERATIONS[key] = _GENERATIONS.get(key, 0) + 1
            _KNOWN_STAMPS[key] = stamp
            generation = _GENERATIONS.get(key, 0)
        if generation != self._generation:
            self._collection = None
            self._client = None
            self._generation = generation

    def _note_own_write(self) -> None:
        """Record that the store's file now reflects this process's own writes."""
        if self.embedded:
            key = str(self._settings.index_dir)
            with _PROCESS_LOCK:
                _KNOWN_STAMPS[key] = file_stamp(self._settings.index_dir / "chroma.sqlite3")

    def _forget_client(self) -> None:
        """Drop this process's cached Chroma system for the index path, damaged or not."""
        self._collection = None
        self._client = None
        self._ready = False
        from chromadb.api.shared_system_client import SharedSystemClient

        identifier = str(self._settings.index_dir)
        with _PROCESS_LOCK:
            system = SharedSystemClient._identifier_to_system.pop(identifier, None)
            SharedSystemClient._identifier_to_refcount.pop(identifier, None)
            _KNOWN_STAMPS.pop(identifier, None)
            _GENERATIONS[identifier] = _GENERATIONS.get(identifier, 0) + 1
            self._generation = _GENERATIONS[identifier]
        if system is not None:
            with contextlib.suppress(Exception):
                system.stop()

    # ----------------------------------------------------------------- helpers

    def _indexed_hash(self, collection: Collection) -> str | None:
        value = (collection.metadata or {}).get("corpus_hash")
        return value if isinstance(value, str) else None

    @contextlib.contextmanager
    def _file_lock(self) -> Iterator[None]:
        """Serialise index updates between processes on this machine.

        The lock file sits beside the index folder, not inside it, so it survives the
        folder being moved aside after damage.
        """
        with self._lock:
            # Re-entrant within this instance: opening may find damage mid-update.
            if self._holds_file_lock:
                yield
                return
            data_dir = self._settings.index_dir.parent
            try:
                data_dir.mkdir(parents=True, exist_ok=True)
                handle = open(data_dir / "index.lock", "a")  # noqa: SIM115 - held across yield
            except OSError:
                if self.embedded:
                    raise
                yield  # a server index from a read-only machine: upserts are idempotent
                return
            with handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                self._holds_file_lock = True
                try:
                    yield
                finally:
                    self._holds_file_lock = False
                    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except SecondRoundError:
            raise
        except Exception as exc:
            raise self._unavailable(action, exc) from exc

    def _unavailable(self, action: str, exc: BaseException) -> IndexUnavailable:
        if not self.embedded:
            host, port, ssl = _server_address(self._settings)
            url = f"{'https' if ssl else 'http'}://{host}:{port}"
            if is_connection_error(exc):
                return IndexUnavailable(
                    f"The Chroma server at {url} is not answering; start it with `chroma run` "
                    "or unset SECONDROUND_CHROMA_HOST to use the embedded index."
                )
            return IndexUnavailable(
                f"The Chroma server at {url} could not {action} ({short_error(exc)}); check the "
                "server's log, or unset SECONDROUND_CHROMA_HOST to use the embedded index."
            )
        return IndexUnavailable(
            f"Could not {action} in {self._settings.index_dir} ({short_error(exc)}); check that "
            "the folder is writable, or delete it so it is rebuilt."
        )


# --------------------------------------------------------------------------- module helpers


# Per embedded index path, shared by every GuidanceIndex in this process (they share
# one Chroma system): the SQLite file's last known (mtime, size) and how many times
# this process has dropped its system for that path.
_PROCESS_LOCK = threading.Lock()
_KNOWN_STAMPS: dict[str, tuple[int, int]] = {}
_GENERATIONS: dict[str, int] = {}


def _server_address(settings: Settings) -> tuple[str, int, bool]:
    """Accept ``host``, ``host:port`` or a URL in SECONDROUND_CHROMA_HOST."""
    from urllib.parse import urlsplit

    raw = (settings.chroma_host or "").strip()
    if "://" in raw:
        parts = urlsplit(raw)
        return parts.hostname or "", parts.port or settings.chroma_port, parts.scheme == "https"
    host, _, port = raw.partition(":")
    return host, int(port) if port.isdigit() else settings.chroma_port, settings.chroma_ssl
