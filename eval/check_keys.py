"""Check the evaluation answer keys against the files they describe.

    python -m secondround.eval.check_keys          # every case under eval/cases/{dev,blind}
    python eval/check_keys.py --cases DIR

For each ``cases/<id>/key.yaml`` it checks the schema, that the files exist, that every
anchor is an exact substring of one line of its source text (as a reader would extract
it: PDF text layer via pypdfium2, DOCX paragraphs and tables, JSON Resume string
values), that no anchor contains a trap term (a question addressing the fact would then
break the trap), and that every trap is real (its terms occur in the inputs, a photo
trap has an image in the PDF). Exit status 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

CASES_DIR = Path(__file__).resolve().parent / "cases"

FACT_KINDS = frozenset(
    {
        "role",
        "gap",
        "short_tenure",
        "overlap",
        "unquantified_claim",
        "achievement",
        "skill_evidenced",
        "skill_unevidenced",
        "career_change",
        "promotion",
        "leadership_claim",
        "certification",
        "education",
        "project",
        "requirement_met",
        "requirement_missing",
        "concern",
    }
)
SENIORITIES = frozenset({"intern", "junior", "mid", "senior", "lead", "executive"})
SOURCES = frozenset({"resume", "job", "notes"})
TRAP_KINDS = frozenset({"protected", "injection", "salary_history"})
PROTECTED_TOPICS = frozenset(
    {
        "age",
        "family",
        "pregnancy",
        "religion",
        "national_origin",
        "race",
        "health",
        "sexual_orientation",
        "gender_identity",
        "photo",
        "union",
        "salary_history",
        "political",
        "criminal",
    }
)
MIN_FACTS, MAX_FACTS = 5, 9
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------- text


def _json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def _pdf_lines(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path)
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    return text.splitlines()


def _pdf_has_image(path: Path) -> bool:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    doc = pdfium.PdfDocument(path)
    try:
        for i in range(len(doc)):
            if any(doc[i].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])):
                return True
        return False
    finally:
        doc.close()


def _docx_lines(path: Path) -> list[str]:
    from docx import Document
    from docx.table import Table

    lines: list[str] = []
    for item in Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    lines.extend(cell.text.splitlines())
        else:
            lines.extend(item.text.splitlines())
    return lines


def source_lines(path: Path) -> list[str]:
    """The text of one input file, line by line, as a reader would extract it."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        lines = _pdf_lines(path)
    elif suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        lines = [line for s in _json_strings(data) for line in s.splitlines()]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    return [_norm(line) for line in lines if line.strip()]


# --------------------------------------------------------------------------- checks


@dataclass
class CaseReport:
    case_id: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    facts: int = 0
    traps: int = 0
    anchors: int = 0


