"""The built-in corpus ships its embeddings, so a first run does not have to embed it."""

from __future__ import annotations

from secondround.core.embeddings import get_embedder
from secondround.core.guidance.corpus import builtin_documents, chunk_documents
from secondround.core.guidance.corpus_vectors import shipped_vectors, vector_key


def test_every_built_in_passage_has_a_shipped_vector() -> None:
    shipped = shipped_vectors()
    chunks = chunk_documents(builtin_documents())
    missing = [
        c.source + " > " + c.heading for c in chunks if vector_key(c.embedding_text) not in shipped
    ]
    assert not missing, (
        f"{len(missing)} corpus passages have no shipped vector (e.g. {missing[:2]}); "
        "run `python scripts/build_corpus_vectors.py` after editing corpus/."
    )


def test_shipped_vectors_are_what_the_model_computes() -> None:
    shipped = shipped_vectors()
    chunks = chunk_documents(builtin_documents())[::20]
    fresh = get_embedder().embed([c.embedding_text for c in chunks])
    for chunk, vector in zip(chunks, fresh, strict=True):
        stored = shipped[vector_key(chunk.embedding_text)]
        assert float(stored @ vector) > 0.999
