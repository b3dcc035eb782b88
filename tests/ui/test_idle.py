"""A still window draws nothing: frames are drawn after input, while something moves, or when told."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, frames, open_table, session_for
from test_table import first_playable, wait_for_my_move

from negotiator.ui.app import FPS, SETTLE, App

SETTLED = int(SETTLE * FPS) + 2  # frames after which the last input's fades and tooltips are done


def drawn_during(app: App, n: int) -> int:
    before = app.drawn_frames
    frames(app, n)
    return app.drawn_frames - before


def test_the_title_rests_until_input_arrives(ui_app: App) -> None:
    frames(ui_app, SETTLED)
    assert drawn_during(ui_app, 60) == 0
    assert ui_app.idle
    move = pygame.event.Event(pygame.MOUSEMOTION, pos=(300, 300), rel=(1, 1), buttons=(0, 0, 0))
    ui_app.step(1 / FPS, [move])
    assert not ui_app.idle and drawn_during(ui_app, 10) == 10  # hover fades and tooltips get their frames
    ui_app.invalidate()
    frames(ui_app, SETTLED)
    assert drawn_during(ui_app, 30) == 0


def test_a_table_draws_while_the_computer_moves_and_rests_on_the_players_turn(ui_app: App) -> None:
    me = first_playable(ISTANBUL)
    session = session_for(ISTANBUL, (me,))
    session.autosaves = False
    table = open_table(ui_app, session)
    if session.human_to_move is None:
        assert drawn_during(ui_app, 5) == 5  # the computer is moving: every frame is drawn
    wait_for_my_move(ui_app, table)
    frames(ui_app, SETTLED)
    assert drawn_during(ui_app, 60) == 0  # waiting for the player, no timer: nothing to draw
    session.facilitation.set_timer(120)  # a move timer counts down on screen
    assert drawn_during(ui_app, 5) == 5
    session.facilitation.set_timer(None)
    ui_app.push(ui_app.title_factory(ui_app))  # a scene opening is drawn at once
    assert drawn_during(ui_app, 1) == 1
