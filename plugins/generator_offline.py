"""The offline composer, registered as the ``offline`` generator (the default)."""

from __future__ import annotations

from collections.abc import Callable

from secondround.core.api import Generator, OfflineComposer, hookimpl


@hookimpl
def register_generators(register: Callable[[Generator], None]) -> None:
    register(OfflineComposer())
