"""The example third-party plugin, examples/secondround-case-study, installed for real.

.ci/run installs it into the test venv (``python -m pip install -e
examples/secondround-case-study``); these tests then find its round where a user would
(`secondround rounds`, `GET /v1/rounds`), build a kit with it over HTTP, and check that
it disappears when it is left out of ``SECONDROUND_LOAD_PLUGINS`` or uninstalled.

Uninstalling is done for real, with pip, in a throwaway venv rather than in the test
venv (which other tests share): the throwaway venv sees the test venv's packages
through a ``.pth`` file, minus the example, and gets its own copy of the example's
installed files, exactly as pip left them. ``pip uninstall`` there removes them by
their RECORD, and the round is gone. (``python -m venv --system-site-packages`` would
expose the base interpreter's packages, not the test venv's, so it cannot stand in.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from secondround.core.settings import Settings
from secondround.server.app import create_app
from tests.index_fixture import private_index_copy

DIST = "secondround-case-study"
ENTRY_POINT = "case_study"
ROUND = "case_study"

# The project's own sample resume and job, the ones the README's quick start uses: the
# example's test suite keeps its own copies, since a plugin author copies that folder out.
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RESUME = (EXAMPLES / "resumes" / "jordan-rivera.md").read_text(encoding="utf-8")
JOB = (EXAMPLES / "jobs" / "platform-engineer.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def example() -> metadata.Distribution:
    try:
        return metadata.distribution(DIST)
    except metadata.PackageNotFoundError:
        pytest.skip(
            f"the example plugin {DIST} is not installed in this venv; install it with "
            "`python -m pip install -e examples/secondround-case-study` (.ci/run does)"
        )


def cli(*args: str, python: str = sys.executable, cwd: Path, **env: str) -> str:
    """Run `secondround ARGS` as a user would, without the caller's SECONDROUND_ settings;
    return standard output."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SECONDROUND_")}
    environment.update({"SECONDROUND_DATA_DIR": str(cwd / "data"), **env})
    done = subprocess.run(
        [python, "-m", "secondround.core.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def round_names(*, python: str = sys.executable, cwd: Path, **env: str) -> set[str]:
    return {r["name"] for r in json.loads(cli("rounds", "--json", python=python, cwd=cwd, **env))}


# --------------------------------------------------------------------------- installed


def test_the_cli_lists_the_round_and_the_plugin(
    example: metadata.Distribution, tmp_path: Path
) -> None:
    [entry] = [r for r in json.loads(cli("rounds", "--json", cwd=tmp_path)) if r["name"] == ROUND]
    assert entry["plugin"] == ENTRY_POINT
    assert entry["purposes"][0] == "scenario"
    assert [role["id"] for role in entry["panel_roles"]] == ["case_lead", "hiring_manager"]
    assert f"{ROUND} " in cli("rounds", cwd=tmp_path)
    listing = json.loads(cli("plugins", "--json", cwd=tmp_path))
    [plugin] = [p for p in listing["plugins"] if p["name"] == ENTRY_POINT]
    assert (plugin["version"], plugin["builtin"]) == (example.version, False)
    assert plugin["hooks"] == [
        "register_rounds",
        "register_corpus_documents",
        "register_question_checks",
    ]
    registered = plugin["registered"]
    assert f"round:{ROUND}" in registered and "check:case_time_box" in registered
    assert sum(item.startswith("corpus:secondround-case-study/") for item in registered) >= 3
    assert listing["problems"] == []


@pytest.fixture(scope="module")
def client(example: metadata.Distribution, settings: Settings) -> Iterator[TestClient]:
    # The session index was built with the installed plugins, the example's guidance too.
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_api_lists_the_round(client: TestClient, tmp_path: Path) -> None:
    rounds = {r["name"]: r for r in client.get("/v1/rounds").json()}
    from_cli = {r["name"]: r for r in json.loads(cli("rounds", "--json", cwd=tmp_path))}
    assert rounds[ROUND] == from_cli[ROUND]
    plugins = client.get("/v1/plugins").json()["plugins"]
    assert ENTRY_POINT in {p["name"] for p in plugins}


def test_the_api_serves_a_case_study_kit(client: TestClient) -> None:
    response = client.post(
        "/v1/kits", json={"resume_text": RESUME, "job_text": JOB, "round": ROUND}
    )
    assert response.status_code == 200, response.text
    kit = response.json()
    assert (kit["round"], kit["round_title"]) == (ROUND, "Case-study interview")
    assert [role["id"] for role in kit["panel_roles"]] == ["case_lead", "hiring_manager"]
    case = kit["questions"][0]
    assert case["purpose"] == "scenario" and case["asked_by"] == "case_lead"
    assert case["text"].startswith("Case study (35 minutes")
    assert [a["level"] for a in case["rating_scale"]] == ["poor", "mixed", "good", "excellent"]
    assert {q["asked_by"] for q in kit["questions"][1:]} <= {"case_lead", "hiring_manager"}
    cited = {g["source"] for q in kit["questions"] for g in q["guidance"]}
    assert any(source.startswith("secondround-case-study/") for source in cited), cited
    markdown = client.post("/v1/kits", json={"resume_text": RESUME, "round": ROUND, "format": "md"})
    assert markdown.status_code == 200
    assert "## Case lead" in markdown.text and "## Hiring manager" in markdown.text


# --------------------------------------------------------------------------- left out


def test_the_allow_list_leaves_the_example_out_or_in(
    example: metadata.Distribution, tmp_path: Path
) -> None:
    assert ROUND in round_names(cwd=tmp_path)
    builtins_only = round_names(cwd=tmp_path, SECONDROUND_LOAD_PLUGINS="")
    assert ROUND not in builtins_only and {"second", "panel"} <= builtins_only
    assert ROUND in round_names(cwd=tmp_path, SECONDROUND_LOAD_PLUGINS=DIST)
    assert ROUND in round_names(cwd=tmp_path, SECONDROUND_LOAD_PLUGINS=ENTRY_POINT)
    assert ROUND not in round_names(cwd=tmp_path, SECONDROUND_LOAD_PLUGINS="secondround-other")


def test_left_out_the_api_does_not_know_the_round(
    example: metadata.Distribution, settings: Settings, tmp_path: Path
) -> None:
    # A private index: built-ins only would otherwise re-index the shared one.
    own = private_index_copy(settings, tmp_path).model_copy(update={"load_plugins": ""})
    with TestClient(create_app(own)) as client:
        assert ROUND not in {r["name"] for r in client.get("/v1/rounds").json()}
        response = client.post("/v1/kits", json={"resume_text": RESUME, "round": ROUND})
    assert 400 <= response.status_code < 500
    problem = response.json()
    assert ROUND in problem["detail"] and "second" in problem["detail"]


# --------------------------------------------------------------------------- uninstalled


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def throwaway_venv_with_example(example: metadata.Distribution, root: Path) -> Path:
    """A venv that sees the test venv's packages except the example, and holds its own
    copy of the example's installed files. Returns its python."""
    here = Path(sysconfig.get_paths()["purelib"])
    files = [f for f in example.files or [] if "__pycache__" not in f.parts]
    if not files or not all(example.locate_file(f).resolve().is_relative_to(here) for f in files):
        pytest.skip(f"{DIST} is not installed in this venv's site-packages ({here})")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = _site_packages(python)
    # The test venv's packages, without anything that belongs to the example.
    overlay = root / "overlay"
    overlay.mkdir()
    example_tops = {f.parts[0] for f in files}
    for entry in here.iterdir():
        if entry.name not in example_tops:
            (overlay / entry.name).symlink_to(entry)
    (site / "_secondround_test_overlay.pth").write_text(
        f"import site; site.addsitedir({str(overlay)!r})\n", encoding="utf-8"
    )
    # The example's files, where pip put them, relative to site-packages.
    for file in files:
        source = Path(example.locate_file(file))
        if source.is_file():
            target = site / Path(*file.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return python


def test_uninstalled_with_pip_the_round_is_gone(
    example: metadata.Distribution, tmp_path: Path
) -> None:
    python = throwaway_venv_with_example(example, tmp_path)
    assert ROUND in round_names(python=str(python), cwd=tmp_path)
    uninstall = subprocess.run(
        [str(python), "-m", "pip", "uninstall", "-y", DIST],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        timeout=120,
        check=False,
    )
    assert uninstall.returncode == 0, uninstall.stderr
    assert f"Successfully uninstalled {DIST}" in uninstall.stdout
    assert ROUND not in round_names(python=str(python), cwd=tmp_path)
    listing = json.loads(cli("plugins", "--json", python=str(python), cwd=tmp_path))
    assert ENTRY_POINT not in {p["name"] for p in listing["plugins"]}
    assert listing["problems"] == []
    # The test venv itself is untouched.
    assert metadata.distribution(DIST).version == example.version
