"""Recompute core/data/corpus-vectors.json after editing corpus/ (a test fails until you do).

python scripts/build_corpus_vectors.py
"""

from __future__ import annotations

from pathlib import Path

from secondround.core.guidance.corpus import builtin_documents, chunk_documents
from secondround.core.guidance.corpus_vectors import FILE_NAME, write_vectors


def main() -> None:
    target = Path(__file__).resolve().parents[1] / "core" / "data" / FILE_NAME
    chunks = chunk_documents(builtin_documents())
    count = write_vectors([c.embedding_text for c in chunks], target)
    print(f"Wrote {count} vectors to {target.relative_to(target.parents[2])}")


if __name__ == "__main__":
    main()
