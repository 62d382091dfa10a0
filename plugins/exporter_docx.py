"""The kit as a Word document, with a scoring sheet for every question.

Interviewers print it or fill it in on screen: the questions are grouped as in the
Markdown (by purpose, or by panelist for a panel), each with its evidence quotes,
follow-ups and strong-answer notes, then a scoring sheet: a poor / mixed / good /
excellent table anchored by the question's own rating scale when it has one, else by
its strong-answer notes, a score box and room for notes. A summary sheet at the end
collects the scores. Everything from a resume, job description or notes is stripped of
characters Word cannot store, so a hostile quote cannot break the file.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from secondround.core.api import (
    Audience,
    Exporter,
    GuidanceRef,
    InterviewKit,
    Question,
    RatingAnchor,
    Source,
    hookimpl,
)
from secondround.plugins.exporters import (
    ALSO_WORTH_ASKING,
    also_worth_asking_intro,
    also_worth_asking_items,
    format_minutes,
    group_questions,
    question_tags,
    sentence_start,
)

# python-docx (and lxml under it) costs ~50-80 ms to import, and every command that
# loads the plugins imports this module: it is imported only inside the functions that
# write a .docx, so `secondround questions --format md` never loads it.
if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Level = Literal["poor", "mixed", "good", "excellent"]
RATING_LEVELS: tuple[Level, ...] = ("poor", "mixed", "good", "excellent")
SCORE_RANGE = "1–4"
TICK_BOX = "☐"
SHEET_ID_LABEL = "Question id:"
MUTED = (0x40, 0x40, 0x40)  # grey for secondary lines (an RGBColor when applied)

BASIS_RATING_SCALE = "Anchored by this question's rating scale."
BASIS_STRONG_ANSWER = (
    "Anchored by the strong-answer notes: good and excellent show them, poor shows the opposite."
)
BASIS_GENERAL = "This question has no strong-answer notes: general anchors."

SOURCE_LABELS: dict[str, str] = {
    Source.resume: "resume",
    Source.job: "job description",
    Source.notes: "notes",
}

# Characters XML 1.0 cannot hold; python-docx refuses them and a resume may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """User-derived text on one line, without characters a .docx cannot store."""
    return " ".join(_NOT_XML.sub(" ", text).split())


# --------------------------------------------------------------------------- anchors

# Sentences that instruct the interviewer rather than describe the answer.
_INTERVIEWER_NOTE = re.compile(
    r"\binterviewer\b|^(?:ask|do not|don't|never|avoid|note|listen|watch)\b", re.IGNORECASE
)
_BULLET = re.compile(r"^(?:[-*•·]|\d{1,2}[.)])\s+")
# Third-person verbs that open rubric points ("Names a real task", "Explains the options").
_KNOWN_VERBS = frozenset(
    """acknowledges addresses adapts admits answers applies asks attributes backs brings
    builds chooses clarifies communicates compares connects considers covers credits
    defines demonstrates describes discusses distinguishes draws estimates explains finds
    frames gives handles helps identifies involves justifies keeps lands lays leads links
    makes measures mentions names negotiates offers owns picks plans points presents
    prioritises prioritizes proposes protects puts quantifies raises rates reasons
    recognises recognizes recommends reflects refers relates resolves says seeks separates
    sets shows sorts states structures takes tests thinks ties turns uses walks weighs
    works writes""".split()
)
# Words that follow a verb far more often than a noun ("Points to", "Reasons from").
_AFTER_VERB = frozenset(
    "a an the their them what how why who which whether to from on with through up out".split()
)
_IRREGULAR_NEGATION = {
    "is": "is not",
    "are": "are not",
    "has": "does not have",
    "can": "cannot",
    "does": "does not",
    "will": "will not",
}
_ARTICLES = frozenset({"a", "an", "the"})


def strong_points(text: str) -> list[str]:
    """A strong answer as the separate things it asks for, without interviewer notes."""
    lines = [_BULLET.sub("", line.strip()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) == 1:
        sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", lines[0])
        lines = [part for sentence in sentences for part in sentence.split(";")]
    points = []
    for line in lines:
        point = _clean(line).rstrip(" .;")
        if point and not _INTERVIEWER_NOTE.search(point):
            points.append(point)
    return points


def _base_form(verb: str) -> str | None:
    word = verb.lower()
    if word in _KNOWN_VERBS or word.endswith("s"):
        if word.endswith("ies") and len(word) > 4:
            return word[:-3] + "y"
        if re.search(r"(?:ss|sh|ch|x|z|o)es$", word):
            return word[:-2]
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return None


def _is_verb_chunk(chunk: str) -> bool:
    words = chunk.split()
    if not words:
        return False
    first = words[0].lower().strip(",")
    if first in _IRREGULAR_NEGATION or first in _KNOWN_VERBS:
        return True
    following = words[1].lower() if len(words) > 1 else ""
    return _base_form(first) is not None and following in _AFTER_VERB


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    # "Names" -> "names" and "A" -> "a", but "SQL" and "I" keep their capitals.
    if first[:1].isupper() and (first[1:].islower() or (len(first) == 1 and first != "I")):
        return text[:1].lower() + text[1:]
    return text


def negate(point: str) -> str:
    """The opposite of one rubric point, as what a poor answer shows.

    "Names a real task, at a depth that matches the claim" -> "Does not name a real
    task, at a depth that matches the claim"; "candid about limits" -> "Not candid about
    limits"; "A specific situation" -> "Lacks a specific situation".
    """
    pieces = re.split(r"(,\s+and\s+|,\s+or\s+|,\s+|\s+and\s+)", point)
    chunks, separators = pieces[0::2], pieces[1::2]
    first = chunks[0].split()[0].lower() if chunks[0].split() else ""
    if first in _IRREGULAR_NEGATION:
        rest = chunks[0].split(" ", 1)[1] if " " in chunks[0] else ""
        return sentence_start(f"{_IRREGULAR_NEGATION[first]} {rest}".strip())
    if _is_verb_chunk(chunks[0]):
        base = _base_form(first) or first
        verb_at = [i for i, c in enumerate(chunks) if i and _is_verb_chunk(c)]
        out = "Does not " + base + chunks[0][len(first) :]
        for index in range(1, len(chunks)):
            chunk, separator = chunks[index], separators[index - 1]
            if index in verb_at:
                word = chunk.split()[0]
                if word.lower() in _IRREGULAR_NEGATION:
                    # "..., and is candid" -> "..., or is not candid": "does not" cannot
                    # carry over to "is".
                    chunk = _IRREGULAR_NEGATION[word.lower()] + chunk[len(word) :]
                else:
                    chunk = (_base_form(word) or word.lower()) + chunk[len(word) :]
                separator = (
                    (", or " if "," in separator else " or ") if index == verb_at[-1] else ", "
                )
            out += separator + chunk
        return out
    if first in _ARTICLES:
        return "Lacks " + _lower_first(point)
    if first == "no":
        return "Falls short on: " + point
    return "Not " + _lower_first(point)


def _joined(points: list[str]) -> str:
    return "; ".join([points[0], *(_lower_first(p) for p in points[1:])])


def _sentence(text: str) -> str:
    text = sentence_start(text.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def derived_anchors(question: Question) -> tuple[dict[str, str], str]:
    """Anchors for each level from the strong-answer notes, and what they rest on."""
    points = strong_points(question.strong_answer)
    if not points:
        return {
            "poor": "Does not answer the question asked, or stays general with no example.",
            "mixed": "A relevant answer, but general, or unclear about their own part.",
            "good": "A specific, relevant example with their own part and its result.",
            "excellent": "All of that, with detail they could back up and honest reflection "
            "on what they would change.",
        }, BASIS_GENERAL
    joined = _joined(points)
    if len(points) == 1:
        mixed = f"{points[0]}, but only in general terms or after several follow-ups"
        poor = negate(points[0])
    else:
        mixed = f"{points[0]}, but {_lower_first(negate(points[-1]))}"
        poor = "; ".join([negate(points[0]), _lower_first(negate(points[1]))])
    return {
        "poor": _sentence(poor),
        "mixed": _sentence(mixed),
        "good": _sentence(f"{joined}, though part of it only after a follow-up"),
        "excellent": _sentence(f"Unprompted and specific: {_lower_first(joined)}"),
    }, BASIS_STRONG_ANSWER


def scoring_anchors(question: Question) -> tuple[list[RatingAnchor], str]:
    """The four anchors for a question's scoring sheet, and a line saying what they rest on.

    The question's own rating scale wins; levels it leaves out come from the strong
    answer, so the table always has poor, mixed, good and excellent.
    """
    given = {a.level: _clean(a.description) for a in question.rating_scale if a.description}
    derived, basis = derived_anchors(question)
    if given:
        basis = BASIS_RATING_SCALE
    anchors = [
        RatingAnchor(level=level, description=given.get(level) or derived[level])
        for level in RATING_LEVELS
    ]
    return anchors, basis


# --------------------------------------------------------------------------- layout helpers


def _label(paragraph: Paragraph, label: str, text: str = "") -> Paragraph:
    paragraph.add_run(label).bold = True
    if text:
        paragraph.add_run(" " + text)
    return paragraph


def _muted(paragraph: Paragraph, size: float = 9) -> Paragraph:
    from docx.shared import Pt, RGBColor  # lazy: see the note on python-docx above

    for run in paragraph.runs:
        run.font.size = Pt(size)
        run.font.color.rgb = RGBColor(*MUTED)
    return paragraph


def _keep_with_next(paragraph: Paragraph) -> Paragraph:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _row_properties(table: Table, *, header_rows: int = 1) -> None:
    """Rows never split across pages; header rows repeat on every page."""
    from docx.oxml import OxmlElement  # lazy: see the note on python-docx above

    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            properties.append(OxmlElement("w:tblHeader"))


def _header_cells(table: Table, titles: list[str]) -> None:
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(title).bold = True
        _shade(cell, "D9E2F3")


def _shade(cell: object, fill: str) -> None:
    from docx.oxml import OxmlElement  # lazy: see the note on python-docx above
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _widths(table: Table, widths_cm: list[float]) -> None:
    from docx.shared import Cm  # lazy: see the note on python-docx above

    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _source_label(source: Source | str) -> str:
    return SOURCE_LABELS.get(str(source), str(source))


def _guidance_label(ref: GuidanceRef) -> str:
    source, heading = _clean(ref.source), _clean(ref.heading)
    return f"{source} › {heading}" if source and heading else source or heading


def _short(text: str, limit: int = 140) -> str:
    text = _clean(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


# --------------------------------------------------------------------------- the document


def _how_to_use(kit: InterviewKit) -> str:
    if kit.audience == Audience.candidate:
        return (
            "Rehearse each question aloud with one specific example, then score yourself "
            "honestly against its scale: the strong-answer notes show what the interviewer "
            "listens for."
        )
    panel = "Each panelist asks the questions under their name. " if kit.panel_roles else ""
    return (
        f"{panel}Ask the questions in order and keep to the time. Each question quotes the "
        "line it probes; use the follow-ups when an answer stays general. Score each answer "
        "on its sheet before the next question, then copy the scores to the summary sheet "
        "at the end."
    )


def _title_block(document: WordDocument, kit: InterviewKit) -> None:
    document.add_heading(_clean(kit.round_title) or "Interview kit", level=0)
    facts = document.add_paragraph()
    minutes = kit.minutes or sum(q.minutes for q in kit.questions)
    parts = []
    if kit.candidate:
        parts.append(("Candidate:", _clean(kit.candidate)))
    parts.append(("Time:", f"{format_minutes(minutes)} min"))
    parts.append(("Questions:", str(len(kit.questions))))
    if kit.warnings:
        parts.append(("Warnings:", f"{len(kit.warnings)} (listed at the end)"))
    for index, (label, value) in enumerate(parts):
        if index:
            facts.add_run("   ·   ")
        _label(facts, label, value)
    _label(document.add_paragraph(), "How to use this kit:", _how_to_use(kit))


def _question_block(
    document: WordDocument, number: int, question: Question, *, with_purpose: bool, kit_id: str
) -> None:
    _keep_with_next(document.add_heading(f"{number}. {_clean(question.text)}", level=2))
    tags = question_tags(question, with_purpose=with_purpose, clean=_clean)
    if tags:
        _muted(document.add_paragraph(" · ".join(tags)))
    if question.evidence:
        _keep_with_next(_label(document.add_paragraph(), "Evidence"))
        for evidence in question.evidence:
            quote = document.add_paragraph(style="Quote")
            quote.add_run(f"“{_clean(evidence.quote)}”")
            quote.add_run(f" — {_source_label(evidence.source)}").italic = False
    if question.rationale.strip():
        _label(document.add_paragraph(), "Why ask:", _clean(question.rationale))
    follow_ups = [_clean(f) for f in question.follow_ups if f.strip()]
    if follow_ups:
        _keep_with_next(_label(document.add_paragraph(), "Follow-ups"))
        for follow_up in follow_ups:
            document.add_paragraph(follow_up, style="List Bullet")
    # Shown as written (interviewer notes included); the anchors use strong_points().
    shown = [_clean(_BULLET.sub("", line.strip())) for line in question.strong_answer.splitlines()]
    shown = [line for line in shown if line]
    if len(shown) > 1:
        _keep_with_next(_label(document.add_paragraph(), "A strong answer shows"))
        for point in shown:
            document.add_paragraph(point, style="List Bullet")
    elif shown:
        _label(document.add_paragraph(), "A strong answer shows:", shown[0])
    if question.guidance:
        refs = "; ".join(_guidance_label(g) for g in question.guidance)
        _muted(_label(document.add_paragraph(), "Guidance:", refs))
    _scoring_sheet(document, number, question, kit_id)


def _scoring_sheet(document: WordDocument, number: int, question: Question, kit_id: str) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE  # lazy: see the note on python-docx above
    from docx.shared import Cm, Pt

    anchors, basis = scoring_anchors(question)
    heading = document.add_paragraph()
    _keep_with_next(_label(heading, f"Scoring sheet — question {number}"))
    heading.paragraph_format.space_before = Pt(6)
    # Read back by `secondround scorecard read` / the debrief: the id ties the ticks and
    # notes to this question of this kit, whatever the interviewer edits around them.
    id_line = f"{SHEET_ID_LABEL} {question.id} · kit {kit_id}"
    _keep_with_next(_muted(document.add_paragraph(id_line)))
    _keep_with_next(_muted(document.add_paragraph(basis)))
    table = document.add_table(rows=1 + len(anchors), cols=3)
    table.style = "Table Grid"
    _header_cells(table, ["Rating", "What you hear", "Tick"])
    for row, (score, anchor) in zip(table.rows[1:], enumerate(anchors, start=1), strict=True):
        row.cells[0].text = f"{anchor.level.capitalize()} ({score})"
        row.cells[1].text = anchor.description
        row.cells[2].text = TICK_BOX
    _widths(table, [2.6, 12.2, 1.4])
    _row_properties(table)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                _keep_with_next(paragraph)
    boxes = document.add_table(rows=2, cols=2)
    boxes.style = "Table Grid"
    boxes.rows[0].cells[0].paragraphs[0].add_run(f"Score ({SCORE_RANGE})").bold = True
    boxes.rows[1].cells[0].paragraphs[0].add_run("Notes").bold = True
    boxes.rows[1].height = Cm(3.2)
    boxes.rows[1].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(boxes, [2.6, 13.6])
    _row_properties(boxes, header_rows=0)
    document.add_paragraph()


def _summary_sheet(document: WordDocument, numbered: list[tuple[int, Question]]) -> None:
    from docx.enum.table import WD_ROW_HEIGHT_RULE  # lazy: see the note on python-docx above
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Summary sheet", level=1)
    table = document.add_table(rows=1 + len(numbered), cols=4)
    table.style = "Table Grid"
    _header_cells(table, ["#", "Question", f"Score ({SCORE_RANGE})", "Comments"])
    for row, (number, question) in zip(table.rows[1:], numbered, strict=True):
        row.cells[0].text = str(number)
        row.cells[1].text = _short(question.text)
        row.height = Cm(1.4)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    _widths(table, [0.9, 8.3, 2.2, 4.8])
    _row_properties(table)
    top = len(numbered) * len(RATING_LEVELS)
    document.add_paragraph()
    _label(document.add_paragraph(), "Total score:", f"____ of {top}")
    decisions = "   ".join(
        f"{TICK_BOX} {d}" for d in ("Do not proceed", "Unsure", "Proceed", "Strongly proceed")
    )
    _label(document.add_paragraph(), "Overall recommendation:", decisions)
    # Typed after the colon, read back as the scorecard's overall note.
    _label(document.add_paragraph(), "Overall notes:", " ")
    _label(document.add_paragraph(), "Interviewer:", "________________________   ")
    _label(document.paragraphs[-1], "Date:", "______________")


def _candidate_sections(document: WordDocument, kit: InterviewKit) -> None:
    if kit.preparation:
        document.add_heading("Preparation", level=1)
        for advice in kit.preparation:
            document.add_paragraph(_clean(advice.text), style="List Bullet")
    if kit.questions_to_ask:
        document.add_heading("Questions you could ask", level=1)
        for question in kit.questions_to_ask:
            document.add_paragraph(_clean(question.text), style="List Number")


def _footer(document: WordDocument, kit: InterviewKit) -> None:
    meta = kit.meta
    text = f"Generated by secondround (generator: {_clean(meta.generator)}"
    if meta.model:
        text += f", model: {_clean(meta.model)}"
    text += f") · corpus version: {_clean(meta.corpus_version) or 'unknown'}"
    text += f" · schema {meta.schema_version}"
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.text = text
    _muted(paragraph, size=8)


def _numbered_groups(
    kit: InterviewKit,
) -> list[tuple[str, str | None, list[tuple[int, Question]]]]:
    # One running number across groups, as in the Markdown: "question 7" means one thing.
    groups = []
    number = 0
    for heading, angle, questions in group_questions(kit):
        numbered = []
        for question in questions:
            number += 1
            numbered.append((number, question))
        groups.append((heading, angle, numbered))
    return groups


def render_kit_docx(kit: InterviewKit) -> bytes:
    """The kit as the bytes of a .docx file."""
    import docx  # lazy: see the note on python-docx above
    from docx.shared import Cm, Pt

    # Lazy too: the debrief's scorecard module is only needed for a Word kit's id.
    from secondround.core.api import kit_fingerprint

    document = docx.Document()
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    document.styles["Normal"].font.size = Pt(10.5)
    properties = document.core_properties
    properties.title = _clean(kit.round_title)
    properties.subject = "Interview kit"
    properties.author = "secondround"
    properties.last_modified_by = "secondround"
    properties.created = properties.modified = datetime.now(UTC)
    properties.keywords = kit.round
    _title_block(document, kit)
    kit_id = kit_fingerprint(kit)
    groups = _numbered_groups(kit)
    if not groups:
        document.add_paragraph("This kit has no questions.")
    panel_titles = {role.title or role.id for role in kit.panel_roles}
    for heading, angle, numbered in groups:
        _keep_with_next(document.add_heading(_clean(heading), level=1))
        if angle:
            paragraph = document.add_paragraph()
            if heading in panel_titles:
                paragraph.add_run("Listens for: ").bold = True
            paragraph.add_run(_clean(angle)).italic = True
        for number, question in numbered:
            _question_block(
                document, number, question, with_purpose=bool(kit.panel_roles), kit_id=kit_id
            )
    all_numbered = [item for _, _, numbered in groups for item in numbered]
    if all_numbered:
        _summary_sheet(document, all_numbered)
    if kit.also_worth_asking:
        document.add_heading(ALSO_WORTH_ASKING, level=1)
        _muted(document.add_paragraph(_clean(also_worth_asking_intro(kit))))
        for quote, note in also_worth_asking_items(kit):
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"“{_clean(quote)}”").bold = True
            paragraph.add_run(f" — {_clean(note)}")
    if kit.warnings:
        document.add_heading("Warnings", level=1)
        for warning in kit.warnings:
            document.add_paragraph(_clean(warning.message), style="List Bullet")
    if kit.audience == Audience.candidate:
        _candidate_sections(document, kit)
    _footer(document, kit)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class DocxExporter(Exporter):
    name = "docx"
    media_type = DOCX_MEDIA_TYPE
    extension = ".docx"
    description = (
        "A Word document with a scoring sheet per question (rating scale, score box, notes) "
        "and a summary sheet; write it with --out."
    )

    def export(self, kit: InterviewKit) -> bytes:
        return render_kit_docx(kit)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(DocxExporter())
