"""Built-in PDF reader (pypdfium2): reading order, hidden text, photos, hostile files.

Three steps, one module each: ``pdf_glyphs`` turns what pdfium gives for a page into
glyphs and words and sets aside the text a person cannot see; ``pdf_layout`` puts the
words into lines in reading order (columns, side notes, dates in a margin); this module
opens the file safely (page and size limits, decompression bombs, one pdfium call at a
time), joins the pages without their running headers and reports what it found.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from secondround.core.api import (
    Document,
    HiddenText,
    ResumeReader,
    Span,
    UnreadableResume,
    clean_text,
    hookimpl,
)

from .pdf_glyphs import glyph_words, looks_like_photo, page_objects, read_glyphs
from .pdf_layout import hidden_items, layout, lift_side_notes, lines_text, rotated_text

MAX_PAGES = 30
MAX_CHARS = 200_000

# pdfium is not thread-safe; a server may read several uploads at once.
_PDFIUM_LOCK = threading.Lock()


# --------------------------------------------------------------------------- reader


class PdfReader(ResumeReader):
    name = "pdf"
    extensions = (".pdf",)
    media_types = ("application/pdf",)

    def sniff(self, data: bytes) -> bool:
        # The spec lets a few bytes of junk precede the header.
        return b"%PDF-" in data[:1024]

    def read(self, data: bytes, filename: str | None = None) -> Document:
        _refuse_decompression_bombs(data)
        with _PDFIUM_LOCK:
            pdf = _open(data)
            try:
                return _read_pdf(pdf, filename)
            except pdfium.PdfiumError as exc:
                raise UnreadableResume(
                    "The PDF is damaged and could not be read; export it again from the "
                    "original document, or upload a DOCX or text version."
                ) from exc
            finally:
                pdf.close()


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableResume(
                "The PDF is password-protected; upload a copy saved without a password."
            ) from exc
        raise UnreadableResume(
            "The PDF is damaged or incomplete and could not be opened; export it again "
            "from the original document, or upload a DOCX or text version."
        ) from exc


def _read_pdf(pdf: pdfium.PdfDocument, filename: str | None) -> Document:
    total_pages = len(pdf)
    pages_read = min(total_pages, MAX_PAGES)
    warnings: list[str] = []
    if total_pages > MAX_PAGES:
        warnings.append(
            f"Only the first {MAX_PAGES} of {total_pages} pages were read; a resume "
            "longer than that is unusual, so check that this is the right file."
        )
    texts: list[str] = []
    hidden: list[HiddenText] = []
    has_photo = False
    any_chars = any_images = False
    budget = MAX_CHARS
    widths: dict[tuple[int, float], dict[str, float]] = {}
    for index in range(pages_read):
        page = pdf[index]
        try:
            objects = page_objects(page)
            textpage = page.get_textpage()
            try:
                page_text = read_glyphs(page, textpage, objects, budget, widths)
            finally:
                textpage.close()
            any_images = any_images or bool(objects.images)
            if index == 0:
                width, height = page.get_size()
                has_photo = any(looks_like_photo(b, width, height) for b in objects.images)
        finally:
            page.close()
        any_chars = any_chars or bool(page_text.glyphs or page_text.hidden)
        lines = layout(glyph_words(page_text.glyphs))
        lift_side_notes(lines)
        texts.append(clean_text(lines_text(lines) + rotated_text(page_text.rotated)))
        hidden.extend(hidden_items(page_text, index + 1))
        budget -= page_text.chars
        if page_text.truncated or (budget <= 0 and index + 1 < pages_read):
            warnings.append(
                f"The PDF holds more text than a resume would; only its first "
                f"{MAX_CHARS:,} characters ({index + 1} pages) were read."
            )
            break
    if not any_chars:
        raise UnreadableResume(
            "This PDF has no text layer (it looks like a scan); export it again from the "
            "original document, or upload a DOCX or text version."
            if any_images
            else "This PDF contains no text; export the resume again from its original "
            "document, or upload a DOCX or text version."
        )
    text, spans = _join_pages(_without_running_lines(texts))
    return Document(
        text=text,
        filename=filename,
        media_type="application/pdf",
        reader=PdfReader.name,
        pages=total_pages,
        page_spans=spans,
        hidden=hidden,
        has_photo=has_photo,
        warnings=warnings,
    )


def _without_running_lines(texts: list[str]) -> list[str]:
    """Drop running headers and footers: a first or last line that recurs, numbers aside,
    on at least two pages and half of them ("February 10, 2026 Byungjin Park · Résumé 1").
    Left in, a footer's date reads as a job and its page number as an employer. Page 1's
    first line stays: a header repeating the name and contact details starts the resume."""
    if len(texts) < 2:
        return texts
    pages = [text.split("\n") for text in texts]
    # A page of one or two lines has no body for a header or footer to run above or below.
    bodied = [sum(1 for line in lines if line.strip()) >= 3 for lines in pages]

    def edge(lines: list[str], last: bool) -> int | None:
        rows = range(len(lines) - 1, -1, -1) if last else range(len(lines))
        return next((i for i in rows if lines[i].strip()), None)

    def key(line: str) -> str:
        return " ".join(re.sub(r"\d+", "#", line.lower()).split())

    drop: list[set[int]] = [set() for _ in pages]
    for last in (False, True):
        edges = [edge(lines, last) for lines in pages]
        keys = [
            key(lines[i]) if i is not None else None for lines, i in zip(pages, edges, strict=True)
        ]
        counts = Counter(k for k in keys if k)
        for n, (k, i) in enumerate(zip(keys, edges, strict=True)):
            repeated = k and counts[k] >= 2 and counts[k] * 2 >= len(pages)
            if repeated and i is not None and bodied[n] and not (n == 0 and not last):
                drop[n].add(i)
    return [
        "\n".join(line for i, line in enumerate(lines) if i not in gone).strip("\n")
        for lines, gone in zip(pages, drop, strict=True)
    ]


def _join_pages(texts: list[str]) -> tuple[str, list[Span]]:
    parts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for page_text in texts:
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(page_text)
        spans.append(Span(start=offset, end=offset + len(page_text)))
        offset += len(page_text)
    return "".join(parts), spans


# A resume's streams inflate to a few megabytes; a stream that inflates past these is a
# decompression bomb (2 MB on the wire can become gigabytes inside pdfium).
_MAX_STREAM_BYTES = 64 * 1024 * 1024
_MAX_INFLATED_BYTES = 256 * 1024 * 1024
_FLATE = re.compile(rb"/FlateDecode")


def _refuse_decompression_bombs(data: bytes) -> None:
    """Inflate each Flate stream in bounded chunks, counting, before pdfium sees it."""
    view = memoryview(data)
    total = 0
    for match in _FLATE.finditer(data):
        keyword = data.find(b"stream", match.end(), match.end() + 4096)
        if keyword < 0:
            continue
        start = keyword + len(b"stream")
        start += 2 if data[start : start + 2] == b"\r\n" else 1
        inflater = zlib.decompressobj()
        size = 0
        try:
            size += len(inflater.decompress(view[start:], 1 << 20))
            while inflater.unconsumed_tail and not inflater.eof and size <= _MAX_STREAM_BYTES:
                produced = len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
                if not produced:
                    break  # no progress: the rest is not deflate data
                size += produced
        except zlib.error:
            continue  # encrypted or not really Flate: pdfium will judge it
        total += size
        if size > _MAX_STREAM_BYTES or total > _MAX_INFLATED_BYTES:
            raise UnreadableResume(
                "The PDF holds compressed data that expands to far more than any resume "
                "(a decompression bomb); export the resume again as a normal PDF or DOCX."
            )


@hookimpl
def register_readers(register: Callable[[ResumeReader], None]) -> None:
    register(PdfReader())
