"""Plausibility on the built-in scenario: pressure the article says matters moves outcomes its way.

Each test plays the same seeds twice from the same state, once with a lever and once without, and
compares the result, so only the lever differs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.engine import EndTurn, MakeOffer, UseLever, new_game, view
from negotiator.engine.ai import make_ai
from negotiator.engine.ai.bidding import target
from negotiator.engine.ai.context import Context
from negotiator.engine.state import GameState
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(12)


@pytest.fixture(scope="module")
def istanbul() -> Scenario:
    return load_scenario(ROOT / "scenarios" / "istanbul_talks.yaml")


def quiet_until_usable(scenario: Scenario, seed: int, actor: str, lever: str, target_id: str) -> GameState:
    """Everyone passes until `actor` may use `lever`, and it is `actor`'s move."""
    state = new_game(scenario, seed=seed)
    action = UseLever(actor, lever=lever, target=target_id)
    while not state.is_over():
        if state.current_actor == actor and action in state.legal_actions(actor):
            return state
        state = state.apply(EndTurn(state.current_actor))  # type: ignore[arg-type]
    pytest.skip(f"{lever} never became usable with seed {seed}")


def finish_turn(state: GameState) -> GameState:
    turn = state.turn
    while not state.is_over() and state.turn == turn:
        state = state.apply(EndTurn(state.current_actor))  # type: ignore[arg-type]
    return state


def branches(scenario: Scenario, seed: int, actor: str, lever: str, target_id: str) -> tuple[GameState, GameState]:
    start = quiet_until_usable(scenario, seed, actor, lever, target_id)
    used = finish_turn(start.apply(UseLever(actor, lever=lever, target=target_id)))
    held = finish_turn(start)
    return used, held


def test_backing_the_sanctions_bill_makes_a_moscow_concession_more_likely(istanbul: Scenario) -> None:
    lower_reservation = 0
    drops = []
    for seed in SEEDS:
        used, held = branches(istanbul, seed, "washington", "back_sanctions_bill", "moscow")
        lower_reservation += used.reservation("moscow") < held.reservation("moscow")
        drops.append(held.reservation("moscow") - used.reservation("moscow"))
        ai = make_ai(istanbul, "moscow")
        t_used = target(Context(view(used, "moscow"), ai.personality, ai.difficulty, {}), earned_only=False)
        t_held = target(Context(view(held, "moscow"), ai.personality, ai.difficulty, {}), earned_only=False)
        assert t_used <= t_held + 1e-9, f"seed {seed}: sanctions raised Moscow's demand ({t_used:.3f} > {t_held:.3f})"
    mean = sum(drops) / len(drops)
    assert lower_reservation >= len(SEEDS) // 2, f"the bill lowered Moscow's no-deal value in {lower_reservation} seeds"
    # What no deal is worth to Moscow falls for anyone playing Moscow, human or computer: pressure that bites.
    assert mean >= 0.02, f"backing the bill lowered Moscow's no-deal value by only {mean:.3f} on average"


def test_airstrikes_drain_washingtons_patience(istanbul: Scenario) -> None:
    drains = []
    for seed in SEEDS:
        used, held = branches(istanbul, seed, "moscow", "mass_airstrikes", "kyiv")
        drain = held.meter("patience", "washington") - used.meter("patience", "washington")
        assert drain > 0, f"seed {seed}: airstrikes left Washington's patience as it was"
        assert used.meter("escalation") > held.meter("escalation")
        drains.append(drain)
    assert sum(drains) / len(drains) >= 5, f"airstrikes drained patience by {sum(drains) / len(drains):.1f} points"


def test_drone_strikes_cost_moscow_narrative_control(istanbul: Scenario) -> None:
    hits = 0
    losses = []
    for seed in SEEDS:
        used, held = branches(istanbul, seed, "kyiv", "long_range_drone_strike", "moscow")
        loss = held.meter("narrative_control", "moscow") - used.meter("narrative_control", "moscow")
        hits += loss > 0
        losses.append(loss)
    mean = sum(losses) / len(losses)
    assert hits >= len(SEEDS) // 2, f"the strike hurt Moscow's narrative in only {hits} of {len(SEEDS)} seeds"
    assert mean >= 2, f"drone strikes cost Moscow {mean:.1f} points of narrative control on average"


def test_time_pressure_makes_washington_accept_less(istanbul: Scenario) -> None:
    """As its patience drains, what no deal is worth to Washington falls: time pressure a human feels too."""
    state = new_game(istanbul, seed=1)
    start = state.reservation("washington")
    for _ in range(4):
        state = finish_turn(state)
    assert state.reservation("washington") < start - 0.03, (
        f"four turns without progress moved Washington's no-deal value from {start:.3f} to "
        f"{state.reservation('washington'):.3f}"
    )


def test_moscow_concedes_more_slowly_while_it_believes_time_is_on_its_side(istanbul: Scenario) -> None:
    """Optimism ("time is on his side") keeps Moscow's demands higher at the same moment of the game."""
    data = istanbul.model_dump()
    data["preferences"]["moscow"]["reservation"]["optimism"] = 0.0
    sober = Scenario.model_validate(data, strict=False)
    gaps = []
    for seed in SEEDS:
        state_opt, state_sober = new_game(istanbul, seed=seed), new_game(sober, seed=seed)
        for _ in range(3):  # the middle of the game: before the deadline makes every style concede
            state_opt, state_sober = finish_turn(state_opt), finish_turn(state_sober)
        ai = make_ai(istanbul, "moscow")
        t_opt = target(Context(view(state_opt, "moscow"), ai.personality, ai.difficulty))
        t_sober = target(Context(view(state_sober, "moscow"), ai.personality, ai.difficulty))
        assert t_opt >= t_sober - 1e-9, f"seed {seed}: optimism lowered Moscow's demand ({t_opt:.3f} < {t_sober:.3f})"
        gaps.append(t_opt - t_sober)
    mean = sum(gaps) / len(gaps)
    assert mean > 0.01, f"optimism raised Moscow's mid-game demand by only {mean:.3f} on average"


def test_a_full_ai_game_produces_offers_from_every_party(istanbul: Scenario) -> None:
    ais = {a.id: make_ai(istanbul, a.id, seed=3) for a in istanbul.negotiators}
    state = new_game(istanbul, seed=3)
    while not state.is_over():
        actor = state.current_actor
        state = state.apply(ais[actor].decide(view(state, actor)))  # type: ignore[index,arg-type]
    proposers = {a.actor for a in state.actions if isinstance(a, MakeOffer)} | {o.proposer for o in state.offers}
    assert proposers == {"kyiv", "moscow", "washington"}
