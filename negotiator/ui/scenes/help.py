"""The how-to-play overlay (F1 from anywhere)."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.ui import rich
from negotiator.ui.help_text import HOW_TO_PLAY
from negotiator.ui.scenes.dialog import Choice, Dialog


def help_html(scale: float, accent: str) -> str:
    parts = []
    for head, paragraphs in HOW_TO_PLAY:
        parts.append(rich.subheading(head, scale, accent))
        parts.extend(rich.para(p) for p in paragraphs)
    return "".join(parts)


class HelpOverlay(Dialog):
    name = "help"
    title = "How to play"
    default_choice = "close"

    def choices(self) -> list[Choice]:
        return [
            Choice(
                "tutorial", "Play the tutorial", "A short guided game, one step at a time (a game in progress is saved)"
            ),
            Choice("close", "Back to the game", "Close the help (Esc or F1)", primary=True),
        ]

    def on_choice(self, key: str) -> None:
        self.app.pop(self)
        if key == "tutorial":
            from negotiator.ui.flow import start_tutorial

            start_tutorial(self.app)

    def size(self) -> tuple[int, int]:
        return (860, 640)

    def build_body(self, rect: pygame.Rect) -> None:
        accent = "#" + "".join(f"{c:02x}" for c in self.app.palette["accent"][:3])
        UITextBox(
            help_html(self.app.settings.text_scale, accent),
            rect,
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@document"),
        )

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_F1:
            self.on_choice("close")
            return True
        return super().on_key(event)
