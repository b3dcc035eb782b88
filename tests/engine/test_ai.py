"""AI negotiators: rational, within red lines, reasoned, hard to exploit, and able to logroll."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.engine import Action, EndTurn, MakeOffer, Respond, new_game, view
from negotiator.engine.ai import DIFFICULTIES, PERSONALITIES, make_ai
from negotiator.engine.ai.acceptance import offer_value
from negotiator.engine.ai.context import Context
from negotiator.engine.analysis import analyze
from negotiator.engine.state import GameState
from negotiator.engine.utility import utility_model
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[2]
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
LOGROLLING = ROOT / "tests" / "fixtures" / "logrolling.yaml"


def run(scenario: Scenario, seed: int, humans: dict[str, object] | None = None, check=None) -> GameState:  # type: ignore[no-untyped-def]
    """Play a game; `humans` maps actor ids to scripted policies (callables view -> Action)."""
    humans = humans or {}
    ais = {a.id: make_ai(scenario, a.id, seed=seed) for a in scenario.negotiators}
    state = new_game(scenario, seed=seed)
    while not state.is_over():
        actor = state.current_actor
        assert actor is not None
        v = view(state, actor)
        action = humans[actor](v) if actor in humans else ais[actor].decide(v)  # type: ignore[operator]
        if check and actor not in humans:
            check(state, v, action)
        state = state.apply(action)
    return state


@pytest.fixture(scope="module")
def istanbul() -> Scenario:
    return load_scenario(ISTANBUL)


def test_ai_is_individually_rational_keeps_red_lines_and_gives_reasons(istanbul: Scenario) -> None:
    seen: list[Action] = []

    def check(state: GameState, v, action: Action) -> None:  # type: ignore[no-untyped-def]
        seen.append(action)
        assert action.reason.strip(), f"no reason for {action}"
        assert action in state.legal_actions(v.actor)
        if isinstance(action, Respond) and action.accept:
            offer = state.offer(action.offer_id)
            ai = make_ai(state.scenario, v.actor)
            ctx = Context(v, ai.personality, ai.difficulty)
            assert offer is not None
            assert offer_value(ctx, offer) > v.reservation  # with a promised deal bonus if it completes the deal
            red = v.preferences.issues
            assert not any(o in red[i].red_lines for i, o in offer.terms)

    for seed in range(6):
        run(istanbul, seed, check=check)
    assert any(isinstance(a, MakeOffer) for a in seen)


@pytest.mark.parametrize("personality", sorted(PERSONALITIES))
@pytest.mark.parametrize("difficulty", sorted(DIFFICULTIES))
def test_every_personality_and_difficulty_plays_legal_games(
    istanbul: Scenario, personality: str, difficulty: str
) -> None:
    ais = {a.id: make_ai(istanbul, a.id, personality, difficulty, seed=2) for a in istanbul.negotiators}
    state = new_game(istanbul, seed=2)
    while not state.is_over():
        actor = state.current_actor
        state = state.apply(ais[actor].decide(view(state, actor)))  # type: ignore[index,arg-type]
    assert state.outcome() is not None


def always_reject(v) -> Action:  # type: ignore[no-untyped-def]
    if v.awaiting_me:
        return Respond(v.actor, offer_id=v.awaiting_me[0].id, accept=False)
    return EndTurn(v.actor)


def always_accept(v) -> Action:  # type: ignore[no-untyped-def]
    for offer in v.awaiting_me:
        if not any(o in v.preferences.issues[i].red_lines for i, o in offer.terms):
            return Respond(v.actor, offer_id=offer.id, accept=True)
        return Respond(v.actor, offer_id=offer.id, accept=False)
    return EndTurn(v.actor)


def test_ai_is_not_exploited_by_a_player_who_always_refuses(istanbul: Scenario) -> None:
    """Refusing everything must not pay: the refuser never gets a deal the AIs value below their no-deal value,
    and refusing scores worse for it than accepting does."""
    model = utility_model(istanbul)
    refuse_scores, accept_scores = [], []
    for seed in range(6):
        refused = run(istanbul, seed, humans={"kyiv": always_reject})
        for actor in ("moscow", "washington"):
            if refused.settled:
                terms = model.terms_from_ids(refused.settled)
                assert (
                    model.partial_utility(actor, terms, refused.reservation(actor)) >= refused.reservation(actor) - 1e-9
                )
        refuse_scores.append(refused.outcome().scores["kyiv"].total)  # type: ignore[union-attr]
        accepted = run(istanbul, seed, humans={"kyiv": always_accept})
        accept_scores.append(accepted.outcome().scores["kyiv"].total)  # type: ignore[union-attr]
    assert sum(refuse_scores) < sum(accept_scores)


def test_ai_does_not_give_everything_to_a_player_who_always_accepts(istanbul: Scenario) -> None:
    for seed in range(4):
        state = run(istanbul, seed, humans={"kyiv": always_accept})
        outcome = state.outcome()
        assert outcome is not None
        if outcome.ending == "deal":
            for actor in ("moscow", "washington"):
                assert outcome.scores[actor].utility >= state.reservation(actor)


def test_ai_finds_the_logrolled_package_rather_than_splitting_the_difference() -> None:
    scenario = load_scenario(LOGROLLING)
    analysis = analyze(scenario)
    deals = []
    for seed in range(8):
        outcome = run(scenario, seed).outcome()
        assert outcome is not None and outcome.ending == "deal"
        deals.append(outcome.terms)
        package = analysis.model.package_from_ids(outcome.terms)
        assert analysis.is_pareto_optimal(package)
    middle = {i.id: i.options[1].id for i in scenario.issues}
    assert middle not in deals


def test_a_view_carries_only_its_own_actors_preferences(istanbul: Scenario) -> None:
    state = new_game(istanbul, seed=1)
    for actor in ("kyiv", "moscow", "washington"):
        v = view(state, actor)
        assert set(v.scenario.preferences) == {actor}
        assert v.preferences == istanbul.preferences[actor]
    assert len(istanbul.preferences) == 3  # the shared scenario itself is untouched


def test_ai_only_reads_its_own_view(istanbul: Scenario) -> None:
    """Changing another actor's hidden preferences must not change an AI's first decisions."""
    data = istanbul.model_dump()
    data["preferences"]["washington"]["reservation"]["value"] = 0.05
    altered = Scenario.model_validate(data, strict=False)
    for scenario_a, scenario_b in [(istanbul, altered)]:
        a = new_game(scenario_a, seed=5)
        b = new_game(scenario_b, seed=5)
        actor = a.current_actor
        assert actor != "washington"
        ai_a = make_ai(scenario_a, actor, seed=5)  # type: ignore[arg-type]
        ai_b = make_ai(scenario_b, actor, seed=5)  # type: ignore[arg-type]
        for _ in range(3):
            act_a = ai_a.decide(view(a, actor))  # type: ignore[arg-type]
            act_b = ai_b.decide(view(b, actor))  # type: ignore[arg-type]
            assert act_a == act_b
            if isinstance(act_a, EndTurn):
                break
            a, b = a.apply(act_a), b.apply(act_b)
