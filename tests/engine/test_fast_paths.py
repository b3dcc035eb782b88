"""The engine's fast paths are only fast: on random legal playouts of both shipped scenarios (and a fixture whose
lever conditions can fail), every state is the same as with the reference implementations they replace (kept
callable for this test), and AI games end in the same state hash either way.

Each fast path is listed in `reference_paths()` with the reference it stands for; a new fast path joins there.
"""

from __future__ import annotations

import importlib
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import actions as actions_module
from negotiator.engine import moves, new_game, rng
from negotiator.engine import state as state_module
from negotiator.engine.actions import Action
from negotiator.engine.ai import bidding, commitments, levers
from negotiator.engine.compiled import Compiled, EndingTest, events_open_at_reference, lever_ops_reference
from negotiator.engine.compiled import Test as Condition  # not `Test*`: pytest would try to collect it
from negotiator.engine.core import Core
from negotiator.engine.meters import COMPARE
from negotiator.engine.players import play_ai_game
from negotiator.engine.state import GameState
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Lever

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p.stem: load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
# The shipped scenarios' lever conditions always hold in play; this fixture's can fail (support >= 40).
SCENARIOS["harbour_small"] = load_scenario(ROOT / "tests" / "fixtures" / "harbour_small.yaml")
view_module = importlib.import_module("negotiator.engine.view")  # the package exports a function of that name
CHOICES = 40  # legal actions considered at each step: ending the move, answers, levers, red lines, some offers


@contextmanager
def reference_paths() -> Iterator[None]:
    """Swap every fast path for its reference implementation for the duration."""
    swapped = [
        (actions_module, "field_names"),
        (state_module, "field_names"),
        (rng, "draw"),
        (Compiled, "events_open_at"),
        (Compiled, "lever_ops"),
        (moves, "lever_allowed"),
        (view_module, "lever_allowed"),
        (view_module, "visible_records"),
        (levers, "rollout_values"),
        (bidding, "acceptance_log"),
        (commitments, "acceptance_log"),
    ]
    saved = [(owner, name, getattr(owner, name)) for owner, name in swapped]
    actions_module.field_names = state_module.field_names = actions_module.field_names_reference
    rng.draw = rng.draw_reference  # type: ignore[assignment]
    Compiled.events_open_at = lambda self, turn: events_open_at_reference(self.event_rules, turn)  # type: ignore[method-assign]
    Compiled.lever_ops = lever_ops_reference  # type: ignore[method-assign,assignment]
    moves.lever_allowed = view_module.lever_allowed = reference_lever_allowed
    view_module.visible_records = view_module.visible_records_reference
    levers.rollout_values = levers.rollout_values_reference
    bidding.acceptance_log = commitments.acceptance_log = bidding.acceptance_log_reference
    try:
        yield
    finally:
        for owner, name, value in saved:
            setattr(owner, name, value)


def check_logs(state: GameState) -> None:
    """Each actor's visible log, built on what earlier views saw, is the log filtered afresh."""
    for actor in [a.id for a in state.scenario.actors]:
        reference = view_module.visible_records_reference(state.records, actor) + tuple(
            e for e in state.entries if e.visibility == "public" or e.actor == actor
        )
        assert view_module.view(state, actor).log == reference
        assert all(a is b for a, b in zip(view_module.view(state, actor).log, reference, strict=True))


def reference_move_start(state: GameState, actor: str) -> tuple[tuple[tuple[Lever, str | None], ...], int]:
    """`ActorView.move_start_levers` as it was: always on a copy with the actor's queued levers put back."""
    core = state.core
    mine = [q for q in core.queued_levers if q[1] == actor]
    start = core.copy()
    start.queued_levers = tuple(q for q in core.queued_levers if q[1] != actor)
    start.action_points[actor] = core.action_points.get(actor, 0) + sum(core.c.levers[q[0]].cost for q in mine)
    for lever_id, _, _ in mine:
        lever = core.c.levers[lever_id]
        start.lever_uses[lever_id] = start.lever_uses.get(lever_id, 1) - 1
        ready = core.lever_ready.get(lever_id)
        if ready is not None:
            start.lever_ready[lever_id] = ready - lever.cooldown - 1
    options = tuple(
        (lever, target)
        for lever in core.c.levers.values()
        if lever.owner == actor
        for target in (lever.targets or [None])
        if moves.lever_problem(start, actor, lever, target) is None
    )
    return options, start.action_points[actor]


def reference_lever_allowed(core: Core, actor: str, lever: Lever, target: str | None) -> bool:
    return moves.lever_problem(core, actor, lever, target) is None


def check_levers(state: GameState) -> None:
    """`lever_allowed` agrees with `lever_problem` for every lever, actor and target, aimed or not."""
    scenario = state.scenario
    actors = [a.id for a in scenario.actors]
    for actor in [a.id for a in scenario.negotiators]:
        assert view_module.view(state, actor).move_start_levers == reference_move_start(state, actor)
    for lever in scenario.levers:
        for actor in actors:
            for target in [None, *actors]:
                fast = moves.lever_allowed(state.core, actor, lever, target)
                assert fast == reference_lever_allowed(state.core, actor, lever, target), (lever.id, actor, target)


def playout(name: str, seed: int, picks: list[int]) -> tuple[list[Action], list[str]]:
    """A random legal game: at each step the pick-th of the first CHOICES legal actions; every state's hash."""
    state: GameState = new_game(SCENARIOS[name], seed)
    actions: list[Action] = []
    hashes = [state.state_hash()]
    states = [state]
    for pick in picks:
        if state.is_over():
            break
        actor = state.current_actor
        assert actor is not None
        legal = list(itertools.islice(state.legal_actions(actor), CHOICES))
        action = legal[pick % len(legal)]
        check_levers(state)
        check_logs(state)
        state = state.apply(action)
        actions.append(action)
        hashes.append(state.state_hash())
        states.append(state)
    for earlier in states[::-7]:  # going back, as a replay or a branch does
        check_logs(earlier)
    return actions, hashes


