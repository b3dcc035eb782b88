"""Facilitator actions: allowed at any moment, logged as the facilitator's, and replayed exactly."""

from __future__ import annotations

import pytest

from negotiator.engine import (
    FACILITATOR,
    AdjustMeter,
    EndTurn,
    IllegalActionError,
    InjectEvent,
    InvalidActionError,
    SendBulletin,
    SetDeadline,
    action_from_dict,
    new_game,
    parse_action,
)
from tests.engine.scenario_factory import make_scenario


def test_facilitator_acts_out_of_turn_and_is_logged_as_such() -> None:
    state = new_game(make_scenario(), seed=2)
    state = state.apply(InjectEvent(FACILITATOR, event="storm"))
    state = state.apply(AdjustMeter(FACILITATOR, meter="support", holder="south", change=-7))
    state = state.apply(SendBulletin(FACILITATOR, text="Talks resume tomorrow."))
    marked = [e for e in state.entries if e.phase == "facilitator"]
    assert [e.kind for e in marked] == ["event", "adjust", "bulletin"]
    assert all(e.data.get("facilitator") for e in marked)
    assert state.meter("support", "south") == 43
    assert state.current_actor == "north"  # the move order is untouched


def test_only_the_facilitator_may_use_facilitator_actions() -> None:
    state = new_game(make_scenario(), seed=2)
    with pytest.raises(IllegalActionError, match="only the facilitator"):
        state.apply(SendBulletin("north", text="hello"))


def test_facilitator_input_is_checked() -> None:
    state = new_game(make_scenario(), seed=2)
    with pytest.raises(InvalidActionError, match="no event"):
        state.apply(InjectEvent(FACILITATOR, event="flood"))
    with pytest.raises(InvalidActionError, match="name one"):
        state.apply(AdjustMeter(FACILITATOR, meter="support", change=3))
    with pytest.raises(InvalidActionError, match="shared"):
        state.apply(AdjustMeter(FACILITATOR, meter="tension", holder="north", change=3))
    with pytest.raises(IllegalActionError, match="between"):
        state.apply(SetDeadline(FACILITATOR, turns=0))


def test_moving_the_deadline_changes_when_the_game_ends() -> None:
    state = new_game(make_scenario(), seed=2).apply(SetDeadline(FACILITATOR, turns=1))
    while not state.is_over():
        state = state.apply(EndTurn(state.current_actor))  # type: ignore[arg-type]
    assert state.outcome().ending == "deadline" and state.outcome().turn == 1  # type: ignore[union-attr]


def test_facilitator_actions_replay_identically_and_round_trip() -> None:
    actions = [
        parse_action("adjust support@north +5", FACILITATOR),
        EndTurn("north"),
        parse_action("inject storm", FACILITATOR),
        parse_action("bulletin Press conference at noon", FACILITATOR),
        parse_action("deadline 6", FACILITATOR),
        EndTurn("south"),
    ]
    state = new_game(make_scenario(), seed=9)
    for action in actions:
        state = state.apply(action)
    again = new_game(make_scenario(), seed=9)
    for action in [action_from_dict(a.to_dict()) for a in state.actions]:
        again = again.apply(action)
    assert again.state_hash() == state.state_hash()
    assert [str(a) for a in actions[:1]] == ["adjust support@north +5"]


def test_injecting_a_once_event_takes_it_out_of_its_scheduled_turn() -> None:
    """As docs/classroom.md says: an injected event counts as fired, so a once-only event scheduled for turn 2
    does not fire again there; an event that may repeat still fires on its own schedule."""

    def fired_in_events_phase(state, event: str) -> int:  # type: ignore[no-untyped-def]
        entries = [e for r in state.records for e in r.entries] + list(state.entries)
        return sum(1 for e in entries if e.kind == "event" and e.data.get("event") == event and e.phase == "events")

    def play_to_turn_3(state):  # type: ignore[no-untyped-def]
        while state.turn < 3:
            state = state.apply(EndTurn(state.current_actor))
        return state

    plain = play_to_turn_3(new_game(make_scenario(), seed=2))
    assert fired_in_events_phase(plain, "storm") == 1
    injected = play_to_turn_3(new_game(make_scenario(), seed=2).apply(InjectEvent(FACILITATOR, event="storm")))
    assert fired_in_events_phase(injected, "storm") == 0
    assert "storm" in injected.core.fired_events
