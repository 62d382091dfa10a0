"""Read a filled-in Word scoring sheet back into a :class:`Scorecard`.

The kit's Word export gives every question a sheet: a rating table with a tick column,
a score box and a notes box, under a "Question id: q3 · kit 1a2b..." line. Interviewers
fill these in however Word lets them: they replace the box with ☒ or ✓, type an X
beside it, or leave the ticks and type a score (3, "good") in the box. All of those
count. Two different ticked ratings on one sheet, or a tick that disagrees with the
typed score, is an error to fix, never a guess. A sheet from before ids were printed is
matched by its question's heading text.

The file is checked as an archive before python-docx opens it: a zip bomb or a file
with hundreds of parts is refused without expanding it.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidScorecard, UnsupportedFileType
from ..models import InterviewKit
from .scorecard import QuestionScore, Rating, Scorecard, kit_fingerprint, parse_rating

MAX_MEMBERS = 400
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
MAX_RATIO = 200  # a Word file compresses text maybe 10:1; far past that is a bomb

_SHEET = re.compile(r"^Scoring sheet\s*[—-]\s*question\s+(\d+)", re.IGNORECASE)
_ID_LINE = re.compile(r"Question id:\s*(\S+)\s*·\s*kit\s+([0-9a-f]{6,64})", re.IGNORECASE)
_HEADING = re.compile(r"^(\d+)\.\s+(.+)$")
_INTERVIEWER = re.compile(r"Interviewer:\s*(.*?)\s*(?:Date:|$)", re.IGNORECASE)
_OVERALL = re.compile(r"^Overall notes?:\s*(.*)$", re.IGNORECASE)
_EMPTY_BOX = "☐"
_TICKS = re.compile(r"[☒☑✓✔✗✘■●xX]")


@dataclass
class _Sheet:
    number: int
    question_id: str | None = None
    kit: str | None = None
    ticked: list[Rating] = field(default_factory=list)
    typed: str = ""
    notes: str = ""


def read_word_sheet(data: bytes, kit: InterviewKit) -> Scorecard:
    """The scorecard a filled-in kit .docx holds; checked as an archive first."""
    _check_archive(data)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged part
        raise UnsupportedFileType(
            "The Word scoring sheet could not be opened; save it again as .docx "
            f"from Word or LibreOffice ({type(exc).__name__})."
        ) from None
    headings: dict[int, str] = {}
    sheets: list[_Sheet] = []
    interviewer = ""
    overall = ""
    for block in _blocks(document, Paragraph, Table):
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if (found := _SHEET.match(text)) is not None:
                sheets.append(_Sheet(number=int(found.group(1))))
            elif (found := _ID_LINE.search(text)) is not None and sheets:
                sheets[-1].question_id, sheets[-1].kit = found.group(1), found.group(2)
            elif (
                (found := _HEADING.match(text)) is not None
                and block.style is not None
                and (block.style.name or "").startswith("Heading")
            ):
                headings[int(found.group(1))] = found.group(2).strip()
            elif (found := _INTERVIEWER.search(text)) is not None:
                interviewer = found.group(1).strip(" _\t")
            elif (found := _OVERALL.match(text)) is not None:
                overall = found.group(1).strip(" _\t")
        elif sheets:
            _read_table(block, sheets[-1])
    if not sheets:
        raise InvalidScorecard(
            "This Word file has no scoring sheets; fill in the .docx that "
            "`secondround questions RESUME --format docx` writes for the kit."
        )
    fingerprint = kit_fingerprint(kit)
    kits = {s.kit for s in sheets if s.kit}
    return Scorecard(
        # A sheet without ids (an older export) is taken as this kit's if its headings
        # match the kit's questions; check_against then guards the ids.
        kit=kits.pop() if len(kits) == 1 else (fingerprint if not kits else "mixed-kits"),
        interviewer=interviewer or "Interviewer (Word sheet)",
        candidate=kit.candidate,
        scores=[_score(s, headings, kit) for s in sheets],
        overall=overall,
    )


def _blocks(document: Any, paragraph_type: Any, table_type: Any) -> Any:
    """Paragraphs and tables in document order (python-docx lists them apart)."""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield paragraph_type(child, document)
        elif tag == "tbl":
            yield table_type(child, document)


def _read_table(table: Any, sheet: _Sheet) -> None:
    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    if not rows:
        return
    header = [h.lower() for h in rows[0]]
    if header[:1] == ["rating"] and len(header) >= 3:
        for row in rows[1:]:
            tick = row[-1].replace(_EMPTY_BOX, "").strip()
            if tick and _TICKS.search(tick):
                try:
                    sheet.ticked.append(parse_rating(row[0]))
                except ValueError:
                    continue
        return
    for row in rows:
        label = row[0].lower() if row else ""
        value = row[-1] if len(row) > 1 else ""
        if label.startswith("score"):
            sheet.typed = value
        elif label.startswith("notes"):
            sheet.notes = value


def _score(sheet: _Sheet, headings: dict[int, str], kit: InterviewKit) -> QuestionScore:
    question_id = sheet.question_id or _by_heading(sheet.number, headings, kit)
    ratings = set(sheet.ticked)
    if len(ratings) > 1:
        names = " and ".join(sorted(r.value for r in ratings))
        raise InvalidScorecard(
            f"Question {sheet.number}'s sheet has {names} ticked; tick one rating per question."
        )
    rating = ratings.pop() if ratings else None
    if sheet.typed:
        try:
            typed = parse_rating(sheet.typed)
        except ValueError:
            raise InvalidScorecard(
                f"Question {sheet.number}'s score box says '{sheet.typed}'; write 1-4, a "
                "rating (poor, mixed, good, excellent) or leave it empty."
            ) from None
        if rating is not None and typed is not rating:
            raise InvalidScorecard(
                f"Question {sheet.number}'s sheet ticks {rating.value} but the score box says "
                f"{typed.value}; make them agree."
            )
        rating = typed
    return QuestionScore(
        question_id=question_id, rating=rating or Rating.not_asked, notes=sheet.notes
    )


def _by_heading(number: int, headings: dict[int, str], kit: InterviewKit) -> str:
    text = headings.get(number, "")
    for question in kit.questions:
        if text and " ".join(question.text.split()) == " ".join(text.split()):
            return question.id
    raise InvalidScorecard(
        f"Question {number}'s sheet carries no question id and its heading matches no "
        "question of this kit; fill in the Word file exported for this kit."
    )


def _check_archive(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            expanded = sum(m.file_size for m in members)
            if (
                len(members) > MAX_MEMBERS
                or expanded > MAX_UNCOMPRESSED_BYTES
                or expanded > MAX_RATIO * max(1, len(data))
            ):
                raise UnsupportedFileType(
                    "This Word file expands to far more data than a scoring sheet holds; "
                    "save the sheet again as a plain .docx."
                )
            if "word/document.xml" not in {m.filename for m in members}:
                raise UnsupportedFileType(
                    "This zip file is not a Word document; fill in the kit's .docx sheet."
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise UnsupportedFileType(
            "The Word scoring sheet is damaged or incomplete; save it again as .docx."
        ) from None
