"""Protected personal details: find them in the inputs, and keep questions off them.

The rules are data (``data/compliance.yaml``, written for a reviewer who does not
program). This module compiles them once and answers: where in a text is a protected
detail (analysis drops facts overlapping it), which protected topic does a drafted
question touch (guardrails drop it), and which rules apply in a jurisdiction.
"""

from __future__ import annotations

import re

from ..models import ProtectedFinding, ProtectedKind, Source, Span
from .compliance_rules import (
    DEFAULT_JURISDICTION,
    ComplianceRules,
    ComplianceRulesError,
    KindRules,
    LegalSource,
    SalaryHistoryBan,
    _canonical,
    _compiled,
    _kinds_in_force,
    _question_index,
    _Rule,
    _source_index,
    known_jurisdictions,
    rules,
)

__all__ = [
    "ComplianceRules",
    "ComplianceRulesError",
    "KindRules",
    "LegalSource",
    "SalaryHistoryBan",
    "describe",
    "find_protected",
    "known_jurisdictions",
    "protected_spans",
    "question_topic",
    "rules",
]

# A "line" longer than this is a paragraph or a PDF that lost its line breaks;
# setting all of it aside would throw away good facts, so the span shrinks to the
# sentence or bullet holding the detail.
_MAX_LINE_CHARS = 300
_SEGMENT_BREAK = re.compile(r"[.!?;•·|]\s|\t|\s{3,}")

_SOURCE_PHRASE = {
    Source.resume: "the resume",
    Source.job: "the job description",
    Source.notes: "the interview notes",
}


# --------------------------------------------------------------------------- finding details


def _blank(match: re.Match[str]) -> str:
    # Same length, so positions in the blanked text still point into the original.
    return " " * len(match.group())


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end - 1, start))
    if line_end == -1:
        line_end = len(text)
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    if line_end - line_start <= _MAX_LINE_CHARS:
        return line_start, line_end
    # An overlong line: keep only the sentence or bullet around the detail.
    seg_start = line_start
    for brk in _SEGMENT_BREAK.finditer(text, line_start, start):
        seg_start = brk.end()
    brk_after = _SEGMENT_BREAK.search(text, end, line_end)
    seg_end = brk_after.start() + 1 if brk_after else line_end
    return seg_start, min(seg_end, line_end)


def _windows(text: str, positions: dict[str, list[int]], rule: _Rule) -> list[tuple[int, int]]:
    """Where a rule can match: each line holding one of its triggers, with the lines
    either side (a PDF may break "Date of / Birth"); everything when unknown."""
    if rule.triggers is None:
        return [(0, len(text))]
    windows: list[tuple[int, int]] = []
    for at in sorted(at for t in rule.triggers for at in positions.get(t, ())):
        before = text.rfind("\n", 0, at)
        start = 0 if before == -1 else text.rfind("\n", 0, before) + 1
        after = text.find("\n", at)
        end = -1 if after == -1 else text.find("\n", after + 1)
        end = len(text) if end == -1 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _protected_lines(
    text: str,
    positions: dict[str, list[int]],
    rules: tuple[_Rule, ...],
    source: Source,
    exceptions: re.Pattern[str] | None,
) -> list[tuple[int, int]]:
    """The lines (or sentences) of ``text`` where one kind's rules find a detail."""
    rules = tuple(
        r
        for r in rules
        if source in r.sources
        and (r.triggers is None or not positions.keys().isdisjoint(r.triggers))
    )
    decided: dict[tuple[int, int], bool] = {}
    for rule in rules:
        for window_start, window_end in _windows(text, positions, rule):
            for match in rule.regex.finditer(text, window_start, window_end):
                bounds = _line_bounds(text, match.start(), match.end())
                if bounds in decided:
                    continue
                protected = True
                if exceptions is not None:
                    # Institution names and professional terms blanked out, does the
                    # line still match? Another, genuine detail on it still counts.
                    line = exceptions.sub(_blank, text[bounds[0] : bounds[1]])
                    protected = any(r.regex.search(line) for r in rules)
                decided[bounds] = protected
    return [bounds for bounds, protected in decided.items() if protected]


def _absent(triggers: frozenset[str] | None, positions: dict[str, list[int]]) -> bool:
    return triggers is not None and positions.keys().isdisjoint(triggers)


def find_protected(
    text: str,
    source: Source = Source.resume,
    *,
    has_photo: bool = False,
    jurisdiction: str = DEFAULT_JURISDICTION,
) -> list[ProtectedFinding]:
    """Every protected detail in ``text``, one finding per kind and line.

    Each span covers the whole line holding the detail (or, on an overlong line,
    its sentence), so analysis can drop any fact overlapping it. ``has_photo``
    adds a photo finding with no span. Findings come in text order.
    """
    in_force = _kinds_in_force(_canonical(jurisdiction))
    compiled = _compiled()
    positions = _source_index(source).positions(text)
    found: list[tuple[int, int, ProtectedFinding]] = []
    for order, ck in enumerate(compiled.kinds):
        if ck.kind not in in_force or _absent(ck.triggers, positions):
            continue
        for start, end in _protected_lines(text, positions, ck.rules, source, ck.exceptions):
            span = Span(start=start, end=end)
            found.append((start, order, ProtectedFinding(kind=ck.kind, source=source, span=span)))
    findings = [finding for _, _, finding in sorted(found, key=lambda item: item[:2])]
    if has_photo and ProtectedKind.photo in in_force:
        findings.append(ProtectedFinding(kind=ProtectedKind.photo, source=source, span=None))
    return findings


def question_topic(text: str, jurisdiction: str = DEFAULT_JURISDICTION) -> ProtectedKind | None:
    """The protected kind a question (or follow-up) touches, or None when it is clean.

    Lawful wording ("legally authorised to work", "salary expectations") is blanked
    out first, so it never counts, while the rest of the question is still checked.
    """
    in_force = _kinds_in_force(_canonical(jurisdiction))
    compiled = _compiled()
    cleaned = compiled.allowed.sub(_blank, text) if compiled.allowed is not None else text
    positions = _question_index().positions(cleaned)
    for ck in compiled.kinds:
        if ck.kind not in in_force or _absent(ck.question_triggers, positions):
            continue
        if _protected_lines(cleaned, positions, ck.question_rules, Source.resume, ck.exceptions):
            return ck.kind
    return None


def protected_spans(findings: list[ProtectedFinding]) -> list[Span]:
    """The spans to keep out of quotes and facts, merged and in text order.

    Findings without a span (a photo) have nothing to drop and are skipped; spans
    from different sources share no text, so pass the findings of one source.
    """
    spans = sorted((f.span for f in findings if f.span is not None), key=lambda s: s.start)
    merged: list[Span] = []
    for span in spans:
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(start=merged[-1].start, end=span.end)
            continue
        merged.append(span)
    return merged


def describe(kind: ProtectedKind, source: Source = Source.resume) -> str:
    """One line for a kit warning, e.g. "A detail about marital or family status was
    found in the resume and ignored: it is never used or asked about."."""
    ck = next(k for k in _compiled().kinds if k.kind is kind)
    return ck.warning.format(topic=kind.value, source=_SOURCE_PHRASE[source])
