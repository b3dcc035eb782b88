"""F9 works on every screen of a game (issue 14): over the privacy hand-over and the turn summary the teacher's
panel opens without any team's table under it, and closing it returns to the same screen."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, click, frames, key, open_table, session_for, until

from negotiator.ui.app import App
from negotiator.ui.scenes.facilitator import FacilitatorPanel, PinDialog
from negotiator.ui.scenes.resolution import ResolutionScene
from negotiator.ui.scenes.table import HandOver, TableScene


def _to(app: App, table: TableScene, wanted: type) -> object:
    """Play on (ending the human moves) until a screen of type `wanted` is on top."""

    def there() -> bool:
        top = app.top
        if isinstance(top, wanted):
            return True
        if isinstance(top, (ResolutionScene, HandOver)):
            key(app, pygame.K_RETURN)
        elif top is table and table.ctx.data.my_move:
            click(app, table.panels["header"].end)  # type: ignore[attr-defined]
        return False

    until(app, there)
    return app.top


def test_f9_over_the_hand_over_opens_the_panel_with_no_table_shown(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    table = open_table(ui_app, session)
    screen = _to(ui_app, table, HandOver)
    key(ui_app, pygame.K_F9)
    assert isinstance(ui_app.top, FacilitatorPanel)
    assert table.seat is None, "no team's table is open under the panel"
    key(ui_app, pygame.K_F9)  # closes it again
    assert ui_app.top is screen


def test_f9_over_the_turn_summary_opens_the_panel(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    table = open_table(ui_app, session)
    screen = _to(ui_app, table, ResolutionScene)
    key(ui_app, pygame.K_F9)
    assert isinstance(ui_app.top, FacilitatorPanel)
    key(ui_app, pygame.K_ESCAPE)
    assert ui_app.top is screen


def test_f9_asks_for_the_pin_when_one_is_set(ui_app: App) -> None:
    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    session.facilitation.set_pin("4321")
    table = open_table(ui_app, session)
    _to(ui_app, table, HandOver)
    key(ui_app, pygame.K_F9)
    assert isinstance(ui_app.top, PinDialog)


def test_pause_blanks_the_table(ui_app: App) -> None:
    from negotiator.ui.scenes.pause import PauseScreen

    session = session_for(ISTANBUL, ("kyiv", "moscow"))
    table = open_table(ui_app, session)
    until(ui_app, lambda: _to(ui_app, table, TableScene) is table and table.seat is not None)
    assert table.root is not None and table.root.visible
    session.facilitation.paused = True
    ui_app.push(PauseScreen(ui_app, session))
    frames(ui_app, 2)
    assert not table.root.visible, "a paused team's table stays readable"
    session.facilitation.paused = False
    frames(ui_app, 3)
    assert ui_app.top is table and table.root.visible
