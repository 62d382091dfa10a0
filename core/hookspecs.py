"""The whole plugin contract: markers and hook specifications.

Every hook hands the plugin a ``register`` callback rather than asking it to return a
list: the host then sees duplicates, records which plugin registered what, and can say
so clearly (`secondround plugins`). Hook arguments may be added in later versions but
never renamed or removed; an implementation may accept fewer arguments than the spec.

A plugin is one module with ``@hookimpl`` functions and one entry point in the
``secondround`` group::

    [project.entry-points.secondround]
    case_study = "secondround_case_study"
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from pathlib import Path

    from .export import Exporter
    from .generation.generator import Generator
    from .guardrails import QuestionCheck
    from .guidance.corpus import CorpusDocument
    from .planning.rounds import RoundType
    from .reading.readers import ResumeReader

PROJECT = "secondround"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_readers(register: Callable[[ResumeReader], None]) -> None:
    """Register resume readers: objects that turn file bytes into a Document.

    Call ``register(reader)`` once per reader. A reader declares the extensions and
    media types it handles and a ``sniff`` method that recognises its format from the
    first bytes, so a file is routed by content, not only by name. When two readers
    accept a file, the one registered by a third-party plugin wins over a built-in.

    :param register: call with a :class:`secondround.core.reading.readers.ResumeReader`.
    """


@hookspec
def register_rounds(register: Callable[[RoundType], None]) -> None:
    """Register interview round types.

    A round type names itself (``second``, ``panel``, ...) and decides the plan for a
    kit: which purposes, how many questions of each, in what order, for how long, and
    (for panels) which panelist asks each. It may also contribute question patterns
    for its own purposes.

    :param register: call with a :class:`secondround.core.planning.rounds.RoundType`.
    """


@hookspec
def register_generators(register: Callable[[Generator], None]) -> None:
    """Register question generators (the offline composer, an LLM, ...).

    A generator turns a GenerationRequest (plan, facts, guidance) into draft
    questions. Whatever it returns passes through the guardrails; a shortfall is
    filled by the offline composer.

    :param register: call with a :class:`secondround.core.generation.generator.Generator`.
    """


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register kit exporters (``md``, ``json``, ``html``, ``docx`` ...).

    :param register: call with a :class:`secondround.core.export.Exporter`.
    """


@hookspec
def register_corpus_documents(register: Callable[[CorpusDocument | Path], None]) -> None:
    """Contribute guidance documents to the retrieval corpus.

    Register a path to a Markdown file with front matter (title, purpose, round,
    audience) or a :class:`secondround.core.guidance.corpus.CorpusDocument`. Contributed
    documents are indexed beside the built-in corpus and re-indexed when they change.

    :param register: call with a CorpusDocument or a pathlib.Path.
    """


@hookspec
def register_question_checks(register: Callable[[QuestionCheck], None]) -> None:
    """Register extra checks every question must pass, for any generator.

    A check receives a question and the analysis and returns None to accept it or a
    short reason to drop it (the reason is counted in the kit's meta).

    :param register: call with a :class:`secondround.core.guardrails.QuestionCheck`.
    """
