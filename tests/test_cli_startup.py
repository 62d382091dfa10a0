"""The command line starts without loading what its command does not use.

`secondround --help` and a warm `secondround questions` (index built, guidance cache
written by an earlier run) must not import the vector store, the embedding runtime, the
model layer or the server: each costs a noticeable part of a second at start-up. Each
case runs the CLI in a fresh interpreter and reports which of them ended up in
``sys.modules``; no timing is measured here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from secondround.core.settings import Settings
from tests.index_fixture import engine_settings  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "resumes" / "jordan-rivera.pdf"  # the README's quick start

# Top-level packages a start-up must not pay for unless its command needs them
# ("docx" is python-docx, which only the Word exporter and the .docx reader use).
HEAVY = ("chromadb", "onnxruntime", "langchain", "fastapi", "uvicorn", "docx")

# Runs the CLI's main() as the console script does, then reports the heavy packages
# loaded (any module under them; "langchain" also covers langchain_core and friends).
PROBE = """
import json, sys
from secondround.core.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = sorted({m.split(".")[0] for m in sys.modules
                if m.split(".")[0] in HEAVY or m.startswith("langchain")})
# How the embedding model was loaded, if the command loaded it at all.
emb = sys.modules.get("secondround.core.embeddings")
model = getattr(emb, "_embedder", None)
level = str(model._session.get_session_options().graph_optimization_level) if model else None
print("\\n" + json.dumps({"code": code, "heavy": heavy, "modules": sorted(sys.modules),
                          "graph": level}))
"""

# Every listed skill is a named tool, which analysis matches by name alone, and there is
# no job description or notes: nothing in this kit asks the embedding model anything.
TOOLS_RESUME = """\
Jordan Avery
jordan.avery@example.com | San Francisco, CA

Experience
Senior Backend Engineer, Harbor Analytics, Mar 2021 - Present
- Led the migration of 40 batch jobs to Airflow, cutting failed runs by 60%
- Designed a Kafka ingestion service handling 2 billion events a day
Backend Engineer, Bluefin Payments, Jan 2017 - Aug 2020
- Built the refunds API in Python and PostgreSQL used by 300 merchants

Skills
Python, PostgreSQL, Kafka, Airflow, Kubernetes, Terraform

Education
BSc Computer Science, University of Washington, 2012 - 2016
"""


def run_cli(args: list[str], data_dir: Path, cwd: Path) -> dict[str, object]:
    # A developer's own settings (an LLM generator, a Chroma server) must not decide
    # what loads; the working folder holds no .env file.
    env = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    env["SECONDROUND_DATA_DIR"] = str(data_dir)
    probe = f"HEAVY = {HEAVY!r}\n{PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return report


def warm_run(args: list[str], data_dir: Path, cwd: Path) -> dict[str, object]:
    """The second of two identical runs: the first leaves the guidance cache behind."""
    run_cli(args, data_dir, cwd)
    assert (data_dir / "guidance-cache.json").exists()
    return run_cli(args, data_dir, cwd)


@pytest.fixture
def data_dir(engine_settings: Settings) -> Path:  # noqa: F811
    return engine_settings.data_dir


def test_help_loads_no_engine(data_dir: Path, tmp_path: Path) -> None:
    report = run_cli(["--help"], data_dir, tmp_path)
    assert report["heavy"] == []
    modules = set(report["modules"])  # type: ignore[arg-type]
    # Nor the models, the plugins or the pipeline: help is argparse and nothing else.
    assert "pydantic" not in modules
    assert not {m for m in modules if m.startswith("secondround.plugins")}
    assert "secondround.core.pipeline" not in modules


def test_warm_questions_use_the_guidance_cache_alone(data_dir: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(TOOLS_RESUME, encoding="utf-8")
    report = warm_run(["questions", str(resume)], data_dir, tmp_path)
    # The cached guidance answers every query: no Chroma, no embedding model; the
    # offline composer writes the kit: no model layer; and nothing of the server.
    assert report["heavy"] == []
    # Nor the model layer's own modules (the llm and refine generators are registered,
    # not run), the debrief's scorecard or python-docx (a Markdown kit).
    modules = set(report["modules"])  # type: ignore[arg-type]
    lazy = {
        "secondround.core.generation.chat_model",
        "secondround.core.generation.llm_prompt",
        "secondround.core.generation.refine",
        "secondround.core.debrief.scorecard",
    }
    assert not modules & lazy


@pytest.mark.parametrize("formats", [["--format", "md"], ["--format", "json"]])
def test_warm_quick_start_loads_no_store_model_layer_or_server(
    data_dir: Path, tmp_path: Path, formats: list[str]
) -> None:
    args = [
        "questions",
        str(SAMPLE),
        "--job",
        str(ROOT / "examples" / "jobs" / "platform-engineer.md"),
        "--notes",
        str(ROOT / "examples" / "notes" / "jordan-rivera-first-interview.md"),
        *formats,
    ]
    report = warm_run(args, data_dir, tmp_path)
    # Analysis itself matches this resume's skills and the job's requirements by meaning,
    # so the embedding runtime loads here (a resume-dependent cost, not the guidance's);
    # python-docx does not: a Markdown or JSON kit never writes a .docx.
    assert set(report["heavy"]) <= {"onnxruntime"}  # type: ignore[arg-type]
    # A one-shot command embeds a few dozen texts: it skips optimising the graph, which
    # costs more than it saves here (a server or batch run keeps it).
    if report["heavy"]:
        assert str(report["graph"]).endswith("ORT_DISABLE_ALL")


def test_word_kit_still_loads_python_docx_when_asked(data_dir: Path, tmp_path: Path) -> None:
    resume = tmp_path / "resume.txt"
    resume.write_text(TOOLS_RESUME, encoding="utf-8")
    out = tmp_path / "kit.docx"
    report = warm_run(
        ["questions", str(resume), "--format", "docx", "--out", str(out)], data_dir, tmp_path
    )
    assert report["heavy"] == ["docx"]
    assert out.read_bytes().startswith(b"PK")  # a .docx is a zip


def test_api_imports_each_name_on_first_use() -> None:
    """``secondround.core.api`` loads a name's module when a plugin asks for that name."""
    probe = (
        "import json, sys\n"
        "from secondround.core.api import RoundType, hookimpl\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('secondround'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    assert "secondround.core.planning.rounds" in modules
    for heavy in (
        "secondround.core.pipeline",
        "secondround.core.generation.chat_model",
        "secondround.core.debrief.scorecard",
    ):
        assert heavy not in modules


def test_every_public_api_name_resolves() -> None:
    from secondround.core import api

    for name in api.__all__:
        assert getattr(api, name) is not None, name
    assert set(api.__all__) <= set(dir(api))
    with pytest.raises(AttributeError):
        api.no_such_name  # noqa: B018
