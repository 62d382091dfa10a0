"""The generators eval compares, run over the same cases, rounds and plans.

* ``composer``: the offline generator, as users get it (retrieval on).
* ``no-retrieval``: the same composer with retrieval switched off, so kits cite no
  guidance; it shows what the guidance index adds (and costs).
* ``generic-bank``: untailored questions from :mod:`generic_bank`, filling the same plan.
* ``llm``: the OpenAI-compatible generator, only when ``SECONDROUND_LLM_*`` configure one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from secondround.core.errors import SecondRoundError
from secondround.core.models import Analysis, InterviewKit, Plan, Source
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.reading.readers import read_document
from secondround.core.settings import Settings

from .generic_bank import generic_kit
from .metrics import KitScore, score_kit

CASES_DIR = Path(__file__).resolve().parent / "cases"
# dev: the cases the engine may be tuned on. blind: written from a brief by someone who
# never read the engine, frozen before engine changes, and only ever measured; the gap
# between the two is how much the engine is fitted to the cases it has seen.
SPLITS = ("dev", "blind")

COMPOSER = "composer"
NO_RETRIEVAL = "no-retrieval"
GENERIC = "generic-bank"
LLM = "llm"
REFINE = "refine"
GENERATORS = (COMPOSER, NO_RETRIEVAL, GENERIC, LLM, REFINE)
LABELS = {
    COMPOSER: "offline composer",
    NO_RETRIEVAL: "composer, no retrieval",
    GENERIC: "generic question bank",
    LLM: "LLM generator",
    REFINE: "composer refined by the LLM",
}


@dataclass
class Case:
    id: str
    folder: Path
    key: dict[str, Any]
    split: str = "dev"

    def path(self, name: str | None) -> Path | None:
        return self.folder / name if name else None

    @property
    def today(self) -> date:
        """The key's fixed "today", so present/ongoing dates give the same numbers every run."""
        year, month = str(self.key["today"]).split("-")[:2]
        return date(int(year), int(month), 1)


def split_folders(folder: Path = CASES_DIR, splits: Sequence[str] = SPLITS) -> list[Path]:
    """The case folders' parents: ``folder/<split>`` when ``folder`` is split, else ``folder``."""
    if any((folder / s).is_dir() for s in SPLITS):
        return [folder / s for s in splits if (folder / s).is_dir()]
    return [folder]


def load_cases(
    folder: Path = CASES_DIR, only: Sequence[str] = (), splits: Sequence[str] = SPLITS
) -> list[Case]:
    """Cases under ``folder``: its dev and blind splits, or its own case folders (a folder
    that is not split is one split named after it)."""
    cases = []
    for parent in split_folders(folder, splits):
        split = parent.name if parent != folder or parent.name in SPLITS else "dev"
        for key_path in sorted(parent.glob("*/key.yaml")):
            key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
            if only and key["id"] not in only:
                continue
            cases.append(Case(id=key["id"], folder=key_path.parent, key=key, split=split))
    return cases


def request_for(case: Case, round_name: str, count: int, engine: Engine) -> KitRequest:
    resume = case.path(case.key["resume"])
    assert resume is not None

    def side(name: str | None) -> str | None:
        path = case.path(name)
        if path is None:
            return None
        document = read_document(path.read_bytes(), path.name, engine.registry.readers)
        return str(document.text)

    return KitRequest(
        resume=resume.read_bytes(),
        filename=resume.name,
        job_text=side(case.key.get("job")),
        notes_text=side(case.key.get("notes")),
        round=round_name,
        count=count,
        today=case.today,
    )


def _sources(analysis: Analysis, request: KitRequest) -> dict[Source, str]:
    return {
        Source.resume: analysis.document.text,
        Source.job: request.job_text or "",
        Source.notes: request.notes_text or "",
    }


def _names(case: Case, analysis: Analysis) -> tuple[list[str], list[str]]:
    """Employers and cities, and listed skills, for the naturalness figures: the key's
    ``structure`` (the truth) where it has one, plus what the reader extracted."""
    truth = case.key.get("structure") or {}
    places = [str(r.get("employer") or "") for r in truth.get("roles") or []]
    skills = [str(s) for s in truth.get("skills") or []]
    for role in analysis.resume.roles:
        places += [role.organisation or "", role.location or ""]
    skills += [s.name for s in analysis.resume.skills]
    return [p for p in places if p], [s for s in skills if s]


