"""How much a kit changes when the same inputs are run again (issue 8's consistency figure).

    python -m secondround.eval.consistency                 # offline composer, 5 reruns
    python -m secondround.eval.consistency --reruns 5 --case chef-to-ux --case hotel-to-qa
    SECONDROUND_LLM_BASE_URL=... SECONDROUND_LLM_MODEL=... \\
        python -m secondround.eval.consistency --generators composer,llm

For every case, the kit is built ``--reruns`` times from identical inputs and each pair of
reruns is compared three ways:

* **identical**: the two kits ask the same questions, word for word, in the same order;
* **text overlap**: Jaccard overlap of the two kits' question texts (order ignored);
* **probe overlap**: Jaccard overlap of *what* is asked: (purpose, evidence fact ids) per
  question, so a reworded question about the same resume line still counts as the same.

The figures are means over all pairs and cases. The offline composer is deterministic by
design, so anything below 100% there is a bug; the LLM path depends on the server honouring
``SECONDROUND_LLM_SEED`` and ``SECONDROUND_LLM_TEMPERATURE``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from secondround.core.models import InterviewKit
from secondround.core.pipeline import Engine
from secondround.core.settings import Settings

from .baselines import CASES_DIR, COMPOSER, LLM, llm_status, load_cases, request_for

DEFAULT_CASES = ("chef-to-ux", "hotel-to-qa", "new-grad-swe")


def question_texts(kit: InterviewKit) -> list[str]:
    return [" ".join(q.text.split()) for q in kit.questions]


def probes(kit: InterviewKit) -> set[tuple[str, tuple[str, ...]]]:
    """What each question asks about, independent of its wording."""
    return {
        (q.purpose.value, tuple(sorted({e.fact_id for e in q.evidence}))) for q in kit.questions
    }


def jaccard(a: set[object], b: set[object]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass
class Consistency:
    """Pairwise agreement between reruns of one generator over some cases."""

    generator: str
    pairs: int = 0
    identical: int = 0
    text_overlap: float = 0.0  # sums; divided by pairs in the properties below
    probe_overlap: float = 0.0
    fell_back: int = 0
    kits: int = 0
    questions: int = 0
    filled: int = 0  # questions the composer wrote because the generator's drafts fell short
    per_case: dict[str, tuple[float, float]] = field(default_factory=dict)

    def add_case(self, case_id: str, kits: Sequence[InterviewKit]) -> None:
        text_sum = probe_sum = 0.0
        pairs = 0
        for a, b in itertools.combinations(kits, 2):
            pairs += 1
            texts_a, texts_b = question_texts(a), question_texts(b)
            self.identical += texts_a == texts_b
            text_sum += jaccard(set(texts_a), set(texts_b))
            probe_sum += jaccard(set(probes(a)), set(probes(b)))
        self.pairs += pairs
        self.text_overlap += text_sum
        self.probe_overlap += probe_sum
        self.kits += len(kits)
        self.questions += sum(len(k.questions) for k in kits)
        self.filled += sum(k.meta.filled for k in kits)
        if pairs:
            self.per_case[case_id] = (text_sum / pairs, probe_sum / pairs)

    @property
    def identical_rate(self) -> float:
        return self.identical / self.pairs if self.pairs else 1.0

    @property
    def mean_text_overlap(self) -> float:
        return self.text_overlap / self.pairs if self.pairs else 1.0

    @property
    def mean_probe_overlap(self) -> float:
        return self.probe_overlap / self.pairs if self.pairs else 1.0


def measure(
    engine: Engine,
    generator: str,
    case_ids: Sequence[str],
    reruns: int,
    round_name: str = "second",
    count: int = 12,
    cases_dir: Path = CASES_DIR,
) -> Consistency:
    result = Consistency(generator)
    for case in load_cases(cases_dir, case_ids):
        kits = []
        for _ in range(reruns):
            request = request_for(case, round_name, count, engine)
            # Named, not left to the settings (whose default is the LLM when one is set).
            request.generator = "offline" if generator == COMPOSER else "openai"
            kit = engine.build_kit(request)
            if generator == LLM and kit.meta.generator != "openai":
                result.fell_back += 1
            kits.append(kit)
        result.add_case(case.id, kits)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m secondround.eval.consistency",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--case", action="append", default=[], help="case id (repeatable)")
    parser.add_argument("--reruns", type=int, default=5)
    parser.add_argument("--round", default="second")
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--generators", default=f"{COMPOSER},{LLM}")
    args = parser.parse_args(list(argv or []))
    if args.reruns < 2:
        parser.error("--reruns must be at least 2 to compare anything")

    settings = Settings()
    engine = Engine(settings)
    engine.ensure_index()
    case_ids = args.case or list(DEFAULT_CASES)
    print(f"{args.reruns} reruns of {', '.join(case_ids)} ({args.round} round)")
    print(f"{'generator':<12} {'identical':>10} {'text overlap':>13} {'probe overlap':>14}")
    for generator in [g.strip() for g in args.generators.split(",") if g.strip()]:
        if generator == LLM:
            status = llm_status(settings, engine)
            if status:
                print(f"{generator:<12} {status}")
                continue
        elif generator != COMPOSER:
            parser.error(f"unknown generator {generator!r}; choose from {COMPOSER}, {LLM}")
        result = measure(engine, generator, case_ids, args.reruns, args.round, args.count)
        print(
            f"{generator:<12} {result.identical_rate:>10.0%} {result.mean_text_overlap:>13.0%} "
            f"{result.mean_probe_overlap:>14.0%}"
            + (f"  ({result.fell_back}/{result.kits} kits fell back)" if result.fell_back else "")
        )
        if generator == LLM:
            # Composer-filled questions are deterministic; a high share flatters the figure.
            print(f"  {result.filled}/{result.questions} questions filled by the composer")
        for case_id, (text, probe) in result.per_case.items():
            print(f"  {case_id:<30} text {text:.0%}  probes {probe:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
