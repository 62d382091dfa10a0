"""Plugin loading: built-ins travel the third-party path, a plugin's round is served,
and a broken plugin is named clearly without taking the others down."""

from __future__ import annotations

from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import pytest

from secondround.core.analysis.analyse import analyse
from secondround.core.api import Purpose, PurposeShare, RoundType, hookimpl
from secondround.core.errors import PluginError, UnknownName
from secondround.core.models import Document, YearMonth
from secondround.core.pipeline import Engine, KitRequest
from secondround.core.plugin_manager import HOOKS, build_registry
from secondround.core.settings import Settings

BUILTIN_ROUNDS = {"second", "behavioural", "technical", "group", "panel"}


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    # Built-ins only: an installed third-party plugin (the example) must not change these.
    return Settings(_env_file=None, data_dir=tmp_path, load_plugins="")  # type: ignore[call-arg]


class CaseStudyRound(RoundType):
    name = "case_study"
    title = "Case study interview"
    description = "The candidate works through a business case with the panel."
    default_count = 4
    shares = (
        PurposeShare(purpose=Purpose.scenario, weight=3, minutes_each=10),
        PurposeShare(purpose=Purpose.motivation_fit, weight=1, minimum=1),
    )


class CaseStudyPlugin:
    @hookimpl
    def register_rounds(self, register: Callable[[RoundType], None]) -> None:
        register(CaseStudyRound())


class ReplacesSecond:
    @hookimpl
    def register_rounds(self, register: Callable[[RoundType], None]) -> None:
        class OurSecond(CaseStudyRound):
            name = "second"
            title = "Our own second round"

        register(OurSecond())


class MisspelledHook:
    @hookimpl
    def register_round(self, register: Callable[[RoundType], None]) -> None:
        register(CaseStudyRound())


class RaisesInHook:
    @hookimpl
    def register_rounds(self, register: Callable[[RoundType], None]) -> None:
        raise RuntimeError("config file missing")


class RegistersTheWrongThing:
    @hookimpl
    def register_rounds(self, register: Callable[[object], None]) -> None:
        register("case_study")


def test_built_ins_are_loaded_from_the_same_entry_point_group(settings: Settings) -> None:
    registry = build_registry(settings)
    ours = {
        ep.name
        for ep in metadata.entry_points(group="secondround")
        if ep.dist is not None and ep.dist.name == "secondround"
    }
    listed = {p.name: p for p in registry.plugins}
    assert ours and ours <= set(listed)
    for name in ours:
        info = listed[name]
        assert info.builtin is True
        assert info.hooks and set(info.hooks) <= set(HOOKS)
        assert info.registered, f"{name} registered nothing"
    assert listed["round_panel"].hooks == ["register_rounds"]
    assert listed["round_panel"].registered == ["round:panel"]
    assert set(registry.rounds) == BUILTIN_ROUNDS
    assert registry.owner_of(registry.rounds["second"]) == "round_second"
    assert registry.problems == []


def test_a_plugin_round_is_found_listed_and_planned(settings: Settings) -> None:
    registry = build_registry(settings, extra=[("case_study_plugin", CaseStudyPlugin())])
    round_type = registry.round("case_study")
    assert round_type.title == "Case study interview"
    assert set(registry.rounds) == BUILTIN_ROUNDS | {"case_study"}
    [info] = [p for p in registry.plugins if p.name == "case_study_plugin"]
    assert (info.builtin, info.hooks, info.registered) == (
        False,
        ["register_rounds"],
        ["round:case_study"],
    )
    # The engine plans with it like any built-in round.
    analysis = analyse(
        Document(
            text="Jo Park\n\nEXPERIENCE\nAnalyst, Finch Analytics Ltd\n2019 – Present\n"
            "• Built weekly sales dashboards for 40 stores\n"
        ),
        today=YearMonth(year=2026, month=11),
    )
    engine = Engine(settings, registry=registry)
    plan = engine.plan(analysis, KitRequest(resume_text="", round="case_study"))
    assert plan.round == "case_study" and plan.total == 4
    assert {s.purpose for s in plan.slots} == {Purpose.scenario, Purpose.motivation_fit}


def test_a_misspelled_hook_fails_at_load_time_naming_the_plugin(settings: Settings) -> None:
    with pytest.raises(PluginError) as caught:
        build_registry(settings, extra=[("typo_plugin", MisspelledHook())])
    message = str(caught.value)
    assert "typo_plugin" in message and "register_round" in message


def test_a_plugin_whose_hook_raises_is_reported_and_the_rest_still_load(
    settings: Settings,
) -> None:
    registry = build_registry(
        settings,
        extra=[("broken_plugin", RaisesInHook()), ("case_study_plugin", CaseStudyPlugin())],
    )
    [problem] = registry.problems
    assert "broken_plugin" in problem and "config file missing" in problem
    assert set(registry.rounds) == BUILTIN_ROUNDS | {"case_study"}


def test_a_plugin_registering_the_wrong_kind_of_object_is_reported(settings: Settings) -> None:
    registry = build_registry(settings, extra=[("confused_plugin", RegistersTheWrongThing())])
    [problem] = registry.problems
    assert "confused_plugin" in problem and "RoundType" in problem
    assert set(registry.rounds) == BUILTIN_ROUNDS


def test_a_third_party_round_with_a_built_in_name_replaces_it_and_is_reported(
    settings: Settings,
) -> None:
    registry = build_registry(settings, extra=[("house_rounds", ReplacesSecond())])
    assert registry.round("second").title == "Our own second round"
    assert registry.owner_of(registry.round("second")) == "house_rounds"
    [problem] = registry.problems
    assert "house_rounds" in problem and "'second'" in problem and "round_second" in problem


def test_an_unknown_round_lists_the_registered_ones(settings: Settings) -> None:
    registry = build_registry(settings, extra=[("case_study_plugin", CaseStudyPlugin())])
    with pytest.raises(UnknownName) as caught:
        registry.round("speed_dating")
    message = str(caught.value)
    assert "speed_dating" in message
    for name in BUILTIN_ROUNDS | {"case_study"}:
        assert name in message
