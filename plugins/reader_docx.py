"""Built-in DOCX reader (python-docx): body, tables, text boxes, headers; hidden runs out.

Word resumes put contact details in the page header, lay out sidebars with tables or
text boxes, and sometimes carry runs a reader of the printed page never sees (hidden,
white or microscopic text). The text keeps document order, headers first; what is
invisible goes to ``Document.hidden`` instead.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from secondround.core.api import (
    BULLET,
    Document,
    HiddenText,
    ResumeReader,
    Span,
    UnreadableResume,
    UnsupportedFileType,
    clean_text,
    hookimpl,
)

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2000
TINY_TEXT_HALF_POINTS = 5  # Word stores sizes in half points: 2.5 pt
# Pictures among the first blocks of the body (or in a header) are where photos sit.
PHOTO_BLOCKS = 15
EMU_PER_POINT = 12700

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_P, _R, _TBL, _TR, _TC, _T = _w("p"), _w("r"), _w("tbl"), _w("tr"), _w("tc"), _w("t")
_SDT, _SDT_CONTENT = _w("sdt"), _w("sdtContent")
_TXBX = _w("txbxContent")
_VAL = _w("val")
# Containers whose runs are part of the paragraph's visible text.
_RUN_CONTAINERS = frozenset(
    _w(tag)
    for tag in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")
)
_BLOCK_CONTAINERS = frozenset({_SDT_CONTENT, _w("customXml")})
_MACRO_CONTENT_TYPE = re.compile(rb"macroEnabled", re.IGNORECASE)
_FALSE = frozenset({"0", "false", "off"})
# What reading a damaged or truncated zip archive can raise.
_BROKEN_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    KeyError,
    NotImplementedError,
)


@dataclass
class _Paragraph:
    hidden: dict[str, list[str]] = field(default_factory=dict)
    text_boxes: list[Any] = field(default_factory=list)


class DocxReader(ResumeReader):
    name = "docx"
    extensions = (".docx", ".docm")
    media_types = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.ms-word.document.macroEnabled.12",
    )

    def sniff(self, data: bytes) -> bool:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return "word/document.xml" in archive.namelist()
        except _BROKEN_ZIP:
            return False

    def read(self, data: bytes, filename: str | None = None) -> Document:
        pages = _check_archive(data)
        import docx  # imported on first use: python-docx costs ~60 ms to load
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, *_BROKEN_ZIP) as exc:
            raise UnreadableResume(
                "The DOCX file is damaged and could not be opened; open it in Word or "
                "LibreOffice, save it again as .docx, or upload a PDF export."
            ) from exc
        except Exception as exc:  # lxml raises its own errors for broken XML
            raise UnreadableResume(
                "The DOCX file holds invalid XML and could not be read; save it again "
                "from Word or LibreOffice, or upload a PDF export."
            ) from exc
        walker = _Walker(_Styles(document.styles.element))
        for part in _header_footer_parts(document):
            walker.blocks(part, in_header=True)
            walker.lines.append("")
        walker.blocks(document.element.body)
        text = clean_text("\n".join(walker.lines))
        return Document(
            text=text,
            filename=filename,
            media_type=self.media_types[0],
            reader=self.name,
            pages=pages,
            page_spans=[Span(start=0, end=len(text))] if pages == 1 else [],
            hidden=walker.hidden,
            has_photo=walker.has_photo,
        )


def _check_archive(data: bytes) -> int:
    """Refuse zip bombs and macro documents before parsing; return the saved page count."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or (
                sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES
            ):
                raise UnreadableResume(
                    "The DOCX file expands to far more data than a resume holds; save the "
                    "resume again as a plain .docx without embedded files, or upload a PDF."
                )
            names = {m.filename for m in members}
            content_types = (
                archive.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
            )
            if "word/vbaProject.bin" in names or _MACRO_CONTENT_TYPE.search(content_types):
                raise UnsupportedFileType(
                    "This Word file contains macros (.docm); save it as a .docx without "
                    "macros (Word: File > Save As > Word Document) and upload that."
                )
            app = archive.read("docProps/app.xml") if "docProps/app.xml" in names else b""
    except _BROKEN_ZIP as exc:
        raise UnreadableResume(
            "The DOCX file is damaged or incomplete; save it again from Word or "
            "LibreOffice, or upload a PDF export."
        ) from exc
    found = re.search(rb"<(?:\w+:)?Pages>(\d{1,4})<", app)
    return max(1, int(found.group(1))) if found else 1


def _header_footer_parts(document: Any) -> Iterator[Any]:
    seen: set[int] = set()
    for section in document.sections:
        for name in (
            "first_page_header",
            "header",
            "even_page_header",
            "first_page_footer",
            "footer",
            "even_page_footer",
        ):
            part = getattr(section, name)
            if part.is_linked_to_previous:
                continue
            element = part._element  # the w:hdr / w:ftr root; python-docx has no public way
            if id(element) not in seen:
                seen.add(id(element))
                yield element


