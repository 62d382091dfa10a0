"""The engine end to end: a generator's bad output repaired and filled, a failing
generator replaced, guidance reused across runs without chromadb, request errors."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from secondround.core.api import GenerationRequest, GenerationResult, Generator, hookimpl
from secondround.core.errors import InvalidRequest, UnknownName
from secondround.core.guidance.corpus import CorpusDocument
from secondround.core.models import Analysis, Evidence, FactKind, Purpose, Question
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import build_registry
from secondround.core.settings import Settings
from tests.index_fixture import TODAY, engine_settings, private_index_copy  # noqa: F401

RESUME = """\
Tom Alvarez
Software Engineer

EXPERIENCE
Senior Software Engineer, Kestrel Payments
Feb 2021 – Present
• Migrated 14 services to Kubernetes, cutting deploy time by 60%
• Led a team of 5 engineers on the payments ledger
• Responsible for the on-call rota

Software Engineer, Pinecrest Health
Jun 2017 – Mar 2020
• Built the patient scheduling API used by 3 hospitals
• Helped with the move from Jenkins to GitHub Actions

Junior Developer, Arbor Labs
Jan 2016 – Apr 2017
• Wrote integration tests for the billing service

EDUCATION
BSc Computer Science, University of Leeds, 2012 – 2015

