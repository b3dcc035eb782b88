"""Lesson plans that add up (issue 14): a 50-minute plan and a 90-120 minute one, each plan's phases summing to
its length and its game fitting its phase at the scenario's turns and timer; class sizes 6 to 36 seated."""

from __future__ import annotations

import math

import pytest

from negotiator.classroom.briefs import teacher_guide
from negotiator.classroom.plans import group_problems, plan_problems
from negotiator.scenario import ScenarioError, load_scenario, load_scenario_text
from negotiator.scenario.models import Scenario
from tests.classroom.conftest import ISTANBUL, SCENARIOS, page_text


def with_plans(scenario: Scenario) -> bool:
    return scenario.teaching is not None and bool(scenario.teaching.plans)


def test_istanbul_has_a_50_minute_plan_with_homework_and_a_long_one(istanbul: Scenario) -> None:
    assert istanbul.teaching is not None
    plans = istanbul.teaching.plans
    short = [p for p in plans if p.minutes == 50]
    assert short and short[0].homework, "the 50-minute plan sets the briefs as homework"
    assert short[0].turns is not None and 4 <= short[0].turns <= 6, "a deadline of about five turns"
    assert short[0].turn_timer_seconds is not None and short[0].turn_timer_seconds <= 90, "short move timers"
    assert any(90 <= p.minutes <= 120 for p in plans)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_plan_adds_up_and_its_game_fits(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    if not with_plans(scenario):
        pytest.skip("no lesson plans")
    assert scenario.teaching is not None
    teams = [a for a in scenario.actors if a.playable and a.negotiates]
    for plan in scenario.teaching.plans:
        assert sum(p.minutes for p in plan.phases) == plan.minutes, plan.name
        turns = plan.turns or scenario.rules.turns
        assert turns <= scenario.rules.turns
        timer = plan.turn_timer_seconds or scenario.teaching.turn_timer_seconds
        assert timer, f"{plan.name}: a plan needs a move timer to bound the game"
        worst = math.ceil(turns * (len(teams) * (timer + 15) + 45) / 60)
        game = next(p.minutes for p in plan.phases if p.phase == plan.game_phase)
        assert worst <= game, f"{plan.name}: the game can take {worst} min, the plan gives {game}"
    assert plan_problems(scenario) == []


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_class_sizes_6_to_36_are_all_seated_with_a_job_each(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    if not with_plans(scenario):
        pytest.skip("no lesson plans")
    assert scenario.teaching is not None
    groups = sorted(scenario.teaching.groups, key=lambda g: g.students_from)
    covered = [n for g in groups for n in range(g.students_from, g.students_to + 1)]
    assert covered == list(range(6, 37)), "every class size from 6 to 36 exactly once"
    teams = sum(1 for a in scenario.actors if a.playable and a.negotiates)
    for g in groups:
        assert g.tables * teams * g.team_size_from <= g.students_from
        assert g.tables * teams * g.team_size_to >= g.students_to
        assert g.team_size_to <= len(scenario.teaching.jobs)
    assert group_problems(scenario) == []


def test_guide_prints_each_plan_with_its_total_and_worst_case(istanbul: Scenario) -> None:
    text = page_text(teacher_guide(istanbul))
    assert istanbul.teaching is not None
    for plan in istanbul.teaching.plans:
        assert f"{plan.name} ({plan.minutes} minutes)" in text
        assert f"Total {plan.minutes}" in text
        assert "At worst" in text and f"deadline: turn {plan.turns}" in text
    for job in istanbul.teaching.jobs:
        assert job.name in text
    assert "do not add up" not in text


def test_a_plan_whose_phases_do_not_add_up_is_refused_with_its_place() -> None:
    source = ISTANBUL.read_text(encoding="utf-8").replace("      minutes: 50\n", "      minutes: 55\n", 1)
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(source, "x.yaml")
    message = str(info.value)
    assert "add up to 50 minutes, not the plan's 55" in message and "plans" in message


def test_a_game_too_long_for_its_phase_is_flagged_in_the_guide() -> None:
    source = ISTANBUL.read_text(encoding="utf-8").replace(
        "      turn_timer_seconds: 60\n", "      turn_timer_seconds: 240\n", 1
    )
    scenario = load_scenario_text(source, "x.yaml")
    problems = plan_problems(scenario)
    assert problems and "more than the 23" in problems[0]
    assert "These plans do not add up" in page_text(teacher_guide(scenario))
