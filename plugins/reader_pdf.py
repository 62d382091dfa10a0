"""Built-in PDF reader (pypdfium2): reading order, hidden text, photos, hostile files.

pdfium gives each character with its box. Characters become words, words become lines
by baseline, and a page whose words leave a clear vertical gutter with substantial text
on both sides is read column by column (sidebar resumes), while a narrow margin column
of dates stays on the row it labels. Text a human cannot see (white or background-
coloured, invisible render mode, tiny, off the page) is kept out of the text and
reported, because it is how keyword stuffing and prompt injection get into resumes.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

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
    is_private_use,
)

MAX_PAGES = 30
MAX_CHARS = 200_000
TINY_TEXT_PT = 2.5
# Colour distance (0-255 per channel) below which text blends into its background.
BACKGROUND_DISTANCE = 24

# pdfium is not thread-safe; a server may read several uploads at once.
_PDFIUM_LOCK = threading.Lock()

_RENDER_INVISIBLE = (3, 7)
_STROKE_ONLY = (1, 5)
_SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009\u3000")
_SKIP = frozenset("\r\n\x00\uffff")
# pdfium marks a hyphen that breaks a word at a line end as U+0002 (U+FFFE in bulk
# text); LaTeX often maps its hyphen glyph to a soft hyphen.
_AS_HYPHEN = frozenset("\x02\ufffe\u00ad")


# Typical fonts descend about a fifth of their full height below the baseline.
_DESCENT_SHARE = 0.2


@dataclass(slots=True)
class _Glyph:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    space_before: bool


@dataclass(slots=True)
class _Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    # Letters that read as prose (not dates): what makes a side of a gutter a column.
    letters: int = 0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class _Line:
    words: list[_Word]
    y0: float = 0.0
    y1: float = 0.0
    # A blank line goes before this one: a column or band starts here.
    break_before: bool = False
    # The wrapped rest of the bullet on the line before: joined to it with a space.
    continues_bullet: bool = False

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.x0)
        self.y0 = min(w.y0 for w in self.words)
        self.y1 = max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(slots=True)
class _Background:
    box: tuple[float, float, float, float]
    # None for an image: its colour under the text is unknown, so nothing counts as hidden.
    rgb: tuple[int, int, int] | None


@dataclass
class _PageObjects:
    backgrounds: list[_Background] = field(default_factory=list)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Some text object is invisible or light-coloured: check each character's object.
    suspicious_text: bool = False
    # Some text runs up, down or upside down: check each character's angle.
    rotated_text: bool = False


# --------------------------------------------------------------------------- page objects


def _matrix_of(obj: pdfium_c.FPDF_PAGEOBJECT) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(
    inner: tuple[float, ...], outer: tuple[float, ...]
) -> tuple[float, float, float, float, float, float]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _bounds(
    obj: pdfium_c.FPDF_PAGEOBJECT, outer: tuple[float, ...] | None
) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    box = (left.value, bottom.value, right.value, top.value)
    if outer is None:
        return box
    a, b, c, d, e, f = outer
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(
    container: ctypes.c_void_p,
    is_form: bool,
    outer: tuple[float, ...] | None,
    depth: int = 0,
) -> Iterator[tuple[int, ctypes.c_void_p, tuple[float, ...] | None]]:
    count_objects = pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects
    get_object = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    for index in range(count_objects(container)):
        obj = get_object(container, index)
        kind = get_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 8:
                matrix = _matrix_of(obj)
                inner = matrix if outer is None else _compose(matrix, outer)
                yield from _walk(obj, True, inner, depth + 1)
        else:
            yield kind, obj, outer


def _page_objects(page: pdfium.PdfPage) -> _PageObjects:
    """Images, filled shapes (possible backgrounds) and whether any text could be hidden."""
    found = _PageObjects()
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    rgba = (ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    light = 255 - BACKGROUND_DISTANCE
    matrix = pdfium_c.FS_MATRIX()
    for kind, obj, outer in _walk(page.raw, False, None):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if not found.rotated_text and pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
                # b carries rotation; c alone is the skew of a slanted (oblique) font.
                found.rotated_text = abs(matrix.b) > 0.05 * abs(matrix.a) or matrix.a < 0
            if found.suspicious_text:
                continue
            mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
            if mode in _STROKE_ONLY:
                seen = pdfium_c.FPDFPageObj_GetStrokeColor(obj, *rgba)
            else:
                seen = pdfium_c.FPDFPageObj_GetFillColor(obj, *rgba)
            found.suspicious_text = mode in _RENDER_INVISIBLE or bool(
                seen and (a.value == 0 or min(r.value, g.value, b.value) >= light)
            )
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            box = _bounds(obj, outer)
            if box is not None:
                found.images.append(box)
                found.backgrounds.append(_Background(box, None))
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke) or fill_mode.value == 0:
            continue
        if pdfium_c.FPDFPageObj_GetFillColor(obj, *rgba) and a.value > 0:
            box = _bounds(obj, outer)
            if box is not None:
                found.backgrounds.append(_Background(box, (r.value, g.value, b.value)))
    return found


def _background_at(objects: _PageObjects, x: float, y: float) -> _Background | None:
    for background in reversed(objects.backgrounds):
        x0, y0, x1, y1 = background.box
        if x0 <= x <= x1 and y0 <= y <= y1:
            return background
    return None


def _looks_like_photo(box: tuple[float, float, float, float], width: float, height: float) -> bool:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w < 50 or h <= 0 or not 0.6 <= w / h <= 1.6:
        return False
    # Page space has y growing upwards: the top third is above two thirds of the height.
    return (y0 + y1) / 2 >= height * 2 / 3 and w < width * 0.8


# --------------------------------------------------------------------------- characters


@dataclass
class _PageText:
    glyphs: list[_Glyph] = field(default_factory=list)
    hidden: dict[str, list[_Glyph]] = field(default_factory=dict)
    # Characters not on a horizontal baseline (a vertical margin note), in content order.
    rotated: list[_Glyph] = field(default_factory=list)
    # Characters pdfium reported, spaces included: what the document budget counts.
    chars: int = 0
    truncated: bool = False


def _page_chars(textpage: ctypes.c_void_p) -> str:
    count = pdfium_c.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(
        textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:
        # Characters outside the BMP take two UTF-16 units: ask one by one instead.
        text = "".join(
            chr(pdfium_c.FPDFText_GetUnicode(textpage, i) or 0xFFFE) for i in range(count)
        )
    return text


def _read_glyphs(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, objects: _PageObjects, budget: int
) -> _PageText:
    result = _PageText()
    handle = textpage.raw
    text = _page_chars(handle)
    result.truncated = len(text) > budget
    text = text[:budget]
    result.chars = len(text)
    left, bottom, right, top = page.get_cropbox()
    # A box inherited from the page tree is not seen by the crop/media box getters (they
    # fall back to Letter); the page size always is.
    width, height = page.get_size()
    right, top = max(right, left + width), max(top, bottom + height)
    rect = pdfium_c.FS_RECTF()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    rgba = (ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    rect_ref = ctypes.byref(rect)
    # Bound once: this loop runs for every character of every page.
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    text_object, render_mode = (
        pdfium_c.FPDFText_GetTextObject,
        pdfium_c.FPDFTextObj_GetTextRenderMode,
    )
    fill_colour, stroke_colour = pdfium_c.FPDFText_GetFillColor, pdfium_c.FPDFText_GetStrokeColor
    font_size, char_angle = pdfium_c.FPDFText_GetFontSize, pdfium_c.FPDFText_GetCharAngle
    check_colour, check_angle = objects.suspicious_text, objects.rotated_text
    glyphs, hidden = result.glyphs, result.hidden
    light = 255 - BACKGROUND_DISTANCE
    space_before = False
    for index, ch in enumerate(text):
        # pdfium's generated characters are only spaces and line breaks.
        if ch in _SPACES or ch in _SKIP:
            space_before = True
            continue
        if ch in _AS_HYPHEN:
            ch = "-"
        loose_box(handle, index, rect_ref)
        # The loose box spans the font's descent to its ascent, so the baseline sits a
        # fixed share above its bottom; asking pdfium for each origin would double the
        # calls in the loop that dominates reading.
        y0, y1 = rect.bottom, rect.top
        glyph = _Glyph(
            ch, rect.left, y0, rect.right, y1, y0 + _DESCENT_SHARE * (y1 - y0), space_before
        )
        space_before = False
        cx, cy = (glyph.x0 + glyph.x1) / 2, (glyph.y0 + glyph.y1) / 2
        reason = None
        if not (left <= cx <= right and bottom <= cy <= top):
            reason = "text outside the page"
        elif 0 < glyph.y1 - glyph.y0 < TINY_TEXT_PT and font_size(handle, index) < TINY_TEXT_PT:
            # The box alone misleads: pdfium gives line-end hyphens a sliver of a box.
            reason = "tiny text"
        elif check_colour:
            obj = text_object(handle, index)
            mode = render_mode(obj) if obj else 0
            if mode in _STROKE_ONLY:
                seen = stroke_colour(handle, index, *rgba)
            else:
                seen = fill_colour(handle, index, *rgba)
            if mode in _RENDER_INVISIBLE or (
                seen and (a.value == 0 or min(r.value, g.value, b.value) >= light)
            ):
                colour = (r.value, g.value, b.value, a.value)
                reason = _hidden_reason(objects, cx, cy, mode, colour)
        if reason:
            hidden.setdefault(reason, []).append(glyph)
        elif check_angle and 0.05 < char_angle(handle, index) < 6.23:
            result.rotated.append(glyph)
        else:
            glyphs.append(glyph)
    return result


def _hidden_reason(
    objects: _PageObjects, x: float, y: float, mode: int, rgba: tuple[int, int, int, int]
) -> str | None:
    background = _background_at(objects, x, y)
    if background is not None and background.rgb is None:
        # Invisible text over a picture is an OCR layer; light text on a photo shows.
        return None
    if mode in _RENDER_INVISIBLE:
        return "invisible text"
    if rgba[3] == 0:
        return "transparent text"
    bg = background.rgb if background is not None and background.rgb else (255, 255, 255)
    if max(abs(c - d) for c, d in zip(rgba[:3], bg, strict=True)) <= BACKGROUND_DISTANCE:
        return "white text" if min(bg) >= 255 - BACKGROUND_DISTANCE else "background-coloured text"
    return None


# --------------------------------------------------------------------------- layout


# Words that carry no prose: dates and date words. A margin of them is not a column.
_DATE_WORD = re.compile(
    r"^\W*\d|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\W*$|"
    r"^(?:present|current|now|today|ongoing|since|to|until)\W*$",
    re.IGNORECASE,
)


def _words(glyphs: list[_Glyph]) -> list[_Word]:
    """Words in content order: a space, a wide gap, a step back or a new baseline ends one."""
    words: list[_Word] = []
    current: list[_Glyph] = []
    for glyph in glyphs:
        if current and _starts_word(current[-1], glyph):
            words.append(_make_word(current))
            current = []
        current.append(glyph)
    if current:
        words.append(_make_word(current))
    return _without_duplicates(words)


def _starts_word(prev: _Glyph, glyph: _Glyph) -> bool:
    prev_h, h = prev.y1 - prev.y0, glyph.y1 - glyph.y0
    size = max(prev_h, h, 1.0)
    gap = glyph.x0 - prev.x1
    if abs(glyph.baseline - prev.baseline) > 0.3 * size:
        # A superscript or subscript touching its base ("1st", "CO2") stays in the word.
        return not (abs(gap) <= 0.05 * size and min(prev_h, h) < 0.85 * size)
    if glyph.x0 == prev.x0 and glyph.x1 == prev.x1:
        return False  # a ligature expanded to several characters repeats one box
    # pdfium's space detection misses some spaces TeX made by kerning alone; word gaps
    # start near 0.15 em while letters sit within 0.05 em of each other.
    return gap > 0.13 * size or gap < -0.5 * size or (glyph.space_before and gap > -0.1 * size)


def _without_duplicates(words: list[_Word]) -> list[_Word]:
    """Drop words drawn twice at almost the same place (fake bold, shadow effects)."""
    seen: set[tuple[str, int, int]] = set()
    kept: list[_Word] = []
    for word in words:
        key = (word.text, round(word.x0), round(word.baseline))
        if key in seen:
            continue
        seen.add(key)
        kept.append(word)
    return kept


def _make_word(glyphs: list[_Glyph]) -> _Word:
    # One pass over the glyphs: this runs for every word of every page.
    first = glyphs[0]
    x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
    chars = []
    for gl in glyphs:
        chars.append(gl.ch)
        if gl.x0 < x0:
            x0 = gl.x0
        if gl.y0 < y0:
            y0 = gl.y0
        if gl.x1 > x1:
            x1 = gl.x1
        if gl.y1 > y1:
            y1 = gl.y1
    text = "".join(chars)
    letters = 0 if _DATE_WORD.match(text) else sum(ch.isalpha() for ch in text)
    return _Word(text, x0, y0, x1, y1, first.baseline, letters)


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Rows of words sharing a baseline, top of the page first."""
    ordered = sorted(words, key=lambda w: -w.baseline)
    groups: list[list[_Word]] = []
    line_base = line_h = 0.0
    for word in ordered:
        if groups and line_base - word.baseline <= 0.3 * min(line_h, word.height or line_h):
            groups[-1].append(word)
        else:
            groups.append([word])
            line_base, line_h = word.baseline, word.height
    return [_Line(group) for group in _attach_raised(groups)]


