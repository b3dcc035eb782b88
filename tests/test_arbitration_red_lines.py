"""An arbitrator's ruling and the parties' red lines (issue 10): a ruling is a package, and no party accepts a
package that crosses its private red line. The party refuses it, nothing is imposed, and the game ends with no
agreement (the deadline's kind and points, the refusing party named); a ruling that crosses nobody's line
stands. Built on the labour dispute an author wrote from the guide (union's red line: 1 % pay)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from negotiator.engine import new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.ai.context import Context
from negotiator.engine.endings import ending_points
from negotiator.engine.outcome import compute_outcome
from negotiator.engine.simulate import simulate
from negotiator.engine.state import GameState
from negotiator.scenario.inert import reachable_endings
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import end_turn, play

LABOUR = Path(__file__).resolve().parent / "fixtures" / "author10" / "labour_arbitration.yaml"
FAIR = {"pay": "pay_3", "shifts": "limit", "outsourcing": "capped"}


def _labour(rule: str, package: dict[str, str], referral: bool = False) -> Scenario:
    data: dict[str, Any] = yaml.safe_load(LABOUR.read_text(encoding="utf-8"))
    if referral:  # the mediator's patience (45, -5 a turn without progress) runs out on turn 2
        next(m for m in data["meters"] if m["id"] == "patience")["initial"] = 10
    data["levers"], data["events"] = [], []
    data["rules"]["arbitration"] = {"rule": rule, "package": package, "text": "The arbitrator rules."}
    endings = data["rules"]["endings"]
    data["rules"]["endings"] = [e for e in endings if e["kind"] != "arbitration" or referral]
    data["rules"]["scoring"] = {"ending_points": {"deadline": -5, "arbitration": 7}}
    return Scenario.model_validate(data)


def _to_the_end(state: GameState) -> GameState:
    while not state.is_over():
        state = end_turn(state)
    return state


def test_a_package_ruling_across_a_red_line_is_refused_and_nothing_is_imposed() -> None:
    scenario = _labour("package", {**FAIR, "pay": "pay_1"})  # 1 %: the union's red line
    state = _to_the_end(new_game(scenario, seed=1))
    ending = state.ending
    assert ending is not None and ending.kind == "deadline" and ending.actor == "union"
    assert ending.imposed == () and dict(state.settled) == {}
    assert "Union refuses the ruling (Pay: 1 %" in ending.text
    assert ending_points(scenario.rules, ending, "union") == -5  # no agreement's points, not arbitration's
    assert "Nothing was agreed." in compute_outcome(state).summary


def test_a_ruling_that_crosses_no_red_line_is_imposed() -> None:
    state = _to_the_end(new_game(_labour("package", FAIR), seed=1))
    assert state.ending is not None and state.ending.kind == "arbitration"
    assert dict(state.ending.imposed) == FAIR == dict(state.settled)


def test_a_midpoint_on_one_sides_offers_alone_is_refused_by_the_other() -> None:
    # Management alone proposes: the midpoint is its own 1 %, below the union's red line (the guide's case).
    scenario = _labour("midpoint", FAIR)
    state = new_game(scenario, seed=1)
    while state.current_actor != "management":
        state = play(state, "end")
    state = play(state, "offer pay=pay_1 shifts=keep outsourcing=allowed")
    state = _to_the_end(state)
    assert state.ending is not None and state.ending.kind == "deadline" and state.ending.actor == "union"
    assert state.ending.imposed == ()


def test_an_early_referral_whose_ruling_is_refused_ends_without_agreement() -> None:
    scenario = _labour("package", {**FAIR, "pay": "pay_1"}, referral=True)
    state = _to_the_end(new_game(scenario, seed=1))
    ending = state.ending
    assert ending is not None and ending.kind == "deadline" and ending.actor == "union"
    assert ending.turn == 2 < scenario.rules.turns and ending.index is None  # not the referral's own points
    assert ending.text.startswith("The mediator's patience is exhausted")


def test_the_ai_does_not_count_on_a_ruling_it_would_refuse() -> None:
    scenario = _labour("package", {**FAIR, "pay": "pay_1"})
    state = new_game(scenario, seed=1)
    union = Context(view(state, "union"), PERSONALITIES["pragmatist"], DIFFICULTIES["normal"])
    management = Context(view(state, "management"), PERSONALITIES["pragmatist"], DIFFICULTIES["normal"])
    assert union.arbitrated is None and union.fallback == union.reservation
    assert management.arbitrated is not None  # the union's line is private: management cannot foresee it


def test_simulate_names_a_refused_ruling_as_a_possible_ending() -> None:
    scenario = _labour("package", {**FAIR, "pay": "pay_1"})
    names = [e.name for e in reachable_endings(scenario)]
    assert "deadline (union)" in names and "deadline (management)" not in names
    assert "deadline (union)" not in [e.name for e in reachable_endings(_labour("package", FAIR))]
    summary = simulate(scenario, "labour", 20, seed=1)
    games = {e["name"]: e["games"] for e in summary.possible_endings}
    assert sum(games.values()) == 20  # every game ended in a way the file allows


def test_a_ruling_across_a_public_commitment_is_imposed_and_breaks_nothing() -> None:
    # Management declares 3 % pay its public red line (not a private one): the ruling imposes 3 % anyway.
    state = new_game(_labour("package", FAIR), seed=1)
    while state.current_actor != "management":
        state = play(state, "end")
    state = _to_the_end(play(state, "redline pay=pay_3"))
    assert state.ending is not None and state.ending.kind == "arbitration"
    assert dict(state.settled)["pay"] == "pay_3" and not any(state.broken_commitments.values())
