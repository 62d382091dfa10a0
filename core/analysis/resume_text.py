"""Primitives for reading resume text: words, date expressions looked up by line,
title-like lines. Shared by the role, header and entry parsers, and by whatever matches
one text's words against another's (notes to resume lines, a JD to the resume, a
question to guidance)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .dates import DateRange
from .sections import Line

SENTENCE_END = (".", "!", "?")
# A short line may end in an abbreviation, not a sentence: "Acme Pty Ltd.", "S.A. de C.V.",
# "Saltillo, Coah.".
_ABBREVIATED_END = re.compile(
    r"(?:\b(?:Inc|Ltd|Co|Corp)\.|(?<!\S)[A-Z][a-z]{0,3}\.|(?:[A-Z]\.){2,})$"
)


def words_of(text: str) -> list[str]:
    # Letters of any alphabet: "Chargée", "Ingeniera", "Bajío" are one word each.
    return re.findall(r"[^\W\d_](?:[^\W\d_]|[.'&-])*", text.lower())


# A word of technical text: "c++", "node.js" and "k8s" stay one word each.
CONTENT_WORD = re.compile(r"[a-z0-9][a-z0-9+#.'-]*")


def content_words(
    text: str,
    stop: frozenset[str] = frozenset(),
    *,
    pattern: re.Pattern[str] = CONTENT_WORD,
    stem: int | None = None,
) -> set[str]:
    """The words of ``text`` that say what it is about: lower-cased, three letters or
    more, not in ``stop``. Callers differ on purpose, so these are parameters: each has
    its own ``stop`` list (a question's "what"/"how", a JD's "proven"/"experience");
    ``pattern`` lets a caller skip figures; ``stem`` cuts words to that many letters so
    "restaurant" meets "restaurants"."""
    words = (w for w in pattern.findall(text.lower()) if len(w) > 2 and w not in stop)
    return {w[:stem] for w in words} if stem else set(words)


def ends_sentence(text: str) -> bool:
    """Ends in a full stop that is not an abbreviation's ("Acme Pty Ltd.", "S.A. de C.V.")."""
    return text.endswith(SENTENCE_END) and not _ABBREVIATED_END.search(text)


def headerish(line: Line) -> bool:
    """Short, title-like lines: the lines around a role's dates that name it."""
    text = line.stripped
    if not text or line.is_bullet or len(text) > 90:
        return False
    words = text.split()
    if ends_sentence(text):
        return False
    if len(words) > 12:
        return False
    return text[0].isupper() or text[0].isdigit() or not text[0].isalpha()


class DateIndex:
    """Date expressions of the whole text, looked up by position (bisect, not a scan)."""

    def __init__(self, dates: Sequence[DateRange]) -> None:
        self.dates = sorted(dates, key=lambda d: d.span.start)
        self._starts = [d.span.start for d in self.dates]

    def _from(self, start: int, end: int) -> list[DateRange]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.dates[lo:hi]

    def in_span(self, start: int, end: int) -> list[DateRange]:
        return [d for d in self._from(start, end) if d.span.end <= end]

    def starting_on(self, line: Line) -> list[DateRange]:
        # A range may wrap onto the next line in PDF text ("2017 –\nPresent"): it belongs
        # to the line it starts on.
        return self._from(line.start, max(line.end, line.start + 1))

    def range_on(self, line: Line) -> DateRange | None:
        found = [d for d in self.starting_on(line) if (not d.single or d.current) and d.start]
        return found[0] if found else None

    def single_on(self, line: Line) -> DateRange | None:
        found = [d for d in self.starting_on(line) if d.single and not d.current and d.start]
        return found[0] if found else None