def replay_hashes(name: str, seed: int, actions: list[Action]) -> list[str]:
    state = new_game(SCENARIOS[name], seed)
    hashes = [state.state_hash()]
    for action in actions:
        state = state.apply(action)
        hashes.append(state.state_hash())
    return hashes


@settings(max_examples=25, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=10, max_size=120),
)
def test_random_playouts_give_the_same_states_on_the_reference_paths(name: str, seed: int, picks: list[int]) -> None:
    rng.draw.cache_clear()  # type: ignore[attr-defined]
    actions, fast = playout(name, seed, picks)
    with reference_paths():
        assert replay_hashes(name, seed, actions) == fast


@settings(max_examples=6, deadline=None)
@given(name=st.sampled_from(sorted(SCENARIOS)), seed=st.integers(0, 10_000))
def test_ai_games_end_the_same_on_the_reference_paths(name: str, seed: int) -> None:
    scenario = SCENARIOS[name]
    fast = play_ai_game(scenario, seed)
    with reference_paths():
        reference = play_ai_game(scenario, seed)
    assert reference.actions == fast.actions
    assert reference.state_hash() == fast.state_hash()


@given(seed=st.integers(0, 2**40), keys=st.lists(st.one_of(st.integers(-5, 50), st.text(max_size=6)), max_size=6))
def test_a_cached_draw_is_the_reference_draw(seed: int, keys: list[object]) -> None:
    assert rng.draw(seed, *keys) == rng.draw_reference(seed, *keys)
    assert rng.draw(seed, *keys) == rng.draw_reference(seed, *keys)  # now from the cache


def test_a_draw_keeps_keys_of_different_types_apart() -> None:
    """1, 1.0 and True are equal as cache keys but not as text: each must get its own draw."""
    draws = [rng.draw(7, key) for key in (1, 1.0, True)]
    assert draws == [rng.draw_reference(7, key) for key in (1, 1.0, True)]
    assert len(set(draws)) == 3


def test_events_open_at_lists_exactly_the_events_whose_window_includes_the_turn() -> None:
    for scenario in SCENARIOS.values():
        c = new_game(scenario, 0).core.c
        for turn in range(0, scenario.rules.turns + 3):
            assert c.events_open_at(turn) == events_open_at_reference(c.event_rules, turn)
        assert any(c.events_open_at(t) != c.event_rules for t in range(1, scenario.rules.turns + 1))


@given(
    meters=st.lists(st.integers(0, 100).map(float), min_size=4, max_size=4),
    slots=st.lists(st.integers(0, 3), max_size=3).map(tuple),
    any_of=st.booleans(),
    op=st.sampled_from(sorted(COMPARE)),
    value=st.integers(0, 100).map(float),
)
def test_a_resolved_condition_holds_as_its_definition_says(
    meters: list[float], slots: tuple[int, ...], any_of: bool, op: str, value: float
) -> None:
    """Any slot passing (`any_of`), else every slot and at least one: the loops agree with any() and all()."""
    compare = COMPARE[op]
    test = Condition(compare, value, slots, any_of)
    passing = [compare(meters[s], value) for s in slots]
    assert test.holds(meters) == (any(passing) if any_of else bool(slots) and all(passing))
    assert EndingTest(0, "collapse", None, (test, test)).holds(meters) == test.holds(meters)
    assert EndingTest(0, "collapse", None, ()).holds(meters)


@settings(max_examples=10, deadline=None)
@given(
    name=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    picks=st.lists(st.integers(0, CHOICES - 1), min_size=5, max_size=60),
    cut=st.floats(0.0, 1.0),
)
def test_an_acceptance_log_taken_from_the_whole_bundle_is_the_one_of_the_rows(
    name: str, seed: int, picks: list[int], cut: float
) -> None:
    """`bidding.acceptance_log` works a bundle out whole once and indexes it: bit for bit what the reference
    computes on the rows alone, for every estimate an AI forms along a random game, every bundle, any rows."""
    from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES
    from negotiator.engine.ai.context import Context
    from negotiator.engine.ai.space import bundle, candidate_bundles

    actions, _ = playout(name, seed, picks)
    state = new_game(SCENARIOS[name], seed)
    checked = 0
    for action in [*actions, None]:
        for actor in state.core.c.negotiators:
            ctx = Context(view_module.view(state, actor), PERSONALITIES["pragmatist"], DIFFICULTIES["hard"])
            if not ctx.open_issues:
                continue
            for issues, _ in candidate_bundles(ctx.model, ctx.c.signatories, ctx.open_issues, actor, ctx.c.actor_ids):
                b = bundle(ctx.model, issues)
                rows = (b.own(actor) >= b.own(actor).min() + cut * (b.own(actor).max() - b.own(actor).min())).nonzero()[
                    0
                ]
                for est in ctx.beliefs.values():
                    fast = bidding.acceptance_log(est, b, rows)
                    assert fast.tobytes() == bidding.acceptance_log_reference(est, b, rows).tobytes()
                    assert (
                        bidding.acceptance_log(est, b).tobytes() == bidding.acceptance_log_reference(est, b).tobytes()
                    )
                    checked += 1
        if action is not None:
            state = state.apply(action)
    assert checked
