"""The built-in guidance corpus, registered like any plugin's documents.

A plugin that wants to replace the built-in guidance can block this one by name
(``SECONDROUND_LOAD_PLUGINS``) and register its own documents instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from secondround.core.api import CorpusDocument, hookimpl
from secondround.core.api import builtin_documents


@hookimpl
def register_corpus_documents(register: Callable[[CorpusDocument | Path], None]) -> None:
    for document in builtin_documents():
        register(document)
