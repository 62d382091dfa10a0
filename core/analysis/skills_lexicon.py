"""The skills gazetteer (core/data/skills.txt): find named skills and tools in text."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..models import Span

# The section of skills.txt whose one-word entries are tools a work sample can be built
# on even in lower case (dbt, scikit-learn); its practices (machine learning, unit
# testing, observability) and everything elsewhere count only as proper names.
TOOL_SECTION = "software and data"
_PRACTICE = re.compile(r"\s|(?:ing|ity|ics|ment|tion|sis|services)$")


class SkillLexicon:
    def __init__(
        self,
        entries: list[tuple[str, tuple[str, ...]]],
        sections: dict[str, str] | None = None,
    ) -> None:
        self.entries = entries
        # Canonical name -> the "## " section of skills.txt it is listed under.
        self.sections = sections or {}
        alternatives: list[str] = []
        self._canonical: dict[str, str] = {}
        for name, aliases in entries:
            for alias in (name, *aliases):
                self._canonical[alias.lower()] = name
                alternatives.append(re.escape(alias))
        # Longest first so "Ruby on Rails" wins over "Ruby"; case-sensitive only for the
        # one-letter languages (C, R), which would otherwise match every stray letter.
        alternatives.sort(key=len, reverse=True)
        long_forms = [a for a in alternatives if len(a.replace("\\", "")) > 2]
        short_forms = [a for a in alternatives if len(a.replace("\\", "")) == 2]
        letters = [a for a in alternatives if len(a.replace("\\", "")) == 1]
        self._long = re.compile(
            r"(?<![\w+#.])(?:" + "|".join(long_forms) + r")(?![\w+#]|\.\w)", re.IGNORECASE
        )
        self._short = re.compile(r"(?<![\w+#./-])(?:" + "|".join(short_forms) + r")(?![\w+#/-])")
        # A lone letter ("R", "C") is a language only inside a list: "Python, R and SQL".
        self._letter = re.compile(
            r"(?:(?<=, )|(?<=,)|(?<=/)|(?<=\()|(?<=and )|(?<=or )|(?<=: ))(?:"
            + "|".join(letters)
            + r")(?=\s*(?:,|/|\)|\band\b|\bor\b|$))"
        )

    def find(self, text: str) -> list[tuple[str, Span]]:
        """(canonical name, span) of every skill mentioned in text, in order."""
        hits = [
            (self._canonical[m.group(0).lower()], Span(start=m.start(), end=m.end()))
            for pattern in (self._long, self._short, self._letter)
            for m in pattern.finditer(text)
            if m.group(0).lower() in self._canonical
        ]
        hits.sort(key=lambda h: h[1].start)
        return hits

    def names_in(self, text: str) -> list[str]:
        seen: dict[str, None] = {}
        for name, _ in self.find(text):
            seen.setdefault(name, None)
        return list(seen)

    def tools_in(self, text: str) -> list[str]:
        """Named tools and languages in text (Python, Tableau, dbt), not practices such as
        negotiation or stakeholder management."""
        return [
            name
            for name in self.names_in(text)
            if name[:1].isupper()
            or (self.sections.get(name) == TOOL_SECTION and not _PRACTICE.search(name))
        ]

    def aliases(self, name: str) -> tuple[str, ...]:
        for canonical, aliases in self.entries:
            if canonical.lower() == name.lower():
                return (canonical, *aliases)
        return (name,)


@lru_cache(maxsize=1)
def skill_lexicon() -> SkillLexicon:
    raw = resources.files("secondround.core.data").joinpath("skills.txt").read_text("utf-8")
    entries: list[tuple[str, tuple[str, ...]]] = []
    sections: dict[str, str] = {}
    section = ""
    for line in raw.splitlines():
        line = line.strip()
        if line.startswith("## "):
            section = line[3:].strip()
        if not line or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|") if n.strip()]
        entries.append((names[0], tuple(names[1:])))
        sections[names[0]] = section
    return SkillLexicon(entries, sections)
