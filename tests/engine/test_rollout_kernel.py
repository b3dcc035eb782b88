"""The hard AI's rollout kernel (`levers.rollout_values`) is only fast: on states of random legal playouts of the
shipped scenarios and a fixture with chancy levers, every lever's value, alone and with levers already queued,
is exactly (bit for bit) what the reference (`rollout_values_reference`) gives, and so is the valuation's
position for arbitrary worlds."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.levers import _Rollouts, position, rollout_values, rollout_values_reference
from negotiator.engine.state import GameState
from negotiator.engine.view import LeverStatus
from negotiator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p.stem: load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
SCENARIOS["harbour_small"] = load_scenario(ROOT / "tests" / "fixtures" / "harbour_small.yaml")
CHOICES = 40


def states(name: str, seed: int, picks: list[int]) -> list[GameState]:
    """The states of a random legal game (the pick-th of the first CHOICES legal actions at each step)."""
    state = new_game(SCENARIOS[name], seed)
    found = [state]
    for pick in picks:
        if state.is_over():
            break
        actor = state.current_actor
        assert actor is not None
        legal = list(itertools.islice(state.legal_actions(actor), CHOICES))
        state = state.apply(legal[pick % len(legal)])
        found.append(state)
    return found


def hard_context(state: GameState, rollouts: int, horizon: int) -> Context | None:
    actor = state.current_actor
    if actor is None or state.is_over():
        return None
    difficulty = dataclasses.replace(DIFFICULTIES["hard"], rollouts=rollouts, horizon=horizon)
    return Context(view(state, actor), PERSONALITIES["pragmatist"], difficulty)


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=5, max_size=90),
    rollouts=st.integers(1, 4),
    horizon=st.integers(1, 4),
    value_seed=st.integers(0, 2**31),
)
def test_the_rollout_kernel_values_every_lever_as_the_reference_does(
    name: str, seed: int, picks: list[int], rollouts: int, horizon: int, value_seed: int
) -> None:
    for state in states(name, seed, picks)[::3]:
        ctx = hard_context(state, rollouts, horizon)
        if ctx is None:
            continue
        options, _ = ctx.view.move_start_levers
        choices = [(LeverStatus(lever, (aim,), None), aim) for lever, aim in options]
        if not choices:
            continue
        fast = rollout_values(ctx, choices, value_seed, [])
        assert fast == rollout_values_reference(ctx, choices, value_seed, [])
        queued = [(choices[0][0].lever, ctx.me, choices[0][1])]  # a plan's later step: one lever already queued
        assert rollout_values(ctx, choices[1:], value_seed, queued) == rollout_values_reference(
            ctx, choices[1:], value_seed, queued
        )


def test_playouts_reach_levers_to_value() -> None:
    """The property above is not vacuous: the shipped scenario's playouts have levers to value."""
    found = 0
    for state in states("istanbul_talks", 3, list(range(60))):
        ctx = hard_context(state, 3, 2)
        if ctx is not None and ctx.view.move_start_levers[0]:
            found += 1
    assert found > 3


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=0, max_size=60),
    spread=st.lists(st.floats(-30.0, 30.0), min_size=1, max_size=8),
    shift=st.floats(-0.3, 0.3),
    bonus=st.floats(-0.3, 0.3),
    ending=st.sampled_from([None, "deadline", "early"]),
    later=st.integers(0, 5),
)
def test_the_kernels_position_is_the_reference_position(
    name: str,
    seed: int,
    picks: list[int],
    spread: list[float],
    shift: float,
    bonus: float,
    ending: str | None,
    later: int,
) -> None:
    found = [s for s in states(name, seed, picks) if not s.is_over()]
    ctx = hard_context(found[-1], 3, 2) if found else None
    if ctx is None:
        return
    kernel = _Rollouts(ctx, 1, [])
    world = kernel.start.copy()
    world.meters = [m + spread[i % len(spread)] for i, m in enumerate(world.meters)]
    for k, actor in enumerate(ctx.c.negotiators):
        world.shift[actor] = shift * (k + 1)
        world.bonus[actor] = bonus / (k + 1)
    if ending == "early" and ctx.c.ending_tests:
        world.ending, world.ending_index = ctx.c.ending_tests[0].kind, ctx.c.ending_tests[0].index
    elif ending == "deadline":
        world.ending = "deadline"
    world.ending_turn = ctx.view.turn + later
    assert kernel.position(world) == position(ctx, world, kernel.base)


def test_a_run_whose_draws_come_out_the_same_is_the_same_run() -> None:
    """The shortcut the kernel takes: a sample whose random numbers give a run's draws the same outcomes gives
    the same run (and a run that draws none does not depend on its sample)."""
    seen = 0
    for seed in range(4):
        for state in states("istanbul_talks", seed, [seed, 3, 1, 7, 2, 9, 4, 0] * 10):
            ctx = hard_context(state, 3, 2)
            if ctx is None:
                continue
            kernel = _Rollouts(ctx, 11, [])
            for extra in [[], *([(lever, ctx.me, aim)] for lever, aim in ctx.view.move_start_levers[0])]:
                for works in (True, False):
                    value, draws = kernel.run(extra, 0, works)
                    for sample in (1, 2, 5):
                        if kernel.same_path(draws, sample):
                            seen += 1
                            assert kernel.run(extra, sample, works) == (value, draws)
    assert seen  # the shipped scenario has such runs (else the shortcut would never be taken)
