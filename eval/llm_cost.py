"""What a kit costs on a hosted model: tokens per kit by round and question count.

Builds each kit's real prompts (the ``llm`` generator's one request, and ``refine``'s
one batched rewrite request) from the bundled sample resume, job and notes, offline,
and sizes what the model would send back from the composer's own kit written in the
answer's shape. Tokens are the prompt builder's estimate (3.2 characters a token,
which errs high for English and JSON: on the 12-question sample it read 2,966 where
SmolLM2's tokenizer counted 2,660). Prices are per million tokens, passed in or the
defaults below; the printed table is what docs/llm.md quotes.

    python -m secondround.eval.llm_cost [--price NAME=IN/OUT ...] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secondround.core.generation.generator import GenerationRequest
from secondround.core.generation.llm_prompt import build_prompt, estimate_tokens
from secondround.core.generation.refine import build_refine_prompt
from secondround.core.models import InterviewKit
from secondround.core.pipeline import Engine, KitRequest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples"

# US dollars per million tokens (input, output), standard tier, no caching or batch
# discount. Dated: what the providers' price pages listed as of 2026-03, as quoted by
# the secondary sources docs/llm.md names; check the pages before budgeting on them.
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gpt-4.1-mini": (0.40, 1.60),
    "claude-haiku-4.5": (1.00, 5.00),
}
ROUNDS = ("second", "behavioural", "technical", "group", "panel")
COUNTS = (6, 12, 20)


@dataclass
class KitTokens:
    round: str
    count: int
    llm_in: int
    llm_out: int
    refine_in: int
    refine_out: int

    def cost(self, price: tuple[float, float], mode: str) -> float:
        tokens_in, tokens_out = (
            (self.llm_in, self.llm_out) if mode == "llm" else (self.refine_in, self.refine_out)
        )
        return (tokens_in * price[0] + tokens_out * price[1]) / 1_000_000


def _llm_answer(kit: InterviewKit) -> str:
    """The composer's kit as the llm generator's answer would carry it."""
    questions: list[dict[str, Any]] = []
    for i, q in enumerate(kit.questions):
        questions.append(
            {
                "purpose": q.purpose.value,
                "text": q.text,
                "evidence": [{"fact": f"F{i + 1}", "quote": e.quote[:160]} for e in q.evidence[:2]],
                "rationale": q.rationale,
                "follow_ups": q.follow_ups[:2],
                "strong_answer": q.strong_answer,
                "guidance": [f"G{n + 1}" for n in range(min(2, len(q.guidance)))],
            }
        )
    return json.dumps({"questions": questions}, ensure_ascii=False)


def _refine_answer(kit: InterviewKit) -> str:
    """The composer's wording as refine's rewrites would carry it."""
    rewrites = [
        {
            "id": f"Q{i + 1}",
            "text": q.text,
            "follow_ups": q.follow_ups[:2],
            "strong_answer": q.strong_answer,
        }
        for i, q in enumerate(kit.questions)
    ]
    return json.dumps({"rewrites": rewrites}, ensure_ascii=False)


def measure(engine: Engine, round_name: str, count: int) -> KitTokens:
    request = KitRequest(
        resume=(SAMPLE / "resumes" / "jordan-rivera.pdf").read_bytes(),
        filename="jordan-rivera.pdf",
        job_text=(SAMPLE / "jobs" / "platform-engineer.md").read_text(),
        notes_text=(SAMPLE / "notes" / "jordan-rivera-first-interview.md").read_text(),
        round=round_name,
        count=count,
        generator="offline",
    )
    analysis = engine.prepare(request)
    kit = engine.build_kit(request, analysis=analysis)
    plan = engine.plan(analysis, request)
    round_type = engine.registry.round(round_name)
    gen = GenerationRequest(
        analysis=analysis,
        plan=plan,
        guidance=engine.retrieve(analysis, plan, request.audience),
        audience=request.audience,
        round_patterns=list(round_type.patterns()),
        round_description=round_type.description,
    )
    return KitTokens(
        round=round_name,
        count=count,
        llm_in=build_prompt(gen).estimated_tokens,
        llm_out=estimate_tokens(_llm_answer(kit)),
        refine_in=build_refine_prompt(gen, kit.questions).estimated_tokens,
        refine_out=estimate_tokens(_refine_answer(kit)),
    )


def table(rows: list[KitTokens], prices: dict[str, tuple[float, float]]) -> str:
    names = list(prices)
    head = ["round", "questions", "llm in", "llm out", "refine in", "refine out"]
    head += [f"{n} {mode}" for n in names for mode in ("llm", "refine")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [
            r.round,
            str(r.count),
            f"{r.llm_in:,}",
            f"{r.llm_out:,}",
            f"{r.refine_in:,}",
            f"{r.refine_out:,}",
        ]
        cells += [f"${r.cost(prices[n], mode):.4f}" for n in names for mode in ("llm", "refine")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _price(text: str) -> tuple[str, tuple[float, float]]:
    name, _, pair = text.partition("=")
    tokens_in, _, tokens_out = pair.partition("/")
    try:
        return name.strip(), (float(tokens_in), float(tokens_out))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected NAME=IN/OUT per million, got {text!r}"
        ) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.eval.llm_cost")
    parser.add_argument(
        "--price",
        action="append",
        type=_price,
        default=[],
        help="NAME=IN/OUT, US dollars per million tokens (repeatable)",
    )
    parser.add_argument("--rounds", default=",".join(ROUNDS))
    parser.add_argument("--counts", default=",".join(map(str, COUNTS)))
    args = parser.parse_args(argv)
    prices = dict(args.price) or DEFAULT_PRICES
    engine = Engine()
    rows = [
        measure(engine, r, int(c)) for r in args.rounds.split(",") for c in args.counts.split(",")
    ]
    sys.stdout.write(table(rows, prices) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
