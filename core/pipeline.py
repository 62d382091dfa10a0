"""The one function every front end calls: a KitRequest in, an InterviewKit out.

The CLI, the HTTP server and eval all go through :meth:`Engine.build_kit`, so a kit
is the same whichever door it came through. Each stage is timed into the kit's meta.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .analysis.analyse import analyse, today_from
from .analysis.compliance_rules import keep_triggers_in
from .errors import InvalidRequest
from .generation.candidate import candidate_extras
from .generation.composer import compose_fill
from .generation.generator import (
    OFFLINE_GENERAL,
    GenerationRequest,
    GenerationResult,
    Generator,
)
from .generation.rating import with_rating_scales
from .guardrails import Guard, left_out
from .guidance.cache import GuidanceCache
from .models import (
    GENERAL_PURPOSES,
    Analysis,
    Audience,
    CompetencyCoverage,
    Document,
    InterviewKit,
    KitMeta,
    KitWarning,
    Passage,
    Plan,
    PlanSlot,
    Purpose,
    Question,
)
from .planning.selection import ranked_for_kit
from .plugin_manager import Registry, get_registry
from .reading.readers import read_document
from .settings import Settings, get_settings

if TYPE_CHECKING:
    from .planning.role_profile import RoleProfile

MAX_COUNT = 40
_MARKDOWN = re.compile(r"^#{1,6} \S|^\*\*[^*\n]+\*\*", re.MULTILINE)

# What each purpose's guidance is about; the retrieval query starts from this.
PURPOSE_QUERIES: dict[Purpose, str] = {
    Purpose.deep_dive: "probing achievements and responsibilities on the CV in depth",
    Purpose.validate_skill: "validating skills and tools listed on the resume",
    Purpose.evaluate_skill: "practical exercise or work sample to evaluate a skill",
    Purpose.scenario: "scenario question about a realistic situation in the job",
    Purpose.behavioural: "behavioural question about past behaviour with STAR follow-ups",
    Purpose.concern: "addressing concerns and employment gaps neutrally",
    Purpose.motivation_fit: "motivation for the role and fit with how the team works",
    Purpose.salary_expectations: "discussing salary expectations and benefits fairly",
    Purpose.group_exercise: "group exercise and what assessors watch for",
    Purpose.panel: "panel interview roles and angles",
    Purpose.candidate_question: "questions a candidate can ask the employer",
}


@dataclass
class KitRequest:
    resume: bytes | None = None
    filename: str | None = None
    media_type: str | None = None
    resume_text: str | None = None
    json_resume: dict[str, Any] | None = None
    job_text: str | None = None
    notes_text: str | None = None
    round: str = "second"
    count: int | None = None
    audience: Audience = Audience.interviewer
    generator: str | None = None
    # "Today" for present/ongoing dates; None means the settings' or the real date.
    today: date | None = None
    # Structured mode: the same core questions and scale for every candidate of a role.
    role: RoleProfile | None = None


@dataclass
class _Timer:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = (time.perf_counter() - started) * 1000
            self.timings[name] = round(self.timings.get(name, 0.0) + elapsed, 2)


class Engine:
    """Holds what is expensive to build once per process: plugins and the index."""

    def __init__(
        self,
        settings: Settings | None = None,
        registry: Registry | None = None,
        *,
        use_retrieval: bool = True,
    ):
        self.settings = settings or get_settings()
        self._registry = registry
        # Off only for measurement (eval's "composer without retrieval" baseline): kits
        # then cite no guidance.
        self.use_retrieval = use_retrieval
        self._index: Any = None
        # Guidance for a (query, filters) pair does not change while the index does not;
        # kits reuse it within a process and, for the embedded index, across runs.
        self.guidance_cache = GuidanceCache(self.settings.data_dir / "guidance-cache.json")
        # The compliance rules' derived triggers live beside it, so a new process skips
        # re-deriving them (the rules are process-wide, hence the last engine's dir).
        keep_triggers_in(self.settings.data_dir)

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = get_registry(self.settings)
        return self._registry

    @property
    def index(self) -> Any:
        """The guidance index (chromadb is imported only when this is first used)."""
        if self._index is None:
            from .guidance.index import GuidanceIndex

            self._index = GuidanceIndex(self.settings, self.registry.corpus_documents)
        return self._index

    def ensure_index(self, progress: bool = False) -> None:
        """Build or update the index if needed (cheap when its state file says current)."""
        if self.index.state_token() is None:
            self.index.ensure_ready(progress=progress)

    def guidance_retriever(
        self,
        *,
        k: int = 4,
        purpose: str | None = None,
        round: str | None = None,
        audience: str | None = None,
    ) -> Any:
        """The guidance index as a LangChain retriever (``GuidanceRetriever``): the same
        search a kit's guidance comes from, for a chain of the user's own."""
        from .guidance.retriever import GuidanceRetriever

        self.ensure_index()
        return GuidanceRetriever(
            index=self.index, k=k, purpose=purpose, round=round, audience=audience
        )

    def add_guidance(self, documents: Any, progress: bool = False) -> Any:
        """Index a user's own guidance documents (``secondround index``, the API)."""
        stats = self.index.add_documents(documents, origin="user", progress=progress)
        self.guidance_cache.clear()
        return stats

    # ------------------------------------------------------------------ catalogue

    def rounds_info(self) -> list[dict[str, object]]:
        """The round types, as `secondround rounds --json` and `GET /v1/rounds` show them."""
        registry = self.registry
        return [{**r.describe(), "plugin": registry.owner_of(r)} for r in registry.rounds.values()]

    def plugins_info(self) -> dict[str, object]:
        """Plugins and load problems, as `secondround plugins --json` and the API show them."""
        registry = self.registry
        return {"plugins": [p.as_dict() for p in registry.plugins], "problems": registry.problems}

    # ------------------------------------------------------------------ stages

    def read(self, request: KitRequest) -> Document:
        readers = self.registry.readers
        if request.json_resume is not None:
            data = json.dumps(request.json_resume).encode()
            return read_document(data, "resume.json", readers, "application/json")
        if request.resume_text is not None:
            # Pasted text may be Markdown: read it as such, so "### Title" is a heading.
            guess = "resume.md" if _MARKDOWN.search(request.resume_text) else "resume.txt"
            return read_document(
                request.resume_text.encode("utf-8"), request.filename or guess, readers
            )
        if request.resume is None:
            raise InvalidRequest("No resume was given; attach a resume file or paste its text.")
        return read_document(request.resume, request.filename, readers, request.media_type)

    def analyse(self, document: Document, request: KitRequest) -> Analysis:
        role = request.role
        job_text = request.job_text
        if job_text is None and role is not None and (role.must_have or role.nice_to_have):
            # The profile's skills stand in for a job description, quoted from its text.
            job_text = role.as_job_text()
        return analyse(
            document,
            job_text=job_text,
            notes_text=request.notes_text,
            today=today_from(request.today or self.settings.today),
            jurisdiction=(role.jurisdiction if role else None) or self.settings.jurisdiction,
        )

    def count_for(self, request: KitRequest) -> int:
        """The kit's size: asked for, else the round's default (structured mode: the core
        set plus six tailored questions)."""
        round_type = self.registry.round(request.round)
        if request.count is not None:
            count = request.count
        elif request.role is not None:
            count = len(request.role.competencies()) + 6
        else:
            count = round_type.default_count
        if not 1 <= count <= MAX_COUNT:
            raise InvalidRequest(
                f"A kit holds between 1 and {MAX_COUNT} questions; {count} was asked for."
            )
        return count

    def plan(self, analysis: Analysis, request: KitRequest) -> Plan:
        """The plan for the tailored questions (all of them, unless a role profile's core
        set takes its share of the count first)."""
        round_type = self.registry.round(request.round)
        count = self.count_for(request)
        if request.role is not None:
            count = max(0, count - len(request.role.competencies()))
        return round_type.plan(count, analysis)

    def retrieve(
        self, analysis: Analysis, plan: Plan, audience: Audience
    ) -> dict[str, list[Passage]]:
        if not self.use_retrieval:
            return {}
        from .guidance.index import GuidanceQuery

        queries: list[tuple[str, GuidanceQuery]] = []
        seen: set[str] = set()
        for slot in plan.slots:
            if slot.purpose.value in seen:
                continue
            seen.add(slot.purpose.value)
            queries.append(
                (
                    slot.purpose.value,
                    GuidanceQuery(
                        text=self._query_text(slot, analysis),
                        purpose=slot.purpose.value,
                        round=plan.round,
                        audience="interviewer",
                        k=3,
                    ),
                )
            )
        if audience is Audience.candidate:
            queries.append(
                (
                    "_candidate",
                    GuidanceQuery(
                        text="how a candidate prepares for a second interview " + plan.title,
                        audience="candidate",
                        k=5,
                    ),
                )
            )
            queries.append(
                (
                    Purpose.candidate_question.value,
                    GuidanceQuery(
                        text=PURPOSE_QUERIES[Purpose.candidate_question],
                        purpose=Purpose.candidate_question.value,
                        k=2,
                    ),
                )
            )
        wanted = [q for _, q in queries]
        answers = self.guidance_cache.get(self.index.state_token(), wanted)
        if answers is None:
            self.index.ensure_ready()
            answers = self.index.search(wanted)
            self.guidance_cache.put(self.index.state_token(), wanted, answers)
            self.guidance_cache.save()
        return {key: passages for (key, _), passages in zip(queries, answers, strict=True)}

    @staticmethod
    def _query_text(slot: PlanSlot, analysis: Analysis) -> str:
        """The purpose, narrowed by the kinds of fact this resume will bring to it.

        Short on purpose: query embedding cost grows with length, and a handful of
        distinct queries per purpose lets repeated kits reuse earlier results."""
        kinds: list[str] = []
        for f in analysis.facts:
            name = f.kind.value.replace("_", " ")
            if f.kind in slot.fact_kinds and name not in kinds:
                kinds.append(name)
            if len(kinds) == 2:
                break
        base = PURPOSE_QUERIES.get(slot.purpose, slot.purpose.value)
        return f"{base}: {', '.join(kinds)}" if kinds else base

    # ------------------------------------------------------------------ the kit

    def prepare(self, request: KitRequest) -> Analysis:
        """Read and analyse only: what a server runs in a separate, time-limited process
        before handing the analysis to :meth:`build_kit`."""
        return self.analyse(self.read(request), request)

    def build_kit(
        self,
        request: KitRequest,
        on_question: Callable[[Question], None] | None = None,
        *,
        analysis: Analysis | None = None,
    ) -> InterviewKit:
        """Build a kit; ``analysis`` skips reading and analysis when they already ran."""
        timer = _Timer()
        started = time.perf_counter()
        if analysis is None:
            with timer.stage("read"):
                document = self.read(request)
            with timer.stage("analyse"):
                analysis = self.analyse(document, request)
        document = analysis.document
        with timer.stage("plan"):
            plan = self.plan(analysis, request)
            # Ranked for a kit (measured results up, facts no question may quote set
            # aside); the guardrails and the "also worth asking" list read the same order.
            jurisdiction = (
                request.role.jurisdiction if request.role else None
            ) or self.settings.jurisdiction
            ranked, usable = ranked_for_kit(analysis, jurisdiction)
        with timer.stage("retrieve"):
            guidance = self.retrieve(analysis, plan, request.audience)
        round_type = self.registry.round(request.round)
        gen_request = GenerationRequest(
            analysis=usable,
            plan=plan,
            guidance=guidance,
            audience=request.audience,
            round_patterns=list(round_type.patterns()),
            round_description=round_type.description,
        )
        warnings = list(analysis.warnings)
        generator = self._generator(request, warnings)
        passages = [p for ps in guidance.values() for p in ps]
        guard = Guard(
            ranked,
            passages,
            self.registry.question_checks,
            self.settings.jurisdiction,
            allow_general=OFFLINE_GENERAL if generator.composer_drafts else GENERAL_PURPOSES,
        )
        with timer.stage("generate"):
            # Drafts are checked as they arrive (the guard's own time is small); a front
            # end that streams sees each question as soon as it is known to be sound.
            result = self._generate(generator, gen_request, guard, plan, warnings, on_question)
        with timer.stage("guard"):
            filled = self._fill_shortfall(guard, gen_request, plan, on_question)
            questions = _in_plan_order(guard.accepted, plan)
        warnings.extend(guard.warnings)
        coverage: list[CompetencyCoverage] = []
        if request.role is not None:
            # Structured mode only: a kit without a role profile never loads these rules.
            from .generation.structured import coverage_warnings

            questions, coverage = self._structure(request, request.role, analysis, questions)
            warnings += [
                KitWarning(code="coverage", message=m)
                for m in coverage_warnings(coverage, self.count_for(request))
            ]
        with_rating_scales(questions)
        also = left_out(guard, questions, plan)
        preparation, to_ask = candidate_extras(gen_request)
        if guard.report.dropped and generator.name != "offline":
            reasons = ", ".join(f"{n} {k}" for k, n in sorted(guard.report.reasons().items()))
            warnings.append(
                KitWarning(
                    code="generator_output_repaired",
                    message=f"{len(guard.report.dropped)} draft question(s) from "
                    f"'{generator.name}' were dropped ({reasons}); {filled} were filled by the "
                    "offline composer.",
                )
            )
        if len(guard.accepted) < plan.total:
            warnings.append(
                KitWarning(
                    code="short_kit",
                    message=f"The resume gave material for {len(guard.accepted)} grounded "
                    f"questions rather than {plan.total}; add a job description or notes "
                    "for more.",
                )
            )
        timer.timings["total"] = round((time.perf_counter() - started) * 1000, 2)
        latest = analysis.resume.roles[0] if analysis.resume.roles else None
        return InterviewKit(
            round=plan.round,
            round_title=plan.title,
            role=request.role.title if request.role else None,
            competencies=coverage,
            audience=request.audience,
            candidate=(latest.label if latest else analysis.resume.headline),
            minutes=round(sum(q.minutes for q in questions), 1),
            panel_roles=plan.panel_roles,
            questions=questions,
            preparation=preparation,
            questions_to_ask=to_ask,
            also_worth_asking=also,
            warnings=_dedupe(warnings),
            meta=KitMeta(
                generator=generator.name,
                model=result.model,
                corpus_version=self.index.corpus_version,
                reader=document.reader,
                count_requested=self.count_for(request),
                facts_found=len(analysis.facts),
                timings_ms=timer.timings,
                tokens=result.tokens,
                dropped=len(guard.report.dropped),
                filled=filled,
            ),
        )

    def _structure(
        self,
        request: KitRequest,
        role: RoleProfile,
        analysis: Analysis,
        tailored: list[Question],
    ) -> tuple[list[Question], list[CompetencyCoverage]]:
        """Core questions first (same for every candidate), each with a follow-up on this
        candidate's evidence; then the tailored ones, each mapped to a competency."""
        # Imported here: only a kit with a role profile needs the structured-mode rules.
        from .generation.structured import assign_competencies, core_questions, tailor_core

        core = core_questions(role, request.round)
        used = {e.fact_id for q in tailored for e in q.evidence}
        tailor_core(core, role, analysis, used)
        questions = core + tailored
        return questions, assign_competencies(questions, role, analysis)

    def _generator(self, request: KitRequest, warnings: list[KitWarning]) -> Generator:
        name = request.generator or self.settings.default_generator
        generator = self.registry.generator(name)
        if not generator.available(self.settings):
            warnings.append(
                KitWarning(
                    code="generator_unavailable",
                    message=f"The '{name}' generator is not configured; the offline composer "
                    "wrote this kit instead.",
                )
            )
            return self.registry.generator("offline")
        return generator

    def _generate(
        self,
        generator: Generator,
        request: GenerationRequest,
        guard: Guard,
        plan: Plan,
        warnings: list[KitWarning],
        on_question: Callable[[Question], None] | None,
    ) -> GenerationResult:
        drafts: list[Question] = []
        stream = generator.stream(request, self.settings)
        try:
            while True:
                try:
                    draft = next(stream)
                except StopIteration as stop:
                    result = stop.value or GenerationResult(questions=drafts)
                    break
                drafts.append(draft)
                if len(guard.accepted) >= plan.total:
                    guard.report.dropped.append((draft, "over_count: more than asked for"))
                    continue
                kept = guard.offer(draft)
                if kept is not None and on_question is not None:
                    on_question(kept)
        except Exception as exc:  # a failing model must never fail the kit
            if generator.name == "offline":
                raise
            warnings.append(
                KitWarning(
                    code="generator_fallback",
                    message=f"The '{generator.name}' generator failed ({type(exc).__name__}: "
                    f"{str(exc)[:160]}); the offline composer wrote "
                    + ("the rest of this kit." if guard.accepted else "this kit instead."),
                )
            )
            return GenerationResult(questions=drafts)
        warnings.extend(KitWarning(code="generator", message=w) for w in result.warnings)
        return result

    def _fill_shortfall(
        self,
        guard: Guard,
        request: GenerationRequest,
        plan: Plan,
        on_question: Callable[[Question], None] | None,
    ) -> int:
        """Fill each plan slot's missing questions with the composer, avoiding used facts."""
        missing: list[PlanSlot] = []
        for slot in plan.slots:
            have = sum(
                1
                for q in guard.accepted
                if q.purpose is slot.purpose and q.asked_by == slot.asked_by
            )
            if have < slot.count:
                missing.append(slot.model_copy(update={"count": slot.count - have}))
        if not missing:
            return 0
        guard.allow_general = OFFLINE_GENERAL
        filled = self._fill(guard, request, plan, missing, on_question)
        # Slots the resume cannot fill (no facts of their kinds left) lend their places to
        # the round's other purposes, one question at a time, until the count is met.
        while len(guard.accepted) < plan.total:
            added = 0
            for slot in plan.slots:
                if len(guard.accepted) >= plan.total:
                    break
                have = sum(
                    1
                    for q in guard.accepted
                    if (q.purpose, q.asked_by) == (slot.purpose, slot.asked_by)
                )
                if slot.maximum is not None and have >= slot.maximum:
                    continue
                one = slot.model_copy(update={"count": 1})
                added += self._fill(guard, request, plan, [one], on_question, filled + added)
            if not added:
                break
            filled += added
        return filled

    @staticmethod
    def _fill(
        guard: Guard,
        request: GenerationRequest,
        plan: Plan,
        slots: list[PlanSlot],
        on_question: Callable[[Question], None] | None,
        numbered_from: int = 0,
    ) -> int:
        used = {e.fact_id for q in guard.accepted for e in q.evidence}
        # A fact whose composed question a check refused would be composed the same way
        # again: move on to other facts rather than offer it once per slot.
        used |= {
            q.evidence[0].fact_id
            for q, _ in guard.report.dropped
            if q.id.startswith("fill") and q.evidence
        }
        avoid = [q.text for q in guard.accepted]
        filled = 0
        for draft in compose_fill(request, used, slots, avoid, earlier=list(guard.accepted)):
            if len(guard.accepted) >= plan.total:
                break
            draft.id = f"fill{numbered_from + filled + 1}"
            kept = guard.offer(draft)
            if kept is not None:
                filled += 1
                if on_question is not None:
                    on_question(kept)
        return filled


def _in_plan_order(questions: list[Question], plan: Plan) -> list[Question]:
    order = {(s.purpose, s.asked_by): i for i, s in reversed(list(enumerate(plan.slots)))}
    ranked = sorted(
        enumerate(questions),
        key=lambda iq: (order.get((iq[1].purpose, iq[1].asked_by), len(order)), iq[0]),
    )
    result = []
    for n, (_, q) in enumerate(ranked, 1):
        result.append(q.model_copy(update={"id": f"q{n}"}))
    return result


def _dedupe(warnings: list[KitWarning]) -> list[KitWarning]:
    seen: set[tuple[str, str]] = set()
    out = []
    for w in warnings:
        if (w.code, w.message) not in seen:
            seen.add((w.code, w.message))
            out.append(w)
    return out
