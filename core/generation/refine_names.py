"""Refine mode's name check: a rewrite keeps the names its draft gives and adds none.

The anchors keep at most three words of the detail a question probes, but a question can
name more: a second tool, the employer, a licence, a client. A rewrite that drops one asks
about something vaguer than the draft did ("your monitoring work" for "your Grafana and
Prometheus work"); a rewrite that adds one ("your Kubernetes migration" for a resume that
never says Kubernetes) states a fact nobody gave, which is what grounding exists to stop.
Both keep the composer's wording, like every other failed check.

A name is a word that reads as one in running text: all capitals (SQL, NHS), a capital
inside it (iOS, PostgreSQL), letters with digits (S3, ISO27001), or a capital anywhere but
a sentence's first word (where every word has one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .generator import GenerationRequest

_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+#&'-]*[A-Za-z0-9+#]|[A-Za-z]")
# Where a new sentence (or a quoted line, or a list item) starts, so its first word's
# capital says nothing.
_STARTS = re.compile(r"(?<=[.?!;:])\s+|[\n\u2022*\"\u201c\u2018(\[]+")
# "I" is capitalised wherever it stands and names nobody. (Rewrites are checked after the
# redactor's placeholders are restored, so "[CANDIDATE]" never reaches this check.)
_NOT_NAMES = frozenset({"i", "i'm", "i've", "i'd", "i'll"})


def _bare(word: str) -> str:
    low = word.lower()
    for suffix in ("'s", "\u2019s"):
        low = low.removesuffix(suffix)
    return low.strip("'-")


def _reads_as_name(word: str, first: bool) -> bool:
    if any(c.isdigit() for c in word):
        return True
    if len(word) > 1 and word.isupper():
        return True
    if any(c.isupper() for c in word[1:]):
        return True  # iOS, PostgreSQL, McKinsey
    return word[:1].isupper() and not first


def names(text: str) -> set[str]:
    """The names in ``text``, lower-cased."""
    found: set[str] = set()
    for part in _STARTS.split(text):
        for i, match in enumerate(_TOKEN.finditer(part)):
            word = match.group()
            bare = _bare(word)
            if bare and bare not in _NOT_NAMES and _reads_as_name(word, first=i == 0):
                found.add(bare)
    return found


def words(text: str) -> set[str]:
    """Every word of ``text``, lower-cased: what a name may be found among."""
    return {_bare(m.group()) for m in _TOKEN.finditer(text)}


@dataclass(frozen=True)
class NameCheck:
    """What one kit's rewrites may name: words of the inputs the engine was given
    (resume, job description, notes, the round's title), and which of those read as
    names there, so a draft's use of them must survive a rewrite."""

    vocabulary: frozenset[str]
    input_names: frozenset[str]

    @classmethod
    def for_request(cls, request: GenerationRequest) -> NameCheck:
        analysis = request.analysis
        parts = [analysis.document.text, analysis.notes_text or "", request.plan.title]
        if analysis.job is not None:
            parts.append(analysis.job.text)
        text = "\n".join(parts)
        return cls(vocabulary=frozenset(words(text)), input_names=frozenset(names(text)))

    def adds(self, text: str, *drafts: str) -> bool:
        """Whether ``text`` names something neither the inputs nor the drafts hold."""
        allowed = self.vocabulary | {w for d in drafts for w in words(d)}
        return any(name not in allowed for name in names(text))

    def problem(self, text: str, draft: str) -> str | None:
        """Why a rewrite of ``draft`` cannot be used on names, or None."""
        if self.adds(text, draft):
            return "added_name"
        kept = words(text)
        if any(n in self.input_names and n not in kept for n in names(draft)):
            return "lost_name"
        return None
