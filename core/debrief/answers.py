"""Follow-ups for what one answer lacks against its question's rubric.

A good second-round answer to a resume question has five things the kit's rubrics ask
for: one specific example rather than a habit, the candidate's own part rather than
the team's, a result, a number with its baseline when a number is in play, and (for a
question about a setback, a gap or a change) what they learned. This module reads the
answer as text and proposes at most three probes for what is missing, most basic
first: without an example, the rest cannot be judged. In candidate mode the same
reading becomes rehearsal feedback addressed to the candidate.

The checks are plain, reviewable rules over the answer's words (cue phrases live in
core/data/debrief.yaml); they work offline and their accuracy is measured in the eval
report against labelled answers written before the rules (eval/followups/).
"""

from __future__ import annotations

import re
from typing import Any, cast

from pydantic import BaseModel, Field

from ..analysis.protected import question_topic
from ..errors import InvalidRequest
from ..generation.wording import short_clause
from ..models import Audience, FactKind, KitWarning, Question, Source
from .followups import wordings

MAX_PROBES = 3
MAX_ANSWER_CHARS = 8_000
# Most basic first: with no real example, own part and result cannot be told apart.
LACK_ORDER = ("specific_example", "own_part", "result", "number_baseline", "learning")
# Questions about these invite reflection, so an answer without a lesson lacks one.
REFLECTIVE_KINDS = frozenset(
    {
        FactKind.gap,
        FactKind.short_tenure,
        FactKind.career_change,
        FactKind.concern,
        FactKind.overlap,
    }
)
_REFLECTIVE_QUESTION = re.compile(
    r"\b(learn\w*|differently|went wrong|mistake|fail\w*|conflict|looking back|hindsight|"
    r"regret|setback|difficult|hardest|gap|left|leave|leaving|move on|moved on|change)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d|\b(percent|per cent|half|a third|a quarter|double[ds]?|tripled?)\b")
_WE = re.compile(r"\b(we|we're|we've|we'd|our|ours|us|the team|my team|everyone|everybody)\b")
# "I" as a hedge says nothing about who did the work.
_I_HEDGE = re.compile(
    r"\bi\s+(think|guess|mean|suppose|believe|reckon|feel|remember|hope|'d say|would say|"
    r"am not sure|'m not sure|don't know|dunno)\b"
)
_I = re.compile(r"\b(i|i'd|i'll|i've|i'm|me|myself|my own)\b")
_BASELINE_PATTERN = re.compile(
    r"\bfrom (about |around |roughly |nearly |over |under )?[\d£$€]|"
    r"\d\s*(%|percent)?\s*(to|down to|up to)\s+(about |around )?[\d£$€]"
)
_CONCRETE = re.compile(
    r"\b(19|20)\d\d\b|\b(january|february|march|april|may|june|july|august|september|"
    r"october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(one time|once|last (year|month|week|summer|winter|spring|autumn|fall|quarter)|"
    r"there was (a|one|this)|at the time|that (day|night|week|shift|morning)|"
    r"one (client|customer|patient|night|shift|day|project|job|morning|evening|week))\b"
)


_DETAIL_CUTS = (", ", "; ", " by ", " through ", " using ", " with ", " via ", " so that ")


class Lack(BaseModel):
    kind: str  # own_part | number_baseline | result | learning | specific_example
    label: str
    probe: str
    # Who wrote the probe's words: the offline rules, or the model (answer_model.py).
    # What is lacking is always the rules' finding.
    worded_by: str = "offline"


class AnswerFeedback(BaseModel):
    question_id: str
    audience: Audience
    lacks: list[Lack] = Field(default_factory=list)  # at most MAX_PROBES, most basic first
    has: list[str] = Field(default_factory=list)  # what the answer already shows, in words
    feedback: str = ""  # candidate mode: the whole note, addressed to the candidate
    generator: str = "offline"  # what was asked for: offline | llm
    model: str | None = None  # the model that worded probes, when one was called
    tokens: dict[str, int] = Field(default_factory=dict)
    # Why some or all probes kept the offline wording under the llm generator.
    warnings: list[KitWarning] = Field(default_factory=list)

    @property
    def probes(self) -> list[str]:
        return [lack.probe for lack in self.lacks]


