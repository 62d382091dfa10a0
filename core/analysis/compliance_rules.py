"""The compliance rules (``data/compliance.yaml``): their shape, compiled once into
patterns with the literal triggers that let a text skip rules it cannot match, and the
rules in force in each jurisdiction. ``protected.py`` uses them to find details."""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import re
import sys
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import UnknownName
from ..models import ProtectedKind, Source

RULES_FILE = "compliance.yaml"
DEFAULT_JURISDICTION = "US"

# Matching ignores case; ^ and $ work per line. The YAML's header says the same.
_FLAGS = re.IGNORECASE | re.MULTILINE


class ComplianceRulesError(ValueError):
    """compliance.yaml is malformed. A packaging bug, or a reviewer's edit to fix."""


# --------------------------------------------------------------------------- public models


class LegalSource(BaseModel):
    """A law, guidance page or policy that backs a protected kind."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    url: str | None = None
    note: str = ""


class SalaryHistoryBan(BaseModel):
    """A place whose law bans (or, with ``scope``, limits) salary-history questions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    place: str
    law: str
    since: str = ""
    scope: str = "all employers"
    url: str | None = None


class KindRules(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ProtectedKind
    description: str
    sources: list[LegalSource]


class ComplianceRules(BaseModel):
    """The rules in force for one jurisdiction, as a reviewer or the API sees them."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    name: str
    kinds: list[KindRules]
    # True when the law of the whole jurisdiction bans salary-history questions.
    salary_history_ban: bool
    # The project never asks about salary history, whatever the local law says.
    salary_history_avoided: bool = True
    salary_history: str = ""
    salary_history_bans: list[SalaryHistoryBan] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def for_kind(self, kind: ProtectedKind) -> KindRules | None:
        return next((k for k in self.kinds if k.kind is kind), None)


# --------------------------------------------------------------------------- the file's shape


class _ScopedPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pattern: str
    sources: list[Source]


class _KindEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    warning: str | None = None
    sources: dict[str, list[LegalSource]] = Field(default_factory=dict)
    resume_patterns: list[str | _ScopedPattern] = Field(default_factory=list)
    question_patterns: list[str] = Field(default_factory=list)
    exceptions: list[str] = Field(default_factory=list)


class _JurisdictionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    inherits: str | None = None
    aliases: list[str] = Field(default_factory=list)
    # Kind names (the YAML keys); None means every kind, the project's policy.
    kinds: list[str] | None = None
    salary_history_ban: bool
    salary_history: str = ""
    salary_history_bans: list[SalaryHistoryBan] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class _RuleFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    warning: str
    policy_source: LegalSource
    kinds: dict[str, _KindEntry]
    allowed_patterns: list[str] = Field(default_factory=list)
    jurisdictions: dict[str, _JurisdictionEntry]


# --------------------------------------------------------------------------- compiled form


class _Pattern:
    """A rule's regex, compiled on first use when the rule file was validated before
    (see ``_compiled``): most rules never meet a line holding one of their triggers,
    and compiling all ~330 of them costs more than a whole resume scan."""

    __slots__ = ("_regex", "source")

    def __init__(self, source: str, regex: re.Pattern[str] | None = None) -> None:
        self.source = source
        self._regex = regex

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:  # two threads racing here compile twice, harmlessly
            self._regex = re.compile(self.source, _FLAGS)
        return self._regex


@dataclass(frozen=True)
class _Rule:
    """One pattern, ready to run."""

    pattern: _Pattern
    sources: frozenset[Source]
    # Lower-case strings, one of which is in every match ("triggers" below); None:
    # the pattern scans the whole text.
    triggers: tuple[str, ...] | None

    @property
    def regex(self) -> re.Pattern[str]:
        return self.pattern.regex


@dataclass(frozen=True)
class _CompiledKind:
    kind: ProtectedKind
    warning: str
    rules: tuple[_Rule, ...]
    # Question patterns plus every resume pattern: quoting a detail touches it too.
    question_rules: tuple[_Rule, ...]
    exceptions: re.Pattern[str] | None
    # All the rules' triggers (None if one has none): skips a kind in one set test.
    triggers: frozenset[str] | None
    question_triggers: frozenset[str] | None


@dataclass(frozen=True)
class _TriggerIndex:
    """Finds every trigger of a set of rules in one pass over a lower-cased text."""

    scan: re.Pattern[str] | None
    # A trigger found at a position -> it and the shorter triggers it starts with.
    prefixes: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, rules: list[_Rule]) -> _TriggerIndex:
        strings = {t for rule in rules for t in rule.triggers or ()}
        if not strings:
            return cls(scan=None, prefixes={})
        # A lookahead finds triggers that overlap ("her" inside "other").
        scan = re.compile(f"(?=({_trie_pattern(strings)}))")
        # Each trigger's own prefixes, looked up rather than tested against every other
        # trigger: ~4,000 triggers made the pairwise test most of a CLI run's start.
        order = {t: i for i, t in enumerate(strings)}
        prefixes = {
            t: tuple(
                sorted(
                    (t[:n] for n in range(1, len(t) + 1) if t[:n] in order), key=order.__getitem__
                )
            )
            for t in strings
        }
        return cls(scan, prefixes)

    def positions(self, text: str) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        if self.scan is not None:
            for match in self.scan.finditer(_lower_same_length(text)):
                for trigger in self.prefixes[match.group(1)]:
                    found.setdefault(trigger, []).append(match.start())
        return found


@dataclass(frozen=True)
class _Compiled:
    file: _RuleFile
    kinds: tuple[_CompiledKind, ...]
    allowed: re.Pattern[str] | None
    # Upper-cased code or alias -> canonical code.
    codes: dict[str, str]


# --------------------------------------------------------------------------- triggers
#
# ~150 case-insensitive patterns over a 6 KB resume cost tens of milliseconds,
# nearly all spent where nothing can match. A pattern's parse tree tells which
# literal strings every match must contain ("maternity" in
# "(took|on)\s+maternity\s+leave"); one trie-shaped scan finds those strings, and
# each pattern then runs only on the lines holding one of its own. The analysis
# is conservative: what it does not understand yields None, a full scan.

# Exact string sets bigger than this are not worth multiplying out.
_MAX_EXACT = 256
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _exact_item(op: Any, arg: Any) -> frozenset[str] | None:
    """The few strings one parsed item can match, or None when open-ended."""
    name = str(op)
    if name == "LITERAL":
        return frozenset([chr(arg).lower()])
    if name == "IN" and arg and all(str(o) == "LITERAL" for o, _ in arg):
        return frozenset(chr(c).lower() for _, c in arg)
    if name == "SUBPATTERN":
        return _exact(arg[3])
    if name == "BRANCH":
        parts = [_exact(branch) for branch in arg[1]]
        if any(part is None for part in parts):
            return None
        return frozenset().union(*(part for part in parts if part is not None))
    if name in _REPEATS and arg[0] == 0 and arg[1] == 1:
        body = _exact(arg[2])
        return None if body is None else body | {""}
    return None


def _exact(items: Any) -> frozenset[str] | None:
    strings = frozenset([""])
    for op, arg in items:
        one = _exact_item(op, arg)
        if one is None:
            return None
        strings = frozenset(a + b for a in strings for b in one)
        if len(strings) > _MAX_EXACT:
            return None
    return strings


def _required(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of this parsed sequence contains, if known."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] | None = None  # the product of the exact items just seen
    for op, arg in items:
        name = str(op)
        one = _exact_item(op, arg)
        if one is not None:
            joined = None if run is None else frozenset(a + b for a in run for b in one)
            if joined is None or len(joined) > _MAX_EXACT:
                candidates.append(run or frozenset())
                joined = one
            run = joined
            continue
        candidates.append(run or frozenset())
        run = None
        found: frozenset[str] | None = None
        if name == "SUBPATTERN":
            found = _required(arg[3])
        elif name == "ATOMIC_GROUP":
            found = _required(arg)
        elif name == "BRANCH":
            parts = [_required(branch) for branch in arg[1]]
            if all(parts):
                found = frozenset().union(*(part for part in parts if part))
        elif name in _REPEATS and arg[0] >= 1:
            found = _required(arg[2])
        candidates.append(found or frozenset())
    candidates.append(run or frozenset())
    usable = [c for c in candidates if c and all(c)]
    # The most selective: long strings first, then few of them.
    return max(usable, key=lambda c: (min(map(len, c)), -len(c)), default=None)


def _triggers(pattern: str) -> tuple[str, ...] | None:
    try:
        parser: Any = importlib.import_module("re._parser")
        found = _required(parser.parse(pattern, _FLAGS))
    except Exception:  # a change in re's internals must cost speed, never matches
        return None
    return tuple(sorted(found)) if found else None


def _trie_pattern(strings: set[str]) -> str:
    """A regex for any of the strings, shaped as a trie so the engine follows one
    branch per character instead of trying every string in turn."""
    root: dict[str, Any] = {}
    for string in strings:
        node = root
        for ch in string:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # Greedy: the longest trigger at a position wins; the shorter ones it
        # starts with come back through _TriggerIndex.prefixes.
        return f"(?:{body})?" if "" in node else body

    return build(root)


# Letters that case-insensitive matching equates with ASCII ones (Kelvin sign K,
# long s, dotted and dotless i): folded so a trigger search sees what the regex sees.
_CASE_FIXES = {"\u212a": "k", "\u017f": "s", "\u0130": "i", "\u0131": "i"}


def _lower_same_length(text: str) -> str:
    for odd, plain in _CASE_FIXES.items():
        if odd in text:  # rare; str.translate would cost more than the whole scan
            text = text.replace(odd, plain)
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # A few characters grow when lower-cased; positions must not shift.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# --------------------------------------------------------------------------- loading


def _compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _FLAGS)
    except re.error as exc:
        raise ComplianceRulesError(
            f"{RULES_FILE}: {where} is not a valid regular expression ({exc}): {pattern!r}"
        ) from exc


def _alternation(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


# A pattern -> its triggers, as worked out when the same rule file was last validated.
_KnownTriggers = dict[str, "tuple[str, ...] | None"]


def _rule(
    pattern: str, sources: frozenset[Source], where: str, known: _KnownTriggers | None
) -> _Rule:
    if known is not None and pattern in known:
        return _Rule(_Pattern(pattern), sources, known[pattern])
    return _Rule(_Pattern(pattern, _compile_pattern(pattern, where)), sources, _triggers(pattern))


def _compile_kind(
    name: str, entry: _KindEntry, default_warning: str, known: _KnownTriggers | None = None
) -> _CompiledKind:
    everywhere = frozenset(Source)
    scoped = [
        (item, everywhere) if isinstance(item, str) else (item.pattern, frozenset(item.sources))
        for item in entry.resume_patterns
    ]
    rules = tuple(
        _rule(p, sources, f"kind {name!r}, resume pattern {i}", known)
        for i, (p, sources) in enumerate(scoped, 1)
    )
    asked = tuple(
        _rule(p, everywhere, f"kind {name!r}, question pattern {i}", known)
        for i, p in enumerate(entry.question_patterns, 1)
    )
    if known is None:
        for i, pattern in enumerate(entry.exceptions, 1):
            _compile_pattern(pattern, f"kind {name!r}, exception {i}")
    question_rules = asked + tuple(replace(r, sources=everywhere) for r in rules)
    return _CompiledKind(
        kind=ProtectedKind[name],
        warning=entry.warning or default_warning,
        rules=rules,
        question_rules=question_rules,
        exceptions=_alternation(entry.exceptions),
        triggers=_all_triggers(rules),
        question_triggers=_all_triggers(question_rules),
    )


def _all_triggers(rules: tuple[_Rule, ...]) -> frozenset[str] | None:
    if any(rule.triggers is None for rule in rules):
        return None
    return frozenset(t for rule in rules for t in rule.triggers or ())


def _compile(text: str, known_triggers: _KnownTriggers | None = None) -> _Compiled:
    """Parse and check the rule file. With ``known_triggers`` (the triggers of a file already
    validated byte for byte), patterns are neither parsed for triggers nor compiled
    until a text needs them."""
    try:
        # libyaml parses the 50 KB rule file ~40x faster than the pure-Python loader.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        rule_file = _RuleFile.model_validate(yaml.load(text, Loader=loader))
    except yaml.YAMLError as exc:
        raise ComplianceRulesError(f"{RULES_FILE} is not valid YAML: {exc}") from exc
    except ValidationError as exc:
        raise ComplianceRulesError(f"{RULES_FILE} does not have the expected shape: {exc}") from exc

    kind_names = [k.name for k in ProtectedKind]
    unknown = sorted(set(rule_file.kinds) - set(kind_names))
    missing = [k for k in kind_names if k not in rule_file.kinds]
    if unknown or missing:
        raise ComplianceRulesError(
            f"{RULES_FILE}: kinds must be exactly {kind_names}; "
            f"unknown: {unknown or 'none'}, missing: {missing or 'none'}."
        )
    # Enum order, so a question touching two topics is always reported the same way.
    kinds = tuple(
        _compile_kind(k, rule_file.kinds[k], rule_file.warning, known_triggers) for k in kind_names
    )
    if known_triggers is None:
        for i, pattern in enumerate(rule_file.allowed_patterns, 1):
            _compile_pattern(pattern, f"allowed pattern {i}")

    codes: dict[str, str] = {}
    for code, entry in rule_file.jurisdictions.items():
        if entry.inherits is not None and entry.inherits not in rule_file.jurisdictions:
            raise ComplianceRulesError(
                f"{RULES_FILE}: jurisdiction {code!r} inherits unknown {entry.inherits!r}."
            )
        strays = sorted(set(entry.kinds or []) - set(kind_names))
        if strays:
            raise ComplianceRulesError(
                f"{RULES_FILE}: jurisdiction {code!r} lists unknown kinds {strays}."
            )
        for label in [code, *entry.aliases]:
            codes[label.upper()] = code
    if DEFAULT_JURISDICTION not in rule_file.jurisdictions:
        raise ComplianceRulesError(f"{RULES_FILE}: jurisdiction {DEFAULT_JURISDICTION} is missing.")
    return _Compiled(
        file=rule_file,
        kinds=kinds,
        allowed=_alternation(rule_file.allowed_patterns),
        codes=codes,
    )


# Trigger indexes are built on first use, per input source (a resume scan does not pay
# for the notes-only rules, and a CLI run that never guards questions skips that index).
@cache
def _source_index(source: Source) -> _TriggerIndex:
    kinds = _compiled().kinds
    return _TriggerIndex.of([r for k in kinds for r in k.rules if source in r.sources])


@cache
def _question_index() -> _TriggerIndex:
    return _TriggerIndex.of([r for k in _compiled().kinds for r in k.question_rules])


# Where the triggers of a validated rule file are kept between runs (set by the engine
# to its data dir). Working them out parses ~330 patterns, a fifth of a CLI run.
_triggers_dir: Path | None = None
_TRIGGERS_FILE = "compliance-triggers.json"


def keep_triggers_in(data_dir: Path | None) -> None:
    """Remember the rule file's derived triggers in ``data_dir`` (None: never)."""
    global _triggers_dir
    _triggers_dir = data_dir


def _triggers_key(text: str) -> str:
    # The analysis reads re's parse trees, which may change with Python's version.
    stamp = f"{sys.version_info[:3]}\n{text}"
    return hashlib.sha256(stamp.encode("utf-8")).hexdigest()


def _load_triggers(key: str) -> _KnownTriggers | None:
    if _triggers_dir is None:
        return None
    try:
        data = json.loads((_triggers_dir / _TRIGGERS_FILE).read_text("utf-8"))
        if data.get("key") != key:
            return None
        return {p: None if t is None else tuple(t) for p, t in data["triggers"].items()}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None  # missing or damaged: the full compile below rebuilds it


def _save_triggers(key: str, compiled: _Compiled) -> None:
    if _triggers_dir is None:
        return
    rules = [r for k in compiled.kinds for r in (*k.rules, *k.question_rules)]
    data = {"key": key, "triggers": {r.pattern.source: r.triggers for r in rules}}
    try:
        _triggers_dir.mkdir(parents=True, exist_ok=True)
        path = _triggers_dir / _TRIGGERS_FILE
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a parallel run reads the old file or the new one
    except OSError:
        pass  # a read-only data dir only costs the next run the same work


@cache
def _compiled() -> _Compiled:
    text = resources.files("secondround.core.data").joinpath(RULES_FILE).read_text("utf-8")
    key = _triggers_key(text)
    # Triggers are kept only after every pattern of these exact bytes compiled, so a
    # file that loads from them was validated in full before.
    known = _load_triggers(key)
    if known is not None:
        return _compile(text, known)
    compiled = _compile(text)
    _save_triggers(key, compiled)
    return compiled


# --------------------------------------------------------------------------- jurisdictions


def known_jurisdictions() -> list[str]:
    """Canonical jurisdiction codes, e.g. ``["EU", "IN", "UK", "US", "US-CA", "US-NY"]``."""
    return sorted(_compiled().file.jurisdictions)


def _canonical(jurisdiction: str) -> str:
    compiled = _compiled()
    code = compiled.codes.get(jurisdiction.strip().upper())
    if code is None:
        raise UnknownName(
            f"Unknown jurisdiction {jurisdiction!r}; use one of: "
            f"{', '.join(known_jurisdictions())}."
        )
    return code


def _lineage(code: str) -> list[str]:
    """The jurisdiction and its ancestors, the most general first (US before US-CA)."""
    entries = _compiled().file.jurisdictions
    chain: list[str] = []
    current: str | None = code
    while current is not None and current not in chain:
        chain.append(current)
        current = entries[current].inherits
    return chain[::-1]


@cache
def _kinds_in_force(code: str) -> frozenset[ProtectedKind]:
    entry = _compiled().file.jurisdictions[code]
    if entry.kinds is None:
        return frozenset(ProtectedKind)
    return frozenset(ProtectedKind[name] for name in entry.kinds)


@cache
def _rules_for(code: str) -> ComplianceRules:
    compiled = _compiled()
    entry = compiled.file.jurisdictions[code]
    lineage = _lineage(code)
    in_force = _kinds_in_force(code)
    kinds: list[KindRules] = []
    for kind in ProtectedKind:
        if kind not in in_force:
            continue
        kind_entry = compiled.file.kinds[kind.name]
        sources = [s for j in lineage for s in kind_entry.sources.get(j, [])]
        kinds.append(
            KindRules(
                kind=kind,
                description=kind_entry.description,
                sources=sources or [compiled.file.policy_source],
            )
        )
    notes = [n for j in lineage for n in compiled.file.jurisdictions[j].notes]
    return ComplianceRules(
        jurisdiction=code,
        name=entry.name,
        kinds=kinds,
        salary_history_ban=entry.salary_history_ban,
        salary_history=entry.salary_history,
        salary_history_bans=entry.salary_history_bans,
        notes=notes,
    )


def rules(jurisdiction: str = DEFAULT_JURISDICTION) -> ComplianceRules:
    """The compliance rules for a jurisdiction (case-insensitive code or alias).

    Raises UnknownName (an InvalidRequest) listing the known codes when it is unknown.
    """
    return _rules_for(_canonical(jurisdiction))
