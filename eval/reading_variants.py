"""Does the reader get a resume right whatever its rendering?

On dev every role reads right in the file the case ships, so the shipped files cannot
show how reading breaks on a layout nobody tried. This module re-renders each dev case
whose key has a ``structure`` block (name, roles, education, skills) in the layouts real
resumes use, one axis at a time, and reads every rendering back:

* headings: ALL CAPS, Title Case, with a colon, Markdown ``##``, underlined;
* bullet glyphs: ``-``, ``*``, ``•``, ``▪``, ``–``, ``>``, numbers;
* role headers: "Title, Employer | dates", "Employer — Title", "Title at Employer",
  the employer on one line with title and dates on the next, dates first, dates pushed
  right with spaces or tabs;
* date formats: "Jan 2019 – Mar 2021", "01/2019 - 03/2021", "2019-01 to 2021-03",
  "January 2019 to Present", "2019–21", "Since 2020";
* sections in other orders and under less usual names.

The variants are formats, never case content: the text comes from the key's structure
(plus each role's bullets as the shipped file reads), so a variant that fails shows a
reading rule that does not generalise.

    python -m secondround.eval.reading_variants [--case ID] [--variant NAME]

prints, per variant, the fields that read differently from the key.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from secondround.core.analysis.analyse import today_from
from secondround.core.analysis.resume_parser import parse_resume
from secondround.core.analysis.role_headers import NOT_AN_ORG
from secondround.core.errors import SecondRoundError
from secondround.core.models import Resume, YearMonth
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.settings import Settings

from .baselines import CASES_DIR, Case, load_cases

MONTHS = "January February March April May June July August September October November December"
MONTH_NAMES = MONTHS.split()


@dataclass(frozen=True)
class Style:
    heading: str = "title"  # caps | title | colon | markdown | underlined
    bullet: str = "-"  # a glyph, or "1." for numbered bullets
    header: str = "title_employer"  # see ROLE_HEADERS
    dates: str = "mon_year"  # see DATE_FORMATS
    names: str = "standard"  # see SECTION_NAMES
    order: tuple[str, ...] = ("summary", "experience", "education", "skills")


SECTION_NAMES: dict[str, dict[str, str]] = {
    "standard": {
        "summary": "Profile",
        "experience": "Experience",
        "education": "Education",
        "skills": "Skills",
    },
    "long": {
        "summary": "Professional Summary",
        "experience": "Professional Experience",
        "education": "Education and Training",
        "skills": "Key Skills",
    },
    "unusual": {
        "summary": "About Me",
        "experience": "Career History",
        "education": "Academic Background",
        "skills": "Core Competencies",
    },
    "unusual2": {
        "summary": "Summary",
        "experience": "Employment",
        "education": "Qualifications",
        "skills": "Areas of Expertise",
    },
}

BASE = Style()
VARIANTS: dict[str, Style] = {
    "base": BASE,
    "heading-caps": replace(BASE, heading="caps"),
    "heading-colon": replace(BASE, heading="colon"),
    "heading-markdown": replace(BASE, heading="markdown"),
    "heading-underlined": replace(BASE, heading="underlined"),
    "heading-caps-colon": replace(BASE, heading="caps_colon"),
    **{f"bullet-{g}": replace(BASE, bullet=g) for g in ("*", "•", "▪", "–", ">", "1.")},
    **{
        f"header-{h}": replace(BASE, header=h)
        for h in (
            "employer_dash_title",
            "title_at_employer",
            "employer_then_title",
            "title_then_employer",
            "dates_first",
            "dates_right",
            "dates_tab",
            "dates_below",
        )
    },
    **{
        f"dates-{d}": replace(BASE, dates=d)
        for d in ("numeric", "iso_to", "full_month", "years_short", "since", "years")
    },
    "sections-long": replace(BASE, names="long"),
    "sections-unusual": replace(BASE, names="unusual"),
    "sections-unusual2": replace(BASE, names="unusual2"),
    "order-skills-first": replace(BASE, order=("summary", "skills", "experience", "education")),
    "order-education-first": replace(BASE, order=("summary", "education", "experience", "skills")),
    "order-no-summary": replace(BASE, order=("experience", "education", "skills")),
    # A few combinations real resumes put together.
    "mix-caps-dates-first-numeric": replace(
        BASE, heading="caps", header="dates_first", dates="numeric", bullet="•"
    ),
    "mix-markdown-stacked-full": replace(
        BASE, heading="markdown", header="employer_then_title", dates="full_month", bullet="*"
    ),
    "mix-underlined-at-iso": replace(
        BASE, heading="underlined", header="title_at_employer", dates="iso_to", bullet="▪"
    ),
}

# Formats that name only years: the reader cannot know the month, so compare years.
YEAR_ONLY = {"years_short", "since", "years"}


def _parts(value: Any) -> tuple[int, int | None] | None:
    """A key date ("2019-03", "2019", "present") as (year, month); None for present."""
    text = str(value or "").strip().lower()
    m = re.match(r"(\d{4})(?:-(\d{1,2}))?", text)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None


def format_date(value: Any, fmt: str, end: bool = False) -> str:
    parts = _parts(value)
    if parts is None:
        return "present" if fmt in {"iso_to"} else "Present"
    year, month = parts
    if fmt in YEAR_ONLY or month is None:
        return str(year)
    if fmt == "numeric":
        return f"{month:02d}/{year}"
    if fmt == "iso_to":
        return f"{year}-{month:02d}"
    if fmt == "full_month":
        return f"{MONTH_NAMES[month - 1]} {year}"
    return f"{MONTH_NAMES[month - 1][:3]} {year}"


def format_range(start: Any, end: Any, fmt: str) -> str:
    a, b = format_date(start, fmt), format_date(end, fmt, end=True)
    if fmt == "since" and _parts(end) is None:
        return f"Since {a}"
    if fmt == "years_short":
        s, e = _parts(start), _parts(end)
        if s and e and s[0] // 100 == e[0] // 100 and s[0] != e[0]:
            return f"{s[0]}–{e[0] % 100:02d}"
        return f"{a}–{b}"
    if fmt in {"iso_to", "full_month"}:
        return f"{a} to {b}"
    if fmt == "numeric":
        return f"{a} - {b}"
    return f"{a} – {b}"


def _join_title_employer(title: str, employer: str) -> str:
    # A title that holds a comma ("First Officer, A320 family") written with a comma
    # before the employer would be ambiguous to any reader; people use a bar then.
    return f"{title} | {employer}" if "," in title else f"{title}, {employer}"


def role_header(title: str, employer: str, dates: str, style: str) -> list[str]:
    joined = _join_title_employer(title, employer)
    if style == "employer_dash_title":
        return [f"{employer} — {title} | {dates}"]
    if style == "title_at_employer":
        return [f"{title} at {employer} ({dates})"]
    if style == "employer_then_title":
        return [employer, f"{title} | {dates}"]
    if style == "title_then_employer":
        return [title, f"{employer} | {dates}"]
    if style == "dates_first":
        return [f"{dates}  {joined}"]
    if style == "dates_right":
        return [joined.ljust(64) + "  " + dates]
    if style == "dates_tab":
        return [f"{joined}\t\t{dates}"]
    if style == "dates_below":
        return [joined, dates]
    return [f"{joined} | {dates}"]


def heading(name: str, style: str) -> list[str]:
    if style == "caps":
        return [name.upper()]
    if style == "caps_colon":
        return [name.upper() + ":"]
    if style == "colon":
        return [name + ":"]
    if style == "markdown":
        return ["## " + name]
    if style == "underlined":
        return [name, "-" * len(name)]
    return [name]


def _bullet(glyph: str, n: int, text: str) -> str:
    return f"{n}. {text}" if glyph == "1." else f"{glyph} {text}"


def _email(name: str) -> str:
    words = [w for w in re.findall(r"[a-z]+", name.lower()) if len(w) > 2] or ["candidate"]
    return f"{words[0]}.{words[-1]}@example.com"


def render(
    structure: Mapping[str, Any], bullets: Sequence[Sequence[str]], style: Style
) -> tuple[str, str]:
    """The structure written out in ``style``: (text, file extension)."""
    name = str(structure.get("name") or "")
    roles = list(structure.get("roles") or [])
    md = style.heading == "markdown"
    out = [f"# {name}" if md else name, f"{_email(name)} | +1 555 010 0199", ""]
    names = SECTION_NAMES[style.names]
    for kind in style.order:
        body: list[str] = []
        if kind == "summary" and roles:
            first = roles[0]
            body = [f"{first['title']} with experience across {len(roles)} roles."]
        elif kind == "experience":
            for i, r in enumerate(roles):
                dates = format_range(r.get("start"), r.get("end"), style.dates)
                header = role_header(str(r["title"]), str(r["employer"]), dates, style.header)
                if md:
                    # A Markdown soft break joins lines; writers end them with a hard one.
                    header = [h + "  " for h in header[:-1]] + header[-1:]
                body += header
                for n, text in enumerate(bullets[i] if i < len(bullets) else [], 1):
                    body.append(_bullet(style.bullet, n, text))
                body.append("")
        elif kind == "education":
            for e in structure.get("education") or []:
                line = " — ".join(
                    str(v) for v in (e.get("qualification"), e.get("institution")) if v
                )
                if e.get("end"):
                    line += f", {format_date(e['end'], style.dates)}"
                # Markdown joins adjacent lines into one paragraph: its writers list them.
                body.append(f"- {line}" if md else line)
        elif kind == "skills":
            skills = [str(s) for s in structure.get("skills") or []]
            body = [_bullet(style.bullet, n, s) for n, s in enumerate(skills, 1)]
        if body:
            out += heading(names[kind], style.heading) + body + [""]
    return "\n".join(out).rstrip() + "\n", "md" if md else "txt"


# ----------------------------------------------------------------- measurement


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", (text or "").lower()).strip()


def _read_date(value: YearMonth | None, current: bool, years: bool) -> str:
    if current:
        return "present"
    if value is None:
        return ""
    if years or not value.month:
        return str(value.year)
    return f"{value.year}-{value.month:02d}"


def _truth_date(value: Any, years: bool) -> str:
    parts = _parts(value)
    if parts is None:
        return "present"
    year, month = parts
    return str(year) if years or month is None else f"{year}-{month:02d}"


def differences(resume: Resume, structure: Mapping[str, Any], style: Style) -> list[str]:
    """What reads differently from the key: name, each role's title, employer and dates,
    roles that are not roles, the candidate's own details read as skills."""
    out: list[str] = []
    name = str(structure.get("name") or "")
    if _norm(resume.contact.name) != _norm(name):
        out.append(f"name: {resume.contact.name!r}")
    years = style.dates in YEAR_ONLY
    unmatched = list(range(len(resume.roles)))
    for n, want in enumerate(structure.get("roles") or [], 1):
        title, employer = _norm(want.get("title")), _norm(want.get("employer"))
        start = _truth_date(want.get("start"), years)
        end = _truth_date(want.get("end"), years)

        def score(i: int, t: str = title, e: str = employer, s: str = start) -> int:
            r = resume.roles[i]
            return (
                2 * (_norm(r.title) == t)
                + 2 * (_norm(r.organisation) == e)
                + (_read_date(r.start, False, years) == s)
            )

        best = max(unmatched, key=score, default=None)
        if best is None or score(best) == 0:
            out.append(f"role {n} missing: {want['title']} / {want['employer']}")
            continue
        unmatched.remove(best)
        role = resume.roles[best]
        if _norm(role.title) != title:
            out.append(f"role {n} title: {role.title!r} (key {want['title']!r})")
        if _norm(role.organisation) != employer and not (
            role.organisation is None and employer.replace(" ", "-") in NOT_AN_ORG
        ):
            out.append(f"role {n} employer: {role.organisation!r} (key {want['employer']!r})")
        got = (_read_date(role.start, False, years), _read_date(role.end, role.current, years))
        if got != (start, end):
            out.append(f"role {n} dates: {got[0]}..{got[1]} (key {start}..{end})")
    for i in unmatched:
        out.append(f"extra role: {resume.roles[i].label[:70]!r}")
    own = {_norm(name), _norm(_email(name))} | {_norm(w) for w in name.split() if len(w) > 2}
    for skill in resume.skills:
        if _norm(skill.name) in own or "@" in skill.name or re.search(r"\d{3} \d{3}", skill.name):
            out.append(f"skill from contact: {skill.name!r}")
    # A key's education lists credentials too ("Certified Internal Auditor"); the reader
    # may rightly file them as certifications.
    wanted_edu = len(structure.get("education") or [])
    read_edu = len(resume.education) + len(resume.certifications)
    if read_edu < wanted_edu:
        out.append(f"education: {read_edu} read (key {wanted_edu})")
    return out


