"""The built-in guidance corpus, registered like any plugin's documents.

Each ``corpus/**/*.md`` is registered as ``corpus/<path>``; that prefix is how the
index tells built-in passages from those a third-party plugin contributes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from secondround.core.api import CorpusDocument, builtin_documents, hookimpl


@hookimpl
def register_corpus_documents(register: Callable[[CorpusDocument | Path], None]) -> None:
    for document in builtin_documents():
        register(document)
