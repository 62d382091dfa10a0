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
the report. ``--generator llm`` runs the same cases with the configured model wording the
probes (``SECONDROUND_LLM_*`` settings, as for kits) and adds how many probes the model
worded, how many answers fell back to the offline wording, and why. What is lacking is
the rules' finding either way, so precision and recall cannot move; only the wording can.
The labels are never edited to fit the rules; a wrong label is fixed with a note in the
case saying why.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from secondround.core.debrief.answer_model import answer_follow_ups
from secondround.core.debrief.answers import LACK_ORDER, AnswerFeedback, follow_up_answer
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


def score(cases: list[dict[str, Any]], generator: str | None = None) -> dict[str, Any]:
    probes = on_target = labelled = found = clean = clean_left_alone = 0
    per_lack: dict[str, Counter[str]] = {k: Counter() for k in LACK_ORDER}
    misses: list[str] = []
    model = Counter[str]()
    reasons = Counter[str]()
    started = time.monotonic()
    for case in cases:
        truth = set(case.get("lacks") or [])
        audience = Audience(case.get("audience", "interviewer"))
        result: AnswerFeedback
        if generator is None:
            result = follow_up_answer(_question(case), case["answer"], audience)
        else:
            result = answer_follow_ups(
                _question(case), case["answer"], audience, generator=generator
            )
            model["asked"] += bool(result.lacks)
            model["worded"] += sum(1 for lack in result.lacks if lack.worded_by == "model")
            model["fell_back"] += bool(result.warnings)
            for warning in result.warnings:
                inside = re.search(r"\(([^()]*)\)", warning.message)
                pairs = re.findall(r"(\d+) ([a-z_]+)", inside.group(1) if inside else "")
                for n, reason in pairs or [("1", warning.code)]:
                    reasons[reason] += int(n)
        got = [lack.kind for lack in result.lacks]
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
        "generator": generator or "offline",
        "model": {**model, "reasons": dict(reasons), "seconds": time.monotonic() - started}
        if generator
        else None,
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
    if results.get("model"):
        m = results["model"]
        why = ", ".join(f"{n} {r}" for r, n in sorted(m["reasons"].items(), key=lambda x: -x[1]))
        out += [
            f"With `--generator {results['generator']}`: the model was asked for "
            f"{m.get('asked', 0)} answers' probes and worded {m.get('worded', 0)} of the "
            f"{results['probes']} probes; {m.get('fell_back', 0)} answers kept some or all "
            f"of the offline wording ({why or 'none'}); {m['seconds']:.0f} s in all.",
            "",
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Follow-up quality on the labelled answers.")
    parser.add_argument(
        "--generator", help="llm: the configured model words the probes (default: offline)"
    )
    args = parser.parse_args(argv)
    results = score(load(), args.generator)
    if not results["cases"]:
        print(f"No labelled cases at {CASES_PATH}.", file=sys.stderr)
        return 2
    print("\n".join(section(results)))
    for miss in results["misses"]:
        print("miss:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
