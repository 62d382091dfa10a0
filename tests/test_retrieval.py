"""The guidance index: offline embeddings, chunking, Chroma indexing and search."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from secondround.core.embeddings import get_embedder
from secondround.core.errors import IndexUnavailable, InvalidRequest, UnsupportedFileType
from secondround.core.guidance.corpus import (
    CHUNK_CHARS,
    CorpusDocument,
    builtin_documents,
    chunk_document,
    corpus_dir,
    load_user_documents,
)
from secondround.core.guidance.index import GuidanceIndex, GuidanceQuery
from secondround.core.models import Passage
from secondround.core.settings import Settings
from tests.chroma_server import ChromaServer, chroma_server  # noqa: F401

SALARY = CorpusDocument(
    source="corpus/salary.md",
    title="Salary expectations",
    purposes=["salary_expectations"],
    text=textwrap.dedent(
        """\
        # Salary expectations

        ## Asking about pay

        Ask what pay range the candidate expects for this role and whether the
        budgeted band works for them. Never ask what they earn now or earned before:
        salary history is banned in many places and anchors the offer on old pay.

        ## Timing

        Leave logistics for the last ten minutes of the interview, after the
        candidate has had a chance to show their work and ask their own questions.
        """
    ),
)
DEEP_DIVE = CorpusDocument(
    source="corpus/deep-dive.md",
    title="Deep dive",
    purposes=["deep_dive"],
    rounds=["second"],
    text=textwrap.dedent(
        """\
        # Deep dive

        ## Choosing the project

        Pick one project from the resume and have the candidate walk through it end
        to end: the problem, their own decisions, the trade-offs and what went wrong.

        ## Follow-up probes

        Press for specifics: numbers, the tools used, who did what, and what they
        would do differently with hindsight.
        """
    ),
)
GROUP = CorpusDocument(
    source="corpus/group.md",
    title="Group exercise",
    purposes=["group_exercise"],
    rounds=["group"],
    audience="both",
    text=textwrap.dedent(
        """\
        # Group exercise

        Watch how candidates collaborate on a shared task: who listens, who builds
        on other people's ideas, and who steers the group towards a decision.
        """
    ),
)
CANDIDATE_PREP = CorpusDocument(
    source="corpus/candidate-prep.md",
    title="Preparing as a candidate",
    purposes=["deep_dive"],
    audience="candidate",
    text=textwrap.dedent(
        """\
        # Preparing as a candidate

        Rehearse the story of your strongest project aloud: the goal, your part in
        it, the hardest decision, and the result with a number attached.
        """
    ),
)
CORPUS = [SALARY, DEEP_DIVE, GROUP, CANDIDATE_PREP]


def settings_for(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]


def sources(passages: list[Passage]) -> list[str]:
    return [p.source for p in passages]


@pytest.fixture()
def index(tmp_path: Path) -> GuidanceIndex:
    guidance = GuidanceIndex(settings_for(tmp_path), CORPUS)
    guidance.ensure_ready()
    return guidance


# --------------------------------------------------------------------------- embeddings


def test_embeddings_are_unit_length_and_paraphrases_score_higher_than_unrelated_text() -> None:
    vectors = get_embedder().embed(
        [
            "What salary are you hoping for in this role?",
            "How much pay do you expect for this position?",
            "The bridge was painted green last spring.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    paraphrase = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert paraphrase > 0.5
    assert paraphrase > unrelated + 0.3


def test_embeddings_do_not_depend_on_batch_padding() -> None:
    embedder = get_embedder()
    short = "Tell me about a project."
    alone = embedder.embed([short])[0]
    with_long_neighbour = embedder.embed([short, "word " * 200])[0]
    assert float(alone @ with_long_neighbour) > 0.999


# --------------------------------------------------------------------------- chunking


def test_chunks_carry_heading_paths_and_fit_the_embedder() -> None:
    long_section = "\n\n".join(
        f"Paragraph {i} explains one more way to probe a claim on a resume in depth." * 3
        for i in range(12)
    )
    document = CorpusDocument(
        source="corpus/long.md",
        purposes=["deep_dive"],
        text=f"# Guide\n\nIntro.\n\n## Probing claims\n\n{long_section}\n",
    )
    chunks = chunk_document(document, "builtin")
    assert len(chunks) > 3
    assert all(len(c.text) <= CHUNK_CHARS for c in chunks)
    assert {c.heading for c in chunks} == {"Guide", "Guide > Probing claims"}
    assert all(c.title == "Guide" for c in chunks)  # first heading when no title given
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_document(document, "builtin")] == [c.id for c in chunks]


# --------------------------------------------------------------------------- indexing


def test_indexing_is_idempotent(tmp_path: Path) -> None:
    first = GuidanceIndex(settings_for(tmp_path), CORPUS).ensure_ready(progress=True)
    assert first is not None
    assert first.added > 0
    assert first.total == first.added
    again = GuidanceIndex(settings_for(tmp_path), CORPUS)
    assert again.ensure_ready() is None
    assert again.count() == first.total


def test_a_changed_document_reindexes_only_its_changed_passages(
    tmp_path: Path, index: GuidanceIndex
) -> None:
    before = index.count()
    edited = SALARY.model_copy(
        update={"text": SALARY.text.replace("last ten minutes", "last five minutes")}
    )
    changed = GuidanceIndex(settings_for(tmp_path), [edited, DEEP_DIVE, GROUP, CANDIDATE_PREP])
    assert changed.corpus_version != index.corpus_version
    stats = changed.ensure_ready()
    assert stats is not None
    assert (stats.added, stats.removed) == (1, 1)
    assert stats.unchanged == before - 1
    assert changed.count() == before
    timing = changed.search(
        [GuidanceQuery("when to talk logistics", purpose="salary_expectations")]
    )
    assert any("last five minutes" in p.text for p in timing[0])


def test_a_removed_document_leaves_the_index(tmp_path: Path, index: GuidanceIndex) -> None:
    without_group = GuidanceIndex(settings_for(tmp_path), [SALARY, DEEP_DIVE, CANDIDATE_PREP])
    stats = without_group.ensure_ready()
    assert stats is not None
    assert stats.removed == 1
    assert stats.added == 0
    results = without_group.search([GuidanceQuery("candidates collaborating on a task", k=5)])
    assert "corpus/group.md" not in sources(results[0])


def test_user_documents_survive_a_reindex_of_the_built_in_corpus(
    tmp_path: Path, index: GuidanceIndex
) -> None:
    own = CorpusDocument(
        source="user:house-rules.md",
        title="House rules",
        text="# House rules\n\nEvery interviewer writes notes within an hour of the interview.",
    )
    added = index.add_documents([own])
    assert added.added == 1
    # The managed corpus changes and is re-indexed in a new process-like instance.
    smaller = GuidanceIndex(settings_for(tmp_path), [SALARY])
    assert smaller.ensure_ready() is not None
    found = smaller.search([GuidanceQuery("when should interviewers write up notes", k=1)])
    assert sources(found[0]) == ["user:house-rules.md"]
    # Re-adding a changed user document replaces its passage rather than adding one.
    revised = own.model_copy(update={"text": own.text.replace("an hour", "a day")})
    stats = smaller.add_documents([revised])
    assert (stats.added, stats.removed) == (1, 1)
    assert smaller.count() == stats.total


# --------------------------------------------------------------------------- search


def test_search_with_a_purpose_ranks_that_purposes_passages_by_meaning(
    index: GuidanceIndex,
) -> None:
    [salary] = index.search(
        [GuidanceQuery("salary expectations and the pay range", purpose="salary_expectations")]
    )
    assert len(salary) == 2
    assert all("salary_expectations" in p.purposes for p in salary)
    assert salary[0].heading == "Salary expectations > Asking about pay"
    assert salary[0].score > salary[1].score


def test_one_batch_answers_many_queries_in_order(index: GuidanceIndex) -> None:
    queries = [
        GuidanceQuery("what pay do you expect", purpose="salary_expectations", k=1),
        GuidanceQuery(
            "walk me through your project",
            purpose="deep_dive",
            round="second",
            audience="interviewer",
            k=1,
        ),
        GuidanceQuery("collaboration in a team task", purpose="group_exercise", k=1),
    ]
    results = index.search(queries)
    assert [sources(r) for r in results] == [
        ["corpus/salary.md"],
        ["corpus/deep-dive.md"],
        ["corpus/group.md"],
    ]
    assert index.search([]) == []


def test_audience_filter_keeps_interviewer_guidance_from_candidates(index: GuidanceIndex) -> None:
    [for_candidate] = index.search(
        [GuidanceQuery("tell the story of a project", purpose="deep_dive", audience="candidate")]
    )
    # Off-purpose guidance written for both audiences fills the gap before any passage
    # written for interviewers only.
    assert sources(for_candidate) == ["corpus/candidate-prep.md", "corpus/group.md"]
    assert [p.audience for p in for_candidate] == ["candidate", "both"]
    [for_interviewer] = index.search(
        [GuidanceQuery("tell the story of a project", purpose="deep_dive", audience="interviewer")]
    )
    assert "corpus/candidate-prep.md" not in sources(for_interviewer)


def test_a_filter_with_too_few_matches_falls_back_to_the_whole_corpus(
    index: GuidanceIndex,
) -> None:
    [results] = index.search([GuidanceQuery("asking about expected pay", purpose="panel", k=3)])
    assert len(results) == 3
    assert results[0].source == "corpus/salary.md"


def test_filtered_queries_give_the_same_answers_as_the_first_unfiltered_batch(
    index: GuidanceIndex,
) -> None:
    queries = [
        GuidanceQuery("what pay do you expect", purpose="salary_expectations", k=2),
        GuidanceQuery("walk me through your project", purpose="deep_dive", round="second", k=3),
        GuidanceQuery("tell the story of a project", purpose="deep_dive", audience="candidate"),
        GuidanceQuery("collaboration", purpose="group_exercise", round="panel", k=3),
        # Off-topic text: only the relaxation order puts the group passage first.
        GuidanceQuery("what pay do you expect", purpose="group_exercise", round="panel", k=2),
        GuidanceQuery("anything at all", purpose="no_such_purpose", k=4),
    ]
    from_first_batch = index.search(queries)
    # With a single candidate the first call settles almost nothing, so every query
    # goes through Chroma's own metadata filters instead.
    index.candidates = 1
    from_filters = index.search(queries)
    assert [[p.id for p in r] for r in from_filters] == [
        [p.id for p in r] for r in from_first_batch
    ]
    assert [len(r) for r in from_filters] == [q.k for q in queries]
    assert sources(from_filters[4]) == ["corpus/group.md", "corpus/salary.md"]


# --------------------------------------------------------------------------- processes


def run_python(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_a_collection_reopened_in_a_new_process_rebuilds_its_embedding_function(
    index: GuidanceIndex, tmp_path: Path
) -> None:
    # No embedding_function passed: Chroma must rebuild ours from the stored config.
    code = """
        import json, sys
        import chromadb
        from chromadb.config import Settings
        from secondround.core.embeddings import ChromaEmbeddingFunction  # registers it

        client = chromadb.PersistentClient(sys.argv[1], Settings(anonymized_telemetry=False))
        collection = client.get_collection(sys.argv[2])
        found = collection.query(query_texts=["how much pay do you expect"], n_results=1)
        rebuilt = collection.configuration["embedding_function"]
        print(json.dumps([found["metadatas"][0][0]["source"], rebuilt.name()]))
    """
    done = run_python(code, str(tmp_path / "index"), Settings().collection)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["corpus/salary.md", "secondround-minilm-int8"]


INDEX_IN_SUBPROCESS = """
    import json, sys
    from pathlib import Path
    from secondround.core.guidance.corpus import CorpusDocument
    from secondround.core.guidance.index import GuidanceIndex
    from secondround.core.settings import Settings

    documents = [CorpusDocument.model_validate(d) for d in json.loads(sys.argv[2])]
    index = GuidanceIndex(Settings(data_dir=Path(sys.argv[1])), documents)
    stats = index.ensure_ready()
    print(json.dumps(stats.added if stats else 0))
