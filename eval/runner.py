"""Measure kit quality over eval/cases: coverage, grounding, traps, duplicates, timings.

    python -m secondround.eval                 # 12-question second-round kits
    secondround eval --rounds all --count 12   # every round type
    secondround eval --json results.json

The answer keys were written independently of the engine (see cases/README.md): a
fact counts as addressed when a question's evidence quotes or text contain one of its
anchors, exactly as a reader of the kit would see it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from secondround.core.errors import SecondRoundError
from secondround.core.models import InterviewKit, Source
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings

CASES_DIR = Path(__file__).resolve().parent / "cases"
DUPLICATE_THRESHOLD = 0.5
_WORD = re.compile(r"[a-z0-9][a-z0-9+#'-]*")
_STOP = frozenset(
    """the a an and or of to in on for with at by from as is are was were be you your what
    how why which who when where that this it did do does have has had about me""".split()
)


@dataclass
class Case:
    id: str
    folder: Path
    key: dict[str, Any]

    def path(self, name: str | None) -> Path | None:
        return self.folder / name if name else None

    @property
    def today(self) -> date:
        year, month = str(self.key.get("today", "2026-11")).split("-")[:2]
        return date(int(year), int(month), 1)


@dataclass
class KitScore:
    case: str
    round: str
    questions: int
    facts: int
    addressed: int
    missed: list[str]
    quotes: int
    grounded_quotes: int
    ungrounded: list[str]
    ungrounded_questions: int
    trap_violations: list[str]
    near_duplicates: int
    timings_ms: dict[str, float]
    addressed_by_kind: dict[str, list[int]] = field(default_factory=dict)
    error: str | None = None

    @property
    def coverage(self) -> float:
        return self.addressed / self.facts if self.facts else 1.0


def load_cases(folder: Path = CASES_DIR, only: Sequence[str] = ()) -> list[Case]:
    cases = []
    for key_path in sorted(folder.glob("*/key.yaml")):
        key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
        if only and key["id"] not in only:
            continue
        cases.append(Case(id=key["id"], folder=key_path.parent, key=key))
    return cases


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _similar(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def request_for(case: Case, round_name: str, count: int, engine: Engine) -> KitRequest:
    resume = case.path(case.key["resume"])
    assert resume is not None
    job = case.path(case.key.get("job"))
    notes = case.path(case.key.get("notes"))
    from secondround.core.reading import read_document

    def side(path: Path | None) -> str | None:
        if path is None:
            return None
        return read_document(path.read_bytes(), path.name, engine.registry.readers).text

    return KitRequest(
        resume=resume.read_bytes(),
        filename=resume.name,
        job_text=side(job),
        notes_text=side(notes),
        round=round_name,
        count=count,
        today=case.today,
    )


def score_kit(case: Case, kit: InterviewKit, request: KitRequest, resume_text: str) -> KitScore:
    sources = {
        Source.resume: resume_text,
        Source.job: request.job_text or "",
        Source.notes: request.notes_text or "",
    }
    seen_text = [_norm(" ".join([q.text, *(e.quote for e in q.evidence)])) for q in kit.questions]
    addressed = 0
    missed: list[str] = []
    by_kind: dict[str, list[int]] = {}
    for fact in case.key.get("facts", []):
        anchors = [_norm(a) for a in fact["anchors"]]
        hit = any(a in text for a in anchors for text in seen_text)
        addressed += hit
        counts = by_kind.setdefault(fact["kind"], [0, 0])
        counts[0] += hit
        counts[1] += 1
        if not hit:
            missed.append(fact["id"])
    quotes = grounded = 0
    ungrounded: list[str] = []
    ungrounded_questions = 0
    for q in kit.questions:
        for e in q.evidence:
            quotes += 1
            if e.quote and e.quote in sources[e.source]:
                grounded += 1
            else:
                ungrounded.append(f"{q.id}: {e.quote[:60]!r}")
        if not q.evidence and not q.general:
            ungrounded_questions += 1
    violations: list[str] = []
    for trap in case.key.get("traps", []):
        for term in trap.get("terms", []):
            pattern = re.compile(rf"(?<!\w){re.escape(term.lower())}(?!\w)")
            for q in kit.questions:
                blob = " ".join([q.text, *q.follow_ups, *(e.quote for e in q.evidence)]).lower()
                if pattern.search(blob):
                    violations.append(
                        f"{q.id} mentions {term!r} ({trap.get('topic', trap['kind'])})"
                    )
    dupes = sum(
        1
        for i, a in enumerate(kit.questions)
        for b in kit.questions[i + 1 :]
        if _similar(a.text, b.text) >= DUPLICATE_THRESHOLD
    )
    return KitScore(
        case=case.id,
        round=kit.round,
        questions=len(kit.questions),
        facts=len(case.key.get("facts", [])),
        addressed=addressed,
        missed=missed,
        quotes=quotes,
        grounded_quotes=grounded,
        ungrounded=ungrounded,
        ungrounded_questions=ungrounded_questions,
        trap_violations=violations,
        near_duplicates=dupes,
        timings_ms=kit.meta.timings_ms,
        addressed_by_kind=by_kind,
    )


def run(cases: Sequence[Case], rounds: Sequence[str], count: int, engine: Engine) -> list[KitScore]:
    scores: list[KitScore] = []
    for case in cases:
        for round_name in rounds:
            request = request_for(case, round_name, count, engine)
            try:
                document = engine.read(request)
                kit = engine.build_kit(request)
            except SecondRoundError as exc:
                scores.append(
                    KitScore(
                        case=case.id,
                        round=round_name,
                        questions=0,
                        facts=len(case.key.get("facts", [])),
                        addressed=0,
                        missed=[f["id"] for f in case.key.get("facts", [])],
                        quotes=0,
                        grounded_quotes=0,
                        ungrounded=[],
                        ungrounded_questions=0,
                        trap_violations=[],
                        near_duplicates=0,
                        timings_ms={},
                        error=str(exc),
                    )
                )
                continue
            scores.append(score_kit(case, kit, request, document.text))
    return scores


def summarise(scores: Sequence[KitScore]) -> dict[str, Any]:
    facts = sum(s.facts for s in scores)
    quotes = sum(s.quotes for s in scores)
    totals = [s.timings_ms.get("total", 0.0) for s in scores if s.timings_ms]
    return {
        "kits": len(scores),
        "errors": sum(1 for s in scores if s.error),
        "coverage": sum(s.addressed for s in scores) / facts if facts else 1.0,
        "grounding": sum(s.grounded_quotes for s in scores) / quotes if quotes else 1.0,
        "ungrounded_questions": sum(s.ungrounded_questions for s in scores),
        "protected_violations": sum(len(s.trap_violations) for s in scores),
        "near_duplicate_pairs": sum(s.near_duplicates for s in scores),
        "median_kit_ms": statistics.median(totals) if totals else 0.0,
        "p90_kit_ms": statistics.quantiles(totals, n=10)[-1] if len(totals) >= 2 else 0.0,
    }


def print_report(scores: Sequence[KitScore], out: Any = sys.stdout) -> None:
    print(
        f"{'case':<34} {'round':<12} {'qs':>3} {'cover':>7} {'ground':>7} {'traps':>5} "
        f"{'dups':>4} {'ms':>7}",
        file=out,
    )
    for s in scores:
        if s.error:
            print(f"{s.case:<34} {s.round:<12} error: {s.error}", file=out)
            continue
        ground = s.grounded_quotes / s.quotes if s.quotes else 1.0
        print(
            f"{s.case:<34} {s.round:<12} {s.questions:>3} {s.coverage:>7.0%} {ground:>7.0%} "
            f"{len(s.trap_violations):>5} {s.near_duplicates:>4} "
            f"{s.timings_ms.get('total', 0):>7.1f}",
            file=out,
        )
        if s.missed:
            print(f"{'':<34} missed: {', '.join(s.missed)}", file=out)
        for v in s.trap_violations + s.ungrounded:
            print(f"{'':<34} ! {v}", file=out)
    total = summarise(scores)
    print(file=out)
    print(
        f"kits {total['kits']}  coverage {total['coverage']:.1%}  grounding "
        f"{total['grounding']:.1%}  protected-topic violations {total['protected_violations']}  "
        f"near-duplicate pairs {total['near_duplicate_pairs']}  median kit "
        f"{total['median_kit_ms']:.0f} ms (p90 {total['p90_kit_ms']:.0f} ms)",
        file=out,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="secondround eval", description=__doc__)
    parser.add_argument("--cases", type=Path, default=CASES_DIR)
    parser.add_argument("--case", action="append", default=[], help="only this case id")
    parser.add_argument("--rounds", default="second", help="comma list, or 'all'")
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--json", type=Path, help="also write per-kit scores as JSON")
    args = parser.parse_args(list(argv or []))
    engine = Engine(Settings())
    rounds = sorted(engine.registry.rounds) if args.rounds == "all" else args.rounds.split(",")
    cases = load_cases(args.cases, args.case)
    engine.ensure_index()
    started = time.perf_counter()
    scores = run(cases, rounds, args.count, engine)
    print_report(scores)
    print(f"wall {time.perf_counter() - started:.1f} s")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"summary": summarise(scores), "kits": [asdict(s) for s in scores]}, indent=2
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
