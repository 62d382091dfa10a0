"""Refine mode's checks on a rewrite, as a real small instruction model tests them
(issue 13): a rewrite that appends a second question, one that comes to read like
another question of the kit, and one that drops the qualifier its fact rests on
("expired", a date) all keep the composer's wording, while an equivalent wording of the
qualifier ("lapsed" for "expired") is used. On LangChain's chat-model seam with the real
ChatOpenAI; the resume is made up for these tests."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip(
    "langchain_openai", reason="the LLM extra is not installed: pip install '.[llm]'"
)

from secondround.core.analysis.protected import question_topic
from secondround.core.generation.refine import asks_count, sentences
from secondround.core.generation.similarity import NEAR_DUPLICATE, similarity
from secondround.core.models import InterviewKit
from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401
from tests.test_refine import OPENINGS, RefineRun, rewrites

RESUME = """\
Tomasz Wierzbicki
Operations Coordinator

EXPERIENCE
Operations Coordinator, Lindqvist Freight
Apr 2019 - Present
- Cut average dispatch time from 40 minutes to 15 minutes by reordering the loading schedule
- Ran the weekly supplier review for 12 carriers

Bookkeeper, Harbour Dental Clinic
Mar 2015 - Jan 2018
- Reconciled accounts for 3 clinics each month

EDUCATION
BA Economics, University of Gdansk, 2014

CERTIFICATIONS
Certified Forklift Instructor (expired 2020)

SKILLS
Excel, SAP, Route planning
"""
COUNT = 12


def kits(run: RefineRun) -> tuple[dict[str, str], InterviewKit]:
    """The composer's texts by id, and the refined kit (checked sound: the same count,
    quotes real, nothing protected, as many composer fill-ins as the composer's own)."""
    composer = run.kit(generator="offline", resume_text=RESUME, notes_text="", count=COUNT)
    kit = run.kit(resume_text=RESUME, notes_text="", count=COUNT)
    assert len(kit.questions) == COUNT
    assert kit.meta.filled == composer.meta.filled
    for q in kit.questions:
        assert question_topic(" ".join([q.text, *q.follow_ups, q.strong_answer])) is None
        assert all(ev.quote in RESUME for ev in q.evidence)
    return {q.id: q.text for q in composer.questions}, kit


def note(kit: InterviewKit) -> str:
    return " ".join(w.message for w in kit.warnings if w.code == "generator")


def test_counting_what_a_text_asks() -> None:
    assert asks_count("Where did you use it? How recently?") == 2
    assert asks_count("Where did you use it, and how recently?") == 1
    assert asks_count("Imagine a late shipment. What do you do?") == 2  # "Imagine" asks
    assert asks_count("You led the move. Tell me what you would change.") == 1
    # Abbreviations do not end a sentence.
    assert sentences("Your B.Sc. Computer Science thesis: e.g. Python? Dr. Lee said so.") == [
        "Your B.Sc. Computer Science thesis: e.g. Python?",
        "Dr. Lee said so.",
    ]


def test_a_rewrite_that_appends_a_second_question_keeps_the_draft(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def append(rewrite: dict[str, Any], sent: dict[str, Any]) -> None:
        if int(sent["id"][1:]) % 2:
            rewrite["text"] += " How does this affect your career path?"

    run = RefineRun(engine_settings, monkeypatch, rewrites(append))
    composer, kit = kits(run)
    for q in kit.questions:
        # Never more asked than the draft asked; the odd ones kept the draft.
        assert asks_count(q.text) <= max(1, asks_count(composer[q.id]))
        assert "career path" not in q.text
    assert any(q.text.split(",", 1)[0] in OPENINGS for q in kit.questions)
    assert "several_questions" in note(kit)


def test_a_rewrite_that_reads_like_another_question_keeps_the_draft(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first rewrite copies a later draft's wording (keeping its own detail): used,
    it would make the later question a near-duplicate that the guardrails drop and the
    composer has to replace."""

    def mimic_later(user: str) -> str:
        from tests.test_refine import sent_kit

        sent = sent_kit(user)
        later = max(
            (s for s in sent[1:] if asks_count(s["draft"]) == 1),
            key=lambda s: len(s["draft"].split()),
        )
        first = sent[0]
        longest = sorted(set(re.findall(r"[A-Za-z]+", first["draft"])), key=len)[-5:]
        own = " ".join([*first.get("keep", []), *longest])

        def change(rewrite: dict[str, Any], this: dict[str, Any]) -> None:
            if this["id"] == first["id"]:
                rewrite["text"] = f"{later['draft'].rstrip('?. ')}, as with {own}?"

        return str(rewrites(change)(user))

    run = RefineRun(engine_settings, monkeypatch, mimic_later)
    composer, kit = kits(run)
    first = kit.questions[0]
    assert first.text == composer[first.id]
    assert "near_duplicate" in note(kit)
    # Nothing was dropped and filled in: every question is the composer's, reworded.
    assert sorted(composer) == sorted(q.id for q in kit.questions)
    assert not [w for w in kit.warnings if w.code == "generator_output_repaired"]
    texts = [q.text for q in kit.questions]
    for i, a in enumerate(texts):
        assert all(similarity(a, b) < NEAR_DUPLICATE for b in texts[i + 1 :])


def test_a_rewrite_that_drops_the_facts_qualifier_keeps_the_draft(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keeps: dict[str, list[str]] = {}

    def drop(rewrite: dict[str, Any], sent: dict[str, Any]) -> None:
        keeps[sent["draft"]] = sent.get("keep", [])
        # "as expired" goes; a month goes from "(Jan 2018)", its year stays.
        rewrite["text"] = re.sub(r" as expired\b", "", rewrite["text"])
        rewrite["text"] = re.sub(r"\((?:Jan|Apr) (\d{4})\)", r"(\1)", rewrite["text"])

    run = RefineRun(engine_settings, monkeypatch, rewrites(drop))
    composer, kit = kits(run)
    expired = [q for q in kit.questions if "expired" in composer[q.id]]
    dated = [q for q in kit.questions if re.search(r"\((?:Jan|Apr) \d{4}\)", composer[q.id])]
    assert expired and dated
    for q in expired + dated:
        assert q.text == composer[q.id]
    # The model was told to keep the qualifier, and the other rewrites were used.
    assert any("expired" in words for draft, words in keeps.items() if "expired" in draft)
    assert sum(q.text != composer[q.id] for q in kit.questions) >= COUNT // 2
    assert "lost_qualifier" in note(kit)


def test_an_equivalent_qualifier_is_a_kept_qualifier(
    engine_settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def reword(rewrite: dict[str, Any], sent: dict[str, Any]) -> None:
        rewrite["text"] = rewrite["text"].replace("as expired", "as lapsed")

    run = RefineRun(engine_settings, monkeypatch, rewrites(reword))
    composer, kit = kits(run)
    lapsed = [q for q in kit.questions if "expired" in composer[q.id]]
    assert lapsed and all("as lapsed" in q.text for q in lapsed)
    assert "lost_qualifier" not in note(kit)
