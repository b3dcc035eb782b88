"""Branching replays: rewind a game to the start of any turn and play on from there.

Because a game is its seed plus its actions, rewinding is replaying the actions taken before turn N
began. The result is a new state; the original game (and its save) is untouched.
"""

from __future__ import annotations

from negotiator.engine.errors import IllegalActionError
from negotiator.engine.state import GameState, new_game


def rewind(state: GameState, turn: int) -> GameState:
    """The state at the start of `turn` (after its events), reached by replaying `state`'s actions."""
    last = state.turn
    if not 1 <= turn <= last:
        raise IllegalActionError(f"turn {turn} is not in this game; choose a turn from 1 to {last}")
    branch = new_game(state.scenario, state.seed, state.settings)
    for action in state.actions:
        if branch.turn >= turn:
            break
        branch = branch.apply(action)
    return branch


def turn_starts(state: GameState) -> list[int]:
    """The turns a game can be rewound to."""
    return list(range(1, state.turn + 1))
