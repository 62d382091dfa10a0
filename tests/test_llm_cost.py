"""The cost table docs/llm.md quotes: tokens per kit from the real prompts, offline."""

from __future__ import annotations

from secondround.core.pipeline import Engine
from secondround.eval.llm_cost import DEFAULT_PRICES, main, measure, table


def test_tokens_grow_with_the_question_count_and_the_prompt_stays_in_budget() -> None:
    engine = Engine()
    six, twelve = measure(engine, "second", 6), measure(engine, "second", 12)
    # What the model writes back grows with the kit; the llm prompt is held to its budget.
    assert twelve.llm_out > six.llm_out and twelve.refine_out > six.refine_out
    assert twelve.refine_in > six.refine_in
    assert six.llm_in <= 3000 and twelve.llm_in <= 3000
    price = DEFAULT_PRICES["gpt-4.1-mini"]
    assert 0 < six.cost(price, "refine") < twelve.cost(price, "refine")
    rendered = table([six, twelve], {"m": price})
    assert rendered.count("\n| second |") == 2


def test_prices_can_be_given_on_the_command_line(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--rounds", "technical", "--counts", "6", "--price", "local=0/0"]) == 0
    out = capsys.readouterr().out
    assert "local llm" in out and "$0.0000" in out and "| technical | 6 |" in out
