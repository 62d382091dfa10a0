"""core/ reads as the data flow: each stage imports only itself, earlier stages and the
shared contract, and never another package's private names. Breaking this is how a
layout stops being legible, so the rule is checked rather than hoped for."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "core"

# The order of the data flow; the shared contract (models, errors, settings) sits below it
# and the assembly (plugin contract, pipeline, public API, CLI) above it.
FOUNDATION = {"models", "errors", "settings", "data", "embeddings"}
STAGES = [
    "reading",
    "analysis",
    "planning",
    "guidance",
    "generation",
    "guardrails",
    "export",
    "debrief",
]
ASSEMBLY = {"hookspecs", "plugin_manager", "pipeline", "api", "cli", "cli_debrief", "batch"}
MAX_MODULE_BYTES = 25_600


def _room(dotted: str) -> str:
    """The first component under secondround.core: a stage, foundation or assembly name."""
    return dotted.split(".")[0]


def _rank(room: str) -> int:
    if room in FOUNDATION:
        return -1
    if room in ASSEMBLY:
        return len(STAGES)
    return STAGES.index(room)


def _modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "data" not in p.relative_to(CORE).parts[:1])


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(CORE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(target module relative to core, imported names, line) for every core import."""
    package = _dotted(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("secondround.core."):
                target = node.module.removeprefix("secondround.core.")
            else:
                continue
            names = [a.name for a in node.names]
            if not target:  # from . import x  (at core's top)
                for name in names:
                    found.append((name, [], node.lineno))
            else:
                found.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("secondround.core."):
                    found.append((alias.name.removeprefix("secondround.core."), [], node.lineno))
    return found


def test_every_core_module_lives_in_a_known_room() -> None:
    rooms = {_room(_dotted(p)) for p in _modules() if _dotted(p)}
    assert rooms <= FOUNDATION | set(STAGES) | ASSEMBLY, rooms - FOUNDATION - set(STAGES)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(CORE)))
def test_imports_point_down_the_stages(path: Path) -> None:
    here = _dotted(path)
    if not here:
        return
    mine = _room(here)
    problems = []
    for target, names, line in _imports(path):
        theirs = _room(target)
        if mine in FOUNDATION and theirs not in FOUNDATION:
            problems.append(f"line {line}: the shared contract imports {target}")
        elif _rank(theirs) > _rank(mine):
            problems.append(f"line {line}: {here} (stage {mine}) imports later {target}")
        if theirs != mine and any(n.startswith("_") for n in names):
            problems.append(f"line {line}: {here} imports private names of {target}: {names}")
    assert problems == []


def test_no_core_module_is_past_the_size_where_it_should_be_split() -> None:
    big = {str(p.relative_to(CORE)): p.stat().st_size for p in _modules()}
    assert {name: size for name, size in big.items() if size > MAX_MODULE_BYTES} == {}


def test_each_stage_package_says_what_it_takes_and_gives() -> None:
    for stage in STAGES:
        package = CORE / stage
        if not package.is_dir():
            continue
        doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and " in" in doc and "out" in doc, stage
