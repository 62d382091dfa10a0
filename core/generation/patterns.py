"""Question patterns: how the offline composer phrases a question for a purpose and a
kind of fact, in the candidate's own specifics. The patterns themselves are data, in
``core/data/question_patterns.yaml``, so they can be reviewed and edited like copy.

Placeholders the composer fills (missing ones fall back to neutral words):

``{lead}`` the candidate's claim in their words ("You say you cut nightly batch time
from 6 hours to 40 minutes at Norwell Logistics"), ``{clause}`` the short quote,
``{org}`` ``{at_org}`` ``{title}`` ``{role}`` ``{tenure}``, ``{skill}`` ``{skills}``,
``{metric}``, ``{months}`` ``{gap_from}`` ``{gap_to}`` ``{after_org}`` ``{before_org}``
``{reason}``, ``{requirement}`` ``{job_title}``, ``{cert}``, ``{project}``,
``{field_from}`` ``{field_to}``, ``{other}``, ``{previous_title}``, ``{qualification}``,
``{task}`` (a practical task for the candidate's field).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel

from ..models import FactKind, Purpose, QuestionPattern

# --------------------------------------------------------------------------- the bank


class CrossProbe(BaseModel):
    """A follow-up reaching beyond the question's role: for a question of ``purpose``
    about a ``when_fact`` fact, probe an unused ``probe_fact`` fact with ``text``.
    ``rounds`` empty means any round."""

    purpose: Purpose
    when_fact: FactKind | list[FactKind]
    probe_fact: FactKind
    text: str
    rounds: list[str] = []

    def applies(self, purpose: Purpose, kind: FactKind, round_name: str) -> bool:
        kinds = self.when_fact if isinstance(self.when_fact, list) else [self.when_fact]
        in_round = not self.rounds or round_name in self.rounds
        return purpose is self.purpose and kind in kinds and in_round


class FactSpecifics(BaseModel):
    """Wording that belongs to a kind of fact rather than to one question form."""

    follow_ups: list[str] = []
    strong: list[str] = []
    why: list[str] = []


class Leads(BaseModel):
    """How a question opens on the candidate's words, by what the words are."""

    verb: list[str]
    quote: list[str]
    reported: list[str]
    job: list[str]
    notes: list[str]


class _PatternFile(BaseModel):
    patterns: list[QuestionPattern]
    candidate_questions: list[str]
    candidate_question_for_requirement: str
    tasks: dict[str, str]
    probes: dict[FactKind, str]
    cross_probes: list[CrossProbe]
    group_briefs: dict[str, str]
    leads: Leads
    fact_specifics: dict[FactKind, FactSpecifics]


@lru_cache(maxsize=1)
def _bank() -> _PatternFile:
    raw = resources.files("secondround.core.data").joinpath("question_patterns.yaml")
    # libyaml when available: the file is read on every CLI run.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _PatternFile.model_validate(yaml.load(raw.read_text("utf-8"), Loader=loader))


def bank() -> list[QuestionPattern]:
    """The built-in patterns (loaded from the data file on first use)."""
    return _bank().patterns


def candidate_questions() -> list[str]:
    return _bank().candidate_questions


def candidate_question_for_requirement() -> str:
    return _bank().candidate_question_for_requirement


def probes() -> dict[FactKind, str]:
    """Follow-ups on a second line from the same role, by the kind of that line."""
    return _bank().probes


def cross_probes() -> list[CrossProbe]:
    return _bank().cross_probes


def group_briefs() -> dict[str, str]:
    """Group-exercise briefs by field ("general" is the fallback)."""
    return _bank().group_briefs


def tasks() -> dict[str, str]:
    """Practical tasks by field, for evaluate-skill questions ({task})."""
    return _bank().tasks


# What a field's task says in place of a tool when the kit has none to name.
NO_NAMED_TOOL = "your usual approach"


def task_for(field: str, skill: str | None) -> str:
    """The practical task for ``field`` built on ``skill``. With no skill to name, the
    general task has its own wording: "a problem that relies on your usual approach"
    says nothing, where a field's scenario still reads well with "using your usual
    approach"."""
    bank = tasks()
    if skill:
        return bank.get(field, bank["general"]).replace("{skill}", skill)
    if field in bank and field != "general":
        return bank[field].replace("{skill}", NO_NAMED_TOOL)
    return bank.get("general_unnamed", bank["general"]).replace("{skill}", NO_NAMED_TOOL)


def leads() -> Leads:
    return _bank().leads


def fact_specifics(kind: FactKind) -> FactSpecifics:
    """Follow-ups, strong-answer lines and reasons for a kind of fact (empty if none)."""
    return _bank().fact_specifics.get(kind) or FactSpecifics()


def stable_offset(*parts: str) -> int:
    """Where a kit starts in a list of equal wordings: the same kit always picks the
    same, two kits differ, and nothing random makes a run hard to reproduce."""
    return int(hashlib.sha1("|".join(parts).encode()).hexdigest()[:8], 16)