def _attach_raised(groups: list[list[_Word]]) -> list[list[_Word]]:
    """Put superscripts (footnote marks, "1 st") and subscripts back on their line.

    A small row counts only when it sits in the gaps of the row it joins: a tagline
    under a large name overlaps the name horizontally and stays a line of its own.
    """
    heights = [max(w.height for w in group) for group in groups]
    kept: list[list[_Word]] = []
    kept_heights: list[float] = []
    for index, group in enumerate(groups):
        target = None
        if index + 1 < len(groups) and heights[index] < 0.8 * heights[index + 1]:
            below = groups[index + 1]
            rise = group[0].baseline - below[0].baseline
            if 0 < rise < 0.6 * heights[index + 1] and _fits_between(group, below):
                target = below
        if target is None and kept and heights[index] < 0.8 * kept_heights[-1]:
            drop = kept[-1][0].baseline - group[0].baseline
            if 0 < drop < 0.4 * kept_heights[-1] and _fits_between(group, kept[-1]):
                target = kept[-1]
        if target is None:
            kept.append(group)
            kept_heights.append(heights[index])
        else:
            target.extend(group)
    return kept


def _fits_between(small: list[_Word], row: list[_Word]) -> bool:
    return not any(s.x0 < w.x1 and w.x0 < s.x1 for s in small for w in row)


