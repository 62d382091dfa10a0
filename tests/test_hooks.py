"""Every hook, used the way a real plugin uses it, plus the switches that control plugins.

Each test registers a small plugin with ``build_registry(settings, extra=[...])`` (the
path docs/plugins.md tells plugin authors to test with) and checks what a user would
see: a reader that routes a new file format, a round with its own patterns and panel,
a generator whose drafts pass the guardrails, an exporter, guidance that is indexed and
retrieved, and a question check that drops questions.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from secondround.core import pipeline
from secondround.core.api import (
    Analysis,
    CorpusDocument,
    Document,
    Evidence,
    Exporter,
    FactKind,
    GenerationRequest,
    GenerationResult,
    Generator,
    InterviewKit,
    PanelRole,
    Purpose,
    PurposeShare,
    Question,
    QuestionCheck,
    QuestionPattern,
    ResumeReader,
    RoundType,
    Settings,
    hookimpl,
)
from secondround.core.cli import main
from secondround.core.errors import PluginError
from secondround.core.guidance.index import GuidanceQuery
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import Registry, build_registry
from secondround.core.reading.readers import choose_reader
from secondround.server.kits import choose_exporter
from tests.index_fixture import engine_settings, private_index_copy  # noqa: F401

RESUME = """\
Sam Okafor
Platform Engineer

EXPERIENCE
Platform Engineer, Larkfield Retail Group
Mar 2021 – Present
• Cut deployment time from 40 minutes to 6 by moving builds to a Kafka-driven pipeline
• Led a team of 4 engineers through the move of 30 services to Kubernetes
• Responsible for the on-call rotation

Software Engineer, Corran Foods
Jan 2018 – Feb 2021
• Built the stock API in Python used by 60 stores

SKILLS
Python, Kafka, Kubernetes, Terraform, Go
"""


@pytest.fixture
def settings(engine_settings: Settings) -> Settings:  # noqa: F811
    # Built-ins only from entry points: each test sees exactly the plugins it registers.
    return engine_settings.model_copy(update={"load_plugins": ""})


def registry_with(settings: Settings, name: str, plugin: object) -> Registry:
    registry = build_registry(settings, extra=[(name, plugin)])
    assert registry.problems == [], registry.problems
    return registry


def kit(registry: Registry, settings: Settings, **fields: object) -> InterviewKit:
    request = KitRequest(resume_text=RESUME, **fields)  # type: ignore[arg-type]
    return Engine(settings, registry=registry, use_retrieval=False).build_kit(request)


# --------------------------------------------------------------------------- readers


class LinkedInExportReader(ResumeReader):
    """A profile export: JSON with "positions"; the built-in JSON Resume reader would
    also take it, but a plugin's reader is tried first."""

    name = "linkedin_export"
    extensions = (".json",)
    media_types = ("application/json",)

    def sniff(self, data: bytes) -> bool:
        try:
            return "positions" in json.loads(data)
        except (ValueError, TypeError):
            return False

    def read(self, data: bytes, filename: str | None = None) -> Document:
        profile = json.loads(data)
        lines = [profile["name"], "", "EXPERIENCE"]
        for position in profile["positions"]:
            lines += [f"{position['title']}, {position['company']}", position["dates"]]
            lines += [f"• {item}" for item in position["highlights"]]
        return Document(text="\n".join(lines) + "\n", filename=filename, reader=self.name)


class ReaderPlugin:
    @hookimpl
    def register_readers(self, register: Callable[[ResumeReader], None]) -> None:
        register(LinkedInExportReader())


EXPORT = {
    "name": "Ada Brooks",
    "positions": [
        {
            "title": "Data Engineer",
            "company": "Holloway Insurance",
            "dates": "Feb 2020 – Present",
            "highlights": ["Cut the nightly claims load from 5 hours to 50 minutes"],
        }
    ],
}