"""


def test_processes_indexing_at_once_leave_no_duplicates(tmp_path: Path) -> None:
    # Three, not two: the first to open a new store runs Chroma's migrations, and
    # more processes racing it make a missing lock around that show up far more often.
    payload = json.dumps([d.model_dump() for d in CORPUS])
    command = [sys.executable, "-c", textwrap.dedent(INDEX_IN_SUBPROCESS), str(tmp_path), payload]
    workers = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [w.communicate(timeout=180) for w in workers]
    assert all(w.returncode == 0 for w in workers), [err for _, err in outputs]
    added = sorted(json.loads(out) for out, _ in outputs)
    expected = sum(len(chunk_document(d, "builtin")) for d in CORPUS)
    # One process did the work; the others waited for the lock and found it done.
    assert added == [0, 0, expected]
    assert GuidanceIndex(settings_for(tmp_path), CORPUS).count() == expected


def test_a_running_index_sees_documents_another_process_added(
    tmp_path: Path, index: GuidanceIndex
) -> None:
    # e.g. `secondround index my-guidance/` run while a server keeps the index open.
    code = """
        import sys
        from pathlib import Path
        from secondround.core.guidance.corpus import CorpusDocument
        from secondround.core.guidance.index import GuidanceIndex
        from secondround.core.settings import Settings

        index = GuidanceIndex(Settings(data_dir=Path(sys.argv[1])), [])
        index.add_documents([CorpusDocument(
            source="user:bikes.md",
            text="# Bikes\\n\\nOil the bicycle chain and check the tyre pressure.",
        )])
    """
    query = [GuidanceQuery("bicycle maintenance", k=1)]
    assert sources(index.search(query)[0]) != ["user:bikes.md"]
    done = run_python(code, str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sources(index.search(query)[0]) == ["user:bikes.md"]


def test_a_truncated_index_is_moved_aside_and_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = run_python(INDEX_IN_SUBPROCESS, str(tmp_path), json.dumps([SALARY.model_dump()]))
    assert done.returncode == 0, done.stderr
    database = tmp_path / "index" / "chroma.sqlite3"
    with database.open("r+b") as handle:
        handle.truncate(database.stat().st_size // 3)

    index = GuidanceIndex(settings_for(tmp_path), [SALARY])
    stats = index.ensure_ready()
    assert stats is not None
    assert stats.added == stats.total > 0
    assert "was damaged" in capsys.readouterr().err
    assert index.notes and "rebuilt" in index.notes[0]
    assert len(list(tmp_path.glob("index.damaged-*"))) == 1
    [found] = index.search([GuidanceQuery("expected pay", k=1)])
    assert sources(found) == ["corpus/salary.md"]


# --------------------------------------------------------------------------- Chroma server


@pytest.mark.chroma_server
def test_a_chroma_server_serves_the_same_index(
    chroma_server: ChromaServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    remote = settings_for(
        tmp_path / "client", chroma_host="127.0.0.1", chroma_port=chroma_server.port
    )
    index = GuidanceIndex(remote, CORPUS)
    index.ping()
    stats = index.ensure_ready()
    assert stats is not None
    assert stats.added > 0
    # Nothing was written to the local data dir's index: the server holds it.
    assert not (tmp_path / "client" / "index").exists()
    other_client = GuidanceIndex(remote, CORPUS)
    assert other_client.ensure_ready() is None
    [salary] = other_client.search(
        [GuidanceQuery("what pay do you expect", purpose="salary_expectations", k=1)]
    )
    assert sources(salary) == ["corpus/salary.md"]


@pytest.mark.chroma_server
def test_a_stopped_chroma_server_is_reported_clearly(
    chroma_server: ChromaServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    remote = settings_for(tmp_path, chroma_host="127.0.0.1", chroma_port=chroma_server.port)
    index = GuidanceIndex(remote, [SALARY])
    index.ensure_ready()
    chroma_server.stop()
    with pytest.raises(IndexUnavailable) as stopped:
        index.search([GuidanceQuery("expected pay")])
    message = str(stopped.value)
    assert f"127.0.0.1:{chroma_server.port} is not answering" in message
    assert "chroma run" in message
    with pytest.raises(IndexUnavailable, match="not answering"):
        GuidanceIndex(remote, [SALARY]).ensure_ready()


# --------------------------------------------------------------------------- user files


def write_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Panel etiquette", level=1)
    document.add_paragraph("Agree who asks which question before the candidate arrives.")
    document.save(str(path))


def write_pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Scoring guide. Rate each answer against the anchors before discussing.")
    pdf.output(str(path))


def test_user_documents_load_from_every_supported_format(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    (folder / "nested").mkdir(parents=True)
    (folder / "rules.md").write_text(
        "---\ntitle: House rules\npurpose: [concern, deep_dive]\n---\n# Rules\n\nBe kind.\n",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("Plain notes about second rounds.", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><h2>Closing</h2><p>Thank the candidate &amp; explain next steps.</p></body></html>",
        encoding="utf-8",
    )
    write_docx(folder / "nested" / "panel.docx")
    write_pdf(folder / "scoring.pdf")
    (folder / "image.png").write_bytes(b"\x89PNG not guidance")

    documents = {d.source: d for d in load_user_documents([folder])}
    assert set(documents) == {
        "user:guidance/rules.md",
        "user:guidance/notes.txt",
        "user:guidance/page.html",
        "user:guidance/nested/panel.docx",
        "user:guidance/scoring.pdf",
    }
    rules = documents["user:guidance/rules.md"]
    assert (rules.title, rules.purposes) == ("House rules", ["concern", "deep_dive"])
    html = documents["user:guidance/page.html"].text
    assert "## Closing" in html
    assert "Thank the candidate & explain next steps." in html
    assert "alert" not in html
    assert "color" not in html
    panel = documents["user:guidance/nested/panel.docx"]
    assert panel.text.startswith("# Panel etiquette")
    assert panel.title == "Panel etiquette"
    assert "Rate each answer against the anchors" in documents["user:guidance/scoring.pdf"].text
    assert documents["user:guidance/notes.txt"].title == "notes"

    # A single file named directly is loaded under its own name.
    [single] = load_user_documents([folder / "notes.txt"])
    assert single.source == "user:notes.txt"


def test_user_documents_cannot_escape_their_folder(tmp_path: Path) -> None:
    folder = tmp_path / "guidance"
    folder.mkdir()
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nNot guidance.", encoding="utf-8")
    (folder / "ok.md").write_text("# Fine\n\nGuidance.", encoding="utf-8")
    os.symlink(secret, folder / "link.md")

    skipped: list[str] = []
    documents = load_user_documents([folder], on_skip=skipped.append)
    assert [d.source for d in documents] == ["user:guidance/ok.md"]
    assert skipped == ["Skipped guidance/link.md: it links outside guidance/."]

    with pytest.raises(InvalidRequest, match="outside the folder"):
        load_user_documents([folder / ".." / "secret.md"], root=folder)
    with pytest.raises(InvalidRequest, match="outside the folder"):
        load_user_documents([folder / "link.md"], root=folder)


def test_unreadable_and_unsupported_user_files(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7 this is not really a pdf")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Useful guidance.", encoding="utf-8")
    skipped: list[str] = []
    documents = load_user_documents([tmp_path], on_skip=skipped.append)
    assert [d.text for d in documents] == ["Useful guidance."]
    broken, empty = sorted(skipped)
    assert broken.startswith(f"Skipped {tmp_path.name}/broken.pdf: it could not be read (")
    assert empty == f"Skipped {tmp_path.name}/empty.txt: it holds no text."
    (tmp_path / "sheet.xlsx").write_bytes(b"PK")
    with pytest.raises(UnsupportedFileType):
        load_user_documents([tmp_path / "sheet.xlsx"])
    with pytest.raises(InvalidRequest, match="does not exist"):
        load_user_documents([tmp_path / "missing.md"])


def test_user_documents_are_searchable_beside_the_corpus(
    tmp_path: Path, index: GuidanceIndex
) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    write_docx(folder / "panel.docx")
    index.add_documents(load_user_documents([folder]))
    [found] = index.search([GuidanceQuery("decide who asks what on the panel", k=1)])
    assert found[0].source == "user:mine/panel.docx"
    assert found[0].heading == "Panel etiquette"


# --------------------------------------------------------------------------- built-in corpus


def test_the_builtin_plugin_registers_every_corpus_file() -> None:
    from secondround.plugins import corpus_builtin

    registered: list[object] = []
    corpus_builtin.register_corpus_documents(registered.append)
    on_disk = sorted(
        "corpus/" + p.relative_to(corpus_dir()).as_posix()
        for p in corpus_dir().rglob("*.md")
        if p.name.lower() != "readme.md"
    )
    assert sorted(d.source for d in registered) == on_disk  # type: ignore[attr-defined]
    assert [d.source for d in builtin_documents()] == on_disk
