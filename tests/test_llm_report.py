"""Extending a saved real-model run (eval/report_llm.py): a later measurement of the same
kit replaces the earlier one, so adding kits to a saved run never counts a case twice."""

from __future__ import annotations

from typing import Any

from secondround.eval.report_llm import figures, merge_results


def part(generator: str, case: str, rnd: str, addressed: int, generators: list[str]) -> Any:
    kit = {
        "generator": generator,
        "case": case,
        "round": rnd,
        "split": "dev",
        "addressed": addressed,
        "facts": 4,
    }
    meta = {**{k: kit[k] for k in ("generator", "case", "round", "split")}, "questions": 4}
    return {
        "config": {"case_ids": [case], "rounds": [rnd], "generators": generators},
        "kits": [kit],
        "kit_meta": [meta],
    }


def test_a_kit_measured_again_replaces_the_saved_one() -> None:
    saved = [
        part("composer", "a", "second", 2, ["composer", "llm"]),
        part("llm", "a", "second", 1, ["composer", "llm"]),
    ]
    added = [
        part("composer", "a", "second", 3, ["composer", "refine"]),
        part("refine", "a", "second", 3, ["composer", "refine"]),
        part("composer", "b", "technical", 4, ["composer", "refine"]),
    ]
    run = merge_results([*saved, *added])
    kits = {(k["generator"], k["case"], k["round"]): k for k in run["kits"]}
    assert len(run["kits"]) == len(run["kit_meta"]) == 4  # composer on case a once
    assert kits[("composer", "a", "second")]["addressed"] == 3  # the later measurement
    assert ("llm", "a", "second") in kits  # kept: nothing measured it again
    assert run["config"]["case_ids"] == ["a", "b"]
    assert run["config"]["generators"] == ["composer", "llm", "refine"]
    assert figures(run)[("dev", "second", "composer")]["addressed"] == 3