def test_a_plugin_reader_is_chosen_for_its_format_before_a_built_in(
    settings: Settings,
) -> None:
    registry = registry_with(settings, "linkedin", ReaderPlugin())
    data = json.dumps(EXPORT).encode()
    assert choose_reader(data, "profile.json", registry.readers).name == "linkedin_export"
    # A JSON Resume file still goes to the built-in reader.
    other = json.dumps({"basics": {"name": "Ada"}, "work": []}).encode()
    assert choose_reader(other, "resume.json", registry.readers).name == "json_resume"
    built = Engine(settings, registry=registry, use_retrieval=False).build_kit(
        KitRequest(resume=data, filename="profile.json", count=3)
    )
    assert built.meta.reader == "linkedin_export"
    quotes = [e.quote for q in built.questions for e in q.evidence]
    assert "Cut the nightly claims load from 5 hours to 50 minutes" in quotes


# --------------------------------------------------------------------------- rounds

BAR_RAISER = PanelRole(
    id="bar_raiser",
    title="Bar raiser",
    angle="Is this person better than half the people in the role today?",
    purposes=[Purpose.deep_dive],
)


class BarRaiserRound(RoundType):
    name = "bar_raiser"
    title = "Bar-raiser interview"
    description = "One independent interviewer tests the candidate against the hiring bar."
    default_count = 3
    panel_roles = (BAR_RAISER,)
    shares = (
        PurposeShare(
            purpose=Purpose.deep_dive,
            weight=2,
            minimum=1,
            asked_by="bar_raiser",
            fact_kinds=[FactKind.achievement],
        ),
        PurposeShare(purpose=Purpose.motivation_fit, weight=1, maximum=1, asked_by="bar_raiser"),
    )

    def patterns(self) -> Sequence[QuestionPattern]:
        return [
            QuestionPattern(
                id="bar-raiser-achievement",
                purpose=Purpose.deep_dive,
                rounds=["bar_raiser"],
                fact_kinds=[FactKind.achievement],
                text="{lead}. Raise the bar for me: what would the best person you know have "
                "done differently, and why didn't you?",
                follow_ups=["What stopped you?"],
                strong_answer="Compares their work honestly with a higher standard.",
                rationale="The bar raiser tests against the best, not the average.",
            )
        ]


class RoundPlugin:
    @hookimpl
    def register_rounds(self, register: Callable[[RoundType], None]) -> None:
        register(BarRaiserRound())


def test_a_plugin_round_plans_its_panel_and_phrases_with_its_own_patterns(
    settings: Settings,
) -> None:
    registry = registry_with(settings, "bar_raiser_plugin", RoundPlugin())
    info = {r["name"]: r for r in Engine(settings, registry=registry).rounds_info()}
    assert info["bar_raiser"]["plugin"] == "bar_raiser_plugin"
    assert info["bar_raiser"]["panel_roles"] == [BAR_RAISER.model_dump()]
    built = kit(registry, settings, round="bar_raiser")
    assert built.round == "bar_raiser" and len(built.questions) == 3
    assert built.panel_roles == [BAR_RAISER]
    assert all(q.asked_by == "bar_raiser" for q in built.questions)
    raised = [q for q in built.questions if "Raise the bar for me" in q.text]
    assert raised and all(q.evidence for q in raised)


# --------------------------------------------------------------------------- generators


class ScriptedGenerator(Generator):
    """Drafts one grounded question and one whose quote is invented."""

    name = "scripted"
    description = "A fixed script, as a stand-in for a model."

    def generate(self, request: GenerationRequest, settings: Settings) -> GenerationResult:
        fact = next(f for f in request.analysis.facts if f.kind is FactKind.achievement)
        grounded = Question(
            id="s1",
            text="What did the pipeline change replace, exactly?",
            round=request.plan.round,
            purpose=Purpose.deep_dive,
            evidence=[Evidence(fact_id=fact.id, kind=fact.kind, quote=fact.quote)],
        )
        invented = grounded.model_copy(
            update={
                "id": "s2",
                "text": "How did you win the industry award?",
                "evidence": [Evidence(fact_id=fact.id, kind=fact.kind, quote="Won the 2023 award")],
            }
        )
        return GenerationResult(questions=[grounded, invented], model="script-1")


