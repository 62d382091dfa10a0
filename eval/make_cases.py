"""Regenerate the PDF and DOCX resumes of the evaluation set, byte for byte.

    python -m secondround.eval.make_cases            # write eval/cases/dev/<id>/resume.*
    python -m secondround.eval.make_cases --check    # exit 1 if a committed file differs
    python eval/make_cases.py --out DIR              # write into another folder

The plain-text, Markdown and JSON Resume cases are written by hand; only the binary
formats need a generator. Dates, metadata and zip timestamps are fixed so that the same
fpdf2 / python-docx versions always give the same bytes.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Inches, Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from PIL import Image, ImageDraw

if TYPE_CHECKING or __package__:
    from .binary_resumes import BINARY_RESUMES, BinaryResume, Block
else:  # run as a script: python eval/make_cases.py
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from binary_resumes import BINARY_RESUMES, BinaryResume, Block

# The generated binaries are all dev cases; blind cases keep their own sources in src/.
CASES_DIR = Path(__file__).resolve().parent / "cases" / "dev"
FIXED_DATE = datetime(2026, 1, 15, 9, 0, 0, tzinfo=UTC)
ZIP_DATE = (2026, 1, 15, 9, 0, 0)

ACCENT = (31, 78, 121)
GREY = (90, 90, 90)
SIDEBAR_FILL = (236, 240, 244)

# --------------------------------------------------------------------------- PDF


def portrait_png() -> bytes:
    """A plain head-and-shoulders silhouette: stands in for a candidate's photo."""
    img = Image.new("RGB", (120, 150), (214, 220, 228))
    draw = ImageDraw.Draw(img)
    draw.ellipse((14, 96, 106, 190), fill=(96, 110, 128))
    draw.ellipse((36, 24, 84, 84), fill=(150, 160, 175))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


