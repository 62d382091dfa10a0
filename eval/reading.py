"""How well the reader gets a resume's structure, and whether renderings of one CV agree.

Many wrong questions come from a resume read wrong rather than worded badly: a heading
taken for the name, education read as a job, the candidate's e-mail in the skills. Two
figures, from answer keys that carry them:

* **reading accuracy** against the key's ``structure`` block (the truth, written with
  the case): name, roles (title, employer, start, end), education, skills, projects;
* **rendering parity**: a case whose key lists ``renderings`` ships the same CV in other
  formats (Markdown, DOCX, JSON Resume ...); each is read and compared to the primary
  file, field by field. Target: no difference in name, roles or dates; skills within 10%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from secondround.core.errors import SecondRoundError
from secondround.core.models import Resume, YearMonth
from secondround.core.pipeline import Engine, KitRequest

from .baselines import Case

SKILL_TOLERANCE = 0.10


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", (text or "").lower()).strip()


def _date(value: YearMonth | None, current: bool = False) -> str:
    if current:
        return "present"
    if value is None:
        return ""
    return f"{value.year}-{value.month:02d}" if value.month else str(value.year)


def _truth_date(value: Any) -> str:
    text = str(value or "").strip().lower()
    return "present" if text in {"present", "now", "current", "ongoing"} else text


def _same_date(read: str, truth: str) -> bool:
    """A year-only truth matches any month of that year the reader may have found."""
    return read == truth or (len(truth) == 4 and read[:4] == truth)


def _close(a: str, b: str) -> bool:
    """Names compared loosely: case, punctuation and one being inside the other."""
    na, nb = _norm(a), _norm(b)
    return bool(na and nb) and (na == nb or na in nb or nb in na)


@dataclass
class ReadingScore:
    case: str
    split: str
    file: str
    name_ok: bool = False
    roles_truth: int = 0
    roles_found: int = 0  # truth roles matched by title and employer
    dates_ok: int = 0  # of the matched roles, start and end both right
    extra_roles: list[str] = field(default_factory=list)  # read as a role, not one
    education_truth: int = 0
    education_found: int = 0
    skills_truth: int = 0
    skills_found: int = 0
    skills_read: int = 0
    wrong_skills: list[str] = field(default_factory=list)  # read as skills, not listed
    error: str | None = None


def read_resume(engine: Engine, case: Case, filename: str) -> Resume:
    path = case.folder / filename
    request = KitRequest(resume=path.read_bytes(), filename=path.name, today=case.today)
    return engine.prepare(request).resume


def score_reading(resume: Resume, truth: Mapping[str, Any], case: Case, file: str) -> ReadingScore:
    out = ReadingScore(case=case.id, split=case.split, file=file)
    out.name_ok = _close(resume.contact.name or "", str(truth.get("name") or ""))
    roles = [r for r in resume.roles]
    matched: set[int] = set()
    for want in truth.get("roles") or []:
        out.roles_truth += 1
        for i, role in enumerate(roles):
            if i in matched:
                continue
            if _close(role.title or "", str(want.get("title") or "")) and _close(
                role.organisation or role.header, str(want.get("employer") or "")
            ):
                matched.add(i)
                out.roles_found += 1
                start, end = _date(role.start), _date(role.end, role.current)
                if _same_date(start, _truth_date(want.get("start"))) and _same_date(
                    end, _truth_date(want.get("end"))
                ):
                    out.dates_ok += 1
                break
    titles = [_norm(str(w.get("title"))) for w in truth.get("roles") or []]
    employers = [_norm(str(w.get("employer"))) for w in truth.get("roles") or []]
    for i, role in enumerate(roles):
        if i not in matched and not any(
            _close(role.title or role.header, t) or _close(role.organisation or "", e)
            for t, e in zip(titles, employers, strict=True)
        ):
            out.extra_roles.append(role.label[:60])
    for want in truth.get("education") or []:
        out.education_truth += 1
        if any(
            _close(e.qualification or e.text, str(want.get("qualification") or ""))
            or _close(e.institution or "", str(want.get("institution") or ""))
            for e in resume.education
        ):
            out.education_found += 1
    listed = [_norm(str(s)) for s in truth.get("skills") or []]
    read = [_norm(s.name) for s in resume.skills]
    out.skills_truth, out.skills_read = len(listed), len(read)
    out.skills_found = sum(1 for s in listed if any(_close(s, r) for r in read))
    out.wrong_skills = [r for r in read if listed and not any(_close(s, r) for s in listed)][:5]
    return out


@dataclass
class ParityRow:
    case: str
    primary: str
    other: str
    differs: list[str] = field(default_factory=list)


def _summary(resume: Resume) -> dict[str, Any]:
    return {
        "name": _norm(resume.contact.name),
        "roles": [(_norm(r.title), _norm(r.organisation)) for r in resume.roles],
        "dates": [(_date(r.start), _date(r.end, r.current)) for r in resume.roles],
        "education": len(resume.education),
        "skills": {_norm(s.name) for s in resume.skills},
        "projects": len(resume.projects),
    }


def compare(primary: Resume, other: Resume) -> list[str]:
    a, b = _summary(primary), _summary(other)
    differs = [f for f in ("name", "roles", "dates", "education", "projects") if a[f] != b[f]]
    union = a["skills"] | b["skills"]
    if union and len(a["skills"] ^ b["skills"]) / len(union) > SKILL_TOLERANCE:
        differs.append(f"skills ({len(a['skills'])} vs {len(b['skills'])})")
    return differs


def run_reading(
    engine: Engine, cases: Iterable[Case]
) -> tuple[list[ReadingScore], list[ParityRow]]:
    scores: list[ReadingScore] = []
    parity: list[ParityRow] = []
    for case in sorted(cases, key=lambda c: c.id):
        truth = case.key.get("structure")
        renderings: Sequence[str] = case.key.get("renderings") or []
        if not truth and not renderings:
            continue
        primary_name = str(case.key["resume"])
        files = [primary_name, *renderings]
        read: dict[str, Resume] = {}
        for name in files:
            try:
                read[name] = read_resume(engine, case, name)
            except (SecondRoundError, ValueError, OSError) as exc:
                scores.append(
                    ReadingScore(case.id, case.split, name, error=f"{type(exc).__name__}: {exc}")
                )
                continue
            if truth:
                scores.append(score_reading(read[name], truth, case, name))
        for name in renderings:
            if primary_name in read and name in read:
                parity.append(
                    ParityRow(case.id, primary_name, name, compare(read[primary_name], read[name]))
                )
    return scores, parity


def reading_totals(scores: Sequence[ReadingScore]) -> dict[str, dict[str, float]]:
    """split -> share of names, roles, dates, education and skills read right."""
    out: dict[str, dict[str, float]] = {}
    for split in sorted({s.split for s in scores}):
        mine = [s for s in scores if s.split == split and s.error is None]

        def share(num: int, den: int) -> float:
            return num / den if den else 1.0

        out[split] = {
            "files": float(len(mine)),
            "name": share(sum(s.name_ok for s in mine), len(mine)),
            "roles": share(sum(s.roles_found for s in mine), sum(s.roles_truth for s in mine)),
            "dates": share(sum(s.dates_ok for s in mine), sum(s.roles_truth for s in mine)),
            "extra_roles": float(sum(len(s.extra_roles) for s in mine)),
            "education": share(
                sum(s.education_found for s in mine), sum(s.education_truth for s in mine)
            ),
            "skills_recall": share(
                sum(s.skills_found for s in mine), sum(s.skills_truth for s in mine)
            ),
            "wrong_skills": float(sum(len(s.wrong_skills) for s in mine)),
        }
    return out


def as_results(scores: Sequence[ReadingScore], parity: Sequence[ParityRow]) -> dict[str, Any]:
    return {
        "totals": reading_totals(scores),
        "files": [asdict(s) for s in scores],
        "parity": [asdict(p) for p in parity],
    }
