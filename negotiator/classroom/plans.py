"""Whether a scenario's lesson plans fit a lesson: the arithmetic the teacher's guide prints and the tests check.

A plan's phases add up to its length (the model checks that). What only the scenario can tell is whether the
game fits its phase: with every role played by a team, the worst case is every move running to the timer, plus
the hand-over of the keyboard at each move and the turn summary at each turn's end. Class sizes are checked the
same way: the tables times the teams (one per playable role) times the team sizes must reach every class size
in the row, and every student in the largest team must have a job.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from negotiator.scenario.models import GroupPlan, LessonPlan, Scenario

HANDOVER_SECONDS = 15  # the privacy screen and the keyboard changing hands, per move
SUMMARY_SECONDS = 45  # the turn summary, read together at each turn's end


@dataclass(frozen=True)
class PlanFit:
    """A plan's game phase against the worst case of its deadline and timer."""

    plan: LessonPlan
    turns: int
    timer_seconds: int | None
    teams: int
    worst_minutes: int | None  # None without a timer: nothing bounds a move
    phase_minutes: int

    @property
    def fits(self) -> bool:
        return self.worst_minutes is not None and self.worst_minutes <= self.phase_minutes


def teams(scenario: Scenario) -> int:
    """Teams at one table: one per playable role that negotiates."""
    return sum(1 for a in scenario.playable if a.negotiates)


def worst_case_minutes(scenario: Scenario, turns: int, timer_seconds: int) -> int:
    """Minutes for `turns` turns when every team's every move runs to the timer (rounded up)."""
    per_turn = teams(scenario) * (timer_seconds + HANDOVER_SECONDS) + SUMMARY_SECONDS
    return math.ceil(turns * per_turn / 60)


def plan_fit(scenario: Scenario, plan: LessonPlan) -> PlanFit:
    turns = plan.turns or scenario.rules.turns
    timer = plan.turn_timer_seconds or (scenario.teaching.turn_timer_seconds if scenario.teaching else None)
    phase = next(p.minutes for p in plan.phases if p.phase == plan.game_phase)
    worst = worst_case_minutes(scenario, turns, timer) if timer else None
    return PlanFit(plan, turns, timer, teams(scenario), worst, phase)


def plan_problems(scenario: Scenario) -> list[str]:
    """Sentences for the plans whose game cannot fit its phase (empty when all fit)."""
    if scenario.teaching is None:
        return []
    problems = []
    for plan in scenario.teaching.plans:
        fit = plan_fit(scenario, plan)
        if fit.worst_minutes is None:
            problems.append(f"{plan.name}: no move timer, so nothing bounds the game's {fit.phase_minutes} minutes")
        elif not fit.fits:
            problems.append(
                f"{plan.name}: {fit.turns} turns x {fit.teams} teams at {fit.timer_seconds} s a move can take "
                f"{fit.worst_minutes} minutes, more than the {fit.phase_minutes} of '{plan.game_phase}'"
            )
        if fit.turns > scenario.rules.turns:
            problems.append(f"{plan.name}: {fit.turns} turns is beyond the scenario's {scenario.rules.turns}")
    return problems


def group_problems(scenario: Scenario) -> list[str]:
    """Sentences for the class-size rows that cannot seat every student in them."""
    if scenario.teaching is None:
        return []
    jobs = len(scenario.teaching.jobs)
    problems = []
    for g in scenario.teaching.groups:
        fewest, most = seats(scenario, g)
        label = f"{g.students_from}-{g.students_to} students"
        if fewest > g.students_from:
            problems.append(f"{label}: {g.tables} table(s) need at least {fewest} students")
        if most < g.students_to:
            problems.append(f"{label}: {g.tables} table(s) seat at most {most} students")
        if jobs and g.team_size_to > jobs:
            problems.append(f"{label}: teams of {g.team_size_to} but only {jobs} jobs")
    return problems


def seats(scenario: Scenario, group: GroupPlan) -> tuple[int, int]:
    """The fewest and most students a class-size row seats."""
    per_table = teams(scenario)
    return group.tables * per_table * group.team_size_from, group.tables * per_table * group.team_size_to


__all__ = [
    "HANDOVER_SECONDS",
    "SUMMARY_SECONDS",
    "PlanFit",
    "group_problems",
    "plan_fit",
    "plan_problems",
    "seats",
    "teams",
    "worst_case_minutes",
]
