"""The real guidance index, built once per test session and shared.

Building it embeds the whole corpus (several seconds); conftest builds it once
(``index_data_dir``) and the engine tests import :func:`engine_settings` from here. A test that
changes the index (adds guidance) works on :func:`private_index_copy` instead, so the
shared index stays as every other test expects it.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from secondround.core.settings import Settings

# "Today" for present/ongoing dates, fixed so months and gaps are reproducible.
TODAY = date(2026, 11, 1)


def make_settings(data_dir: Path) -> Settings:
    # No .env file: a developer's own settings must not leak into the tests.
    return Settings(_env_file=None, data_dir=data_dir, today=TODAY)  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def engine_settings(index_data_dir: Path) -> Settings:
    """Settings on the session's pre-built index (conftest's ``index_data_dir``)."""
    return make_settings(index_data_dir)


def private_index_copy(settings: Settings, target: Path) -> Settings:
    """Settings pointing at a copy of the built index, for a test that modifies it."""
    data_dir = target / "secondround-data"
    shutil.copytree(settings.data_dir, data_dir)
    return make_settings(data_dir)
