"""Why a dev kit missed a key fact: did the analysis never find it, or did the plan leave
it out of the kit?

    python -m secondround.eval.diagnose                    # every dev case, second round
    python -m secondround.eval.diagnose --case chef-to-ux --round technical

For each missed fact it prints whether some analysed fact rests on one of the fact's
anchors (its kind, priority and rank among the case's facts) or "not found". The two
call for different fixes: a fact not found is a reading or analysis gap; a fact found
but left out is a ranking or planning choice.

Only the dev split can be diagnosed. Blind cases are measured, never inspected to tune
the engine (cases/blind/README.md); looking at why a blind fact was missed would turn
the blind split into a second dev split.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from secondround.core.models import Analysis, Fact, Source
from secondround.core.pipeline import Engine
from secondround.core.settings import Settings

from .baselines import CASES_DIR, Case, load_cases, request_for
from .metrics import fact_coverage, norm


def _texts(fact: Fact, sources: dict[Source, str]) -> list[str]:
    text = sources.get(fact.source, "")
    spans = [fact.span, *fact.also]
    return [norm(fact.quote), *(norm(text[s.start : s.end]) for s in spans)]


def where_found(key_fact: dict[str, Any], analysis: Analysis, sources: dict[Source, str]) -> str:
    """The analysed facts that rest on one of the key fact's anchors, best first."""
    anchors = [norm(a) for a in key_fact["anchors"]]
    hits = []
    for rank, fact in enumerate(analysis.facts, 1):
        if any(a in t for a in anchors for t in _texts(fact, sources)):
            hits.append(f"{fact.kind.value} p={fact.priority:.2f} rank {rank}")
    if not hits:
        return "not found by the analysis"
    return f"found as {'; '.join(hits[:3])} (of {len(analysis.facts)} facts)"


def diagnose(engine: Engine, case: Case, round_name: str, count: int) -> list[str]:
    request = request_for(case, round_name, count, engine)
    request.generator = "offline"
    kit = engine.build_kit(request)
    analysis = engine.prepare(request_for(case, round_name, count, engine))
    sources = {
        Source.resume: analysis.document.text,
        Source.job: request.job_text or "",
        Source.notes: request.notes_text or "",
    }
    _, missed, _ = fact_coverage(case.key, kit.questions)
    facts = {f["id"]: f for f in case.key.get("facts", [])}
    return [
        f"  {fid} [{facts[fid]['kind']}]: {where_found(facts[fid], analysis, sources)}"
        for fid in missed
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.eval.diagnose")
    parser.add_argument("--case", action="append", default=[], help="case id (repeatable)")
    parser.add_argument("--round", default="second")
    parser.add_argument("--count", type=int, default=12)
    args = parser.parse_args(argv)
    cases = load_cases(CASES_DIR, only=args.case, splits=("dev",))
    if args.case and not cases:
        blind = load_cases(CASES_DIR, only=args.case, splits=("blind",))
        if blind:
            print("blind cases are measured, never diagnosed (cases/blind/README.md)")
            return 2
        print(f"no dev case named {', '.join(args.case)}")
        return 2
    engine = Engine(Settings())
    engine.ensure_index()
    for case in cases:
        lines = diagnose(engine, case, args.round, args.count)
        print(f"{case.id}: {len(lines)} missed")
        for line in lines:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
