"""The AI's look-ahead world (`negotiator.engine.ai.world`) is a fast path for the engine's end-of-turn phases:
given the same random draws it must end in the same meters, no-deal value changes and endings as the engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from negotiator.engine import EndTurn, UseLever, new_game, rng, view
from negotiator.engine.ai.world import World, end_of_turn
from negotiator.engine.players import make_ais
from negotiator.engine.state import GameState
from negotiator.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p.stem: load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}


def advance(state: GameState, seed: int, turns: int) -> GameState:
    ais = make_ais(state.scenario, seed)
    while not state.is_over() and state.turn < turns:
        actor = state.current_actor
        state = state.apply(ais[actor].decide(view(state, actor)))  # type: ignore[index]
    return state


@settings(max_examples=30, deadline=None)
@given(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 5000), turn=st.integers(1, 5), levers=st.booleans())
# The next turn's events pushed escalation over its threshold: the engine ends the talks before anyone moves, and
# the look-ahead went on (found 2026-12-04).
@example(name="istanbul_talks", seed=655, turn=4, levers=True)
def test_world_step_matches_the_engines_turn_end(name: str, seed: int, turn: int, levers: bool) -> None:
    scenario = SCENARIOS[name]
    state = advance(new_game(scenario, seed), seed, turn)
    if state.is_over() or state.mover_index != 0:
        return
    c = state.core.c
    queued: list[tuple[object, str, str | None]] = []
    # Every mover uses its first usable lever (if asked), then ends its move: no offers, so no progress.
    after = state
    while not after.is_over() and after.turn == state.turn:
        actor = after.current_actor
        assert actor is not None
        if levers:
            for status in view(after, actor).levers:
                if status.usable_targets:
                    target = status.usable_targets[0]
                    after = after.apply(UseLever(actor, lever=status.lever.id, target=target))
                    queued.append((status.lever, actor, target))
                    break
        after = after.apply(EndTurn(actor))
    world = World(state.turn, state.turns, list(state.core.meters), fired=set(state.fired_events))
    order = {}

    def chance(p: float, kind: str, item: str, turn_: int) -> float:
        if kind == "lever":  # the engine draws per queued lever, by its place in the queue
            index = order.setdefault(("lever", item, turn_), len(order))
            return 1.0 if rng.chance(state.seed, p, "lever", turn_, index, item) else 0.0
        return 1.0 if rng.chance(state.seed, p, "event", item, turn_) else 0.0

    drivers = view(state, c.negotiators[0]).drivers
    end_of_turn(c, world, queued, chance, drivers, stall=0.0 if state.progress or after.progress else 1.0)  # type: ignore[arg-type]
    if after.is_over():
        assert world.ending == after.ending.kind  # type: ignore[union-attr]
        if world.ending != "deadline":
            return
    assert world.meters == pytest.approx(list(after.core.meters)), "meters differ after the turn"
    for actor, public in drivers.items():
        engine_move = after.reservation(actor) - state.reservation(actor)
        world_move = public.change(list(state.core.meters), world.meters, world.shift.get(actor, 0.0))
        if 0.0 < after.reservation(actor) < 1.0 and 0.0 < state.reservation(actor) < 1.0:
            assert world_move == pytest.approx(engine_move, abs=1e-9), f"{actor}'s no-deal value moved differently"
    if not after.is_over():
        assert world.fired == set(after.fired_events)


@settings(max_examples=60, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 5000),
    stall=st.sampled_from([0.0, 0.5, 1.0]),
    spread=st.lists(st.floats(0.0, 1.0), min_size=40, max_size=40),
)
def test_the_upkeep_rows_apply_the_upkeep_ops(name: str, seed: int, stall: float, spread: list[float]) -> None:
    """The look-ahead applies the upkeep from `Compiled.upkeep_rows`; without them (`None`: the general path,
    `apply_ops`) a turn ends in exactly the same world, meters anywhere in their ranges (so clamping counts)."""
    state = new_game(SCENARIOS[name], seed)
    c = state.core.c
    assert c.upkeep_rows is not None  # the shipped scenarios' upkeep is plain meter changes
    meters = [lo + (hi - lo) * s for lo, hi, s in zip(c.slot_min, c.slot_max, spread, strict=False)]
    drivers = view(state, c.negotiators[0]).drivers
    worlds = []
    for rows in (c.upkeep_rows, None):
        saved = c.upkeep_rows
        object.__setattr__(c, "upkeep_rows", rows)
        try:
            world = World(1, state.turns, list(meters), fired=set())
            end_of_turn(c, world, [], lambda p, *keys: 1.0, drivers, stall)  # type: ignore[arg-type]
        finally:
            object.__setattr__(c, "upkeep_rows", saved)
        worlds.append(world)
    assert worlds[0] == worlds[1]


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    scale=st.sampled_from([1.0, 0.5, 0.3, 1e-3]),
    spread=st.lists(st.floats(0.0, 1.0), min_size=40, max_size=40),
)
def test_meter_rows_change_the_meters_as_the_ops_do(name: str, scale: float, spread: list[float]) -> None:
    """Every lever use and event the look-ahead applies from `meter_rows` ends with the same meters as through
    `apply_ops`; ops that are not plain meter changes have no rows."""
    from negotiator.engine.ai.world import _apply, apply_ops
    from negotiator.engine.compiled import METER

    c = new_game(SCENARIOS[name], 0).core.c
    meters = [lo + (hi - lo) * s for lo, hi, s in zip(c.slot_min, c.slot_max, spread, strict=False)]
    resolved = [
        (lever_ops.costs, lever_ops.rows[0])
        for lever in c.levers.values()
        for target in [None, *c.actor_ids]
        for lever_ops in [c.lever_ops(lever.id, lever.owner, target)]
    ]
    resolved += [
        (part, rows)
        for lever_ops in list(c._lever_ops.values())
        for part, rows in zip((lever_ops.effects, lever_ops.failures), lever_ops.rows[1:], strict=True)
    ]
    resolved += [(rule.ops, rule.rows) for rule in c.event_rules]
    assert any(rows for _, rows in resolved)
    for ops, rows in resolved:
        plain = all(op.kind == METER and op.scale is None for op in ops)
        assert (rows is not None) == plain
        through_ops, through_rows = World(1, 8, list(meters)), World(1, 8, list(meters))
        apply_ops(c, through_ops, ops, scale)
        _apply(c, through_rows, ops, rows, scale)
        assert through_rows == through_ops
