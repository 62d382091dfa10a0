"""The report's section on a real local instruction model (issue 13, part 4).

A model run is slow (minutes a kit on two shared cores), so it is not part of the
regular ``--report`` run. It is made once, on a fixed sample, and kept as JSON next to
the report (``eval/report/llm-<model>.json``); the report renders every such file in a
marked block, so a later ``--report`` keeps it and this module can re-render the block
alone::

    python -m secondround.eval --sample 1 --rounds second,technical \\
        --llm-rounds second,technical --generators composer,llm,refine --json run.json
    python -m secondround.eval.report_llm save run.json --model-file MODEL.gguf \\
        --name qwen2.5-coder-1.5b-instruct --quant Q4_K_M --threads 1 \\
        --sample-rule "the first case id of each split, in sorted order"
    python -m secondround.eval.report_llm render     # rewrites only the block in report.md

Every figure is computed from the saved per-kit scores with the same ``totals`` as the
rest of the report, so the composer's row here is the composer on the same cases.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import statistics
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .metrics import KitScore, totals
from .report_splits import NATURAL_FIGURES, pct

REPORT_DIR = Path(__file__).resolve().parent / "report"
REPORT_MD = Path(__file__).resolve().parent / "report.md"
RUN_GLOB = "llm-*.json"
START = "<!-- llm-runs: start (eval/report_llm.py renders this block; do not edit) -->"
END = "<!-- llm-runs: end -->"
# Where the block goes in a report that has none yet.
BEFORE_HEADING = "## Timings (machine-dependent)"
GENERATORS = ("composer", "llm", "refine")
_REWORDED = re.compile(r"reworded (\d+) of (\d+) questions")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- saving


def save_run(results: Mapping[str, Any], model: Mapping[str, Any], path: Path) -> Path:
    """Keep what the section needs from one eval run (``--json`` output): the per-kit
    scores and generator accounts of composer, llm and refine, the run's config, and
    ``model`` (name, file, sha256, quant, threads, sample rule, ...)."""
    kits = [k for k in results.get("kits", []) if k["generator"] in GENERATORS]
    meta = [m for m in results.get("kit_meta", []) if m["generator"] in GENERATORS]
    keep = {
        "model": dict(model),
        "config": results.get("config", {}),
        "notes": results.get("notes", []),
        "machine": results.get("machine", ""),
        "kits": kits,
        "kit_meta": meta,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(keep, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def _latest(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per generator, case, round and split: a kit measured again (a later part)
    replaces the earlier one, so a saved run can be extended with new kits without
    counting the composer's kit of a case twice."""
    by_kit = {(r["generator"], r["case"], r["round"], r["split"]): r for r in rows}
    return list(by_kit.values())