def _failed(generator: str, case: Case, round_name: str, exc: Exception) -> KitScore:
    facts = case.key.get("facts", [])
    return KitScore(
        generator=generator,
        case=case.id,
        round=round_name,
        split=case.split,
        facts=len(facts),
        missed=[f["id"] for f in facts],
        error=f"{type(exc).__name__}: {exc}",
    )


KitBuilder = Callable[[KitRequest, Analysis, Plan], tuple[InterviewKit, str]]


@dataclass
class Contender:
    """One generator in the comparison: how it builds a kit, and whether it cites evidence."""

    name: str
    build: KitBuilder
    grounding_applies: bool = True
    rounds: Sequence[str] | None = None  # None: every round asked for


def run_generators(
    contenders: Sequence[Contender],
    engine: Engine,
    cases: Sequence[Case],
    rounds: Sequence[str],
    count: int,
    progress: Callable[[str], None] | None = None,
) -> dict[str, list[KitScore]]:
    """Score every contender's kit for every case and round, in sorted order.

    The contenders take turns on each case and round (rather than one after another),
    so process warm-up and caches favour none of them in the timings. The analysis and
    plan are made once per case and round, with the engine the contenders share.
    """
    scores: dict[str, list[KitScore]] = {c.name: [] for c in contenders}
    for case in sorted(cases, key=lambda c: c.id):
        for round_name in sorted(rounds):
            players = [c for c in contenders if c.rounds is None or round_name in c.rounds]
            if not players:
                continue
            if progress:
                progress(f"{case.id} / {round_name}")
            try:
                request = request_for(case, round_name, count, engine)
                analysis = engine.prepare(request)
                plan = engine.plan(analysis, request)
            except (SecondRoundError, ValueError) as exc:
                for c in players:
                    scores[c.name].append(_failed(c.name, case, round_name, exc))
                continue
            places, skills = _names(case, analysis)
            for c in players:
                try:
                    kit, cache = c.build(replace(request), analysis, plan)
                except (SecondRoundError, ValueError) as exc:
                    scores[c.name].append(_failed(c.name, case, round_name, exc))
                    continue
                score = score_kit(
                    generator=c.name,
                    case_id=case.id,
                    key=case.key,
                    kit=kit,
                    sources=_sources(analysis, request),
                    plan=plan,
                    grounding_applies=c.grounding_applies,
                    places=places,
                    skills=skills,
                )
                score.split = case.split
                score.cache = cache
                scores[c.name].append(score)
    return scores


def engine_builder(engine: Engine, generator: str = "offline") -> KitBuilder:
    """Build the kit through :meth:`Engine.build_kit`, timing every stage as users see it.

    The generator is named, never left to the settings: with ``SECONDROUND_LLM_*`` set the
    default would be the LLM, and the composer's row would silently measure the model.
    Each kit is tagged with the guidance cache's state: "cold" when some retrieval query
    went to the index (embedding + Chroma), "warm" when every answer came from the cache.
    """
    searches: list[int] = []
    if engine.use_retrieval:
        index = engine.index
        search = index.search

        def counted(queries: Any) -> Any:
            searches.append(len(queries))
            return search(queries)

        index.search = counted

    def build(request: KitRequest, analysis: Analysis, plan: Plan) -> tuple[InterviewKit, str]:
        request.generator = generator
        before = len(searches)
        kit = engine.build_kit(request)
        if not engine.use_retrieval:
            return kit, ""
        return kit, "cold" if len(searches) > before else "warm"

    return build


def generic_builder(
    request: KitRequest, analysis: Analysis, plan: Plan
) -> tuple[InterviewKit, str]:
    return generic_kit(plan), ""


def llm_status(settings: Settings, engine: Engine, generator: str = "llm") -> str | None:
    """None when a model-based contender can run; otherwise why it is skipped."""
    if generator not in engine.registry.generators:
        return f"skipped: no '{generator}' generator plugin is installed"
    if not settings.llm_configured:
        return (
            "skipped: no LLM is configured (set SECONDROUND_LLM_MODEL and "
            "SECONDROUND_LLM_BASE_URL or an API key to include it)"
        )
    return None
