"""A small three-party scenario built in code, so rule tests do not depend on tuning of shipped content."""

from __future__ import annotations

import copy
import json
from typing import Any

from negotiator.engine import EndTurn, parse_action
from negotiator.engine.state import GameState
from negotiator.scenario import ScenarioError, load_scenario_text
from negotiator.scenario.models import Scenario

BASE: dict[str, Any] = {
    "format_version": 1,
    "metadata": {"id": "rules_test", "title": "Rules test", "summary": "For tests.", "period": "now", "version": "1"},
    "meters": [
        {"id": "support", "name": "Support", "description": "Support at home.", "initial": 50.0, "score_weight": 10.0},
        {"id": "patience", "name": "Patience", "description": "Mediator patience.", "initial": 30.0},
        {
            "id": "tension",
            "name": "Tension",
            "description": "Shared.",
            "scope": "shared",
            "initial": 10.0,
            "higher_is_better": False,
        },
    ],
    "actors": [
        {
            "id": "north",
            "name": "North",
            "short_name": "North",
            "colour": "#112233",
            "public_brief": "N",
            "confidential_brief": "N secret",
        },
        {
            "id": "south",
            "name": "South",
            "short_name": "South",
            "colour": "#445566",
            "public_brief": "S",
            "confidential_brief": "S secret",
        },
        {
            "id": "broker",
            "name": "Broker",
            "short_name": "Broker",
            "colour": "#778899",
            "public_brief": "B",
            "confidential_brief": "B secret",
        },
    ],
    "issues": [
        {
            "id": "border",
            "name": "Border",
            "description": "Where the line runs.",
            "signatories": ["north", "south"],
            "options": [
                {"id": "north_line", "label": "North line"},
                {"id": "middle", "label": "Middle"},
                {"id": "south_line", "label": "South line"},
            ],
        },
        {
            "id": "trade",
            "name": "Trade",
            "description": "Tariffs.",
            "signatories": ["south", "broker"],
            "options": [{"id": "open", "label": "Open"}, {"id": "closed", "label": "Closed"}],
        },
    ],
    "preferences": {
        "north": {
            "reservation": {"value": 0.3},
            "issues": {
                "border": {
                    "weight": 2.0,
                    "values": {"north_line": 1.0, "middle": 0.5, "south_line": 0.0},
                    "red_lines": ["south_line"],
                },
                "trade": {"weight": 1.0, "values": {"open": 0.7, "closed": 0.3}},
            },
        },
        "south": {
            "reservation": {"value": 0.3, "moved_by": [{"meter": "tension", "per_point": -0.01, "pivot": 10.0}]},
            "issues": {
                "border": {"weight": 1.0, "values": {"north_line": 0.0, "middle": 0.5, "south_line": 1.0}},
                "trade": {"weight": 1.0, "values": {"open": 1.0, "closed": 0.0}},
            },
        },
        "broker": {
            "reservation": {"value": 0.4, "drift_per_turn": -0.05},
            "issues": {
                "border": {"weight": 1.0, "values": {"north_line": 0.5, "middle": 1.0, "south_line": 0.5}},
                "trade": {"weight": 1.0, "values": {"open": 0.2, "closed": 1.0}},
            },
        },
    },
    "levers": [
        {
            "id": "squeeze",
            "owner": "broker",
            "name": "Squeeze",
            "description": "Pressure South.",
            "cost": 2,
            "cooldown": 1,
            "targets": ["south"],
            "news": "{owner} squeezes {target}.",
            "effects": [
                {"kind": "meter", "meter": "support", "who": "target", "change": -10.0},
                {"kind": "reservation", "who": "target", "change": -0.1},
                {"kind": "deal_bonus", "who": "target", "change": 0.2},
            ],
            "costs": [{"kind": "meter", "meter": "tension", "change": 5.0}],
        },
        {
            "id": "speech",
            "owner": "north",
            "name": "Speech",
            "description": "Rally.",
            "cost": 1,
            "uses": 1,
            "news": "{owner} speaks.",
            "effects": [{"kind": "meter", "meter": "support", "who": "self", "change": 5.0}],
        },
    ],
    "events": [
        {
            "id": "storm",
            "name": "Storm",
            "trigger": {"turn": 2},
            "news": "A storm.",
            "effects": [{"kind": "meter", "meter": "tension", "change": 3.0}],
        },
        {
            "id": "maybe",
            "name": "Maybe",
            "trigger": {"chance": 0.5, "once": False},
            "news": "Maybe.",
            "effects": [{"kind": "meter", "meter": "tension", "change": 1.0}],
        },
    ],
    "rules": {
        "turns": 4,
        "action_points": 2,
        "each_turn": [{"kind": "meter", "meter": "patience", "who": "broker", "change": -5.0}],
        "endings": [
            {
                "kind": "walk_away",
                "actor": "broker",
                "text": "Broker leaves.",
                "when": {"meter": "patience", "actor": "broker", "op": "<=", "value": 0.0},
            }
        ],
        "commitments": {
            "score_penalty": 10.0,
            "effects": [{"kind": "meter", "meter": "support", "who": "self", "change": -20.0}],
        },
    },
}


def make_scenario(**changes: Any) -> Scenario:
    """The base scenario with top-level sections or dotted rule fields replaced, e.g. rules__turns=8."""
    data = copy.deepcopy(BASE)
    for key, value in changes.items():
        target = data
        *path, last = key.split("__")
        for part in path:
            target = target[part]
        target[last] = value
    return Scenario.model_validate(data)


def play(state: GameState, *texts: str) -> GameState:
    """Apply actions written as text, each by whoever moves."""
    for text in texts:
        state = state.apply(parse_action(text, state.current_actor))
    return state


def end_turn(state: GameState) -> GameState:
    """Every remaining mover of this turn ends its move."""
    turn = state.turn
    while not state.is_over() and state.turn == turn:
        state = state.apply(EndTurn(state.current_actor))
    return state


def problems(data: dict[str, Any]) -> list[str]:
    """The errors the validator finds in a scenario written as a dict, as "field: message" (it must refuse it)."""
    try:
        load_scenario_text(json.dumps(data), "x.yaml")
    except ScenarioError as exc:
        return [f"{p.field}: {p.message}" for p in exc.problems if p.severity == "error"]
    raise AssertionError("the validator accepted the scenario")
