"""The hard AI's rollout kernel (`levers.rollout_values`) is only fast: on states of random legal playouts of the
shipped scenarios and a fixture with chancy levers, every lever's value, alone and with levers already queued,
is exactly (bit for bit) what the reference (`rollout_values_reference`) gives, and so are the kernel's position
(against `levers.position`) and its unrolled turn end (`turn_end.TurnEnd`, against `world.end_of_turn`)."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import new_game, rng, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
from negotiator.engine.ai.context import Context
from negotiator.engine.ai.levers import (
    _changes_table,
    _points,
    _risk,
    _Rollouts,
    _weighted_ops,
    my_queued,
    my_queued_reference,
    position,
    rollout_values,
    rollout_values_reference,
    terms,
)
from negotiator.engine.ai.turn_end import TurnEnd, turn_end
from negotiator.engine.ai.world import STALL, World, end_of_turn, expected
from negotiator.engine.compiled import RED_LINE, REMOVE
from negotiator.engine.players import make_ais
from negotiator.engine.state import GameState
from negotiator.engine.view import LeverStatus
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario
from tests.engine.test_ai_levers import _choice, _north, _provoke, _scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p.stem: load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
SCENARIOS["harbour_small"] = load_scenario(ROOT / "tests" / "fixtures" / "harbour_small.yaml")


def _scaled(scenario: Scenario) -> Scenario:
    """The scenario with every second lever and event change scaled by the shared escalation meter: the shipped
    scenarios scale none, and scaled changes take the kernel's general path (`apply_ops`)."""
    data = scenario.model_dump(mode="json", exclude_none=True)
    changes = [e for lever in data["levers"] for part in ("costs", "effects") for e in lever.get(part, [])]
    changes += [e for event in data["events"] for e in event.get("effects", [])]
    for effect in changes[::2]:
        if effect["kind"] in ("meter", "reservation"):
            effect["scaled_by"] = {"meter": "escalation", "per_point": 0.03, "pivot": 20.0}
    return Scenario.model_validate(data)


SCENARIOS["istanbul_scaled"] = _scaled(SCENARIOS["istanbul_talks"])
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
def test_the_kernels_position_and_risk_are_the_reference_ones(
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
    assert kernel.risk(world.meters) == _risk(kernel.t, world.meters)


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


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=0, max_size=90),
    spread=st.lists(st.floats(0.0, 1.0), min_size=0, max_size=40),
    stall=st.sampled_from([STALL, 0.0, 1.0]),
    lever_count=st.integers(0, 3),
    draw_seed=st.integers(0, 2**31),
    in_expectation=st.booleans(),
    turns=st.integers(1, 4),
)
def test_the_unrolled_turn_end_is_end_of_turn(
    name: str,
    seed: int,
    picks: list[int],
    spread: list[float],
    stall: float,
    lever_count: int,
    draw_seed: int,
    in_expectation: bool,
    turns: int,
) -> None:
    """From states of random games, with meters moved anywhere in their ranges (so thresholds, clamping and
    events all come into play), levers queued, chance sampled or in expectation, several turns in a row:
    `TurnEnd` leaves exactly the world `end_of_turn` does (the rows and the general paths both)."""
    state = states(name, seed, picks)[-1]
    c = state.core.c
    actor = state.current_actor or c.negotiators[0]
    v = view(state, actor)
    meters = list(v.meter_values)
    for i, s in enumerate(spread[: len(meters)]):
        meters[i] = c.slot_min[i] + (c.slot_max[i] - c.slot_min[i]) * s
    uses = [(lever, lever.owner, (lever.targets or [None])[0]) for lever in c.levers.values()][:lever_count]

    def chance(p: float, *keys: object) -> float:
        return 1.0 if rng.draw(draw_seed, *keys) < p else 0.0

    pick = expected if in_expectation else chance
    for rows in (c.upkeep_rows, None):
        saved = c.upkeep_rows
        object.__setattr__(c, "upkeep_rows", rows)
        try:
            fast = TurnEnd(c, v.drivers, stall)
            a = World(v.turn, v.turns, list(meters), fired=set(v.fired_events), settled=frozenset(v.settled))
            b = a.copy()
            for k in range(turns):
                fast(a, uses if k == 0 else [], pick)
                end_of_turn(c, b, uses if k == 0 else [], pick, v.drivers, stall)
                assert a == b
                assert list(a.shift) == list(b.shift) and list(a.bonus) == list(b.bonus)  # summed in this order
                if a.ending is not None:
                    break
        finally:
            object.__setattr__(c, "upkeep_rows", saved)


