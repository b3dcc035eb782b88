"""`simulate` tells an author which endings the file makes possible at all, and why a lever stayed unused
(issue 10): never open to its owner, or open but never worth it to the computer players."""

from __future__ import annotations

import copy
from typing import Any

from negotiator.engine.simulate import simulate
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import BASE


def scenario(edit: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    edit(data)
    return Scenario.model_validate(data)


def test_possible_endings_say_which_can_happen_and_how_often() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["rules"]["each_turn"] = []  # nothing drains the broker's patience: it can never walk away

    summary = simulate(scenario(edit), None, 12, seed=1)
    ends = {e["name"]: e for e in summary.possible_endings}
    assert set(ends) == {"deal", "deadline", "walk_away (broker)"}
    walk = ends["walk_away (broker)"]
    assert not walk["possible"] and "no effect lowers meter 'patience'" in walk["why"] and walk["games"] == 0
    assert ends["deal"]["possible"] and ends["deal"]["games"] + ends["deadline"]["games"] == 12
    assert any("walk_away (broker)" in w and "it never can" in w for w in summary.warnings)
    as_json = summary.to_dict()
    assert as_json["possible_endings"] == summary.possible_endings


def test_an_ending_the_file_allows_counts_its_games() -> None:
    summary = simulate(scenario(lambda d: None), None, 6, seed=1)
    walk = next(e for e in summary.possible_endings if e["name"] == "walk_away (broker)")
    assert walk["possible"] and walk["why"] is None
    assert walk["games"] == sum(1 for r in summary.results if r.ending == "walk_away")


def test_an_unused_lever_says_why() -> None:
    def edit(data: dict[str, Any]) -> None:
        # the squeeze needs the broker's patience at 5 or less; it drains 5 a turn from 30, so never in 4 turns
        data["levers"][0]["conditions"] = [{"meter": "patience", "op": "<=", "value": 5.0}]
        # a speech that only helps the other side walk away: open every turn, never worth using
        data["levers"][1]["effects"] = [{"kind": "reservation", "who": "south", "change": 0.2}]
        data["levers"].append({**data["levers"][1], "id": "gala", "cost": 9, "name": "Gala"})

    summary = simulate(scenario(edit), None, 8, seed=1)
    why = summary.unused_levers
    assert why["squeeze"].startswith("never available: needs Patience <= 5")
    assert why["speech"].startswith("never worth it to the AI: open to its owner in 100% of games")
    assert why["gala"] == "never available: it costs 9 action points, actors get 2"
    assert "lever 'squeeze' was never used: never available" in " ".join(summary.warnings)
