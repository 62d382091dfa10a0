"""One analysis embeds each text once; nothing of it outlives the analysis.

Skill evidence, the job's requirements and the notes links all compare the same resume
lines by meaning. Embedding is most of a kit's CPU time, so the analysis shares vectors
between those steps, and drops them when it ends: a later request must not find the
previous resume's lines in memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import pytest

from secondround.core.analysis.analyse import analyse, today_from
from secondround.core.embeddings import Embedder, get_embedder, one_vector_per_text
from secondround.core.models import Document

RESUME = """\
Priya Natarajan
priya@example.org

EXPERIENCE
Operations Analyst, Harrow Freight
Mar 2021 – Present
- Rebuilt the weekly capacity forecast in SQL, cutting overtime by 12%
- Ran the Monday carrier review with six regional managers

Planner, Dunmore Logistics
Jan 2018 – Feb 2021
- Scheduled 40 outbound loads a day across two depots

SKILLS
SQL, capacity planning, carrier management, Tableau
"""

JOB = """\
Senior Operations Analyst

Requirements
- Strong SQL for forecasting capacity
- Experience running reviews with carriers
- Dashboards in Tableau or Power BI
"""


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text the model actually runs on, in order."""
    seen: list[str] = []
    real = Embedder._embed_all

    def spy(self: Embedder, texts: Sequence[str]) -> object:
        seen.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(Embedder, "_embed_all", spy)
    yield seen


def _analyse() -> None:
    document = Document(text=RESUME, format="text", filename="cv.txt")
    analyse(document, job_text=JOB, today=today_from(None))


def test_one_analysis_embeds_each_text_once(embedded: list[str]) -> None:
    _analyse()
    assert embedded, "the analysis compares lines by meaning"
    assert len(embedded) == len(set(embedded))


def test_a_second_analysis_finds_nothing_of_the_first(embedded: list[str]) -> None:
    _analyse()
    first = list(embedded)
    embedded.clear()
    _analyse()
    # The same resume again is embedded again: the vectors did not outlive the analysis.
    assert sorted(embedded) == sorted(first)


def test_shared_vectors_are_the_vectors_the_model_gives() -> None:
    texts = ["Ran the Monday carrier review", "SQL", "Ran the Monday carrier review"]
    alone = get_embedder().embed(texts)
    with one_vector_per_text():
        shared = get_embedder().embed(texts[:2])
        again = get_embedder().embed(texts)
    assert np.allclose(alone, again, atol=1e-5)
    assert np.allclose(shared, again[:2], atol=1e-5)


def test_a_quick_start_embedder_gives_the_same_vectors() -> None:
    """`secondround questions` loads the model without graph optimisation to start
    sooner; the skills it finds evidenced by meaning must not change with that."""
    from secondround.core.embeddings import _model_path, _tokenizer_path

    texts = [
        "Trained three new hires on the returns desk",
        "staff training",
        "Negotiated a two-year lease renewal at 8% below market",
    ]
    quick = Embedder(_model_path(), _tokenizer_path(), quick_start=True)
    assert np.allclose(quick.embed(texts), get_embedder().embed(texts), atol=1e-5)
    # The scores analysis compares to its thresholds agree to far below their spacing.
    quick_scores = quick.embed(texts[1:2]) @ quick.embed([texts[0], texts[2]]).T
    full_scores = get_embedder().embed(texts[1:2]) @ get_embedder().embed([texts[0], texts[2]]).T
    assert np.abs(quick_scores - full_scores).max() < 1e-5


def test_only_the_one_shot_command_skips_graph_optimisation() -> None:
    """A server, a batch run or an index build embeds enough text to repay optimising
    the graph once; `secondround questions` asks for the quick start before its kit."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "import secondround.core.embeddings as e\n"
        "if sys.argv[1] == 'quick':\n"
        "    e.prefer_quick_start()\n"
        "print(e.get_embedder()._session.get_session_options().graph_optimization_level)"
    )
    levels = {}
    for mode in ("default", "quick"):
        done = subprocess.run(
            [sys.executable, "-c", probe, mode],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        levels[mode] = done.stdout.strip().splitlines()[-1]
    assert levels["default"].endswith("ORT_ENABLE_ALL")
    assert levels["quick"].endswith("ORT_DISABLE_ALL")
