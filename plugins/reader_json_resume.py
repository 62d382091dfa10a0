"""Built-in JSON Resume reader: jsonresume.org v1, FRESH, and Resume-Matcher's JSON.

Structured resumes are rendered into plain resume text in one fixed layout, because
analysis quotes the text and finds roles, dates and bullets by that layout:

    Name / label / contact line / location, then per section an upper-case heading,
    entries as "{position}, {organisation} ({location})", a date line
    ("Jan 2019 – Present"), a summary line and "• " highlights, a blank line between
    entries.

FRESH and Resume-Matcher files are first mapped onto the JSON Resume schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from secondround.core.api import (
    BULLET,
    Document,
    ResumeReader,
    Span,
    UnreadableResume,
    clean_text,
    hookimpl,
    strip_inline_markdown,
)

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
SNIFF_BYTES = 65_536

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2}(?:[T ].*)?)?$")
_RESUME_KEYS = frozenset(
    {
        "basics",
        "work",
        "education",
        "skills",
        "volunteer",
        "projects",
        "employment",
        "name",
        "personalInfo",
        "workExperience",
        "certificates",
        "awards",
        "info",
    }
)
_KEY_HINT = re.compile(
    rb'"(?:basics|work|education|skills|employment|personalInfo|workExperience)"\s*:'
)


class JsonResumeReader(ResumeReader):
    name = "json_resume"
    extensions = (".json",)
    media_types = ("application/json", "application/vnd.jsonresume+json")

    def sniff(self, data: bytes) -> bool:
        # Any JSON object is routed here so that a broken or non-resume JSON file gets a
        # message about JSON (line and column, or what is missing), not about text.
        head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
        if not head.startswith(b"{"):
            return False
        return data.rstrip().endswith(b"}") or bool(_KEY_HINT.search(head))

    def read(self, data: bytes, filename: str | None = None) -> Document:
        parsed = _parse(data)
        resume = _as_json_resume(parsed)
        rendered = render_json_resume(resume)
        if len(rendered) > MAX_RENDERED_CHARS:
            raise UnreadableResume(
                f"This JSON Resume holds over {MAX_RENDERED_CHARS:,} characters of text, far "
                "more than a resume; upload the candidate's actual resume."
            )
        text = clean_text(rendered)
        image = _dict(resume.get("basics")).get("image")
        fields = field_spans(resume, text)
        return Document(
            text=text,
            filename=filename,
            media_type="application/json",
            reader=self.name,
            pages=1,
            page_spans=[Span(start=0, end=len(text))],
            has_photo=isinstance(image, str) and bool(image.strip()),
            fields=fields,
        )


def field_spans(resume: dict[str, Any], text: str) -> list[Span]:
    """Where each string value of the file (each of its lines) occurs in the rendered
    text, so analysis can quote the file's own values rather than the joined lines."""
    values: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            values.update(line for line in _text(value).splitlines() if len(line) > 1)

    walk(resume)
    spans = []
    for value in values:
        at = text.find(value)
        while at != -1:
            spans.append(Span(start=at, end=at + len(value)))
            at = text.find(value, at + 1)
    return sorted(spans, key=lambda s: (s.start, -s.end))


def _parse(data: bytes) -> dict[str, Any]:
    if len(data) > MAX_BYTES:
        raise UnreadableResume(
            "The JSON file is larger than 5 MB, far more than a resume holds; upload the "
            "resume on its own."
        )
    try:
        parsed = json.loads(data)
    except json.JSONDecodeError as exc:
        raise UnreadableResume(
            f"The JSON file is not valid (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "fix it or upload the resume as PDF, DOCX or text."
        ) from exc
    except UnicodeDecodeError as exc:
        raise UnreadableResume(
            "The JSON file is not valid UTF-8 text; save it again as UTF-8 or upload the "
            "resume as PDF, DOCX or text."
        ) from exc
    except RecursionError as exc:
        raise _too_deep() from exc
    if _depth(parsed) > MAX_DEPTH:
        raise _too_deep()
    if not isinstance(parsed, dict) or not (_RESUME_KEYS & parsed.keys()):
        raise UnreadableResume(
            "This JSON file is not a JSON Resume (it has none of basics, work, education "
            "or skills); export the resume as JSON Resume, PDF, DOCX or text."
        )
    return parsed