class OfflineOnlyGenerator(ScriptedGenerator):
    name = "needs_a_key"

    def available(self, settings: Settings) -> bool:
        return False


class GeneratorPlugin:
    @hookimpl
    def register_generators(self, register: Callable[[Generator], None]) -> None:
        register(ScriptedGenerator())
        register(OfflineOnlyGenerator())


def test_a_plugin_generator_writes_the_kit_and_the_guardrails_still_apply(
    settings: Settings,
) -> None:
    registry = registry_with(settings, "scripted_plugin", GeneratorPlugin())
    built = kit(registry, settings, generator="scripted", count=3)
    assert (built.meta.generator, built.meta.model) == ("scripted", "script-1")
    texts = [q.text for q in built.questions]
    assert "What did the pipeline change replace, exactly?" in texts
    assert "How did you win the industry award?" not in texts  # its quote is not in the resume
    assert len(built.questions) == 3 and built.meta.filled == 2
    assert any(w.code == "generator_output_repaired" for w in built.warnings)


def test_an_unavailable_plugin_generator_falls_back_to_offline(settings: Settings) -> None:
    registry = registry_with(settings, "scripted_plugin", GeneratorPlugin())
    built = kit(registry, settings, generator="needs_a_key", count=2)
    assert built.meta.generator == "offline"
    assert any(w.code == "generator_unavailable" for w in built.warnings)


# --------------------------------------------------------------------------- exporters


class CsvExporter(Exporter):
    name = "csv"
    media_type = "text/csv"
    extension = ".csv"
    description = "One row per question, for a spreadsheet."

    def export(self, kit: InterviewKit) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["number", "purpose", "question", "quote"])
        for number, question in enumerate(kit.questions, start=1):
            quote = question.evidence[0].quote if question.evidence else ""
            writer.writerow([number, question.purpose.value, question.text, quote])
        return out.getvalue()


class ExporterPlugin:
    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(CsvExporter())


def test_a_plugin_exporter_is_picked_by_name_and_by_accept_header(settings: Settings) -> None:
    registry = registry_with(settings, "csv_plugin", ExporterPlugin())
    assert isinstance(registry.exporter("csv"), CsvExporter)
    assert isinstance(choose_exporter(registry, None, "text/csv, */*;q=0.1"), CsvExporter)
    built = kit(registry, settings, count=3)
    table = list(csv.reader(io.StringIO(registry.exporter("csv").export(built))))
    assert table[0] == ["number", "purpose", "question", "quote"]
    assert [row[2] for row in table[1:]] == [q.text for q in built.questions]


# --------------------------------------------------------------------------- corpus documents

HOUSE_RULES = """\
---
title: Our bar-raiser rules
purpose: [deep_dive]
round: [bar_raiser]
audience: interviewer
---
# Our bar-raiser rules

## The veto

The bar raiser holds a veto over the hire. Use it when the candidate would lower the
average of the team: compare every answer with the strongest person in the role today,
and write down the evidence for the veto in the debrief within the hour.
"""


class CorpusPlugin:
    def __init__(self, folder: Path) -> None:
        self.path = folder / "bar-raiser-rules.md"
        self.path.write_text(HOUSE_RULES, encoding="utf-8")

    @hookimpl
    def register_corpus_documents(self, register: Callable[[CorpusDocument | Path], None]) -> None:
        register(self.path)
        register(
            CorpusDocument(
                source="house/debrief.md",
                title="Debrief",
                text="# Debrief\n\n## Writing it up\n\nWrite the debrief before talking to "
                "anyone else, with one quote from the candidate for every rating.",
                purposes=["deep_dive"],
            )
        )


