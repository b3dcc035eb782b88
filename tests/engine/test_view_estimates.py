"""What a view shows of the others (`ActorView.estimates`) is what the public record says now: memoised, never
stale. The memo used to be keyed on the offers and red lines alone, so a turn's end (which moves no-deal values
without new offers) or an earlier game with the same offers left an estimate from another moment in place,
and what the window and the scripted strategies saw depended on what had been played before in the process."""

from __future__ import annotations

from pathlib import Path

from negotiator.engine import new_game, view
from negotiator.engine.beliefs import Estimate, estimate
from negotiator.engine.players import make_ais
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model
from negotiator.scenario import load_scenario

ISTANBUL = Path(__file__).resolve().parents[2] / "scenarios" / "istanbul_talks.yaml"


def uncached(state: GameState, actor: str) -> Estimate:
    """The estimate computed with the scenario's memo emptied (and then put back as it was)."""
    memo = utility_model(state.scenario).cache
    kept = dict(memo)
    memo.clear()
    try:
        return estimate(state, actor)
    finally:
        memo.clear()
        memo.update(kept)


def test_view_estimates_always_match_a_fresh_estimate() -> None:
    scenario = load_scenario(ISTANBUL)
    checked = 0
    for seed in (1, 2):
        state = new_game(scenario, seed)
        ais = make_ais(scenario, seed)
        while not state.is_over():
            actor = state.current_actor
            assert actor is not None
            v = view(state, actor)
            for other, shown in v.estimates.items():
                fresh = uncached(state, other)
                assert shown == fresh, f"seed {seed}, turn {state.turn}: {actor}'s view of {other} is stale"
                checked += 1
            state = state.apply(ais[actor].decide(v))
    assert checked > 100
