"""Every number a brief gives a seat is the number that seat sees at its first move (issue 14)."""

from __future__ import annotations

import re

import pytest

from negotiator.classroom.briefs import role_brief, rules_handout, teacher_guide
from negotiator.classroom.describe import red_line_items
from negotiator.engine.players import make_ais, role_settings
from negotiator.engine.state import GameSettings, new_game
from negotiator.engine.view import ActorView, view
from negotiator.scenario import load_scenario
from negotiator.scenario.models import Scenario
from tests.classroom.conftest import SCENARIOS, page_text


def first_moves(scenario: Scenario, seed: int) -> dict[str, ActorView]:
    """The view each negotiating seat has when its first move begins, in an AI game."""
    state = new_game(scenario, seed, GameSettings(roles=role_settings(scenario)))
    ais = make_ais(scenario, seed)
    seen: dict[str, ActorView] = {}
    while not state.is_over() and len(seen) < len(scenario.negotiators):
        actor = state.current_actor
        assert actor is not None
        seen.setdefault(actor, view(state, actor))
        state = state.apply(ais[actor].decide(view(state, actor)))
    return seen


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
@pytest.mark.parametrize("seed", [1, 7, 23])
def test_role_brief_numbers_match_the_first_move(path: object, seed: int) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    seen = first_moves(scenario, seed)
    for actor in scenario.playable:
        v = seen[actor.id]
        text = page_text(role_brief(scenario, actor.id))
        assert f"failing to agree is worth {v.reservation:.2f} to you" in text, actor.id
        stated = re.findall(r"failing to agree is worth (\S+) to you", text)
        assert stated == [f"{v.reservation:.2f}"], (actor.id, stated)
        rules = page_text(rules_handout(scenario))  # the same for every seat
        assert f"you have {v.action_points} action points per turn" in rules
        assert f"at most {v.turns} turns" in rules
        assert f"up to {v.offers_left} offer" in rules
        for lever in v.levers:
            if lever.lever.owner == actor.id:
                assert f"{lever.lever.cost} action point" in text


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_guide_quotes_the_first_move_no_deal_values(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    seen = first_moves(scenario, 3)
    text = page_text(teacher_guide(scenario))
    listed = ", ".join(f"{a.short_name} {seen[a.id].reservation:.2f}" for a in scenario.negotiators)
    assert f"No-deal values at the first move: {listed}." in text
    for actor in scenario.negotiators:
        assert f"failing to agree is worth {seen[actor.id].reservation:.2f} to it" in text


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_one_number_format_and_no_contradicting_red_lines(path: object) -> None:
    scenario = load_scenario(path)  # type: ignore[arg-type]
    for actor in scenario.playable:
        text = page_text(role_brief(scenario, actor.id))
        assert "out of 100" not in text
        has_reds = bool(red_line_items(scenario, actor.id))
        assert ("You have no absolute red lines" in text) is not has_reds
        assert ("You will never accept a package containing one of these" in text) is has_reds
