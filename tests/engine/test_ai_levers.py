"""Lever valuation by look-ahead (hard): exact chances, levers planned together, risk that fades with distance."""

from __future__ import annotations

import copy
from typing import Any

from negotiator.engine import new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.levers import lever_plan, position, rollout_values, start_world
from negotiator.engine.view import LeverStatus
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import BASE

# North's provocations lower South's no-deal value (South settles for less) and raise the shared tension
# towards an escalation that costs everyone 100 points.
ESCALATION = {"kind": "escalation", "text": "War.", "when": {"meter": "tension", "op": ">=", "value": 30.0}}


def _provoke(lever_id: str, chance: float = 1.0) -> dict[str, Any]:
    return {
        "id": lever_id,
        "owner": "north",
        "name": lever_id.title(),
        "description": "A border incident.",
        "cost": 1,
        "targets": ["south"],
        "success_chance": chance,
        "news": "{owner} provokes {target}.",
        "effects": [{"kind": "reservation", "who": "target", "change": -0.08}],
        "costs": [{"kind": "meter", "meter": "tension", "change": 12.0}],
    }


def _scenario(levers: list[dict[str, Any]], turns: int = 6) -> Scenario:
    data = copy.deepcopy(BASE)
    data["events"] = []
    data["levers"] = levers
    data["rules"]["turns"] = turns
    data["rules"]["endings"] = [ESCALATION]
    data["rules"]["scoring"] = {"ending_points": {"escalation": -100.0}}
    data["actors"][0]["ai"] = {"difficulty": "hard"}
    return Scenario.model_validate(data)


def _north(scenario: Scenario) -> Context:
    state = new_game(scenario, seed=1)
    return Context(view(state, "north"), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"])


def _choice(ctx: Context, lever_id: str) -> tuple[LeverStatus, str]:
    lever = ctx.c.levers[lever_id]
    return LeverStatus(lever, ("south",), None), "south"


def test_a_rollout_weighs_a_chancy_lever_by_its_exact_chance() -> None:
    # No event and no other chance: the only randomness is whether the lever works, so its value is exactly
    # its chance times the value of a sure one (three sampled rollouts could only give 0, 1/3, 2/3 or 1).
    sure = _north(_scenario([_provoke("provoke")]))
    chancy = _north(_scenario([_provoke("provoke", 0.5)]))
    cost_only = _north(_scenario([_provoke("provoke", 0.0)]))
    [v_sure] = rollout_values(sure, [_choice(sure, "provoke")], 7, [])
    [v_half] = rollout_values(chancy, [_choice(chancy, "provoke")], 7, [])
    [v_none] = rollout_values(cost_only, [_choice(cost_only, "provoke")], 7, [])
    assert abs(v_half - (0.5 * v_sure + 0.5 * v_none)) < 1e-9, (v_sure, v_half, v_none)
    assert v_none < v_half < v_sure


def test_levers_planned_in_one_move_are_valued_together() -> None:
    # Each provocation alone leaves the tension (10 + 12 = 22) below the escalation at 30 and pays; both in one
    # move (34) surely escalate. Valued each as if alone, a hard North queued both and escalated on every seed.
    ctx = _north(_scenario([_provoke("provoke"), _provoke("incident")]))
    plans = [lever_plan(ctx, seed, lambda n: 0.5) for seed in range(8)]
    assert all(len(plan) == 1 for plan in plans), plans


def test_an_ending_further_off_weighs_less_in_a_look_ahead() -> None:
    ctx = _north(_scenario([_provoke("provoke")]))
    base = start_world(ctx).meters.copy()
    values = []
    for later in range(4):
        world = start_world(ctx)
        world.ending, world.ending_index, world.ending_turn = "escalation", 0, ctx.view.turn + later
        values.append(position(ctx, world, base))
    # Reached this turn: certain; a turn later: a risk, and less of one the further off it is.
    assert values[0] < values[1] < values[2] < values[3], values


def test_a_lever_that_makes_a_deal_likelier_counts_the_deals_own_points() -> None:
    # The provocation lowers South's no-deal value, so a deal becomes likelier; where a deal itself scores
    # (the tutorial gives +10 for any deal) that is worth more to North, as the score says. Before, a deal's
    # ending points never entered lever choice, and a hard union stopped striking (a strike that paid).
    plain = _scenario([_provoke("provoke")])
    scored = plain.model_copy(deep=True)
    scored.rules.scoring.ending_points["deal"] = 10.0
    values = []
    for scenario in (plain, scored):
        ctx = _north(scenario)
        [value] = rollout_values(ctx, [_choice(ctx, "provoke")], 7, [])
        values.append(value)
    assert values[1] > values[0] + 1e-4, values
