"""How much a kit reads like a person wrote it, from what the interviewer reads.

Four figures per kit, each a symptom of template output seen when hiring managers read
kits on resumes the engine had never seen (issue 12):

* **words per question**: a question read aloud should be one breath or two; pasted
  resume lines and stacked clauses make it long.
* **repeats a place**: the question names an employer or city that an earlier question
  in the same kit already named ("... at Brightline Logistics, Dayton" every time). The
  first mention is useful; the fifth is a mail merge.
* **more than two skills**: a question that lists three or more of the candidate's
  skills asks about none of them.
* **repeated trigrams**: three-word phrases (not all stop words, not the candidate's own
  words) that recur in three or more questions of one kit, counting the question, its
  follow-ups, "why ask" and the strong answer: the same rubric pasted everywhere.

The names and skills come from the answer key's ``structure`` block when the case has
one (the truth), else from what the reader extracted (see ``baselines.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from secondround.core.models import Question

# A phrase in this many questions of one kit counts as repeated.
TRIGRAM_QUESTIONS = 3
MANY_SKILLS = 2

_WORD = re.compile(r"[a-z0-9][a-z0-9+#'’-]*")
_STOP = frozenset(
    """the a an and or of to in on for with at by from as is are was were be been you your
    what how why which who when where that this it its their them they we our i me my
    did do does have has had about into than then there these those would could should
    will can not no so if but""".split()
)


@dataclass
class Naturalness:
    question_words: int = 0  # summed over the kit's questions
    repeats_place: int = 0
    many_skills: int = 0
    repeated_trigrams: int = 0
    trigram_examples: tuple[str, ...] = ()


def _mentions(text: str, name: str) -> bool:
    return bool(re.search(rf"(?<![\w]){re.escape(name.lower())}(?![\w])", text.lower()))


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = _WORD.findall(text.lower())
    return {
        (a, b, c)
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
        if not {a, b, c} <= _STOP
    }


def measure(
    questions: Sequence[Question],
    places: Iterable[str],
    skills: Iterable[str],
    own_text: str = "",
) -> Naturalness:
    """``places``: employers and cities; ``skills``: listed skills; ``own_text``: the
    resume and notes, whose phrases a kit may repeat because they are the candidate's."""
    out = Naturalness()
    place_names = sorted({p.strip() for p in places if p and len(p.strip()) > 2}, key=len)
    skill_names = {s.strip() for s in skills if s and len(s.strip()) > 1}
    named: set[str] = set()
    for q in questions:
        out.question_words += len(q.text.split())
        here = {p.lower() for p in place_names if _mentions(q.text, p)}
        if here & named:
            out.repeats_place += 1
        named |= here
        if sum(1 for s in skill_names if _mentions(q.text, s)) > MANY_SKILLS:
            out.many_skills += 1
    own = _trigrams(own_text)
    seen: dict[tuple[str, str, str], int] = {}
    for q in questions:
        blob = " ".join([q.text, q.rationale, q.strong_answer, *q.follow_ups])
        for gram in _trigrams(blob) - own:
            seen[gram] = seen.get(gram, 0) + 1
    repeated = sorted((g for g, n in seen.items() if n >= TRIGRAM_QUESTIONS), key=lambda g: seen[g])
    out.repeated_trigrams = len(repeated)
    out.trigram_examples = tuple(" ".join(g) for g in reversed(repeated[-3:]))
    return out
