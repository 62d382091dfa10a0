"""The real guidance index, built once per test session and shared.

Building it embeds the whole corpus (several seconds), so the tests that need retrieval
import :func:`engine_settings` from here rather than building their own. A test that
changes the index (adds guidance) works on :func:`private_index_copy` instead, so the
shared index stays as every other test expects it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from secondround.core.pipeline import Engine
from secondround.core.settings import Settings

# "Today" for present/ongoing dates, fixed so months and gaps are reproducible.
TODAY = date(2026, 11, 1)


def make_settings(data_dir: Path) -> Settings:
    # No .env file: a developer's own settings must not leak into the tests.
    return Settings(_env_file=None, data_dir=data_dir, today=TODAY)  # type: ignore[call-arg]


# Each test module that imports the fixture gets its own copy of it in pytest's eyes, so
# "session" scope alone would build the index once per module; this keeps it to one.
_built: list[Settings] = []


@pytest.fixture(scope="session")
def engine_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if not _built:
        settings = make_settings(tmp_path_factory.mktemp("secondround-data"))
        Engine(settings).ensure_index()
        _built.append(settings)
    return _built[0]


def private_index_copy(settings: Settings, target: Path) -> Settings:
    """Settings pointing at a copy of the built index, for a test that modifies it."""
    data_dir = target / "secondround-data"
    shutil.copytree(settings.data_dir, data_dir)
    return make_settings(data_dir)
