"""Meta-tests that keep the plugin contract honest.

They fail when a hook is added without a test plugin that implements it, without an
entry in docs/plugins.md carrying its exact signature, or when a hook argument a plugin
may rely on is renamed or removed.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secondround.core import api, hookspecs
from secondround.core.plugin_manager import HOOKS

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DOCS = ROOT / "docs" / "plugins.md"

# Append-only. A hook's arguments may grow (add them at the end of its tuple when they
# ship) but an entry is never edited or removed: installed plugins call them by name.
FROZEN_HOOK_ARGUMENTS: dict[str, tuple[str, ...]] = {
    "register_readers": ("register",),
    "register_rounds": ("register",),
    "register_generators": ("register",),
    "register_exporters": ("register",),
    "register_corpus_documents": ("register",),
    "register_question_checks": ("register",),
}


def hookspecs_by_name() -> dict[str, Callable[..., Any]]:
    marker = f"{hookspecs.PROJECT}_spec"
    return {
        name: function
        for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, marker)
    }


def _annotation(value: object) -> str:
    # The specs use postponed annotations: inspect hands them over as source strings.
    return value if isinstance(value, str) else inspect.formatannotation(value)


def signature_line(name: str, function: Callable[..., Any]) -> str:
    """``def name(arg: Type) -> Return``, as inspect.signature reads the spec."""
    signature = inspect.signature(function)
    parameters = ", ".join(
        f"{p.name}: {_annotation(p.annotation)}" for p in signature.parameters.values()
    )
    return f"def {name}({parameters}) -> {_annotation(signature.return_annotation)}"


def docs_text() -> str:
    return DOCS.read_text(encoding="utf-8")


def test_the_manager_calls_every_hook_the_contract_declares() -> None:
    assert set(hookspecs_by_name()) == set(HOOKS)


@pytest.mark.parametrize("hook", sorted(hookspecs_by_name()))
def test_every_hook_has_a_test_plugin_implementing_it(hook: str) -> None:
    implemented = re.compile(rf"@hookimpl\s*\n\s*def {hook}\(")
    modules = [
        path.name
        for path in sorted(TESTS.glob("test_*.py"))
        if path.name != Path(__file__).name and implemented.search(path.read_text("utf-8"))
    ]
    assert modules, (
        f"No test implements {hook}: add a small plugin using it to tests/test_hooks.py "
        "and check what a user would see."
    )


@pytest.mark.parametrize("hook", sorted(hookspecs_by_name()))
def test_every_hook_is_in_the_reference_with_its_exact_signature(hook: str) -> None:
    line = signature_line(hook, hookspecs_by_name()[hook])
    text = docs_text()
    assert f"### {hook}" in text, f"docs/plugins.md has no reference entry for {hook}"
    assert line in text, f"docs/plugins.md must show the signature exactly: {line}"


@pytest.mark.parametrize("hook", sorted(hookspecs_by_name()))
def test_hook_arguments_only_ever_grow(hook: str) -> None:
    assert hook in FROZEN_HOOK_ARGUMENTS, (
        f"{hook} is new: add it to FROZEN_HOOK_ARGUMENTS, which keeps its arguments stable"
    )
    arguments = tuple(inspect.signature(hookspecs_by_name()[hook]).parameters)
    frozen = FROZEN_HOOK_ARGUMENTS[hook]
    assert arguments[: len(frozen)] == frozen, (
        f"{hook} takes {arguments}; plugins rely on {frozen}: add arguments, never rename "
        "or remove them"
    )


def test_no_frozen_hook_has_disappeared() -> None:
    assert set(FROZEN_HOOK_ARGUMENTS) <= set(hookspecs_by_name())


def test_every_hook_is_documented_in_its_spec() -> None:
    for name, function in hookspecs_by_name().items():
        doc = inspect.getdoc(function) or ""
        assert ":param register:" in doc, f"{name} needs a docstring saying what to register"


def _documented_api_names() -> set[str]:
    """The names in the first column of the Public API table."""
    section = docs_text().split("## Public API", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([A-Za-z_][A-Za-z0-9_]*)` \|", section, flags=re.MULTILINE))


def test_the_public_api_list_in_the_docs_matches_api_all() -> None:
    documented = _documented_api_names()
    missing = sorted(set(api.__all__) - documented)
    assert not missing, f"docs/plugins.md's Public API section does not list: {missing}"
    unknown = sorted(documented - set(api.__all__))
    assert not unknown, f"docs/plugins.md lists names secondround.core.api lacks: {unknown}"
