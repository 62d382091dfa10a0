"""Speed profile: where a kit's time and memory go, and how it grows.

    python -m secondround.eval.bench                 # ~5-10 min; writes eval/bench.md
    python -m secondround.eval.bench --quick         # fewer repetitions, no x100 corpus
    python -m secondround.eval.bench --full-corpus   # x10 and x100 with real embedding
    python -m secondround.eval.bench --api-seconds 120   # the API load as long as issue 15 asks

Each measurement runs in a fresh Python process (so peak memory and start-up are its
own) over throwaway data directories; nothing touches the user's index. Measured:

* first-run indexing of the built-in corpus, in-process and as the first CLI run;
* the CLI (``secondround questions FILE --out ...``) warm with the guidance cache, and
  warm with the cache deleted (Chroma and the embedding model then load and run);
* in-process kits for 1-, 2- and 5-page PDF resumes: time and peak memory per stage
  (tracemalloc for Python allocations, the kernel's resident-set high-water mark),
  with the guidance cache warm and cold;
* the floor: PDF text extraction (pypdfium2, nothing else) plus embedding the kit's
  retrieval queries, each timed directly, and the kit's time as a multiple of it;
* index build and query time with the corpus copied x1, x10 and x100 as distinct
  documents (see ``corpus_worker`` for how x10/x100 avoid re-embedding identical text);
* the HTTP API on loopback with 16 concurrent clients, against one client and the
  in-process kit, and ``secondround batch`` over 100 generated resumes with one worker
  and with two (see bench_load.py; both bounded in time and count).

Child processes cache their bytecode under the bench's throwaway folder (as an
installed package's would be), even when the caller sets PYTHONDONTWRITEBYTECODE:
otherwise every CLI run would also compile the modules it imports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH_PATH = Path(__file__).resolve().parent / "bench.md"
PAGES = (1, 2, 5)


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def timed(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    """Median wall time of ``fn`` in ms over ``reps`` runs, and its last result."""
    times, result = [], None
    for _ in range(reps):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return median(times), result


# --------------------------------------------------------------------------- memory


def _rss_hwm_mb() -> float:
    """The process's peak resident set size so far (MB)."""
    try:
        status = Path("/proc/self/status").read_text()
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        if match:
            return int(match.group(1)) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_rss_hwm() -> bool:
    """Reset the peak-RSS mark (Linux), so the next reading is a stage's own peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


@contextmanager
def stage_memory(records: dict[str, dict[str, float]]) -> Iterator[None]:
    """Record each pipeline stage's peak memory by wrapping the engine's stage timer.

    Measurement only: the wrapper is removed afterwards. Python allocations come from
    tracemalloc (peak during the stage above what was live when it began); RSS is the
    kernel's high-water mark, reset at each stage start where Linux allows it."""
    from secondround.core import pipeline

    original = pipeline._Timer.stage

    @contextmanager
    def stage(self: Any, name: str) -> Iterator[None]:
        start = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        _reset_rss_hwm()
        with original(self, name):
            yield
        peak = tracemalloc.get_traced_memory()[1]
        records[name] = {"py_peak_kb": (peak - start) / 1024, "rss_hwm_mb": _rss_hwm_mb()}

    pipeline._Timer.stage = stage
    tracemalloc.start()
    try:
        yield
    finally:
        tracemalloc.stop()
        pipeline._Timer.stage = original


# --------------------------------------------------------------------------- workers
# Each worker runs in its own process: ``python -m secondround.eval.bench --worker NAME
# ARGS_JSON`` and prints one JSON line.


def _settings(data_dir: str) -> Any:
    from datetime import date

    from secondround.core.settings import Settings

    return Settings(_env_file=None, data_dir=Path(data_dir), today=date(2026, 11, 1))


def index_worker(args: dict[str, Any]) -> dict[str, Any]:
    """First-run indexing on an empty data dir, then the embedding share of it."""
    started = time.perf_counter()
    from secondround.core.embeddings import get_embedder
    from secondround.core.guidance.corpus import chunk_documents
    from secondround.core.pipeline import Engine

    engine = Engine(_settings(args["data_dir"]))
    imported = time.perf_counter()
    engine.ensure_index()
    built = time.perf_counter()
    chunks = chunk_documents(engine.registry.corpus_documents)
    embed_ms, _ = timed(lambda: get_embedder().embed([c.embedding_text for c in chunks]), 1)
    return {
        "import_s": imported - started,
        "index_s": built - imported,
        "total_s": built - started,
        "chunks": len(chunks),
        "embed_all_s": embed_ms / 1000,
        "rss_hwm_mb": _rss_hwm_mb(),
    }