def _too_deep() -> UnreadableResume:
    return UnreadableResume(
        f"The JSON file nests deeper than {MAX_DEPTH} levels, which no resume needs; "
        "export the resume again as JSON Resume, PDF, DOCX or text."
    )


def _depth(value: Any, level: int = 0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


# --------------------------------------------------------------------------- other schemas


def _as_json_resume(data: dict[str, Any]) -> dict[str, Any]:
    if "basics" in data or "work" in data:
        return data
    if "personalInfo" in data or "workExperience" in data:
        return _from_resume_matcher(data)
    if "employment" in data or "info" in data or isinstance(data.get("name"), str):
        return _from_fresh(data)
    return data


def _history(section: Any) -> list[Any]:
    if isinstance(section, dict):
        return _list(section.get("history"))
    return _list(section)


def _from_fresh(data: dict[str, Any]) -> dict[str, Any]:
    info, contact, location = (_dict(data.get(k)) for k in ("info", "contact", "location"))
    skills = _dict(data.get("skills"))
    return {
        "basics": {
            "name": data.get("name"),
            "label": info.get("label"),
            "image": info.get("image"),
            "email": contact.get("email"),
            "phone": contact.get("phone"),
            "url": contact.get("website"),
            "summary": info.get("brief"),
            "location": {
                "city": location.get("city"),
                "region": location.get("region"),
                "countryCode": location.get("country"),
            },
        },
        "work": [
            {
                "position": job.get("position"),
                "name": job.get("employer"),
                "location": job.get("location"),
                "startDate": job.get("start"),
                "endDate": job.get("end"),
                "summary": job.get("summary"),
                "highlights": job.get("highlights"),
            }
            for job in map(_dict, _history(data.get("employment")))
        ],
        "volunteer": [
            {
                "position": job.get("position"),
                "organization": job.get("organization"),
                "location": job.get("location"),
                "startDate": job.get("start"),
                "endDate": job.get("end"),
                "summary": job.get("summary"),
                "highlights": job.get("highlights"),
            }
            for job in map(_dict, _history(data.get("service")))
        ],
        "education": [
            {
                "studyType": school.get("studyType") or school.get("title"),
                "area": school.get("area"),
                "institution": school.get("institution"),
                "startDate": school.get("start"),
                "endDate": school.get("end"),
                "courses": school.get("curriculum"),
            }
            for school in map(_dict, _history(data.get("education")))
        ],
        "certificates": [
            {
                "name": c.get("name") or c.get("title"),
                "issuer": c.get("issuer"),
                "date": c.get("date"),
            }
            for c in map(_dict, _list(data.get("certifications")))
        ],
        "awards": [
            {
                "title": a.get("title"),
                "awarder": a.get("from"),
                "date": a.get("date"),
                "summary": a.get("summary"),
            }
            for a in map(_dict, _list(data.get("recognition")))
        ],
        "publications": [
            {
                "name": w.get("title"),
                "publisher": _dict(w.get("publisher")).get("name"),
                "releaseDate": w.get("date"),
                "summary": w.get("summary"),
            }
            for w in map(_dict, _list(data.get("writing")))
        ],
        "projects": [
            {
                "name": p.get("title") or p.get("name"),
                "description": p.get("summary") or p.get("description"),
                "startDate": p.get("start") or p.get("date"),
                "endDate": p.get("end"),
                "highlights": p.get("highlights"),
                "keywords": p.get("keywords"),
            }
            for p in map(_dict, _list(data.get("projects")) + _list(data.get("samples")))
        ],
        "skills": [
            {"name": s.get("name"), "keywords": s.get("skills")}
            for s in map(_dict, _list(skills.get("sets")))
        ]
        + [{"name": s.get("name"), "keywords": []} for s in map(_dict, _list(skills.get("list")))],
        "languages": [
            {"language": lang.get("language"), "fluency": lang.get("level")}
            for lang in map(_dict, _list(data.get("languages")))
        ],
        "interests": data.get("interests"),
        "references": [
            {"reference": t.get("quote")} for t in map(_dict, _list(data.get("testimonials")))
        ],
    }


def _from_resume_matcher(data: dict[str, Any]) -> dict[str, Any]:
    info, extra = _dict(data.get("personalInfo")), _dict(data.get("additional"))
    return {
        "basics": {
            "name": info.get("name"),
            "label": info.get("title"),
            "email": info.get("email"),
            "phone": info.get("phone"),
            "url": info.get("website"),
            "location": info.get("location"),
            "summary": data.get("summary"),
        },
        "work": [
            {
                "position": job.get("title"),
                "name": job.get("company"),
                "location": job.get("location"),
                "dates": job.get("years"),
                "highlights": _list(job.get("description")),
            }
            for job in map(_dict, _list(data.get("workExperience")))
        ],
        "education": [
            {
                "studyType": school.get("degree"),
                "institution": school.get("institution"),
                "dates": school.get("years"),
                "summary": school.get("description"),
            }
            for school in map(_dict, _list(data.get("education")))
        ],
        "projects": [
            {
                "name": project.get("name"),
                "description": project.get("role"),
                "dates": project.get("years"),
                "highlights": _list(project.get("description")),
            }
            for project in map(_dict, _list(data.get("personalProjects")))
        ],
        "certificates": [{"name": name} for name in _list(extra.get("certificationsTraining"))],
        "awards": [{"title": title} for title in _list(extra.get("awards"))],
        "skills": (
            [{"name": "Technical Skills", "keywords": _list(extra.get("technicalSkills"))}]
            if extra.get("technicalSkills")
            else []
        ),
        "languages": [{"language": lang} for lang in _list(extra.get("languages"))],
    }


# --------------------------------------------------------------------------- rendering


def render_json_resume(resume: dict[str, Any]) -> str:
    """The fixed plain-text layout analysis expects (see the module docstring)."""
    out: list[str] = []
    basics = _dict(resume.get("basics"))
    _add(out, _text(basics.get("name")))
    _add(out, _text(basics.get("label")))
    _add(out, " | ".join(p for p in (_text(basics.get(k)) for k in ("email", "phone", "url")) if p))
    _add(out, _location(basics.get("location")))
    summary = _text(basics.get("summary"))
    if summary:
        _section(out, "SUMMARY", [[summary]])

    _section(out, "EXPERIENCE", [_role(job, "name") for job in _entries(resume, "work")])
    _section(
        out, "VOLUNTEER", [_role(job, "organization") for job in _entries(resume, "volunteer")]
    )
    _section(out, "EDUCATION", [_education(school) for school in _entries(resume, "education")])
    _section(
        out,
        "CERTIFICATES",
        [_titled(c, ("name",), ("issuer",), ("date",)) for c in _entries(resume, "certificates")],
    )
    _section(
        out,
        "AWARDS",
        [
            _titled(a, ("title",), ("awarder",), ("date",), "summary")
            for a in _entries(resume, "awards")
        ],
    )
    _section(
        out,
        "PUBLICATIONS",
        [
            _titled(p, ("name",), ("publisher",), ("releaseDate",), "summary")
            for p in _entries(resume, "publications")
        ],
    )
    _section(out, "PROJECTS", [_project(p) for p in _entries(resume, "projects")])
    _section(out, "SKILLS", [_keyword_lines(_entries(resume, "skills"), "name")], spaced=False)
    _section(out, "LANGUAGES", [_languages(_entries(resume, "languages"))], spaced=False)
    _section(
        out, "INTERESTS", [_keyword_lines(_entries(resume, "interests"), "name")], spaced=False
    )
    _section(
        out,
        "REFERENCES",
        [[_text(r.get("reference"))] for r in _entries(resume, "references")],
    )
    return "\n".join(out).strip() + "\n"


def _add(out: list[str], line: str) -> None:
    if line:
        out.append(line)


def _section(out: list[str], heading: str, entries: list[list[str]], spaced: bool = True) -> None:
    entries = [[line for line in entry if line] for entry in entries]
    entries = [entry for entry in entries if entry]
    if not entries:
        return
    out.extend(["", heading])
    for index, entry in enumerate(entries):
        if spaced and index:
            out.append("")
        out.extend(entry)


def _role(job: dict[str, Any], organisation_key: str) -> list[str]:
    organisation = _text(job.get(organisation_key) or job.get("company"))
    header = ", ".join(p for p in (_text(job.get("position")), organisation) if p)
    location = _location(job.get("location"))
    if header and location:
        header = f"{header} ({location})"
    lines = [header, _dates(job), _text(job.get("summary"))]
    lines += [BULLET + _text(h) for h in _list(job.get("highlights")) if _text(h)]
    return lines


def _education(school: dict[str, Any]) -> list[str]:
    study, area = _text(school.get("studyType")), _text(school.get("area"))
    qualification = f"{study} in {area}" if study and area else study or area
    header = ", ".join(p for p in (qualification, _text(school.get("institution"))) if p)
    lines = [header, _dates(school), _text(school.get("summary"))]
    lines += [BULLET + _text(c) for c in _list(school.get("courses")) if _text(c)]
    return lines


def _titled(
    entry: dict[str, Any],
    title_keys: tuple[str, ...],
    by_keys: tuple[str, ...],
    date_keys: tuple[str, ...],
    summary_key: str | None = None,
) -> list[str]:
    title = next((_text(entry.get(k)) for k in title_keys if _text(entry.get(k))), "")
    by = next((_text(entry.get(k)) for k in by_keys if _text(entry.get(k))), "")
    date = next((_format_date(entry.get(k)) for k in date_keys if entry.get(k)), "")
    lines = [", ".join(p for p in (title, by) if p), date]
    if summary_key:
        lines.append(_text(entry.get(summary_key)))
    return lines


def _project(project: dict[str, Any]) -> list[str]:
    lines = [_text(project.get("name")), _dates(project, open_ended=False)]
    lines.append(_text(project.get("description")))
    lines += [BULLET + _text(h) for h in _list(project.get("highlights")) if _text(h)]
    keywords = [_text(k) for k in _list(project.get("keywords")) if _text(k)]
    if keywords:
        lines.append("Keywords: " + ", ".join(keywords))
    return lines


def _keyword_lines(entries: list[dict[str, Any]], name_key: str) -> list[str]:
    lines = []
    for entry in entries:
        name = _text(entry.get(name_key))
        keywords = ", ".join(k for k in (_text(k) for k in _list(entry.get("keywords"))) if k)
        lines.append(f"{name}: {keywords}" if name and keywords else name or keywords)
    return lines


def _languages(entries: list[dict[str, Any]]) -> list[str]:
    lines = []
    for entry in entries:
        language, fluency = _text(entry.get("language")), _text(entry.get("fluency"))
        lines.append(f"{language}: {fluency}" if language and fluency else language)
    return lines


def _dates(entry: dict[str, Any], open_ended: bool = True) -> str:
    """ "2019-01 – Present": a missing end date means the entry is current."""
    if entry.get("dates"):
        return _text(entry["dates"])
    start, end = entry.get("startDate"), entry.get("endDate")
    if not start:
        return _format_date(end) if end else ""
    if not end and not open_ended:
        return _format_date(start)
    return f"{_format_date(start)} – {_format_date(end) if end else 'Present'}"


def _format_date(value: Any) -> str:
    """The date as the file writes it ("2019-01"), without a day or time: a question
    then quotes exactly what the candidate's JSON says."""
    text = _text(value)
    match = _ISO_DATE.match(text)
    if not match:
        return text
    year, month = match.group(1), match.group(2)
    if month and 1 <= int(month) <= 12:
        return text[: text.index("-", 4) + 1 + len(month)]
    return year


def _location(value: Any) -> str:
    if isinstance(value, dict):
        parts = (_text(value.get(k)) for k in ("city", "region", "countryCode"))
        return ", ".join(p for p in parts if p)
    return _text(value)


def _text(value: Any) -> str:
    """One entry field as plain text: Markdown and HTML removed, no blank lines inside."""
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    text = strip_inline_markdown(str(value))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


# No real resume lists more entries in one section; a file that does is refused before
# any rendering work.
MAX_ENTRIES = 100
# The same ceiling the text reader applies: past it, this is not a resume.
MAX_RENDERED_CHARS = 500_000


def _entries(resume: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = _list(resume.get(key))
    if len(entries) > MAX_ENTRIES:
        raise UnreadableResume(
            f"This JSON Resume lists {len(entries):,} '{key}' entries, far more than any "
            "resume; upload the candidate's actual resume."
        )
    return [e for e in entries if isinstance(e, dict)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@hookimpl
def register_readers(register: Callable[[ResumeReader], None]) -> None:
    register(JsonResumeReader())
