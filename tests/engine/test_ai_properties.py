"""Properties of the AI over random playouts: individually rational, true to its red lines and its word, and
facing rules in which every pressure bites whoever it is aimed at, human or computer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.engine import Action, Counter, MakeOffer, Respond, new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES, make_ai
from negotiator.engine.compiled import BONUS, METER, SHIFT, compiled
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = {p.stem: load_scenario(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))}
SCENARIOS["logrolling"] = load_scenario(ROOT / "tests" / "fixtures" / "logrolling.yaml")


def open_value(state: GameState, actor: str, terms: tuple[tuple[str, str], ...]) -> float:
    """What signing `terms` is worth to `actor` on the open issues' scale, with the value it was promised on a
    deal (`deal_bonus`) when signing them completes the deal."""
    model = utility_model(state.scenario)
    weights, values = model.weights[actor], model.values[actor]
    named = [model.term_index[t] for t in terms if t[0] not in state.settled]
    total = sum(weights[k] for k, _ in named)
    if not total:
        return state.reservation(actor)
    value = sum(weights[k] * values[k][o] for k, o in named) / total
    rules = state.scenario.rules
    needed = set(rules.deal_issues or [i.id for i in state.scenario.issues]) - set(state.settled)
    if rules.deal_ending and needed <= {i for i, _ in terms}:
        value += state.deal_bonus.get(actor, 0.0) / total
    return value


def random_player(seed: int):  # type: ignore[no-untyped-def]
    """A seat that plays at random from its legal actions (bounded): the AI must stay sane whatever it meets."""
    r = random.Random(seed)

    def decide(state: GameState, actor: str) -> Action:
        options = []
        for n, action in enumerate(state.legal_actions(actor)):
            options.append(action)
            if n > 60:
                break
        return r.choice(options)

    return decide


def check_ai_action(state: GameState, actor: str, action: Action) -> None:
    r = state.reservation(actor)
    model = utility_model(state.scenario)
    mine = {(k, o) for k, lines in enumerate(model.red_lines[actor]) for o in lines}
    declared = set(state.public_red_lines.get(actor, ()))
    if isinstance(action, MakeOffer | Counter):
        assert open_value(state, actor, action.terms) >= r - 1e-9, f"{actor} proposed below its no-deal value"
        assert not any(model.term_index[t] in mine for t in action.terms), f"{actor} proposed its own red line"
        assert not any(t in declared for t in action.terms), f"{actor} went back on its public red line"
    if isinstance(action, Respond) and action.accept:
        offer = state.offer(action.offer_id)
        assert offer is not None
        assert open_value(state, actor, offer.terms) >= r - 1e-9, f"{actor} accepted below its no-deal value"
        assert not any(t in declared for t in offer.terms), f"{actor} accepted what it ruled out in public"
    assert action.reason.strip(), f"{actor}'s {action} has no reason"


@settings(max_examples=24, deadline=None)
@given(
    scenario=st.sampled_from(sorted(SCENARIOS)),
    seed=st.integers(0, 10_000),
    human=st.integers(0, 5),
    personality=st.sampled_from(sorted(PERSONALITIES)),
    difficulty=st.sampled_from(sorted(DIFFICULTIES)),
)
def test_ai_is_individually_rational_and_keeps_its_lines_against_anything(
    scenario: str, seed: int, human: int, personality: str, difficulty: str
) -> None:
    sc = SCENARIOS[scenario]
    seats = [a.id for a in sc.negotiators]
    odd = seats[human % len(seats)]
    ais = {a: make_ai(sc, a, personality, difficulty, seed=seed) for a in seats if a != odd}
    player = random_player(seed)
    state = new_game(sc, seed)
    steps = 0
    while not state.is_over() and steps < 600:
        actor = state.current_actor
        assert actor is not None
        if actor == odd:
            action = player(state, actor)
        else:
            action = ais[actor].decide(view(state, actor))
            check_ai_action(state, actor, action)
        state = state.apply(action)
        steps += 1
    assert state.is_over()


def reads(scenario: Scenario) -> set[int]:
    """Meter slots that a score, an ending, an event, a lever condition or a no-deal value reads."""
    c = compiled(scenario)
    slots = {s for s, key in enumerate(c.slot_keys) if c.meters[key.partition("@")[0]].score_weight > 0}
    conditions = [cond for e in scenario.rules.endings for cond in e.when]
    conditions += [cond for ev in scenario.events for cond in ev.trigger.when]
    conditions += [cond for lv in scenario.levers for cond in lv.conditions]
    for cond in conditions:
        meter = c.meters[cond.meter]
        keys = [cond.meter] if meter.scope == "shared" else [k for k in c.slot_keys if k.startswith(cond.meter + "@")]
        slots |= {c.slot_of[k] for k in keys}
    for rule in c.reservations.values():
        slots |= {d.slot for d in rule.drivers}
    return slots


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_lever_and_event_effect_changes_something_that_scores_ends_or_moves_a_no_deal_value(name: str) -> None:
    """No effect may act only on a computer player's decision-making: a human target must feel it too."""
    scenario = SCENARIOS[name]
    c = compiled(scenario)
    read = reads(scenario)
    effects = [(f"event {e.id}", x, None, None) for e in scenario.events for x in e.effects]
    for lever in scenario.levers:
        for target in lever.targets or [None]:
            for x in (*lever.effects, *lever.failure_effects, *lever.costs):
                effects.append((f"lever {lever.id}", x, lever.owner, target))
    for where, effect, owner, target in effects:
        ops = c.ops(effect, owner, target)
        assert ops, f"{where}: {effect} changes nothing"
        for op in ops:
            if op.kind == METER:
                assert op.slot in read, f"{where}: {c.slot_keys[op.slot]} is read by no score, ending or no-deal value"
            else:
                assert op.kind in (SHIFT, BONUS) and op.actor in c.reservations, f"{where}: {op}"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_lever_aimed_at_a_human_seat_changes_that_seats_position(name: str) -> None:
    """Played through the engine: a lever used on a seat moves that seat's meters or no-deal value or promise,
    whoever plays the seat (the engine does not know)."""
    scenario = SCENARIOS[name]
    for lever in scenario.levers:
        for target in lever.targets:
            if target not in {a.id for a in scenario.negotiators}:
                continue
            hits = [e for e in lever.effects if e.who in ("target", target)]
            if not hits:
                continue
            state = new_game(scenario, seed=3)
            while state.current_actor != lever.owner:
                state = state.apply(_end(state))
            from negotiator.engine import UseLever

            used = UseLever(lever.owner, lever=lever.id, target=target)
            if used not in state.legal_actions(lever.owner):
                continue
            with_lever = _finish_turn(state.apply(used))
            without = _finish_turn(state)
            seat = _seat(with_lever, target)
            if lever.success_chance >= 1.0:
                assert seat != _seat(without, target), f"{lever.id} on {target} changed nothing for {target}"


def _end(state: GameState) -> Action:
    from negotiator.engine import EndTurn

    return EndTurn(state.current_actor)  # type: ignore[arg-type]


def _finish_turn(state: GameState) -> GameState:
    turn = state.turn
    while not state.is_over() and state.turn == turn:
        state = state.apply(_end(state))
    return state


def _seat(state: GameState, actor: str) -> tuple[object, ...]:
    meters = tuple(v for k, v in sorted(state.meters.items()) if k.endswith("@" + actor))
    return (meters, round(state.reservation(actor), 9), state.deal_bonus.get(actor, 0.0))
