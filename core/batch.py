"""Batch runs for a hiring drive: every resume in a folder or a .zip gets its kit.

One job description (and optional per-candidate notes) for many resumes: kits are
written to an output folder, one file each, by a pool of worker processes that each
build their :class:`Engine` once. A broken file is recorded with its error and never
stops the others; a rerun skips resumes whose kit is already there for the same
inputs; ``summary.csv`` and ``summary.md`` list each candidate's top facts and
concerns, scrubbed of contact details and protected details.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from .errors import InvalidRequest, SecondRoundError

# zipfile, csv and the process pool are imported where used: `secondround --help`
# builds this command's parser and should not pay for them.
if TYPE_CHECKING:
    from .models import Analysis, InterviewKit
    from .pipeline import Engine

STATE_FILE = ".batch-state.json"
SUMMARY_CSV = "summary.csv"
SUMMARY_MD = "summary.md"
TOP_FACTS = 3
# A kit's fingerprint covers these too: a new version of the tool may write a different
# kit for the same inputs, so its kits are not "up to date" for the next version.
_STATE_VERSION = 1
_NOTES_SEPARATORS = ("-", "_", ".", " ")
# Facts a recruiter reads as a concern to settle in the round, beside the top facts.
_CONCERN_KINDS = ("concern", "requirement_missing", "gap", "short_tenure", "skill_unevidenced")


@dataclass(frozen=True)
class ZipLimits:
    """What a .zip may hold before it is refused: it is read in memory, so these bound
    the memory a crafted archive (a "zip bomb") can make the run use."""

    max_members: int = 1000
    max_total_bytes: int = 200 * 1024 * 1024
    # Each member is also held to the per-file limit (settings.max_upload_bytes).


@dataclass(frozen=True)
class BatchOptions:
    job_text: str | None = None
    round: str = "second"
    count: int | None = None
    format: str = "md"
    jurisdiction: str | None = None


@dataclass
class BatchInput:
    """One resume to run: its name in the folder or archive and, once read, its bytes."""

    name: str
    data: bytes | None = None
    path: Path | None = None
    # Set when the file could not even be taken out of the archive (too large, corrupt).
    error: str | None = None
    notes_text: str | None = None

    def read(self) -> bytes:
        if self.data is None:
            assert self.path is not None
            self.data = self.path.read_bytes()
        return self.data


@dataclass
class BatchRow:
    """One line of the summary."""

    file: str
    status: str  # done | skipped | failed
    kit: str = ""
    candidate: str = ""
    questions: int = 0
    top_facts: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0


@dataclass
class BatchSummary:
    rows: list[BatchRow]
    seconds: float
    workers: int

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


ProgressFn = Callable[[int, int, BatchRow], None]

# --------------------------------------------------------------------------- inputs


def collect_inputs(
    source: Path, max_file_bytes: int, limits: ZipLimits | None = None
) -> list[BatchInput]:
    """The resumes in a folder (recursively, hidden files left out) or a .zip."""
    import zipfile

    if not source.exists():
        raise InvalidRequest(f"'{source}' does not exist; give a folder of resumes or a .zip.")
    if source.is_dir():
        files = sorted(
            p
            for p in source.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(source).parts)
        )
        inputs = []
        for p in files:
            item = BatchInput(name=p.relative_to(source).as_posix(), path=p)
            if p.stat().st_size > max_file_bytes:
                item.error = _too_large(max_file_bytes)
            inputs.append(item)
        return inputs
    if zipfile.is_zipfile(source):
        return list(zip_inputs(source, source.name, max_file_bytes, limits or ZipLimits()))
    raise InvalidRequest(f"'{source}' is neither a folder nor a .zip archive of resumes.")


def _too_large(limit: int) -> str:
    return f"The file is larger than the {limit // (1024 * 1024) or 1} MB limit; skipped."


def zip_inputs(
    source: Path | IO[bytes], label: str, max_file_bytes: int, limits: ZipLimits
) -> Iterator[BatchInput]:
    """The resumes in a .zip on disk or in memory (the server's uploads), within ``limits``.

    Counts and declared sizes are checked before anything is unpacked, and no member is
    read past the per-file limit whatever its listing says."""
    import zipfile

    with zipfile.ZipFile(source) as archive:
        members = [
            m
            for m in archive.infolist()
            if not m.is_dir()
            # Hidden files and macOS resource forks are no resumes; ".." is only a
            # name here (nothing is written from it) and is kept, to be reported.
            and not any(
                (part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
                for part in PurePosixPath(m.filename).parts
            )
        ]
        if len(members) > limits.max_members:
            raise InvalidRequest(
                f"'{label}' holds {len(members)} files, more than the "
                f"{limits.max_members} a batch takes; split it into smaller archives."
            )
        declared = sum(m.file_size for m in members)
        if declared > limits.max_total_bytes:
            raise InvalidRequest(
                f"'{label}' would unpack to {declared // (1024 * 1024)} MB, more than the "
                f"{limits.max_total_bytes // (1024 * 1024)} MB a batch takes; it is refused "
                "(split it, or check it is the archive you meant)."
            )
        total = 0
        for member in sorted(members, key=lambda m: m.filename):
            item = BatchInput(name=member.filename)
            if member.file_size > max_file_bytes:
                item.error = _too_large(max_file_bytes)
                yield item
                continue
            try:
                with archive.open(member) as handle:
                    # Never trust the declared size: read at most one byte past the limit.
                    data = handle.read(max_file_bytes + 1)
            except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
                item.error = f"The archive member could not be unpacked ({exc})."
                yield item
                continue
            total += len(data)
            if len(data) > max_file_bytes:
                item.error = _too_large(max_file_bytes)
            elif total > limits.max_total_bytes:
                raise InvalidRequest(
                    f"'{label}' unpacks to more than its listing says; it is refused."
                )
            else:
                item.data = data
            yield item


def notes_matching(resume_name: str, note_names: Sequence[str]) -> list[str]:
    """The notes files that belong to a resume: those whose name is the resume's own
    name, or starts with it and a separator. ``jordan-rivera.pdf`` takes
    ``jordan-rivera.md`` and ``jordan-rivera-first-interview.md``, not ``jordan-riveras.md``."""
    stem = PurePosixPath(resume_name).stem.lower()
    return [
        name
        for name in note_names
        if (note := PurePosixPath(name).stem.lower()) == stem
        or any(note.startswith(stem + sep) for sep in _NOTES_SEPARATORS)
    ]


def attach_notes(
    inputs: list[BatchInput], notes_dir: Path, read_text: Callable[[Path], str]
) -> None:
    """Give each resume the notes in ``notes_dir`` named after it (:func:`notes_matching`)."""
    if not notes_dir.is_dir():
        raise InvalidRequest(f"The notes folder '{notes_dir}' does not exist; check the path.")
    notes = {
        p.name: p for p in sorted(notes_dir.iterdir()) if p.is_file() and not p.name.startswith(".")
    }
    for item in inputs:
        mine = notes_matching(item.name, list(notes))
        if mine:
            item.notes_text = "\n\n".join(read_text(notes[name]) for name in mine)


def output_names(inputs: list[BatchInput], extension: str) -> dict[str, str]:
    """A kit file name per input: the resume's stem, or its whole path when two stems
    collide (``a.pdf`` and ``a.docx``, or ``x/resume.md`` and ``y/resume.md``)."""
    stems = [_safe(PurePosixPath(i.name).stem) for i in inputs]
    names: dict[str, str] = {}
    used: set[str] = set()
    for item, stem in zip(inputs, stems, strict=True):
        base = stem if stems.count(stem) == 1 else _safe(item.name)
        name, n = base + extension, 2
        while name.lower() in used or name in (SUMMARY_CSV, SUMMARY_MD):
            name, n = f"{base}-{n}{extension}", n + 1
        used.add(name.lower())
        names[item.name] = name
    return names


def _safe(name: str) -> str:
    # Archive member names are untrusted: no folders, no "..", nothing a shell minds.
    cleaned = re.sub(r"[^\w.-]+", "-", name.replace("/", "-").replace("\\", "-")).strip(".-")
    return cleaned or "resume"


# --------------------------------------------------------------------------- one kit


def fingerprint(item: BatchInput, options: BatchOptions) -> str:
    from importlib import metadata

    try:
        version = metadata.version("secondround")
    except metadata.PackageNotFoundError:
        version = "0"
    digest = hashlib.sha256()
    for part in (
        str(_STATE_VERSION),
        version,
        json.dumps(asdict(options), sort_keys=True),
        item.notes_text or "",
    ):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(item.read())
    return digest.hexdigest()


def summarise(analysis: Analysis) -> tuple[list[str], list[str]]:
    """The top facts and the concerns of one candidate, in words safe to share: the
    analysis never builds facts on protected details, and contact details are
    replaced anyway in case a line quoted one."""
    from .analysis.protected import question_topic
    from .generation.redaction import Redactor

    redactor = Redactor.for_analysis(analysis)
    facts = sorted(analysis.facts, key=lambda f: -f.priority)

    def words(fact: Any) -> str | None:
        text = " ".join((fact.summary or fact.quote).split())
        if fact.summary and len(text.split()) < 8 and "(" not in text:
            # A bare summary ("The resume does not show this requirement") says which
            # one only through its quote.
            # Redacted before it is cut: half a phone number no longer looks like one.
            quote = redactor.redact(" ".join(fact.quote.split()))
            text += f" ({quote if len(quote) <= 80 else quote[:77].rstrip() + '...'})"
        if not text or question_topic(text) is not None:
            return None
        return redactor.redact(text)

    concerns = [w for f in facts if f.kind in _CONCERN_KINDS if (w := words(f))][:TOP_FACTS]
    top = [w for f in facts if f.kind not in _CONCERN_KINDS if (w := words(f))][:TOP_FACTS]
    return top, concerns


def summary_row(file: str, kit: InterviewKit, analysis: Analysis) -> BatchRow:
    """The summary line of one built kit (the CLI's table, the server's summary event)."""
    top, concerns = summarise(analysis)
    return BatchRow(
        file=file,
        status="done",
        candidate=kit.candidate or "",
        questions=len(kit.questions),
        top_facts=top,
        concerns=concerns,
    )


def build_one(engine: Engine, item: BatchInput, options: BatchOptions) -> tuple[BatchRow, bytes]:
    """One kit and its summary row; a user-facing error becomes a failed row."""
    from .models import Audience
    from .pipeline import KitRequest

    started = time.perf_counter()
    row = BatchRow(file=item.name, status="failed")
    if item.error:
        row.error = item.error
        return row, b""
    request = KitRequest(
        resume=item.read(),
        filename=PurePosixPath(item.name).name,
        job_text=options.job_text,
        notes_text=item.notes_text,
        round=options.round,
        count=options.count,
        audience=Audience.interviewer,
    )
    try:
        exporter = engine.registry.exporter(options.format)
        analysis = engine.analyse(engine.read(request), request)
        kit = engine.build_kit(request, analysis=analysis)
        rendered = exporter.export(kit)
    except SecondRoundError as exc:
        row.error = exc.message
        return row, b""
    except Exception as exc:  # one odd file must never stop the drive; say it is a bug
        row.error = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return row, b""
    row = summary_row(item.name, kit, analysis)
    row.seconds = round(time.perf_counter() - started, 3)
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if isinstance(rendered, str) and not rendered.endswith("\n"):
        data += b"\n"  # the same bytes `secondround questions --out` writes
    return row, data


# Each worker process builds its engine once, on its first resume.
_worker_engine: Engine | None = None
_worker_overrides: dict[str, Any] = {}


def _init_worker(overrides: dict[str, Any]) -> None:
    global _worker_overrides
    _worker_overrides = overrides


def _worker_build(item: BatchInput, options: BatchOptions) -> tuple[BatchRow, bytes]:
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = make_engine(_worker_overrides)
    return build_one(_worker_engine, item, options)


def make_engine(overrides: dict[str, Any]) -> Engine:
    from .pipeline import Engine
    from .settings import load_settings

    return Engine(load_settings(**overrides))


# --------------------------------------------------------------------------- the run


def run_batch(
    inputs: list[BatchInput],
    out_dir: Path,
    options: BatchOptions,
    *,
    engine: Engine,
    workers: int = 1,
    progress: ProgressFn | None = None,
) -> BatchSummary:
    """Write a kit per input to ``out_dir`` and the summary beside them.

    ``engine`` is the parent's: it checks the options, readies the index once (the
    embedded index must not be built by several processes at once) and, with one
    worker, builds every kit itself.
    """
    started = time.perf_counter()
    exporter = engine.registry.exporter(options.format)
    engine.registry.round(options.round)  # an unknown round fails once, not per file
    out_dir.mkdir(parents=True, exist_ok=True)
    names = output_names(inputs, exporter.extension)
    state = _load_state(out_dir)
    rows: dict[str, BatchRow] = {}
    todo: list[tuple[BatchInput, str]] = []
    done = 0
    for item in inputs:
        if item.error:
            todo.append((item, ""))
            continue
        key = fingerprint(item, options)
        previous = state.get(item.name)
        kit_path = out_dir / names[item.name]
        if previous and previous.get("fingerprint") == key and kit_path.exists():
            row = BatchRow(**{**previous["row"], "status": "skipped"})
            rows[item.name] = row
            item.data = None
            done += 1
            if progress:
                progress(done, len(inputs), row)
        else:
            todo.append((item, key))
    if todo:
        engine.ensure_index(progress=False)

    def finish(item: BatchInput, key: str, row: BatchRow, data: bytes) -> None:
        nonlocal done
        if row.status == "done":
            row.kit = names[item.name]
            _write_atomic(out_dir / row.kit, data)
            state[item.name] = {"fingerprint": key, "row": asdict(row)}
        else:
            state.pop(item.name, None)
        rows[item.name] = row
        item.data = None  # a drive of hundreds holds only the resumes in flight
        done += 1
        if progress:
            progress(done, len(inputs), row)

    workers = max(1, min(workers, len(todo) or 1))
    if workers == 1:
        for item, key in todo:
            finish(item, key, *build_one(engine, item, options))
    else:
        overrides = {"jurisdiction": options.jurisdiction} if options.jurisdiction else {}
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        # spawn, not fork: the parent may hold onnxruntime's and Chroma's threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(overrides,)
        ) as pool:
            futures = {pool.submit(_worker_build, item, options): (item, key) for item, key in todo}
            for future in as_completed(futures):
                item, key = futures[future]
                try:
                    row, data = future.result()
                except Exception as exc:  # a worker that died takes only its own file
                    row = BatchRow(file=item.name, status="failed", error=f"worker failed ({exc})")
                    data = b""
                finish(item, key, row, data)
    _save_state(out_dir, state)
    ordered = [rows[i.name] for i in inputs]
    summary = BatchSummary(ordered, round(time.perf_counter() - started, 2), workers)
    write_summary(out_dir, summary)
    return summary


def _load_state(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((out_dir / STATE_FILE).read_text("utf-8"))
        return dict(data["kits"]) if data.get("version") == _STATE_VERSION else {}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # no state or a damaged one: every kit is built again


def _save_state(out_dir: Path, state: dict[str, Any]) -> None:
    payload = json.dumps({"version": _STATE_VERSION, "kits": state}, indent=1)
    _write_atomic(out_dir / STATE_FILE, payload.encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    # An interrupted run leaves the old kit or the new one, never half of one.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = (
    "file",
    "candidate",
    "status",
    "kit",
    "questions",
    "top_facts",
    "concerns",
    "error",
)


def write_summary(out_dir: Path, summary: BatchSummary) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for row in summary.rows:
        writer.writerow(
            [
                row.file,
                row.candidate,
                row.status,
                row.kit,
                row.questions if row.status != "failed" else "",
                "; ".join(row.top_facts),
                "; ".join(row.concerns),
                row.error,
            ]
        )
    _write_atomic(out_dir / SUMMARY_CSV, buffer.getvalue().encode("utf-8"))

    def cell(text: str) -> str:
        return " ".join(text.split()).replace("|", "\\|")

    lines = [
        "# Batch summary",
        "",
        f"{len(summary.rows)} resumes: {summary.count('done')} done, "
        f"{summary.count('skipped')} up to date, {summary.count('failed')} failed.",
        "",
        "| File | Candidate | Status | Kit | Top facts | Concerns |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in summary.rows:
        status = row.status if row.status != "failed" else f"failed: {row.error}"
        kit = f"[{row.kit}]({row.kit})" if row.kit else ""
        lines.append(
            "| "
            + " | ".join(
                cell(c)
                for c in (
                    row.file,
                    row.candidate,
                    status,
                    kit,
                    "<br>".join(row.top_facts),
                    "<br>".join(row.concerns),
                )
            )
            + " |"
        )
    _write_atomic(out_dir / SUMMARY_MD, ("\n".join(lines) + "\n").encode("utf-8"))


def progress_line(stream: Any = None) -> ProgressFn:
    """Files done and failing on stderr: one updating line on a terminal, a line per
    file otherwise (a log keeps every failure's name)."""
    out = stream or sys.stderr
    tty = out.isatty()
    failed = 0

    def show(done: int, total: int, row: BatchRow) -> None:
        nonlocal failed
        failed += row.status == "failed"
        head = f"[{done}/{total}] {failed} failing"
        if tty:
            end = "\n" if done == total else ""
            out.write(f"\r{head}  {row.status}: {row.file}"[:120].ljust(120) + end)
        else:
            detail = f" ({row.error})" if row.status == "failed" else ""
            out.write(f"{head}  {row.status}: {row.file}{detail}\n")
        out.flush()

    return show


# --------------------------------------------------------------------------- command line


def add_command(sub: Any) -> None:
    """``secondround batch``: registered by core/cli.py."""
    b = sub.add_parser("batch", help="a kit for every resume in a folder or .zip")
    b.add_argument("source", help="folder of resumes (searched recursively) or a .zip")
    b.add_argument("--job", required=True, help="job description file, shared by all")
    b.add_argument(
        "--notes-dir",
        help="notes files named after each resume (jordan-rivera-first-interview.md)",
    )
    b.add_argument("--round", default="second", help="round type (see `secondround rounds`)")
    b.add_argument("--count", type=int, help="questions per kit (default: the round's)")
    b.add_argument("--format", default="md", help="md, json, docx, html, or a plugin's")
    b.add_argument("--out", required=True, help="folder for the kits and summary")
    b.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes (default: cores)"
    )
    b.add_argument("--jurisdiction", help="compliance rules to apply (default US)")
    b.set_defaults(func=cmd_batch)