def merge_results(parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Several eval runs (e.g. one per split, run one after another, or a saved run and
    the kits added to it) as one: kits and generator accounts concatenated, later parts
    replacing a kit measured before, case ids and rounds united, generators in their
    order of first appearance."""
    config: dict[str, Any] = dict(parts[0].get("config", {}))
    config["case_ids"] = sorted({c for p in parts for c in p.get("config", {}).get("case_ids", [])})
    config["rounds"] = sorted({r for p in parts for r in p.get("config", {}).get("rounds", [])})
    config["cases"] = len(config["case_ids"])
    generators = [g for p in parts for g in p.get("config", {}).get("generators", [])]
    config["generators"] = list(dict.fromkeys(generators))
    return {
        "config": config,
        "notes": [n for p in parts for n in p.get("notes", [])],
        "machine": parts[-1].get("machine", ""),
        "kits": _latest([k for p in parts for k in p.get("kits", [])]),
        "kit_meta": _latest([m for p in parts for m in p.get("kit_meta", [])]),
    }


def load_runs(folder: Path = REPORT_DIR) -> list[dict[str, Any]]:
    runs = []
    for path in sorted(folder.glob(RUN_GLOB)):
        run: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        run["path"] = path.name
        runs.append(run)
    return runs


# --------------------------------------------------------------------------- figures


def _score(kit: Mapping[str, Any]) -> KitScore:
    fields = KitScore.__dataclass_fields__
    return KitScore(**{k: v for k, v in kit.items() if k in fields})


def model_share(meta: Mapping[str, Any]) -> tuple[int, int]:
    """(questions in the model's words, questions in the composer's) for one kit.

    llm: the model's drafts that passed the guardrails vs the composer's fill-ins;
    refine: questions reworded vs questions that kept the composer's wording; a kit
    that fell back to the composer is all composer."""
    asked = int(meta.get("questions", 0))
    gen = meta["generator"]
    if gen == "composer":
        return 0, asked
    if meta.get("generated_by") != gen:
        return 0, asked
    if gen == "llm":
        filled = min(asked, int(meta.get("filled", 0)))
        return asked - filled, filled
    for warning in meta.get("warnings", []):
        if "could not refine" in warning["message"]:
            return 0, asked
        found = _REWORDED.search(warning["message"])
        if found:
            reworded = int(found.group(1))
            return reworded, asked - reworded
    return (asked, 0) if meta.get("tokens") else (0, asked)


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def group_figures(
    kits: Sequence[Mapping[str, Any]], metas: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """The row of one generator x round x split."""
    gen = kits[0]["generator"] if kits else metas[0]["generator"]
    t = totals(gen, [_score(k) for k in kits]).as_dict()
    mine, composer = 0, 0
    for m in metas:
        a, b = model_share(m)
        mine, composer = mine + a, composer + b
    prompt = [m["tokens"]["prompt"] for m in metas if m.get("tokens", {}).get("prompt")]
    completion = [m["tokens"]["completion"] for m in metas if m.get("tokens", {}).get("completion")]
    seconds = [m["timings_ms"]["total"] / 1000 for m in metas if m.get("timings_ms")]
    return {
        **t,
        "model_questions": mine,
        "composer_questions": composer,
        "dropped": sum(int(m.get("dropped", 0)) for m in metas),
        "fell_back": sum(1 for m in metas if gen != "composer" and m.get("generated_by") != gen),
        "estimated_tokens": any(m.get("tokens", {}).get("estimated") for m in metas),
        "prompt_tokens": _mean(prompt),
        "completion_tokens": _mean(completion),
        "seconds": _mean(seconds),
        "seconds_range": (min(seconds), max(seconds)) if seconds else None,
    }


def texts_changed(run: Mapping[str, Any], split: str, rnd: str) -> int:
    """Refine questions whose text differs from the composer's (same case, round, id);
    a question counted as reworded may have changed only its follow-ups or rubric."""
    texts = {
        (m["generator"], m["case"]): m.get("texts", {})
        for m in run["kit_meta"]
        if (m["split"], m["round"]) == (split, rnd)
    }
    changed = 0
    for (gen, case), mine in texts.items():
        base = texts.get(("composer", case), {})
        if gen == "refine":
            # By text, not id: the engine may number the refined kit's questions in
            # another order than the composer's.
            same = set(base.values())
            changed += sum(1 for text in mine.values() if text not in same)
    return changed


def figures(run: Mapping[str, Any]) -> dict[tuple[str, str, str], dict[str, Any]]:
    """(split, round, generator) -> figures, for every group with a kit."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    keys = sorted(
        {(k["split"], k["round"], k["generator"]) for k in run["kits"]},
        key=lambda k: (k[0] != "dev", k[0], k[1], GENERATORS.index(k[2])),
    )
    for split, rnd, gen in keys:
        kits = [
            k for k in run["kits"] if (k["split"], k["round"], k["generator"]) == (split, rnd, gen)
        ]
        metas = [
            m
            for m in run["kit_meta"]
            if (m["split"], m["round"], m["generator"]) == (split, rnd, gen)
        ]
        out[(split, rnd, gen)] = group_figures(kits, metas)
        if gen == "refine":
            out[(split, rnd, gen)]["texts_changed"] = texts_changed(run, split, rnd)
    return out


