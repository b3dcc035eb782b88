"""The resolution screen scrolls when a turn has more lines than fit, without re-rendering its lines."""

from __future__ import annotations

import pygame
from table_helpers import ISTANBUL, frames, key, session_for

from negotiator.ui.app import App
from negotiator.ui.scenes.resolution import ResolutionScene


def _wheel_down() -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)


def _busiest_turn(app: App) -> ResolutionScene:
    session = session_for(ISTANBUL, (), seed=3)
    session.autosaves = False
    while session.step_ai():
        pass
    record = max(session.state.records, key=lambda r: len(r.entries))
    scene = ResolutionScene(app, session, record, None)
    app.push(scene)
    frames(app, 2)
    return scene


def test_overflowing_lines_can_be_scrolled_back(ui_app: App) -> None:
    ui_app.resize((1024, 600))
    scene = _busiest_turn(ui_app)
    key(ui_app, pygame.K_SPACE)
    assert scene.shown == len(scene.blocks)
    assert scene.max_scroll > 0, "the test needs a turn with more lines than fit"
    blocks = list(scene.blocks)
    assert scene.scroll == scene.max_scroll and scene.hidden_lines()[0] > 0  # the newest lines are in view

    key(ui_app, pygame.K_HOME)
    assert scene.scroll == 0 and scene.hidden_lines() == (0, scene.hidden_lines()[1])
    assert scene.hidden_lines()[1] > 0
    key(ui_app, pygame.K_DOWN)
    assert scene.scroll > 0
    key(ui_app, pygame.K_PAGEDOWN)
    key(ui_app, pygame.K_PAGEUP)
    key(ui_app, pygame.K_UP)
    assert scene.scroll == 0

    pygame.event.post(_wheel_down())
    frames(ui_app, 1)
    assert scene.scroll > 0
    for _ in range(100):
        pygame.event.post(_wheel_down())
    frames(ui_app, 1)
    assert scene.scroll == scene.max_scroll and scene.follow
    assert all(a is b for a, b in zip(blocks, scene.blocks, strict=True)), "scrolling must not re-render the lines"


def test_a_short_turn_does_not_scroll(ui_app: App) -> None:
    ui_app.resize((1920, 1080))
    scene = _busiest_turn(ui_app)
    scene.reveal(1)
    key(ui_app, pygame.K_DOWN)
    assert scene.scroll == 0 and scene.hidden_lines() == (0, 0)
