"""Shared helpers for the table tests: an app, a session, clicks and key presses as posted events."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui

from negotiator.scenario import load_scenario
from negotiator.ui.app import App
from negotiator.ui.scenes.table import TableScene
from negotiator.ui.session import GameSession

ROOT = Path(__file__).resolve().parents[2]
ISTANBUL = ROOT / "scenarios" / "istanbul_talks.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def session_for(path: Path, humans: tuple[str, ...], seed: int = 3) -> GameSession:
    return GameSession.quick(path, load_scenario(path), seed, humans=humans)


def open_table(app: App, session: GameSession, **kwargs: object) -> TableScene:
    table = TableScene(app, session, speed=1000.0, **kwargs)  # type: ignore[arg-type]
    app.push(table)
    frames(app, 2)
    return table


def frames(app: App, n: int = 1) -> None:
    for _ in range(n):
        app.step(1 / 60)


def click(app: App, element: pygame_gui.core.UIElement) -> None:
    pos = element.get_abs_rect().center
    app.step(1 / 60, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app, 2)


def key(app: App, k: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    frames(app, 1)


def until(app: App, condition, limit: int = 3000) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        if condition():
            return
        frames(app, 1)
    raise AssertionError("condition never held")
