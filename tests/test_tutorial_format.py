"""The optional `tutorial:` section: loaded into the model, checked by the validator, absent elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.scenario import ScenarioError, load_scenario, load_scenario_text
from negotiator.ui.facilitation import Facilitation

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def edited(old: str, new: str) -> str:
    text = TUTORIAL.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def warnings_for(text: str) -> list[str]:
    found: list = []
    load_scenario_text(text, "t.yaml", warnings=found)
    return [f"{p.field}: {p.message}" for p in found]


def test_the_shipped_tutorial_carries_every_mechanic_as_a_step() -> None:
    tutorial = load_scenario(TUTORIAL).tutorial
    assert tutorial is not None
    goals = [s.done_when for s in tutorial.steps]
    for goal in ("brief_read", "offer_sent", "offer_answered", "lever_used", "red_line_declared", "move_ended"):
        assert goal in goals
    assert goals[-1] == "debrief_read"


def test_other_scenarios_have_no_tutorial() -> None:
    assert load_scenario(ROOT / "scenarios" / "istanbul_talks.yaml").tutorial is None


def test_an_unknown_goal_is_an_error_that_names_the_field() -> None:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(edited("done_when: lever_used", "done_when: lever_pulled"), "t.yaml")
    assert any("done_when" in p.field for p in info.value.problems)


def test_a_step_waiting_for_what_an_earlier_one_waits_for_is_a_warning() -> None:
    found = warnings_for(edited("done_when: lever_used", "done_when: offer_sent"))
    assert any("tutorial.steps[2].done_when" in w and "would pass at once" in w for w in found)


def test_a_timer_suggestion_in_a_tutorial_is_a_warning_and_never_offered() -> None:
    text = edited("  facilitator_notes: >-", "  turn_timer_seconds: 120\n  facilitator_notes: >-")
    assert any(w.startswith("teaching.turn_timer_seconds") for w in warnings_for(text))
    scenario = load_scenario_text(text, "t.yaml")
    assert Facilitation.for_scenario(scenario).timer_seconds is None
    without = load_scenario_text(text.split("\ntutorial:")[0], "t.yaml")
    assert Facilitation.for_scenario(without).timer_seconds == 120


def test_the_shipped_tutorial_validates_without_warnings() -> None:
    assert warnings_for(TUTORIAL.read_text(encoding="utf-8")) == []
