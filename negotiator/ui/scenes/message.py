"""A plain message with a Close button: notices such as "settings reset" or "game saved"."""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UITextBox

from negotiator.ui import rich
from negotiator.ui.app import App
from negotiator.ui.scenes.dialog import Dialog


class MessageDialog(Dialog):
    name = "message"
    default_choice = "close"

    def __init__(self, app: App, title: str, body: str) -> None:
        super().__init__(app)
        self.title = title
        self.body = body

    def size(self) -> tuple[int, int]:
        return (600, 300)

    def build_body(self, rect: pygame.Rect) -> None:
        UITextBox(
            rich.esc(self.body),
            rect,
            manager=self.app.manager,
            container=self.card,
            object_id=ObjectID(class_id="@body"),
        )
