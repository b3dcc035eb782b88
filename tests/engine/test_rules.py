"""Rule tests: one per rule of docs/architecture.md ("A turn"), named after the rule it pins down."""

from __future__ import annotations

import pytest

from negotiator.engine import (
    Counter,
    DeclareRedLine,
    EndTurn,
    IllegalActionError,
    InvalidActionError,
    MakeOffer,
    Respond,
    UseLever,
    new_game,
    parse_action,
    view,
)
from negotiator.engine.state import GameState
from tests.engine.scenario_factory import end_turn, make_scenario, play

BORDER_MIDDLE = (("border", "middle"),)
FULL = (("border", "middle"), ("trade", "open"))


@pytest.fixture
def game() -> GameState:
    return new_game(make_scenario(), seed=3)


def test_rule_turn_order_rotates_every_turn(game: GameState) -> None:
    assert game.order == ("north", "south", "broker")
    assert end_turn(game).order == ("south", "broker", "north")


def test_rule_only_the_mover_may_act(game: GameState) -> None:
    with pytest.raises(IllegalActionError, match="North's move"):
        game.apply(EndTurn("south"))


def test_rule_offer_is_addressed_to_every_other_signatory(game: GameState) -> None:
    state = game.apply(MakeOffer("north", terms=FULL))
    assert state.offers[0].to == ("south", "broker")
    assert state.offers[0].accepted_by == ("north",)


def test_rule_terms_are_checked_with_did_you_mean(game: GameState) -> None:
    with pytest.raises(InvalidActionError, match="did you mean 'border'"):
        game.apply(MakeOffer("north", terms=(("boarder", "middle"),)))
    with pytest.raises(InvalidActionError, match="no option 'midle'"):
        game.apply(MakeOffer("north", terms=(("border", "midle"),)))


def test_rule_an_actor_cannot_propose_or_accept_its_own_red_line(game: GameState) -> None:
    with pytest.raises(IllegalActionError, match="red lines"):
        game.apply(MakeOffer("north", terms=(("border", "south_line"),)))
    state = play(game, "end", "offer border=south_line", "end")  # south proposes north's red line
    state = end_turn(state)  # turn 2: south, broker, north
    state = play(state, "end", "end")
    assert state.current_actor == "north"
    with pytest.raises(IllegalActionError, match="red lines"):
        state.apply(Respond("north", offer_id=1, accept=True))


def test_rule_offers_per_turn_are_limited(game: GameState) -> None:
    state = game.apply(MakeOffer("north", terms=BORDER_MIDDLE))
    with pytest.raises(IllegalActionError, match="all the offers a turn allows"):
        state.apply(MakeOffer("north", terms=FULL))


def test_rule_offer_accepted_by_all_is_ratified_at_the_end_of_the_turn(game: GameState) -> None:
    state = play(game, "offer border=middle", "end", "accept 1")
    assert state.offers[0].status == "agreed"
    assert state.settled == {}
    state = play(state, "end", "end")
    assert state.settled == {"border": "middle"}
    assert state.offers[0].status == "settled"
    assert any(e.kind == "settled" for e in state.records[-1].entries)


def test_rule_an_unanswered_offer_lapses_when_its_addressee_ends_its_move(game: GameState) -> None:
    state = play(game, "offer border=middle", "end", "end")
    assert state.offers[0].status == "lapsed"


def test_rule_counter_rejects_and_proposes_in_one_action(game: GameState) -> None:
    state = play(game, "offer border=middle", "end")
    state = state.apply(Counter("south", offer_id=1, terms=(("border", "south_line"),)))
    assert state.offers[0].status == "rejected"
    assert state.offers[1].proposer == "south"


def test_rule_deal_ends_the_game_when_every_issue_is_settled(game: GameState) -> None:
    state = play(game, "offer border=middle trade=open", "end", "accept 1", "end", "accept 1", "end")
    assert state.is_over()
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "deal" and outcome.complete
    assert outcome.terms == {"border": "middle", "trade": "open"}


def test_rule_first_agreed_offer_wins_a_conflict(game: GameState) -> None:
    # North offers the border; South accepts. South offers border+trade; Broker accepts; North accepts later?
    state = play(game, "offer border=middle", "end", "accept 1", "offer border=middle trade=open", "end")
    state = play(state, "accept 2", "end")  # broker accepts #2 (north has accepted #1 as proposer)
    # #2 still awaits north (a signatory of border); north moves first next turn, so #2 is open.
    assert state.settled == {"border": "middle"}
    assert state.offers[1].status == "void"


def test_rule_lever_costs_action_points_and_resolves_at_the_end_of_the_turn(game: GameState) -> None:
    state = play(game, "end", "end")
    before = state.meter("support", "south")
    tension = state.meter("tension")
    state = state.apply(UseLever("broker", lever="squeeze", target="south"))
    assert state.action_points["broker"] == 0
    assert state.meter("support", "south") == before  # not yet
    hidden = [e for e in view(state, "south").log if e.kind == "lever_queued"]
    assert hidden == []  # other actors cannot see a queued lever
    state = state.apply(EndTurn("broker"))
    assert state.meter("support", "south") == before - 10
    assert state.deal_bonus["south"] == pytest.approx(0.2)
    assert state.records[-1].meters["tension"] == pytest.approx(tension + 5)  # the lever's cost


