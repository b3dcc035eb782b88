"""The fast paths are only fast: with every cache and memo emptied before each decision (the reference path),
AI games take exactly the same actions as with them warm. Caches live on the AI (its move store and lever
plans), on the compiled scenario (look-ahead memo, public estimates) and on the utility model (bundles,
estimates, tables); none may change a decision."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import new_game, view
from negotiator.engine.actions import Action
from negotiator.engine.ai import make_ai
from negotiator.engine.players import play_ai_game
from negotiator.engine.utility import utility_model
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p: load_scenario(ROOT / "scenarios" / p) for p in ("istanbul_talks.yaml", "tutorial.yaml")}


def empty_every_cache(scenario: Scenario, state: object) -> None:
    utility_model(scenario).cache.clear()
    compiled = state.core.c  # type: ignore[attr-defined]
    compiled._memo.clear()
    compiled.public.clear()


def reference_actions(scenario: Scenario, seed: int, difficulty: str | None) -> list[Action]:
    state = new_game(scenario, seed)
    actions: list[Action] = []
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        empty_every_cache(scenario, state)
        ai = make_ai(scenario, actor, difficulty=difficulty, seed=seed)  # a fresh AI: no move store, no plans
        action = ai.decide(view(state, actor))
        actions.append(action)
        state = state.apply(action)
    return actions


@settings(max_examples=6, deadline=None)
@given(
    st.sampled_from(sorted(SCENARIOS)),
    st.integers(0, 10_000),
    st.sampled_from([None, "easy", "normal"]),
)
def test_cached_and_uncached_ai_games_are_identical(path: str, seed: int, difficulty: str | None) -> None:
    scenario = SCENARIOS[path]
    overrides = None
    if difficulty is not None:
        from negotiator.engine.players import AISpec

        overrides = {a.id: AISpec(difficulty=difficulty) for a in scenario.negotiators}
    fast = play_ai_game(scenario, seed, overrides)
    assert list(fast.actions) == reference_actions(scenario, seed, difficulty)


@pytest.mark.parametrize("path", sorted(SCENARIOS))
def test_a_warm_process_replays_a_cold_one(path: str) -> None:
    """Games played after many others (caches full, then trimmed) match games played first."""
    scenario = SCENARIOS[path]
    cold = [play_ai_game(scenario, seed).state_hash() for seed in range(3)]
    for seed in range(100, 130):
        play_ai_game(scenario, seed)
    assert [play_ai_game(scenario, seed).state_hash() for seed in range(3)] == cold