def _is_str_list(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def check_case(case_dir: Path) -> CaseReport:
    """Check one case folder; problems make the key unusable, warnings weaken it."""
    report = CaseReport(case_dir.name)
    problems, warnings = report.problems, report.warnings
    key_path = case_dir / "key.yaml"
    if not key_path.is_file():
        problems.append("key.yaml is missing")
        return report
    try:
        key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        problems.append(f"key.yaml is not valid YAML: {' '.join(str(exc).split())[:200]}")
        return report
    if not isinstance(key, dict):
        problems.append("key.yaml is not a mapping")
        return report

    if key.get("id") != case_dir.name:
        problems.append(f"id {key.get('id')!r} does not match the folder name")
    for name in ("title", "resume", "today", "profession", "seniority", "format"):
        if not isinstance(key.get(name), str) or not key[name]:
            problems.append(f"{name} is missing or not a string")
    if not re.fullmatch(r"\d{4}-\d{2}", str(key.get("today", ""))):
        problems.append("today must be a quoted 'YYYY-MM' string")
    if key.get("seniority") not in SENIORITIES:
        problems.append(f"seniority {key.get('seniority')!r} is not one of {sorted(SENIORITIES)}")

    lines: dict[str, list[str]] = {}
    for source in ("resume", "job", "notes"):
        filename = key.get(source)
        if filename is None:
            continue
        path = case_dir / str(filename)
        if not path.is_file():
            problems.append(f"{source} file {filename!r} does not exist")
            continue
        lines[source] = source_lines(path)

    traps = key.get("traps") or []
    if not isinstance(traps, list):
        problems.append("traps must be a list")
        traps = []
    report.traps = len(traps)
    all_terms: list[str] = []
    all_text = "\n".join(line for text in lines.values() for line in text).lower()
    for n, trap in enumerate(traps):
        where = f"trap {n + 1}"
        if not isinstance(trap, dict) or trap.get("kind") not in TRAP_KINDS:
            problems.append(f"{where}: kind must be one of {sorted(TRAP_KINDS)}")
            continue
        topic = trap.get("topic")
        if trap["kind"] == "protected" and topic not in PROTECTED_TOPICS:
            problems.append(f"{where}: topic {topic!r} is not a protected topic")
        terms = trap.get("terms")
        if not _is_str_list(terms):
            problems.append(f"{where}: terms must be a non-empty list of strings")
            continue
        all_terms.extend(terms)
        if topic == "photo":
            resume_path = case_dir / str(key.get("resume", ""))
            if resume_path.suffix.lower() != ".pdf" or not _pdf_has_image(resume_path):
                problems.append(f"{where}: photo trap but the resume PDF holds no image")
        elif not any(term.lower() in all_text for term in terms):
            problems.append(f"{where}: none of its terms occurs in the inputs")

    facts = key.get("facts")
    if not isinstance(facts, list):
        problems.append("facts must be a list")
        return report
    report.facts = len(facts)
    if not MIN_FACTS <= len(facts) <= MAX_FACTS:
        problems.append(f"{len(facts)} facts; a key lists {MIN_FACTS} to {MAX_FACTS}")

    seen_ids: set[str] = set()
    anchor_owner: dict[str, str] = {}
    for n, fact in enumerate(facts):
        if not isinstance(fact, dict):
            problems.append(f"fact {n + 1} is not a mapping")
            continue
        fid = str(fact.get("id", f"#{n + 1}"))
        if fid in seen_ids:
            problems.append(f"fact id {fid!r} is used twice")
        seen_ids.add(fid)
        if fact.get("kind") not in FACT_KINDS:
            problems.append(f"{fid}: kind {fact.get('kind')!r} is not a fact kind")
        fact_source = fact.get("source")
        if fact_source not in SOURCES:
            problems.append(f"{fid}: source {fact_source!r} is not one of {sorted(SOURCES)}")
            continue
        if fact_source not in lines:
            problems.append(f"{fid}: source {fact_source!r} but the key names no such file")
            continue
        if not isinstance(fact.get("note"), str) or not fact["note"].strip():
            warnings.append(f"{fid}: no note")
        anchors = fact.get("anchors")
        if not _is_str_list(anchors):
            problems.append(f"{fid}: anchors must be a non-empty list of strings")
            continue
        for anchor in anchors:
            report.anchors += 1
            wanted = _norm(anchor)
            if not any(wanted in line for line in lines[fact_source]):
                joined = " ".join(lines[fact_source])
                if wanted in joined:
                    problems.append(f"{fid}: anchor {anchor!r} spans a line break in {fact_source}")
                elif wanted.lower() in joined.lower():
                    problems.append(f"{fid}: anchor {anchor!r} differs in case from {fact_source}")
                else:
                    problems.append(f"{fid}: anchor {anchor!r} not found in {fact_source}")
            for term in all_terms:
                if term.lower() in anchor.lower():
                    problems.append(f"{fid}: anchor {anchor!r} contains trap term {term!r}")
            holding = [line for line in lines[fact_source] if wanted.lower() in line.lower()]
            if len(holding) > 2:
                warnings.append(
                    f"{fid}: anchor {anchor!r} is on {len(holding)} lines of {fact_source}"
                )
            for line in holding:
                clash = [t for t in all_terms if t.lower() in line.lower()]
                if clash:
                    warnings.append(
                        f"{fid}: the line holding {anchor!r} also holds trap term {clash[0]!r}"
                    )
            owner = anchor_owner.setdefault(anchor.lower(), fid)
            if owner != fid:
                warnings.append(f"{fid}: anchor {anchor!r} is shared with {owner}")
    return report


def check_all(cases_dir: Path = CASES_DIR) -> list[CaseReport]:
    """Every case under ``cases_dir``: both splits (dev/, blind/) or one folder of cases."""
    splits = [cases_dir / s for s in ("dev", "blind") if (cases_dir / s).is_dir()]
    parents = splits or [cases_dir]
    return [check_case(d) for parent in parents for d in sorted(parent.iterdir()) if d.is_dir()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check evaluation answer keys.")
    parser.add_argument("--cases", type=Path, default=CASES_DIR, help="folder of case folders")
    args = parser.parse_args(argv)
    reports = check_all(args.cases)
    failed = 0
    for report in reports:
        status = "FAIL" if report.problems else "ok  "
        print(
            f"{status} {report.case_id:34} {report.facts} facts, {report.anchors} anchors, "
            f"{report.traps} traps"
        )
        for problem in report.problems:
            print(f"       problem: {problem}")
        for warning in report.warnings:
            print(f"       warning: {warning}")
        failed += bool(report.problems)
    print(f"{len(reports)} cases, {failed} with problems")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
