"""Built-in plain-text reader: .txt, Markdown and RenderCV YAML; the fallback reader.

Any upload that decodes to mostly printable text lands here when no other reader
recognises it. Markdown is turned into the plain lines a reader of the rendered page
sees (headings, "• " bullets, link text without URLs); a RenderCV YAML file is
rendered into resume text the way the JSON Resume reader renders its format.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import yaml

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

MAX_CHARS = 500_000
MAX_LINE_CHARS = 20_000
# Share of control characters above which bytes are a binary file, not text.
MAX_CONTROL_SHARE = 0.02
SNIFF_BYTES = 65_536
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
YAML_EXTENSIONS = (".yaml", ".yml")
_RENDERCV_ROOT = re.compile(r"^cv:[ \t]*$", re.MULTILINE)


class TextReader(ResumeReader):
    name = "text"
    extensions = (".txt", ".text", *MARKDOWN_EXTENSIONS, *YAML_EXTENSIONS)
    media_types = ("text/plain", "text/markdown", "application/yaml", "text/yaml")
    fallback = True

    def sniff(self, data: bytes) -> bool:
        sample = data[:SNIFF_BYTES]
        if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return False
        text, _ = _decode(sample, partial=True)
        if not text:
            return False
        controls = sum(
            1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"
        )
        # Some undecodable bytes still make a text file (they get a warning); mostly
        # undecodable bytes make a binary one.
        broken = text.count("\ufffd")
        return controls / len(text) <= MAX_CONTROL_SHARE and broken / len(text) <= 0.25

    def read(self, data: bytes, filename: str | None = None) -> Document:
        raw, warnings = _decode(data)
        if len(raw) > MAX_CHARS:
            raise UnreadableResume(
                f"The text file holds {len(raw):,} characters, far more than a resume; "
                "upload the resume on its own (under 500,000 characters)."
            )
        if raw and max(len(line) for line in raw.splitlines() or [""]) > MAX_LINE_CHARS:
            raise UnreadableResume(
                "The file has a line of over 20,000 characters, so it looks like data "
                "rather than a resume; upload the resume as .txt, .md, PDF or DOCX."
            )
        suffix = PurePath(filename or "").suffix.lower()
        media_type = "text/plain"
        if suffix in YAML_EXTENSIONS or (not suffix and _RENDERCV_ROOT.search(raw)):
            rendered = _render_cv_yaml(raw)
            if rendered is not None:
                raw, media_type = rendered, "application/yaml"
        elif suffix in MARKDOWN_EXTENSIONS:
            raw, media_type = markdown_to_text(raw), "text/markdown"
        # A plain .txt keeps its indentation and column gaps: they show which titles
        # belong to which employer. Rendered Markdown and YAML have no such layout.
        text = clean_text(raw, keep_layout=media_type == "text/plain")
        return Document(
            text=text,
            filename=filename,
            media_type=media_type,
            reader=self.name,
            pages=1,
            page_spans=[Span(start=0, end=len(text))],
            warnings=warnings,
        )


# --------------------------------------------------------------------------- decoding


def _decode(data: bytes, partial: bool = False) -> tuple[str, list[str]]:
    """Decode by BOM, then strict UTF-8, then Windows-1252, then UTF-8 with replacements."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            if partial:
                body = body[: len(body) - len(body) % 4]
            return body.decode(encoding, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        # A sample cut mid-character is still UTF-8.
        if partial and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8", errors="replace"), []
    try:
        return data.decode("cp1252"), []
    except UnicodeDecodeError:
        pass
    return data.decode("utf-8", errors="replace"), [
        "Some bytes in the file are not valid text and were replaced with '\ufffd'; "
        "save the resume as UTF-8 text for an exact reading."
    ]


# --------------------------------------------------------------------------- markdown

_FRONT_MATTER = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S
)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
_BLOCK_TAG = re.compile(
    r"</?(?:div|p|br|hr|h[1-6]|ul|ol|table|tr|section|article|header|footer|blockquote|dl|dt|dd)"
    r"\b[^>]*>",
    re.I,
)
_LIST_TAG = re.compile(r"<li\b[^>]*>", re.I)
_CELL_TAG = re.compile(r"</t[dh]>\s*<t[dh]\b[^>]*>", re.I)
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_DEFINITION = re.compile(r"^\s{0,3}:\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def markdown_to_text(source: str) -> str:
    """Render Markdown (CommonMark, kramdown or Pandoc flavoured) as plain resume lines."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(source)
    if match:
        body = source[match.end() :]
        # A page whose content lives entirely in its front matter keeps it as text.
        source = body if len(body.strip()) >= 40 else match.group(1) + "\n" + body
    source = _COMMENT.sub("", source)
    source = _LIQUID.sub("", source)
    source = _CELL_TAG.sub(" | ", source)
    source = _LIST_TAG.sub("\n- ", source)
    source = _BLOCK_TAG.sub("\n", source)
    # Raw Markdown per output line; inline markup goes once paragraphs are joined, so
    # emphasis spanning a soft line break comes out whole.
    lines: list[str] = []
    verbatim: set[int] = set()
    # Whether the last line may take the next source line as its continuation.
    open_paragraph = False
    in_fence = False
    for raw in source.split("\n"):
        if _FENCE.match(raw):
            in_fence, open_paragraph = not in_fence, False
            continue
        if in_fence:
            verbatim.add(len(lines))
            lines.append(raw)
            continue
        hard_break = raw.endswith(("  ", "\\"))
        line = _QUOTE.sub("", raw).rstrip().rstrip("\\").rstrip()
        if not line.strip() or _REF_DEFINITION.match(line) or _TABLE_RULE.match(line):
            lines.append("")
            open_paragraph = False
            continue
        if _SETEXT.match(line) and open_paragraph and lines and lines[-1].strip():
            lines.append("")  # the line before was a heading; its underline goes
            open_paragraph = False
            continue
        if _RULE.match(line):
            lines.append("")
            open_paragraph = False
            continue
        heading = _ATX.match(line)
        if heading:
            lines.extend(["", heading.group(2)])
            open_paragraph = False
            continue
        item = _LIST_ITEM.match(line)
        definition = _DEFINITION.match(line)
        if item:
            text = BULLET + item.group(2).strip()
        elif definition:
            text = definition.group(1).strip()
        else:
            text = _table_row(line).strip()
        if (
            open_paragraph
            and not item
            and not definition
            and lines
            and not _own_line(lines[-1], text)
        ):
            lines[-1] = f"{lines[-1]} {text}"
        else:
            lines.append(text)
        open_paragraph = not hard_break and not _looks_like_table(line)
    return "\n".join(
        line if index in verbatim else strip_inline_markdown(line).strip()
        for index, line in enumerate(lines)
    )


# A line this short was ended by its writer, not wrapped by an editor.
_SHORT_LINE = 60


def _own_line(previous: str, text: str) -> bool:
    """Resume writers end short lines without Markdown's hard break ("Certificate III in
    Plumbing" over "Harbour Trade College, 2019"): a short line that ends no clause,
    over a line that starts a new one in capitals, stays a line of its own."""
    last = previous.rsplit("\n", 1)[-1].strip()
    return (
        len(last) < _SHORT_LINE
        and not last.endswith((",", ";", ":", "-", "–", "—", "&"))
        and not last.lower().endswith((" and", " or", " of", " in", " the", " for"))
        and text[:1].isupper()
    )


def _table_row(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        return " | ".join(cell for cell in cells if cell)
    return line


def _looks_like_table(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.endswith("|")


# --------------------------------------------------------------------------- RenderCV

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?$")
# Stops a YAML file whose aliases fan out exponentially from rendering forever.
MAX_RENDERED_CHARS = 200_000


def _render_cv_yaml(source: str) -> str | None:
    """Render a RenderCV file (top-level ``cv:``) as resume text; None when it is not one."""
    try:
        data = yaml.load(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise UnreadableResume(
            f"The YAML file is not valid{where}; fix it or upload the resume as PDF, DOCX or text."
        ) from exc
    if not isinstance(data, dict) or not isinstance(data.get("cv"), dict):
        return None
    writer = _Writer()
    cv = data["cv"]
    writer.line(_plain(cv.get("name")))
    writer.line(_plain(cv.get("headline") or cv.get("label")))
    contact = [_plain(cv.get(key)) for key in ("email", "phone", "website")]
    writer.line(" | ".join(part for part in contact if part))
    writer.line(_plain(cv.get("location")))
    for network in cv.get("social_networks") or []:
        if isinstance(network, dict):
            writer.line(f"{_plain(network.get('network'))}: {_plain(network.get('username'))}")
    sections = cv.get("sections") or {}
    if isinstance(sections, dict):
        for title, entries in sections.items():
            writer.blank()
            writer.line(str(title).replace("_", " ").upper())
            for entry in entries if isinstance(entries, list) else [entries]:
                _render_entry(writer, entry)
    return writer.text()


def _render_entry(writer: _Writer, entry: Any) -> None:
    if not isinstance(entry, dict):
        writer.line(_plain(entry))
        return
    if "bullet" in entry:
        writer.line(BULLET + _plain(entry["bullet"]))
        return
    if "label" in entry and "details" in entry:
        writer.line(f"{_plain(entry['label'])}: {_plain(entry['details'])}")
        return
    title, place = _entry_header(entry)
    location = _plain(entry.get("location"))
    header = ", ".join(part for part in (title, place) if part)
    writer.line(f"{header} ({location})" if header and location else header or location)
    writer.line(_date_line(entry))
    if entry.get("authors"):
        writer.line(", ".join(_plain(a) for a in entry["authors"] if a))
    writer.line(_plain(entry.get("journal")))
    writer.line(_plain(entry.get("summary")))
    for highlight in entry.get("highlights") or []:
        writer.line(BULLET + _plain(highlight))
    writer.blank()


def _entry_header(entry: dict[str, Any]) -> tuple[str, str]:
    if "company" in entry or "position" in entry:
        return _plain(entry.get("position")), _plain(entry.get("company"))
    if "institution" in entry:
        degree = " in ".join(
            p for p in (_plain(entry.get("degree")), _plain(entry.get("area"))) if p
        )
        return degree, _plain(entry.get("institution"))
    return _plain(entry.get("name") or entry.get("title")), ""


def _date_line(entry: dict[str, Any]) -> str:
    if entry.get("date"):
        return _format_date(entry["date"])
    start, end = entry.get("start_date"), entry.get("end_date")
    if not start and not end:
        return ""
    end_text = _format_date(end) if end else "Present"
    return f"{_format_date(start)} – {end_text}" if start else end_text


def _format_date(value: Any) -> str:
    text = str(value).strip()
    if text.lower() == "present":
        return "Present"
    match = _ISO_DATE.match(text)
    if match and match.group(2) and 1 <= int(match.group(2)) <= 12:
        return f"{_MONTHS[int(match.group(2)) - 1]} {match.group(1)}"
    return match.group(1) if match else _plain(text)


def _plain(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    text: str = strip_inline_markdown(str(value))
    return text.strip()


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.size = 0

    def line(self, text: str) -> None:
        if not text:
            return
        self.size += len(text)
        if self.size > MAX_RENDERED_CHARS:
            raise UnreadableResume(
                "The YAML file expands to far more text than a resume holds; remove "
                "repeated anchors and aliases, or upload the resume as PDF or DOCX."
            )
        self.lines.append(text)

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines).strip()


@hookimpl
def register_readers(register: Callable[[ResumeReader], None]) -> None:
    register(TextReader())
