"""The guidance index as a LangChain retriever, for composing secondround's interviewing
guidance into a chain of one's own.

It reads the same Chroma collection the engine reads (embedded, or a Chroma server from
the settings), through the same search: the same offline embeddings, the same filters by
purpose, round and audience, relaxed in the same order when they find too little. So a
chain sees exactly the passages a kit would cite::

    from secondround.core.api import Engine

    retriever = Engine().guidance_retriever(purpose="concern", round="second", k=3)
    for doc in retriever.invoke("asking about a gap between jobs"):
        print(doc.metadata["source"], "·", doc.metadata["heading"])

``langchain-core`` comes with the base install (through langchain-text-splitters), so no
extra is needed for this.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from ..models import Passage
from .queries import GuidanceQuery


class GuidanceRetriever(BaseRetriever):
    """Retrieves guidance passages as LangChain ``Document``s.

    ``index`` is the engine's :class:`~secondround.core.guidance.index.GuidanceIndex`;
    ``purpose``, ``round`` and ``audience`` narrow the search as a kit's does (``None``
    for no filter); ``k`` is how many passages each query returns.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any
    k: int = 4
    purpose: str | None = None
    round: str | None = None
    audience: str | None = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        wanted = GuidanceQuery(query, self.purpose, self.round, self.audience, self.k)
        return [as_document(p) for p in self.index.search([wanted])[0]]


def as_document(passage: Passage) -> Document:
    """A passage as a LangChain document; the citation a kit would give is in metadata."""
    return Document(
        id=passage.id,
        page_content=passage.text,
        metadata={
            "id": passage.id,
            "source": passage.source,
            "heading": passage.heading,
            "title": passage.title,
            # Chroma-style flat metadata: lists as comma-separated text.
            "purposes": ",".join(passage.purposes),
            "rounds": ",".join(passage.rounds),
            "audience": passage.audience,
            "score": passage.score,
        },
    )


__all__ = ["GuidanceRetriever", "as_document"]
