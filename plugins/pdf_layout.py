"""Reading order for a PDF page: words into lines by baseline, columns and side notes.

A page whose words leave a clear vertical gutter with substantial text on both sides is
read column by column (sidebar resumes), while a narrow margin column of dates stays on
the row it labels.
"""

from __future__ import annotations

import itertools
import operator
import statistics
from collections import Counter
from dataclasses import dataclass

from secondround.core.api import (
    HiddenText,
    clean_text,
    is_private_use,
)

from .pdf_glyphs import DATE_WORD, Glyph, PageText, Word, glyph_words

_TEXT, _X0, _Y0, _X1, _Y1, _BASELINE = map(
    operator.attrgetter, ("text", "x0", "y0", "x1", "y1", "baseline")
)


@dataclass(slots=True)
class _Line:
    words: list[Word]
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


def _group_lines(words: list[Word]) -> list[_Line]:
    """Rows of words sharing a baseline, top of the page first."""
    # Stable either way: words on one baseline keep their content order.
    ordered = sorted(words, key=_BASELINE, reverse=True)
    groups: list[list[Word]] = []
    line_base = line_h = 0.0
    for word in ordered:
        height = word.y1 - word.y0
        if groups and line_base - word.baseline <= 0.3 * min(line_h, height or line_h):
            groups[-1].append(word)
        else:
            groups.append([word])
            line_base, line_h = word.baseline, height
    return [_Line(group) for group in _attach_raised(groups)]


def _attach_raised(groups: list[list[Word]]) -> list[list[Word]]:
    """Put superscripts (footnote marks, "1 st") and subscripts back on their line.

    A small row counts only when it sits in the gaps of the row it joins: a tagline
    under a large name overlaps the name horizontally and stays a line of its own.
    """
    heights = [max(w.height for w in group) for group in groups]
    kept: list[list[Word]] = []
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


def _fits_between(small: list[Word], row: list[Word]) -> bool:
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


def _split_line(line: _Line, gutter: _Gutter) -> tuple[list[Word], list[Word]] | None:
    """The line's words left and right of the gutter, or None when the line runs across.

    A line also runs across when the gutter only falls into an ordinary word space:
    "CRAIG DAVIS" in a large heading is one line, not two columns.
    """
    on_left: list[Word] = []
    on_right: list[Word] = []
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


def layout(words: list[Word], depth: int = 0) -> list[_Line]:
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
                if not (DATE_WORD.match(w.text) or w.text in _RANGE_DASHES)
            ),
            len(above.words),
        )
        if body < 2 or body >= len(above.words) or above.words[body - 1].text not in _RANGE_DASHES:
            continue
        if above.y0 - below.y1 > 0.6 * (above.y1 - above.y0):
            continue
        body_x = above.words[body].x0
        moved = [w for w in below.words if w.x1 <= body_x and DATE_WORD.match(w.text)]
        if moved and len(moved) < len(below.words) and below.words[: len(moved)] == moved:
            above.words[body:body] = moved
            del below.words[: len(moved)]
    return lines


_RANGE_DASHES = frozenset({"-", "–", "—"})
_BULLET_START = frozenset("•▪●◦‣⁃■□○◆◇❖➤➢►▸▹✓✔✦★☆→·∙⦁–-*")


def lift_side_notes(lines: list[_Line]) -> None:
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


def _trailing_note(line: _Line) -> list[Word]:
    """The words after a tab-stop sized gap at the end of a line, if few enough."""
    height = line.y1 - line.y0
    for index in range(len(line.words) - 1, 0, -1):
        if line.words[index].x0 - line.words[index - 1].x1 >= 1.5 * height:
            note = line.words[index:]
            return note if len(note) <= 6 else []
    return []


def _read_columns(lines: list[_Line], gutter: _Gutter, depth: int) -> list[_Line]:
    ordered: list[_Line] = []
    left: list[Word] = []
    right: list[Word] = []

    def flush() -> None:
        for side in (left, right):
            if side:
                block = layout(side, depth + 1)
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
    band: list[Word] = []
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
            ordered.extend(layout(band, depth + 1))
            band = []
        heading = _Line(label)
        heading.break_before = True
        ordered.append(heading)
        band.extend(body)
    if band:
        ordered.extend(layout(band, depth + 1))
    return ordered


def lines_text(lines: list[_Line]) -> str:
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


def rotated_text(glyphs: list[Glyph]) -> str:
    """Vertical text (a margin note) as one line after the page's other text."""
    if not glyphs:
        return ""
    text = "".join((" " + g.ch) if g.space_before else g.ch for g in glyphs)
    return "\n\n" + text.strip()


def hidden_items(page_text: PageText, page_number: int) -> list[HiddenText]:
    items: list[HiddenText] = []
    for reason, glyphs in page_text.hidden.items():
        for line in _group_lines(glyph_words(glyphs)):
            text = clean_text(line.text)
            if text:
                items.append(HiddenText(text=text, reason=reason, page=page_number))
    return items
