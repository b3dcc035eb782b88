"""The setup screen offers the scenario's lesson plans: choosing one starts the game with the plan's deadline and
move timer (what the teacher's guide worked its minutes out for), by a click on the drop-down as a teacher would."""

from __future__ import annotations

import pygame
import pygame_gui
from table_helpers import ISTANBUL, click, frames

from negotiator.scenario import load_scenario
from negotiator.ui.app import App
from negotiator.ui.scenes.briefing import BriefingScene
from negotiator.ui.scenes.setup import SetupScene


def test_the_fifty_minute_plan_sets_the_deadline_and_the_timer(ui_app: App) -> None:
    scenario = load_scenario(ISTANBUL)
    plan = next(p for p in scenario.teaching.plans if p.minutes == 50)  # type: ignore[union-attr]
    setup = SetupScene(ui_app, ISTANBUL, scenario)
    ui_app.push(setup)
    frames(ui_app, 2)
    menu = next(w for w, (_, key) in setup.widgets.items() if key == "plan")
    assert isinstance(menu, pygame_gui.elements.UIDropDownMenu)
    assert menu.selected_option[0] == f"No lesson plan: {scenario.rules.turns} turns"
    event = pygame.event.Event(
        pygame_gui.UI_DROP_DOWN_MENU_CHANGED,
        {"ui_element": menu, "text": "Plan: 50 minutes, 5 turns", "selected_option_id": "0"},
    )
    menu.selected_option = ("Plan: 50 minutes, 5 turns", "0")
    setup.on_ui_event(event)
    frames(ui_app, 2)
    assert setup.plan == 0 and setup.facilitation.timer_seconds == plan.turn_timer_seconds == 60
    timer = next(w for w, (_, key) in setup.widgets.items() if key == "timer")
    assert timer.selected_option[0] == "1 min"  # the rebuilt drop-down shows the plan's timer
    click(ui_app, setup.start_button)
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene)
    session = briefing.session
    assert session.state.turns == plan.turns == 5
    assert session.facilitation.timer_seconds == 60
    setup.choose_plan(None)
    assert setup.game_settings().turns is None  # back to the scenario's own deadline