def follow_up_answer(
    question: Question,
    answer: str,
    audience: Audience = Audience.interviewer,
    jurisdiction: str = "US",
) -> AnswerFeedback:
    """Probes (or, for a candidate, feedback) for what ``answer`` lacks."""
    text = answer_text(answer)
    missing = lacks(question, text)
    detail = _detail(question)
    probes = probe_wordings()
    found: list[Lack] = []
    for kind in missing[:MAX_PROBES]:
        entry = probes[kind]
        wording = " ".join(str(entry[audience.value]).format(detail=detail).split())
        # The answer's words never reach a probe, but the question's detail does; a probe
        # is checked like any kit question all the same.
        if question_topic(wording, jurisdiction) is None:
            found.append(Lack(kind=kind, label=str(entry["label"]), probe=wording))
    shown = [str(probes[k]["label"]) for k in _applicable(question, text) if k not in missing]
    feedback = candidate_note(shown, found) if audience is Audience.candidate else ""
    return AnswerFeedback(
        question_id=question.id, audience=audience, lacks=found, has=shown, feedback=feedback
    )


def answer_text(answer: str) -> str:
    """The answer on one line, or a sentence saying why it cannot be read."""
    text = " ".join(answer.split())
    if not text:
        raise InvalidRequest("The answer is empty; paste what the candidate said.")
    if len(text) > MAX_ANSWER_CHARS:
        raise InvalidRequest(
            f"The answer is over {MAX_ANSWER_CHARS} characters; give one answer at a time."
        )
    return text


def candidate_note(has: list[str], found: list[Lack]) -> str:
    """Rehearsal feedback: what the answer already shows, then each thing to add."""
    lines = [f"Already there: {', '.join(has)}." if has else ""]
    lines += [lack.probe for lack in found] or [
        "Nothing obvious is missing; keep it this concrete."
    ]
    return " ".join(line for line in lines if line)


def lacks(question: Question, answer: str) -> list[str]:
    """What ``answer`` lacks, from the vocabulary in LACK_ORDER, most basic first."""
    low = answer.lower()
    missing = []
    for kind in _applicable(question, answer):
        if not _has(kind, low):
            missing.append(kind)
    return missing


def _applicable(question: Question, answer: str) -> list[str]:
    kinds = {e.kind for e in question.evidence}
    about = " ".join([question.text, *(e.quote for e in question.evidence)])
    out = ["specific_example", "own_part", "result"]
    if FactKind.achievement in kinds or _NUMBER.search(about) or _NUMBER.search(answer.lower()):
        out.append("number_baseline")
    if kinds & REFLECTIVE_KINDS or _REFLECTIVE_QUESTION.search(question.text):
        out.append("learning")
    return [k for k in LACK_ORDER if k in out]


def probe_wordings() -> dict[str, dict[str, Any]]:
    """Each lack's label, probe wordings and cue phrases (core/data/debrief.yaml)."""
    return cast(dict[str, dict[str, Any]], wordings()["answer_probes"])


def _cues(kind: str) -> list[str]:
    return [str(c) for c in probe_wordings()[kind].get("cues", []) or []]


def _contains(low: str, phrases: list[str]) -> int:
    return sum(1 for p in phrases if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", low))


def _has(kind: str, low: str) -> bool:
    if kind == "own_part":
        we = len(_WE.findall(low))
        own = len(_I.findall(_I_HEDGE.sub(" ", low)))
        return not (we >= 2 and own * 2 < we)
    if kind == "number_baseline":
        return bool(_BASELINE_PATTERN.search(low)) or _contains(low, _cues(kind)) > 0
    if kind == "result":
        return _contains(low, _cues(kind)) > 0 or bool(re.search(r"\d\s*(%|percent|per cent)", low))
    if kind == "learning":
        return _contains(low, _cues(kind)) > 0
    if kind == "specific_example":
        habits = probe_wordings()["specific_example"]["habits"]
        habit = _contains(low, [str(h) for h in habits])
        concrete = len(_CONCRETE.findall(low)) + len(re.findall(r"\d", low)) // 2
        return habit == 0 or (concrete > 0 and habit < 3) or concrete >= 2
    raise ValueError(kind)


def _detail(question: Question) -> str:
    ev = next((e for e in question.evidence if e.source is Source.resume), None) or (
        question.evidence[0] if question.evidence else None
    )
    if ev is None:
        return "this question"
    clause = short_clause(ev.quote, 90)
    # The head of the line names the detail; its "by ..." or "using ..." tail is the
    # method, which the answer is about and the probe need not repeat.
    cuts = [clause.find(sep, 20) for sep in _DETAIL_CUTS]
    if (first := min((c for c in cuts if c > 0), default=-1)) > 0:
        clause = clause[:first]
    if clause[:1].isupper() and not clause[1:2].isupper():
        clause = clause[0].lower() + clause[1:]
    return f"“{clause}”"