@dataclass(slots=True)
class _Gutter:
    """A vertical strip between ``left`` and ``right`` that almost no line crosses."""

    left: float
    right: float
    left_letters: int = 0
    right_letters: int = 0
    left_lines: int = 0
    right_lines: int = 0
    crossing: int = 0
    # Every line's left part is a short label without digits ("Experience", "Skills").
    labels_on_left: bool = False


def _gutters(lines: list[_Line]) -> list[_Gutter]:
    """Every vertical strip at least a few points wide that few lines cross."""
    words = [w for line in lines for w in line.words]
    if len(lines) < 3 or len(words) < 6:
        return []
    origin = int(min(w.x0 for w in words))
    width = int(max(w.x1 for w in words)) - origin + 2
    cover = [0] * (width + 1)
    for w in words:
        cover[int(w.x0) - origin] += 1
        cover[int(w.x1) - origin + 1] -= 1
    median_h = statistics.median(w.height for w in words)
    tolerance = max(1, len(lines) // 10)
    found: list[_Gutter] = []
    running, start = 0, -1
    for x in range(width + 1):
        running += cover[x]
        if running <= tolerance and x < width:
            start = x if start < 0 else start
            continue
        if start >= 0 and x - start >= max(5.0, 0.6 * median_h):
            gutter = _measure(lines, origin + start, origin + x)
            if gutter.crossing <= tolerance and gutter.left_lines and gutter.right_lines:
                found.append(gutter)
        start = -1
    return found


def _measure(lines: list[_Line], left: float, right: float) -> _Gutter:
    gutter = _Gutter(left, right, labels_on_left=True)
    for line in lines:
        split = _split_line(line, gutter)
        if split is None:
            gutter.crossing += 1
            continue
        on_left, on_right = split
        gutter.left_letters += sum(w.letters for w in on_left)
        gutter.right_letters += sum(w.letters for w in on_right)
        gutter.left_lines += bool(on_left)
        gutter.right_lines += bool(on_right)
        if len(on_left) > 4 or any(ch.isdigit() for w in on_left for ch in w.text):
            gutter.labels_on_left = False
    return gutter


def _split_line(line: _Line, gutter: _Gutter) -> tuple[list[_Word], list[_Word]] | None:
    """The line's words left and right of the gutter, or None when the line runs across.

    A line also runs across when the gutter only falls into an ordinary word space:
    "CRAIG DAVIS" in a large heading is one line, not two columns.
    """
    on_left: list[_Word] = []
    on_right: list[_Word] = []
    for w in line.words:
        if w.x1 <= gutter.right and w.x0 < gutter.left:
            on_left.append(w)
        elif w.x0 >= gutter.left and w.x1 > gutter.right:
            on_right.append(w)
        else:
            return None
    if on_left and on_right:
        height = max(w.height for w in (on_left[-1], on_right[0]))
        if on_right[0].x0 - on_left[-1].x1 < 0.5 * height:
            return None
    return on_left, on_right


def _column_gutter(gutters: list[_Gutter], lines: list[_Line]) -> _Gutter | None:
    """The gutter of a real multi-column layout: prose on both sides, several lines each.

    A margin of dates (moderncv) or a column of right-aligned dates holds almost no
    letters, so it stays on the rows it labels instead of becoming a column.
    """
    if len(lines) < 4:
        return None
    letters = sum(w.letters for line in lines for w in line.words) or 1
    best: _Gutter | None = None
    best_share = 0.10
    for gutter in gutters:
        share = min(gutter.left_letters, gutter.right_letters) / letters
        if min(gutter.left_lines, gutter.right_lines) >= 3 and share >= best_share:
            best, best_share = gutter, share
    return best


def _label_gutter(gutters: list[_Gutter], lines: list[_Line]) -> _Gutter | None:
    """A left margin of section labels ("Profile", "Skills") beside the body text."""
    xs = [w.x0 for line in lines for w in line.words] + [w.x1 for line in lines for w in line.words]
    width = max(xs) - min(xs)
    for gutter in gutters:
        if (
            gutter.labels_on_left
            and gutter.left_lines >= 2
            and gutter.right_lines >= 2 * gutter.left_lines
            and gutter.left - min(xs) < 0.3 * width
        ):
            return gutter
    return None


def _layout(words: list[_Word], depth: int = 0) -> list[_Line]:
    """Lines in reading order: column by column inside each band between full-width lines."""
    lines = _group_lines(words)
    if depth >= 4:
        return lines
    gutters = _gutters(lines)
    if not gutters:
        return _rejoin_wrapped_dates(lines)
    gutter = _column_gutter(gutters, lines)
    if gutter is not None:
        return _read_columns(lines, gutter, depth)
    labels = _label_gutter(gutters, lines)
    if labels is not None:
        return _read_labelled(lines, labels, depth)
    return _rejoin_wrapped_dates(lines)


def _rejoin_wrapped_dates(lines: list[_Line]) -> list[_Line]:
    """Put "Present" back after "2021 –" when a narrow date margin wrapped the range.

    moderncv prints the dates left of each role; a long range wraps inside that margin,
    leaving its end at the start of the next line, before the body text.
    """
    for above, below in itertools.pairwise(lines):
        # The leading run of date words and dashes on the line above must end in a dash.
        body = next(
            (
                i
                for i, w in enumerate(above.words)
                if not (_DATE_WORD.match(w.text) or w.text in _RANGE_DASHES)
            ),
            len(above.words),
        )
        if body < 2 or body >= len(above.words) or above.words[body - 1].text not in _RANGE_DASHES:
            continue
        if above.y0 - below.y1 > 0.6 * (above.y1 - above.y0):
            continue
        body_x = above.words[body].x0
        moved = [w for w in below.words if w.x1 <= body_x and _DATE_WORD.match(w.text)]
        if moved and len(moved) < len(below.words) and below.words[: len(moved)] == moved:
            above.words[body:body] = moved
            del below.words[: len(moved)]
    return lines


_RANGE_DASHES = frozenset({"-", "–", "—"})
_BULLET_START = frozenset("•▪●◦‣⁃■□○◆◇❖➤➢►▸▹✓✔✦★☆→·∙⦁–-*")


def _lift_side_notes(lines: list[_Line]) -> None:
    """Move a date set beside a bullet (RenderCV) up to its entry's header; mark wraps.

    Some templates stack location, dates and duration in a right-hand column starting
    on the header row, so "June 2023 – present" would end the first bullet and "2 years"
    the second. When the header row starts such a stack, the stack's notes on the rows
    below go up to the header. A bullet's wrapped lines (indented to its text) are
    marked to be joined back into one line.
    """
    header: _Line | None = None
    bullet_x: float | None = None
    for line in lines:
        if line.break_before:
            header, bullet_x = None, None
        first = line.words[0]
        is_bullet = first.text[0] in _BULLET_START or is_private_use(first.text[0])
        continues = bullet_x is not None and not is_bullet and first.x0 > bullet_x + 1
        line.continues_bullet = continues
        if not (is_bullet or continues):
            header, bullet_x = (line if _trailing_note(line) else None), None
            continue
        if is_bullet:
            bullet_x = first.x0
        note = _trailing_note(line) if header is not None else []
        if note and header is not None:
            header.words.extend(note)
            del line.words[-len(note) :]
        else:
            header = None  # the stack has ended


def _trailing_note(line: _Line) -> list[_Word]:
    """The words after a tab-stop sized gap at the end of a line, if few enough."""
    height = line.y1 - line.y0
    for index in range(len(line.words) - 1, 0, -1):
        if line.words[index].x0 - line.words[index - 1].x1 >= 1.5 * height:
            note = line.words[index:]
            return note if len(note) <= 6 else []
    return []


def _read_columns(lines: list[_Line], gutter: _Gutter, depth: int) -> list[_Line]:
    ordered: list[_Line] = []
    left: list[_Word] = []
    right: list[_Word] = []

    def flush() -> None:
        for side in (left, right):
            if side:
                block = _layout(side, depth + 1)
                block[0].break_before = True
                ordered.extend(block)
            side.clear()

    for line in lines:
        split = _split_line(line, gutter)
        if split is None:
            # A line across the gutter (a header, a full-width paragraph) ends a band.
            flush()
            ordered.append(line)
            continue
        left.extend(split[0])
        right.extend(split[1])
    flush()
    return ordered


def _read_labelled(lines: list[_Line], gutter: _Gutter, depth: int) -> list[_Line]:
    """Each margin label on its own line, then the body text beside and below it."""
    ordered: list[_Line] = []
    band: list[_Word] = []
    heading: _Line | None = None
    for line in lines:
        split = _split_line(line, gutter)
        if split is None or not split[0]:
            band.extend(line.words)
            continue
        label, body = split
        if heading is not None and heading.y0 - line.y1 < 0.6 * (heading.y1 - heading.y0):
            # A label wrapped onto a second line ("AWARDS &" / "SCHOLARSHIPS").
            heading.words.extend(label)
            heading.y0 = min(heading.y0, line.y0)
            band.extend(body)
            continue
        if band:
            ordered.extend(_layout(band, depth + 1))
            band = []
        heading = _Line(label)
        heading.break_before = True
        ordered.append(heading)
        band.extend(body)
    if band:
        ordered.extend(_layout(band, depth + 1))
    return ordered


def _lines_text(lines: list[_Line]) -> str:
    """Lines joined, with a blank line where the page leaves more room than usual."""
    if not lines:
        return ""
    typical = statistics.median(line.y1 - line.y0 for line in lines)
    gaps = [
        prev.y0 - line.y1
        for prev, line in itertools.pairwise(lines)
        if not line.break_before and prev.y0 > line.y1
    ]
    # Word exports space every paragraph apart; only a gap above the usual one counts.
    usual = statistics.median(gaps) if gaps else 0.0
    threshold = max(0.7 * typical, usual + 0.5 * typical)
    parts = [lines[0].text]
    for prev, line in itertools.pairwise(lines):
        if line.continues_bullet and not parts[-1].endswith("-"):
            parts[-1] += " " + line.text
            continue
        if line.break_before or prev.y0 - line.y1 > threshold:
            parts.append("")
        parts.append(line.text)
    return "\n".join(parts)


def _rotated_text(glyphs: list[_Glyph]) -> str:
    """Vertical text (a margin note) as one line after the page's other text."""
    if not glyphs:
        return ""
    text = "".join((" " + g.ch) if g.space_before else g.ch for g in glyphs)
    return "\n\n" + text.strip()


def _hidden_items(page_text: _PageText, page_number: int) -> list[HiddenText]:
    items: list[HiddenText] = []
    for reason, glyphs in page_text.hidden.items():
        for line in _group_lines(_words(glyphs)):
            text = clean_text(line.text)
            if text:
                items.append(HiddenText(text=text, reason=reason, page=page_number))
    return items


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
    for index in range(pages_read):
        page = pdf[index]
        try:
            objects = _page_objects(page)
            textpage = page.get_textpage()
            try:
                page_text = _read_glyphs(page, textpage, objects, budget)
            finally:
                textpage.close()
            any_images = any_images or bool(objects.images)
            if index == 0:
                width, height = page.get_size()
                has_photo = any(_looks_like_photo(b, width, height) for b in objects.images)
        finally:
            page.close()
        any_chars = any_chars or bool(page_text.glyphs or page_text.hidden)
        lines = _layout(_words(page_text.glyphs))
        _lift_side_notes(lines)
        texts.append(clean_text(_lines_text(lines) + _rotated_text(page_text.rotated)))
        hidden.extend(_hidden_items(page_text, index + 1))
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
