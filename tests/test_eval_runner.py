"""The eval metrics on hand-built kits: each one rewards what it should and can fail."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from secondround.core.models import (
    Evidence,
    FactKind,
    GuidanceRef,
    InterviewKit,
    KitMeta,
    Plan,
    PlanSlot,
    Purpose,
    Question,
    Source,
)
from secondround.core.settings import Settings
from secondround.eval.generic_bank import BANK, generic_kit
from secondround.eval.metrics import (
    InputVocabulary,
    KitScore,
    round_adherence,
    score_kit,
    specific_details,
    text_defects,
    totals,
)
from tests.index_fixture import engine_settings  # noqa: F401

RESUME = """Alex Morgan
Staff Platform Engineer, Norwell Logistics, Chicago, IL, Apr 2021 - Present
- Cut nightly batch time from 6 hours to 40 minutes by partitioning the largest tables
- Led the migration of 120 services to Kubernetes
Software Engineer, Tallyfold Payments, Jan 2020 - Jul 2020
Stripe
Skills: Go, Python, SQL, Terraform
Personal: Married, two children
"""
KEY: dict[str, Any] = {
    "facts": [
        {"id": "batch", "kind": "achievement", "anchors": ["from 6 hours to 40 minutes"]},
        {"id": "short", "kind": "short_tenure", "anchors": ["Tallyfold Payments"]},
        {"id": "terraform", "kind": "skill_unevidenced", "anchors": ["Terraform"]},
    ],
    "traps": [{"kind": "protected", "topic": "family", "terms": ["married", "children"]}],
}
SOURCES = {Source.resume: RESUME, Source.job: "", Source.notes: ""}


def question(
    text: str,
    purpose: Purpose = Purpose.deep_dive,
    quotes: tuple[str, ...] = (),
    qid: str = "q1",
    **extra: Any,
) -> Question:
    evidence = [
        Evidence(fact_id=f"f{i}", kind=FactKind.achievement, quote=q) for i, q in enumerate(quotes)
    ]
    return Question(id=qid, text=text, round="second", purpose=purpose, evidence=evidence, **extra)


def kit(*questions: Question, round_name: str = "second") -> InterviewKit:
    numbered = [
        q.model_copy(update={"id": f"q{n}", "round": round_name})
        for n, q in enumerate(questions, 1)
    ]
    return InterviewKit(
        round=round_name,
        round_title=round_name,
        questions=numbered,
        meta=KitMeta(generator="offline"),
    )


def score(k: InterviewKit, plan: Plan | None = None, grounding: bool = True) -> KitScore:
    return score_kit(
        generator="composer",
        case_id="case",
        key=KEY,
        kit=k,
        sources=SOURCES,
        plan=plan,
        grounding_applies=grounding,
    )


# --------------------------------------------------------------------------- coverage


def test_a_fact_counts_when_text_or_evidence_holds_an_anchor() -> None:
    s = score(
        kit(
            question("What did you measure first when you cut it FROM 6 HOURS to 40 minutes?"),
            question(
                "Why did you leave so soon?", quotes=("Software Engineer, Tallyfold Payments",)
            ),
        )
    )
    assert (s.addressed, s.facts) == (2, 3)
    assert s.missed == ["terraform"]
    assert s.addressed_by_kind == {
        "achievement": [1, 1],
        "short_tenure": [1, 1],
        "skill_unevidenced": [0, 1],
    }


def test_coverage_is_zero_for_questions_about_nothing_in_the_key() -> None:
    s = score(kit(question("What motivates you at work?")))
    assert s.addressed == 0 and s.coverage == 0.0


# --------------------------------------------------------------------------- grounding


def test_an_altered_quote_is_ungrounded() -> None:
    s = score(
        kit(
            question("A?", quotes=("Led the migration of 120 services to Kubernetes",)),
            question("B?", quotes=("Led the migration of 150 services to Kubernetes",)),
        )
    )
    assert (s.quotes, s.grounded_quotes) == (2, 1)
    assert (s.evidenced_questions, s.grounded_questions) == (2, 1)
    assert len(s.ungrounded) == 1 and "150" in s.ungrounded[0]


def test_a_quote_from_the_wrong_source_is_ungrounded() -> None:
    q = question("A?", quotes=("Stripe",))
    q.evidence[0].source = Source.job
    assert score(kit(q)).grounded_quotes == 0


def test_questions_without_evidence_are_counted_unless_general() -> None:
    s = score(
        kit(
            question("Tell me about yourself."),
            question("What range are you looking for?", Purpose.salary_expectations, general=True),
        )
    )
    assert s.unevidenced_questions == 1


def test_grounding_is_not_applicable_to_a_question_bank() -> None:
    s = score(kit(question("Why do you want to work here?")), grounding=False)
    assert s.quotes is None and s.grounded_quotes is None
    assert totals("generic-bank", [s]).grounding is None


# --------------------------------------------------------------------------- specificity


@pytest.fixture()
def vocab() -> InputVocabulary:
    return InputVocabulary.build([RESUME], [a for f in KEY["facts"] for a in f["anchors"]])


@pytest.mark.parametrize(
    "text",
    [
        "You cut nightly batch time at Norwell: what did you try first?",  # name + line word
        "Your time at Stripe was short. What happened?",  # an organisation after "at"
        "What did you learn in the 120-service migration? How many were 120 services?",
        "You were Software Engineer at Tallyfold Payments; why did you leave?",  # anchor
        "What would you change about the way you led the migration of 120 services to it?",
    ],
)
def test_questions_naming_this_resume_are_specific(text: str, vocab: InputVocabulary) -> None:
    assert specific_details(text, vocab)


@pytest.mark.parametrize(
    "text",
    [
        "Tell me about your experience with Python.",  # a listed tool, no context
        "What are your greatest strengths?",
        "Tell me about a time you Led a team.",  # "Led" opens a bullet; it is no name
        "As a Senior Software Engineer, where do you see yourself in 5 years?",
    ],
)
def test_generic_questions_are_not_specific(text: str, vocab: InputVocabulary) -> None:
    assert specific_details(text, vocab) == []


def test_no_question_of_the_generic_bank_counts_as_specific(vocab: InputVocabulary) -> None:
    assert [t for _, t in BANK if specific_details(t, vocab)] == []


def test_specificity_is_the_share_of_specific_questions() -> None:
    s = score(kit(question("What did you do at Stripe?"), question("Why this job?")))
    assert (s.specific, s.questions) == (1, 2)
    assert s.generic_examples == ["Why this job?"]


# --------------------------------------------------------------------------- traps, dups


def test_a_trap_term_in_a_follow_up_is_a_violation() -> None:
    s = score(kit(question("How do you balance work?", follow_ups=["Are you married?"])))
    assert s.trap_violations == ["q1 mentions 'married' (family)"]


def test_trap_terms_match_whole_words_only() -> None:
    assert score(kit(question("How did the childrenswear launch go?"))).trap_violations == []


def test_near_duplicates_are_found_and_distinct_questions_are_not() -> None:
    s = score(
        kit(
            question("Walk me through the Kubernetes migration you led at Norwell."),
            question("Walk me through the Kubernetes migration you led at Norwell, please."),
            question("Why did you leave Tallyfold Payments after seven months?"),
        )
    )
    assert s.duplicate_pairs == ["q1~q2"]


@pytest.mark.parametrize(
    ("text", "defect"),
    [
        ("You held your role at a site from , part-time.", "space before punctuation"),
        ("What did you do about 8 hours a week., and why?", "doubled punctuation"),
        ("Coming back to a point from our call from our call: why?", "repeated words"),
        ("I'd like to go deeper on the program was shelved\" and moved on.", "unbalanced quotes"),
    ],
)
def test_badly_assembled_text_is_flagged(text: str, defect: str) -> None:
    assert defect in text_defects(text)


def test_well_formed_text_is_not_flagged() -> None:
    fine = (
        'At Northgate Supply Co., your resume says "Led a team of 14". What changed, e.g., first?'
    )
    assert text_defects(fine) == []
    assert score(kit(question("A?"), question("B , c?"))).defective == 1


# --------------------------------------------------------------------------- plans, rounds


def test_purpose_coverage_counts_planned_purposes_that_got_a_question() -> None:
    plan = Plan(
        round="second",
        title="Second",
        slots=[
            PlanSlot(purpose=Purpose.deep_dive, count=2),
            PlanSlot(purpose=Purpose.concern, count=1),
            PlanSlot(purpose=Purpose.motivation_fit, count=1),
            PlanSlot(purpose=Purpose.scenario, count=0),
        ],
    )
    s = score(kit(question("A?"), question("B?", Purpose.concern)), plan=plan)
    assert s.planned_purposes == ["concern", "deep_dive", "motivation_fit"]
    assert s.covered_purposes == ["concern", "deep_dive"]
    assert s.purpose_coverage == pytest.approx(2 / 3)


def test_round_rules() -> None:
    plain = [question("A?"), question("B?", Purpose.behavioural)]
    assert round_adherence("group", plain)[0] is False
    assert round_adherence("group", [*plain, question("C", Purpose.group_exercise)])[0] is True
    two = [question("A?", asked_by="director"), question("B?", asked_by="peer")]
    assert round_adherence("panel", two)[0] is False
    assert round_adherence("panel", [*two, question("C?", asked_by="line_manager")])[0] is True
    assert round_adherence("technical", plain)[0] is False
    assert round_adherence("technical", [question("T", Purpose.evaluate_skill)])[0] is True
    assert round_adherence("second", plain)[0] is None


def test_guidance_citations_are_counted() -> None:
    cited = question("A?", guidance=[GuidanceRef(passage_id="p1", source="corpus/x.md")])
    assert score(kit(cited, question("B?"))).guided == 1


# --------------------------------------------------------------------------- totals, bank


def test_totals_pool_counts_and_keep_failed_kits_in_coverage() -> None:
    good = score(kit(question("from 6 hours to 40 minutes: how?")))
    failed = KitScore(
        generator="composer",
        case="other",
        round="second",
        facts=4,
        missed=["a", "b", "c", "d"],
        error="ReaderError: unreadable",
    )
    t = totals("composer", [good, failed])
    assert (t.kits, t.errors, t.addressed, t.facts) == (2, 1, 1, 7)
    assert t.coverage == pytest.approx(1 / 7)


def test_generic_kit_fills_the_plan_without_repeats() -> None:
    plan = Plan(
        round="panel",
        title="Panel",
        slots=[
            PlanSlot(purpose=Purpose.concern, count=5, asked_by="line_manager"),
            PlanSlot(purpose=Purpose.salary_expectations, count=1, asked_by="line_manager"),
            PlanSlot(purpose=Purpose.validate_skill, count=2, asked_by="peer"),
        ],
    )
    k = generic_kit(plan)
    texts = [q.text for q in k.questions]
    assert len(texts) == 8 == len(set(texts))
    assert [q.asked_by for q in k.questions] == ["line_manager"] * 6 + ["peer"] * 2
    assert sum(q.purpose is Purpose.concern for q in k.questions) == 3  # the bank has three
    assert all(not q.evidence for q in k.questions)


# --------------------------------------------------------------------------- end to end


def test_eval_compares_generators_on_a_case(
    tmp_path: Path,
    engine_settings: Settings,  # noqa: F811
) -> None:
    from secondround.eval.baselines import CASES_DIR, load_cases
    from secondround.eval.report import render_markdown
    from secondround.eval.runner import collect, run_all

    shutil.copytree(CASES_DIR / "dev" / "sales-ae-colon", tmp_path / "sales-ae-colon")
    cases = load_cases(tmp_path)
    generators = ["composer", "no-retrieval", "generic-bank", "llm"]
    settings = engine_settings.model_copy(update={"llm_model": None, "llm_base_url": None})
    runs, notes, engine = run_all(cases, ["panel", "second"], 10, generators, settings)
    assert set(runs) == {"composer", "no-retrieval", "generic-bank"}
    assert any("skipped" in n for n in notes)
    results = collect(runs, notes, engine, cases, ["panel", "second"], 10)
    composer, bank = results["totals"]["composer"], results["totals"]["generic-bank"]
    assert composer["grounding"] == 1.0 and bank["grounding"] is None
    assert composer["coverage"] > bank["coverage"]
    assert composer["specificity"] > bank["specificity"]
    assert composer["guidance_cited"] > 0 == results["totals"]["no-retrieval"]["guidance_cited"]
    keys = {c.id: c.key for c in cases}
    markdown = render_markdown(results, keys)
    assert markdown == render_markdown(results, keys)
    assert "| grounding: evidence quotes exact | 100.0% | 100.0% | n/a |" in markdown


def test_report_charts_are_byte_stable(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from secondround.eval.report import chart_kinds, chart_metrics

    t = totals("composer", [score(kit(question("from 6 hours to 40 minutes: how?")))]).as_dict()
    results = {"totals": {"composer": t}, "second_round": {"composer": t}}
    for draw in (chart_metrics, chart_kinds):
        draw(results, tmp_path / "a.png")
        draw(results, tmp_path / "b.png")
        assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
        assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"


def test_bench_resumes_have_the_pages_asked_for_and_are_reproducible() -> None:
    import pypdfium2 as pdfium

    from secondround.eval.bench_resumes import resume_pdf

    for pages in (1, 2):
        data = resume_pdf(pages)
        assert data == resume_pdf(pages)
        assert len(pdfium.PdfDocument(data)) == pages


def test_consistency_separates_rewording_from_asking_about_something_else() -> None:
    from secondround.eval.consistency import Consistency

    first = kit(question("How did you cut the batch time?", quotes=("from 6 hours",)))
    reworded = kit(question("Walk me through the batch-time cut.", quotes=("from 6 hours",)))
    elsewhere = kit(question("Why Kubernetes?", Purpose.motivation_fit, quotes=("Kubernetes",)))
    measured = Consistency("llm")
    measured.add_case("case", [first, first, reworded])
    # Three pairs: one word for word; two reworded but probing the same line.
    assert measured.identical_rate == pytest.approx(1 / 3)
    assert measured.mean_text_overlap == pytest.approx(1 / 3)
    assert measured.mean_probe_overlap == 1.0
    other = Consistency("llm")
    other.add_case("case", [first, elsewhere])
    assert (other.identical_rate, other.mean_text_overlap, other.mean_probe_overlap) == (0, 0, 0)


def test_the_offline_composer_gives_the_same_kit_on_every_rerun(
    engine_settings: Settings,  # noqa: F811
) -> None:
    from secondround.core.pipeline import Engine
    from secondround.eval.consistency import measure

    result = measure(Engine(engine_settings), "composer", ["chef-to-ux"], reruns=3)
    assert result.kits == 3 and result.questions > 0
    assert result.identical_rate == 1.0 and result.mean_probe_overlap == 1.0


def test_the_composer_rows_never_call_a_configured_model(
    engine_settings: Settings,  # noqa: F811
) -> None:
    # With SECONDROUND_LLM_* set the default generator is the LLM; the composer's figures
    # must still be the composer's.
    from secondround.core.pipeline import Engine
    from secondround.eval.baselines import load_cases
    from secondround.eval.consistency import measure
    from secondround.eval.runner import run_all
    from tests.llm_server_fixture import ScriptedChatServer

    with ScriptedChatServer() as model:
        settings = engine_settings.model_copy(
            update={"llm_model": "fake-model", "llm_base_url": model.base_url}
        )
        cases = load_cases(only=["chef-to-ux"])
        runs, _, _ = run_all(cases, ["second"], 8, ["composer", "no-retrieval"], settings)
        measure(Engine(settings), "composer", ["chef-to-ux"], reruns=2, count=8)
        assert model.requests == []
    assert {s.generated_by for scores in runs.values() for s in scores} == {"offline"}


# --------------------------------------------------------------------------- model runs


def test_sample_takes_the_first_case_ids_of_each_split_in_sorted_order() -> None:
    from secondround.eval.baselines import load_cases
    from secondround.eval.runner import sample_cases

    cases = load_cases()
    chosen = sample_cases(cases, 2)
    assert len(chosen) == 4
    for split in ("dev", "blind"):
        ids = sorted(c.id for c in cases if c.split == split)
        assert [c.id for c in chosen if c.split == split] == ids[:2]
    # The order cases were listed in does not change the choice.
    again = sample_cases(list(reversed(cases)), 2)
    assert sorted(c.id for c in again) == sorted(c.id for c in chosen)
    assert sample_cases(cases, None) == cases
    with pytest.raises(ValueError):
        sample_cases(cases, 0)


def test_a_saved_model_run_renders_into_its_own_block(tmp_path: Path) -> None:
    from dataclasses import asdict

    from secondround.eval.report_llm import END, START, render_into, save_run

    base = score(kit(question("from 6 hours to 40 minutes: how?", quotes=("from 6 hours",))))
    kits, metas = [], []
    for gen, reworded in (("composer", None), ("refine", 1)):
        row = {**asdict(base), "generator": gen, "split": "dev"}
        kits.append(row)
        warnings = []
        if reworded is not None:
            message = f"The model reworded {reworded} of 1 questions; 0 kept the draft's wording."
            warnings.append({"code": "generator", "message": message})
        metas.append(
            {
                "generator": gen,
                "case": "case",
                "split": "dev",
                "round": "second",
                "generated_by": "offline" if gen == "composer" else gen,
                "tokens": {"prompt": 900, "completion": 300} if reworded else {},
                "questions": 1,
                "timings_ms": {"total": 2500.0},
                "warnings": warnings,
            }
        )
    results = {"kits": kits, "kit_meta": metas, "config": {"rounds": ["second"], "case_ids": []}}
    path = save_run(results, {"name": "tiny-model", "sha256": "ab" * 32}, tmp_path / "llm-x.json")
    run = {**json.loads(path.read_text()), "path": path.name}
    report = "# report\n\n## Timings (machine-dependent)\n\nfast\n"
    once = render_into(report, [run])
    assert once.index(START) < once.index("tiny-model") < once.index(END)
    assert once.index(END) < once.index("## Timings")
    assert (
        "| dev | second | refine | 1 |" in once
        and "| 1 / 0 (text changed in 0) | 900 / 300 | 2.5 |" in once
    )
    assert render_into(once, [run]) == once
    assert render_into(once, []) == report