class _Column:
    """Draws blocks top to bottom inside one column of the page."""

    def __init__(self, pdf: FPDF, x: float, width: float, compact: bool) -> None:
        self.pdf = pdf
        self.x = x
        self.width = width
        self.body_size = 8.8 if compact else 9.5
        self.line = 4.2 if compact else 4.6

    def text(self, value: str, size: float, style: str = "", height: float | None = None) -> None:
        self.pdf.set_font("helvetica", style, size)
        self.pdf.set_x(self.x)
        self.pdf.multi_cell(
            self.width, height or self.line, value, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
        )

    def heading(self, value: str) -> None:
        pdf = self.pdf
        pdf.ln(2.5)
        pdf.set_text_color(*ACCENT)
        self.text(value, 10.5, "B", 5.5)
        pdf.set_draw_color(*ACCENT)
        pdf.line(self.x, pdf.get_y(), self.x + self.width, pdf.get_y())
        pdf.ln(1.2)
        pdf.set_text_color(0, 0, 0)

    def role(self, left: str, right: str) -> None:
        pdf = self.pdf
        pdf.ln(1.2)
        pdf.set_font("helvetica", "B", 10)
        left_w = pdf.get_string_width(left)
        pdf.set_font("helvetica", "", 9.5)
        right_w = pdf.get_string_width(right)
        if left_w + right_w + 4 > self.width:
            self.text(left, 10, "B", 5)
            self.text(right, 9.5, "", 4.6)
            return
        pdf.set_x(self.x)
        pdf.set_font("helvetica", "B", 10)
        pdf.cell(self.width - right_w - 2, 5, left)
        pdf.set_font("helvetica", "", 9.5)
        pdf.cell(right_w + 2, 5, right, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullet(self, value: str) -> None:
        pdf = self.pdf
        pdf.set_font("helvetica", "", self.body_size)
        pdf.set_x(self.x + 1)
        pdf.cell(4, self.line, "-")
        pdf.multi_cell(
            self.width - 5, self.line, value, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT
        )

    def photo(self) -> None:
        pdf = self.pdf
        size_w, size_h = 30.0, 37.5
        pdf.image(io.BytesIO(portrait_png()), x=self.x, y=pdf.get_y(), w=size_w, h=size_h)
        pdf.set_y(pdf.get_y() + size_h + 2)

    def draw(self, blocks: Sequence[Block]) -> None:
        pdf = self.pdf
        for block in blocks:
            kind, args = block[0], [str(a) for a in block[1:]]
            if kind == "name":
                self.text(args[0], 20, "B", 9)
            elif kind == "tagline":
                pdf.set_text_color(*GREY)
                self.text(args[0], 12, "", 6)
                pdf.set_text_color(0, 0, 0)
            elif kind == "contact":
                self.text(args[0], 9, "", 5)
            elif kind == "h":
                self.heading(args[0])
            elif kind == "p":
                self.text(args[0], self.body_size)
            elif kind == "role":
                self.role(args[0], args[1])
            elif kind == "sub":
                pdf.set_text_color(*GREY)
                self.text(args[0], 8.5, "I", 4.2)
                pdf.set_text_color(0, 0, 0)
            elif kind == "b":
                self.bullet(args[0])
            elif kind == "table":
                rows = block[1]
                assert isinstance(rows, tuple)
                for label, value in rows:
                    self.text(f"{label}: {value}", self.body_size)
            elif kind == "photo":
                self.photo()
            elif kind == "hidden":
                # White on white: invisible to a reader, present in the text layer.
                pdf.set_text_color(255, 255, 255)
                self.text(args[0], 7, "", 3.5)
                pdf.set_text_color(0, 0, 0)
            else:
                raise ValueError(f"unknown block kind {kind!r}")


def render_pdf(resume: BinaryResume) -> bytes:
    pdf = FPDF(unit="mm", format="Letter")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(resume.title)
    pdf.set_author(resume.title.split(" - ")[0])
    pdf.set_creator("secondround eval/make_cases.py")
    pdf.set_margins(18, 16, 18)
    if resume.layout == "single":
        pdf.set_auto_page_break(True, margin=16)
        pdf.add_page()
        _Column(pdf, 18, pdf.w - 36, compact=False).draw(resume.main)
    else:
        # Two columns on one page: page breaks would tear the columns apart.
        pdf.set_auto_page_break(False)
        pdf.add_page()
        side_w, gutter, edge = 58.0, 7.0, 10.0
        if resume.layout == "sidebar-left":
            side_x, main_x = edge, edge + side_w + gutter
            fill_x = 0.0
        else:
            main_x, side_x = edge + 4, pdf.w - edge - side_w
            fill_x = side_x - 4
        main_w = pdf.w - side_w - gutter - 2 * edge - (4 if resume.layout != "sidebar-left" else 0)
        pdf.set_fill_color(*SIDEBAR_FILL)
        pdf.rect(fill_x, 0, side_w + edge + 4, pdf.h, style="F")
        # Content-stream order decides text-extraction order: the left sidebar is drawn
        # first, the right one last, as resume builders commonly do.
        columns = [(side_x, side_w, resume.side), (main_x, main_w, resume.main)]
        if resume.layout == "sidebar-right":
            columns.reverse()
        for x, width, blocks in columns:
            pdf.set_y(14)
            _Column(pdf, x, width, compact=True).draw(blocks)
            if pdf.get_y() > pdf.h - 10:
                raise ValueError(f"{resume.case_id}: a column does not fit on one page")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- DOCX


def _docx_blocks(doc: object, blocks: Sequence[Block]) -> None:
    from docx.document import Document as DocxDocument

    assert isinstance(doc, DocxDocument)
    for block in blocks:
        kind = block[0]
        if kind == "name":
            doc.add_paragraph(str(block[1]), style="Title")
        elif kind == "tagline":
            doc.add_paragraph(str(block[1]), style="Subtitle")
        elif kind in ("contact", "p"):
            doc.add_paragraph(str(block[1]))
        elif kind == "h":
            doc.add_heading(str(block[1]), level=1)
        elif kind == "role":
            para = doc.add_paragraph()
            para.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
            para.paragraph_format.space_before = Pt(6)
            para.add_run(str(block[1])).bold = True
            para.add_run("\t" + str(block[2]))
        elif kind == "sub":
            doc.add_paragraph().add_run(str(block[1])).italic = True
        elif kind == "b":
            doc.add_paragraph(str(block[1]), style="List Bullet")
        elif kind == "table":
            rows = block[1]
            assert isinstance(rows, tuple)
            table = doc.add_table(rows=len(rows), cols=2)
            table.style = "Table Grid"
            for row, (label, value) in zip(table.rows, rows, strict=True):
                row.cells[0].paragraphs[0].add_run(str(label)).bold = True
                row.cells[1].text = str(value)
        else:
            raise ValueError(f"unknown block kind {kind!r} for DOCX")


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so saving twice gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(resume: BinaryResume) -> bytes:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    props = doc.core_properties
    props.title = resume.title
    props.author = resume.title.split(" - ")[0]
    props.last_modified_by = props.author
    props.created = FIXED_DATE.replace(tzinfo=None)
    props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    props.comments = "Fictional resume from the secondround evaluation set."
    _docx_blocks(doc, resume.main)
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


# --------------------------------------------------------------------------- CLI


def render(resume: BinaryResume) -> bytes:
    return render_pdf(resume) if resume.kind == "pdf" else render_docx(resume)


def output_path(resume: BinaryResume, cases_dir: Path) -> Path:
    return cases_dir / resume.case_id / f"resume.{resume.kind}"


def write_all(cases_dir: Path = CASES_DIR) -> list[Path]:
    """Render every binary resume into ``cases_dir``; returns the files written."""
    written = []
    for resume in BINARY_RESUMES:
        path = output_path(resume, cases_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render(resume))
        written.append(path)
    return written


def stale_files(cases_dir: Path = CASES_DIR) -> list[Path]:
    """Committed binaries whose bytes differ from a fresh render (or are missing)."""
    stale = []
    for resume in BINARY_RESUMES:
        path = output_path(resume, cases_dir)
        if not path.is_file() or path.read_bytes() != render(resume):
            stale.append(path)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=CASES_DIR, help="cases folder to write")
    parser.add_argument(
        "--check", action="store_true", help="only report files that differ from a fresh render"
    )
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files(args.out)
        for path in stale:
            print(f"differs: {path}")
        print("all binaries up to date" if not stale else f"{len(stale)} file(s) differ")
        return 1 if stale else 0
    for path in write_all(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
