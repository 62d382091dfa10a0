"""How alike two questions are, in content words: shared by the composer (which avoids
wording a question like one already in the kit) and the guardrails (which drop
near-duplicates from any generator)."""

from __future__ import annotations

import re

NEAR_DUPLICATE = 0.5

_WORD = re.compile(r"[a-z0-9][a-z0-9+#'-]*")
_STOP = frozenset(
    """the a an and or of to in on for with at by from as is are was were be you your what
    how why which who when where that this it did do does have has had about me tell
    walk through would could can""".split()
)


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def similarity(a: str, b: str) -> float:
    """Jaccard overlap of content words: 1.0 means the same question."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)
