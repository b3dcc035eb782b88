"""Outcome spaces larger than the AI's table of random draws (65,536 packages) still play."""

from __future__ import annotations

import random

from negotiator.engine.players import play_ai_game
from tests.utility_scenarios import make_scenario


def test_a_game_over_262144_packages_plays_to_the_end() -> None:
    # Before: once more than 65,536 packages were worth an AI's target, its noise table was sliced short and the
    # decision raised a numpy broadcasting error, in a file the validator accepted.
    rnd = random.Random(4)
    issues = {f"i{k}": [f"o{j}" for j in range(4)] for k in range(9)}
    prefs = {
        a: {
            "r": 0.3,
            **{i: (rnd.randint(1, 5), {o: round(rnd.random(), 2) for o in opts}) for i, opts in issues.items()},
        }
        for a in ("a", "b", "c")
    }
    state = play_ai_game(make_scenario(issues, prefs), seed=1)
    assert state.is_over() and state.outcome() is not None
