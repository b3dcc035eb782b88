"""A newcomer's whole path, by posted mouse clicks and key presses only: title -> New game -> scenario ->
setup (one human side) -> briefing -> the table, played to the end -> debrief, then the autosave is there."""

from __future__ import annotations

import pygame
from table_helpers import click, frames, key

from negotiator.engine.saves import latest_autosave
from negotiator.ui.app import App
from negotiator.ui.scenes.briefing import BriefingScene
from negotiator.ui.scenes.chooser import ScenarioChooser
from negotiator.ui.scenes.debrief import DebriefScene
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.setup import SetupScene
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.scenes.title import TitleScene


def test_a_newcomer_plays_from_the_title_to_the_debrief(ui_app: App) -> None:
    title = ui_app.top
    assert isinstance(title, TitleScene)
    new_game = next(button for button, name in title.menu.items() if name == "new_game")
    click(ui_app, new_game)
    chooser = ui_app.top
    assert isinstance(chooser, ScenarioChooser)
    click(ui_app, chooser.choose_button)
    setup = ui_app.top
    assert isinstance(setup, SetupScene) and setup.humans  # the first playable side is human by default
    me = setup.humans[0]
    click(ui_app, setup.start_button)
    briefing = ui_app.top
    assert isinstance(briefing, BriefingScene)
    click(ui_app, briefing.go_button)
    table = ui_app.top
    assert isinstance(table, TableScene)
    assert table.session.humans == (me,)

    for _ in range(3000):
        top = ui_app.top
        if isinstance(top, DebriefScene):
            break
        if isinstance(top, ResolutionScene):
            key(ui_app, pygame.K_RETURN)
        elif top is table and table.session.human_to_move == me and table.ctx.data.my_move:
            click(ui_app, table.panels["header"].end)  # type: ignore[attr-defined]
        else:
            frames(ui_app, 1)
    assert isinstance(ui_app.top, DebriefScene)
    assert table.session.state.is_over()
    frames(ui_app, 3)
    assert latest_autosave() is not None