def kit_worker(args: dict[str, Any]) -> dict[str, Any]:
    """In-process kits for one PDF: stage times and memory, cache warm and cold, floor."""
    import pypdfium2 as pdfium

    from secondround.core.embeddings import get_embedder
    from secondround.core.pipeline import Engine, KitRequest

    data = Path(args["pdf"]).read_bytes()
    reps = int(args["reps"])
    engine = Engine(_settings(args["data_dir"]))
    engine.ensure_index()
    queries: list[str] = []
    pairs: list[tuple[str | None, str]] = []
    index = engine.index
    search = index.search

    def recording(qs: Any) -> Any:
        queries[:] = [q.text for q in qs]
        pairs[:] = [(q.purpose, q.text) for q in qs]
        return search(qs)

    index.search = recording

    def kit() -> Any:
        return engine.build_kit(KitRequest(resume=data, filename="resume.pdf", count=12))

    def cold_kit() -> Any:
        engine.guidance_cache.clear()
        return kit()

    kit()  # warm-up: imports, model load, Chroma open, cache filled
    rss_after_warmup = _rss_hwm_mb()

    def stage_runs(fn: Callable[[], Any], n: int) -> dict[str, float]:
        runs, cpu = [], []
        for _ in range(n):
            started = time.process_time()
            runs.append(fn().meta.timings_ms)
            # CPU time of the process (all its threads): less swayed by other work on the
            # machine than wall time, though the embedding model's two threads add up.
            cpu.append((time.process_time() - started) * 1000)
        out = {s: median([r.get(s, 0.0) for r in runs]) for s in runs[0]}
        out["cpu"] = median(cpu)
        return out

    warm = stage_runs(kit, reps)
    cold = stage_runs(cold_kit, max(3, reps // 2))
    kit()  # leave the cache warm again

    def extract() -> str:
        doc = pdfium.PdfDocument(data)
        try:
            return "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        finally:
            doc.close()

    extract_ms, text = timed(extract, reps)
    embedder = get_embedder()
    embed_ms, _ = timed(lambda: embedder.embed(queries), reps)
    memory_warm: dict[str, dict[str, float]] = {}
    with stage_memory(memory_warm):
        kit()
    memory_cold: dict[str, dict[str, float]] = {}
    with stage_memory(memory_cold):
        cold_kit()
    return {
        "bytes": len(data),
        "chars": len(text),
        "queries": len(queries),
        "query_pairs": pairs,
        "warm_ms": warm,
        "cold_ms": cold,
        "extract_ms": extract_ms,
        "embed_queries_ms": embed_ms,
        "memory_warm": memory_warm,
        "memory_cold": memory_cold,
        "rss_after_warmup_mb": rss_after_warmup,
        "rss_hwm_mb": _rss_hwm_mb(),
    }


def corpus_worker(args: dict[str, Any]) -> dict[str, Any]:
    """Index the built-in corpus copied ``mult`` times, as distinct documents.

    Copy k of a document gets its own source name and title ("... (copy k)"), so its
    passages have their own ids and their own text to embed. With ``memo`` the
    embedding of a copy is the original's, nudged by a small deterministic offset
    (so no two vectors are equal), and the real embedding cost is added from the
    measured per-passage rate instead: embedding is per passage and does not depend
    on corpus size, while Chroma's insert and query costs are measured for real.
    """
    import hashlib

    import numpy as np

    from secondround.core.embeddings import get_embedder
    from secondround.core.guidance import index as retrieval
    from secondround.core.guidance.corpus import chunk_documents
    from secondround.core.guidance.index import GuidanceIndex, GuidanceQuery

    mult = int(args["mult"])
    base = _settings(args["data_dir"])
    from secondround.core.plugin_manager import get_registry

    originals = get_registry(base).corpus_documents
    documents = [
        d.model_copy(update={"source": f"{d.source}#copy{k}", "title": f"{d.title} (copy {k})"})
        if k
        else d
        for k in range(mult)
        for d in originals
    ]
    real = get_embedder()
    copy_mark = re.compile(r" \(copy \d+\)")
    prefix_mark = re.compile(r"^[^\n]* \(copy \d+\) > ")
    misses: list[str] = []
    # Every unique passage is embedded before the clock starts; the timed build then only
    # looks vectors up, and the report adds the per-passage embedding cost back.
    unique = [c.embedding_text for c in chunk_documents(originals)]
    base_vectors = dict(zip(unique, real.embed(unique), strict=True)) if args["memo"] else {}

    class MemoEmbedder:
        def embed(self, texts: Sequence[str]) -> Any:
            out = np.empty((len(texts), 384), dtype=np.float32)
            for i, text in enumerate(texts):
                # A copy's context line is "Title (copy k) > heading" where the original
                # may have had just "heading" (when the heading starts with the title).
                key = copy_mark.sub("", text)
                if key not in base_vectors:
                    key = prefix_mark.sub("", text, count=1)
                if key not in base_vectors:
                    misses.append(key)
                    base_vectors[key] = real.embed([key])[0]
                seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
                noise = np.random.default_rng(seed).normal(0, 0.02, 384).astype(np.float32)
                vector = base_vectors[key] + noise
                out[i] = vector / np.linalg.norm(vector)
            return out

    memo = MemoEmbedder()
    if args["memo"]:
        retrieval.get_embedder = lambda: memo
    index = GuidanceIndex(base, documents)
    started = time.perf_counter()
    stats = index.ensure_ready()
    build_s = time.perf_counter() - started
    retrieval.get_embedder = get_embedder
    assert stats is not None
    queries = [
        GuidanceQuery(text=q, purpose=p, round="second", audience="interviewer", k=3)
        for p, q in args["queries"]
    ]
    search_ms, _ = timed(lambda: index.search(queries), int(args["reps"]))
    vectors = real.embed([q.text for q in queries])
    chroma_ms, _ = timed(lambda: index._search(queries, vectors), int(args["reps"]))
    size = sum(f.stat().st_size for f in Path(args["data_dir"]).rglob("*") if f.is_file())
    return {
        "mult": mult,
        "documents": len(documents),
        "passages": stats.total,
        "build_s": build_s,
        "memo": bool(args["memo"]),
        "embedded_during_build": len(misses),
        "search_ms": search_ms,
        "chroma_query_ms": chroma_ms,
        "disk_mb": size / 1e6,
        "rss_hwm_mb": _rss_hwm_mb(),
    }


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "index": index_worker,
    "kit": kit_worker,
    "corpus": corpus_worker,
}


def run_worker(name: str, args: dict[str, Any], timeout: float = 900) -> dict[str, Any]:
    command = [sys.executable, "-m", "secondround.eval.bench", "--worker", name, json.dumps(args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=_env())
    if done.returncode != 0:
        raise RuntimeError(f"bench worker {name} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# Set by run_bench: where child processes keep their bytecode (see the module docstring).
_PYCACHE: dict[str, str] = {}


def _env(data_dir: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    if _PYCACHE:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.update(_PYCACHE)
    env["SECONDROUND_TODAY"] = "2026-11-01"
    if data_dir is not None:
        env["SECONDROUND_DATA_DIR"] = str(data_dir)
    return env


def _child(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one child process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} failed: {done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cli_run(pdf: Path, data_dir: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``secondround questions`` process."""
    command = [sys.executable, "-m", "secondround.core.cli", "questions", str(pdf)]
    return _child([*command, "--out", str(out)], _env(data_dir))


def medians(runs: Sequence[tuple[float, float]]) -> list[float]:
    return [median([r[0] for r in runs]), median([r[1] for r in runs])]


# --------------------------------------------------------------------------- orchestration


def run_bench(
    quick: bool,
    full_corpus: bool,
    log: Callable[[str], None],
    *,
    api_clients: int = 16,
    api_seconds: float = 30.0,
    batch_resumes: int = 100,
) -> dict[str, Any]:
    from .bench_load import api_load, batch_run
    from .bench_resumes import resume_pdf

    reps = 5 if quick else 20
    cli_reps = 3 if quick else 5
    root = Path(tempfile.mkdtemp(prefix="secondround-bench-"))
    _PYCACHE["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    results: dict[str, Any] = {"quick": quick, "load_before": os.getloadavg()}
    try:
        pdfs = {}
        for pages in PAGES:
            pdfs[pages] = root / f"resume-{pages}p.pdf"
            pdfs[pages].write_bytes(resume_pdf(pages))

        log("first-run indexing, in-process")
        results["index"] = run_worker("index", {"data_dir": str(root / "index")})
        log("first CLI run on an empty data dir (builds the index)")
        first_dir = root / "cli"
        cli: dict[str, list[float]] = {}
        cli["first"] = list(cli_run(pdfs[2], first_dir, root / "kit.md"))
        log("CLI, warm index and guidance cache")
        cli_run(pdfs[2], first_dir, root / "kit.md")  # the cache now holds this kit's queries
        cli["warm_cache"] = medians(
            [cli_run(pdfs[2], first_dir, root / "kit.md") for _ in range(cli_reps)]
        )
        log("CLI, warm index, guidance cache deleted before each run")
        runs = []
        for _ in range(cli_reps):
            (first_dir / "guidance-cache.json").unlink(missing_ok=True)
            runs.append(cli_run(pdfs[2], first_dir, root / "kit.md"))
        cli["no_cache"] = medians(runs)
        for name, code in (("python", "pass"), ("import", "import secondround.core.cli")):
            command = [sys.executable, "-c", code]
            cli[name] = medians([_child(command, _env()) for _ in range(cli_reps)])
        command = [sys.executable, "-m", "secondround.core.cli", "--help"]
        cli["help"] = medians([_child(command, _env(first_dir)) for _ in range(cli_reps)])
        results["cli"] = cli

        results["kits"] = {}
        for pages, pdf in pdfs.items():
            log(f"in-process kits, {pages}-page resume")
            kit_dir = root / f"kit-{pages}"
            shutil.copytree(root / "index", kit_dir)
            results["kits"][str(pages)] = run_worker(
                "kit", {"pdf": str(pdf), "data_dir": str(kit_dir), "reps": reps}
            )

        queries = results["kits"]["2"]["query_pairs"]
        results["corpus"] = []
        mults = (1, 10) if quick else (1, 10, 100)
        for mult in mults:
            memo = not (full_corpus or mult == 1)
            for use_memo in sorted({memo, True}):
                log(f"corpus x{mult}{' (embedding reused)' if use_memo else ''}")
                corpus_reps = max(3, reps // (10 if mult == 100 else 2))
                results["corpus"].append(
                    run_worker(
                        "corpus",
                        {
                            "mult": mult,
                            "memo": use_memo,
                            "queries": queries,
                            "reps": corpus_reps,
                            "data_dir": str(root / f"corpus-{mult}-{int(use_memo)}"),
                        },
                        timeout=3600,
                    )
                )

        if api_seconds > 0:
            log(f"HTTP API on loopback, {api_clients} clients for {api_seconds:.0f} s")
            api_dir = root / "api" / "data"
            shutil.copytree(root / "index", api_dir)
            results["api"] = api_load(
                api_dir, pdfs[2], _env(), clients=api_clients, seconds=api_seconds
            )
        if batch_resumes > 0:
            batch_dir = root / "batch" / "data"
            shutil.copytree(root / "index", batch_dir)
            results["batch"] = batch_run(
                batch_dir, root / "batch", _env(), count=batch_resumes, log=log
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)
        _PYCACHE.clear()
    results["load_after"] = os.getloadavg()
    results["machine"] = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m secondround.eval.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no x100")
    parser.add_argument(
        "--full-corpus",
        action="store_true",
        help="embed every copied passage for real (slow: minutes at x100)",
    )
    parser.add_argument(
        "--api-seconds",
        type=float,
        default=30.0,
        help="how long the API load runs (issue 15 asks 120; 0 skips it)",
    )
    parser.add_argument("--api-clients", type=int, default=16, help="concurrent API clients")
    parser.add_argument(
        "--batch-resumes", type=int, default=100, help="resumes in the batch run (0 skips it)"
    )
    parser.add_argument("--out", type=Path, default=BENCH_PATH, help="where to write bench.md")
    parser.add_argument("--json", type=Path, help="also write the raw numbers")
    parser.add_argument("--worker", nargs=2, metavar=("NAME", "ARGS"), help=argparse.SUPPRESS)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.worker:
        name, raw = args.worker
        print(json.dumps(WORKERS[name](json.loads(raw))))
        return 0
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f} s] {message}", file=sys.stderr, flush=True)

    results = run_bench(
        args.quick,
        args.full_corpus,
        log,
        api_clients=args.api_clients,
        api_seconds=args.api_seconds,
        batch_resumes=args.batch_resumes,
    )
    results["wall_s"] = time.perf_counter() - started
    from .bench_report import render

    args.out.write_text(render(results), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
