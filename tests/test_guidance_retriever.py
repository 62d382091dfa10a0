"""The guidance index as a LangChain retriever: the passages a kit would cite, as
``Document``s, usable inside a user's own chain; and docs/llm.md's example runs."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from langchain_core.runnables import RunnableLambda

from secondround.core.guidance.queries import GuidanceQuery
from secondround.core.pipeline import Engine
from secondround.core.settings import Settings, get_settings
from tests.index_fixture import engine_settings  # noqa: F401

DOCS = Path(__file__).resolve().parents[1] / "docs" / "llm.md"


def test_retriever_returns_the_passages_a_kit_would_cite(
    engine_settings: Settings,  # noqa: F811
) -> None:
    retriever = Engine(engine_settings).guidance_retriever(purpose="concern", round="second", k=3)
    docs = retriever.invoke("asking about a gap between two jobs")
    assert len(docs) == 3
    same = retriever.index.search(
        [GuidanceQuery("asking about a gap between two jobs", "concern", "second", None, 3)]
    )[0]
    assert [d.id for d in docs] == [p.id for p in same]
    for doc, passage in zip(docs, same, strict=True):
        assert doc.page_content == passage.text
        assert doc.metadata["source"] == passage.source and doc.metadata["heading"]
    # The purpose filter is honoured: the best match is guidance for raising a concern.
    assert "concern" in docs[0].metadata["purposes"].split(",")


def test_retriever_composes_into_a_chain(engine_settings: Settings) -> None:  # noqa: F811
    retriever = Engine(engine_settings).guidance_retriever(k=2)

    def cite(docs: list[object]) -> str:
        return "\n".join(f"[{d.metadata['source']}] {d.metadata['heading']}" for d in docs)  # type: ignore[attr-defined]

    chain = retriever | RunnableLambda(cite)
    out = chain.invoke("how to probe a claimed skill with a work sample")
    assert len(out.splitlines()) == 2 and out.startswith("[")


def test_the_documented_example_runs(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    section = DOCS.read_text(encoding="utf-8").split("## Guidance as a LangChain retriever", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code, "docs/llm.md has no Python example for the retriever"
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(engine_settings.data_dir))
    get_settings.cache_clear()
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code.group(1), str(DOCS), "exec"), {})
    finally:
        get_settings.cache_clear()
    assert out.getvalue().count("\n") >= 3
