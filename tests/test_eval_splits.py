"""The eval's dev/blind split, naturalness figures and reading accuracy: each measures
what it claims on hand-built inputs, and can fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from secondround.core.models import (
    ContactDetails,
    Resume,
    Role,
    Skill,
    Span,
    YearMonth,
)
from secondround.core.settings import Settings
from secondround.eval.baselines import CASES_DIR, load_cases
from secondround.eval.check_keys import check_case
from secondround.eval.naturalness import measure
from secondround.eval.reading import compare, score_reading
from secondround.eval.report import render_markdown
from secondround.eval.runner import collect, run_all
from tests.index_fixture import engine_settings  # noqa: F401
from tests.test_eval_runner import kit, question

SPAN = Span(start=0, end=1)


def test_cases_load_with_their_split_and_a_plain_folder_is_one_split(tmp_path: Path) -> None:
    for split, case in (("dev", "sales-ae-colon"), ("blind", "hotel-to-qa")):
        shutil.copytree(CASES_DIR / "dev" / case, tmp_path / split / case)
    cases = {c.id: c.split for c in load_cases(tmp_path)}
    assert cases == {"sales-ae-colon": "dev", "hotel-to-qa": "blind"}
    assert [c.id for c in load_cases(tmp_path, splits=["blind"])] == ["hotel-to-qa"]
    assert {c.split for c in load_cases(tmp_path / "blind")} == {"blind"}


def test_the_report_puts_dev_and_blind_side_by_side_with_the_gap(
    tmp_path: Path,
    engine_settings: Settings,  # noqa: F811
) -> None:
    for split, case in (("dev", "sales-ae-colon"), ("blind", "hotel-to-qa")):
        shutil.copytree(CASES_DIR / "dev" / case, tmp_path / split / case)
    cases = load_cases(tmp_path)
    runs, notes, engine = run_all(cases, ["second"], 12, ["composer"], engine_settings)
    results = collect(runs, notes, engine, cases, ["second"], 12)
    dev = results["by_split"]["dev"]["composer"]["second"]["coverage"]
    blind = results["by_split"]["blind"]["composer"]["second"]["coverage"]
    gap_rows = [t for t in results["targets"] if t[0].startswith("dev minus blind")]
    assert gap_rows and gap_rows[0][1] == f"{(dev - blind) * 100:+.1f} points"
    page = render_markdown(results, {c.id: c.key for c in cases})
    assert "## Dev and blind, side by side" in page
    assert "## Naturalness" in page


def test_naming_the_employer_again_and_listing_many_skills_are_counted() -> None:
    questions = kit(
        question("At Brightline Logistics, how did you plan the depot move?"),
        question("At Brightline Logistics, what did the audit find?"),
        question("Which of Python, SQL, Airflow and dbt did you use most?"),
        question("How did you decide what to automate first?"),
    ).questions
    natural = measure(questions, ["Brightline Logistics"], ["Python", "SQL", "Airflow", "dbt"])
    assert natural.repeats_place == 1  # the first mention is fine; the second repeats it
    assert natural.many_skills == 1
    assert natural.question_words == sum(len(q.text.split()) for q in questions)


def test_a_rubric_pasted_into_every_question_is_a_repeated_trigram() -> None:
    pasted = "names their own part and the measured result"
    varied = [
        question("How did you cut the close?", strong_answer=pasted),
        question("Why did the vendor change?", strong_answer=pasted),
        question("What did the audit find?", strong_answer=pasted),
    ]
    distinct = [
        question("How did you cut the close?", strong_answer="gives the baseline days"),
        question("Why did the vendor change?", strong_answer="says who decided and why"),
        question("What did the audit find?", strong_answer="names the finding and the fix"),
    ]
    assert measure(kit(*varied).questions, [], []).repeated_trigrams >= 3
    assert measure(kit(*distinct).questions, [], []).repeated_trigrams == 0
    # The candidate's own words are not template: quoting them thrice is allowed.
    own = measure(kit(*varied).questions, [], [], own_text=pasted)
    assert own.repeated_trigrams == 0


def _resume(name: str, skills: list[str], org: str = "Harbour Clinic") -> Resume:
    role = Role(
        title="Practice Nurse",
        organisation=org,
        start=YearMonth(year=2021, month=3),
        current=True,
        header_span=SPAN,
    )
    return Resume(
        contact=ContactDetails(name=name),
        roles=[role],
        skills=[Skill(name=s, span=SPAN) for s in skills],
    )


def test_reading_is_scored_against_the_structure_truth(tmp_path: Path) -> None:
    shutil.copytree(CASES_DIR / "dev" / "hotel-to-qa", tmp_path / "c")
    case = load_cases(tmp_path)[0]
    truth = {
        "name": "Mina Patel",
        "roles": [
            {
                "title": "Practice Nurse",
                "employer": "Harbour Clinic",
                "start": "2021-03",
                "end": "present",
            },
            {"title": "Staff Nurse", "employer": "St Anne's", "start": "2017", "end": "2021"},
        ],
        "skills": ["Triage", "Wound care"],
    }
    good = score_reading(_resume("Mina Patel", ["Triage", "Wound care"]), truth, case, "r.md")
    assert good.name_ok and good.roles_found == 1 and good.dates_ok == 1
    assert good.skills_found == 2 and good.wrong_skills == []
    bad = score_reading(
        _resume("CURRICULUM VITAE", ["Triage", "mina@example.com"]), truth, case, "r.md"
    )
    assert not bad.name_ok
    assert bad.skills_found == 1 and bad.wrong_skills == ["mina example com"]


def test_parity_names_the_fields_two_renderings_disagree_on() -> None:
    a = _resume("Mina Patel", ["Triage", "Wound care", "Phlebotomy"])
    assert compare(a, a.model_copy()) == []
    b = _resume("Mina Patel", ["Triage"], org="Harbour Clinic Ltd")
    differs = compare(a, b)
    assert "roles" in differs and any(d.startswith("skills") for d in differs)
    assert "name" not in differs


def test_every_blind_key_is_frozen_valid() -> None:
    """Blind keys are checked like dev keys; a blind case has a structure block, and the
    split holds at least the first frozen batch (eval/cases/blind/README.md)."""
    blind = CASES_DIR / "blind"
    keys = sorted(blind.glob("*/key.yaml"))
    assert len(keys) >= 11
    for key_path in keys:
        key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
        assert key["id"] == key_path.parent.name
        assert key.get("structure", {}).get("roles"), key_path
        assert check_case(key_path.parent).problems == [], key_path.parent.name
        assert f"`{key['id']}`" in (blind / "README.md").read_text(encoding="utf-8")


def test_diagnosis_refuses_a_blind_case(capsys: pytest.CaptureFixture[str]) -> None:
    """Blind cases are measured, never inspected to tune the engine."""
    from secondround.eval import diagnose

    blind = load_cases(CASES_DIR, splits=("blind",))[0]
    assert diagnose.main(["--case", blind.id]) == 2
    assert "never diagnosed" in capsys.readouterr().out
