"""Every scene at the smallest window with the largest text (and interface scale): sibling buttons never overlap,
and every button stays inside the window."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pygame
import pytest
from pygame_gui.elements import UIButton
from scene_catalogue import SCENES, open_scene

from negotiator.ui.app import App
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.settings import MIN_WINDOW, TEXT_SCALE, Settings

LARGEST_TEXT = max(TEXT_SCALE, key=TEXT_SCALE.__getitem__)


@pytest.fixture(params=[1.0, 1.25], ids=["scale100", "scale125"])
def small_app(request: pytest.FixtureRequest) -> Iterator[App]:
    settings = Settings(window_size=MIN_WINDOW, text_size=LARGEST_TEXT, ui_scale=request.param)
    application = App(settings, title_factory=TitleScene)
    application.reset_to_title()
    pygame.event.clear()
    yield application
    application.close()


def _buttons(app: App) -> list[UIButton]:
    scene = app.top
    assert scene is not None
    return [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, UIButton) and e.visible and scene.owns(e) and e.get_abs_rect().width > 0
    ]


def _scrolled(element: UIButton) -> bool:
    """Whether a container above the button clips it (a scrolling list's button out of view)."""
    rect = element.get_abs_rect()
    node = element.ui_container
    for _ in range(16):
        if node is None:
            return False
        if not node.get_abs_rect().contains(rect):
            return True
        node = node.ui_container
    return False


@pytest.mark.parametrize("name", list(SCENES))
def test_sibling_buttons_do_not_overlap(small_app: App, name: str) -> None:
    open_scene(small_app, name)
    assert small_app.size == MIN_WINDOW
    buttons = _buttons(small_app)
    assert buttons, f"{name} has no buttons"
    window = pygame.Rect(0, 0, *MIN_WINDOW)
    by_parent: dict[int, list[UIButton]] = {}
    for b in buttons:
        by_parent.setdefault(id(b.ui_container), []).append(b)
        if not _scrolled(b):  # a scrolling list's buttons may sit out of view; the list itself is checked
            assert window.contains(b.get_abs_rect()), f"{name}: {b.text!r} leaves the window"
    for siblings in by_parent.values():
        for a, b in itertools.combinations(siblings, 2):
            ra, rb = a.get_abs_rect(), b.get_abs_rect()
            assert not ra.colliderect(rb), f"{name}: {a.text!r} {ra} overlaps {b.text!r} {rb}"
