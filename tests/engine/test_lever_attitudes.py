"""Lever choice follows the author's attitudes, not the scoring table alone (issue 10): a risk tolerance lightens
the score points of a meter that measures a feared ending's danger, and no AI pays for a lever that gains nothing.

The scenario is written for it: North's quarantine raises a shared, scored risk meter (`score_weight: 20`) that
ends the game in war at 90, far from its start, and lowers South's no-deal value a little."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from negotiator.engine import new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.levers import lever_values, table_value
from negotiator.engine.simulate import simulate
from negotiator.engine.view import LeverStatus
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import BASE

WAR = {"kind": "escalation", "text": "War.", "when": {"meter": "tension", "op": ">=", "value": 90.0}}
QUARANTINE = {
    "id": "quarantine",
    "owner": "north",
    "name": "Quarantine",
    "description": "Stop South's ships.",
    "cost": 1,
    "uses": 1,
    "targets": ["south"],
    "news": "{owner} stops {target}'s ships.",
    "effects": [{"kind": "reservation", "who": "target", "change": -0.04}],
    "costs": [{"kind": "meter", "meter": "tension", "change": 12.0}],
}


def _crisis(ai: dict[str, Any], levers: list[dict[str, Any]] | None = None) -> Scenario:
    data = copy.deepcopy(BASE)
    data["events"] = []
    tension = data["meters"][2]
    tension.update(score_weight=20.0, max=100.0)  # 12 points of risk cost every side 2.4 points, for sure
    data["preferences"]["south"]["reservation"].pop("moved_by")
    data["levers"] = [QUARANTINE] if levers is None else levers
    data["rules"]["turns"] = 6
    data["rules"]["endings"] = [WAR]
    data["rules"]["scoring"] = {"ending_points": {"escalation": -100.0}}
    data["actors"][0]["ai"] = ai
    return Scenario.model_validate(data)


def _value(scenario: Scenario, difficulty: str) -> float:
    ctx = Context(view(new_game(scenario, seed=1), "north"), PERSONALITIES["pragmatist"], DIFFICULTIES[difficulty])
    choice = (LeverStatus(ctx.c.levers["quarantine"], ("south",), None), "south")
    return lever_values(ctx, [choice], seed=1)[0]


def _use(scenario: Scenario) -> float:
    return simulate(scenario, "crisis", 30, seed=1).lever_use["quarantine"]


@pytest.mark.parametrize("difficulty", ["normal", "hard"])
def test_a_risk_tolerance_decides_whether_a_scored_risk_meter_stops_brinkmanship(difficulty: str) -> None:
    values = [_value(_crisis({"difficulty": difficulty, "risk_tolerance": t}), difficulty) for t in (0.0, 0.5, 1.0)]
    assert values[0] < 0.0 < values[2]  # cautious: not worth it; bold: worth it (before: the same, negative)
    assert values[0] < values[1] < values[2]
    assert _use(_crisis({"difficulty": difficulty, "risk_tolerance": 0.0})) == 0.0
    assert _use(_crisis({"difficulty": difficulty, "risk_tolerance": 1.0})) > 0.9


def test_a_scored_meter_no_feared_ending_reads_counts_in_full() -> None:
    # Fearing no ending, the risk meter is only a score: a tolerance has nothing to lighten.
    fearless = _value(_crisis({"difficulty": "hard", "risk_tolerance": 1.0, "fears": []}), "hard")
    cautious = _value(_crisis({"difficulty": "hard", "risk_tolerance": 0.0}), "hard")
    assert fearless == pytest.approx(cautious) and fearless < 0.0
    named = _value(_crisis({"difficulty": "hard", "risk_tolerance": 1.0, "fears": ["escalation"]}), "hard")
    assert named > 0.0


def _lever(lever_id: str, *effects: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": lever_id,
        "owner": "north",
        "name": lever_id.title(),
        "description": "For the test.",
        "cost": 1,
        "news": "{owner} acts.",
        "effects": list(effects),
    }


@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_no_ai_pays_for_a_lever_that_gains_nothing(difficulty: str) -> None:
    levers = [
        # its only effect costs its owner 5 points of a scored meter
        _lever("blunder", {"kind": "meter", "meter": "support", "who": "self", "change": -5.0}),
        # moves a meter nothing reads and nobody scores
        _lever("idle", {"kind": "meter", "meter": "patience", "who": "north", "change": 5.0}),
        _lever("speech", {"kind": "meter", "meter": "support", "who": "self", "change": 5.0}),  # a real gain
    ]
    use = simulate(_crisis({"difficulty": difficulty}, levers), "crisis", 40, seed=1).lever_use
    assert use["blunder"] == 0.0 and use["idle"] == 0.0  # before: 65-81% of games at easy and normal
    assert use["speech"] > 0.5


@pytest.mark.parametrize("difficulty", ["easy", "normal"])
def test_a_lever_that_works_through_the_event_it_sets_off_is_worth_its_event(difficulty: str) -> None:
    # The lever itself changes nothing; the vote it sets off next turn lowers South's no-deal value. Judged by
    # direct effects alone it was worth nothing, and an AI that never pays for nothing never used it.
    scenario = _crisis({"difficulty": difficulty}, [_lever("lobby")])
    data = scenario.model_dump(mode="json", exclude_none=True)
    data["events"] = [
        {
            "id": "vote",
            "name": "Vote",
            "trigger": {"after_lever": "lobby"},
            "news": "A vote.",
            "effects": [{"kind": "reservation", "who": "south", "change": -0.05}],
        }
    ]
    summary = simulate(Scenario.model_validate(data), "crisis", 30, seed=1)
    assert summary.lever_use["lobby"] > 0.9 and summary.event_rates["vote"] > 0.9


def _south(lever_id: str, effect: dict[str, Any]) -> dict[str, Any]:
    return {**_lever(lever_id, effect), "owner": "south", "uses": 1}


TABLE_LEVERS = [
    _south("court", {"kind": "remove_option", "issue": "border", "option": "north_line"}),  # North's favourite
    _south("pledge", {"kind": "red_line", "who": "north", "issue": "border", "option": "north_line"}),
    _south("own_goal", {"kind": "remove_option", "issue": "trade", "option": "open"}),  # South's favourite
    _south("moot", {"kind": "remove_option", "issue": "border", "option": "south_line"}),  # North never takes it
]


def _table_scenario(difficulty: str) -> Scenario:
    data = copy.deepcopy(BASE)
    data["levers"] = TABLE_LEVERS
    data["actors"][1]["ai"] = {"difficulty": difficulty}
    return Scenario.model_validate(data)


@pytest.mark.parametrize("difficulty", ["normal", "hard"])
def test_changes_to_the_table_are_worth_what_they_do_to_the_expected_deal(difficulty: str) -> None:
    # Before, every AI valued a red_line or remove_option effect at nothing: a hard AI never used a court
    # ruling against the other side's favourite option, and a normal one used all four alike, by accident.
    use = simulate(_table_scenario(difficulty), "table", 30, seed=1).lever_use
    assert use["court"] > 0.9 and use["pledge"] > 0.9
    assert use["own_goal"] == 0.0


def test_taking_my_own_favourite_off_the_table_costs_me_and_a_line_i_hold_anyway_nothing() -> None:
    scenario = _table_scenario("normal")
    state = new_game(scenario, seed=1)
    ctx = Context(view(state, "south"), PERSONALITIES["pragmatist"], DIFFICULTIES["normal"])
    assert table_value(ctx, ctx.c.levers["own_goal"], None) < 0.0
    north = Context(view(state, "north"), PERSONALITIES["pragmatist"], DIFFICULTIES["normal"])
    # 'south_line' is North's own red line: taking it off the table changes nothing North could agree to
    assert table_value(north, ctx.c.levers["moot"], None) == 0.0