@dataclass
class VariantResult:
    case: str
    variant: str
    differs: list[str]


def key_bullets(
    engine: Engine, case: Case, structure: Mapping[str, Any], reader: Reader | None = None
) -> list[list[str]]:
    """Each key role's bullets as the shipped file reads, so renderings carry real body
    text (a bullet can be mistaken for a header too)."""
    path = case.folder / str(case.key["resume"])
    try:
        resume = (reader or read_variant)(engine, path.read_bytes(), path.name, case.today)
    except (SecondRoundError, ValueError, OSError):
        return []
    out: list[list[str]] = []
    for want in structure.get("roles") or []:
        texts: list[str] = []
        for role in resume.roles:
            if _norm(role.organisation) == _norm(want.get("employer")) and _norm(
                role.title
            ) == _norm(want.get("title")):
                texts = [re.sub(r"^\W+\s*", "", b.text).strip() for b in role.bullets[:3]]
                break
        out.append([t for t in texts if t])
    return out


def read_variant(engine: Engine, data: bytes, filename: str, today: date) -> Resume:
    """The resume a kit would be built on (reading and the whole analysis, so a file the
    engine refuses as no resume shows as unread)."""
    request = KitRequest(resume=data, filename=filename, today=today)
    return engine.prepare(request).resume


