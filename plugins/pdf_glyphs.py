"""What pdfium gives for a page, as glyphs and words: each character with its box and
baseline, pieces of words pdfium set edge to edge, and the text a person cannot see.

Text a human cannot see (white or background-coloured, invisible render mode, tiny, off
the page) is kept apart and reported, because it is how keyword stuffing and prompt
injection get into resumes. pdfium is called through plain function pointers here
(see ``_plain``): this runs for every character of every page, and the typed wrappers
cost more than the reading.
"""

from __future__ import annotations

import ctypes
import itertools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

TINY_TEXT_PT = 2.5
# Colour distance (0-255 per channel) below which text blends into its background.
BACKGROUND_DISTANCE = 24

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
class Glyph:
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


class Word(NamedTuple):
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


def page_objects(page: pdfium.PdfPage) -> _PageObjects:
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


def looks_like_photo(box: tuple[float, float, float, float], width: float, height: float) -> bool:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if w < 50 or h <= 0 or not 0.6 <= w / h <= 1.6:
        return False
    # Page space has y growing upwards: the top third is above two thirds of the height.
    return (y0 + y1) / 2 >= height * 2 / 3 and w < width * 0.8


# --------------------------------------------------------------------------- characters


@dataclass
class PageText:
    # Glyphs and word pieces in content order, and words read whole from a run.
    glyphs: list[Glyph | Word] = field(default_factory=list)
    hidden: dict[str, list[Glyph]] = field(default_factory=dict)
    # Characters not on a horizontal baseline (a vertical margin note), in content order.
    rotated: list[Glyph] = field(default_factory=list)
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


def read_glyphs(
    page: pdfium.PdfPage,
    textpage: pdfium.PdfTextPage,
    objects: _PageObjects,
    budget: int,
    widths: dict[tuple[int, float], dict[str, float]] | None = None,
) -> PageText:
    result = PageText()
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
        result: PageText,
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
                glyphs.extend(map(tuple.__new__, itertools.repeat(Word), words))
            a, b = firsts[k], lasts[k]
            glyphs.append(
                Glyph(
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
            glyphs.append(Glyph(shown[i : j + 1], a0, y0, b1, y1, baseline, sb, b0, a1))

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
            glyph = Glyph(
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
DATE_WORD = re.compile(
    r"^\W*\d|^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\W*$|"
    r"^(?:present|current|now|today|ongoing|since|to|until)\W*$",
    re.IGNORECASE,
)


_MONTHS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
_DATE_WORDS = frozenset("present current now today ongoing since to until".split())
_CLOSING = ".,;:)!?"


def glyph_words(glyphs: Sequence[Glyph | Word]) -> list[Word]:
    """Words in content order: a space, a wide gap, a step back or a new baseline ends one."""
    words: list[Word] = []
    current: list[Glyph] = []
    for glyph in glyphs:
        if isinstance(glyph, Word):  # read whole from a run: nothing joins it
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


def _starts_word(prev: Glyph, glyph: Glyph) -> bool:
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


def _without_duplicates(words: list[Word]) -> list[Word]:
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
    kept: list[Word] = []
    for word in words:
        key = (word.text, round(word.x0), round(word.baseline))
        if key in seen:
            continue
        seen.add(key)
        kept.append(word)
    return kept


def _letters(text: str) -> int:
    """The word's letters, or 0 for a date word: ``DATE_WORD`` spelt out for the common
    case of ASCII letters and closing punctuation, which runs for nearly every word."""
    core = text.rstrip(_CLOSING)
    if core and core.isascii() and core.isalpha():
        lower = core.lower()
        return 0 if lower[:3] in _MONTHS or lower in _DATE_WORDS else len(core)
    return 0 if DATE_WORD.match(text) else sum(map(str.isalpha, text))


def _make_word(glyphs: list[Glyph]) -> Word:
    # One pass over the glyphs: this runs for every word of every page.
    first = glyphs[0]
    if len(glyphs) == 1:
        return Word(
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
    return Word(text, x0, y0, x1, y1, first.baseline, _letters(text))
