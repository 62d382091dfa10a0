"""Builds the pluggy manager and the registry of everything plugins registered.

Loading order: entry points in the ``secondround`` group (built-ins ship as entry
points of this distribution, so they travel the same path as a third party's), an
allow-list from ``SECONDROUND_LOAD_PLUGINS``, then ``check_pending()`` so a misspelled
hook implementation fails at load time with its plugin's name.
"""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .errors import PluginError, UnknownName
from .export import Exporter
from .generation.generator import Generator
from .guardrails import QuestionCheck
from .guidance.corpus import CorpusDocument
from .planning.rounds import RoundType
from .reading.readers import ResumeReader
from .settings import Settings

DIST_NAME = "secondround"
ENTRY_POINT_GROUP = "secondround"

# Built-ins, by entry-point name. Used when the distribution's metadata is missing
# (running from a source tree that was never installed).
BUILTIN_MODULES = {
    "readers_pdf": "secondround.plugins.reader_pdf",
    "readers_docx": "secondround.plugins.reader_docx",
    "readers_text": "secondround.plugins.reader_text",
    "readers_json_resume": "secondround.plugins.reader_json_resume",
    "round_second": "secondround.plugins.round_second",
    "round_behavioural": "secondround.plugins.round_behavioural",
    "round_technical": "secondround.plugins.round_technical",
    "round_group": "secondround.plugins.round_group",
    "round_panel": "secondround.plugins.round_panel",
    "generator_offline": "secondround.plugins.generator_offline",
    "generator_openai": "secondround.plugins.generator_openai",
    "generator_refine": "secondround.plugins.generator_refine",
    "exporters": "secondround.plugins.exporters",
    "exporter_docx": "secondround.plugins.exporter_docx",
    "corpus_builtin": "secondround.plugins.corpus_builtin",
}

HOOKS = (
    "register_readers",
    "register_rounds",
    "register_generators",
    "register_exporters",
    "register_corpus_documents",
    "register_question_checks",
)


@dataclass
class PluginInfo:
    name: str
    version: str
    builtin: bool
    hooks: list[str]
    registered: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "version": self.version,
            "builtin": self.builtin,
            "hooks": self.hooks,
            "registered": self.registered,
        }


@dataclass
class Registry:
    """What the loaded plugins registered, with the plugin that registered each thing."""

    readers: list[ResumeReader] = field(default_factory=list)
    rounds: dict[str, RoundType] = field(default_factory=dict)
    generators: dict[str, Generator] = field(default_factory=dict)
    exporters: dict[str, Exporter] = field(default_factory=dict)
    corpus_documents: list[CorpusDocument] = field(default_factory=list)
    question_checks: list[QuestionCheck] = field(default_factory=list)
    plugins: list[PluginInfo] = field(default_factory=list)
    # Problems met while loading (a plugin that raised, a duplicate name).
    problems: list[str] = field(default_factory=list)
    owner: dict[int, str] = field(default_factory=dict)

    def round(self, name: str) -> RoundType:
        try:
            return self.rounds[name]
        except KeyError:
            raise UnknownName(
                f"There is no round type called '{name}'; choose one of: "
                f"{', '.join(sorted(self.rounds))} (see `secondround rounds`)."
            ) from None

    def generator(self, name: str) -> Generator:
        try:
            return self.generators[name]
        except KeyError:
            raise UnknownName(
                f"There is no generator called '{name}'; choose one of: "
                f"{', '.join(sorted(self.generators))}."
            ) from None

    def exporter(self, name: str) -> Exporter:
        aliases = {"markdown": "md", "htm": "html"}
        key = aliases.get(name, name)
        try:
            return self.exporters[key]
        except KeyError:
            raise UnknownName(
                f"There is no output format called '{name}'; choose one of: "
                f"{', '.join(sorted(self.exporters))}."
            ) from None

    def owner_of(self, obj: object) -> str:
        return self.owner.get(id(obj), "?")


def _entry_points() -> list[metadata.EntryPoint]:
    return list(metadata.entry_points(group=ENTRY_POINT_GROUP))