def read_structure(engine: Engine, data: bytes, filename: str, today: date) -> Resume:
    """Reading and parsing only: the same ``Resume`` the analysis starts from, without
    the facts built on it, for checks that compare structure alone."""
    request = KitRequest(resume=data, filename=filename, today=today)
    return parse_resume(engine.read(request).text, today_from(today))


# How a rendering is read: one of the two functions above.
Reader = Callable[[Engine, bytes, str, date], Resume]


def run_variants(
    engine: Engine,
    cases: Iterable[Case],
    variants: Mapping[str, Style] = VARIANTS,
    reader: Reader = read_variant,
) -> list[VariantResult]:
    results: list[VariantResult] = []
    for case in cases:
        structure = case.key.get("structure")
        if not structure:
            continue
        bullets = key_bullets(engine, case, structure, reader)
        for name, style in variants.items():
            text, ext = render(structure, bullets, style)
            try:
                resume = reader(engine, text.encode("utf-8"), f"resume.{ext}", case.today)
            except (SecondRoundError, ValueError) as exc:
                results.append(VariantResult(case.id, name, [f"unread: {exc}"]))
                continue
            results.append(VariantResult(case.id, name, differences(resume, structure, style)))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m secondround.eval.reading_variants")
    parser.add_argument("--case", action="append", default=[], help="case id (repeatable)")
    parser.add_argument("--variant", action="append", default=[], help="variant name")
    parser.add_argument("--show", action="store_true", help="print each rendering's text")
    args = parser.parse_args(argv)
    cases = load_cases(CASES_DIR, only=args.case, splits=("dev",))
    chosen = {k: v for k, v in VARIANTS.items() if not args.variant or k in args.variant}
    engine = Engine(Settings())
    results = run_variants(engine, cases, chosen)
    by_variant: dict[str, list[VariantResult]] = {}
    for r in results:
        by_variant.setdefault(r.variant, []).append(r)
    for name, rows in by_variant.items():
        bad = [r for r in rows if r.differs]
        print(f"{name}: {len(rows) - len(bad)}/{len(rows)} cases read right")
        for r in bad:
            for line in r.differs:
                print(f"  {r.case}: {line}")
    if args.show:
        for case in cases:
            if case.key.get("structure"):
                for style in chosen.values():
                    print(render(case.key["structure"], [], style)[0])
    fields = sum(len(r.differs) for r in results)
    print(
        f"total: {sum(not r.differs for r in results)}/{len(results)} renderings right, "
        f"{fields} fields wrong"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