def cmd_batch(args: Any) -> int:
    from .reading.readers import read_document

    overrides = {"jurisdiction": args.jurisdiction} if args.jurisdiction else {}
    engine = make_engine(overrides)

    def read_text(path: Path) -> str:
        if not path.is_file():
            raise InvalidRequest(f"The file '{path}' does not exist; check the path.")
        return read_document(path.read_bytes(), path.name, engine.registry.readers).text

    options = BatchOptions(
        job_text=read_text(Path(args.job)),
        round=args.round,
        count=args.count,
        format=args.format,
        jurisdiction=args.jurisdiction,
    )
    if args.workers < 1:
        raise InvalidRequest("--workers must be 1 or more.")
    inputs = collect_inputs(Path(args.source), engine.settings.max_upload_bytes)
    if not inputs:
        raise InvalidRequest(f"No files were found in '{args.source}'.")
    if args.notes_dir:
        attach_notes(inputs, Path(args.notes_dir), read_text)
    out_dir = Path(args.out)
    summary = run_batch(
        inputs, out_dir, options, engine=engine, workers=args.workers, progress=progress_line()
    )
    print(
        f"{summary.count('done')} kits written, {summary.count('skipped')} up to date, "
        f"{summary.count('failed')} failed, in {summary.seconds:.1f} s; "
        f"summary in {out_dir / SUMMARY_MD}",
        file=sys.stderr,
    )
    return 1 if summary.count("failed") else 0
