"""A guidance query and how its filters (purpose, round, audience) match passages.

Filters relax step by step when too few passages match: all filters, then without the
round, then without the purpose (audience only), then none; filtered matches first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..models import Passage
from .corpus import Chunk


@dataclass(frozen=True)
class GuidanceQuery:
    text: str
    purpose: str | None = None
    round: str | None = None
    audience: str | None = None  # "interviewer" | "candidate"
    k: int = 2


# Rounds metadata is a list; this entry marks guidance that applies to every round.
ANY_ROUND = "*"


# Audience "both" serves interviewers and candidates alike.
BOTH_AUDIENCES = "both"


LEVELS = 4


def chunk_metadata(chunk: Chunk) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "source": chunk.source,
        "title": chunk.title,
        "heading": chunk.heading,
        "audience": chunk.audience,
        "origin": chunk.origin,
        # Chroma lists must be non-empty: no rounds means every round.
        "rounds": list(chunk.rounds) or [ANY_ROUND],
    }
    if chunk.purposes:
        metadata["purposes"] = list(chunk.purposes)
    return metadata


def settle(
    query: GuidanceQuery, candidates: list[Passage], complete: bool, found: dict[str, Passage]
) -> int:
    """Fill ``found`` from the unfiltered nearest ``candidates``, level by level.

    Returns the first relaxation level these candidates cannot settle (``LEVELS`` when
    done). ``complete`` means the candidates are the whole collection.
    """
    for level in range(LEVELS):
        need = query.k - len(found)
        if need <= 0:
            return LEVELS
        matches = [p for p in candidates if p.id not in found and passes(p, query, level)]
        if len(matches) < need and not complete:
            return level
        for passage in matches[:need]:
            found[passage.id] = passage
    return LEVELS


def passes(passage: Passage, query: GuidanceQuery, level: int) -> bool:
    """The same test as :func:`where_filter`, applied to a passage already fetched."""
    if query.purpose and level <= 1 and query.purpose not in passage.purposes:
        return False
    if query.round and level == 0 and passage.rounds and query.round not in passage.rounds:
        return False
    return not (
        query.audience and level <= 2 and passage.audience not in (query.audience, BOTH_AUDIENCES)
    )


def where_filter(query: GuidanceQuery, level: int) -> dict[str, Any] | None:
    """The filter for relaxation ``level``: 0 all, 1 no round, 2 audience only, 3 none."""
    clauses: list[dict[str, Any]] = []
    if query.purpose and level <= 1:
        clauses.append({"purposes": {"$contains": query.purpose}})
    if query.round and level == 0:
        clauses.append(
            {
                "$or": [
                    {"rounds": {"$contains": query.round}},
                    {"rounds": {"$contains": ANY_ROUND}},
                ]
            }
        )
    if query.audience and level <= 2:
        clauses.append({"audience": {"$in": [query.audience, BOTH_AUDIENCES]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def passages_of(result: Any, row: int) -> Iterator[Passage]:
    ids = result["ids"][row]
    documents = result["documents"][row]
    metadatas = result["metadatas"][row]
    distances = result["distances"][row]
    for pid, text, meta, distance in zip(ids, documents, metadatas, distances, strict=True):
        meta = meta or {}
        yield Passage(
            id=pid,
            text=text or "",
            source=str(meta.get("source", "")),
            heading=str(meta.get("heading", "")),
            title=str(meta.get("title", "")),
            purposes=[str(p) for p in meta.get("purposes") or []],
            rounds=[str(r) for r in meta.get("rounds") or [] if r != ANY_ROUND],
            audience=str(meta.get("audience", "interviewer")),
            score=round(1.0 - float(distance), 4),
        )
