"""eval/report.md and its charts (eval/report/*.png) from one eval run's results.

Everything above the "Timings" heading depends only on the cases, the keys and the
engine's code, so it is identical from run to run and machine to machine (the offline
generators are deterministic, every list is sorted, "today" is fixed per case). Timings
depend on the machine and on what is cached; they have a section, and a chart, of
their own.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .baselines import LABELS
from .followup_quality import section as followups_section
from .report_llm import block as llm_block
from .report_llm import load_runs as load_llm_runs
from .report_splits import load_before, naturalness_section, reading_section, split_section

REPORT_PATH = Path(__file__).resolve().parent / "report.md"
CHART_DIR_NAME = "report"
STAGES = ("read", "analyse", "plan", "retrieve", "generate", "guard")
_COLOURS = {
    "composer": "#1f6f8b",
    "no-retrieval": "#99c1b9",
    "generic-bank": "#d08c60",
    "llm": "#8e6c8a",
}


def pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def _label(gen: str) -> str:
    return LABELS.get(gen, gen)


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


# --------------------------------------------------------------------------- charts


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "svg.hashsalt": "secondround",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return plt


def _save(fig: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # No "Software" (version) or date chunk, so the same figure gives the same bytes.
    fig.savefig(path, dpi=110, metadata={"Software": None}, bbox_inches=None)


def chart_metrics(results: Mapping[str, Any], path: Path) -> None:
    plt = _pyplot()
    gens = list(results["totals"])
    metrics = [
        ("coverage", "coverage"),
        ("grounding", "grounding"),
        ("specificity", "specificity"),
        ("purpose_coverage", "purpose coverage"),
        ("adherence", "round adherence"),
    ]
    fig, ax = plt.subplots(figsize=(8, 3.6))
    width = 0.8 / max(1, len(gens))
    for g, gen in enumerate(gens):
        t = results["totals"][gen]
        for m, (key, _) in enumerate(metrics):
            x = m + (g - (len(gens) - 1) / 2) * width
            if key == "adherence":
                value = t["adherence_met"] / t["adherence_kits"] if t["adherence_kits"] else None
            else:
                value = t[key]
            if value is None:
                ax.text(x, 0.02, "n/a", ha="center", va="bottom", fontsize=7, rotation=90)
                continue
            ax.bar(
                x,
                value * 100,
                width,
                color=_COLOURS.get(gen, "#888888"),
                label=_label(gen) if m == 0 else None,
            )
            ax.text(x, value * 100 + 1, f"{value * 100:.0f}", ha="center", fontsize=7)
    ax.set_xticks(range(len(metrics)), [name for _, name in metrics])
    ax.set_ylabel("% (higher is better)")
    ax.set_ylim(0, 112)
    ax.legend(
        loc="upper center", ncol=len(gens), fontsize=8, frameon=False, bbox_to_anchor=(0.5, 1.14)
    )
    ax.set_title("Quality by generator, every round type", pad=24, fontsize=10)
    fig.tight_layout()
    _save(fig, path)
    plt.close(fig)


def chart_kinds(results: Mapping[str, Any], path: Path) -> None:
    plt = _pyplot()
    gens = list(results["second_round"])
    kinds = sorted({k for t in results["second_round"].values() for k in t["by_kind"]})
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(kinds) + 1.2))
    height = 0.8 / max(1, len(gens))
    for g, gen in enumerate(gens):
        by_kind = results["second_round"][gen]["by_kind"]
        for k, kind in enumerate(kinds):
            hit, total = by_kind.get(kind, [0, 0])
            y = k + (g - (len(gens) - 1) / 2) * height
            value = hit / total * 100 if total else 0
            ax.barh(
                y,
                value,
                height,
                color=_COLOURS.get(gen, "#888888"),
                label=_label(gen) if k == 0 else None,
            )
    labels = []
    for kind in kinds:
        total = next(iter(results["second_round"].values()))["by_kind"].get(kind, [0, 0])[1]
        labels.append(f"{kind.replace('_', ' ')} ({total})")
    ax.set_yticks(range(len(kinds)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("answer-key facts addressed, % (second-round kits; facts per kind in brackets)")
    ax.legend(
        loc="lower center", ncol=len(gens), fontsize=8, frameon=False, bbox_to_anchor=(0.5, 1.0)
    )
    fig.tight_layout()
    _save(fig, path)
    plt.close(fig)


def stage_medians(kits: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    timed = [k["timings_ms"] for k in kits if k["timings_ms"]]
    if not timed:
        return {}
    out = {s: statistics.median(t.get(s, 0.0) for t in timed) for s in STAGES}
    out["total"] = statistics.median(t.get("total", 0.0) for t in timed)
    return out


def timing_groups(results: Mapping[str, Any]) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for kit in results["kits"]:
        if not kit["timings_ms"] or kit["error"]:
            continue
        name = _label(kit["generator"])
        if kit["cache"]:
            name += f" (guidance cache {kit['cache']})"
        groups.setdefault(name, []).append(kit)
    return dict(sorted(groups.items()))


def chart_stages(results: Mapping[str, Any], path: Path) -> None:
    plt = _pyplot()
    groups = timing_groups(results)
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(groups) + 1.4))
    colours = ["#264653", "#2a9d8f", "#8ab17d", "#e9c46a", "#f4a261", "#e76f51"]
    for row, kits in enumerate(groups.values()):
        medians = stage_medians(kits)
        left = 0.0
        for s, stage in enumerate(STAGES):
            ax.barh(
                row, medians[stage], left=left, color=colours[s], label=stage if row == 0 else None
            )
            left += medians[stage]
        ax.text(left + 1, row, f"{medians['total']:.0f} ms", va="center", fontsize=8)
    ax.set_yticks(range(len(groups)), list(groups))
    ax.invert_yaxis()
    ax.set_xlabel("median ms per kit, by stage (machine-dependent)")
    ax.set_xlim(0, ax.get_xlim()[1] * 1.12)
    ax.legend(
        loc="lower center", ncol=len(STAGES), fontsize=8, frameon=False, bbox_to_anchor=(0.5, 1.0)
    )
    fig.tight_layout()
    _save(fig, path)
    plt.close(fig)


# --------------------------------------------------------------------------- markdown


def _summary_rows(totals: Mapping[str, Mapping[str, Any]]) -> list[list[str]]:
    gens = list(totals)

    def row(name: str, fn: Any) -> list[str]:
        return [name, *(fn(totals[g]) for g in gens)]

    def adherence(t: Mapping[str, Any]) -> str:
        if not t["adherence_kits"]:
            return "n/a"
        return f"{t['adherence_met']}/{t['adherence_kits']}"

    def unevidenced(t: Mapping[str, Any]) -> str:
        value = t["unevidenced_questions"]
        return "n/a" if value is None else str(value)

    return [
        row("kits (errors)", lambda t: f"{t['kits']} ({t['errors']})"),
        row(
            "coverage of key facts",
            lambda t: f"{pct(t['coverage'])} ({t['addressed']}/{t['facts']})",
        ),
        row("grounding: evidence quotes exact", lambda t: pct(t["grounding"])),
        row(
            "grounding: questions with all quotes exact",
            lambda t: pct(t["grounded_question_share"]),
        ),
        row("questions without evidence (not general)", unevidenced),
        row("specificity", lambda t: pct(t["specificity"])),
        row("questions citing guidance", lambda t: pct(t["guidance_cited"])),
        row("protected-topic violations", lambda t: str(t["protected_violations"])),
        row("near-duplicate pairs", lambda t: str(t["near_duplicate_pairs"])),
        row("questions with text defects", lambda t: str(t["defective_questions"])),
        row("purpose coverage of the plan", lambda t: pct(t["purpose_coverage"])),
        row("round adherence (kits meeting the rule)", adherence),
    ]


def _findings(results: Mapping[str, Any], cases: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """What the default generator misses: facts, purposes, round rules."""
    kits = [k for k in results["kits"] if k["generator"] == "composer" and not k["error"]]
    lines: list[str] = []
    second = [k for k in kits if k["round"] == "second"]
    missed_rows = []
    for k in second:
        facts = {f["id"]: f for f in cases.get(k["case"], {}).get("facts", [])}
        for fid in k["missed"]:
            fact = facts.get(fid, {})
            missed_rows.append(
                [k["case"], fid, fact.get("kind", ""), _cell(str(fact.get("note", "")))]
            )
    lines.append(
        f"### Key facts the offline composer misses in second-round kits ({len(missed_rows)})"
    )
    lines.append("")
    lines += (
        _table(["case", "fact", "kind", "what the key wants asked"], missed_rows)
        if missed_rows
        else ["None."]
    )
    lines.append("")
    always: dict[str, int] = {}
    for k in kits:
        for fid in k["missed"]:
            always[f"{k['case']}/{fid}"] = always.get(f"{k['case']}/{fid}", 0) + 1
    rounds = len({k["round"] for k in kits}) or 1
    never = sorted(name for name, n in always.items() if n == rounds)
    lines.append(f"### Facts no round type addresses ({len(never)})")
    lines.append("")
    lines.append(", ".join(f"`{n}`" for n in never) if never else "None.")
    lines.append("")
    gaps = [
        [
            k["case"],
            k["round"],
            ", ".join(sorted(set(k["planned_purposes"]) - set(k["covered_purposes"]))),
        ]
        for k in kits
        if set(k["planned_purposes"]) - set(k["covered_purposes"])
    ]
    lines.append(f"### Planned purposes that got no question ({len(gaps)} kits)")
    lines.append("")
    lines += _table(["case", "round", "purposes without a question"], gaps) if gaps else ["None."]
    lines.append("")
    broken = [[k["case"], k["round"], k["adherence_rule"]] for k in kits if k["adherence"] is False]
    lines.append(f"### Kits that break their round's rule ({len(broken)})")
    lines.append("")
    lines += _table(["case", "round", "rule"], broken) if broken else ["None."]
    lines.append("")
    dupes = [
        [k["case"], k["round"], pair, _cell(texts)]
        for k in kits
        for pair, texts in zip(k["duplicate_pairs"], k["duplicate_texts"], strict=True)
    ]
    lines.append(f"### Near-duplicate pairs ({len(dupes)})")
    lines.append("")
    lines += _table(["case", "round", "pair", "texts"], dupes) if dupes else ["None."]
    lines.append("")
    defects = [[k["case"], k["round"], _cell(e)] for k in kits for e in k["defect_examples"]]
    lines.append(f"### Questions whose text reads as badly assembled ({len(defects)})")
    lines.append("")
    lines += _table(["case", "round", "question"], defects) if defects else ["None."]
    lines.append("")
    count = results["config"]["count"]
    short = [[k["case"], k["round"], str(k["questions"])] for k in kits if k["questions"] < count]
    lines.append(f"### Kits shorter than the {count} questions asked for ({len(short)})")
    lines.append("")
    lines += _table(["case", "round", "questions"], short) if short else ["None."]
    lines.append("")
    violations = [
        [k["case"], k["round"], "; ".join(k["trap_violations"])]
        for k in results["kits"]
        if k["trap_violations"]
    ]
    lines.append(f"### Protected-topic violations, any generator ({len(violations)} kits)")
    lines.append("")
    lines += _table(["case", "round", "what"], violations) if violations else ["None."]
    lines.append("")
    return lines


def render_markdown(results: Mapping[str, Any], cases: Mapping[str, Mapping[str, Any]]) -> str:
    config = results["config"]
    gens = list(results["totals"])
    out = [
        "# secondround: question quality and speed, measured",
        "",
        "Generated by `secondround eval --report` (or `python -m secondround.eval --report`);",
        "see [docs/eval.md](../docs/eval.md) for what each number means. Everything above",
        "**Timings** is identical on every run and machine; timings are machine-dependent.",
        "",
        f"* {config['cases']} cases ([eval/cases](cases/README.md)), rounds: "
        f"{', '.join(config['rounds'])}; {config['count']} questions asked for per kit; "
        f"jurisdiction {config['jurisdiction']}; corpus `{config['corpus_version']}`.",
        "* Generators compared: " + "; ".join(f"**{_label(g)}**" for g in gens) + ".",
    ]
    out += [f"* {note}" for note in results["notes"]]
    out += ["", "## Every round type, all cases", ""]
    out += _table(["metric", *(_label(g) for g in gens)], _summary_rows(results["totals"]))
    out += ["", "![metric by generator](report/metric_by_generator.png)", ""]
    out += ["## Second-round kits (what the answer keys are written for)", ""]
    out += _table(
        ["metric", *(_label(g) for g in results["second_round"])],
        _summary_rows(results["second_round"]),
    )
    out += ["", "## Quality targets (offline composer)", ""]
    out += _table(["target", "measured", "met"], results["targets"])
    before = load_before()
    out += ["", *split_section(results, before), *naturalness_section(results, before)]
    out += reading_section(results)
    out += ["", *followups_section(results.get("followups"))]
    out += ["", "## Coverage and specificity by round", ""]
    rows = []
    for rnd in config["rounds"]:
        row = [rnd]
        for g in gens:
            t = results["by_round"].get(g, {}).get(rnd)
            row.append(f"{pct(t['coverage'], 0)} / {pct(t['specificity'], 0)}" if t else "–")
        rows.append(row)
    out += _table(["round (coverage / specificity)", *(_label(g) for g in gens)], rows)
    out += ["", "## Coverage by fact kind (second-round kits)", ""]
    kinds = sorted({k for t in results["second_round"].values() for k in t["by_kind"]})
    rows = []
    for kind in kinds:
        row = [kind]
        for g in results["second_round"]:
            hit, total = results["second_round"][g]["by_kind"].get(kind, [0, 0])
            row.append(f"{hit}/{total} ({pct(hit / total if total else 0, 0)})")
        rows.append(row)
    out += _table(["fact kind", *(_label(g) for g in results["second_round"])], rows)
    out += ["", "![coverage by fact kind](report/coverage_by_kind.png)", ""]
    out += ["## Per kit (offline composer)", ""]
    rows = []
    for k in results["kits"]:
        if k["generator"] != "composer":
            continue
        if k["error"]:
            rows.append([k["case"], k["round"], "error", k["error"], "", "", "", "", ""])
            continue
        ground = "n/a" if not k["quotes"] else pct(k["grounded_quotes"] / k["quotes"], 0)
        adherence = {True: "yes", False: "**no**", None: "–"}[k["adherence"]]
        rows.append(
            [
                k["case"],
                k["round"],
                str(k["questions"]),
                f"{k['addressed']}/{k['facts']}",
                ground,
                f"{k['specific']}/{k['questions']}",
                str(len(k["trap_violations"])),
                str(k["near_duplicates"]),
                f"{len(k['covered_purposes'])}/{len(k['planned_purposes'])}",
                adherence,
            ]
        )
    header = [
        "case",
        "round",
        "qs",
        "facts",
        "grounded",
        "specific",
        "traps",
        "dups",
        "purposes",
        "adherence",
    ]
    out += ["<details><summary>" + f"{len(rows)} kits" + "</summary>", ""]
    out += _table(header, rows)
    out += ["", "</details>", "", "## What the engine misses (for the lead)", ""]
    out += _findings(results, cases)
    # Saved runs of a real local model (eval/report/llm-*.json): kept across reruns.
    out += llm_block(load_llm_runs())
    out += _timings_section(results)
    return "\n".join(out) + "\n"


def _timings_section(results: Mapping[str, Any]) -> list[str]:
    out = [
        "## Timings (machine-dependent)",
        "",
        "Median milliseconds per kit, in-process, from `meta.timings_ms`. A kit is *cache",
        "warm* when every guidance query was answered from the guidance cache (no embedding,",
        "no Chroma), *cold* when at least one went to the index. The speed profile with",
        "memory, CLI start-up and corpus scaling is in [bench.md](bench.md).",
        "",
    ]
    rows = []
    for name, kits in timing_groups(results).items():
        m = stage_medians(kits)
        totals = sorted(k["timings_ms"].get("total", 0.0) for k in kits)
        p90 = totals[min(len(totals) - 1, int(0.9 * len(totals)))]
        rows.append(
            [
                name,
                str(len(kits)),
                *(f"{m[s]:.1f}" for s in STAGES),
                f"{m['total']:.1f}",
                f"{p90:.1f}",
            ]
        )
    out += _table(["generator", "kits", *STAGES, "total", "p90 total"], rows)
    out += ["", "![time by stage](report/time_by_stage.png)", ""]
    out.append(f"Machine: {results['machine']}.")
    return out


def write_report(
    results: Mapping[str, Any],
    cases: Mapping[str, Mapping[str, Any]],
    path: Path = REPORT_PATH,
) -> list[Path]:
    """Write report.md and its charts; return the paths written."""
    chart_dir = path.parent / CHART_DIR_NAME
    charts = {
        "metric_by_generator.png": chart_metrics,
        "coverage_by_kind.png": chart_kinds,
        "time_by_stage.png": chart_stages,
    }
    written = []
    for name, draw in charts.items():
        draw(results, chart_dir / name)
        written.append(chart_dir / name)
    path.write_text(render_markdown(results, cases), encoding="utf-8")
    written.append(path)
    return written
