"""What the format can say: meter-scaled chances and effects, hidden meters, triggers on settlement and on a
lever's use, attributed events, and levers or events that add red lines or take options off the table."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from negotiator.engine import IllegalActionError, MakeOffer, new_game, parse_action
from negotiator.engine.players import play_ai_game
from negotiator.engine.state import GameState
from negotiator.scenario.models import Scenario
from tests.engine.scenario_factory import BASE, end_turn, play, problems


def scenario_with(**edits: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    for key, value in edits.items():
        data[key] = value
    return Scenario.model_validate(data)


def event(event_id: str, trigger: dict[str, Any], effects: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {
        "id": event_id,
        "name": event_id.title(),
        "news": f"{event_id}.",
        "trigger": trigger,
        "effects": effects,
        **more,
    }


def entries(state: GameState) -> list[Any]:
    return [*(e for r in state.records for e in r.entries), *state.entries]


def fired_in(state: GameState, event_id: str) -> list[int]:
    return [e.turn for e in entries(state) if e.kind == "event" and e.data.get("event") == event_id]


TENSION_UP = {"kind": "meter", "meter": "tension", "change": 1.0}


def test_a_chance_that_rises_with_a_meter() -> None:
    # Chance 0 at tension 10, +0.1 per point: certain from tension 20 on.
    rising = event(
        "flare",
        {"chance": 0.0, "once": False, "chance_moved_by": [{"meter": "tension", "per_point": 0.1, "pivot": 10.0}]},
        [TENSION_UP],
    )
    calm = new_game(scenario_with(events=[rising]), seed=1)
    for _ in range(3):
        calm = end_turn(calm)
    assert fired_in(calm, "flare") == []
    tense = scenario_with(events=[rising], meters=[*BASE["meters"][:2], {**BASE["meters"][2], "initial": 25.0}])
    state = new_game(tense, seed=1)
    for _ in range(3):
        state = end_turn(state)
    assert fired_in(state, "flare") == [1, 2, 3, 4]


def test_a_hidden_meter_moves_and_triggers_but_is_never_described() -> None:
    fuse = {
        "id": "fuse",
        "name": "Fuse",
        "description": "Bookkeeping.",
        "scope": "shared",
        "initial": 0.0,
        "hidden": True,
    }
    meters = [*BASE["meters"], fuse]
    tick = {
        **BASE["rules"],
        "each_turn": [*BASE["rules"]["each_turn"], {"kind": "meter", "meter": "fuse", "change": 1}],
    }
    boom = event("boom", {"when": [{"meter": "fuse", "op": ">=", "value": 2.0}]}, [TENSION_UP])
    scenario = scenario_with(meters=meters, rules=tick, events=[boom])
    assert [m.id for m in scenario.shown_meters] == ["support", "patience", "tension"]
    state = new_game(scenario, seed=1)
    for _ in range(3):
        state = end_turn(state)
    assert state.meters["fuse"] == 3.0 and fired_in(state, "boom") == [3]
    described = [c for r in state.records for e in r.entries for c in e.data.get("changes", [])]
    assert described and not any("Fuse" in c for c in described)
    data = copy.deepcopy(BASE)
    data["meters"].append({**fuse, "score_weight": 5.0})
    assert any("hidden meter cannot score" in m for m in problems(data))


def test_events_on_a_settlement_and_on_a_lever_that_worked() -> None:
    after_deal = event("ceremony", {"after_settled": ["border"]}, [TENSION_UP])
    after_speech = event("rally", {"after_lever": "speech"}, [TENSION_UP])
    state = new_game(scenario_with(events=[after_deal, after_speech]), seed=3)
    state = play(state, "lever speech", "offer border=middle", "end", "accept 1", "end", "end")  # turn 1
    assert state.turn == 2 and state.settled == {"border": "middle"}
    assert fired_in(state, "ceremony") == [2] and fired_in(state, "rally") == [2]


def test_an_attributed_event_acts_as_its_actor() -> None:
    speech = event("address", {"turn": 1}, [{"kind": "meter", "meter": "support", "who": "self", "change": 7.0}])
    state = new_game(scenario_with(events=[{**speech, "actor": "south"}]), seed=1)
    assert state.meters["support@south"] == 57.0 and state.meters["support@north"] == 50.0
    entry = next(e for e in entries(state) if e.kind == "event")
    assert entry.actor == "south"


def test_a_lever_that_makes_its_target_rule_out_an_option_binds_it() -> None:
    pledge = {
        "id": "pledge",
        "owner": "north",
        "name": "Extract a pledge",
        "description": "South pledges never to take the North line.",
        "targets": ["south"],
        "news": "{target} pledges.",
        "effects": [{"kind": "red_line", "who": "target", "issue": "border", "option": "north_line"}],
    }
    state = new_game(scenario_with(levers=[pledge]), seed=1)
    state = play(state, "lever pledge south", "end", "end", "end")
    assert ("border", "north_line") in state.public_red_lines["south"]
    # South can still propose it, but that breaks a public commitment (an audience cost), as a declared line does.
    assert state.current_actor == "south"  # turn 2 starts with South
    state = play(state, "offer border=north_line")
    assert state.broken_commitments["south"] == 1


def test_an_option_taken_off_the_table_cannot_be_offered_and_voids_open_offers() -> None:
    ruling = event("ruling", {"turn": 2}, [{"kind": "remove_option", "issue": "border", "option": "south_line"}])
    state = new_game(scenario_with(events=[ruling]), seed=1)
    state = play(state, "end", "offer border=south_line", "end")  # South offers it in turn 1; nobody answers
    state = end_turn(state) if state.turn == 1 else state
    assert state.turn == 2 and ("border", "south_line") in state.removed_options
    assert all(o.status != "open" for o in state.offers if ("border", "south_line") in o.terms)
    with pytest.raises(IllegalActionError, match="taken off the table"):
        state.apply(MakeOffer(state.current_actor, (("border", "south_line"),)))
    finished = play_ai_game(scenario_with(events=[ruling]), seed=4)
    late = [o for o in finished.offers if o.turn >= 2]
    assert late and not any(("border", "south_line") in o.terms for o in late)


def test_a_red_line_on_an_option_taken_off_the_table_is_refused() -> None:
    ruling = event("ruling", {"turn": 2}, [{"kind": "remove_option", "issue": "border", "option": "middle"}])
    state = end_turn(new_game(scenario_with(events=[ruling]), seed=1))
    assert state.turn == 2 and ("border", "middle") in state.removed_options
    with pytest.raises(IllegalActionError, match="taken off the table"):
        state.apply(parse_action("redline border=middle", state.current_actor))
    # A line on an option still on the table is as legal as before.
    assert ("border", "north_line") in play(state, "redline border=north_line").public_red_lines[state.current_actor]


def test_an_effect_scaled_by_a_meter() -> None:
    surge = {
        "id": "surge",
        "owner": "north",
        "name": "Surge",
        "description": "Hurts more when tension is high.",
        "targets": ["south"],
        "news": "{owner} surges.",
        "effects": [
            {
                "kind": "meter",
                "meter": "support",
                "who": "target",
                "change": -10.0,
                "scaled_by": {"meter": "tension", "per_point": 0.1, "pivot": 10.0},
            }
        ],
    }
    hot = [*BASE["meters"][:2], {**BASE["meters"][2], "initial": 20.0}]
    scenario = scenario_with(levers=[surge], meters=hot, events=[])
    state = play(new_game(scenario, seed=1), "lever surge south", "end", "end", "end")
    assert state.meters["support@south"] == pytest.approx(30.0)  # -10 x (1 + 0.1 x (20 - 10))


def test_the_validator_checks_the_new_expressions() -> None:
    data = copy.deepcopy(BASE)
    data["events"] = [
        event(
            "a", {"after_lever": "speach", "after_settled": ["bordr"]}, [{"kind": "remove_option", "issue": "border"}]
        ),
        event(
            "b",
            {"chance_moved_by": [{"meter": "tensoin", "per_point": 0.1}]},
            [
                {"kind": "red_line", "who": "north", "issue": "border", "option": "midle"},
                {"kind": "meter", "meter": "tension"},
            ],
        ),
        event("c", {}, [{"kind": "meter", "meter": "support", "who": "self", "change": 1}], actor="nobody"),
    ]
    messages = problems(data)
    for expected in (
        "unknown lever 'speach'",
        "unknown issue 'bordr'",
        "needs 'issue: ISSUE_ID' and 'option: OPTION_ID'",
        "unknown meter 'tensoin'",
        "unknown option 'midle'",
        "needs 'change: NUMBER'",
        "unknown actor 'nobody'",
    ):
        assert any(expected in m for m in messages), (expected, messages)


def test_an_option_can_need_the_consent_of_an_actor_who_does_not_sign_its_issue() -> None:
    issues = copy.deepcopy(BASE["issues"])
    issues[1]["options"][0]["consent"] = ["north"]  # trade is South's and the Broker's; "open" also needs North
    scenario = scenario_with(issues=issues)
    state = new_game(scenario, seed=1)
    state = play(state, "end", "offer trade=open")  # South proposes
    offer = state.offers[-1]
    assert set(offer.to) == {"broker", "north"}
    closed = new_game(scenario, seed=1)
    closed = play(closed, "end", "offer trade=closed")
    assert closed.offers[-1].to == ("broker",)
    assert play_ai_game(scenario, seed=2).is_over()


def test_an_option_removed_while_an_offer_awaits_ratification_is_not_settled() -> None:
    # Levers resolve before ratification: an offer everyone accepted this turn used to be ratified with the option
    # the lever had just taken off the table.
    strike = {
        "id": "strike",
        "owner": "north",
        "name": "Strike",
        "description": "Takes the south line off the table.",
        "news": "{owner} strikes.",
        "effects": [{"kind": "remove_option", "issue": "border", "option": "middle"}],
    }
    state = new_game(scenario_with(levers=[strike], events=[]), seed=1)
    state = play(state, "lever strike", "offer border=middle", "end", "accept 1", "end", "end")
    assert ("border", "middle") in state.removed_options and "border" not in state.settled


def test_red_lines_and_removed_options_never_leave_an_issue_with_nothing_to_agree() -> None:
    removal = event("court", {"turn": 2}, [{"kind": "remove_option", "issue": "border", "option": "south_line"}])
    state = new_game(scenario_with(events=[removal]), seed=1)
    state = play(state, "redline border=middle", "end", "end", "end")  # North rules out the middle in public
    assert ("border", "south_line") in state.removed_options  # the court removes the south line in turn 2
    state = play(state, "end", "end")  # South and the Broker move first in turn 2
    assert state.current_actor == "north"
    with pytest.raises(IllegalActionError, match="still on the table"):  # the north line is all that is left
        state.apply(parse_action("redline border=north_line", "north"))


def test_a_scale_read_from_the_target_needs_a_lever_with_targets() -> None:
    data = copy.deepcopy(BASE)
    data["levers"][1]["effects"][0]["scaled_by"] = {"meter": "support", "actor": "target", "per_point": 0.1}
    assert any("'target' needs a lever with targets" in m for m in problems(data))


def test_an_ai_counts_the_consent_an_option_needs_before_proposing_it() -> None:
    # North cares mostly about trade and loathes "open", whose consent it holds; South, who signs trade, loves it.
    # South used to propose "open" again and again (40 offers in 30 games, all refused); it now sees North's no.
    data = copy.deepcopy(BASE)
    data["issues"][1]["options"][0]["consent"] = ["north"]
    north = data["preferences"]["north"]
    north["reservation"]["value"] = 0.5
    north["issues"]["trade"].update(weight=5.0, values={"open": 0.0, "closed": 1.0})
    north["issues"]["border"]["weight"] = 0.1
    scenario = Scenario.model_validate(data)
    asked = 0
    for seed in range(10):
        state = play_ai_game(scenario, seed)
        asked += sum(1 for o in state.offers if o.proposer == "south" and ("trade", "open") in o.terms)
    assert asked <= 2, asked