class _Styles:
    """Run formatting as Word resolves it: direct, character style, paragraph style, defaults."""

    def __init__(self, styles_element: Any) -> None:
        self._by_id: dict[str, Any] = {}
        self._default_paragraph: str | None = None
        for style in styles_element.iterfind(_w("style")):
            style_id = style.get(_w("styleId"))
            if style_id:
                self._by_id[style_id] = style
                if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in (
                    "1",
                    "true",
                ):
                    self._default_paragraph = style_id
        defaults = styles_element.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        self._defaults = defaults
        self._cache: dict[tuple[str | None, str | None, str], str | None] = {}

    def style_name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id or "")
        name = style.find(_w("name")) if style is not None else None
        return (name.get(_VAL) or "") if name is not None else ""

    def _chain(self, style_id: str | None) -> Iterator[Any]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._by_id.get(style_id)
            if style is None:
                return
            yield style
            based = style.find(_w("basedOn"))
            style_id = based.get(_VAL) if based is not None else None

    def run_property(self, rpr: Any, p_style: str | None, tag: str) -> str | None:
        """The value of run property ``tag`` ("present" for a bare toggle), or None."""
        direct = _property(rpr, tag)
        if direct is not None:
            return direct
        r_style = None
        if rpr is not None:
            style_el = rpr.find(_w("rStyle"))
            r_style = style_el.get(_VAL) if style_el is not None else None
        key = (r_style, p_style, tag)
        if key not in self._cache:
            self._cache[key] = self._inherited(r_style, p_style, tag)
        return self._cache[key]

    def _inherited(self, r_style: str | None, p_style: str | None, tag: str) -> str | None:
        for style_id in (r_style, p_style or self._default_paragraph):
            for style in self._chain(style_id):
                value = _property(style.find(_w("rPr")), tag)
                if value is not None:
                    return value
        return _property(self._defaults, tag)

    def paragraph_numbered(self, p_style: str | None) -> bool:
        return any(
            style.find(f"{_w('pPr')}/{_w('numPr')}") is not None for style in self._chain(p_style)
        )


def _property(rpr: Any, tag: str) -> str | None:
    if rpr is None:
        return None
    element = rpr.find(_w(tag))
    if element is None:
        return None
    value = element.get(_VAL)
    return "present" if value is None else value