SKILLS
Python, Go, Kubernetes, Terraform, PostgreSQL, Kafka
"""

COUNT = 8


def _evidence(analysis: Analysis, kind: FactKind) -> Evidence:
    fact = next(f for f in analysis.facts if f.kind is kind)
    return Evidence(fact_id=fact.id, kind=fact.kind, quote=fact.quote, source=fact.source)


class GarbageGenerator(Generator):
    """Returns what a confused model might: inventions, a protected topic, repeats."""

    name = "garbage"

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        analysis = request.analysis
        real = _evidence(analysis, FactKind.achievement)
        invented = Evidence(
            fact_id="achievement-abc123",
            kind=FactKind.achievement,
            quote="Increased revenue by 400% at Initech",
        )
        good = Question(
            id="g1",
            text="Walk me through the Kubernetes migration: what broke first?",
            round=request.plan.round,
            purpose=Purpose.deep_dive,
            evidence=[real],
        )
        drafts = [
            good,
            good.model_copy(update={"id": "g2"}),
            Question(
                id="g3",
                text="How did you grow revenue by 400% at Initech?",
                round=request.plan.round,
                purpose=Purpose.deep_dive,
                evidence=[invented],
            ),
            Question(
                id="g4",
                text="Do you have children, and who looks after them when you are on call?",
                round=request.plan.round,
                purpose=Purpose.concern,
                evidence=[_evidence(analysis, FactKind.unquantified_claim)],
            ),
            Question(
                id="g5",
                text="What is your current salary at Kestrel Payments?",
                round=request.plan.round,
                purpose=Purpose.salary_expectations,
            ),
        ]
        return GenerationResult(questions=drafts, model="garbage-1")


class RaisingGenerator(Generator):
    name = "raising"

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        raise ConnectionError("model server unreachable")


class FakeGenerators:
    @hookimpl
    def register_generators(self, register: Callable[[Generator], None]) -> None:
        register(GarbageGenerator())
        register(RaisingGenerator())


@pytest.fixture(scope="module")
def fake_engine(engine_settings: Settings) -> Engine:  # noqa: F811
    registry = build_registry(engine_settings, extra=[("fake_generators", FakeGenerators())])
    return Engine(engine_settings, registry=registry)


def test_a_generators_garbage_is_repaired_and_filled_to_the_count(fake_engine: Engine) -> None:
    kit = fake_engine.build_kit(KitRequest(resume_text=RESUME, count=COUNT, generator="garbage"))
    assert len(kit.questions) == COUNT
    assert kit.meta.generator == "garbage" and kit.meta.model == "garbage-1"
    assert kit.meta.dropped >= 3  # the repeat, the invention, the protected topic
    assert kit.meta.filled > 0
    [warning] = [w for w in kit.warnings if w.code == "generator_output_repaired"]
    assert "'garbage'" in warning.message
    texts = " ".join(q.text for q in kit.questions)
    assert "Initech" not in texts and "children" not in texts
    assert "current salary" not in texts
    # Its one good question survives, once.
    assert sum("Kubernetes migration" in q.text for q in kit.questions) == 1
    resume = fake_engine.read(KitRequest(resume_text=RESUME)).text
    for question in kit.questions:
        assert question.evidence or question.general
        assert all(e.quote in resume for e in question.evidence)


def test_a_generator_that_raises_is_replaced_by_the_composer(fake_engine: Engine) -> None:
    kit = fake_engine.build_kit(KitRequest(resume_text=RESUME, count=COUNT, generator="raising"))
    assert len(kit.questions) == COUNT
    [warning] = [w for w in kit.warnings if w.code == "generator_fallback"]
    assert "'raising'" in warning.message and "ConnectionError" in warning.message
    assert kit.meta.filled == COUNT


def test_the_offline_kit_reports_no_repairs(fake_engine: Engine) -> None:
    kit = fake_engine.build_kit(KitRequest(resume_text=RESUME, count=COUNT))
    assert kit.meta.generator == "offline"
    assert not [w for w in kit.warnings if w.code.startswith("generator")]
    assert set(kit.meta.timings_ms) >= {
        "read",
        "analyse",
        "plan",
        "retrieve",
        "generate",
        "guard",
        "total",
    }


class RaisingCheck:
    name = "flaky_check"

    def check(self, question: Question, analysis: Analysis) -> str | None:
        raise RuntimeError("lookup service down")


class FlakyCheckPlugin:
    @hookimpl
    def register_question_checks(self, register: Callable[[object], None]) -> None:
        register(RaisingCheck())


def test_a_question_check_that_raises_is_reported_in_the_kit(
    engine_settings: Settings,  # noqa: F811
) -> None:
    registry = build_registry(engine_settings, extra=[("flaky", FlakyCheckPlugin())])
    kit = Engine(engine_settings, registry=registry).build_kit(
        KitRequest(resume_text=RESUME, count=4)
    )
    assert len(kit.questions) == 4
    assert any(w.code == "plugin_check" and "flaky_check" in w.message for w in kit.warnings)


# --------------------------------------------------------------------------- request errors


def test_unknown_round_names_the_valid_ones(engine_settings: Settings) -> None:  # noqa: F811
    with pytest.raises(UnknownName) as caught:
        Engine(engine_settings).build_kit(KitRequest(resume_text=RESUME, round="speed-dating"))
    for name in ("second", "panel", "group", "technical", "behavioural"):
        assert name in str(caught.value)


@pytest.mark.parametrize("count", [0, 41])
def test_a_count_out_of_range_is_refused(engine_settings: Settings, count: int) -> None:  # noqa: F811
    with pytest.raises(InvalidRequest, match="between 1 and 40"):
        Engine(engine_settings).build_kit(KitRequest(resume_text=RESUME, count=count))


def test_a_request_without_a_resume_is_refused(engine_settings: Settings) -> None:  # noqa: F811
    with pytest.raises(InvalidRequest, match="resume"):
        Engine(engine_settings).build_kit(KitRequest())


# --------------------------------------------------------------------------- guidance cache

SUBPROCESS = textwrap.dedent(
    """\
    import json, sys
    from datetime import date
    from pathlib import Path
    from secondround.core.pipeline import Engine, KitRequest
    from secondround.core.settings import Settings

    data_dir, resume_file, today = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    settings = Settings(_env_file=None, data_dir=data_dir, today=date.fromisoformat(today))
    kit = Engine(settings).build_kit(KitRequest(resume_text=resume_file.read_text(), count=6))
    print(json.dumps({
        "chromadb": "chromadb" in sys.modules,
        "guidance": [[g.passage_id for g in q.guidance] for q in kit.questions],
    }))
    """
)


def test_a_new_process_reuses_cached_guidance_without_chromadb(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
) -> None:
    kit = Engine(engine_settings).build_kit(KitRequest(resume_text=RESUME, count=6))
    expected = [[g.passage_id for g in q.guidance] for q in kit.questions]
    assert any(expected)
    resume_file = tmp_path / "tom.txt"
    resume_file.write_text(RESUME, encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            SUBPROCESS,
            str(engine_settings.data_dir),
            str(resume_file),
            TODAY.isoformat(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["chromadb"] is False
    assert result["guidance"] == expected


def test_adding_guidance_invalidates_the_cache(
    engine_settings: Settings,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = Engine(private_index_copy(engine_settings, tmp_path))
    searches: list[int] = []
    real_search = engine.index.search

    def counting_search(queries: list[object]) -> object:
        searches.append(len(queries))
        return real_search(queries)

    monkeypatch.setattr(engine.index, "search", counting_search)
    request = KitRequest(resume_text=RESUME, count=6)
    engine.build_kit(request)
    before = len(searches)
    engine.build_kit(request)
    assert len(searches) == before, "an unchanged index must answer from the cache"

    engine.add_guidance(
        [
            CorpusDocument(
                source="user:on-call.md",
                title="On-call load",
                purposes=["concern"],
                text="# On-call load\n\nAsk how the candidate kept an on-call rota fair "
                "and what they changed after a bad week of pages.\n",
            )
        ]
    )
    engine.build_kit(request)
    assert len(searches) > before, "new guidance must trigger a fresh search"