class _Distributions:
    """Each entry point's distribution name and version, read once per distribution.

    ``Distribution.name`` and ``.version`` parse the METADATA file on every access;
    the built-ins are fifteen entry points of one distribution, asked three times each.
    """

    def __init__(self) -> None:
        self._seen: dict[int, tuple[str, str]] = {}

    def _of(self, ep: metadata.EntryPoint) -> tuple[str, str] | None:
        dist = ep.dist
        if dist is None:
            return None
        key = id(dist)  # the entry points hold their distributions for this load
        if key not in self._seen:
            self._seen[key] = (dist.name, dist.version)
        return self._seen[key]

    def name(self, ep: metadata.EntryPoint) -> str:
        found = self._of(ep)
        return found[0] if found else ""

    def version(self, ep: metadata.EntryPoint) -> str:
        found = self._of(ep)
        return found[1] if found else "0"

    def is_builtin(self, ep: metadata.EntryPoint) -> bool:
        return self.name(ep) == DIST_NAME


def create_manager() -> pluggy.PluginManager:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def load_plugins(
    settings: Settings, extra: list[tuple[str, ModuleType | object]] | None = None
) -> tuple[pluggy.PluginManager, dict[str, tuple[str, bool]]]:
    """Create the manager and register built-ins and allowed third-party plugins.

    Returns the manager and, per plugin name, its (version, builtin) pair.
    ``extra`` registers objects directly (tests use it for fakes).
    """
    pm = create_manager()
    versions: dict[str, tuple[str, bool]] = {}
    allow = settings.plugin_allowlist
    eps = _entry_points()
    dists = _Distributions()
    seen_builtin = {ep.name for ep in eps if dists.is_builtin(ep)}
    for ep in eps:
        builtin = dists.is_builtin(ep)
        allowed = allow is None or ep.name in allow or dists.name(ep) in allow
        if not builtin and not allowed:
            continue
        if pm.has_plugin(ep.name):
            continue
        try:
            module = ep.load()
        except Exception as exc:  # a broken plugin must not take the tool down
            raise PluginError(
                f"Plugin '{ep.name}' failed to import ({type(exc).__name__}: {exc}); "
                "upgrade or uninstall it, or leave it out with SECONDROUND_LOAD_PLUGINS."
            ) from exc
        _register(pm, module, ep.name)
        versions[ep.name] = (dists.version(ep), builtin)
    # From a source tree with no installed metadata, register built-ins by module.
    for name, module_name in BUILTIN_MODULES.items():
        if name not in seen_builtin and not pm.has_plugin(name):
            _register(pm, importlib.import_module(module_name), name)
            versions[name] = (_own_version(), True)
    for name, obj in extra or []:
        _register(pm, obj, name)
        versions[name] = ("test", False)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        plugin_name = pm.get_name(exc.plugin) or "unknown"
        raise PluginError(
            f"Plugin '{plugin_name}' implements a hook secondround does not have ({exc}); "
            "check the spelling against docs/plugins.md."
        ) from exc
    return pm, versions


def _register(pm: pluggy.PluginManager, plugin: object, name: str) -> None:
    try:
        pm.register(plugin, name=name)
    except pluggy.PluginValidationError as exc:
        raise PluginError(
            f"Plugin '{name}' has a hook implementation secondround cannot call "
            f"({' '.join(str(exc).split())}); check the hook and argument names against "
            "docs/plugins.md."
        ) from exc


def _own_version() -> str:
    try:
        return metadata.version(DIST_NAME)
    except metadata.PackageNotFoundError:
        return "0"


