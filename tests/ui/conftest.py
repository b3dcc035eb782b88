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


@pytest.fixture
def cuts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every string the painter (or a label) had to shorten with an ellipsis while the test ran."""
    from negotiator.ui.table import paint

    seen: list[str] = []
    real = paint.ellipsis

    def spy(font, string: str, width: int) -> str:  # type: ignore[no-untyped-def]
        out = real(font, string, width)
        if out != string:
            seen.append(string)
        return out

    monkeypatch.setattr(paint, "ellipsis", spy)
    return seen
