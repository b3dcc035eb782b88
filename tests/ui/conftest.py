"""UI test fixtures: a headless app at 1280x720 on the title screen."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from negotiator.ui.app import App
from negotiator.ui.scenes.title import TitleScene
from negotiator.ui.settings import Settings


@pytest.fixture
def ui_app() -> Iterator[App]:
    application = App(Settings(), title_factory=TitleScene)
    application.reset_to_title()
    pygame.event.clear()
    yield application
    application.close()