def test_rule_lever_cooldown_and_uses(game: GameState) -> None:
    state = game.apply(UseLever("north", lever="speech"))
    state = end_turn(state)
    state = play(state, "end", "end")
    with pytest.raises(IllegalActionError, match="no uses left"):
        state.apply(UseLever("north", lever="speech"))


def test_rule_lever_target_must_be_allowed(game: GameState) -> None:
    state = play(game, "end", "end")
    with pytest.raises(IllegalActionError, match="aimed at one of"):
        state.apply(UseLever("broker", lever="squeeze", target="north"))


def test_rule_no_deal_values_move_with_their_drivers_and_drift(game: GameState) -> None:
    assert game.reservation("broker") == pytest.approx(0.4)
    state = end_turn(game)
    assert state.reservation("broker") == pytest.approx(0.35)
    tension = state.meter("tension")
    assert state.reservation("south") == pytest.approx(max(0.0, 0.3 - 0.01 * (tension - 10.0)))


def test_rule_breaking_a_public_red_line_has_an_audience_cost(game: GameState) -> None:
    state = game.apply(DeclareRedLine("north", issue="border", option="middle"))
    before = state.meter("support", "north")
    state = state.apply(MakeOffer("north", terms=BORDER_MIDDLE))
    assert state.meter("support", "north") == before - 20
    assert state.broken_commitments["north"] == 1


def test_rule_events_fire_on_their_turn(game: GameState) -> None:
    state = end_turn(game)
    assert any(e.data.get("event") == "storm" for e in state.entries)
    assert not any(e.data.get("event") == "storm" for e in game.entries)


def test_rule_walk_away_ending_when_patience_runs_out() -> None:
    state = new_game(make_scenario(rules__turns=10), seed=1)
    for _ in range(6):
        if state.is_over():
            break
        state = end_turn(state)
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "walk_away" and outcome.actor == "broker"
    assert outcome.turn == 6  # 30 patience, 5 per turn


def test_rule_deadline_ends_the_game(game: GameState) -> None:
    state = game
    for _ in range(4):
        state = end_turn(state)
    outcome = state.outcome()
    assert outcome is not None and outcome.ending == "deadline" and outcome.turn == 4
    with pytest.raises(IllegalActionError, match="over"):
        state.apply(EndTurn("north"))


def test_score_counts_unsettled_issues_at_the_final_no_deal_value(game: GameState) -> None:
    state = game
    for _ in range(4):
        state = end_turn(state)
    score = state.outcome().scores["broker"]  # type: ignore[union-attr]
    # Nothing settled: utility equals the final no-deal value (0.4 drifting -0.05 for 4 turns).
    assert score.utility == pytest.approx(0.2)
    assert score.breakdown["outcome"] == pytest.approx(100 * (0.2 - 0.4))


@pytest.mark.parametrize(
    "text",
    [
        "offer border=middle trade=open",
        "accept 3",
        "reject 2",
        "counter 1 border=middle",
        "lever squeeze south",
        "lever speech",
        "redline border=middle",
        "end",
    ],
)
def test_action_text_round_trips(text: str) -> None:
    assert str(parse_action(text, "north")) == text


@pytest.mark.parametrize("text", ["", "fly", "accept", "accept x", "offer border", "lever", "redline a=b c=d"])
def test_malformed_action_text_is_an_invalid_action(text: str) -> None:
    with pytest.raises(InvalidActionError):
        parse_action(text, "north")


def test_legal_actions_agree_with_apply(game: GameState) -> None:
    legal = game.legal_actions("north")
    actions = list(legal)
    assert EndTurn("north") in legal
    assert MakeOffer("north", terms=(("border", "south_line"),)) not in legal
    assert legal.count() == len(actions)
    for action in actions[:40]:
        game.apply(action)  # every listed action is accepted
    assert list(game.legal_actions("south")) == []


def test_rule_a_per_actor_meter_exists_only_for_its_holders() -> None:
    meters = [dict(m) for m in make_scenario().model_dump(mode="json")["meters"]]
    for meter in meters:
        if meter["id"] == "patience":
            meter["holders"] = ["broker"]
    scenario = make_scenario(meters=meters)
    state = new_game(scenario, seed=1)
    assert "patience@broker" in state.meters and "patience@north" not in state.meters
    assert scenario.holders("patience") == ["broker"]
    assert not any(e.data.get("changes") and "North Patience" in str(e.data["changes"]) for e in state.entries)
    assert set(view(state, "north").meters) == set(state.meters)


def test_core_copy_keeps_every_field_and_shares_no_container(game: GameState) -> None:
    """A forgotten slot in `Core.copy` would silently reset part of the state after every action."""
    from negotiator.engine.core import Core

    core = game.core
    copy = core.copy()
    for name in Core.__slots__:
        assert getattr(copy, name) == getattr(core, name), name
        value = getattr(core, name)
        if isinstance(value, list | dict | set):
            assert getattr(copy, name) is not value, f"{name} is shared between copies"