def test_plugin_guidance_is_indexed_and_retrieved_for_its_round(
    settings: Settings, tmp_path: Path
) -> None:
    own = private_index_copy(settings, tmp_path).model_copy(update={"load_plugins": ""})
    registry = registry_with(own, "house_guidance", CorpusPlugin(tmp_path))
    documents = {d.source: d for d in registry.corpus_documents}
    rules = documents["house_guidance:bar-raiser-rules.md"]
    assert (rules.title, rules.rounds, rules.purposes) == (
        "Our bar-raiser rules",
        ["bar_raiser"],
        ["deep_dive"],
    )
    assert "house/debrief.md" in documents
    engine = Engine(own, registry=registry)
    engine.ensure_index()
    [passages] = engine.index.search(
        [
            GuidanceQuery(
                text="when should the bar raiser veto a hire",
                purpose="deep_dive",
                round="bar_raiser",
                k=1,
            )
        ]
    )
    assert passages[0].source == "house_guidance:bar-raiser-rules.md"
    assert "veto" in passages[0].text


# --------------------------------------------------------------------------- question checks


class NoToolTrivia:
    """House rule: questions are about outcomes, never quizzes on one named tool."""

    name = "no_kafka_trivia"

    def check(self, question: Question, analysis: Analysis) -> str | None:
        return "names a tool" if "kafka" in question.text.lower() else None


class CheckPlugin:
    @hookimpl
    def register_question_checks(self, register: Callable[[QuestionCheck], None]) -> None:
        register(NoToolTrivia())


def test_a_plugin_question_check_drops_questions_for_any_generator(settings: Settings) -> None:
    plain = kit(build_registry(settings), settings, count=8)
    assert any("kafka" in q.text.lower() for q in plain.questions), "nothing to drop"
    registry = registry_with(settings, "house_checks", CheckPlugin())
    checked = kit(registry, settings, count=8)
    assert len(checked.questions) == 8
    assert not [q for q in checked.questions if "kafka" in q.text.lower()]
    assert checked.meta.dropped >= 1


# --------------------------------------------------------------------------- mistakes


class MisspelledHookName:
    @hookimpl
    def register_exporter(self, register: Callable[[Exporter], None]) -> None:
        register(CsvExporter())


class MisspelledArgument:
    @hookimpl
    def register_exporters(self, registr: Callable[[Exporter], None]) -> None:
        registr(CsvExporter())


@pytest.mark.parametrize(
    ("plugin", "wrong"),
    [(MisspelledHookName(), "register_exporter"), (MisspelledArgument(), "registr")],
)
def test_a_misspelled_implementation_fails_at_load_naming_plugin_and_word(
    settings: Settings, plugin: object, wrong: str
) -> None:
    with pytest.raises(PluginError) as caught:
        build_registry(settings, extra=[("typo_plugin", plugin)])
    message = str(caught.value)
    assert "typo_plugin" in message and wrong in message
    assert "docs/plugins.md" in message


# --------------------------------------------------------------------------- control


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "secondround.core.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


TRACE_LINE = re.compile(r"^\[secondround trace\] (\S+)\.(register_\w+) (\d+\.\d) ms$")


def test_tracing_prints_every_plugin_hook_call_with_its_time(tmp_path: Path) -> None:
    traced = run_cli(
        "plugins",
        "--json",
        SECONDROUND_TRACE_PLUGINS="1",
        SECONDROUND_DATA_DIR=str(tmp_path),
    )
    assert traced.returncode == 0, traced.stderr
    listed = json.loads(traced.stdout)["plugins"]
    expected = {(p["name"], hook) for p in listed for hook in p["hooks"]}
    calls = [TRACE_LINE.match(line) for line in traced.stderr.splitlines() if "trace" in line]
    assert all(calls), traced.stderr
    assert {(m.group(1), m.group(2)) for m in calls if m} == expected
    assert len(calls) == len(expected)
    quiet = run_cli("plugins", "--json", SECONDROUND_DATA_DIR=str(tmp_path))
    assert "trace" not in quiet.stderr and json.loads(quiet.stdout)["plugins"] == listed


