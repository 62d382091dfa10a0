"""The report's dev-versus-blind and naturalness sections.

Dev cases are the ones the engine may be tuned on; blind cases were written from a brief
by people who never read the engine and are only measured. The gap between the two is
the honest measure of how well kits generalise to a user's own resume.

``before.json`` (next to report.md) holds the split totals of a run made with the
engine as it was before the naturalness work, so the report can show each figure
against where it started; ``python -m secondround.eval --save-before`` writes it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

BEFORE_PATH = Path(__file__).resolve().parent / "report" / "before.json"
COMPOSER = "composer"


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def load_before(path: Path = BEFORE_PATH) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def save_before(results: Mapping[str, Any], path: Path = BEFORE_PATH) -> Path:
    """Keep the split totals (no per-kit data, no timings) as the 'before' figures."""
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = {"by_split": results.get("by_split", {}), "config": results.get("config", {})}
    path.write_text(json.dumps(keep, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def split_section(results: Mapping[str, Any], before: Mapping[str, Any]) -> list[str]:
    by_split = results.get("by_split", {})
    dev = by_split.get("dev", {}).get(COMPOSER, {})
    blind = by_split.get("blind", {}).get(COMPOSER, {})
    if not blind:
        return []
    old = before.get("by_split", {})
    old_dev = old.get("dev", {}).get(COMPOSER, {})
    old_blind = old.get("blind", {}).get(COMPOSER, {})
    out = [
        "## Dev and blind, side by side (offline composer)",
        "",
        "Dev: the cases the engine may be tuned on. Blind: cases written from a brief by",
        "people who never read the engine, frozen before the engine changed, never tuned",
        "on ([eval/cases](cases/README.md)). Gap = dev minus blind, in points of coverage;",
        "'before' is the same engine before the blind split existed.",
        "",
    ]
    rows = []
    for rnd in ["all", *sorted(r for r in blind if r != "all")]:
        d, b = dev.get(rnd), blind.get(rnd)
        if b is None:
            continue
        gap = f"{(d['coverage'] - b['coverage']) * 100:+.1f}" if d else "–"
        was = old_blind.get(rnd, {}).get("coverage")
        was_dev = old_dev.get(rnd, {}).get("coverage")
        rows.append(
            [
                "every round" if rnd == "all" else rnd,
                pct(d["coverage"]) if d else "–",
                pct(b["coverage"]),
                gap,
                f"{pct(was_dev)} / {pct(was)}" if was is not None else "–",
                f"{pct(d['grounding']) if d else '–'} / {pct(b['grounding'])}",
                f"{d['protected_violations'] if d else '–'} / {b['protected_violations']}",
                f"{d['near_duplicate_pairs'] if d else '–'} / {b['near_duplicate_pairs']}",
            ]
        )
    out += _table(
        [
            "round",
            "dev coverage",
            "blind coverage",
            "gap",
            "before (dev / blind)",
            "grounding (dev / blind)",
            "protected (dev / blind)",
            "near-dupes (dev / blind)",
        ],
        rows,
    )
    out.append("")
    return out


# The naturalness figures every report table shows: a row label, a column header, the
# totals' field and how it is written.
NATURAL_FIGURES = (
    ("mean words per question", "words/q", "words_per_question", lambda v: f"{v:.1f}"),
    ("repeat an employer/city already named", "repeats a place", "repeats_place_share", pct),
    ("name more than two skills", "> 2 skills", "many_skills_share", pct),
    (
        "repeated trigrams per kit",
        "repeated trigrams/kit",
        "repeated_trigrams_per_kit",
        lambda v: f"{v:.1f}",
    ),
)
_NATURAL = [(label, field, fmt) for label, _, field, fmt in NATURAL_FIGURES]


def naturalness_section(results: Mapping[str, Any], before: Mapping[str, Any]) -> list[str]:
    by_split = results.get("by_split", {})
    old = before.get("by_split", {})
    splits = [s for s in by_split if COMPOSER in by_split[s]]
    if not splits:
        return []
    out = [
        "## Naturalness (offline composer, every round)",
        "",
        "How much the kit reads like a person wrote it ([definitions](../docs/eval.md)):",
        "shorter questions, an employer or city named once rather than in every question,",
        "one or two skills per question, and few three-word phrases recurring across a",
        "kit's questions, follow-ups and rubrics. Lower is better in every row.",
        "",
    ]
    header = ["figure"]
    for split in splits:
        header += [f"{split} before", f"{split} now"]
    rows = []
    for label, field, fmt in _NATURAL:
        row = [label]
        for split in splits:
            now = by_split[split][COMPOSER]["all"].get(field)
            was = old.get(split, {}).get(COMPOSER, {}).get("all", {}).get(field)
            row += [fmt(was) if was is not None else "–", fmt(now) if now is not None else "–"]
        rows.append(row)
    out += _table(header, rows)
    out.append("")
    return out


def reading_section(results: Mapping[str, Any]) -> list[str]:
    reading = results.get("reading") or {}
    totals = reading.get("totals") or {}
    if not totals:
        return []
    out = [
        "## Reading the resume right",
        "",
        "Against the truth in the answer keys' `structure` blocks: the candidate's name,",
        "the jobs (title and employer; dates both right), education and listed skills;",
        "'not jobs' counts entries read as a job that are not one (education, a heading).",
        "",
    ]
    rows = []
    for split, t in totals.items():
        rows.append(
            [
                split,
                f"{t['files']:.0f}",
                pct(t["name"]),
                pct(t["roles"]),
                pct(t["dates"]),
                f"{t['extra_roles']:.0f}",
                pct(t["education"]),
                pct(t["skills_recall"]),
                f"{t['wrong_skills']:.0f}",
            ]
        )
    out += _table(
        [
            "split",
            "files",
            "name",
            "jobs",
            "dates",
            "not jobs",
            "education",
            "skills",
            "not skills",
        ],
        rows,
    )
    parity = reading.get("parity") or []
    if parity:
        same = sum(1 for p in parity if not p["differs"])
        out += [
            "",
            f"### Rendering parity: the same CV in several formats ({same} of {len(parity)} agree)",
            "",
        ]
        out += _table(
            ["case", "primary", "other rendering", "fields that differ"],
            [
                [p["case"], p["primary"], p["other"], ", ".join(p["differs"]) or "none"]
                for p in parity
            ],
        )
    out.append("")
    return out
