"""Endings in the author's hands: texts, arbitration, several conditions, per-actor points, AI attitudes."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from negotiator.engine import EndTurn, new_game
from negotiator.engine.players import play_ai_game
from negotiator.engine.state import GameState
from tests.engine.scenario_factory import BASE, make_scenario, play, problems

WALK_AWAY = copy.deepcopy(BASE["rules"]["endings"][0])


def to_the_end(state: GameState) -> GameState:
    while not state.is_over():
        state = state.apply(EndTurn(state.current_actor))
    return state


def test_the_scenario_writes_the_deadline_text_and_the_default_is_neutral() -> None:
    default = to_the_end(new_game(make_scenario(), seed=1)).outcome()
    assert default is not None and default.ending == "deadline"
    assert default.ending_text == "The deadline passes without a full agreement."
    own = to_the_end(new_game(make_scenario(rules__deadline_text="The strike goes on."), seed=1)).outcome()
    assert own is not None and own.ending_text == "The strike goes on."
    assert "The strike goes on." in own.summary


def test_a_deal_on_some_issues_names_them_unless_the_scenario_words_it() -> None:
    moves = ("offer border=middle", "end", "accept 1", "end", "end")
    state = play(new_game(make_scenario(rules__deal_issues=["border"]), seed=3), *moves)
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "deal"
    assert outcome.ending_text == "The issues that make a deal (Border) are settled: a deal is signed."
    state = play(new_game(make_scenario(rules__deal_issues=["border"], rules__deal_text="Signed."), seed=3), *moves)
    assert state.outcome().ending_text == "Signed."  # type: ignore[union-attr]


def test_arbitration_at_the_deadline_imposes_its_package() -> None:
    arbitration = {"package": {"border": "middle", "trade": "closed"}, "text": "The court rules."}
    state = to_the_end(new_game(make_scenario(rules__arbitration=arbitration), seed=1))
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "arbitration" and outcome.ending_text == "The court rules."
    assert state.settled == {"border": "middle", "trade": "closed"}
    assert "Imposed by arbitration: Border: Middle; Trade: Closed." in outcome.summary
    assert "Nothing was agreed." in outcome.summary
    # Each actor's outcome is scored on the imposed terms, as for a deal (but no deal bonus is paid).
    assert outcome.scores["south"].utility == pytest.approx(0.25)  # (0.5 x 1 + 0 x 1) / 2
    ruling = [e for r in state.records for e in r.entries if e.kind == "arbitration"]
    assert ruling and ruling[0].data["terms"] == {"border": "middle", "trade": "closed"}


def test_the_midpoint_rule_splits_the_difference_between_the_latest_offers() -> None:
    arbitration = {"rule": "midpoint", "package": {"trade": "open"}, "text": "Split."}
    state = new_game(make_scenario(rules__arbitration=arbitration), seed=1)
    # North asks for its line, South for its own: the arbitrator rules the middle; nobody proposed on trade,
    # so the package's option stands there.
    state = play(state, "offer border=north_line", "end", "reject 1", "offer border=south_line", "end")
    state = to_the_end(state)
    assert state.outcome().ending == "arbitration"  # type: ignore[union-attr]
    assert state.settled == {"border": "middle", "trade": "open"}


def test_an_arbitration_ending_fires_early_and_leaves_what_was_agreed() -> None:
    referral = {**WALK_AWAY, "kind": "arbitration", "text": "The broker refers the dispute."}
    scenario = make_scenario(
        rules__turns=10,
        rules__endings=[referral],
        rules__arbitration={"at_deadline": False, "package": {"border": "north_line"}, "text": "unused"},
    )
    state = to_the_end(new_game(scenario, seed=1))
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "arbitration" and outcome.turn == 6
    assert outcome.ending_text == "The broker refers the dispute." and outcome.actor == "broker"
    assert state.settled == {"border": "north_line"}
    assert not outcome.complete


def test_an_ending_with_several_conditions_needs_all_of_them() -> None:
    both = {
        **WALK_AWAY,
        "when": [
            {"meter": "patience", "actor": "broker", "op": "<=", "value": 10.0},
            {"meter": "tension", "op": ">=", "value": 100.0},
        ],
    }
    state = to_the_end(new_game(make_scenario(rules__turns=10, rules__endings=[both]), seed=1))
    assert state.outcome().ending == "deadline"  # type: ignore[union-attr]  # tension never reaches 100
    both["when"][1]["value"] = 0.0
    state = to_the_end(new_game(make_scenario(rules__turns=10, rules__endings=[both]), seed=1))
    assert state.outcome().ending == "walk_away" and state.outcome().turn == 4  # type: ignore[union-attr]


def test_ending_points_per_actor_and_per_ending() -> None:
    scoring = {"ending_points": {"walk_away": {"broker": -30.0, "default": 5.0}}}
    state = to_the_end(new_game(make_scenario(rules__turns=10, rules__scoring=scoring), seed=1))
    points = {a: s.breakdown["ending"] for a, s in state.outcome().scores.items()}  # type: ignore[union-attr]
    assert points == {"north": 5.0, "south": 5.0, "broker": -30.0}
    own = {**WALK_AWAY, "points": {"north": 12.0}}  # replaces the kind's points for this ending
    scenario = make_scenario(rules__turns=10, rules__scoring=scoring, rules__endings=[own])
    state = to_the_end(new_game(scenario, seed=1))
    points = {a: s.breakdown["ending"] for a, s in state.outcome().scores.items()}  # type: ignore[union-attr]
    assert points == {"north": 12.0, "south": 0.0, "broker": 0.0}


def test_the_validator_checks_the_new_ending_fields() -> None:
    data = copy.deepcopy(BASE)
    data["rules"]["endings"] = [{**WALK_AWAY, "kind": "arbitration", "points": {"brokr": 3}}]
    data["actors"][0]["ai"] = {"fears": ["escalaton"]}
    messages = problems(data)
    assert any("needs rules.arbitration" in m for m in messages), messages
    assert any("unknown actor 'brokr'" in m and "did you mean 'broker'" in m for m in messages), messages
    assert any("unknown ending 'escalaton'" in m and "escalation" in m for m in messages), messages
    data = copy.deepcopy(BASE)
    data["rules"]["arbitration"] = {"package": {"border": "midle", "trde": "open"}, "text": "t"}
    messages = problems(data)
    assert any("unknown option 'midle'" in m and "'middle'" in m for m in messages), messages
    assert any("unknown issue 'trde'" in m for m in messages), messages


# --- AI attitudes -------------------------------------------------------------------------------------------

# North can provoke South: it lowers South's no-deal value (South settles for less) but raises the shared
# tension towards an escalation that costs everyone 100 points.
PROVOKE = {
    "id": "provoke",
    "owner": "north",
    "name": "Provoke",
    "description": "A border incident.",
    "cost": 1,
    "targets": ["south"],
    "news": "{owner} provokes {target}.",
    "effects": [{"kind": "reservation", "who": "target", "change": -0.08}],
    "costs": [{"kind": "meter", "meter": "tension", "change": 12.0}],
}
ESCALATION = {
    "kind": "escalation",
    "text": "War.",
    "when": {"meter": "tension", "op": ">=", "value": 40.0},
}


def _provocations(attitude: dict[str, Any], seeds: range = range(12), events: bool = True) -> int:
    data = copy.deepcopy(BASE)
    if not events:
        data["events"] = []
    data["levers"] = [PROVOKE]
    data["rules"]["turns"] = 6
    data["rules"]["endings"] = [ESCALATION]
    data["rules"]["scoring"] = {"ending_points": {"escalation": -100.0}}
    data["actors"][0]["ai"] = {"difficulty": "hard", **attitude}
    from negotiator.scenario.models import Scenario

    scenario = Scenario.model_validate(data)
    used = 0
    for seed in seeds:
        state = play_ai_game(scenario, seed)
        used += sum(1 for a in state.actions if getattr(a, "lever", None) == "provoke")
        ESCALATED.append(state.outcome().ending == "escalation")  # type: ignore[union-attr]
    return used


ESCALATED: list[bool] = []


def test_an_ai_that_fears_an_ending_avoids_the_pressure_that_risks_it_and_one_that_does_not_uses_it() -> None:
    afraid = _provocations({})
    bold = _provocations({"risk_tolerance": 1.0})
    fearless = _provocations({"fears": []})
    assert bold > afraid, (afraid, bold)
    assert fearless > afraid, (afraid, fearless)


def test_a_tolerance_for_risk_is_not_a_taste_for_certain_disaster() -> None:
    # With no events, only North's own provocations raise the tension: reaching the escalation is never a risk
    # but the sure result of one more provocation. A bold North (risk_tolerance 1) still stops short of it; a
    # North that fears nothing does not.
    ESCALATED.clear()
    _provocations({"risk_tolerance": 1.0}, events=False)
    assert not any(ESCALATED)
    ESCALATED.clear()
    _provocations({"fears": []}, events=False)
    assert all(ESCALATED)


def test_an_arbitrator_never_imposes_an_option_taken_off_the_table() -> None:
    ruling = {
        "id": "ruling",
        "name": "Ruling",
        "news": "Off the table.",
        "trigger": {"turn": 1},
        "effects": [{"kind": "remove_option", "issue": "border", "option": "middle"}],
    }
    arbitration = {"package": {"border": "middle", "trade": "open"}, "text": "Imposed."}
    state = to_the_end(new_game(make_scenario(events=[ruling], rules__arbitration=arbitration), seed=1))
    assert state.outcome().ending == "arbitration"  # type: ignore[union-attr]
    assert state.settled == {"trade": "open"}  # the border stays open rather than take the removed option


# -- computer players that foresee arbitration -----------------------------------------------------------

GENEROUS = {"package": {"border": "north_line", "trade": "open"}, "text": "The court rules."}  # 0.9 to North


def fallback(scenario_changes: dict[str, Any], actor: str = "north") -> float:
    from negotiator.engine import view
    from negotiator.engine.ai import make_ai
    from negotiator.engine.ai.context import Context

    state = new_game(make_scenario(**scenario_changes), seed=1)
    ai = make_ai(state.scenario, actor)
    return Context(view(state, actor), ai.personality, ai.difficulty).fallback  # type: ignore[return-value]


def test_a_computer_player_falls_back_on_what_the_arbitrator_would_give_it() -> None:
    assert fallback({}) == pytest.approx(0.3)  # no arbitration: its no-deal value
    assert fallback({"rules__arbitration": GENEROUS}) == pytest.approx((2 * 1.0 + 0.7) / 3)
    # An arbitrator worse than no deal never lowers what it asks for below its no-deal value.
    harsh = {"package": {"border": "south_line", "trade": "closed"}, "text": "t"}
    assert fallback({"rules__arbitration": harsh}) == pytest.approx(0.3)
    # A referral that is not at the deadline changes nothing.
    assert fallback({"rules__arbitration": {**GENEROUS, "at_deadline": False}}) == pytest.approx(0.3)
    # Arbitration's own points against a deal's count: a court that costs North 30 points is worth less.
    costly = {"rules__arbitration": GENEROUS, "rules__scoring": {"ending_points": {"arbitration": -30}}}
    assert fallback(costly) < fallback({"rules__arbitration": GENEROUS})


def test_no_computer_player_settles_for_less_than_arbitration_would_give_it() -> None:
    # Before the AI foresaw arbitration, North took Border middle / Trade closed (0.43 to it) in every game.
    from negotiator.engine.utility import utility_model

    sc = make_scenario(rules__arbitration=GENEROUS)
    model = utility_model(sc)
    for seed in range(4):
        state = play_ai_game(sc, seed=seed)
        north = model.utility("north", model.package_from_ids(state.settled))
        assert north >= (2 * 1.0 + 0.7) / 3 - 1e-9, (seed, state.settled)


def test_events_that_bring_an_ending_about_end_the_game_before_anyone_moves() -> None:
    war = {
        "kind": "escalation",
        "text": "The storm sinks the talks.",
        "when": {"meter": "tension", "op": ">=", "value": 12.0},
    }
    sc = make_scenario(rules__endings=[war])  # the storm event adds 3 to tension (10) at the start of turn 2
    state = new_game(sc, seed=1)
    while state.turn == 1 and not state.is_over():
        state = state.apply(EndTurn(state.current_actor))
    outcome = state.outcome()
    assert state.is_over() and outcome is not None
    assert (outcome.ending, outcome.turn) == ("escalation", 2)
    turn_two = state.records[-1]
    assert turn_two.turn == 2 and [e.kind for e in turn_two.entries][-2:] == ["event", "ending"]
    assert not any(e.kind in {"offer", "lever"} for e in turn_two.entries)  # nobody negotiated past it


def test_a_midpoint_ruling_leans_towards_the_package_between_two_middles() -> None:
    # Trade has two options: South proposing one end and Broker the other leaves two middles.
    def ruling(leaning: str | None) -> str:
        arbitration: dict[str, Any] = {"rule": "midpoint", "text": "Split."}
        if leaning is not None:
            arbitration["package"] = {"trade": leaning}
        state = new_game(make_scenario(rules__arbitration=arbitration), seed=1)
        state = to_the_end(play(state, "end", "offer trade=open", "end", "offer trade=closed", "end"))
        assert state.ending is not None and state.ending.kind == "arbitration"
        return dict(state.ending.imposed)["trade"]

    assert ruling(None) == "open"  # no leaning: the earlier of the two
    assert ruling("closed") == "closed"
    assert ruling("open") == "open"
