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
import operator
import re
import statistics
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

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
    """A character, or a piece of a word: characters pdfium set edge to edge on one baseline.

    ``last_x0`` and ``first_x1`` are the inner edges of the piece's last and first
    characters (a lone character's own edges): what the ligature test compares."""

    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    space_before: bool
    last_x0: float
    first_x1: float


class _Word(NamedTuple):
    # A tuple: a page has hundreds of words, and tuples are built from columns in one call.
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


_TEXT, _X0, _Y0, _X1, _Y1, _BASELINE = map(
    operator.attrgetter, ("text", "x0", "y0", "x1", "y1", "baseline")
)


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
        self.words.sort(key=_X0)
        self.y0 = min(map(_Y0, self.words))
        self.y1 = max(map(_Y1, self.words))

    @property
    def text(self) -> str:
        return " ".join(map(_TEXT, self.words))


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
    # Each text object's font (0 if none) and whether its text could be hidden, by handle.
    texts: dict[int, tuple[int, bool]] = field(default_factory=dict)


# --------------------------------------------------------------------------- pdfium calls


def _plain(function: Any, restype: Any, *argtypes: Any) -> Any:
    """``function`` typed with plain ctypes types, taking handles and out-pointers as ints.

    pypdfium2 types each handle as its own pointer class; checking those types costs
    more than pdfium's own work in the calls made for every text object and character."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_P, _I, _F = ctypes.c_void_p, ctypes.c_int, ctypes.c_float
_count_objects = _plain(pdfium_c.FPDFPage_CountObjects, _I, _P)
_get_object = _plain(pdfium_c.FPDFPage_GetObject, _P, _P, _I)
_count_form_objects = _plain(pdfium_c.FPDFFormObj_CountObjects, _I, _P)
_get_form_object = _plain(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_object_type = _plain(pdfium_c.FPDFPageObj_GetType, _I, _P)
_object_matrix = _plain(pdfium_c.FPDFPageObj_GetMatrix, _I, _P, _P)
_object_bounds = _plain(pdfium_c.FPDFPageObj_GetBounds, _I, _P, _P, _P, _P, _P)
_object_fill = _plain(pdfium_c.FPDFPageObj_GetFillColor, _I, _P, _P, _P, _P, _P)
_object_stroke = _plain(pdfium_c.FPDFPageObj_GetStrokeColor, _I, _P, _P, _P, _P, _P)
_draw_mode = _plain(pdfium_c.FPDFPath_GetDrawMode, _I, _P, _P, _P)
_render_mode = _plain(pdfium_c.FPDFTextObj_GetTextRenderMode, _I, _P)
_text_font = _plain(pdfium_c.FPDFTextObj_GetFont, _P, _P)
_font_ascent = _plain(pdfium_c.FPDFFont_GetAscent, _I, _P, _F, _P)
_font_descent = _plain(pdfium_c.FPDFFont_GetDescent, _I, _P, _F, _P)
_loose_box = _plain(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
_char_object = _plain(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_char_fill = _plain(pdfium_c.FPDFText_GetFillColor, _I, _P, _I, _P, _P, _P, _P)
_char_stroke = _plain(pdfium_c.FPDFText_GetStrokeColor, _I, _P, _I, _P, _P, _P, _P)
_font_size = _plain(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _P, _I)
_char_angle = _plain(pdfium_c.FPDFText_GetCharAngle, _F, _P, _I)
_is_generated = _plain(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
_count_rects = _plain(pdfium_c.FPDFText_CountRects, _I, _P, _I, _I)
_get_rect = _plain(pdfium_c.FPDFText_GetRect, _I, _P, _I, _P, _P, _P, _P)


def _handle(pointer: Any) -> int:
    return ctypes.cast(pointer, ctypes.c_void_p).value or 0


def _rgba_out() -> tuple[Any, tuple[int, int, int, int]]:
    """Four unsigned ints for a colour and the addresses pdfium writes them to."""
    rgba = (ctypes.c_uint * 4)()
    at = ctypes.addressof(rgba)
    return rgba, (at, at + 4, at + 8, at + 12)


# --------------------------------------------------------------------------- page objects


def _matrix_of(obj: int) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not _object_matrix(obj, ctypes.addressof(m)):
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


def _bounds(obj: int, outer: tuple[float, ...] | None) -> tuple[float, float, float, float] | None:
    out = (ctypes.c_float * 4)()
    at = ctypes.addressof(out)
    if not _object_bounds(obj, at, at + 4, at + 8, at + 12):
        return None
    box = (out[0], out[1], out[2], out[3])
    if outer is None:
        return box
    a, b, c, d, e, f = outer
    xs, ys = [], []
    for x, y in ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3])):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(
    container: int, is_form: bool, outer: tuple[float, ...] | None, depth: int = 0
) -> Iterator[tuple[int, int, tuple[float, ...] | None]]:
    count_objects = _count_form_objects if is_form else _count_objects
    get_object = _get_form_object if is_form else _get_object
    for index in range(count_objects(container)):
        obj = get_object(container, index)
        if not obj:
            continue
        kind = _object_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < 8:
                matrix = _matrix_of(obj)
                inner = matrix if outer is None else _compose(matrix, outer)
                yield from _walk(obj, True, inner, depth + 1)
        else:
            yield kind, obj, outer


def _page_objects(page: pdfium.PdfPage) -> _PageObjects:
    """Images, filled shapes (possible backgrounds) and which text objects could be hidden."""
    found = _PageObjects()
    modes = (ctypes.c_int * 2)()
    modes_at = ctypes.addressof(modes)
    rgba, rgba_at = _rgba_out()
    light = 255 - BACKGROUND_DISTANCE
    matrix = pdfium_c.FS_MATRIX()
    matrix_at = ctypes.addressof(matrix)
    for kind, obj, outer in _walk(_handle(page.raw), False, None):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if not found.rotated_text and _object_matrix(obj, matrix_at):
                # b carries rotation; c alone is the skew of a slanted (oblique) font.
                found.rotated_text = abs(matrix.b) > 0.05 * abs(matrix.a) or matrix.a < 0
            mode = _render_mode(obj)
            colour = _object_stroke if mode in _STROKE_ONLY else _object_fill
            seen = colour(obj, *rgba_at)
            hidden = mode in _RENDER_INVISIBLE or bool(
                seen and (rgba[3] == 0 or min(rgba[0], rgba[1], rgba[2]) >= light)
            )
            found.suspicious_text = found.suspicious_text or hidden
            # A colour pdfium cannot report is as doubtful as a light one.
            found.texts[obj] = (_text_font(obj) or 0, hidden or not seen)
            continue
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            box = _bounds(obj, outer)
            if box is not None:
                found.images.append(box)
                found.backgrounds.append(_Background(box, None))
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not _draw_mode(obj, modes_at, modes_at + 4) or modes[0] == 0:
            continue
        if _object_fill(obj, *rgba_at) and rgba[3] > 0:
            box = _bounds(obj, outer)
            if box is not None:
                found.backgrounds.append(_Background(box, (rgba[0], rgba[1], rgba[2])))
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
    # Glyphs and word pieces in content order, and words read whole from a run.
    glyphs: list[_Glyph | _Word] = field(default_factory=list)
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


_SEPARATORS = _SPACES | _SKIP
_LINE_RUN = re.compile("[^" + re.escape("".join(sorted(_SKIP))) + "]+")
_TOKEN = re.compile("[^" + re.escape("".join(sorted(_SEPARATORS))) + "]+")
# Where the next part of a space-split run starts, and where a part ends, from its start.
_NEXT_PART: Callable[[int, int], int] = lambda start, length: start + length + 1  # noqa: E731
_LAST_OF_PART = (-2).__add__
_OTHER_SPACES = re.compile("[" + re.escape("".join(sorted(_SPACES - {" "}))) + "]")
_HYPHEN_TABLE = str.maketrans(dict.fromkeys(_AS_HYPHEN, "-"))
# How far (pt) a run's summed widths may miss pdfium's own position of its last character.
# Float rounding stays far below it; a kern that could split or join a word (0.13 em, at
# least 0.3 pt at the smallest visible size) lies far above it.
_RUN_TOLERANCE = 0.02
# The same for one word piece with measured ends, in ems: kerns inside a word are small and
# pull letters together, while a gap that could start a word is 0.13 em or more.
_PIECE_TOLERANCE = 0.03


def _read_glyphs(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    objects: _PageObjects,
    budget: int,
    widths: dict[tuple[int, float], dict[str, float]] | None = None,
) -> _PageText:
    result = _PageText()
    text = _page_chars(textpage.raw)
    result.truncated = len(text) > budget
    text = text[:budget]
    result.chars = len(text)
    left, bottom, right, top = page.get_cropbox()
    # A box inherited from the page tree is not seen by the crop/media box getters (they
    # fall back to Letter); the page size always is.
    width, height = page.get_size()
    box = (left, bottom, max(right, left + width), max(top, bottom + height))
    reader = _CharReader(_handle(textpage.raw), text, objects, box, result, widths)
    if objects.rotated_text:
        reader.one_by_one(0, len(text) - 1)
    else:
        reader.by_runs()
    return result


class _CharReader:
    """One page's characters as glyphs: a text object's run at a time where that is exact.

    Asking pdfium for each character's box is most of the cost of reading a PDF. The
    characters of one text object share a baseline; when the widths already measured in
    its font add up to where pdfium put the run's last character (allowing the same
    stretch of every space that justified text gets, then checked on a middle character),
    nothing inside the run can split or join a word, so each space-separated piece's box
    follows from the sum. A kerned run is read piece by piece with each piece's ends
    measured, and a piece whose inner widths do not add up character by character. The
    run's ends are measured and its inked box must lie on the page along its line, so
    text off the page or too small to see is caught as before. A run that could be hidden
    (its object is light, transparent or invisible), a rotated page, tiny text or a run
    spanning text objects is read character by character.
    """

    def __init__(
        self,
        handle: int,
        text: str,
        objects: _PageObjects,
        page_box: tuple[float, float, float, float],
        result: _PageText,
        widths: dict[tuple[int, float], dict[str, float]] | None,
    ) -> None:
        self.handle, self.text, self.objects = handle, text, objects
        self.shown = text.translate(_HYPHEN_TABLE)
        # Only plain spaces separate words on the page: a run splits on them alone.
        self.plain = _OTHER_SPACES.search(text) is None
        self.page_box, self.result = page_box, result
        self.rect = pdfium_c.FS_RECTF()
        self.rect_at = ctypes.addressof(self.rect)
        self.ink = (ctypes.c_double * 4)()
        self.ink_at = ctypes.addressof(self.ink)
        # Measured widths by font and size (the loose box's height), then by character, kept
        # across pages: a font freed with its page and another taking its address only
        # makes runs fail the check and be read character by character.
        self.widths = {} if widths is None else widths
        self.fonts: dict[int, bool] = {}

    def by_runs(self) -> None:
        text, handle = self.text, self.handle
        for line in _LINE_RUN.finditer(text):
            first = _TOKEN.search(text, line.start(), line.end())
            if first is None:
                continue
            start, last = first.start(), line.end() - 1
            while text[last] in _SPACES:
                last -= 1
            last_object = _char_object(handle, last) or 0
            obj = _char_object(handle, start) or 0
            while obj != last_object:
                # Where this object's characters end on the line: gallop, then bisect (a
                # line of many short objects costs a call or two per object, not a search).
                low, step = start, 1
                high, high_object = last, last_object
                while low + step < last:
                    found = _char_object(handle, low + step) or 0
                    if found != obj:
                        high, high_object = low + step, found
                        break
                    low, step = low + step, step * 2
                while high - low > 1:
                    middle = (low + high) // 2
                    found = _char_object(handle, middle) or 0
                    if found == obj:
                        low = middle
                    else:
                        high, high_object = middle, found
                end = low
                while text[end] in _SPACES:
                    end -= 1
                self.run(start, end, obj)
                start = high
                while text[start] in _SPACES:
                    start += 1
                obj = high_object if start == high else (_char_object(handle, start) or 0)
            self.run(start, last, obj)

    def font_ok(self, font: int) -> bool:
        """True for a font whose loose boxes follow its ascent and descent (the usual case)."""
        ok = self.fonts.get(font)
        if ok is None:
            out = (ctypes.c_float * 2)()
            at = ctypes.addressof(out)
            ok = bool(
                font
                and _font_ascent(font, 1000.0, at)
                and _font_descent(font, 1000.0, at + 4)
                and out[0] != out[1]
            )
            self.fonts[font] = ok
        return ok

    def run(self, start: int, end: int, obj: int) -> None:
        """Characters ``start``..``end`` (the ends not spaces) of text object ``obj``."""
        info = self.objects.texts.get(obj)
        if info is None or info[1] or not self.font_ok(info[0]):
            self.one_by_one(start, end)
            return
        handle, rect, at = self.handle, self.rect, self.rect_at
        _loose_box(handle, start, at)
        x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
        if end > start:
            _loose_box(handle, end, at)
        first, last = (x0, x1), (rect.left, rect.right)
        height = y1 - y0
        left, bottom, right, top = self.page_box
        if (
            height < TINY_TEXT_PT
            or (rect.bottom, rect.top) != (y0, y1)
            or not bottom <= (y0 + y1) / 2 <= top
            or not left <= (x0 + x1) / 2
            or not (last[0] + last[1]) / 2 <= right
            or (end > start and not self.inked_within(start, end, x0, y0, last[1], y1))
        ):
            self.one_by_one(start, end)
            return
        widths = self.widths.setdefault((info[0], round(height, 2)), {})
        if not self.as_run(start, end, widths, y0, y1, first, last):
            self.by_tokens(start, end, widths, y0, y1, first, last)

    def inked_within(
        self, start: int, end: int, x0: float, y0: float, x1: float, y1: float
    ) -> bool:
        """True when the run's characters belong to one text object and their glyphs all lie
        on the page, within an em of the line its ends span: then no character between
        the ends was moved off the page, or over another line, by a kern and its undoing."""
        handle, out, at = self.handle, self.ink, self.ink_at
        if _count_rects(handle, start, end - start + 1) != 1:
            return False  # another object's characters fall in between
        if not _get_rect(handle, 0, at, at + 8, at + 16, at + 24):
            return False
        ink_left, ink_top, ink_right, ink_bottom = out
        em = y1 - y0
        left, bottom, right, top = self.page_box
        return (
            max(left, x0 - em) <= ink_left
            and ink_right <= min(right, x1 + em)
            and max(bottom, y0 - em) <= ink_bottom
            and ink_top <= min(top, y1 + em)
        )

    def as_run(
        self,
        start: int,
        end: int,
        widths: dict[str, float],
        y0: float,
        y1: float,
        first: tuple[float, float],
        last: tuple[float, float],
    ) -> bool:
        """Word pieces placed by the measured widths, if they add up to where pdfium put the
        last character and a middle one: then no kern or spacing inside the run moves a
        piece, except the same stretch of every space that justified text gets."""
        chars = self.text[start : end + 1]
        sizes = list(map(widths.get, chars))
        sizes[0], sizes[-1] = first[1] - first[0], last[1] - last[0]
        if None in sizes and not self.fill(sizes, start, widths, y0, y1):
            return False
        n = len(chars)
        lefts = list(itertools.accumulate(cast(list[float], sizes), initial=first[0]))
        if abs(lefts[n - 1] - last[0]) > _RUN_TOLERANCE:
            spaces = sum(map(chars.count, _SPACES))
            if not spaces:
                return False
            stretch = (last[0] - lefts[n - 1]) / spaces
            stretched = dict(widths)
            for ch in _SPACES & stretched.keys():
                stretched[ch] += stretch
            sizes = list(map(stretched.get, chars))
            sizes[0], sizes[-1] = first[1] - first[0], last[1] - last[0]
            lefts = list(itertools.accumulate(cast(list[float], sizes), initial=first[0]))
            # The stretch was fitted to the last character: check it on a middle one.
            if not self.placed_as(lefts, chars, start, y0, y1):
                return False
        if abs(lefts[n - 1] - last[0]) > _RUN_TOLERANCE or abs(lefts[n] - last[1]) > _RUN_TOLERANCE:
            return False
        # The measured edges stand for the first and last characters' own.
        lefts[n - 1], lefts[n] = last
        rights = lefts[1:]
        lefts[0], rights[0] = first
        if n == 1:
            rights[0] = last[1]
        self.emit(start, end, lefts, rights, y0, y1, min(cast(list[float], sizes)) > 0)
        return True

    def emit(
        self,
        start: int,
        end: int,
        lefts: list[float],
        rights: list[float],
        y0: float,
        y1: float,
        spaced: bool,
    ) -> None:
        """The run's pieces, placed by ``lefts`` and ``rights`` (by character in the run)."""
        chunk = self.shown[start : end + 1]
        if self.plain and "  " not in chunk:
            parts = chunk.split(" ")
            # Each part starts one past the space after the one before it.
            firsts = list(itertools.accumulate(map(len, parts), _NEXT_PART, initial=0))
            lasts = list(map(_LAST_OF_PART, firsts[1:]))
            del firsts[-1]
        else:
            found = list(_TOKEN.finditer(chunk))
            parts = [m.group() for m in found]
            firsts = [m.start() for m in found]
            lasts = [m.end() - 1 for m in found]
        x0s = list(map(lefts.__getitem__, firsts))
        x1s = list(map(rights.__getitem__, lasts))
        baseline = y0 + _DESCENT_SHARE * (y1 - y0)
        glyphs, text = self.result.glyphs, self.text
        before = start > 0 and text[start - 1] in _SEPARATORS
        count = len(parts)
        for k in (0, count - 1) if spaced and count > 2 else range(count):
            if k == count - 1 and spaced and count > 2:
                # A piece between two others of the run is a whole word: the spaces around
                # it (of positive width, on one baseline) end a word on either side. Only
                # the first and last may join what comes before or after the run.
                inner = slice(1, -1)
                words = zip(
                    parts[inner],
                    x0s[inner],
                    itertools.repeat(y0),
                    x1s[inner],
                    itertools.repeat(y1),
                    itertools.repeat(baseline),
                    map(_letters, parts[inner]),
                )
                # tuple.__new__ builds each word in C, without a Python-level __init__.
                glyphs.extend(map(tuple.__new__, itertools.repeat(_Word), words))
            a, b = firsts[k], lasts[k]
            glyphs.append(
                _Glyph(
                    parts[k], x0s[k], y0, x1s[k], y1, baseline, k > 0 or before, lefts[b], rights[a]
                )
            )

    def placed_as(self, lefts: list[float], chars: str, start: int, y0: float, y1: float) -> bool:
        """True when pdfium puts the first letter after the run's middle space where
        ``lefts`` does."""
        middle = chars.find(" ", len(chars) // 2)
        if middle < 0:
            middle = chars.rfind(" ", 0, len(chars) // 2)
        if middle < 0:
            return True  # one word: its last letter was checked
        while chars[middle] in _SPACES:
            middle += 1
        if middle >= len(chars) - 1:
            return True
        rect = self.rect
        _loose_box(self.handle, start + middle, self.rect_at)
        return (
            (rect.bottom, rect.top) == (y0, y1)
            and abs(rect.left - lefts[middle]) <= _RUN_TOLERANCE
            and abs(rect.right - lefts[middle + 1]) <= _RUN_TOLERANCE
        )

    def by_tokens(
        self,
        start: int,
        end: int,
        widths: dict[str, float],
        y0: float,
        y1: float,
        first: tuple[float, float],
        last: tuple[float, float],
    ) -> None:
        """Word pieces with measured ends, for a run whose spaces are stretched (justified
        text) or whose letters are kerned: a piece's inner widths must add up to the room
        between its ends to within a small kern, else it is read character by character."""
        handle, rect, at = self.handle, self.rect, self.rect_at
        text, shown, glyphs = self.text, self.shown, self.result.glyphs
        limit = _PIECE_TOLERANCE * (y1 - y0)
        left, right = self.page_box[0], self.page_box[2]
        baseline = y0 + _DESCENT_SHARE * (y1 - y0)
        for match in _TOKEN.finditer(text, start, end + 1):
            i, j = match.start(), match.end() - 1
            wanted = (i, j) if j > i else (i,)
            ends = []
            for index in wanted:
                if index in (start, end):
                    ends.append(first if index == start else last)
                    continue
                _loose_box(handle, index, at)
                if (rect.bottom, rect.top) != (y0, y1):
                    break
                ends.append((rect.left, rect.right))
            fits = len(ends) == len(wanted)
            (a0, a1), (b0, b1) = (ends[0], ends[-1]) if fits else ((0.0, 0.0), (0.0, 0.0))
            if fits and j > i:
                sizes = list(map(widths.get, text[i + 1 : j]))
                fits = (None not in sizes or self.fill(sizes, i + 1, widths, y0, y1)) and (
                    abs(b0 - a1 - sum(cast(list[float], sizes))) <= limit
                    and min(a1 - a0, b1 - b0) > limit
                )
            if not (fits and left <= (a0 + a1) / 2 and (b0 + b1) / 2 <= right):
                self.one_by_one(i, j, widths)
                continue
            sb = i > 0 and text[i - 1] in _SEPARATORS
            glyphs.append(_Glyph(shown[i : j + 1], a0, y0, b1, y1, baseline, sb, b0, a1))

    def fill(
        self, sizes: list[float | None], offset: int, widths: dict[str, float], y0: float, y1: float
    ) -> bool:
        """Fill in the widths not yet measured, one character each; False if one is not real."""
        text = self.text
        for k, size in enumerate(sizes):
            if size is None:
                ch = text[offset + k]
                size = widths.get(ch)
                if size is None:
                    size = self.probe(offset + k, y0, y1)
                    if size is None:
                        return False
                    widths[ch] = size
                sizes[k] = size
        return True

    def probe(self, index: int, y0: float, y1: float) -> float | None:
        """The width of one character on the run's baseline, or None if it is not a real one."""
        if self.text[index] in _SPACES and _is_generated(self.handle, index):
            return None  # pdfium's own space stands for a gap, not a glyph
        rect = self.rect
        _loose_box(self.handle, index, self.rect_at)
        if rect.bottom != y0 or rect.top != y1 or rect.right < rect.left:
            return None
        return float(rect.right - rect.left)

    def one_by_one(self, start: int, end: int, widths: dict[str, float] | None = None) -> None:
        """Characters ``start``..``end`` one by one, each checked for being hidden or turned;
        ``widths`` learns the run's character widths for the runs after it."""
        text, shown, handle, objects = self.text, self.shown, self.handle, self.objects
        rect, at = self.rect, self.rect_at
        left, bottom, right, top = self.page_box
        rgba, rgba_at = _rgba_out()
        check_colour, check_angle = objects.suspicious_text, objects.rotated_text
        glyphs, hidden = self.result.glyphs, self.result.hidden
        light = 255 - BACKGROUND_DISTANCE
        run_y: tuple[float, float] | None = None
        previous: tuple[str, float, float] | None = None
        for index in range(start, end + 1):
            ch = text[index]
            # pdfium's generated characters are only spaces and line breaks.
            if ch in _SEPARATORS:
                continue
            _loose_box(handle, index, at)
            # The loose box spans the font's descent to its ascent, so the baseline sits a
            # fixed share above its bottom; asking pdfium for each origin would double the
            # calls in the loop that dominates reading.
            x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
            glyph = _Glyph(
                shown[index],
                x0,
                y0,
                x1,
                y1,
                y0 + _DESCENT_SHARE * (y1 - y0),
                index > 0 and text[index - 1] in _SEPARATORS,
                x0,
                x1,
            )
            if widths is not None:
                run_y = run_y or (y0, y1)
                if previous is not None and previous[1:] == (x0, x1):
                    widths.pop(previous[0], None)  # a ligature's characters share one box
                elif run_y == (y0, y1) and x1 >= x0:
                    widths[ch] = x1 - x0
                previous = (ch, x0, x1)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            reason = None
            if not (left <= cx <= right and bottom <= cy <= top):
                reason = "text outside the page"
            elif 0 < y1 - y0 < TINY_TEXT_PT and _font_size(handle, index) < TINY_TEXT_PT:
                # The box alone misleads: pdfium gives line-end hyphens a sliver of a box.
                reason = "tiny text"
            elif check_colour:
                obj = _char_object(handle, index)
                mode = _render_mode(obj) if obj else 0
                colour = _char_stroke if mode in _STROKE_ONLY else _char_fill
                seen = colour(handle, index, *rgba_at)
                if mode in _RENDER_INVISIBLE or (
                    seen and (rgba[3] == 0 or min(rgba[0], rgba[1], rgba[2]) >= light)
                ):
                    found = (rgba[0], rgba[1], rgba[2], rgba[3])
                    reason = _hidden_reason(objects, cx, cy, mode, found)
            if reason:
                hidden.setdefault(reason, []).append(glyph)
            elif check_angle and 0.05 < _char_angle(handle, index) < 6.23:
                self.result.rotated.append(glyph)
            else:
                glyphs.append(glyph)


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


_MONTHS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
_DATE_WORDS = frozenset("present current now today ongoing since to until".split())
_CLOSING = ".,;:)!?"


def _words(glyphs: Sequence[_Glyph | _Word]) -> list[_Word]:
    """Words in content order: a space, a wide gap, a step back or a new baseline ends one."""
    words: list[_Word] = []
    current: list[_Glyph] = []
    for glyph in glyphs:
        if isinstance(glyph, _Word):  # read whole from a run: nothing joins it
            if current:
                words.append(_make_word(current))
                current = []
            words.append(glyph)
            continue
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
    if glyph.x0 == prev.last_x0 and glyph.first_x1 == prev.x1:
        return False  # a ligature expanded to several characters repeats one box
    # pdfium's space detection misses some spaces TeX made by kerning alone; word gaps
    # start near 0.15 em while letters sit within 0.05 em of each other.
    return gap > 0.13 * size or gap < -0.5 * size or (glyph.space_before and gap > -0.1 * size)


def _without_duplicates(words: list[_Word]) -> list[_Word]:
    """Drop words drawn twice at almost the same place (fake bold, shadow effects)."""
    keys = list(
        zip(
            map(_TEXT, words),
            map(round, map(_X0, words)),
            map(round, map(_BASELINE, words)),
            strict=True,
        )
    )
    if len(set(keys)) == len(keys):
        return words  # the usual case, found without a loop in Python
    seen: set[tuple[str, int, int]] = set()
    kept: list[_Word] = []
    for word in words:
        key = (word.text, round(word.x0), round(word.baseline))
        if key in seen:
            continue
        seen.add(key)
        kept.append(word)
    return kept


def _letters(text: str) -> int:
    """The word's letters, or 0 for a date word: ``_DATE_WORD`` spelt out for the common
    case of ASCII letters and closing punctuation, which runs for nearly every word."""
    core = text.rstrip(_CLOSING)
    if core and core.isascii() and core.isalpha():
        lower = core.lower()
        return 0 if lower[:3] in _MONTHS or lower in _DATE_WORDS else len(core)
    return 0 if _DATE_WORD.match(text) else sum(map(str.isalpha, text))


def _make_word(glyphs: list[_Glyph]) -> _Word:
    # One pass over the glyphs: this runs for every word of every page.
    first = glyphs[0]
    if len(glyphs) == 1:
        return _Word(
            first.ch, first.x0, first.y0, first.x1, first.y1, first.baseline, _letters(first.ch)
        )
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
    return _Word(text, x0, y0, x1, y1, first.baseline, _letters(text))


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Rows of words sharing a baseline, top of the page first."""
    # Stable either way: words on one baseline keep their content order.
    ordered = sorted(words, key=_BASELINE, reverse=True)
    groups: list[list[_Word]] = []
    line_base = line_h = 0.0
    for word in ordered:
        height = word.y1 - word.y0
        if groups and line_base - word.baseline <= 0.3 * min(line_h, height or line_h):
            groups[-1].append(word)
        else:
            groups.append([word])
            line_base, line_h = word.baseline, height
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
    origin = int(min(map(_X0, words)))
    width = int(max(map(_X1, words))) - origin + 2
    cover = [0] * (width + 1)
    # How many words start at each point and end just before it (counted in C).
    for x, count in Counter(map(int, map(_X0, words))).items():
        cover[x - origin] += count
    for x, count in Counter(map(int, map(_X1, words))).items():
        cover[x - origin + 1] -= count
    median_h = statistics.median(map(operator.sub, map(_Y1, words), map(_Y0, words)))
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
    widths: dict[tuple[int, float], dict[str, float]] = {}
    for index in range(pages_read):
        page = pdf[index]
        try:
            objects = _page_objects(page)
            textpage = page.get_textpage()
            try:
                page_text = _read_glyphs(page, textpage, objects, budget, widths)
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