def test_the_rollouts_share_one_turn_end_per_scenario() -> None:
    state = new_game(SCENARIOS["istanbul_talks"], 1)
    v = view(state, state.current_actor or "")
    assert turn_end(state.core.c, v.drivers) is turn_end(state.core.c, v.drivers)
    assert turn_end(state.core.c, dict(v.drivers)).drivers is not v.drivers  # other drivers: built for them


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=0, max_size=120),
)
def test_my_queued_levers_are_the_levers_my_log_says_i_queued(name: str, seed: int, picks: list[int]) -> None:
    """The view's `my_queued_levers` (read from the queue) is what the AI read from its log before, while the
    game runs (once it is over the queue has been resolved, and no AI decides)."""
    for state in states(name, seed, picks):
        if state.is_over():
            continue
        for actor in state.core.c.negotiators:
            ctx = Context(view(state, actor), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"])
            assert my_queued(ctx) == my_queued_reference(ctx)


def test_in_ai_games_my_queued_levers_are_what_my_log_says() -> None:
    """The hard AIs of the shipped scenario queue several levers a move: every state of their games agrees too."""
    several = 0
    for seed in range(3):
        state = new_game(SCENARIOS["istanbul_talks"], seed)
        ais = make_ais(state.scenario, seed)
        while not state.is_over():
            actor = state.current_actor
            assert actor is not None
            for other in state.core.c.negotiators:
                ctx = Context(view(state, other), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"])
                assert my_queued(ctx) == my_queued_reference(ctx)
                several += len(my_queued(ctx)) > 1
            state = state.apply(ais[actor].decide(view(state, actor)))
    assert several  # some move queued more than one lever (so the order is checked)


def _lever_scenario(waited: bool, effects: list[dict[str, object]]) -> Scenario:
    """North's one lever: no costs, these effects, a failure that does nothing; an event waits for it if asked."""
    lever = {**_provoke("swap", chance=0.6), "costs": [], "effects": effects}
    data = _scenario([lever]).model_dump(mode="json", exclude_none=True)
    data["events"] = [
        {
            "id": "vote",
            "name": "Vote",
            "trigger": {"after_lever": "swap"},
            "news": "A vote.",
            "effects": [{"kind": "meter", "meter": "tension", "change": 9.0}],
        }
    ] * waited
    return Scenario.model_validate(data)


@pytest.mark.parametrize("waited", [False, True])
@pytest.mark.parametrize(
    "effects",
    [
        [{"kind": "reservation", "who": "target", "change": -0.08}],
        [{"kind": "red_line", "who": "target", "issue": "border", "option": "north_line"}],  # no number moves
    ],
)
def test_a_lever_that_changes_nothing_when_it_fails_is_valued_as_the_reference_does(
    waited: bool, effects: list[dict[str, object]]
) -> None:
    """The shortcut for runs that equal the reference run (nothing changed, no event waiting for the lever)."""
    ctx = _north(_lever_scenario(waited, effects))
    choice = [_choice(ctx, "swap")]
    for seed in range(6):
        assert rollout_values(ctx, choice, seed, []) == rollout_values_reference(ctx, choice, seed, [])
    if waited:  # the event it sets off when it works is worth something (tension towards an escalation)
        assert rollout_values(ctx, choice, 1, []) != [0.0]


def test_the_kept_table_check_is_the_levers_own() -> None:
    """`table_value` skips levers without changes to the table by a check kept per scenario: it is exactly
    whether the lever use has such a change, for every scenario, lever, user and target."""
    seen = set()
    table = [{"kind": "red_line", "who": "target", "issue": "border", "option": "north_line"}]
    for scenario in [*SCENARIOS.values(), _lever_scenario(False, table)]:
        state = new_game(scenario, 0)
        for actor in state.core.c.negotiators:  # one shared store (see the test below)
            ctx = Context(view(state, actor), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"], {"c": state.core.c})
            for lever in scenario.levers:
                for target in [None, *state.core.c.actor_ids]:
                    direct = any(op.kind in (RED_LINE, REMOVE) for op, _ in _weighted_ops(ctx, lever, target))
                    assert _changes_table(ctx, lever, target) == direct
                    seen.add(direct)
    assert seen == {True, False}  # both kinds are checked


def test_the_kept_score_points_are_each_actors_own() -> None:
    """`terms` takes each actor's score points per meter from a store kept per scenario: every actor gets its
    own (computed afresh here), whoever asked first, even from one shared store (each actor's view has its
    own redacted scenario, so in play the stores are apart anyway)."""
    for scenario in [*SCENARIOS.values(), _lever_scenario(False, [])]:
        state = new_game(scenario, 0)
        negotiators = state.core.c.negotiators
        shared = state.core.c
        for actor in [*negotiators, *reversed(negotiators)]:
            ctx = Context(view(state, actor), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"], {"c": shared})
            assert terms(ctx).points == _points(ctx)


def test_a_later_plan_step_takes_its_reference_runs_from_the_step_before() -> None:
    """With a planned lever queued, each sample's reference run is the run that valued that lever, forced to the
    outcome the sample draws for it (`rollouts._reference_from_last_step`): the same value as playing it."""
    from negotiator.engine.ai.rollouts import _reference_from_last_step

    seen = 0
    for seed in range(3):
        for state in states("istanbul_talks", seed, [seed, 3, 1, 7, 2, 9, 4, 0] * 10)[::2]:
            ctx = hard_context(state, 3, 2)
            if ctx is None:
                continue
            options, _ = ctx.view.move_start_levers
            choices = [(LeverStatus(lever, (aim,), None), aim) for lever, aim in options]
            if not choices:
                continue
            rollout_values(ctx, choices, 5, [])
            for status, aim in choices:
                queued = [(status.lever, ctx.me, aim)]
                kernel = _Rollouts(ctx, 5, queued)
                taken = _reference_from_last_step(ctx, kernel, 5, queued, 3)
                assert taken == [kernel.run([], s)[0] for s in range(3)]
                seen += 1
    assert seen