class BrokenRounds:
    """Raises in one hook; its other hook still registers."""

    @hookimpl
    def register_rounds(self, register: Callable[[RoundType], None]) -> None:
        raise RuntimeError("could not read rounds.yaml")

    @hookimpl
    def register_exporters(self, register: Callable[[Exporter], None]) -> None:
        register(CsvExporter())


@pytest.fixture
def broken_plugin_cli(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI as a user runs it, with a broken plugin loaded beside the built-ins."""
    monkeypatch.setenv("SECONDROUND_DATA_DIR", str(settings.data_dir))
    monkeypatch.delenv("SECONDROUND_DEBUG", raising=False)

    def with_broken(cli_settings: Settings) -> Registry:
        return build_registry(cli_settings, extra=[("broken_rounds", BrokenRounds())])

    monkeypatch.setattr(pipeline, "get_registry", with_broken)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume.txt").write_text(RESUME, encoding="utf-8")
    return tmp_path


def test_a_plugin_that_raises_is_named_and_kits_still_build(
    broken_plugin_cli: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plugins"]) == 0
    captured = capsys.readouterr()
    assert "broken_rounds test (installed): register_rounds, register_exporters" in captured.out
    [warning] = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert "'broken_rounds'" in warning and "register_rounds" in warning
    assert "could not read rounds.yaml" in warning
    assert main(["questions", "resume.txt", "--count", "3", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 4  # the header and three questions, through the broken plugin's exporter


# --------------------------------------------------------------------------- allow-list


def fake_distribution(site: Path, dist: str, entry: str, module: str, source: str) -> None:
    """A distribution as pip leaves it in site-packages: metadata, entry points, module."""
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[secondround]\n{entry} = {module}\n")
    (site / f"{module}.py").write_text(textwrap.dedent(source))


HOUSE_ROUND = """\
from secondround.core.api import Purpose, PurposeShare, RoundType, hookimpl


class HouseRound(RoundType):
    name = "house"
    title = "Our house round"
    description = "The questions this company asks everyone."
    shares = (PurposeShare(purpose=Purpose.deep_dive, weight=1),)


@hookimpl
def register_rounds(register):
    register(HouseRound())
"""


@pytest.mark.parametrize(
    ("allow", "loaded"),
    [
        (None, True),  # unset: every installed plugin
        ("", False),  # empty: built-ins only
        ("secondround-house", True),  # by distribution name
        ("house_rounds", True),  # by entry-point name
        ("secondround-other", False),
    ],
)
def test_the_allow_list_decides_which_installed_plugins_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allow: str | None, loaded: bool
) -> None:
    site = tmp_path / "site"
    fake_distribution(site, "secondround-house", "house_rounds", "secondround_house", HOUSE_ROUND)
    monkeypatch.syspath_prepend(str(site))
    settings = Settings(_env_file=None, data_dir=tmp_path, load_plugins=allow)  # type: ignore[call-arg]
    registry = build_registry(settings)
    assert ("house" in registry.rounds) is loaded
    assert any(p.name == "house_rounds" for p in registry.plugins) is loaded
    assert {"second", "panel"} <= set(registry.rounds)  # built-ins always load


def test_a_plugin_that_fails_to_import_is_named_and_can_be_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    fake_distribution(
        site, "secondround-broken", "broken", "secondround_broken", "import not_installed_dep\n"
    )
    monkeypatch.syspath_prepend(str(site))
    settings = Settings(_env_file=None, data_dir=tmp_path)  # type: ignore[call-arg]
    with pytest.raises(PluginError) as caught:
        build_registry(settings)
    assert "'broken'" in str(caught.value) and "SECONDROUND_LOAD_PLUGINS" in str(caught.value)
    without = settings.model_copy(update={"load_plugins": ""})
    assert "second" in build_registry(without).rounds