class _Walker:
    """Walks body, header and footer XML, collecting lines, hidden text and photos."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.lines: list[str] = []
        self.hidden: list[HiddenText] = []
        self.has_photo = False
        self._top_blocks = 0

    def blocks(self, container: Any, in_header: bool = False, shaded: bool = False) -> None:
        for child in container.iterchildren():
            if container.tag in (_w("body"), _w("hdr"), _w("ftr")) and not in_header:
                self._top_blocks += 1
            look_for_photo = in_header or self._top_blocks <= PHOTO_BLOCKS
            if child.tag == _P:
                self.paragraph(child, shaded, look_for_photo)
            elif child.tag == _TBL:
                self.table(child, look_for_photo)
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.blocks(content, in_header, shaded)
            elif child.tag in _BLOCK_CONTAINERS:
                self.blocks(child, in_header, shaded)

    def paragraph(self, p: Any, shaded: bool, look_for_photo: bool) -> None:
        ppr = p.find(_w("pPr"))
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        p_style = style_el.get(_VAL) if style_el is not None else None
        shaded = shaded or _has_fill(ppr)
        result = _Paragraph()
        parts: list[str] = []
        for run in _runs(p):
            self._run(run, p_style, shaded, parts, result, look_for_photo)
        text = "".join(parts).strip()
        if text and self._is_list_item(ppr, p_style):
            text = BULLET + text
        self.lines.append(text)
        for reason, pieces in result.hidden.items():
            hidden = clean_text(" ".join(pieces))
            if hidden:
                self.hidden.append(HiddenText(text=hidden, reason=reason))
        for box in result.text_boxes:
            self.lines.append("")
            self.blocks(box, shaded=shaded)
            self.lines.append("")

    def _is_list_item(self, ppr: Any, p_style: str | None) -> bool:
        if ppr is not None and ppr.find(_w("numPr")) is not None:
            return True
        name = self.styles.style_name(p_style).lower()
        return name.startswith("list") and self.styles.paragraph_numbered(p_style)

    def _run(
        self,
        run: Any,
        p_style: str | None,
        shaded: bool,
        parts: list[str],
        result: _Paragraph,
        look_for_photo: bool,
    ) -> None:
        text, boxes, photo = _run_content(run)
        result.text_boxes.extend(boxes)
        if photo and look_for_photo:
            self.has_photo = True
        if not text.strip():
            parts.append(text)
            return
        reason = self._hidden_reason(run.find(_w("rPr")), p_style, shaded)
        if reason:
            result.hidden.setdefault(reason, []).append(text)
        else:
            parts.append(text)

    def _hidden_reason(self, rpr: Any, p_style: str | None, shaded: bool) -> str | None:
        vanish = self.styles.run_property(rpr, p_style, "vanish")
        if vanish is not None and vanish.lower() not in _FALSE:
            return "hidden Word text"
        size = self.styles.run_property(rpr, p_style, "sz")
        if size and size.isdigit() and int(size) < TINY_TEXT_HALF_POINTS:
            return "tiny text"
        colour = self.styles.run_property(rpr, p_style, "color")
        if colour and _is_white(colour) and not (shaded or _has_fill(rpr)):
            return "white text"
        return None

    def table(self, tbl: Any, look_for_photo: bool) -> None:
        for row in tbl.iterfind(_TR):
            cells: list[list[str]] = []
            for cell in row.iterfind(_TC):
                tcpr = cell.find(_w("tcPr"))
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                if merge is not None and merge.get(_VAL) != "restart":
                    continue  # the lower part of a vertically merged cell repeats nothing
                sub = _Walker(self.styles)
                sub._top_blocks = PHOTO_BLOCKS + 1 if not look_for_photo else 0
                sub.blocks(cell, shaded=_has_fill(tcpr))
                self.hidden.extend(sub.hidden)
                self.has_photo = self.has_photo or sub.has_photo
                lines = [line for line in sub.lines if line.strip()]
                if lines:
                    cells.append(lines)
            if not cells:
                continue
            if all(len(lines) == 1 for lines in cells):
                # A row of short cells reads as one line: "Python | Go | SQL".
                self.lines.append(" | ".join(lines[0] for lines in cells))
            else:
                # Cells with several paragraphs are layout columns: read each in turn.
                for lines in cells:
                    self.lines.append("")
                    self.lines.extend(lines)
                self.lines.append("")


def _runs(container: Any) -> Iterator[Any]:
    """The runs of a paragraph in order, through hyperlinks and tracked insertions."""
    for child in container.iterchildren():
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _runs(content)


_RUN_TEXT: dict[str, Callable[[Any], str]] = {
    _T: lambda el: el.text or "",
    _w("tab"): lambda el: "\t",
    _w("ptab"): lambda el: "\t",
    _w("br"): lambda el: "\n",
    _w("cr"): lambda el: "\n",
    _w("noBreakHyphen"): lambda el: "-",
    _w("softHyphen"): lambda el: "\u00ad",
    _w("sym"): lambda el: _symbol(el.get(_w("char"))),
}


def _symbol(code: str | None) -> str:
    try:
        return chr(int(code or "", 16))
    except ValueError:
        return ""


def _run_content(run: Any) -> tuple[str, list[Any], bool]:
    """A run's text, the text boxes it anchors, and whether it holds a portrait picture."""
    parts: list[str] = []
    boxes: list[Any] = []
    photo = False
    for child in run.iterchildren():
        handler = _RUN_TEXT.get(child.tag)
        if handler is not None:
            parts.append(handler(child))
            continue
        if child.tag in (_w("drawing"), _w("pict"), f"{{{_MC}}}AlternateContent"):
            chosen = _chosen_content(child)
            boxes.extend(_outer_text_boxes(chosen))
            photo = photo or _holds_photo(chosen)
    return "".join(parts), boxes, photo


def _chosen_content(element: Any) -> Any:
    # Word writes a text box twice (DrawingML choice, VML fallback): read it once.
    if element.tag == f"{{{_MC}}}AlternateContent":
        choice = element.find(f"{{{_MC}}}Choice")
        return choice if choice is not None else element.find(f"{{{_MC}}}Fallback")
    return element


def _outer_text_boxes(element: Any) -> list[Any]:
    if element is None:
        return []
    return [
        box for box in element.iter(_TXBX) if not any(a.tag == _TXBX for a in box.iterancestors())
    ]


def _holds_photo(element: Any) -> bool:
    if element is None:
        return False
    for extent in element.iter(f"{{{_WP}}}extent"):
        holder = extent.getparent()
        if holder is None or next(holder.iter(f"{{{_A}}}blip"), None) is None:
            continue
        try:
            width = int(extent.get("cx", "0")) / EMU_PER_POINT
            height = int(extent.get("cy", "0")) / EMU_PER_POINT
        except ValueError:
            continue
        if width >= 50 and height > 0 and 0.6 <= width / height <= 1.6:
            return True
    return False


def _has_fill(properties: Any) -> bool:
    """True when shading or highlighting gives the text a non-white background."""
    if properties is None:
        return False
    shading = properties.find(_w("shd"))
    if shading is not None:
        fill = shading.get(_w("fill")) or ""
        if fill.lower() not in ("", "auto") and not _is_white(fill):
            return True
    highlight = properties.find(_w("highlight"))
    return highlight is not None and (highlight.get(_VAL) or "none") not in ("none", "white")


def _is_white(colour: str) -> bool:
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
        return False
    return all(int(colour[i : i + 2], 16) >= 232 for i in (0, 2, 4))


@hookimpl
def register_readers(register: Callable[[ResumeReader], None]) -> None:
    register(DocxReader())