def same_case_checks(run: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """Per model generator: kits whose coverage or grounding is below, equal to or above
    the composer's on the same case and round."""

    def grounding(k: Mapping[str, Any]) -> float:
        return k["grounded_quotes"] / k["quotes"] if k.get("quotes") else 1.0

    def coverage(k: Mapping[str, Any]) -> float:
        return k["addressed"] / k["facts"] if k.get("facts") else 1.0

    composer = {(k["case"], k["round"]): k for k in run["kits"] if k["generator"] == "composer"}
    out: dict[str, dict[str, int]] = {}
    for gen in ("llm", "refine"):
        counts = {"kits": 0, "coverage_lower": 0, "coverage_higher": 0, "grounding_lower": 0}
        for k in run["kits"]:
            base = composer.get((k["case"], k["round"]))
            if k["generator"] != gen or base is None:
                continue
            counts["kits"] += 1
            counts["coverage_lower"] += coverage(k) < coverage(base)
            counts["coverage_higher"] += coverage(k) > coverage(base)
            counts["grounding_lower"] += grounding(k) < grounding(base)
        if counts["kits"]:
            out[gen] = counts
    return out


# --------------------------------------------------------------------------- markdown

_NATURAL = [(short, field, fmt) for _, short, field, fmt in NATURAL_FIGURES]


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _rows(figs: Mapping[tuple[str, str, str], Mapping[str, Any]]) -> list[list[str]]:
    rows = []
    for (split, rnd, gen), f in figs.items():
        share = (
            "–"
            if gen == "composer"
            else f"{f['model_questions']} / {f['composer_questions']}"
            + (f" ({f['dropped']} dropped)" if gen == "llm" else "")
            + (f" (text changed in {f['texts_changed']})" if "texts_changed" in f else "")
        )
        tokens = "–"
        if f["prompt_tokens"] is not None:
            tokens = f"{_num(f['prompt_tokens'])} / {_num(f['completion_tokens'])}"
            if f["estimated_tokens"]:
                tokens += " (est.)"
        rows.append(
            [
                split,
                rnd,
                gen,
                str(f["kits"]),
                f"{pct(f['coverage'])} ({f['addressed']}/{f['facts']})",
                pct(f["grounding"]),
                str(f["protected_violations"]),
                str(f["near_duplicate_pairs"]),
                *(fmt(f[field]) for _, field, fmt in _NATURAL),
                share,
                tokens,
                _num(f["seconds"], 1),
            ]
        )
    return rows


def _pooled(run: Mapping[str, Any], gen: str, like: str | None = None) -> dict[str, Any] | None:
    """``gen``'s figures over the sample; with ``like``, only the cases and rounds that
    ``like`` has kits for (the composer on the model's own cases)."""
    where = {(k["case"], k["round"]) for k in run["kits"] if k["generator"] == (like or gen)}
    kits = [k for k in run["kits"] if k["generator"] == gen and (k["case"], k["round"]) in where]
    metas = [
        m for m in run["kit_meta"] if m["generator"] == gen and (m["case"], m["round"]) in where
    ]
    return group_figures(kits, metas) if kits else None


def _compare(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """How ``b`` (a model generator) reads against ``a`` (the composer), lower better."""
    better, worse = [], []
    for label, field, _ in _NATURAL:
        if b[field] < a[field]:
            better.append(label)
        elif b[field] > a[field]:
            worse.append(label)
    parts = []
    if better:
        parts.append("better on " + ", ".join(better))
    if worse:
        parts.append("worse on " + ", ".join(worse))
    return "; ".join(parts) or "the same on every naturalness figure"


def verdict(run: Mapping[str, Any]) -> list[str]:
    """Sentences the figures support, computed (so a re-render cannot drift from them)."""
    out = []
    checks = same_case_checks(run)
    for gen in ("refine", "llm"):
        mine = _pooled(run, gen)
        composer = _pooled(run, "composer", like=gen)
        if not mine or not composer:
            continue
        c = checks.get(gen, {})
        name = "Refine" if gen == "refine" else "The full-LLM generator"
        cov = (
            f"coverage {pct(mine['coverage'])} against the composer's {pct(composer['coverage'])}"
            f" (lower on {c.get('coverage_lower', 0)} of {c.get('kits', 0)} kits, higher on"
            f" {c.get('coverage_higher', 0)}), grounding {pct(mine['grounding'])}"
            f" (lower on {c.get('grounding_lower', 0)} kits)"
        )
        asked = mine["model_questions"] + mine["composer_questions"]
        share = (
            f"{mine['model_questions']} of {asked} questions are in the model's words"
            if gen == "refine"
            else f"{mine['model_questions']} of {asked} questions are the model's drafts"
            f" ({mine['dropped']} drafts dropped by the guardrails, the composer filled"
            f" {mine['composer_questions']})"
        )
        out.append(
            f"* **{name}**, pooled over the sample: {cov}; {share}; against the composer it"
            f" is {_compare(composer, mine)} ({_num(mine['seconds'], 0)} s a kit)."
        )
    return out


def examples(run: Mapping[str, Any], limit: int = 3) -> list[list[str]]:
    """Questions the model wrote, next to the composer's on the same case and round:
    refine's rewrites (beside the composer's question closest in wording), and llm
    questions the composer did not write.
    The first kits in sorted order, not the best ones."""
    texts = {(m["generator"], m["case"], m["round"]): m.get("texts", {}) for m in run["kit_meta"]}
    rows: list[list[str]] = []
    for gen in ("refine", "llm"):
        shown = 0
        for (g, case, rnd), mine in sorted(texts.items()):
            if g != gen or shown >= limit:
                continue
            base = texts.get(("composer", case, rnd), {})
            for qid, text in mine.items():
                if shown >= limit:
                    break
                if gen == "refine" and base and text not in base.values():
                    # The composer's question it rewords: the closest in wording.
                    draft = max(
                        base.values(), key=lambda b: difflib.SequenceMatcher(None, b, text).ratio()
                    )
                    rows.append([gen, f"{case} / {rnd} / {qid}", _cell(draft), _cell(text)])
                    shown += 1
                elif gen == "llm" and text not in base.values():
                    rows.append([gen, f"{case} / {rnd} / {qid}", "–", _cell(text)])
                    shown += 1
    return rows


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def section(runs: Sequence[Mapping[str, Any]]) -> list[str]:
    if not runs:
        return []
    out = [
        "## A real local instruction model (issue 13, part 4)",
        "",
        "The offline composer, the full-LLM generator (`llm`) and the composer reworded by",
        "the model (`refine`) on the same sample of cases, with a real instruction model",
        "behind llama.cpp's OpenAI-compatible server on this machine. Rendered from",
        "`eval/report/llm-*.json` by `eval/report_llm.py` (a model run is too slow for",
        "every `--report`). Columns: coverage of key facts; grounding (evidence quotes",
        "exact); protected-topic violations; near-duplicate pairs; the naturalness figures",
        "(lower is better); *model / composer*: questions in the model's words against",
        "questions the composer wrote (llm: drafts kept vs filled; refine: reworded, in its",
        "text, probes or rubric, vs kept, and how many question texts changed); tokens per",
        "kit, prompt / completion, from the kit's `meta.tokens` (*est.*:",
        "the engine's estimate at 3.2 characters a token, because llama.cpp sends no usage",
        "while streaming; it errs high); seconds per kit, end to end.",
        "",
    ]
    for run in runs:
        model = run["model"]
        config = run["config"]
        out += [f"### {model.get('name', run['path'])}", ""]
        facts = [
            f"file `{model.get('file', '?')}`, {model.get('bytes', 0):,} bytes, sha256 "
            f"`{model.get('sha256', '?')}`",
            f"quantisation {model.get('quant', '?')}; server: {model.get('server', '?')}, "
            f"`--n_threads {model.get('threads', '?')}`, `--n_ctx {model.get('n_ctx', '?')}`",
            f"settings: {model.get('settings', '?')}",
            f"sample: {model.get('sample_rule', '?')}: "
            + ", ".join(f"`{c}`" for c in config.get("case_ids", [])),
            f"rounds {', '.join(config.get('rounds', []))}; {config.get('count', '?')} "
            f"questions asked for per kit; measured {model.get('date', '?')}",
        ]
        if model.get("provenance"):
            facts.append(f"provenance: {model['provenance']}")
        if run.get("machine"):
            facts.append(f"machine: {run['machine']}")
        out += [f"* {line}" for line in facts]
        out.append("")
        out += _table(
            [
                "split",
                "round",
                "generator",
                "kits",
                "coverage",
                "grounding",
                "protected",
                "near-dup pairs",
                *(label for label, _, _ in _NATURAL),
                "model / composer",
                "tokens / kit",
                "s / kit",
            ],
            _rows(figures(run)),
        )
        shown = examples(run)
        if shown:
            out += ["", "The model's wording, first kits in sorted order (not chosen):", ""]
            out += _table(["generator", "case / round / question", "composer", "model"], shown)
        out += ["", "What the figures say:", ""]
        out += verdict(run)
        out += [f"* {note}" for note in model.get("findings", [])]
        out.append("")
    return out


def block(runs: Sequence[Mapping[str, Any]]) -> list[str]:
    """The section between its markers, or nothing when no run is saved."""
    lines = section(runs)
    return [START, "", *lines, END, ""] if lines else []


def render_into(report: str, runs: Sequence[Mapping[str, Any]]) -> str:
    """``report`` with the marked block replaced (or inserted before the timings)."""
    text = "\n".join(block(runs))
    if START in report and END in report:
        head, rest = report.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        return head + text + ("\n" if text else "") + tail
    if not text:
        return report
    if BEFORE_HEADING in report:
        head, tail = report.split(BEFORE_HEADING, 1)
        return head + text + "\n" + BEFORE_HEADING + tail
    return report.rstrip("\n") + "\n\n" + text + "\n"


# --------------------------------------------------------------------------- CLI


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.eval.report_llm")
    sub = parser.add_subparsers(dest="command", required=True)
    save = sub.add_parser("save", help="keep an eval run (--json output) as llm-<name>.json")
    save.add_argument("results", type=Path, nargs="+", help="one or more --json outputs")
    save.add_argument("--name", required=True, help="the model's name")
    save.add_argument("--model-file", type=Path, required=True, help="the GGUF file served")
    save.add_argument("--quant", default="?")
    save.add_argument("--threads", default="?")
    save.add_argument("--n-ctx", default="?")
    save.add_argument("--server", default="llama-cpp-python server")
    save.add_argument("--settings", default="", help="the SECONDROUND_LLM_* values used")
    save.add_argument("--sample-rule", required=True)
    save.add_argument("--date", default="?")
    save.add_argument("--provenance", default="")
    save.add_argument("--finding", action="append", default=[], help="a sentence for the section")
    save.add_argument("--out", type=Path, help="default: eval/report/llm-<name>.json")
    render = sub.add_parser("render", help="re-render the block in report.md")
    render.add_argument("--report", type=Path, default=REPORT_MD)
    args = parser.parse_args(list(argv if argv is not None else sys.argv[1:]))
    if args.command == "save":
        results = merge_results(
            [json.loads(path.read_text(encoding="utf-8")) for path in args.results]
        )
        model = {
            "name": args.name,
            "file": args.model_file.name,
            "bytes": args.model_file.stat().st_size,
            "sha256": sha256_of(args.model_file),
            "quant": args.quant,
            "threads": args.threads,
            "n_ctx": args.n_ctx,
            "server": args.server,
            "settings": args.settings,
            "sample_rule": args.sample_rule,
            "date": args.date,
            "provenance": args.provenance,
            "findings": args.finding,
        }
        out = args.out or REPORT_DIR / f"llm-{_slug(args.name)}.json"
        print(f"wrote {save_run(results, model, out)}")
        return 0
    runs = load_runs(args.report.parent / REPORT_DIR.name)
    report = args.report.read_text(encoding="utf-8")
    args.report.write_text(render_into(report, runs), encoding="utf-8")
    print(f"rendered {len(runs)} model run(s) into {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