def build_registry(
    settings: Settings, extra: list[tuple[str, ModuleType | object]] | None = None
) -> Registry:
    """Load plugins and collect what each registers, built-ins first."""
    pm, versions = load_plugins(settings, extra)
    registry = Registry()
    trace = settings.trace_plugins
    # Built-ins register first so that a third-party plugin can replace one by name.
    names = sorted(versions, key=lambda n: (not versions[n][1], n))
    infos: dict[str, PluginInfo] = {}
    for name in names:
        plugin = pm.get_plugin(name)
        hooks = [h for h in HOOKS if hasattr(plugin, h)]
        version, builtin = versions[name]
        infos[name] = PluginInfo(name=name, version=version, builtin=builtin, hooks=hooks)
    for hook_name in HOOKS:
        caller = getattr(pm.hook, hook_name)
        impls = {impl.plugin_name: impl for impl in caller.get_hookimpls()}
        for name in names:
            impl = impls.get(name)
            if impl is None:
                continue
            register = _make_register(registry, hook_name, name, infos[name], versions[name][1])
            started = time.perf_counter()
            try:
                kwargs: dict[str, Any] = {arg: register for arg in impl.argnames}
                impl.function(**kwargs)
            except Exception as exc:  # report the plugin by name; keep the others
                registry.problems.append(
                    f"Plugin '{name}' failed in {hook_name}: {type(exc).__name__}: {exc}"
                )
            if trace:
                elapsed = (time.perf_counter() - started) * 1000
                print(
                    f"[secondround trace] {name}.{hook_name} {elapsed:.1f} ms",
                    file=sys.stderr,
                )
    registry.plugins = [infos[n] for n in names]
    return registry


def _make_register(
    registry: Registry, hook_name: str, plugin: str, info: PluginInfo, builtin: bool
) -> Callable[[Any], None]:
    def note(label: str, obj: object) -> None:
        registry.owner[id(obj)] = plugin
        info.registered.append(label)

    def keyed(table: dict[str, Any], kind: str, obj: Any) -> None:
        name = obj.name
        if name in table:
            previous = registry.owner_of(table[name])
            if not builtin:
                registry.problems.append(
                    f"Plugin '{plugin}' replaces the {kind} '{name}' from '{previous}'."
                )
            else:
                registry.problems.append(
                    f"Plugin '{plugin}' registered the {kind} '{name}' twice; kept '{previous}'."
                )
                return
        table[name] = obj
        note(f"{kind}:{name}", obj)

    def register(obj: Any) -> None:
        if hook_name == "register_readers":
            _expect(obj, ResumeReader, plugin, hook_name)
            registry.readers.append(obj)
            # Third-party readers are tried before built-ins for the same format.
            if not builtin:
                registry.readers.sort(key=lambda r: registry.owner_of(r) in _BUILTIN_OWNERS)
            note(f"reader:{obj.name}", obj)
        elif hook_name == "register_rounds":
            _expect(obj, RoundType, plugin, hook_name)
            keyed(registry.rounds, "round", obj)
        elif hook_name == "register_generators":
            _expect(obj, Generator, plugin, hook_name)
            keyed(registry.generators, "generator", obj)
        elif hook_name == "register_exporters":
            _expect(obj, Exporter, plugin, hook_name)
            keyed(registry.exporters, "exporter", obj)
        elif hook_name == "register_corpus_documents":
            document = CorpusDocument.coerce(obj, plugin=plugin)
            registry.corpus_documents.append(document)
            note(f"corpus:{document.source}", document)
        elif hook_name == "register_question_checks":
            if not callable(getattr(obj, "check", None)):
                raise TypeError("a question check needs a check(question, analysis) method")
            registry.question_checks.append(obj)
            note(f"check:{getattr(obj, 'name', type(obj).__name__)}", obj)

    return register


_BUILTIN_OWNERS = frozenset(BUILTIN_MODULES)


def _expect(obj: object, cls: type, plugin: str, hook_name: str) -> None:
    if not isinstance(obj, cls):
        raise TypeError(
            f"{hook_name} expects a {cls.__module__}.{cls.__name__} instance, "
            f"got {type(obj).__name__}"
        )


_REGISTRY: dict[tuple[str | None, bool], Registry] = {}


def get_registry(settings: Settings) -> Registry:
    """The process-wide registry for these plugin settings (built once)."""
    key = (settings.load_plugins, settings.trace_plugins)
    if key not in _REGISTRY:
        _REGISTRY[key] = build_registry(settings)
    return _REGISTRY[key]
