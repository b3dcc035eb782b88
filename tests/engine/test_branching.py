"""Branching replays keep the turns before the branch point identical and leave the original alone."""

from __future__ import annotations

import pytest

from negotiator.engine import EndTurn, IllegalActionError, new_game
from negotiator.engine.branching import rewind
from negotiator.engine.players import play_ai_game
from tests.engine.scenario_factory import make_scenario


def test_rewind_keeps_earlier_turns_identical_and_original_untouched() -> None:
    scenario = make_scenario(rules__turns=4)
    original = play_ai_game(scenario, seed=4)
    original_hash = original.state_hash()
    for turn in range(1, original.turn + 1):
        branch = rewind(original, turn)
        assert branch.turn == turn and branch.mover_index == 0 and not branch.is_over()
        assert [r.to_dict() for r in branch.records] == [r.to_dict() for r in original.records[: turn - 1]]
    assert original.state_hash() == original_hash


def test_a_branch_can_play_on_differently() -> None:
    scenario = make_scenario(rules__turns=4)
    original = play_ai_game(scenario, seed=4)
    branch = rewind(original, 2)
    while not branch.is_over():
        branch = branch.apply(EndTurn(branch.current_actor))  # type: ignore[arg-type]
    assert branch.outcome() is not None
    assert branch.records[0].to_dict() == original.records[0].to_dict()


def test_rewind_to_a_turn_outside_the_game_is_refused() -> None:
    state = new_game(make_scenario(), seed=1)
    with pytest.raises(IllegalActionError, match="from 1 to 1"):
        rewind(state, 3)
