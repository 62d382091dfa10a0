"""Follow-up quality: do answer-aware probes target what an answer really lacks?

``eval/followups/cases.yaml`` holds labelled answers written before the feature, by a
writer who never read its code: a kit question, the resume line it probes, a realistic
answer and what that answer lacks (own part, a number's baseline, a result, a lesson,
a specific example), or nothing. Each answer goes through
``core.debrief.answers.follow_up_answer`` as a kit question would, and the probes it
proposes are scored against the labels:

- **precision** (the headline): the share of probes that target something the answer
  really lacks; a probe for something the answer has wastes the interviewer's time.
- **recall**: the share of labelled lacks that got a probe (at most three are proposed,
  so an answer lacking more caps recall).
- **clean answers left alone**: complete answers (nothing lacking) that got no probe.

Run ``python -m secondround.eval.followup_quality``; ``secondround eval`` adds the figures to
the report. The labels are never edited to fit the rules; a wrong label is fixed with a
note in the case saying why.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from secondround.core.debrief.answers import LACK_ORDER, follow_up_answer
from secondround.core.models import Audience, Evidence, FactKind, Purpose, Question

CASES_PATH = Path(__file__).resolve().parent / "followups" / "cases.yaml"


def load(path: Path = CASES_PATH) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases: list[dict[str, Any]] = data.get("cases", [])
    return cases


def _question(case: dict[str, Any]) -> Question:
    try:
        kind = FactKind(case.get("fact_kind", "role"))
    except ValueError:
        kind = FactKind.role
    return Question(
        id=str(case["id"]),
        text=str(case["question"]),
        round="second",
        purpose=Purpose.deep_dive,
        evidence=[Evidence(fact_id="f1", kind=kind, quote=str(case.get("evidence", "")))],
    )


def score(cases: list[dict[str, Any]]) -> dict[str, Any]:
    probes = on_target = labelled = found = clean = clean_left_alone = 0
    per_lack: dict[str, Counter[str]] = {k: Counter() for k in LACK_ORDER}
    misses: list[str] = []
    for case in cases:
        truth = set(case.get("lacks") or [])
        audience = Audience(case.get("audience", "interviewer"))
        got = [
            lack.kind for lack in follow_up_answer(_question(case), case["answer"], audience).lacks
        ]
        probes += len(got)
        on_target += sum(1 for k in got if k in truth)
        labelled += len(truth)
        found += len(truth & set(got))
        if not truth:
            clean += 1
            clean_left_alone += not got
        for kind in LACK_ORDER:
            counts = per_lack[kind]
            counts["probed"] += kind in got
            counts["right"] += kind in got and kind in truth
            counts["labelled"] += kind in truth
        if set(got) != truth:
            misses.append(f"{case['id']}: labelled {sorted(truth)}, probed {got}")
    return {
        "cases": len(cases),
        "probes": probes,
        "precision": on_target / probes if probes else None,
        "recall": found / labelled if labelled else None,
        "clean": clean,
        "clean_left_alone": clean_left_alone / clean if clean else None,
        "per_lack": {k: dict(v) for k, v in per_lack.items()},
        "misses": misses,
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def section(results: dict[str, Any] | None) -> list[str]:
    """The report's follow-up quality section (empty without labelled cases)."""
    if not results or not results.get("cases"):
        return []
    out = [
        "## Follow-up quality (answer-aware probes)",
        "",
        f"{results['cases']} labelled answers ([eval/followups](followups/cases.yaml)), "
        "written before the feature by a writer who never read its code. Precision: the "
        "share of proposed probes that target what the answer really lacks.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| precision (probes on target) | {_pct(results['precision'])} of {results['probes']} |",
        f"| recall (labelled lacks probed) | {_pct(results['recall'])} |",
        f"| complete answers left alone | {_pct(results['clean_left_alone'])} of "
        f"{results['clean']} |",
        "",
        "| lack | probed | on target | labelled |",
        "|---|---|---|---|",
    ]
    for kind, counts in results["per_lack"].items():
        out.append(
            f"| {kind} | {counts.get('probed', 0)} | {counts.get('right', 0)} | "
            f"{counts.get('labelled', 0)} |"
        )
    out.append("")
    return out


def main() -> int:
    results = score(load())
    if not results["cases"]:
        print(f"No labelled cases at {CASES_PATH}.", file=sys.stderr)
        return 2
    print("\n".join(section(results)))
    for miss in results["misses"]:
        print("miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
