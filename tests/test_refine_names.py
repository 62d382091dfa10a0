"""Refine mode keeps the names a draft gives and adds none (issue 13): a rewrite that
invents a tool, or drops an employer or tool the draft named, keeps the composer's
wording; a probe or rubric that names a tool the resume never mentions is not used.
On LangChain's chat-model seam (tests/test_refine.py), with its made-up resume."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip(
    "langchain_openai", reason="the LLM extra is not installed: pip install '.[llm]'"
)

from secondround.core.generation.refine_names import names
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401
from tests.test_llm_generator import assert_sound
from tests.test_refine import RefineRun, rewrites

INVENTED = "Ansible"  # a tool the test resume never mentions


def test_names_are_words_that_read_as_names_in_running_text() -> None:
    found = names("Looking back, how did you move 30 services to Kubernetes at Kestrel Payments?")
    assert found == {"kubernetes", "kestrel", "payments"}
    assert names("Which SQL queries ran on PostgreSQL, and did the iOS app use S3?") == {
        "sql",
        "postgresql",
        "ios",
        "s3",
    }
    # A sentence's, a quoted line's or an item's first word is capitalised anyway.
    assert names('Tell me about it. What changed? You wrote "Cut costs by 14%".') == set()
    assert names("I think I'd ask about Acme's budget.") == {"acme"}


def _mid_sentence_names(text: str, keep: list[str]) -> list[str]:
    kept = {k.lower() for k in keep}
    return [
        w
        for w in re.findall(r"(?<=[a-z,] )[A-Z][A-Za-z]+", text)
        if w.lower() not in kept and w.lower() in names(text)
    ]


def test_a_rewrite_that_invents_or_drops_a_name_keeps_the_draft(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dropped: list[str] = []

    def spoil(rewrite: dict[str, Any], sent: dict[str, Any]) -> None:
        n = int(sent["id"][1:])
        if n == 1:
            # Keeps every word it was told to keep, but names a tool nobody gave.
            rewrite["text"] = sent["draft"].rstrip("?. ") + f" with {INVENTED}?"
        elif not dropped and (gone := _mid_sentence_names(sent["draft"], sent.get("keep", []))):
            # Keeps the anchors but leaves out a name the draft gave beyond them.
            rewrite["text"] = re.sub(rf"\b{gone[0]}\b", "that place", rewrite["text"])
            dropped.append(sent["id"])
        rewrite["follow_ups"] = [f"Where did {INVENTED} fit in?", *rewrite["follow_ups"]]
        rewrite["strong_answer"] = f"Explains how {INVENTED} was used and what it changed."

    run = RefineRun(engine_settings, monkeypatch, rewrites(spoil))
    composer = {q.id: q for q in run.kit(generator="offline").questions}
    kit = run.kit()
    assert_sound(kit)
    assert dropped, "no draft named anything beyond its anchors: the test proves nothing"
    for q in kit.questions:
        assert INVENTED not in " ".join([q.text, q.strong_answer, *q.follow_ups])
    first = kit.questions[0]
    assert first.text == composer[first.id].text
    # The other questions were reworded as usual: the check is not refusing everything.
    assert sum(q.text != composer[q.id].text for q in kit.questions) >= len(kit.questions) - 2
    note = " ".join(w.message for w in kit.warnings if w.code == "generator")
    assert "added_name" in note and "lost_name" in note
